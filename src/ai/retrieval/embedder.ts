/**
 * Turns texts into embedding vectors (hybrid retrieval, issue #5). The OpenAI
 * implementation lives in src/ai/embeddings; tests use a deterministic one.
 */
export interface Embedder {
  /** The model name, stored with the vectors so a model change re-embeds. */
  readonly model: string;
  /** One vector per text, in order. Throws on failure; callers fall back to lexical retrieval. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}
