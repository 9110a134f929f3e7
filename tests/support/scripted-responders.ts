import type { Responder, ResponderDecision, ResponderInput } from '../../src/core/responder';

/** Replies "echo: <text>", so tests can tell which reply answers which message. */
export class EchoResponder implements Responder {
  readonly seen: string[] = [];
  async respond(input: ResponderInput): Promise<ResponderDecision> {
    this.seen.push(input.message.text);
    return { kind: 'reply', text: `echo: ${input.message.text}` };
  }
}
