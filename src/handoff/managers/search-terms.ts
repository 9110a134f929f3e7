/** Fewer digits than this would match half the contacts: the query is then not read as a number. */
export const MIN_PHONE_DIGITS = 4;
/** From this many digits a query is a whole number, whose leading zeros are a dialling prefix. */
const WHOLE_NUMBER_DIGITS = 8;

/**
 * The digits to look for in contacts' numbers when `query` reads as a phone number
 * ("+1 555 222 0001", "(555) 222-0001", "whatsapp:+15552220001", the last four digits a
 * masked number shows), else null: a confirmation number such as "AB12CD" or a name is
 * not a number. A whole number loses its leading zeros (a national "0" trunk prefix or an
 * international "00": stored numbers are E.164 and are matched by containment); a few
 * digits keep them ("0001" is the end of a number).
 */
export function phoneDigits(query: string): string | null {
  const withoutScheme = query.trim().replace(/^[a-z]+:/i, '');
  if (!/^[\d\s+().\-/]+$/.test(withoutScheme)) return null;
  const all = withoutScheme.replace(/\D/g, '');
  const digits = all.length >= WHOLE_NUMBER_DIGITS ? all.replace(/^0+/, '') : all;
  return digits.length >= MIN_PHONE_DIGITS ? digits : null;
}

/** `text` matched literally inside a LIKE / ILIKE pattern (backslash is PostgreSQL's default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
