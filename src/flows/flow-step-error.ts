/**
 * A step that could not be carried out as written — a specialist clicking a button the card
 * does not show, replying where no handoff thread is open. The message says what was missing
 * and what Slack showed instead; the flow stops there.
 */
export class FlowStepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowStepError';
  }
}
