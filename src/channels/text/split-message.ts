/**
 * Splits a long reply into messages of at most `limit` UTF-16 code units (how
 * Twilio counts: SMS 1600, WhatsApp 4096). Cuts prefer, in order, a paragraph
 * break, a line break, a sentence end, then any space — taking the last such
 * place in the second half of the window, so parts stay full. A word longer
 * than the limit is cut between graphemes, so an accented letter or a ZWJ
 * emoji family is never torn apart (only a single grapheme longer than the
 * limit is cut, between code points). Parts are trimmed and never empty;
 * empty or blank text gives no parts.
 */
export function splitMessage(text: string, limit: number): string[] {
  if (!Number.isInteger(limit) || limit < 2) {
    throw new RangeError(`splitMessage: limit must be an integer of at least 2 (a surrogate pair), got ${limit}`);
  }
  const units = toUnits(text, limit);
  const parts: string[] = [];
  let first = skipSpace(units, 0);
  let end = units.length;
  while (end > first && (units[end - 1] as Unit).space) end--;
  while (first < end) {
    const start = (units[first] as Unit).start;
    if ((units[end - 1] as Unit).end - start <= limit) {
      parts.push(text.slice(start, (units[end - 1] as Unit).end));
      break;
    }
    const cut = chooseCut(units, first, limit);
    parts.push(text.slice(start, (units[cut - 1] as Unit).end));
    first = skipSpace(units, cut);
  }
  return parts;
}

/** A grapheme (or, for a grapheme longer than the limit, one code point of it). */
interface Unit {
  start: number;
  end: number;
  text: string;
  space: boolean;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const SENTENCE_END = /[.!?…。！？]/;
const CLOSING = /["'”’»)\]]/;
/** Scripts written without spaces end sentences without a following space. */
const CJK_SENTENCE_END = /^[。！？]$/;

function toUnits(text: string, limit: number): Unit[] {
  const units: Unit[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const pieces = segment.length > limit ? Array.from(segment) : [segment];
    let offset = index;
    for (const piece of pieces) {
      units.push({ start: offset, end: offset + piece.length, text: piece, space: /^\s+$/.test(piece) });
      offset += piece.length;
    }
  }
  return units;
}

function skipSpace(units: readonly Unit[], from: number): number {
  let i = from;
  while (i < units.length && (units[i] as Unit).space) i++;
  return i;
}

const PARAGRAPH = 0;
const LINE = 1;
const SENTENCE = 2;
const WORD = 3;

function endsSentence(units: readonly Unit[], before: number, first: number): boolean {
  let k = before - 1;
  while (k > first && CLOSING.test((units[k] as Unit).text)) k--;
  return SENTENCE_END.test((units[k] as Unit).text.slice(-1));
}

/**
 * Index of the unit that starts the next part, given a part starting at
 * `first` (not a space) that does not fit. Every unit before it belongs to
 * this part (trailing spaces are skipped by the caller).
 */
function chooseCut(units: readonly Unit[], first: number, limit: number): number {
  const start = (units[first] as Unit).start;
  let fit = first + 1;
  while (fit < units.length && (units[fit] as Unit).end - start <= limit) fit++;
  // Cutting at `k` keeps units [first, k); any k in (first, fit] fits.
  const best: number[] = [];
  for (let k = first + 1; k <= fit && k < units.length; k++) {
    const unit = units[k] as Unit;
    if (!unit.space) {
      if (CJK_SENTENCE_END.test((units[k - 1] as Unit).text)) best[SENTENCE] = k;
      continue;
    }
    let newlines = 0;
    let runEnd = k;
    while (runEnd < units.length && (units[runEnd] as Unit).space) {
      if (/[\n\r\u2028\u2029]/.test((units[runEnd] as Unit).text)) newlines++;
      runEnd++;
    }
    const level = newlines >= 2 ? PARAGRAPH : newlines === 1 ? LINE : endsSentence(units, k, first) ? SENTENCE : WORD;
    best[level] = k;
    k = runEnd - 1;
  }
  const size = (k: number) => (units[k - 1] as Unit).end - start;
  for (const level of [PARAGRAPH, LINE, SENTENCE, WORD]) {
    const k = best[level];
    if (k !== undefined && size(k) >= limit / 2) return k;
  }
  for (const level of [PARAGRAPH, LINE, SENTENCE, WORD]) {
    const k = best[level];
    if (k !== undefined) return k;
  }
  return fit;
}
