import type { OpenAiEnv } from '../../config/env';
import { createOpenAiClient } from '../llm/create-openai-client';
import type { Embedder } from '../retrieval/embedder';
import { OpenAiEmbedder } from './openai-embedder';

/** The embedder for hybrid retrieval, when OPENAI_EMBEDDING_MODEL is set; none otherwise. */
export function createEmbedder(openai: OpenAiEnv | undefined): Embedder | undefined {
  if (!openai?.embeddingModel) return undefined;
  return new OpenAiEmbedder({
    client: createOpenAiClient(openai, { timeoutMs: 10_000, maxRetries: 1 }),
    model: openai.embeddingModel,
  });
}
