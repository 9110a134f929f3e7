import { mergeSmallSections, type Section } from './merge-small-sections';

export interface DocumentChunk {
  ordinal: number;
  /**
   * Headings above the chunk, outermost first, joined with " > "; empty before the first heading.
   * For small sections joined together, their common parent's path.
   */
  headingPath: string;
  /**
   * The chunk's own text, without the headings of its path (the retriever indexes `headingPath` as
   * its own field); joined small sections start with their own heading ("By car: …").
   */
  text: string;
  tokenCount: number;
}

export interface ChunkOptions {
  /** Below this a section is still one chunk, but a split never leaves a tail this small. Default 80. */
  minWords?: number;
  /** A chunk grows past this only when one sentence is longer. Default 250. */
  maxWords?: number;
  /** Sections shorter than this join their small siblings (see mergeSmallSections); 0 never joins. Default 50. */
  mergeBelowWords?: number;
}

const headingLine = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/;
const listItem = /^\s*(?:[-*+•]|\d+[.)])\s+/;

/**
 * Splits markdown-ish text into retrieval chunks: by heading first, then by paragraph, then by
 * sentence. Small sibling sections are joined first (mergeSmallSections), each keeping its
 * heading in the text; otherwise a chunk never spans two sections. A list stays with the line
 * that introduces it unless together they exceed `maxWords`.
 */
export function chunkDocument(text: string, options: ChunkOptions = {}): DocumentChunk[] {
  const minWords = options.minWords ?? 80;
  const maxWords = options.maxWords ?? 250;
  const mergeBelowWords = options.mergeBelowWords ?? 50;
  const chunks: DocumentChunk[] = [];
  for (const section of mergeSmallSections(splitSections(text), mergeBelowWords, maxWords)) {
    const headingPath = section.titles.join(' > ');
    for (const piece of packBlocks(section.blocks, minWords, maxWords)) {
      chunks.push({ ordinal: chunks.length, headingPath, text: piece, tokenCount: 0 });
    }
  }
  for (const chunk of chunks) chunk.tokenCount = estimateTokens(chunk.text);
  return chunks;
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** About four characters a token for English prose: close enough to budget prompts, no tokenizer needed. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function splitSections(text: string): Section[] {
  const sections: Section[] = [];
  const stack: Array<{ level: number; title: string }> = [];
  let current: Section = { titles: [], blocks: [] };
  let paragraph: string[] = [];
  let inFence = false;
  const endParagraph = () => {
    if (paragraph.length > 0) current.blocks.push(paragraph.join('\n'));
    paragraph = [];
  };
  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trimEnd();
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : headingLine.exec(line);
    if (heading) {
      endParagraph();
      sections.push(current);
      const level = heading[1]?.length ?? 1;
      while (stack.length > 0 && (stack.at(-1)?.level ?? 0) >= level) stack.pop();
      stack.push({ level, title: stripInlineMarkup(heading[2] ?? '') });
      current = { titles: stack.map((h) => h.title), blocks: [] };
    } else if (line.trim() === '' && !inFence) {
      endParagraph();
    } else {
      paragraph.push(line);
    }
  }
  endParagraph();
  sections.push(current);
  return sections.map((section) => ({ ...section, blocks: joinListsToLeadIns(section.blocks) }));
}

/** A paragraph ending in ":" followed by a list (separated by a blank line) is one block. */
function joinListsToLeadIns(blocks: string[]): string[] {
  const joined: string[] = [];
  for (const block of blocks) {
    const previous = joined.at(-1);
    if (previous !== undefined && listItem.test(block) && (previous.trimEnd().endsWith(':') || isList(previous))) {
      joined[joined.length - 1] = `${previous}\n${block}`;
    } else {
      joined.push(block);
    }
  }
  return joined;
}

function isList(block: string): boolean {
  return block.split('\n').every((line) => listItem.test(line) || /^\s{2,}\S/.test(line));
}

/** Greedy packing of whole blocks; oversized blocks are split into lines or sentences first. */
function packBlocks(blocks: string[], minWords: number, maxWords: number): string[] {
  const units = blocks.flatMap((block) => (countWords(block) > maxWords ? splitBlock(block, maxWords) : [block]));
  const pieces: Array<{ parts: string[]; words: number }> = [];
  for (const unit of units) {
    const words = countWords(unit);
    if (words === 0) continue;
    const last = pieces.at(-1);
    if (last && last.words + words <= maxWords) {
      last.parts.push(unit);
      last.words += words;
    } else {
      pieces.push({ parts: [unit], words });
    }
  }
  rebalanceTail(pieces, minWords);
  return pieces.map((piece) => piece.parts.join('\n\n').trim()).filter((piece) => piece.length > 0);
}

/** Moves trailing units from the second-last piece into a too-small last piece, while that keeps both ≥ minWords. */
function rebalanceTail(pieces: Array<{ parts: string[]; words: number }>, minWords: number): void {
  const last = pieces.at(-1);
  const previous = pieces.at(-2);
  if (!last || !previous) return;
  while (last.words < minWords && previous.parts.length > 1) {
    const moved = previous.parts.at(-1) ?? '';
    const words = countWords(moved);
    if (previous.words - words < minWords) break;
    previous.parts.pop();
    previous.words -= words;
    last.parts.unshift(moved);
    last.words += words;
  }
}

/**
 * A list splits between items (the lead-in stays with the first ones); prose splits between
 * sentences. Pieces are balanced (cut once past total/n words) so no tiny tail is left.
 */
function splitBlock(block: string, maxWords: number): string[] {
  const lines = block.split('\n');
  const separator = lines.length > 1 ? '\n' : ' ';
  const units = (lines.length > 1 ? lines : splitSentences(block)).flatMap((u) =>
    countWords(u) > maxWords ? splitWords(u, maxWords) : [u],
  );
  const target = Math.ceil(countWords(block) / Math.ceil(countWords(block) / maxWords));
  const pieces: string[] = [];
  let current: string[] = [];
  let words = 0;
  for (const unit of units) {
    const unitWords = countWords(unit);
    if (words > 0 && (words >= target || words + unitWords > maxWords)) {
      pieces.push(current.join(separator));
      current = [];
      words = 0;
    }
    current.push(unit);
    words += unitWords;
  }
  if (current.length > 0) pieces.push(current.join(separator));
  return pieces;
}

export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…]["')\]]*)\s+(?=["'([]?[\p{Lu}\d])/u)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/** Last resort for a "sentence" with no punctuation (a PDF table, a pasted log). */
function splitWords(text: string, maxWords: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += maxWords) pieces.push(words.slice(i, i + maxWords).join(' '));
  return pieces;
}

function stripInlineMarkup(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .trim();
}
