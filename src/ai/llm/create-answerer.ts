import type OpenAI from 'openai';
import type { OpenAiEnv } from '../../config/env';
import { KnowledgeResponder, type KnowledgeResponderOptions } from '../kb-responder';
import { LlmResponder, type LlmResponderOptions } from '../llm-responder';
import { createOpenAiClient, type OpenAiClientOptions } from './create-openai-client';
import type { KnowledgeAnswerer } from './knowledge-answerer';

export interface AnswererDeps
  extends KnowledgeResponderOptions,
    Pick<LlmResponderOptions, 'assistant' | 'actions' | 'logger' | 'temperature' | 'metrics'>,
    OpenAiClientOptions {
  /** A ready client (tests); by default one is made from the env. */
  client?: OpenAI;
}

/**
 * The answerer for the configured environment: with OPENAI_API_KEY or OPENAI_BASE_URL set,
 * the LLM grounded on the knowledge base, falling back to the local answerer whenever the
 * model fails; without, the local answerer alone.
 */
export function createAnswerer(openai: OpenAiEnv | undefined, deps: AnswererDeps): KnowledgeAnswerer {
  const local = new KnowledgeResponder({
    index: deps.index,
    unsureText: deps.unsureText,
    ...(deps.embedder && { embedder: deps.embedder }),
    ...(deps.maxAnswerLength !== undefined && { maxAnswerLength: deps.maxAnswerLength }),
    ...(deps.limits && { limits: deps.limits }),
    ...(deps.confidenceModel && { confidenceModel: deps.confidenceModel }),
  });
  if (!openai) return local;
  const client = deps.client ?? createOpenAiClient(openai, { timeoutMs: deps.timeoutMs, maxRetries: deps.maxRetries });
  return new LlmResponder({
    client,
    model: openai.model,
    index: deps.index,
    embedder: deps.embedder,
    fallback: local,
    unsureText: deps.unsureText,
    assistant: deps.assistant,
    actions: deps.actions,
    maxAnswerLength: deps.maxAnswerLength,
    limits: deps.limits,
    timeoutMs: deps.timeoutMs,
    maxRetries: deps.maxRetries,
    temperature: deps.temperature,
    logger: deps.logger,
    metrics: deps.metrics,
  });
}
