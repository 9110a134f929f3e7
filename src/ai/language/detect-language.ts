import { bestLanguage, confidenceOver, languageScores } from './language-scores';
import { baseLanguage, matchCandidate } from './match-candidate';

export interface DetectLanguageOptions {
  /** Returned as `language` when no candidate is detected confidently. */
  fallback?: string;
  /** Confidence (0–1) below which the text does not count as detected; default 0.5. */
  minConfidence?: number;
}

export interface DetectedLanguage {
  /** A candidate, spelled as given ("pt-BR"); undefined when there is not enough evidence for one. */
  language: string | undefined;
  /** How sure detection is of the best-supported language, a candidate or not (0–1). */
  confidence: number;
}

/** About two clear words ("mon vol", "where is"), or a word of a script of its own ("감사합니다"). */
const MIN_CONFIDENCE = 0.5;
/** Leaving the conversation's language takes a clear sentence (a lead of about three words over it). */
const SWITCH_CONFIDENCE = 0.65;
/** Letters (a CJK character counts twice) a message needs before it may change the language. */
const SWITCH_MIN_LETTERS = 12;
const WIDE_LETTER = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * The language of a traveler's message among the configured candidates (BCP 47 codes,
 * matched on the base language and returned as the candidate spells it). Scripts of one
 * language decide at once (Hangul → ko, kana → ja, Han alone → zh, Arabic, Hebrew,
 * Greek, Thai, Devanagari); Latin and Cyrillic text is scored on common words, word
 * shapes and distinctive letters. Short or wordless messages ("ok", "K7Q2ZB", "12 June",
 * 👍) give undefined, so the caller keeps the language it knew. When the best-supported
 * language is not a candidate the answer is undefined too, never the nearest candidate
 * (Spanish is not taken for Portuguese). Pure, deterministic, no dependencies.
 */
export function detectLanguage(
  text: string,
  candidates: readonly string[],
  options: DetectLanguageOptions = {},
): DetectedLanguage {
  const { language, confidence } = bestLanguage(languageScores(text));
  const detected =
    language !== undefined && confidence >= (options.minConfidence ?? MIN_CONFIDENCE)
      ? matchCandidate(language, candidates)
      : undefined;
  return { language: detected ?? options.fallback, confidence };
}

/**
 * The conversation's language after a new message. Sticky: a known language (one of the
 * candidates) gives way only to a message long enough, detected as another candidate and
 * far ahead of the known language itself, so "ok", "merci beaucoup", a pasted address or
 * "Hola, my flight is late" in a Spanish conversation change nothing. An unknown one
 * takes the message's language when detected and otherwise stays unknown (undefined), so
 * the next message may still decide — unless the traveler plainly writes a language that
 * is not a candidate: then it settles on `defaultLanguage`, the language replies go out in.
 */
export function updateConversationLanguage(
  previous: string | undefined,
  text: string,
  candidates: readonly string[],
  defaultLanguage: string,
): string | undefined {
  const scores = languageScores(text);
  const { language, confidence } = bestLanguage(scores);
  const detected = language !== undefined && confidence >= MIN_CONFIDENCE ? language : undefined;
  const candidate = detected === undefined ? undefined : matchCandidate(detected, candidates);
  const long = countLetters(text) >= SWITCH_MIN_LETTERS;
  const current = previous === undefined ? undefined : matchCandidate(previous, candidates);

  if (current === undefined) {
    if (candidate !== undefined) return candidate;
    return detected !== undefined && long && confidence >= SWITCH_CONFIDENCE ? defaultLanguage : undefined;
  }
  if (detected === undefined || candidate === undefined || !long) return current;
  // "pt" detected in a "pt-PT" conversation is no change, even if "pt-BR" is listed first.
  if (baseLanguage(detected) === baseLanguage(current)) return current;
  const lead = confidenceOver(scores.get(detected) ?? 0, scores.get(baseLanguage(current)) ?? 0);
  return lead >= SWITCH_CONFIDENCE ? candidate : current;
}

function countLetters(text: string): number {
  let count = 0;
  for (const [word] of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    if (/\p{N}/u.test(word)) continue;
    for (const char of word) count += WIDE_LETTER.test(char) ? 2 : 1;
  }
  return count;
}
