import { z } from 'zod';
import { BatonError } from '../../core/errors';

/**
 * A view_submission Baton cannot use. With `blockId` it is the person's input (show it in
 * the modal: `ack({ response_action: 'errors', errors: error.responseErrors })`); without,
 * the payload is not the view Baton built (a manifest pointing the callback id at the wrong
 * handler, or a changed view), and the handler should log it and ack without acting.
 */
export class ViewSubmissionError extends BatonError {
  constructor(
    message: string,
    readonly blockId?: string,
  ) {
    super('payload_invalid', message);
    this.name = 'ViewSubmissionError';
  }

  /** Slack's `errors` object for `response_action: 'errors'`, keyed by block id. */
  get responseErrors(): Record<string, string> {
    return this.blockId ? { [this.blockId]: this.message } : {};
  }
}

const ZSubmittedViewSchema = z.object({
  callback_id: z.string(),
  private_metadata: z.string().optional(),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }),
});

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Checks that `view` is a submitted view with `callbackId` and returns the state value of
 * `blockId`/`actionId`, parsed with `schema`.
 */
export function readViewState<T>(
  view: unknown,
  callbackId: string,
  blockId: string,
  actionId: string,
  schema: z.ZodType<T>,
): { value: T; privateMetadata: string | undefined } {
  const parsed = ZSubmittedViewSchema.safeParse(view);
  if (!parsed.success) {
    throw new ViewSubmissionError(`the submitted view is malformed (${describeIssues(parsed.error)}).`);
  }
  if (parsed.data.callback_id !== callbackId) {
    throw new ViewSubmissionError(
      `expected a submission of the ${callbackId} view, got ${JSON.stringify(parsed.data.callback_id)}: check the callback id the handler listens to.`,
    );
  }
  const raw = parsed.data.state.values[blockId]?.[actionId];
  if (raw === undefined) {
    throw new ViewSubmissionError(`the ${callbackId} submission has no state value at ${blockId}.${actionId}.`);
  }
  const value = schema.safeParse(raw);
  if (!value.success) {
    throw new ViewSubmissionError(
      `the ${callbackId} submission's ${blockId}.${actionId} is malformed (${describeIssues(value.error)}).`,
    );
  }
  return { value: value.data, privateMetadata: parsed.data.private_metadata };
}

/** Parses private_metadata written by Baton's own builders as JSON matching `schema`. */
export function readPrivateMetadata<T>(metadata: string | undefined, callbackId: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(metadata ?? '');
  } catch {
    throw new ViewSubmissionError(`the ${callbackId} submission's private_metadata is not JSON.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ViewSubmissionError(
      `the ${callbackId} submission's private_metadata is malformed (${describeIssues(parsed.error)}).`,
    );
  }
  return parsed.data;
}
