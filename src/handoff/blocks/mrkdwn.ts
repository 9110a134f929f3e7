import { isHighSurrogate } from './block-kit';

/**
 * Slack mrkdwn helpers. Text a traveler, the AI or a config wrote is escaped before it is
 * put in mrkdwn (Slack reads `<`…`>` as links and mentions, and `&` starts an entity), and
 * mrkdwn is cut or split only between tokens and entities, so a limit never leaves a
 * half `<@U…` or `&am` behind.
 */

/** Slack decodes exactly these three in message text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const entityAt = /^&(?:amp|lt|gt);/;

/** The last index ≤ `limit` where `text` may be cut: not inside a `<…>` token, an entity or a surrogate pair. */
function safeCut(text: string, limit: number): number {
  if (limit >= text.length) return text.length;
  let cut = Math.max(limit, 0);
  if (cut > 0 && isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
  const open = text.lastIndexOf('<', cut - 1);
  if (open > text.lastIndexOf('>', cut - 1)) cut = open;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 5 && entityAt.test(text.slice(amp, amp + 5)) && !text.slice(amp, cut).includes(';')) {
    cut = amp;
  }
  return cut;
}

/** Cuts escaped mrkdwn to at most `max` characters, ending with "…" when cut. */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, safeCut(text, max - 1)).trimEnd()}…`;
}

/** Escapes and cuts text written by someone else. */
export function escapeTruncate(text: string, max: number): string {
  return truncateMrkdwn(escapeMrkdwn(text), max);
}

/**
 * Splits escaped mrkdwn into chunks of at most `max` characters without losing any of it,
 * preferring line and word breaks in the second half of a chunk.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = safeCut(rest, max);
    const newline = rest.lastIndexOf('\n', cut - 1);
    const space = rest.lastIndexOf(' ', cut - 1);
    const breakAt = newline > max / 2 ? newline : space > max / 2 ? space : -1;
    if (breakAt > 0) cut = breakAt + 1;
    if (cut <= 0) cut = isHighSurrogate(rest.charCodeAt(max - 1)) ? max - 1 : max;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0 || chunks.length === 0) chunks.push(rest);
  return chunks;
}

/** `<@U…>` for a Slack user id; anything else is shown as escaped text, never as markup. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

/** `<url|label>` for an http(s) URL; other values are shown as escaped text. */
export function link(url: string, label: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeMrkdwn(label === url ? url : `${label} (${url})`);
  const safeUrl = url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
  return `<${safeUrl}|${escapeMrkdwn(label)}>`;
}

/** A time Slack shows in each reader's own time zone, with a UTC fallback. */
export function slackDate(at: Date, format = '{date_short_pretty} {time}'): string {
  const ms = at.getTime();
  if (Number.isNaN(ms)) return 'unknown time';
  const fallback = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(ms / 1000)}^${format}|${fallback}>`;
}

/** Puts each line of escaped mrkdwn in a block quote. */
export function quoteLines(text: string): string {
  return text
    .split('\n')
    .map((line) => `>${line ? ` ${line}` : ''}`)
    .join('\n');
}
