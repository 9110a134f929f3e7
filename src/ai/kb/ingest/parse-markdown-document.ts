import { parse as parseYaml } from 'yaml';
import { normalizeNewlines, type ReadDocument } from './read-document-types';

const frontMatter = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/** Strips YAML front matter, keeping its `title`; without one, the first `# ` heading is the title. */
export function parseMarkdownDocument(source: string): ReadDocument {
  let text = normalizeNewlines(source);
  let title: string | undefined;
  const match = frontMatter.exec(text);
  if (match) {
    text = text.slice(match[0].length);
    const data: unknown = parseYaml(match[1] ?? '');
    if (data && typeof data === 'object' && 'title' in data && typeof data.title === 'string' && data.title.trim()) {
      title = data.title.trim();
    }
  }
  title ??= /^#[ \t]+(.+?)[ \t#]*$/m.exec(text)?.[1];
  return { ...(title ? { title } : {}), text: text.trim() };
}
