/**
 * Retrieval latency at 1k and 10k chunks.
 *
 *   npx tsx bench/retrieval-latency.ts [--dir /work/shared/corpus/destinations] [--dimensions 1536]
 *
 * Synthetic chunks are built from the real corpus: each is 3–8 sentences drawn (seeded, so every
 * run builds the same ones) from the corpus chunks, under a real heading path, so vocabulary and
 * term frequencies look like a real knowledge base. Queries are the corpus question sets. Lexical
 * search is what the local answerer runs; hybrid adds an exact cosine scan over random vectors of
 * `--dimensions` (1536: text-embedding-3-small). Prints one JSON object of milliseconds per search.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { KnowledgeChunkInput } from '../src/ai/retrieval/knowledge-index';
import { KnowledgeIndex } from '../src/ai/retrieval/knowledge-index';
import { loadChunks, parseQuestions } from './eval-kb';

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

/** mulberry32: a tiny seeded generator, so the synthetic knowledge base is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function synthesize(source: KnowledgeChunkInput[], count: number, dimensions: number): KnowledgeChunkInput[] {
  const random = seeded(42);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const sentences = source.flatMap((chunk) => chunk.text.split(/(?<=[.!?])\s+/)).filter((s) => s.length > 20);
  return Array.from({ length: count }, (_, i) => {
    const model = pick(source);
    const length = 3 + Math.floor(random() * 6);
    return {
      id: `synthetic-${i}`,
      documentPath: `synthetic-${i % 400}/${model.documentPath}`,
      title: model.title,
      headingPath: model.headingPath,
      text: Array.from({ length }, () => pick(sentences)).join(' '),
      embedding: Float32Array.from({ length: dimensions }, () => random() - 0.5),
    };
  });
}

function percentiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return { p50: Math.round(at(0.5) * 1000) / 1000, p99: Math.round(at(0.99) * 1000) / 1000 };
}

function time(runs: number, queries: string[], search: (query: string) => unknown): { p50: number; p99: number } {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    for (const query of queries) {
      const start = process.hrtime.bigint();
      search(query);
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return percentiles(samples);
}

async function main(): Promise<void> {
  const dir = argument('dir', '/work/shared/corpus/destinations');
  const dimensions = Number(argument('dimensions', '1536'));
  const source = await loadChunks(dir, ['SOURCE.md']);
  const fixtures = path.resolve(__dirname, '../tests/fixtures/eval');
  const queries = (
    await Promise.all(
      ['corpus-questions.jsonl', 'corpus-dev2.jsonl'].map(async (file) =>
        parseQuestions(await readFile(path.join(fixtures, file), 'utf8')),
      ),
    )
  )
    .flat()
    .map((question) => question.q);
  const random = seeded(7);
  const queryVector = Float32Array.from({ length: dimensions }, () => random() - 0.5);
  const figures: Record<string, unknown> = { queries: queries.length, dimensions };
  for (const size of [1000, 10000]) {
    const chunks = synthesize(source, size, dimensions);
    const buildStart = process.hrtime.bigint();
    const index = new KnowledgeIndex(chunks);
    const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
    time(1, queries, (query) => index.search(query)); // warm-up
    figures[`chunks${size}`] = {
      buildMs: Math.round(buildMs),
      lexical: time(5, queries, (query) => index.search(query, { limit: 5 })),
      hybrid: time(2, queries, (query) => index.searchHybrid(query, queryVector, { limit: 5 })),
    };
  }
  console.log(JSON.stringify(figures));
}

void main();
