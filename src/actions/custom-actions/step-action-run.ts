import { pickText, type TAction, type TActionField, type TMessages } from '../../config/baton-config.schema';
import { BatonError } from '../../core/errors';
import { renderMessage } from '../../core/render-message';
import type { FieldValue } from '../fields/field-parse';
import { isSkipAnswer } from '../fields/is-skip-answer';
import { containsWords } from '../fields/normalize-answer';
import { parseFieldAnswer } from '../fields/parse-field-answer';
import { actionRunText } from './action-run-texts';
import { readConfirmationReply } from './read-confirmation-reply';

/**
 * A custom action as a conversational form: a pure state machine. The caller stores the state
 * (JSON) between messages, sends the replies, and acts on the final statuses.
 *
 *   start   → the first field's prompt
 *   answer  → invalid: the reason (or the field's invalidMessage) and the prompt again;
 *             valid (or a skip word on an optional field, stored as null): the next prompt;
 *             after the last field: a summary to confirm
 *   summary → yes: `completed` (no reply: the caller sends onComplete.sendMessage);
 *             a reply naming a field ("the dates", "no, the travel dates", or its number):
 *             that field alone is asked again, then the summary again;
 *             "no" without naming one: "Which detail should I change?" with the numbered labels;
 *             "everything": every field is asked again from the first;
 *             anything else: the summary again
 *   any time → the action's cancel word (whole word, any case): `cancelled`;
 *             a message more than timeoutMinutes after the last one: `timed_out`
 *
 * STOP is not a cancel word here: it is the SMS opt-out keyword, handled before messages reach
 * a form. On SMS carriers also treat "cancel" as an opt-out.
 */

/**
 * The stored state of one run.
 * - `fieldIndex`: the field being asked; `fields.length` once the summary is shown.
 * - `awaitingConfirmation`: every field has an answer. With `fieldIndex < fields.length` the
 *   traveler is correcting that one field, and the summary comes back after it.
 * - `answers`: by field name; null for a skipped optional field.
 */
export interface ActionRunState {
  actionId: string;
  fieldIndex: number;
  answers: Record<string, { value: FieldValue; display: string } | null>;
  /** ISO timestamp of the start or of the last message. */
  lastActivityAt: string;
  awaitingConfirmation: boolean;
}

export interface StepContext {
  now: Date;
  /** Where "today" is for date answers. */
  timeZone: string;
  /** The traveler's language; texts fall back to defaultLanguage, the form's own texts to English. */
  language: string;
  defaultLanguage: string;
  messages: Pick<TMessages, 'actionCancelled' | 'actionTimedOut'>;
  placeholders: { company: string; assistantName: string };
}

/**
 * - `collecting`: store the state, send the replies.
 * - `completed`: `answers` has every field (null when skipped); `displays` only the answered ones.
 * - `cancelled`: send the replies (messages.actionCancelled); the run is over.
 * - `timed_out`: the run was over before this message arrived. The replies hold
 *   messages.actionTimedOut; the caller then handles the message as a normal message (it was
 *   not an answer to the form), e.g. answers it with the AI.
 */
export type StepResult =
  | { status: 'collecting'; state: ActionRunState; replies: string[] }
  | {
      status: 'completed';
      state: ActionRunState;
      replies: string[];
      answers: Record<string, FieldValue | null>;
      displays: Record<string, string>;
    }
  | { status: 'cancelled'; state: ActionRunState; replies: string[] }
  | { status: 'timed_out'; state: ActionRunState; replies: string[] };

function languages(ctx: StepContext): string[] {
  return [ctx.language, ctx.defaultLanguage];
}

function promptFor(field: TActionField, ctx: StepContext): string {
  return pickText(field.prompt, ctx.language, ctx.defaultLanguage);
}

function fieldAt(action: TAction, index: number): TActionField {
  const field = action.fields[index];
  if (!field) {
    throw new BatonError(
      'state_transition_invalid',
      `action ${action.id} has no field ${index} (it has ${action.fields.length}). The config changed while the form ran; cancel the run.`,
    );
  }
  return field;
}

function operatorMessage(template: TMessages['actionCancelled'], action: TAction, ctx: StepContext): string {
  return renderMessage(pickText(template, ctx.language, ctx.defaultLanguage), {
    ...ctx.placeholders,
    actionTitle: action.title,
  });
}

function fieldLabel(field: TActionField): string {
  return field.label ?? field.name;
}

