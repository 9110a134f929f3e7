import type { ChannelKind } from '../channels/channel-adapter';

/**
 * Decides what the assistant says to a traveler's message while the
 * conversation is in `bot`. The AI (src/ai) implements it; the core only
 * stores and delivers what it decides.
 */
export interface ResponderInput {
  conversationId: string;
  channel: ChannelKind;
  message: { id: string; text: string };
}

export type ResponderDecision =
  | { kind: 'reply'; text: string }
  | { kind: 'handoff'; reason: string; text?: string }
  | { kind: 'silent' };

export interface Responder {
  respond(input: ResponderInput): Promise<ResponderDecision>;
}
