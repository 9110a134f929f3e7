import { decodeEntities } from './decode-entities';
import { createListDepth } from './list-depth';
import { parseInline } from './parse-inline';
import type { Block, InlineOptions } from './text-model';

/** Slack sends `>` as `&gt;` in message text, so quotes arrive in either form. */
const QUOTE = /^(?:&gt;|>) ?/;
const QUOTE_REST = /^(?:&gt;&gt;&gt;|>>>)[ \t]*\n?/;
/** Slack's own list rendering (rich text → `text`) uses •, ◦ and ▪; people also type - and *. */
const BULLET = /^([ \t]*)[-*•◦▪▫‣][ \t]+(\S.*)$/;
const NUMBERED = /^([ \t]*)(\d{1,9})[.)][ \t]+(\S.*)$/;
const CODE_BLOCK = /```([\s\S]*?)```/g;
const MAX_QUOTE_DEPTH = 8;

/**
 * Parses Slack mrkdwn into blocks. Slack has no headings; ``` blocks may start
 * and end mid-line, so they are cut out of the text before it is split into lines.
 */
export function parseSlackBlocks(text: string, options: InlineOptions): Block[] {
  const blocks: Block[] = [];
  let last = 0;
  for (const match of text.matchAll(CODE_BLOCK)) {
    const body = match[1] ?? '';
    // A one-line ```x``` is inline code and is left to the inline parser.
    if (!body.includes('\n')) continue;
    blocks.push(...parseSlackLines(text.slice(last, match.index).replace(/\n$/, ''), options, 0));
    blocks.push({ type: 'code', text: decodeEntities(body.replace(/^\n/, '').replace(/\n$/, ''), 'slack') });
    last = match.index + match[0].length;
  }
  const rest = last === 0 ? text : text.slice(last).replace(/^\n/, '');
  if (last === 0 || rest) blocks.push(...parseSlackLines(rest, options, 0));
  return blocks;
}

function parseSlackLines(text: string, options: InlineOptions, quoteDepth: number): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  const lists = createListDepth();
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (quoteDepth < MAX_QUOTE_DEPTH && QUOTE_REST.test(line)) {
      // `>>>` quotes everything after it, to the end of the message.
      const quoted = [line.replace(QUOTE_REST, ''), ...lines.slice(i + 1)].join('\n');
      blocks.push({ type: 'quote', blocks: parseSlackLines(quoted, options, quoteDepth + 1) });
      break;
    }
    i++;
    if (/^\s*$/.test(line)) {
      blocks.push({ type: 'blank' });
      continue;
    }
    if (quoteDepth < MAX_QUOTE_DEPTH && QUOTE.test(line)) {
      const quoted = [line.replace(QUOTE, '')];
      while (i < lines.length && QUOTE.test(lines[i] as string) && !QUOTE_REST.test(lines[i] as string)) {
        quoted.push((lines[i++] as string).replace(QUOTE, ''));
      }
      blocks.push({ type: 'quote', blocks: parseSlackLines(quoted.join('\n'), options, quoteDepth + 1) });
      lists.reset();
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      blocks.push({
        type: 'item',
        depth: lists.depthOf(bullet[1] ?? ''),
        content: parseInline(bullet[2] ?? '', options),
      });
      continue;
    }
    const numbered = NUMBERED.exec(line);
    if (numbered) {
      const depth = lists.depthOf(numbered[1] ?? '');
      blocks.push({ type: 'item', number: numbered[2], depth, content: parseInline(numbered[3] ?? '', options) });
      continue;
    }
    lists.reset();
    blocks.push({ type: 'line', content: parseInline(line.trim(), options) });
  }
  return blocks;
}
