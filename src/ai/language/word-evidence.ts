import { foldText } from './fold-text';
import type { AddEvidence } from './script-evidence';
import { WORD_LISTS } from './word-lists';
import { wordShapeEvidence } from './word-shapes';

/** Folded word → [language, weight] for each list holding it; a shared word is split between its lists. */
const WORD_EVIDENCE: ReadonlyMap<string, ReadonlyArray<readonly [string, number]>> = buildWordEvidence();

function buildWordEvidence(): Map<string, Array<readonly [string, number]>> {
  const strengths = new Map<string, Map<string, number>>();
  for (const [language, list] of Object.entries(WORD_LISTS)) {
    for (const entry of list.split(/\s+/)) {
      if (!entry) continue;
      const weak = entry.startsWith('~');
      const word = foldText(weak ? entry.slice(1) : entry);
      const byLanguage = strengths.get(word) ?? new Map<string, number>();
      byLanguage.set(language, weak ? 0.5 : 1);
      strengths.set(word, byLanguage);
    }
  }
  return new Map(
    [...strengths].map(([word, byLanguage]) => [
      word,
      [...byLanguage].map(([language, strength]) => [language, strength / byLanguage.size] as const),
    ]),
  );
}

/** Evidence from the text's words: listed words, else the shape of longer ones. */
export function addWordEvidence(text: string, add: AddEvidence): void {
  const folded = foldText(text);
  // Words split after an apostrophe, which stays on the left part: "j'ai" → "j'", "ai".
  for (const [token] of folded.matchAll(/[\p{L}\p{N}]+'?/gu)) {
    // Booking references and flight numbers ("K7Q2ZB", "AF1234") are no language.
    if (/\p{N}/u.test(token)) continue;
    const evidence =
      WORD_EVIDENCE.get(token) ??
      (token.endsWith("'") ? WORD_EVIDENCE.get(token.slice(0, -1)) : undefined) ??
      wordShapeEvidence(token);
    for (const [language, weight] of evidence) add(language, weight);
  }
  // Catalan's "ela geminada" (col·lecció) splits a word in two, so it is looked for here.
  if (folded.includes('l·l')) add('ca', 1);
}
