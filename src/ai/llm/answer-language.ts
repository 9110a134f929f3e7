/**
 * Which language the assistant answers in: the traveler's when it is one of the configured
 * languages, else the default one. Codes are BCP 47 ("en", "pt-BR"); "pt" matches "pt-BR". Pure.
 */
export function matchConfiguredLanguage(
  language: string | undefined,
  languages: readonly string[],
): string | undefined {
  if (!language) return undefined;
  const wanted = language.trim().toLowerCase();
  const exact = languages.find((code) => code.toLowerCase() === wanted);
  if (exact) return exact;
  const base = wanted.split(/[-_]/)[0];
  return languages.find((code) => code.toLowerCase().split('-')[0] === base);
}

/** "fr" → "French"; the code itself when the runtime does not know it. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
