import type OpenAI from 'openai';
import { BatonError } from '../../core/errors';
import type { Embedder } from '../retrieval/embedder';

export interface OpenAiEmbedderOptions {
  client: OpenAI;
  /** OPENAI_EMBEDDING_MODEL. */
  model: string;
  /** Texts per request, at most 96 (what several OpenAI-compatible servers accept). Default 96. */
  batchSize?: number;
  /** Shorter vectors, for models that support it (text-embedding-3-*). */
  dimensions?: number;
  timeoutMs?: number;
}

export const maxEmbeddingBatch = 96;

/**
 * Embeddings through the OpenAI API or a compatible server. Asks for `encoding_format:
 * "float"` — the API's own default, which every compatible server speaks — instead of the
 * SDK's base64 default, and still decodes base64 should a server send it anyway.
 */
export class OpenAiEmbedder implements Embedder {
  readonly model: string;
  private readonly batchSize: number;

  constructor(private readonly options: OpenAiEmbedderOptions) {
    this.model = options.model;
    this.batchSize = Math.max(1, Math.min(options.batchSize ?? maxEmbeddingBatch, maxEmbeddingBatch));
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      vectors.push(...(await this.embedBatch(texts.slice(start, start + this.batchSize))));
    }
    return vectors;
  }

  private async embedBatch(texts: string[]): Promise<Float32Array[]> {
    const response = await this.options.client.embeddings.create(
      {
        model: this.model,
        input: texts,
        encoding_format: 'float',
        ...(this.options.dimensions !== undefined && { dimensions: this.options.dimensions }),
      },
      this.options.timeoutMs === undefined ? undefined : { timeout: this.options.timeoutMs },
    );
    const vectors: Array<Float32Array | undefined> = new Array(texts.length);
    for (const item of response.data) {
      if (item.index >= 0 && item.index < texts.length) vectors[item.index] = toVector(item.embedding);
    }
    const complete = vectors.filter((vector) => vector !== undefined);
    if (complete.length !== texts.length) {
      throw new BatonError(
        'dependency_unavailable',
        `The embeddings server returned ${response.data.length} vectors for ${texts.length} texts. Fix: check OPENAI_EMBEDDING_MODEL names an embedding model on that server.`,
      );
    }
    return complete;
  }
}

/** A vector from a float array, or from base64 little-endian float32 (encoding_format "base64"). */
export function toVector(embedding: number[] | string): Float32Array {
  if (typeof embedding !== 'string') return Float32Array.from(embedding);
  const bytes = Buffer.from(embedding, 'base64');
  // Copied out: the Buffer may sit at an offset of a shared pool not aligned to 4 bytes.
  const copy = new Uint8Array(bytes.length - (bytes.length % 4));
  copy.set(bytes.subarray(0, copy.length));
  return new Float32Array(copy.buffer);
}
