import type { ChannelKind } from '../channels/channel-adapter';

/**
 * Decides what the assistant says to a traveler's message while the
 * conversation is in `bot`. The AI (src/ai) implements it; the core only
 * stores and delivers what it decides, and applies the handoff triggers and
 * rules (src/actions) around it.
 */
export interface ResponderInput {
  conversationId: string;
  channel: ChannelKind;
  message: { id: string; text: string };
  /** The conversation's language when known (BCP 47, such as "en" or "pt-BR"). */
  language?: string;
  /** Earlier messages of the conversation, oldest first, the current one excluded. */
  history?: ReadonlyArray<{ author: 'traveler' | 'ai' | 'specialist' | 'system'; text: string }>;
}

export type ResponderDecision =
  | { kind: 'reply'; text: string }
  /** The AI could not answer with confidence; `text` tells the traveler so. Handoff triggers count these. */
  | { kind: 'unsure'; text: string }
  | { kind: 'handoff'; reason: string; text?: string }
  /** Start a configured custom action (the AI chose it, e.g. by function calling). */
  | { kind: 'start_action'; actionId: string }
  | { kind: 'silent' };

export interface Responder {
  /** How many earlier messages `respond` wants in `history` (an LLM does; the local answerer none). */
  readonly historyLength?: number;
  respond(input: ResponderInput): Promise<ResponderDecision>;
}
