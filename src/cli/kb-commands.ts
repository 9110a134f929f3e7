import { createInterface } from 'node:readline';
import { answerLocally } from '../ai/answer/local-answerer';
import { createIngestProgressReporter } from '../ai/kb/ingest/format-ingest-progress';
import { type IngestResult, ingestDirectory } from '../ai/kb/ingest/ingest-directory';
import { loadKnowledgeIndex } from '../ai/retrieval/load-knowledge-index';
import type { Env } from '../config/env';
import { createLogger } from '../core/logger';
import { createPrismaClient } from '../db/prisma-client';
import { prepareDatabase } from './run-baton';

/** `baton kb ingest <dir>`: makes the knowledge base mirror the directory. */
export async function runKbIngest(env: Env, dir: string): Promise<IngestResult> {
  await prepareDatabase(env.databaseUrl, createLogger({ level: 'warn' }));
  const db = createPrismaClient(env.databaseUrl, { poolSize: 2 });
  try {
    const report = createIngestProgressReporter({
      write: (text) => process.stdout.write(text),
      isTTY: process.stdout.isTTY,
      columns: process.stdout.columns,
    });
    return await ingestDirectory(db, dir, { onProgress: report });
  } finally {
    await db.$disconnect();
  }
}

/**
 * `baton kb ask "<question>" [--json]`; without a question, one question per
 * line from stdin and one JSON object per line out (batch mode for evaluation).
 */
export async function runKbAsk(env: Env, question: string | undefined, options: { json: boolean }): Promise<void> {
  const db = createPrismaClient(env.databaseUrl, { poolSize: 2 });
  try {
    const index = await loadKnowledgeIndex(db);
    const ask = (q: string) => answerLocally(q, index.search(q, { limit: 5 }));
    if (question !== undefined) {
      const result = ask(question);
      if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else {
        process.stdout.write(`${result.confident ? result.answer : 'Unsure: the documents do not answer this.'}\n`);
        for (const source of result.sources)
          process.stdout.write(`  - ${source.document} (${source.score.toFixed(1)})\n`);
      }
      return;
    }
    const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      process.stdout.write(`${JSON.stringify(ask(line.trim()))}\n`);
    }
  } finally {
    await db.$disconnect();
  }
}
