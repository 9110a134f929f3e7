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

export function matchHandoffTrigger(text: string, triggers: MessageTriggers): TriggerMatch | null {
  const message = normalize(text);
  const keyword = triggers.keywords.find((k) => contains(message, k));
  if (keyword) return { trigger: 'keyword', reason: `keyword "${keyword}"` };
  if (triggers.askForHuman.enabled) {
    for (const phrases of Object.values(triggers.askForHuman.phrases)) {
      if (phrases.some((p) => contains(message, p)))
        return { trigger: 'ask_for_human', reason: 'traveler asked for a person' };
    }
  }
  return null;
}
