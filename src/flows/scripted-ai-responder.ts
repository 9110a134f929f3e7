import type { Responder, ResponderDecision, ResponderInput } from '../core/responder';
import { flowRegexFlags, type TAiScript } from './flow-file.schema';

/**
 * The AI during flows: the running flow's scripted answers (`ai:` in the flow file) when one
 * matches the traveler's message, else the real answerer. Flows run one at a time, so the
 * script in force is the current flow's.
 */
export class ScriptedAiResponder implements Responder {
  private script: readonly TAiScript[] = [];

  constructor(
    private readonly answerer: Responder,
    /** What `unsure: true` says: the config's messages.aiUnsure. */
    private readonly unsureText: string,
  ) {}

  get historyLength(): number | undefined {
    return this.answerer.historyLength;
  }

  /** The script of the flow about to run (none: the answerer answers everything). */
  use(script: readonly TAiScript[] | undefined): void {
    this.script = script ?? [];
  }

  async respond(input: ResponderInput): Promise<ResponderDecision> {
    const entry = this.script.find(
      (candidate) =>
        candidate.when === undefined || new RegExp(candidate.when, flowRegexFlags).test(input.message.text),
    );
    if (!entry) return this.answerer.respond(input);
    if (entry.reply !== undefined) return { kind: 'reply', text: entry.reply };
    return {
      kind: 'unsure',
      text: entry.unsure === true || entry.unsure === undefined ? this.unsureText : entry.unsure,
    };
  }
}
