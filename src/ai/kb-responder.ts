import { type ChannelTextLimits, defaultChannelTextLimits } from '../core/outbound/outbound-text-policy';
import type { Responder, ResponderDecision, ResponderInput } from '../core/responder';
import { answerLocally, type ConfidenceThresholds, type KnowledgeAnswer } from './answer/local-answerer';
import type { KnowledgeIndex } from './retrieval/knowledge-index';

export interface KnowledgeResponderOptions {
  /** Where the index comes from: a KnowledgeIndexCache in production, a fixed index in tests. */
  index: { get(): Promise<KnowledgeIndex> };
  /** What the traveler is told when the knowledge base does not answer the question. */
  unsureText: string;
  /** Unsure → hand the conversation to a specialist instead of replying. Default false. */
  handoffWhenUnsure?: boolean;
  /** Longest answer, before the channel's own limit applies. Default 600. */
  maxAnswerLength?: number;
  limits?: ChannelTextLimits;
  thresholds?: ConfidenceThresholds;
  /** Told about every unsure answer (e.g. for the handoff triggers of #6), whatever is decided. */
  onUnsure?: (input: ResponderInput, answer: KnowledgeAnswer) => void;
}

/** Handoff reason for an unsure answer; handoff triggers match on it. */
export const AI_UNSURE_REASON = 'AI unsure';

/** Answers from the knowledge base without a language model (the local answerer). */
export class KnowledgeResponder implements Responder {
  constructor(private readonly options: KnowledgeResponderOptions) {}

  async respond(input: ResponderInput): Promise<ResponderDecision> {
    const answer = await this.answer(input);
    if (answer.confident && answer.answer) return { kind: 'reply', text: answer.answer };
    this.options.onUnsure?.(input, answer);
    const text = this.options.unsureText;
    if (this.options.handoffWhenUnsure) return { kind: 'handoff', reason: AI_UNSURE_REASON, text };
    return { kind: 'reply', text };
  }

  /** The full answer with its sources, for callers that need more than the decision. */
  async answer(input: ResponderInput): Promise<KnowledgeAnswer> {
    const limits = this.options.limits ?? defaultChannelTextLimits;
    const maxLength = Math.min(this.options.maxAnswerLength ?? 600, limits[input.channel]);
    const index = await this.options.index.get();
    const results = index.search(input.message.text, { limit: 5 });
    return answerLocally(input.message.text, results, { maxLength, thresholds: this.options.thresholds });
  }
}
