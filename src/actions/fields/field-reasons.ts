import { renderMessage } from '../../core/render-message';
import { baseLanguage } from './normalize-answer';

/**
 * Why an answer was not accepted, in words for travelers (said before the field's prompt is
 * asked again, unless the field has its own invalidMessage). English is the fallback.
 */
const reasons = {
  empty: {
    en: 'I did not get an answer.',
    fr: "Je n'ai pas reçu de réponse.",
    es: 'No he recibido respuesta.',
  },
  textTooLong: {
    en: 'That is a bit long: please keep it under {max} characters.',
    fr: 'C’est un peu long : merci de rester sous {max} caractères.',
    es: 'Es un poco largo: por favor, no superes los {max} caracteres.',
  },
  patternMismatch: {
    en: 'That does not look right, please check it.',
    fr: 'Cela ne semble pas correct, merci de vérifier.',
    es: 'Eso no parece correcto, por favor revísalo.',
  },
  dateUnreadable: {
    en: 'I could not read a date there. Please write it like 12 June 2027.',
    fr: "Je n'ai pas compris la date. Écrivez-la par exemple 12 juin 2027 ou 12/06/2027.",
    es: 'No he entendido la fecha. Escríbela por ejemplo 12 de junio de 2027 o 12/06/2027.',
  },
  dateInvalid: {
    en: 'That date does not exist. Please check the day and the month.',
    fr: "Cette date n'existe pas. Merci de vérifier le jour et le mois.",
    es: 'Esa fecha no existe. Por favor, revisa el día y el mes.',
  },
  datePast: {
    en: 'That date is in the past. Please give a date from today on.',
    fr: 'Cette date est passée. Merci d’indiquer une date à partir d’aujourd’hui.',
    es: 'Esa fecha ya ha pasado. Por favor, indica una fecha a partir de hoy.',
  },
  rangeUnreadable: {
    en: 'I could not read the dates. Please write the first and the last day, like 12 to 19 June.',
    fr: "Je n'ai pas compris les dates. Indiquez le premier et le dernier jour, par exemple du 12 au 19 juin.",
    es: 'No he entendido las fechas. Indica el primer y el último día, por ejemplo del 12 al 19 de junio.',
  },
  rangeNeedsEnd: {
    en: 'I need both the first and the last day, like 12 to 19 June.',
    fr: "J'ai besoin du premier et du dernier jour, par exemple du 12 au 19 juin.",
    es: 'Necesito el primer y el último día, por ejemplo del 12 al 19 de junio.',
  },
  rangeEndBeforeStart: {
    en: 'The last day is before the first one. Please check the dates.',
    fr: 'Le dernier jour est avant le premier. Merci de vérifier les dates.',
    es: 'El último día es anterior al primero. Por favor, revisa las fechas.',
  },
  rangePast: {
    en: 'Those dates start in the past. Please give dates from today on.',
    fr: 'Ces dates commencent dans le passé. Merci d’indiquer des dates à partir d’aujourd’hui.',
    es: 'Esas fechas empiezan en el pasado. Por favor, indica fechas a partir de hoy.',
  },
  emailInvalid: {
    en: 'That does not look like an email address (like name@example.com).',
    fr: 'Cela ne ressemble pas à une adresse e-mail (comme nom@exemple.fr).',
    es: 'Eso no parece una dirección de correo (como nombre@ejemplo.es).',
  },
  phoneNeedsCountryCode: {
    en: 'Please include the country code, starting with + (like +33 6 12 34 56 78).',
    fr: 'Merci d’ajouter l’indicatif du pays, avec un + (par exemple +33 6 12 34 56 78).',
    es: 'Por favor, incluye el prefijo del país, con un + (por ejemplo +34 612 34 56 78).',
  },
  phoneInvalid: {
    en: 'That does not look like a phone number. Please write it with the country code, like +33 6 12 34 56 78.',
    fr: 'Cela ne ressemble pas à un numéro de téléphone. Écrivez-le avec l’indicatif, par exemple +33 6 12 34 56 78.',
    es: 'Eso no parece un número de teléfono. Escríbelo con el prefijo, por ejemplo +34 612 34 56 78.',
  },
  numberUnreadable: {
    en: 'Please answer with a number, like 12.',
    fr: 'Merci de répondre par un nombre, par exemple 12.',
    es: 'Por favor, responde con un número, por ejemplo 12.',
  },
  numberSeveral: {
    en: 'Please answer with just one number.',
    fr: 'Merci de répondre par un seul nombre.',
    es: 'Por favor, responde con un solo número.',
  },
  numberNegative: {
    en: 'The number cannot be negative.',
    fr: 'Le nombre ne peut pas être négatif.',
    es: 'El número no puede ser negativo.',
  },
  choiceUnknown: {
    en: 'Please choose {choices}.',
    fr: 'Merci de choisir {choices}.',
    es: 'Por favor, elige {choices}.',
  },
  choiceAmbiguous: {
    en: 'That could be {choices}: please write it in full.',
    fr: 'Cela peut être {choices} : merci de l’écrire en entier.',
    es: 'Puede ser {choices}: por favor, escríbelo completo.',
  },
} as const satisfies Record<string, { en: string; fr: string; es: string }>;

export type FieldReasonCode = keyof typeof reasons;

export function fieldReason(code: FieldReasonCode, language: string, values: Record<string, string> = {}): string {
  const texts: Record<string, string> = reasons[code];
  return renderMessage(texts[baseLanguage(language)] ?? texts.en ?? '', values);
}

/** "France, South Korea or United States", in the traveler's language. */
export function listAlternatives(items: readonly string[], language: string): string {
  try {
    return new Intl.ListFormat(language, { type: 'disjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}
