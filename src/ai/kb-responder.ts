import { type ChannelTextLimits, defaultChannelTextLimits } from '../core/outbound/outbound-text-policy';
import type { Responder, ResponderDecision, ResponderInput } from '../core/responder';
import type { ConfidenceModel } from './answer/confidence-model';
import { answerLocally, type KnowledgeAnswer } from './answer/local-answerer';
import type { Embedder } from './retrieval/embedder';
import type { KnowledgeIndex } from './retrieval/knowledge-index';
import { retrieve } from './retrieval/retrieve';

export interface KnowledgeResponderOptions {
  /** Embeds questions for hybrid retrieval (OPENAI_EMBEDDING_MODEL); lexical without it. */
  embedder?: Embedder;
  /** Where the index comes from: a KnowledgeIndexCache in production, a fixed index in tests. */
  index: { get(): Promise<KnowledgeIndex> };
  /** What the traveler is told when the knowledge base does not answer the question. */
  unsureText: string;
  /** Longest answer, before the channel's own limit applies. Default 600. */
  maxAnswerLength?: number;
  limits?: ChannelTextLimits;
  /** When to answer rather than be unsure; default defaultConfidenceModel. */
  confidenceModel?: ConfidenceModel;
}

/** Answers from the knowledge base without a language model (the local answerer). */
export class KnowledgeResponder implements Responder {
  constructor(private readonly options: KnowledgeResponderOptions) {}

  async respond(input: ResponderInput): Promise<ResponderDecision> {
    const answer = await this.answer(input);
    if (answer.confident && answer.answer) return { kind: 'reply', text: answer.answer };
    // The handoff triggers (src/actions) decide what an unsure answer leads to.
    return { kind: 'unsure', text: this.options.unsureText };
  }

  /** The full answer with its sources, for callers that need more than the decision. */
  async answer(input: ResponderInput): Promise<KnowledgeAnswer> {
    const limits = this.options.limits ?? defaultChannelTextLimits;
    const maxLength = Math.min(this.options.maxAnswerLength ?? 600, limits[input.channel]);
    const index = await this.options.index.get();
    const { results } = await retrieve(index, input.message.text, { limit: 5, embedder: this.options.embedder });
    return answerLocally(input.message.text, results, { maxLength, confidenceModel: this.options.confidenceModel });
  }
}
