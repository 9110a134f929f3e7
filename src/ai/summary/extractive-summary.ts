import { splitSentences } from '../answer/local-answerer';
import { trimText } from '../answer/trim-text';
import { analyze } from '../retrieval/normalize';

export interface SummaryMessage {
  author: 'traveler' | 'ai' | 'specialist' | 'system';
  text: string;
  at: Date;
}

/** Room kept for the "AI answered: …" note, at most a third of the summary. */
const aiNoteLength = 120;
const minTerms = 2;

/**
 * A summary without a language model, for the specialist taking over: the traveler's first
 * request, then the traveler's most informative later sentences (those adding the most
 * not-yet-covered terms, a term weighing more the more often the traveler used it, and
 * triple when it holds a digit, as booking codes and dates do), in the
 * order they were written, repeats dropped; then a short note of what the AI last answered.
 * Deterministic and pure.
 */
export function summarizeExtractively(messages: readonly SummaryMessage[], maxLength = 400): string {
  const ordered = [...messages].sort((a, b) => a.at.getTime() - b.at.getTime());
  const lastAi = ordered.filter((message) => message.author === 'ai' && message.text.trim() !== '').at(-1);
  const note = lastAi ? `AI answered: ${trimText(lastAi.text, Math.min(aiNoteLength, Math.floor(maxLength / 3)))}` : '';
  const budget = maxLength - (note ? note.length + 1 : 0);

  const sentences = ordered
    .filter((message) => message.author === 'traveler')
    .flatMap((message) => splitSentences(message.text))
    .map((text) => ({ text: endSentence(text.replace(/\s+/g, ' ').trim()), terms: new Set(analyze(text)) }));
  // "ok", "Hi, I'm Ana" carry next to nothing: a sentence counts from two meaningful terms.
  const informative = sentences.filter((sentence) => sentence.terms.size >= minTerms);
  const meaningful = informative.length > 0 ? informative : sentences.filter((sentence) => sentence.terms.size > 0);
  if (meaningful.length === 0) {
    const words = sentences.map((sentence) => sentence.text).join(' ');
    return trimText([words && `Traveler: ${words}`, note].filter(Boolean).join(' ') || 'No messages yet.', maxLength);
  }

  const frequency = new Map<string, number>();
  for (const sentence of meaningful)
    for (const term of sentence.terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  // Booking references, dates and flight numbers are what a specialist needs first.
  const weight = (term: string) => (1 + Math.log(frequency.get(term) ?? 1)) * (/\p{N}/u.test(term) ? 3 : 1);

  const prefix = 'Traveler: ';
  const first = meaningful[0] as (typeof meaningful)[number];
  const chosen = new Set([0]);
  const covered = new Set(first.terms);
  let length = prefix.length + first.text.length;
  for (;;) {
    let best = { index: -1, gain: 0 };
    meaningful.forEach((sentence, index) => {
      if (chosen.has(index) || length + 1 + sentence.text.length > budget) return;
      let gain = 0;
      for (const term of sentence.terms) if (!covered.has(term)) gain += weight(term);
      // Ties go to the earlier sentence, so the result does not depend on iteration quirks.
      if (gain > best.gain + 1e-9) best = { index, gain };
    });
    const picked = meaningful[best.index];
    if (!picked) break;
    chosen.add(best.index);
    for (const term of picked.terms) covered.add(term);
    length += 1 + picked.text.length;
  }
  const traveler = [...chosen]
    .sort((a, b) => a - b)
    .map((index) => meaningful[index]?.text)
    .join(' ');
  const travelerPart = trimText(`${prefix}${traveler}`, Math.max(budget, prefix.length + 1));
  return trimText([travelerPart, note].filter(Boolean).join(' '), maxLength);
}

/** Sentences from separate messages are joined, so each needs its own full stop. */
function endSentence(text: string): string {
  return /[.!?…:;]["')\]]*$/u.test(text) ? text : `${text}.`;
}
