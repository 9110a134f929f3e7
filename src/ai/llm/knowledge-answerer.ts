import type { Responder, ResponderInput } from '../../core/responder';
import type { KnowledgeAnswer } from '../answer/local-answerer';

/**
 * A responder that can also show its work: the answer with its sources, as `baton kb ask`
 * prints it. KnowledgeResponder (local) and LlmResponder both implement it.
 */
export interface KnowledgeAnswerer extends Responder {
  answer(input: ResponderInput): Promise<AnswerWithSources>;
}

/** The answer, plus what only the LLM reports: the answer's language, or the action it chose. */
export type AnswerWithSources = KnowledgeAnswer & { language?: string; actionId?: string };
