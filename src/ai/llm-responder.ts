import type OpenAI from 'openai';
import type { TAction } from '../config/baton-config.schema';
import { createLogger } from '../core/logger';
import type { MetricsRecorder } from '../core/metrics';
import { type ChannelTextLimits, defaultChannelTextLimits } from '../core/outbound/outbound-text-policy';
import type { ResponderDecision, ResponderInput } from '../core/responder';
import { answerWithLlm, type LlmAnswer } from './llm/answer-with-llm';
import type { AssistantSettings } from './llm/build-answer-prompt';
import { describeLlmFailure, type LlmFailure, type WarnLogger } from './llm/describe-llm-failure';
import type { AnswerWithSources, KnowledgeAnswerer } from './llm/knowledge-answerer';
import type { Embedder } from './retrieval/embedder';
import type { KnowledgeIndex } from './retrieval/knowledge-index';
import { retrieve } from './retrieval/retrieve';

export interface LlmResponderOptions {
  client: OpenAI;
  model: string;
  /** Where the index comes from: a KnowledgeIndexCache in production, a fixed index in tests. */
  index: { get(): Promise<KnowledgeIndex> };
  /** Embeds questions for hybrid retrieval (OPENAI_EMBEDDING_MODEL); lexical without it. */
  embedder?: Embedder;
  /** Decides whenever the LLM fails: the local KnowledgeResponder. */
  fallback: KnowledgeAnswerer;
  /** What the traveler is told when the knowledge base does not answer the question. */
  unsureText: string;
  assistant: AssistantSettings;
  /** Custom actions the model may start (function calling). */
  actions?: readonly Pick<TAction, 'id' | 'title' | 'description'>[];
  /** Longest answer, before the channel's own limit applies. Default 600. */
  maxAnswerLength?: number;
  limits?: ChannelTextLimits;
  /** Per-request overrides of the client's timeout and retries. */
  timeoutMs?: number;
  maxRetries?: number;
  temperature?: number;
  logger?: WarnLogger;
  /** Times each call to the model (absent: nothing is recorded). */
  metrics?: MetricsRecorder;
}

type Consulted = { answer: LlmAnswer } | { failure: LlmFailure };

/**
 * Answers with a chat model grounded on the knowledge base (retrieve, then ask), or starts
 * a custom action the model chose. Whenever the model cannot be used — timeout, connection
 * refused, 5xx/429 after the SDK's bounded retries, an unreadable reply — it logs a warning
 * and lets the local answerer decide: the traveler always gets an answer, and this never
 * throws for an LLM failure.
 */
export class LlmResponder implements KnowledgeAnswerer {
  /** Earlier messages the model sees, so follow-up questions make sense. */
  readonly historyLength = 8;
  private readonly logger: WarnLogger;

  constructor(private readonly options: LlmResponderOptions) {
    this.logger = options.logger ?? createLogger({ name: 'baton-ai', level: 'warn' });
  }

  async respond(input: ResponderInput): Promise<ResponderDecision> {
    const consulted = await this.consult(input);
    if ('failure' in consulted) return this.options.fallback.respond(input);
    const { answer } = consulted;
    if (answer.actionId) return { kind: 'start_action', actionId: answer.actionId };
    if (answer.confident && answer.answer) return { kind: 'reply', text: answer.answer };
    // The handoff triggers (src/actions) decide what an unsure answer leads to.
    return { kind: 'unsure', text: this.options.unsureText };
  }

  /** The full answer with its sources (`kb ask`); the local answerer's when the LLM fails. */
  async answer(input: ResponderInput): Promise<AnswerWithSources> {
    const consulted = await this.consult(input);
    return 'failure' in consulted ? this.options.fallback.answer(input) : consulted.answer;
  }

  private async consult(input: ResponderInput): Promise<Consulted> {
    const { options } = this;
    const limits = options.limits ?? defaultChannelTextLimits;
    const maxLength = Math.min(options.maxAnswerLength ?? 600, limits[input.channel]);
    const index = await options.index.get();
    const { results } = await retrieve(index, input.message.text, { limit: 5, embedder: options.embedder });
    let failure: LlmFailure;
    try {
      const answer = await answerWithLlm({
        client: options.client,
        model: options.model,
        question: input.message.text,
        history: input.history,
        results,
        assistant: options.assistant,
        language: input.language,
        maxLength,
        actions: options.actions,
        timeoutMs: options.timeoutMs,
        maxRetries: options.maxRetries,
        temperature: options.temperature,
        metrics: options.metrics,
      });
      if (answer.wellFormed) return { answer };
      failure = {
        reason: 'unreadable_output',
        fix: 'The model did not reply in the JSON asked for: use a model that supports JSON mode (response_format json_object).',
      };
    } catch (error) {
      failure = describeLlmFailure(error);
    }
    // No traveler text and no error message: they can hold personal data or part of a key.
    this.logger.warn(
      { conversationId: input.conversationId, model: options.model, ...failure },
      'LLM answer failed; the local knowledge base answered instead',
    );
    return { failure };
  }
}
