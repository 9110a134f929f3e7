import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chunkDocument } from '../../src/ai/kb/ingest/chunk-document';
import { parseMarkdownDocument } from '../../src/ai/kb/ingest/parse-markdown-document';
import { type KnowledgeChunkInput, KnowledgeIndex } from '../../src/ai/retrieval/knowledge-index';
import { round, type Summary, summarize } from './stats';

/**
 * Retrieval latency at a given knowledge-base size. Chunks come from the destination guides
 * (read in place, chunked by Baton's own ingest chunker); to reach 1k or 10k chunks the set is
 * repeated, each copy a variant: its own document path and title, sentences rotated and one in
 * k dropped, so copies neither collapse into identical postings nor stop ranking like prose.
 */
export interface RetrievalResult {
  chunks: number;
  buildMs: number;
  /** Heap grown by building the index (approximate: after a forced GC when exposed). */
  heapMB: number;
  queries: number;
  searchMs: Summary | null;
  /** Share of questions whose expected guide is among the top 5 (any copy of it). */
  hitAt5: number;
}

interface Question {
  q: string;
  doc: string | null;
}

export function loadCorpus(corpusDir: string): KnowledgeChunkInput[] {
  const files = readdirSync(corpusDir)
    .filter((name) => name.endsWith('.md') && name !== 'SOURCE.md')
    .sort();
  return files.flatMap((name) => {
    const document = parseMarkdownDocument(readFileSync(path.join(corpusDir, name), 'utf8'));
    return chunkDocument(document.text).map((chunk) => ({
      id: `${name}#${chunk.ordinal}`,
      documentPath: name,
      title: document.title ?? null,
      headingPath: chunk.headingPath,
      text: chunk.text,
    }));
  });
}

function variant(chunk: KnowledgeChunkInput, copy: number): KnowledgeChunkInput {
  if (copy === 0) return chunk;
  const sentences = chunk.text.split(/(?<=[.!?])\s+/);
  const shift = copy % Math.max(1, sentences.length);
  const rotated = [...sentences.slice(shift), ...sentences.slice(0, shift)];
  const kept = rotated.filter((_, i) => sentences.length < 3 || i % (copy + 2) !== copy % (copy + 2));
  return {
    id: `copy${copy}/${chunk.id}`,
    documentPath: `edition-${copy}/${chunk.documentPath}`,
    title: chunk.title ? `${chunk.title} (edition ${copy})` : null,
    headingPath: chunk.headingPath,
    text: kept.join(' '),
  };
}

export function corpusOfSize(base: readonly KnowledgeChunkInput[], size: number): KnowledgeChunkInput[] {
  const chunks: KnowledgeChunkInput[] = [];
  for (let copy = 0; chunks.length < size; copy++) {
    for (const chunk of base) {
      if (chunks.length >= size) break;
      chunks.push(variant(chunk, copy));
    }
  }
  return chunks;
}

export function loadQuestions(file: string): Question[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Question);
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

export function measureRetrieval(
  base: readonly KnowledgeChunkInput[],
  size: number,
  questions: readonly Question[],
  passes: number,
): RetrievalResult {
  const chunks = corpusOfSize(base, size);
  const heapBefore = heapUsed();
  const buildStart = performance.now();
  const index = new KnowledgeIndex(chunks);
  const buildMs = performance.now() - buildStart;
  const heapMB = (heapUsed() - heapBefore) / 1024 / 1024;
  for (const question of questions) index.search(question.q, { limit: 5 }); // warm-up
  const samples: number[] = [];
  let hits = 0;
  let answerable = 0;
  for (let pass = 0; pass < passes; pass++) {
    for (const question of questions) {
      const start = performance.now();
      const results = index.search(question.q, { limit: 5 });
      samples.push(performance.now() - start);
      if (pass === 0 && question.doc) {
        answerable += 1;
        const doc = question.doc;
        if (results.some((r) => r.documentPath === doc || r.documentPath.endsWith(`/${doc}`))) hits += 1;
      }
    }
  }
  return {
    chunks: index.size,
    buildMs: Math.round(buildMs),
    heapMB: round(heapMB, 1),
    queries: samples.length,
    searchMs: summarize(samples),
    hitAt5: answerable > 0 ? round(hits / answerable, 3) : 0,
  };
}
