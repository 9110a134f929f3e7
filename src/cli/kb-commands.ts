import { createInterface } from 'node:readline';
import { createEmbedder } from '../ai/embeddings/create-embedder';
import { createIngestProgressReporter } from '../ai/kb/ingest/format-ingest-progress';
import { type IngestResult, ingestDirectory } from '../ai/kb/ingest/ingest-directory';
import { createAnswerer } from '../ai/llm/create-answerer';
import { loadKnowledgeIndex } from '../ai/retrieval/load-knowledge-index';
import { ZAssistantSchema } from '../config/baton-config.schema';
import type { Env } from '../config/env';
import { createLogger } from '../core/logger';
import { createPrismaClient } from '../db/prisma-client';
import { prepareDatabase } from './run-baton';

/** `baton kb ingest <dir>`: makes the knowledge base mirror the directory. */
export async function runKbIngest(env: Env, dir: string, options: { reembed?: boolean } = {}): Promise<IngestResult> {
  await prepareDatabase(env.databaseUrl, createLogger({ level: 'warn' }));
  const db = createPrismaClient(env.databaseUrl, { poolSize: 2 });
  try {
    const report = createIngestProgressReporter({
      write: (text) => process.stdout.write(text),
      isTTY: process.stdout.isTTY,
      columns: process.stdout.columns,
    });
    // With OPENAI_EMBEDDING_MODEL, chunks are embedded too (hybrid retrieval).
    return await ingestDirectory(db, dir, {
      onProgress: report,
      embedder: createEmbedder(env.openai),
      reembed: options.reembed,
    });
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
    const embedder = createEmbedder(env.openai);
    const index = await loadKnowledgeIndex(db, { embeddings: embedder !== undefined });
    // The same answerer as the worker: the LLM when one is configured, else the local answerer.
    const answerer = createAnswerer(env.openai, {
      index: { get: async () => index },
      embedder,
      unsureText: '',
      assistant: ZAssistantSchema.parse(undefined),
      // stdout carries the answers (one JSON per line): warnings go to stderr.
      logger: { warn: (details, message) => process.stderr.write(`${message} ${JSON.stringify(details)}\n`) },
    });
    const ask = async (q: string) => {
      const { answer, confident, sources } = await answerer.answer({
        conversationId: 'kb-ask',
        channel: 'simulator',
        message: { id: 'kb-ask', text: q },
      });
      return { answer, confident, sources };
    };
    if (question !== undefined) {
      const result = await ask(question);
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
      process.stdout.write(`${JSON.stringify(await ask(line.trim()))}\n`);
    }
  } finally {
    await db.$disconnect();
  }
}
