import type { Embedder } from './embedder';
import type { KnowledgeIndex, RetrievalResult } from './knowledge-index';

export interface RetrieveOptions {
  limit?: number;
  /** Embeds the question for hybrid search; without one, or when it fails, retrieval is lexical. */
  embedder?: Embedder;
}

export interface Retrieval {
  results: RetrievalResult[];
  mode: 'hybrid' | 'lexical';
  /** Why hybrid search was wanted but not used: the embedder failed, or its vectors do not fit the index. */
  fallbackReason?: string;
}

/**
 * The chunks for a question: hybrid (KnowledgeIndex.searchHybrid) when an embedder is given and
 * the index holds embeddings, else lexical. An embedder failure never fails the question: the
 * traveler still gets the lexical answer, and `fallbackReason` says why, for the log.
 */
export async function retrieve(
  index: KnowledgeIndex,
  question: string,
  options: RetrieveOptions = {},
): Promise<Retrieval> {
  const limit = options.limit ?? 5;
  const lexical = (fallbackReason?: string): Retrieval => ({
    results: index.search(question, { limit }),
    mode: 'lexical',
    ...(fallbackReason && { fallbackReason }),
  });
  if (!options.embedder || index.embeddedCount === 0) return lexical();
  let vector: Float32Array | undefined;
  try {
    [vector] = await options.embedder.embed([question]);
  } catch (error) {
    return lexical(`embedding the question failed: ${(error as Error).message}`);
  }
  if (!vector || vector.length !== index.embeddingDimensions) {
    return lexical(
      `the ${options.embedder.model} vector has ${vector?.length ?? 0} dimensions but the knowledge base's have ${index.embeddingDimensions}: ingest again with this model`,
    );
  }
  return { results: index.searchHybrid(question, vector, { limit }), mode: 'hybrid' };
}
