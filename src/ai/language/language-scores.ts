import { type AddEvidence, addScriptEvidence } from './script-evidence';
import { addWordEvidence } from './word-evidence';

/** The best-supported language, whether or not it is wanted, and how sure that is (0–1). */
export interface LanguageGuess {
  language: string | undefined;
  confidence: number;
}

// A confident guess needs a lead of about two common words: one word ("yes", "Merci",
// "Room 214") is no evidence of a conversation's language. Evidence both languages share
// (Spanish and Catalan words) cancels out of the lead and adds only a little doubt.
const LEAD_DAMPING = 1.5;
const SHARED_DOUBT = 0.1;

/**
 * The evidence for each language that has any, in points of about one common word:
 * letters of a one-language script, distinctive letters, listed words and word shapes.
 */
export function languageScores(text: string): ReadonlyMap<string, number> {
  const scores = new Map<string, number>();
  const add: AddEvidence = (language, weight) => scores.set(language, (scores.get(language) ?? 0) + weight);
  addScriptEvidence(text, add);
  addWordEvidence(text, add);
  return scores;
}

/** How sure (0–1) a score makes a language over a rival's score: 0 for a tie, near 1 for a sentence. */
export function confidenceOver(score: number, rival: number): number {
  const lead = score - rival;
  return lead <= 0 ? 0 : lead / (lead + LEAD_DAMPING + SHARED_DOUBT * rival);
}

/** The highest-scoring language and its confidence over the runner-up. Deterministic. */
export function bestLanguage(scores: ReadonlyMap<string, number>): LanguageGuess {
  let best: string | undefined;
  let first = 0;
  let second = 0;
  for (const [language, score] of scores) {
    if (score > first) [best, first, second] = [language, score, first];
    else if (score > second) second = score;
  }
  return { language: best, confidence: confidenceOver(first, second) };
}
