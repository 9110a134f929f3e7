import { decodeEntities, readEntity } from './decode-entities';
import { codeSpanEnd, findEmphasisCloser, isSpace, isWord, matchAt, runLength, SLACK_TOKEN } from './inline-scan';
import { readEmojiCode } from './slack-emoji';
import { interpretSlackToken } from './slack-token';
import type { Inline, InlineOptions } from './text-model';

/** Deeper nesting than this is never intentional; it is kept as literal text so parsing stays linear-ish. */
const MAX_DEPTH = 12;
/**
 * Characters a parser may scan while looking ahead for closers. Pathological
 * input (thousands of unclosed `*a` on one line) would otherwise take
 * quadratic time; past the budget, delimiters are kept as literal text.
 */
const LOOKAHEAD_BUDGET = 200_000;
const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;
// Sticky patterns are matched in place (lastIndex), so no slice is copied per candidate character.
const BARE_URL = /https?:\/\/[^\s<>]+/y;
const AUTOLINK = /<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)>/y;
const EMAIL_AUTOLINK = /<([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>/y;
const LINE_BREAK_TAG = /<br\s*\/?>/iy;

/**
 * Parses one line of Markdown or Slack mrkdwn into inline nodes. Every
 * character of the input ends up in a node unless it is markup (delimiters,
 * link syntax) or a Slack token that means nothing outside Slack.
 */
export function parseInline(src: string, options: InlineOptions, depth = 0): Inline[] {
  return new InlineParser(src, options, depth).parse();
}

class InlineParser {
  private readonly nodes: Inline[] = [];
  private text = '';
  private readonly slack: boolean;
  private readonly budget = { left: LOOKAHEAD_BUDGET };

  constructor(
    private readonly src: string,
    private readonly options: InlineOptions,
    private readonly depth: number,
  ) {
    this.slack = options.source === 'slack';
  }

  parse(): Inline[] {
    let i = 0;
    while (i < this.src.length) {
      const consumed = this.readAt(i);
      if (consumed > 0) {
        i += consumed;
      } else {
        this.text += this.src[i];
        i++;
      }
    }
    this.flush();
    return this.nodes;
  }

  /** Handles the construct starting at `i`; returns how many characters it consumed (0: none here). */
  private readAt(i: number): number {
    const { src, slack } = this;
    switch (src[i]) {
      case '\\':
        return slack ? 0 : this.readEscape(i);
      case '&':
        return this.readEntityAt(i);
      case '`':
        return this.readCodeSpan(i);
      case ':':
        return slack ? this.readEmoji(i) : 0;
      case '<':
        return slack ? this.readSlackToken(i) : this.readAutolink(i);
      case '!':
        return !slack && src[i + 1] === '[' ? this.readLink(i + 1, true) : 0;
      case '[':
        return slack ? 0 : this.readLink(i, false);
      case 'h':
        return this.readBareUrl(i);
      case '*':
      case '_':
      case '~':
        return this.readEmphasis(i);
      default:
        return 0;
    }
  }

  private flush(): void {
    if (this.text) this.nodes.push({ type: 'text', text: this.text });
    this.text = '';
  }

  private push(node: Inline): void {
    this.flush();
    this.nodes.push(node);
  }

  private inner(content: string): Inline[] {
    return this.depth < MAX_DEPTH
      ? parseInline(content, this.options, this.depth + 1)
      : [{ type: 'text', text: content }];
  }

  private readEscape(i: number): number {
    const next = this.src[i + 1];
    // A backslash ending a line is a Markdown hard break: the line break itself is kept.
    if (next === undefined) return 1;
    if (!ASCII_PUNCTUATION.test(next)) return 0;
    this.text += next;
    return 2;
  }

  private readEntityAt(i: number): number {
    const entity = readEntity(this.src, i, this.options.source);
    if (!entity) return 0;
    this.text += entity.value;
    return entity.length;
  }

  private readCodeSpan(i: number): number {
    const n = runLength(this.src, i);
    const end = codeSpanEnd(this.src, i);
    if (end < 0) {
      this.text += this.src.slice(i, i + n);
      return n;
    }
    let code = this.src.slice(i + n, end - n);
    if (this.slack) code = decodeEntities(code, 'slack');
    else if (/^ [\s\S]*[^ ][\s\S]* $/.test(code)) code = code.slice(1, -1);
    this.push({ type: 'code', text: code });
    return end - i;
  }

  private readEmoji(i: number): number {
    const emoji = readEmojiCode(this.src, i);
    if (!emoji) return 0;
    this.text += emoji.value;
    return emoji.length;
  }

  private readBareUrl(i: number): number {
    if (isWord(this.src[i - 1]) || !this.src.startsWith('http', i)) return 0;
    const match = matchAt(BARE_URL, this.src, i);
    if (!match) return 0;
    let url = match[0];
    // Trailing punctuation belongs to the sentence, unless it closes a parenthesis opened in the URL.
    for (;;) {
      const last = url[url.length - 1] ?? '';
      const unbalanced = last === ')' && url.split('(').length < url.split(')').length;
      if (!/[.,;:!?'"*_~\]]/.test(last) && !unbalanced) break;
      url = url.slice(0, -1);
    }
    this.text += this.slack ? decodeEntities(url, 'slack') : decodeEntities(url, 'markdown');
    return url.length;
  }

  private readAutolink(i: number): number {
    const br = matchAt(LINE_BREAK_TAG, this.src, i);
    if (br) {
      this.text += '\n';
      return br[0].length;
    }
    const uri = matchAt(AUTOLINK, this.src, i);
    if (uri?.[1] !== undefined) {
      this.push({ type: 'link', url: decodeEntities(uri[1], 'markdown'), children: [] });
      return uri[0].length;
    }
    const email = matchAt(EMAIL_AUTOLINK, this.src, i);
    if (email?.[1] !== undefined) {
      this.push({ type: 'link', url: `mailto:${email[1]}`, children: [] });
      return email[0].length;
    }
    return 0;
  }

  /** `[label](url "title")`, or an image `![alt](url)` (then `open` is the `[` after the `!`). */
  private readLink(open: number, image: boolean): number {
    const { src } = this;
    const close = this.findLabelEnd(open);
    if (close < 0 || src[close + 1] !== '(') return 0;
    const destination = this.readDestination(close + 2);
    if (!destination) return 0;
    const label = this.inner(src.slice(open + 1, close));
    const start = image ? open - 1 : open;
    if (destination.url === '') {
      this.flush();
      this.nodes.push(...label);
    } else {
      this.push({ type: 'link', url: destination.url, children: label });
    }
    return destination.end - start;
  }

  private findLabelEnd(open: number): number {
    const { src } = this;
    let nesting = 0;
    for (let j = open + 1; j < src.length; j++) {
      if (--this.budget.left < 0) return -1;
      const ch = src[j];
      if (ch === '\\') j++;
      else if (ch === '`') {
        const end = codeSpanEnd(src, j);
        if (end > 0) j = end - 1;
      } else if (ch === '[') nesting++;
      else if (ch === ']') {
        if (nesting === 0) return j;
        nesting--;
      }
    }
    return -1;
  }

  private readDestination(from: number): { url: string; end: number } | undefined {
    const { src } = this;
    let j = from;
    while (src[j] === ' ') j++;
    let raw = '';
    if (src[j] === '<') {
      const close = src.indexOf('>', j);
      if (close < 0) return undefined;
      raw = src.slice(j + 1, close);
      j = close + 1;
    } else {
      let parens = 0;
      const begin = j;
      for (; j < src.length && !isSpace(src[j]); j++) {
        if (--this.budget.left < 0) return undefined;
        if (src[j] === '\\') j++;
        else if (src[j] === '(') parens++;
        else if (src[j] === ')') {
          if (parens === 0) break;
          parens--;
        }
      }
      raw = src.slice(begin, j);
    }
    while (src[j] === ' ') j++;
    const title = /^(?:"[^"]*"|'[^']*'|\([^()]*\))/.exec(src.slice(j));
    if (title) j += title[0].length;
    while (src[j] === ' ') j++;
    if (src[j] !== ')') return undefined;
    const url = decodeEntities(raw.replace(/\\([!-/:-@[-`{-~])/g, '$1'), 'markdown');
    return { url, end: j + 1 };
  }

  private readSlackToken(i: number): number {
    const match = matchAt(SLACK_TOKEN, this.src, i);
    if (match?.[1] === undefined) return 0;
    const end = i + match[0].length;
    const meaning = interpretSlackToken(match[1], this.options.resolveMention);
    if (meaning.kind === 'remove') return this.removeToken(i, end);
    if (meaning.kind === 'text') this.text += meaning.text;
    else
      this.push({
        type: 'link',
        url: meaning.url,
        children: meaning.label ? [{ type: 'text', text: meaning.label }] : [],
      });
    return end - i;
  }

  /**
   * Drops a token with the space it leaves behind, so "Hi <@U1>, see" reads
   * "Hi, see" and "<!here> Flight delayed" reads "Flight delayed".
   */
  private removeToken(i: number, end: number): number {
    const atStart = this.text === '' && this.nodes.length === 0;
    const afterSpace = /\s$/.test(this.text);
    let j = end;
    if (atStart) {
      while (j < this.src.length && /[\s,:;]/.test(this.src[j] ?? '')) j++;
    } else if (afterSpace) {
      while (j < this.src.length && /[ \t]/.test(this.src[j] ?? '')) j++;
      if (/[,.;:!?)]/.test(this.src[j] ?? '')) this.text = this.text.trimEnd();
    }
    return j - i;
  }

  private readEmphasis(i: number): number {
    const { src, slack } = this;
    const ch = src[i] as '*' | '_' | '~';
    const n = runLength(src, i);
    const allowed = slack ? n <= 2 : ch === '~' ? n === 2 : n <= 3;
    const after = src[i + n];
    // Slack, and `_` in Markdown, only format at word boundaries (snake_case stays as is).
    const boundary = slack || ch === '_';
    const canOpen = allowed && after !== undefined && !isSpace(after) && !(boundary && isWord(src[i - 1]));
    const search = { ch, n, boundary, slack, budget: this.budget };
    const closeStart = canOpen ? findEmphasisCloser(src, i + n, search) : -1;
    if (closeStart < 0) {
      this.text += src.slice(i, i + n);
      return n;
    }
    const children = this.inner(src.slice(i + n, closeStart));
    this.push(emphasisNode(ch, n, slack, children));
    return closeStart + n - i;
  }
}

function emphasisNode(ch: '*' | '_' | '~', n: number, slack: boolean, children: Inline[]): Inline {
  if (ch === '~') return { type: 'strike', children };
  if (slack) return { type: ch === '*' ? 'bold' : 'italic', children };
  if (n === 1) return { type: 'italic', children };
  if (n === 2) return { type: 'bold', children };
  return { type: 'bold', children: [{ type: 'italic', children }] };
}
