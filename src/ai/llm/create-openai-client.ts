import OpenAI from 'openai';
import type { OpenAiEnv } from '../../config/env';
import { BatonError } from '../../core/errors';

/** Per attempt: the traveler is waiting on a phone, so a slow model must give way to the local answerer. */
export const defaultLlmTimeoutMs = 15_000;
/** The SDK retries 408/409/429/5xx and connection failures with backoff (honouring retry-after). */
export const defaultLlmMaxRetries = 2;

/**
 * Local OpenAI-compatible servers (Ollama, vLLM, llama.cpp) ignore the key, but the SDK
 * refuses to start without one.
 */
export const placeholderApiKey = 'not-needed';

export const openAiApiUrl = 'https://api.openai.com/v1';

export interface OpenAiClientOptions {
  timeoutMs?: number;
  maxRetries?: number;
}

/** An OpenAI SDK client for OPENAI_API_KEY and/or OPENAI_BASE_URL, with bounded timeout and retries. */
export function createOpenAiClient(
  env: Pick<OpenAiEnv, 'apiKey' | 'baseUrl'>,
  options: OpenAiClientOptions = {},
): OpenAI {
  if (!env.apiKey && !env.baseUrl) {
    throw new BatonError(
      'dependency_unavailable',
      'The LLM client needs OPENAI_API_KEY or OPENAI_BASE_URL. Fix: set one of them, or leave both unset to answer with the local knowledge base only.',
    );
  }
  return new OpenAI({
    apiKey: env.apiKey ?? placeholderApiKey,
    // Explicit, so a stray OPENAI_BASE_URL in the process environment cannot override the validated env.
    baseURL: env.baseUrl ?? openAiApiUrl,
    timeout: options.timeoutMs ?? defaultLlmTimeoutMs,
    maxRetries: options.maxRetries ?? defaultLlmMaxRetries,
  });
}
