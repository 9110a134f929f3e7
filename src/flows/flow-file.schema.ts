import { z } from 'zod';
import { unknownKeysError } from '../config/config-problems';

/**
 * A flow file (`baton flows`, docs/flows.md): one scripted conversation — what the traveler
 * writes, what specialists do in Slack — with expectations checked after any step. Unknown
 * keys are errors with the closest valid key suggested, as in the config file.
 */

function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, { error: unknownKeysError(Object.keys(shape)) });
}

/** One item or a list of them; the output is always a list. */
function oneOrMany<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === undefined || Array.isArray(value) ? value : [value]), z.array(item));
}

const text = z.string().trim().min(1);

/** Flows compile `matches` like the config's rule regexes: case-insensitive, Unicode. */
export const flowRegexFlags = 'iu';

const regex = text.superRefine((source, ctx) => {
  try {
    new RegExp(source, flowRegexFlags);
  } catch (error) {
    const reason =
      error instanceof Error ? error.message.replace(/^Invalid regular expression: (\/.*\/[a-z]*: )?/s, '') : '';
    ctx.addIssue({
      code: 'custom',
      message: `invalid regular expression ${JSON.stringify(source)}: ${reason}. Fix: correct the pattern (in YAML, single quotes keep backslashes as they are).`,
    });
  }
});

const slackId = (kind: string, pattern: RegExp, example: string) =>
  z
    .string()
    .trim()
    .regex(pattern, {
      error: (issue) => `${JSON.stringify(issue.input)} is not a Slack ${kind} ID. Fix: use an ID such as ${example}.`,
    });
const ZSlackUserIdSchema = slackId('user', /^[UW][A-Z0-9]{2,}$/, 'U0123456789');
const ZSlackChannelIdSchema = slackId('channel', /^[CG][A-Z0-9]{2,}$/, 'C0123456789');
const ZSlackUsergroupIdSchema = slackId('user group', /^S[A-Z0-9]{2,}$/, 'S0123456789');

