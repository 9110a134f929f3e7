import type { Responder, ResponderDecision, ResponderInput } from '../core/responder';
import { type MessageTriggers, matchHandoffTrigger } from './match-handoff-trigger';

/** Hands off when a message trigger matches; otherwise lets the AI answer. */
export class TriggeringResponder implements Responder {
  constructor(
    private readonly triggers: MessageTriggers,
    private readonly inner: Responder,
  ) {}

  async respond(input: ResponderInput): Promise<ResponderDecision> {
    const match = matchHandoffTrigger(input.message.text, this.triggers);
    if (match) return { kind: 'handoff', reason: match.reason };
    return this.inner.respond(input);
  }
}
