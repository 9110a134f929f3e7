import { createListDepth } from './list-depth';
import { parseInline } from './parse-inline';
import type { Block, Inline } from './text-model';

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const BLANK = /^\s*$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]+(.*))?$/;
const QUOTE = /^ {0,3}>/;
const BULLET = /^([ \t]*)[-*+][ \t]+(\S.*)$/;
const NUMBERED = /^([ \t]*)(\d{1,9})[.)][ \t]+(\S.*)$/;
const TABLE_SEPARATOR = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const MAX_QUOTE_DEPTH = 8;

const inline = (text: string): Inline[] => parseInline(text, { source: 'markdown' });

/** Splits a table row on unescaped pipes, without the optional outer pipes. */
function tableCells(row: string): Inline[][] {
  const trimmed = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((cell) => inline(cell.trim()));
}

function isClosingFence(line: string, opener: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return match?.[1] !== undefined && match[1][0] === opener[0] && match[1].length >= opener.length;
}

/** Parses Markdown (as LLMs write it: CommonMark plus GFM tables and strikethrough) into blocks. */
export function parseMarkdownBlocks(text: string, quoteDepth = 0): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  const lists = createListDepth();
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const fence = FENCE.exec(line);
    if (fence?.[1] !== undefined && !(fence[1][0] === '`' && fence[2]?.includes('`'))) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !isClosingFence(lines[i] as string, fence[1])) body.push(lines[i++] as string);
      i++;
      blocks.push({ type: 'code', text: body.join('\n') });
      lists.reset();
      continue;
    }
    i++;
    if (BLANK.test(line)) {
      blocks.push({ type: 'blank' });
      continue;
    }
    const previous = blocks[blocks.length - 1];
    if (previous?.type === 'line' && SETEXT_UNDERLINE.test(line)) {
      blocks[blocks.length - 1] = { type: 'heading', content: previous.content };
      continue;
    }
    if (THEMATIC_BREAK.test(line)) {
      blocks.push({ type: 'blank' });
      lists.reset();
      continue;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      const content = (heading[1] ?? '').replace(/(?:^|[ \t]+)#+[ \t]*$/, '').trim();
      blocks.push(content ? { type: 'heading', content: inline(content) } : { type: 'blank' });
      lists.reset();
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted = [line.replace(/^ {0,3}> ?/, '')];
      while (i < lines.length && QUOTE.test(lines[i] as string))
        quoted.push((lines[i++] as string).replace(/^ {0,3}> ?/, ''));
      blocks.push(
        quoteDepth < MAX_QUOTE_DEPTH
          ? { type: 'quote', blocks: parseMarkdownBlocks(quoted.join('\n'), quoteDepth + 1) }
          : { type: 'code', text: quoted.join('\n') },
      );
      lists.reset();
      continue;
    }
    if (line.includes('|') && TABLE_SEPARATOR.test(lines[i] ?? '') && (lines[i] ?? '').includes('-')) {
      blocks.push({ type: 'row', cells: tableCells(line) });
      i++;
      while (i < lines.length && (lines[i] as string).includes('|') && !BLANK.test(lines[i] as string)) {
        blocks.push({ type: 'row', cells: tableCells(lines[i++] as string) });
      }
      lists.reset();
      continue;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      blocks.push({ type: 'item', depth: lists.depthOf(bullet[1] ?? ''), content: inline(bullet[2] ?? '') });
      continue;
    }
    const numbered = NUMBERED.exec(line);
    if (numbered) {
      const depth = lists.depthOf(numbered[1] ?? '');
      blocks.push({ type: 'item', number: numbered[2], depth, content: inline(numbered[3] ?? '') });
      continue;
    }
    // Indented lines under a list item continue it; anything else ends the list.
    if (!/^[ \t]/.test(line)) lists.reset();
    blocks.push({ type: 'line', content: inline(line.trim()) });
  }
  return blocks;
}
