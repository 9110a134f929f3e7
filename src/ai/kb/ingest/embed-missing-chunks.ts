import type { Db } from '../../../db/prisma-client';
import type { Embedder } from '../../retrieval/embedder';
import { embeddingText, encodeEmbedding } from '../../retrieval/embedding-bytes';

export interface EmbedChunksOptions {
  /** Re-embed every chunk, not only those without a vector: after changing the embedding model. */
  all?: boolean;
  /** Chunks per embedder call and per transaction. Default 96. */
  batchSize?: number;
}

export interface EmbedChunksResult {
  /** Chunks given a vector. */
  embedded: number;
  /** Why the run stopped early, when it did. */
  error?: string;
}

/**
 * Stores an embedding for every chunk that has none (or for all with `all`), batch by batch.
 * Each batch is written in one transaction that also moves its documents' `updatedAt`, so other
 * processes rebuild their index with the new vectors. A failure stops the run and is returned;
 * the batches already written stay, and the next run picks up the chunks still missing a vector.
 */
export async function embedMissingChunks(
  db: Db,
  embedder: Embedder,
  options: EmbedChunksOptions = {},
): Promise<EmbedChunksResult> {
  const batchSize = Math.max(1, options.batchSize ?? 96);
  const chunks = await db.knowledgeChunk.findMany({
    where: options.all ? {} : { embedding: null },
    select: { id: true, documentId: true, headingPath: true, text: true, document: { select: { title: true } } },
    orderBy: [{ documentId: 'asc' }, { ordinal: 'asc' }],
  });
  let embedded = 0;
  let dimensions: number | undefined;
  for (let start = 0; start < chunks.length; start += batchSize) {
    const batch = chunks.slice(start, start + batchSize);
    let vectors: Float32Array[];
    try {
      vectors = await embedder.embed(batch.map((chunk) => embeddingText({ ...chunk, title: chunk.document.title })));
    } catch (error) {
      return { embedded, error: `the ${embedder.model} embedder failed: ${(error as Error).message}` };
    }
    dimensions ??= vectors[0]?.length;
    if (vectors.length !== batch.length || vectors.some((vector) => vector.length !== dimensions || !dimensions)) {
      return {
        embedded,
        error: `the ${embedder.model} embedder returned ${vectors.length} vectors of uneven or zero length for ${batch.length} chunks`,
      };
    }
    const documentIds = [...new Set(batch.map((chunk) => chunk.documentId))];
    await db.$transaction([
      ...batch.map((chunk, i) =>
        db.knowledgeChunk.update({
          where: { id: chunk.id },
          data: { embedding: encodeEmbedding(vectors[i] as Float32Array) },
        }),
      ),
      db.knowledgeDocument.updateMany({ where: { id: { in: documentIds } }, data: { updatedAt: new Date() } }),
    ]);
    embedded += batch.length;
  }
  return { embedded };
}
