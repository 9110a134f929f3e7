import { baseLanguage } from '../fields/normalize-answer';

/**
 * What the custom-action form itself says (the prompts are the operator's). English is the
 * fallback; {lines} is one "Label: value" line per field.
 */
const texts = {
  confirm: {
    en: 'Please confirm:\n{lines}\nReply YES to confirm or tell me what to change.',
    fr: 'Merci de confirmer :\n{lines}\nRépondez OUI pour confirmer ou dites-moi ce qu’il faut changer.',
    es: 'Por favor, confirma:\n{lines}\nResponde SÍ para confirmar o dime qué hay que cambiar.',
  },
  whichDetail: {
    en: 'Which detail should I change? Reply with its number:\n{lines}',
    fr: 'Quel détail dois-je changer ? Répondez avec son numéro :\n{lines}',
    es: '¿Qué dato debo cambiar? Responde con su número:\n{lines}',
  },
  skipped: { en: '—', fr: '—', es: '—' },
} as const satisfies Record<string, { en: string; fr: string; es: string }>;

export function actionRunText(
  name: keyof typeof texts,
  languages: readonly string[],
  values: Record<string, string> = {},
): string {
  const byLanguage: Record<string, string> = texts[name];
  const found = languages.map((language) => byLanguage[baseLanguage(language)]).find((text) => text !== undefined);
  return (found ?? byLanguage.en ?? '').replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
