import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser';
import type { ReadDocument } from './read-document-types';

/** Elements whose text is navigation, chrome or code, not knowledge. */
const dropped = new Set(['script', 'style', 'nav', 'footer', 'noscript', 'template', 'svg', 'head', 'iframe', 'form']);
const headings: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const lineElements = new Set(['p', 'li', 'dt', 'dd', 'blockquote', 'pre', 'tr', 'caption', 'figcaption', 'address']);

/** Converts HTML to markdown-ish text: headings as `#` levels, paragraphs and list items as their own lines. */
export function htmlToMarkdownText(html: string): ReadDocument {
  // node-html-parser keeps the doctype as a text node.
  const root = parse(html.replace(/<!doctype[^>]*>/i, ''), {
    comment: false,
    blockTextElements: { script: false, style: false, pre: true },
  });
  const lines: string[] = [];
  visit(root, lines);
  const title = collapse(root.querySelector('title')?.text ?? '') || firstHeading(root);
  const text = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { ...(title ? { title } : {}), text };
}

function visit(node: Node, lines: string[]): void {
  let inline = '';
  const flush = () => {
    const text = collapse(inline);
    if (text) lines.push('', text);
    inline = '';
  };
  for (const child of node.childNodes) {
    if (child.nodeType === NodeType.TEXT_NODE) {
      inline += ` ${child.text}`;
      continue;
    }
    if (child.nodeType !== NodeType.ELEMENT_NODE) continue;
    const element = child as HTMLElement;
    const tag = element.rawTagName?.toLowerCase() ?? '';
    if (dropped.has(tag)) continue;
    const level = headings[tag];
    if (level !== undefined) {
      flush();
      const text = collapse(element.text);
      if (text) lines.push('', `${'#'.repeat(level)} ${text}`, '');
    } else if (tag === 'li') {
      flush();
      const text = collapse(element.text);
      if (text) lines.push(`- ${text}`);
    } else if (tag === 'tr') {
      flush();
      const cells = element.querySelectorAll('th, td').map((cell) => collapse(cell.text));
      if (cells.some(Boolean)) lines.push(cells.join(' | '));
    } else if (tag === 'br') {
      flush();
    } else if (lineElements.has(tag) && !hasBlockChildren(element)) {
      flush();
      const text = collapse(element.text);
      if (text) lines.push('', text, '');
    } else if (isInline(tag)) {
      inline += ` ${element.text}`;
    } else {
      flush();
      visit(element, lines);
      lines.push('');
    }
  }
  flush();
}

const inlineTags = new Set(['a', 'span', 'strong', 'b', 'em', 'i', 'u', 'small', 'code', 'abbr', 'time', 'sup', 'sub']);

function isInline(tag: string): boolean {
  return inlineTags.has(tag);
}

function hasBlockChildren(element: HTMLElement): boolean {
  return element.childNodes.some(
    (child) =>
      child.nodeType === NodeType.ELEMENT_NODE && !isInline((child as HTMLElement).rawTagName?.toLowerCase() ?? ''),
  );
}

function firstHeading(root: HTMLElement): string | undefined {
  return collapse(root.querySelector('h1')?.text ?? '') || undefined;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
