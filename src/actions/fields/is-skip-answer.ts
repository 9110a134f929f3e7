import { baseLanguage, normalizeAnswer } from './normalize-answer';

/**
 * Answers that leave an optional field empty. English ones count in every language (travelers
 * mix them in); the whole answer must be one of them, so "no pets, but a stroller" is an answer.
 */
const skipAnswers: Readonly<Record<string, readonly string[]>> = {
  en: ['skip', 'none', 'no', 'nope', 'nothing', 'n a', 'na', 'no thanks', 'no thank you', 'nothing else', 'pass'],
  fr: ['passer', 'aucun', 'aucune', 'non', 'rien', 'non merci', 'rien d autre', 'rien de plus', 'je passe'],
  es: ['saltar', 'omitir', 'ninguno', 'ninguna', 'no', 'nada', 'no gracias', 'nada mas', 'paso'],
  pt: ['pular', 'nenhum', 'nenhuma', 'nao', 'nada', 'nao obrigado', 'nao obrigada'],
  de: ['uberspringen', 'keine', 'kein', 'nein', 'nichts', 'nein danke'],
  it: ['salta', 'nessuno', 'nessuna', 'no', 'niente', 'no grazie'],
};

export function isSkipAnswer(text: string, language: string): boolean {
  const trimmed = text.trim();
  if (/^[-–—_.]+$/u.test(trimmed)) return true;
  const said = normalizeAnswer(trimmed.replace(/'/g, ' '));
  const lists = [skipAnswers.en ?? [], skipAnswers[baseLanguage(language)] ?? []];
  return said !== '' && lists.some((list) => list.includes(said));
}
