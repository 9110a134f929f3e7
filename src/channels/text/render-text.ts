import type { Block, Inline, TargetFormat } from './text-model';

interface Marks {
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
}

const WHATSAPP_MARKERS = { bold: '*', italic: '_', strike: '~' } as const;

/**
 * WhatsApp only formats `*x*` when the markers touch the text, so surrounding
 * spaces move outside the markers; empty spans get no markers at all.
 */
function wrap(marker: string, inner: string): string {
  const core = inner.trim();
  if (!core) return inner;
  const lead = inner.slice(0, inner.length - inner.trimStart().length);
  const trail = inner.slice(inner.trimEnd().length);
  return `${lead}${marker}${core}${marker}${trail}`;
}

function linkText(url: string, label: string, plainLabel: string): string {
  const shown = url.replace(/^(?:mailto|tel|sms):/i, '');
  const bare = (value: string) =>
    value
      .replace(/^[a-z][a-z0-9+.-]*:(?:\/\/)?/i, '')
      .replace(/\/$/, '')
      .toLowerCase();
  const plain = plainLabel.trim();
  if (!plain || plain === url || plain === shown || bare(plain) === bare(url)) return shown;
  return `${label.trim()} (${shown})`;
}

export function renderInline(nodes: readonly Inline[], target: TargetFormat, marks: Marks = {}): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out += node.text;
        break;
      case 'code':
        out += target === 'whatsapp' && node.text.trim() ? `\`\`\`${node.text}\`\`\`` : node.text;
        break;
      case 'link':
        out += linkText(node.url, renderInline(node.children, target, marks), renderInline(node.children, 'plain'));
        break;
      default: {
        const inner = renderInline(node.children, target, { ...marks, [node.type]: true });
        out += target === 'whatsapp' && !marks[node.type] ? wrap(WHATSAPP_MARKERS[node.type], inner) : inner;
      }
    }
  }
  return out;
}

/** Collapses runs of blank lines to one and trims; what every rendered text ends with. */
export function tidyText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function renderBlock(block: Block, target: TargetFormat): string {
  switch (block.type) {
    case 'line':
      return renderInline(block.content, target);
    case 'heading':
      return target === 'whatsapp'
        ? wrap('*', renderInline(block.content, target, { bold: true }))
        : renderInline(block.content, target);
    case 'item': {
      const marker = block.number !== undefined ? `${block.number}. ` : target === 'whatsapp' ? '• ' : '- ';
      return `${'  '.repeat(block.depth)}${marker}${renderInline(block.content, target)}`;
    }
    case 'row':
      return block.cells.map((cell) => renderInline(cell, target).trim()).join(' | ');
    case 'code':
      return target === 'whatsapp' && block.text.trim() ? `\`\`\`${block.text}\`\`\`` : block.text;
    case 'quote': {
      const inner = tidyText(renderBlocks(block.blocks, target));
      if (!inner) return '';
      // WhatsApp shows "> " lines as a quote; elsewhere quotation marks say the same without markup.
      if (target === 'whatsapp') return inner.replace(/^/gm, '> ').replace(/^> $/gm, '>');
      return `"${inner}"`;
    }
    case 'blank':
      return '';
  }
}

export function renderBlocks(blocks: readonly Block[], target: TargetFormat): string {
  return blocks.map((block) => renderBlock(block, target)).join('\n');
}