function summary(action: TAction, state: ActionRunState, ctx: StepContext): string {
  const lines = action.fields.map((field) => {
    const answer = state.answers[field.name];
    return `${fieldLabel(field)}: ${answer ? answer.display : actionRunText('skipped', languages(ctx))}`;
  });
  return actionRunText('confirm', languages(ctx), { lines: lines.join('\n') });
}

export function startActionRun(action: TAction, ctx: StepContext): { state: ActionRunState; replies: string[] } {
  const state: ActionRunState = {
    actionId: action.id,
    fieldIndex: 0,
    answers: {},
    lastActivityAt: ctx.now.toISOString(),
    awaitingConfirmation: false,
  };
  return { state, replies: [promptFor(fieldAt(action, 0), ctx)] };
}

export function stepActionRun(action: TAction, state: ActionRunState, message: string, ctx: StepContext): StepResult {
  if (state.actionId !== action.id) {
    throw new BatonError(
      'state_transition_invalid',
      `a run of action ${state.actionId} was stepped with action ${action.id}. Load the action by the run's actionId.`,
    );
  }
  const idleMs = ctx.now.getTime() - Date.parse(state.lastActivityAt);
  if (idleMs > action.timeoutMinutes * 60_000) {
    return { status: 'timed_out', state, replies: [operatorMessage(ctx.messages.actionTimedOut, action, ctx)] };
  }
  const touched: ActionRunState = { ...state, lastActivityAt: ctx.now.toISOString() };
  if (containsWords(message, action.cancelWord)) {
    return {
      status: 'cancelled',
      state: touched,
      replies: [operatorMessage(ctx.messages.actionCancelled, action, ctx)],
    };
  }
  return touched.awaitingConfirmation && touched.fieldIndex >= action.fields.length
    ? confirm(action, touched, message, ctx)
    : answer(action, touched, message, ctx);
}

function answer(action: TAction, state: ActionRunState, message: string, ctx: StepContext): StepResult {
  const field = fieldAt(action, state.fieldIndex);
  let answered: ActionRunState['answers'][string];
  if (field.optional && isSkipAnswer(message, ctx.language)) {
    answered = null;
  } else {
    const parsed = parseFieldAnswer(field, message, ctx);
    if (!parsed.ok) {
      const why = field.invalidMessage
        ? pickText(field.invalidMessage, ctx.language, ctx.defaultLanguage)
        : parsed.reason;
      return { status: 'collecting', state, replies: [`${why}\n${promptFor(field, ctx)}`] };
    }
    answered = { value: parsed.value, display: parsed.display };
  }
  const answers = { ...state.answers, [field.name]: answered };
  const next = state.fieldIndex + 1;
  if (!state.awaitingConfirmation && next < action.fields.length) {
    return {
      status: 'collecting',
      state: { ...state, answers, fieldIndex: next },
      replies: [promptFor(fieldAt(action, next), ctx)],
    };
  }
  // The last field, or the one field being corrected: back to the summary.
  const confirming: ActionRunState = {
    ...state,
    answers,
    fieldIndex: action.fields.length,
    awaitingConfirmation: true,
  };
  return { status: 'collecting', state: confirming, replies: [summary(action, confirming, ctx)] };
}

function confirm(action: TAction, state: ActionRunState, message: string, ctx: StepContext): StepResult {
  const reply = readConfirmationReply(message, action.fields);
  switch (reply.kind) {
    case 'yes': {
      const answers: Record<string, FieldValue | null> = {};
      const displays: Record<string, string> = {};
      for (const field of action.fields) {
        const answered = state.answers[field.name] ?? null;
        answers[field.name] = answered?.value ?? null;
        if (answered) displays[field.name] = answered.display;
      }
      return { status: 'completed', state, replies: [], answers, displays };
    }
    case 'change':
      return {
        status: 'collecting',
        state: { ...state, fieldIndex: reply.fieldIndex },
        replies: [promptFor(fieldAt(action, reply.fieldIndex), ctx)],
      };
    case 'restart':
      return {
        status: 'collecting',
        state: { ...state, answers: {}, fieldIndex: 0, awaitingConfirmation: false },
        replies: [promptFor(fieldAt(action, 0), ctx)],
      };
    case 'no': {
      const lines = action.fields.map((field, index) => `${index + 1}. ${fieldLabel(field)}`).join('\n');
      return { status: 'collecting', state, replies: [actionRunText('whichDetail', languages(ctx), { lines })] };
    }
    case 'unclear':
      return { status: 'collecting', state, replies: [summary(action, state, ctx)] };
  }
}