/** An instant with its offset, so a flow means the same moment on every machine. */
const ZInstantSchema = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString() : value),
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not an instant with a time zone. Fix: write it like "2026-11-25T09:00:00Z" or "2026-11-25T10:00:00+01:00".`,
    })
    .refine((value) => !Number.isNaN(Date.parse(value)), { error: 'is not a real date and time.' }),
);

export const conversationStates = ['bot', 'pending', 'human', 'resolved'] as const;
export const flowChannels = ['simulator', 'sms', 'whatsapp'] as const;
export type TFlowChannel = (typeof flowChannels)[number];

// ── expectations ─────────────────────────────────────────────────────────────

const ZTextCheckObjectSchema = strictObject({
  contains: oneOrMany(text).optional(),
  notContains: oneOrMany(text).optional(),
  matches: regex.optional(),
  equals: z.string().optional(),
}).refine((check) => Object.values(check).some((value) => value !== undefined), {
  error: 'give at least one of contains, notContains, matches or equals.',
});

/** A text check: a string means "contains" (ignoring case and spacing). */
const ZTextCheckSchema = z
  .union([text, ZTextCheckObjectSchema], {
    error: 'expected a text it should contain, or { contains, notContains, matches, equals }.',
  })
  .transform((value) => (typeof value === 'string' ? { contains: [value] } : value));
export type TTextCheck = z.output<typeof ZTextCheckSchema>;

const ZAlertCheckSchema = strictObject({
  users: oneOrMany(ZSlackUserIdSchema).optional(),
  usergroup: ZSlackUsergroupIdSchema.optional(),
  text: text.optional(),
});
export type TAlertCheck = z.output<typeof ZAlertCheckSchema>;

const ZHandoffCheckSchema = z
  .union([z.boolean(), text, strictObject({ reason: text.optional() })], {
    error: 'expected true, false, a reason it should contain, or { reason }.',
  })
  .transform((value) =>
    typeof value === 'boolean'
      ? { opened: value }
      : typeof value === 'string'
        ? { opened: true, reason: value }
        : { opened: true, ...value },
  );
export type THandoffCheck = z.output<typeof ZHandoffCheckSchema>;

const ZWebhookCheckSchema = z
  .union(
    [z.boolean(), strictObject({ action: text.optional(), fields: z.record(z.string(), z.unknown()).optional() })],
    {
      error: 'expected true, false, or { action, fields }.',
    },
  )
  .transform((value) => (typeof value === 'boolean' ? { called: value } : { called: true, ...value }));
export type TWebhookCheck = z.output<typeof ZWebhookCheckSchema>;

const expectationKeys = [
  'reply',
  'nothingSent',
  'state',
  'tags',
  'handoff',
  'routedTo',
  'card',
  'thread',
  'collected',
  'alert',
  'webhook',
] as const;

export const ZExpectationsSchema = strictObject({
  /** What reached the traveler since the previous step (all messages, joined). */
  reply: ZTextCheckSchema.optional(),
  /** Nothing reached the traveler since the previous step. */
  nothingSent: z.literal(true, { error: 'write nothingSent: true (or leave it out).' }).optional(),
  state: z.enum(conversationStates).optional(),
  /** Exactly these tags, in any order. */
  tags: oneOrMany(text).optional(),
  handoff: ZHandoffCheckSchema.optional(),
  /** The Slack channel the conversation's handoff card is in. */
  routedTo: ZSlackChannelIdSchema.optional(),
  /** The handoff card as it is now (text and blocks); `false`: no card. */
  card: z.union([z.literal(false), ZTextCheckSchema]).optional(),
  /** Some post in the handoff thread (traveler messages, notes). */
  thread: ZTextCheckSchema.optional(),
  /** Details collected by custom actions, by field name. */
  collected: z.record(z.string(), z.unknown()).optional(),
  /** An alert posted in Slack so far in this flow; a list: each of them; `false`: none. */
  alert: z.union([z.boolean(), ZAlertCheckSchema, z.array(ZAlertCheckSchema).min(1)]).optional(),
  /** The booking webhook called so far in this flow for this traveler. */
  webhook: ZWebhookCheckSchema.optional(),
})
  .refine((expect) => expectationKeys.some((key) => expect[key] !== undefined), {
    error: `give at least one expectation: ${expectationKeys.join(', ')}.`,
    // A misspelt key is reported as such, not also as "no expectation".
    when: (payload) => payload.issues.length === 0,
  })
  .refine((expect) => !(expect.reply && expect.nothingSent), {
    error: 'reply and nothingSent contradict each other. Fix: keep one.',
  });
export type TExpectations = z.output<typeof ZExpectationsSchema>;

// ── steps ────────────────────────────────────────────────────────────────────

const specialistActions = ['reply', 'claim', 'handBack', 'resolve', 'tag', 'askFor'] as const;

const ZSpecialistObjectSchema = strictObject({
  /** A reply in the handoff thread, relayed to the traveler. */
  reply: text.optional(),
  claim: z.literal(true).optional(),
  handBack: z.literal(true).optional(),
  resolve: z.literal(true).optional(),
  /** Tags added from Slack (the tag modal), on top of those the conversation has. */
  tag: oneOrMany(text).optional(),
  /** A custom action started from the card's "Ask the traveler for…" menu (id or title). */
  askFor: text.optional(),
  /** Who does it (a Slack user ID); default the flow's specialist. */
  as: ZSlackUserIdSchema.optional(),
}).superRefine((value, ctx) => {
  const given = specialistActions.filter((key) => value[key] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message:
        given.length === 0
          ? `say what the specialist does: one of ${specialistActions.join(', ')}.`
          : `one action per step, got ${given.join(' and ')}. Fix: split it into steps.`,
    });
  }
});

const ZSpecialistSchema = z
  .union([z.enum(['claim', 'handBack', 'resolve']), ZSpecialistObjectSchema], {
    error: 'expected claim, handBack, resolve, or { reply | tag | askFor | claim | handBack | resolve, as }.',
  })
  .transform((value): TSpecialistAction => {
    if (typeof value === 'string') return { do: value };
    const as = value.as !== undefined ? { as: value.as } : {};
    if (value.reply !== undefined) return { do: 'reply', text: value.reply, ...as };
    if (value.tag !== undefined) return { do: 'tag', tags: value.tag, ...as };
    if (value.askFor !== undefined) return { do: 'askFor', action: value.askFor, ...as };
    if (value.handBack) return { do: 'handBack', ...as };
    if (value.resolve) return { do: 'resolve', ...as };
    return { do: 'claim', ...as };
  });

export type TSpecialistAction =
  | { do: 'reply'; text: string; as?: string }
  | { do: 'claim' | 'handBack' | 'resolve'; as?: string }
  | { do: 'tag'; tags: string[]; as?: string }
  | { do: 'askFor'; action: string; as?: string };

export type TFlowStep =
  | { kind: 'traveler'; text: string; expect?: TExpectations }
  | { kind: 'specialist'; action: TSpecialistAction; expect?: TExpectations }
  | { kind: 'check'; expect: TExpectations };

export const ZFlowStepSchema = strictObject({
  /** The traveler writes this. */
  traveler: z.string().trim().min(1).max(10_000).optional(),
  /** A specialist acts in Slack. */
  specialist: ZSpecialistSchema.optional(),
  expect: ZExpectationsSchema.optional(),
})
  .superRefine((step, ctx) => {
    if (step.traveler !== undefined && step.specialist !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'a step is the traveler or a specialist, not both. Fix: split it.' });
    } else if (step.traveler === undefined && step.specialist === undefined && step.expect === undefined) {
      ctx.addIssue({ code: 'custom', message: 'an empty step. Fix: give traveler, specialist or expect.' });
    }
  })
  .transform((step): TFlowStep => {
    const expect = step.expect ? { expect: step.expect } : {};
    if (step.traveler !== undefined) return { kind: 'traveler', text: step.traveler, ...expect };
    if (step.specialist !== undefined) return { kind: 'specialist', action: step.specialist, ...expect };
    return { kind: 'check', expect: step.expect as TExpectations };
  });

// ── the AI ───────────────────────────────────────────────────────────────────

/** A scripted answer: the first entry whose `when` matches answers; none → the local answerer. */
const ZAiScriptSchema = strictObject({
  /** A regex on the traveler's message (flags i and u); absent matches every message. */
  when: regex.optional(),
  reply: text.optional(),
  /** The AI is not sure: `true` says the configured messages.aiUnsure. */
  unsure: z.union([z.literal(true), text]).optional(),
}).superRefine((value, ctx) => {
  if ((value.reply === undefined) === (value.unsure === undefined)) {
    ctx.addIssue({ code: 'custom', message: 'give exactly one of reply or unsure.' });
  }
});
export type TAiScript = z.output<typeof ZAiScriptSchema>;

// ── the flow ─────────────────────────────────────────────────────────────────

export const ZFlowSchema = strictObject({
  name: text.max(200),
  description: text.optional(),
  /** The clock for business hours and form timeouts while this flow runs (it then moves on in real time). */
  now: ZInstantSchema.optional(),
  channel: z.enum(flowChannels).default('simulator'),
  traveler: strictObject({
    name: text.max(100).optional(),
    /** Default: a number of its own per flow (+1 555 01x xxxx). */
    address: text.max(64).optional(),
  }).default({}),
  specialist: strictObject({
    id: ZSlackUserIdSchema.default('U0FLOWSPEC1'),
    /** Their Slack name; replies are signed with the first name (slack.signWithFirstName). */
    name: text.max(100).default('Sam Rivera'),
  }).default({ id: 'U0FLOWSPEC1', name: 'Sam Rivera' }),
  /** Scripted AI answers; by default the local answerer over the knowledge base answers. */
  ai: z.array(ZAiScriptSchema).optional(),
  steps: z.array(ZFlowStepSchema).min(1),
});
export type TFlow = z.output<typeof ZFlowSchema>;
