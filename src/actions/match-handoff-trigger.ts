import { normalizeText } from '../ai/retrieval/normalize';

/**
 * The message-level handoff triggers (issue #6 adds the rest): a configured
 * keyword, or the traveler asking for a person. Pure: phrases match as whole
 * words, in any case, with or without accents.
 */
export interface MessageTriggers {
  keywords: readonly string[];
  askForHuman: { enabled: boolean; phrases: Readonly<Record<string, readonly string[]>> };
}

export interface TriggerMatch {
  trigger: 'keyword' | 'ask_for_human';
  reason: string;
}

/** Padded with spaces, so a phrase matches only as whole words. */
function normalize(text: string): string {
  return ` ${normalizeText(text)
    .replace(/[’']/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim()} `;
}

function contains(haystack: string, phrase: string): boolean {
  const needle = normalize(phrase);
  return needle.trim() !== '' && haystack.includes(needle);
}

/**
 * The first of `phrases` found in `text` as whole words (any case, with or without accents),
 * as written in `phrases`; undefined when none is. Shared by the handoff keywords and the rules.
 */
export function findPhrase(text: string, phrases: readonly string[]): string | undefined {
  const message = normalize(text);
  return phrases.find((phrase) => contains(message, phrase));
}

export function matchHandoffTrigger(text: string, triggers: MessageTriggers): TriggerMatch | null {
  const keyword = findPhrase(text, triggers.keywords);
  if (keyword) return { trigger: 'keyword', reason: `keyword "${keyword}"` };
  if (triggers.askForHuman.enabled && findPhrase(text, Object.values(triggers.askForHuman.phrases).flat())) {
    return { trigger: 'ask_for_human', reason: 'traveler asked for a person' };
  }
  return null;
}
