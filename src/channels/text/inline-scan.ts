/** Character-level helpers shared by the inline parser. */

const WORD = /^[\p{L}\p{N}]$/u;
/** One Slack `<…>` token: it never spans lines or nests. */
export const SLACK_TOKEN = /<([^<>\n]*)>/y;

export const isWord = (ch: string | undefined): boolean => ch !== undefined && WORD.test(ch);
export const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);

/** Matches a sticky (`y`) pattern at `index` without copying the rest of the string. */
export function matchAt(pattern: RegExp, src: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(src);
}

export function runLength(src: string, index: number): number {
  const ch = src[index];
  let end = index;
  while (src[end] === ch) end++;
  return end - index;
}

/** Index just past the code span whose opening backtick run starts at `index`, or -1 when it is not closed. */
export function codeSpanEnd(src: string, index: number): number {
  const n = runLength(src, index);
  let j = index + n;
  for (;;) {
    j = src.indexOf('`', j);
    if (j < 0) return -1;
    const m = runLength(src, j);
    if (m === n) return j + m;
    j += m;
  }
}

export interface CloserSearch {
  /** `*`, `_` or `~`. */
  ch: string;
  /** Length of the opening run. */
  n: number;
  /** Slack, and `_` in Markdown, only format at word boundaries. */
  boundary: boolean;
  slack: boolean;
  /** Characters left to scan; shared by all searches of one line so pathological input stays linear. */
  budget: { left: number };
}

/**
 * Start of the `n` delimiters closing a run that opened just before `from`,
 * or -1. Code spans (and Slack tokens) are skipped; inner runs that open
 * (`*a **b** c*`) are matched first, so they do not close the outer one.
 */
export function findEmphasisCloser(src: string, from: number, search: CloserSearch): number {
  const { ch, n, boundary, slack, budget } = search;
  const inner: number[] = [];
  let j = from;
  while (j < src.length) {
    if (--budget.left < 0) return -1;
    const c = src[j];
    if (c === '`') {
      const end = codeSpanEnd(src, j);
      j = end > 0 ? end : j + runLength(src, j);
      continue;
    }
    if (c === '\\' && !slack) {
      j += 2;
      continue;
    }
    const token = c === '<' && slack ? matchAt(SLACK_TOKEN, src, j) : null;
    if (token) {
      j += token[0].length;
      continue;
    }
    if (c !== ch) {
      j++;
      continue;
    }
    const m = runLength(src, j);
    const next = src[j + m];
    const canClose = j > from && !isSpace(src[j - 1]) && !(boundary && isWord(next));
    if (canClose) {
      let remaining = m;
      while (inner.length > 0 && remaining > 0) {
        const top = inner.pop() as number;
        if (top > remaining) inner.push(top - remaining);
        remaining -= top;
      }
      if (remaining >= n) return j + m - n;
    } else if (next !== undefined && !isSpace(next) && !(boundary && isWord(src[j - 1]))) {
      inner.push(m);
    }
    j += m;
  }
  return -1;
}
