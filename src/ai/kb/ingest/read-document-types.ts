/** A source document as markdown-ish text: `#` headings, paragraphs separated by blank lines, `- ` list items. */
export interface ReadDocument {
  title?: string;
  text: string;
}

export function normalizeNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}
