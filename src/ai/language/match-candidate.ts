// Codes that name the same language as a detected one: Norwegian Bokmål and Nynorsk,
// and the withdrawn codes for Hebrew and Indonesian that older systems still send.
const ALIASES: Readonly<Record<string, string>> = { nb: 'no', nn: 'no', iw: 'he', in: 'id' };

/** The base language of a BCP 47 code, as detection names it: "pt-BR" → "pt", "nb" → "no". */
export function baseLanguage(code: string): string {
  const base = (code.split('-')[0] ?? code).toLowerCase();
  return ALIASES[base] ?? base;
}

/**
 * The candidate naming `language`, as the candidate spells it: the same code (any case),
 * else the first with the same base language ("pt" matches "pt-BR"); undefined when none does.
 */
export function matchCandidate(language: string, candidates: readonly string[]): string | undefined {
  const code = language.toLowerCase();
  const base = baseLanguage(language);
  return (
    candidates.find((candidate) => candidate.toLowerCase() === code) ??
    candidates.find((candidate) => baseLanguage(candidate) === base)
  );
}
