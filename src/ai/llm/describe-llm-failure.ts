import OpenAI from 'openai';

/** Where LLM failures are reported; a pino Logger fits. */
export interface WarnLogger {
  warn(details: object, message: string): void;
}

export interface LlmFailure {
  /** Stable, for logs and metrics. */
  reason:
    | 'timeout'
    | 'connection'
    | 'rate_limited'
    | 'server_error'
    | 'auth'
    | 'bad_request'
    | 'unreadable_output'
    | 'other';
  status?: number;
  /** What the operator can do about it. */
  fix: string;
}

/**
 * Why an LLM call failed, for a log line: the error's kind and HTTP status only — never its
 * message, which can echo part of the API key or the traveler's text. Pure.
 */
export function describeLlmFailure(error: unknown): LlmFailure {
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return {
      reason: 'timeout',
      fix: 'The model did not answer in time: check the server load, or use a faster model.',
    };
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return {
      reason: 'connection',
      fix: 'Check that OPENAI_BASE_URL (or api.openai.com) is reachable from this machine.',
    };
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const status = error.status;
    if (status === 401 || status === 403) {
      return { reason: 'auth', status, fix: 'Check OPENAI_API_KEY (and that the key may use OPENAI_MODEL).' };
    }
    if (status === 429) {
      return {
        reason: 'rate_limited',
        status,
        fix: 'Rate limit or quota reached: check the account’s limits and billing.',
      };
    }
    if (status >= 500)
      return { reason: 'server_error', status, fix: 'The LLM server failed; it usually recovers by itself.' };
    return {
      reason: 'bad_request',
      status,
      fix: 'The server refused the request: check OPENAI_MODEL, and that the server supports JSON mode and tools.',
    };
  }
  return { reason: 'other', fix: 'See the error type; answers fall back to the local knowledge base meanwhile.' };
}
