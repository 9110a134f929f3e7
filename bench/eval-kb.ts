/**
 * Retrieval + local-answerer evaluation.
 *
 *   npx tsx bench/eval-kb.ts --questions <file.jsonl> --dir <docs dir> [--json-only]
 *
 * Question lines are {"q": string, "doc": string | null}; `doc` is a path relative to
 * --dir, null for a question the documents do not answer. Documents are read straight
 * from the directory (Markdown, split on headings) so the eval does not depend on an
 * ingested database. Prints one JSON object of figures, then a table of misses.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { answerLocally } from '../src/ai/answer/local-answerer';
import { type KnowledgeChunkInput, KnowledgeIndex } from '../src/ai/retrieval/knowledge-index';

interface Question {
  q: string;
  doc: string | null;
}

const MAX_CHUNK_WORDS = 220;

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function listMarkdown(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return listMarkdown(full);
      return /\.md$/i.test(name) && name !== 'SOURCE.md' ? [full] : [];
    })
    .sort();
}

/** Heading sections of one Markdown file; long sections split on paragraphs. */
export function chunkMarkdown(documentPath: string, source: string): KnowledgeChunkInput[] {
  let body = source;
  let title: string | undefined;
  const frontMatter = /^---\n([\s\S]*?)\n---\n/.exec(body);
  if (frontMatter) {
    title = /^title:\s*"?(.*?)"?\s*$/m.exec(frontMatter[1] ?? '')?.[1];
    body = body.slice(frontMatter[0].length);
  }
  const chunks: KnowledgeChunkInput[] = [];
  const headings: string[] = [];
  let paragraphs: string[] = [];
  const flush = () => {
    let group: string[] = [];
    let words = 0;
    const emit = () => {
      const text = group.join('\n\n').trim();
      if (text) {
        chunks.push({
          id: `${documentPath}#${chunks.length}`,
          documentPath,
          title: title ?? null,
          headingPath: headings.filter(Boolean).join(' > '),
          text,
        });
      }
      group = [];
      words = 0;
    };
    for (const paragraph of paragraphs) {
      const count = paragraph.split(/\s+/).length;
      if (words > 0 && words + count > MAX_CHUNK_WORDS) emit();
      group.push(paragraph);
      words += count;
    }
    emit();
    paragraphs = [];
  };
  for (const block of body.split(/\n\s*\n/)) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(block.trim());
    if (heading && !block.trim().includes('\n')) {
      flush();
      const level = (heading[1] ?? '#').length;
      headings.length = level - 1;
      headings[level - 1] = (heading[2] ?? '').trim();
      if (!title && level === 1) title = headings[0];
      continue;
    }
    paragraphs.push(block.trim());
  }
  flush();
  return chunks;
}

function main(): void {
  const questionsFile = argument('questions');
  const dir = argument('dir');
  if (!questionsFile || !dir) {
    console.error('usage: npx tsx bench/eval-kb.ts --questions <file.jsonl> --dir <docs dir>');
    process.exit(2);
  }
  if (!existsSync(dir)) {
    console.log(`eval-kb: skipped, documents directory ${dir} does not exist`);
    return;
  }
  const chunks = listMarkdown(dir).flatMap((file) =>
    chunkMarkdown(path.relative(dir, file).split(path.sep).join('/'), readFileSync(file, 'utf8')),
  );
  const index = new KnowledgeIndex(chunks);
  const questions: Question[] = readFileSync(questionsFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Question);

  let hit1 = 0;
  let hit3 = 0;
  let reciprocal = 0;
  let answerable = 0;
  let wronglyUnsure = 0;
  let unanswerable = 0;
  let unanswerableUnsure = 0;
  const rows: string[] = [];
  for (const { q, doc } of questions) {
    const results = index.search(q, { limit: 20 });
    const answer = answerLocally(q, results, { maxLength: 320 });
    const ranked = answer.sources.map((source) => source.document);
    const sure = answer.confident ? 'sure  ' : 'unsure';
    if (doc === null) {
      unanswerable++;
      if (!answer.confident) unanswerableUnsure++;
      else rows.push(`  UNANS  ${sure} top=${ranked[0] ?? '-'}  ${q}`);
      continue;
    }
    answerable++;
    const rank = ranked.indexOf(doc) + 1;
    if (rank === 1) hit1++;
    if (rank >= 1 && rank <= 3) hit3++;
    if (rank >= 1) reciprocal += 1 / rank;
    if (!answer.confident) wronglyUnsure++;
    if (rank !== 1 || !answer.confident) rows.push(`  rank=${rank || '-'} ${sure} top=${ranked[0] ?? '-'}  ${q}`);
  }
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const figures = {
    hit1: round(hit1 / Math.max(answerable, 1)),
    hit3: round(hit3 / Math.max(answerable, 1)),
    mrr: round(reciprocal / Math.max(answerable, 1)),
    unanswerableUnsure: round(unanswerableUnsure / Math.max(unanswerable, 1)),
    answerableWronglyUnsure: round(wronglyUnsure / Math.max(answerable, 1)),
    questions: { answerable, unanswerable, chunks: chunks.length },
  };
  console.log(JSON.stringify(figures));
  if (process.argv.includes('--json-only')) return;
  console.log('\nmetric                      value');
  for (const [name, value] of Object.entries(figures)) {
    if (typeof value === 'number') console.log(`${name.padEnd(27)} ${value.toFixed(3)}`);
  }
  console.log(`\nmisses and doubts (${rows.length}):`);
  for (const row of rows) console.log(row);
}

if (require.main === module) main();
