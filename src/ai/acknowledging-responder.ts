import type { Responder, ResponderDecision } from '../core/responder';

/** Stands in until an answerer is configured: acknowledges every message with one fixed text. */
export class AcknowledgingResponder implements Responder {
  constructor(private readonly text: string) {}

  async respond(): Promise<ResponderDecision> {
    return { kind: 'reply', text: this.text };
  }
}
