import { z } from 'zod';
import { checkConfigReferences } from './baton-config.references';
import { unknownKeysError } from './config-problems';

/**
 * The YAML config (`BATON_CONFIG`): assistant, traveler-facing messages, business hours,
 * tags, automation rules, handoff triggers, custom actions, Slack and channel settings.
 * Every section has defaults, so an empty file is a valid config. Unknown keys are errors
 * (they are almost always typos). References between sections are checked in
 * `baton-config.references.ts`; docs/configuration.md is the operator's reference.
 */

/** A strict object whose unknown-key errors suggest the closest allowed key. */
function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, { error: unknownKeysError(Object.keys(shape)) });
}

/** One item or a list of them; the output is always a list. */
function oneOrMany<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === undefined || Array.isArray(value) ? value : [value]), z.array(item));
}

const text = z.string().trim().min(1);

export const ZLanguageCodeSchema = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a language code. Fix: use a code such as en, es or pt-BR.`,
});

const ZIdSchema = z.string().regex(/^[a-z][a-z0-9_-]*$/, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a valid id. Fix: use lower-case letters, digits, "_" or "-", starting with a letter (such as booking_change).`,
});

/** Flags a rule's regex and a field's pattern are compiled with (the consumers must use these). */
export const ruleRegexFlags = 'iu';
export const fieldPatternFlags = 'u';

function regexSource(flags: string) {
  return text.superRefine((source, ctx) => {
    try {
      new RegExp(source, flags);
    } catch (error) {
      const reason =
        error instanceof Error
          ? error.message.replace(/^Invalid regular expression: (\/.*\/[a-z]*: )?/s, '')
          : 'invalid';
      ctx.addIssue({
        code: 'custom',
        message: `invalid regular expression ${JSON.stringify(source)}: ${reason}. Fix: correct the pattern (in YAML, single quotes keep backslashes as they are).`,
      });
    }
  });
}

/** A text for travelers: one string, or one per language (`{ en: …, es: … }`). */
export const ZLocalizedTextSchema = z.union([text, z.record(ZLanguageCodeSchema, text)], {
  error: (issue) =>
    `expected a text, or texts by language such as { en: "…", es: "…" }; got ${issue.input === undefined ? 'nothing' : JSON.stringify(issue.input)}.`,
});
export type TLocalizedText = z.output<typeof ZLocalizedTextSchema>;

/** The text for `language`, falling back to the default language, then to any text. */
export function pickText(value: TLocalizedText, language: string | undefined, defaultLanguage: string): string {
  if (typeof value === 'string') return value;
  const base = language?.split('-')[0];
  return (
    (language && value[language]) || (base && value[base]) || value[defaultLanguage] || Object.values(value)[0] || ''
  );
}

/** Keywords as a list, or lists by language; the output is one flat list (matched in any language). */
const ZKeywordsSchema = z
  .union([oneOrMany(text), z.record(ZLanguageCodeSchema, oneOrMany(text))], {
    error: 'expected a keyword, a list of keywords, or lists by language such as { en: [...], es: [...] }.',
  })
  .transform((value) => [...new Set(Array.isArray(value) ? value : Object.values(value).flat())]);

const slackId = (kind: string, pattern: RegExp, example: string, where: string) =>
  z
    .string()
    .trim()
    .regex(pattern, {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not a Slack ${kind} ID. Fix: use the ID, such as ${example} (${where}).`,
    });
export const ZSlackChannelIdSchema = slackId(
  'channel',
  /^[CG][A-Z0-9]{2,}$/,
  'C0123456789',
  'Slack: channel details, at the bottom',
);
const ZSlackUserIdSchema = slackId(
  'user',
  /^[UW][A-Z0-9]{2,}$/,
  'U0123456789',
  "Slack: the person's profile › ⋯ › Copy member ID",
);
const ZSlackUsergroupIdSchema = slackId(
  'user group',
  /^S[A-Z0-9]{2,}$/,
  'S0123456789',
  'Slack: People › User groups › the group › ⋯ › Copy group ID',
);

// ── assistant ────────────────────────────────────────────────────────────────

export const ZAssistantSchema = strictObject({
  /** How the assistant introduces itself. */
  name: text.default('Baton'),
  company: text.default('our travel team'),
  defaultLanguage: ZLanguageCodeSchema.default('en'),
  /** Languages the assistant speaks; defaults to the default language alone. */
  languages: z.array(ZLanguageCodeSchema).min(1).optional(),
  /** Extra instructions for the AI (tone, what not to promise). */
  instructions: text.optional(),
})
  .superRefine((value, ctx) => {
    if (value.languages && !value.languages.includes(value.defaultLanguage)) {
      ctx.addIssue({
        code: 'custom',
        path: ['languages'],
        message: `does not include the default language ${JSON.stringify(value.defaultLanguage)}. Fix: add it, or change assistant.defaultLanguage.`,
      });
    }
  })
  .transform(({ languages, ...rest }) => ({ ...rest, languages: languages ?? [rest.defaultLanguage] }))
  .prefault({});
export type TAssistant = z.output<typeof ZAssistantSchema>;

// ── messages ─────────────────────────────────────────────────────────────────

/** Placeholders each message may use, so a typo such as `{nextOpenning}` is caught at boot. */
export const messagePlaceholders = {
  handoffNotice: ['company', 'assistantName'],
  outsideBusinessHours: ['company', 'assistantName', 'nextOpening'],
  optOut: ['company', 'assistantName'],
  optIn: ['company', 'assistantName'],
  help: ['company', 'assistantName'],
  aiUnsure: ['company', 'assistantName'],
  acknowledgement: ['company', 'assistantName'],
  actionCancelled: ['company', 'assistantName', 'actionTitle'],
  actionTimedOut: ['company', 'assistantName', 'actionTitle'],
} as const satisfies Record<string, readonly string[]>;

const messageDefaults: Record<keyof typeof messagePlaceholders, string> = {
  handoffNotice: "Thanks! I'm connecting you to one of our specialists. They will reply right here shortly.",
  outsideBusinessHours:
    'Our specialists are away right now. They will reply here {nextOpening}; your conversation is in their queue.',
  optOut: "You're unsubscribed and won't get more messages from {company}. Reply START to subscribe again.",
  optIn: "Welcome back! You'll get messages from {company} again. Reply STOP to unsubscribe.",
  help: 'This is {assistantName}, the travel assistant of {company}. Ask me about your trip, or write "agent" to talk to a specialist. Reply STOP to unsubscribe.',
  aiUnsure: 'I\'m not sure about that one. Would you like me to connect you with a specialist? Just write "agent".',
  acknowledgement: 'Got it, one moment please.',
  actionCancelled: 'OK, I have cancelled "{actionTitle}". Anything else I can help with?',
  actionTimedOut: 'I have stopped "{actionTitle}" as I did not hear back. Write again whenever you are ready.',
};

function messageText(name: keyof typeof messagePlaceholders) {
  const allowed: readonly string[] = messagePlaceholders[name];
  return ZLocalizedTextSchema.superRefine((value, ctx) => {
    const texts = typeof value === 'string' ? [value] : Object.values(value);
    for (const placeholder of new Set(texts.flatMap((t) => [...t.matchAll(/\{([^{}\s]*)\}/g)].map((m) => m[1])))) {
      if (placeholder !== undefined && !allowed.includes(placeholder)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder {${placeholder}}. Fix: use one of ${allowed.map((p) => `{${p}}`).join(', ')}.`,
        });
      }
    }
  }).default(messageDefaults[name]);
}

export const ZMessagesSchema = strictObject({
  /** Sent when a conversation is handed to a specialist. */
  handoffNotice: messageText('handoffNotice'),
  /** Sent with a handoff outside business hours; {nextOpening} says when specialists are back. */
  outsideBusinessHours: messageText('outsideBusinessHours'),
  /** Replies to STOP / START / HELP. */
  optOut: messageText('optOut'),
  optIn: messageText('optIn'),
  help: messageText('help'),
  /** Sent when the AI is not confident in an answer. */
  aiUnsure: messageText('aiUnsure'),
  /** Placeholder reply while the real answer is being composed. */
  acknowledgement: messageText('acknowledgement'),
  actionCancelled: messageText('actionCancelled'),
  actionTimedOut: messageText('actionTimedOut'),
}).prefault({});
export type TMessages = z.output<typeof ZMessagesSchema>;

// ── business hours ───────────────────────────────────────────────────────────

export const ZTimeZoneSchema = text.superRefine((zone, ctx) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(zone)} is not an IANA time zone. Fix: use a name such as Europe/Lisbon or America/Mexico_City.`,
    });
  }
});

const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const ZOpeningIntervalSchema = z.string().transform((value, ctx) => {
  const match = /^\s*((?:[01]\d|2[0-3]):[0-5]\d)\s*-\s*((?:[01]\d|2[0-3]):[0-5]\d|24:00)\s*$/.exec(value);
  const from = match?.[1];
  const to = match?.[2];
  if (!from || !to) {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(value)} is not an opening interval. Fix: write it as "HH:MM-HH:MM", such as "09:00-18:00".`,
    });
    return z.NEVER;
  }
  if (minuteOf(to) <= minuteOf(from)) {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(value)} ends before it starts. Fix: split an interval past midnight in two ("22:00-24:00" and "00:00-02:00" on the next day).`,
    });
    return z.NEVER;
  }
  return { from, to, fromMinute: minuteOf(from), toMinute: minuteOf(to) };
});
export type TOpeningInterval = z.output<typeof ZOpeningIntervalSchema>;

const ZDayHoursSchema = oneOrMany(ZOpeningIntervalSchema)
  .superRefine((intervals, ctx) => {
    const sorted = [...intervals].sort((a, b) => a.fromMinute - b.fromMinute);
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1];
      const current = sorted[i];
      if (previous && current && current.fromMinute < previous.toMinute) {
        ctx.addIssue({
          code: 'custom',
          message: `intervals ${previous.from}-${previous.to} and ${current.from}-${current.to} overlap. Fix: merge them.`,
        });
      }
    }
  })
  .transform((intervals) => [...intervals].sort((a, b) => a.fromMinute - b.fromMinute))
  .default([]);

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type TWeekday = (typeof weekdays)[number];

const ZHolidaySchema = z
  .union([z.string(), strictObject({ date: z.string(), name: text.optional() })], {
    error: 'expected a date such as "2026-12-25", or { date: "2026-12-25", name: "Christmas" }.',
  })
  .transform((value, ctx) => {
    const holiday = typeof value === 'string' ? { date: value } : value;
    const parsed = new Date(`${holiday.date}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(holiday.date) || parsed.toISOString().slice(0, 10) !== holiday.date) {
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(holiday.date)} is not a date. Fix: write it as YYYY-MM-DD, such as "2026-12-25".`,
      });
      return z.NEVER;
    }
    return holiday;
  });

export const ZBusinessHoursSchema = strictObject({
  /** IANA name; opening hours and holidays are in this zone. */
  timeZone: ZTimeZoneSchema,
  /** Opening intervals per weekday; a day left out is closed. */
  weekly: strictObject({
    mon: ZDayHoursSchema,
    tue: ZDayHoursSchema,
    wed: ZDayHoursSchema,
    thu: ZDayHoursSchema,
    fri: ZDayHoursSchema,
    sat: ZDayHoursSchema,
    sun: ZDayHoursSchema,
  }).superRefine((week, ctx) => {
    if (weekdays.every((day) => week[day].length === 0)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'no opening hours on any day, so specialists would never be available. Fix: add intervals such as mon: ["09:00-18:00"], or remove businessHours to be always open.',
      });
    }
  }),
  /** Days closed all day (in the business time zone). */
  holidays: z.array(ZHolidaySchema).default([]),
});
export type TBusinessHours = z.output<typeof ZBusinessHoursSchema>;

// ── tags ─────────────────────────────────────────────────────────────────────

export const ZTagSchema = z
  .union(
    [
      text,
      strictObject({
        name: text.max(60),
        /** Slack shortcode (":rotating_light:") or an emoji character. */
        emoji: z
          .string()
          .trim()
          .regex(/^(:[a-z0-9_+'-]+:|[^\sA-Za-z0-9]{1,16})$/, {
            error: (issue) =>
              `${JSON.stringify(issue.input)} is not an emoji. Fix: use a Slack shortcode such as ":rotating_light:" or an emoji character.`,
          })
          .optional(),
        /** Hex colour for the Slack card. */
        color: z
          .string()
          .trim()
          .regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, {
            error: (issue) =>
              `${JSON.stringify(issue.input)} is not a colour. Fix: use a hex colour such as "#d93025" (quoted: # starts a YAML comment).`,
          })
          .optional(),
        description: text.optional(),
      }),
    ],
    { error: 'expected a tag name, or { name, emoji, color, description }.' },
  )
  .transform((value) => (typeof value === 'string' ? { name: value } : value));
export type TTag = z.output<typeof ZTagSchema>;

// ── rules ────────────────────────────────────────────────────────────────────

/** Channel selectors: `sms` and `whatsapp` cover every provider of that channel. */
export const channelSelectors = {
  sms: ['twilio_sms'],
  whatsapp: ['twilio_whatsapp', 'whatsapp_web'],
  simulator: ['simulator'],
  twilio_sms: ['twilio_sms'],
  twilio_whatsapp: ['twilio_whatsapp'],
  whatsapp_web: ['whatsapp_web'],
} as const;
export type TChannelSelector = keyof typeof channelSelectors;
const ZChannelSelectorSchema = z.enum(Object.keys(channelSelectors) as [TChannelSelector, ...TChannelSelector[]]);

export const ZRuleWhenSchema = strictObject({
  /** The message contains any of these words or phrases (case-insensitive). */
  keywords: ZKeywordsSchema.optional(),
  /** The message matches this regular expression (flags `iu`). */
  regex: regexSource(ruleRegexFlags).optional(),
  channel: oneOrMany(ZChannelSelectorSchema).optional(),
  /** The conversation's detected language is one of these. */
  language: oneOrMany(ZLanguageCodeSchema).optional(),
  /** This tag was just applied to the conversation. */
  tagApplied: text.optional(),
  /** This custom action was just completed. */
  actionCompleted: ZIdSchema.optional(),
  /** The AI just answered without confidence. */
  aiUnsure: z.boolean().optional(),
  /** true: only outside business hours; false: only within them. */
  outsideBusinessHours: z.boolean().optional(),
}).superRefine((when, ctx) => {
  if (Object.values(when).every((condition) => condition === undefined)) {
    ctx.addIssue({
      code: 'custom',
      message: `has no condition. Fix: add at least one of keywords, regex, channel, language, tagApplied, actionCompleted, aiUnsure, outsideBusinessHours.`,
    });
  }
});
export type TRuleWhen = z.output<typeof ZRuleWhenSchema>;

const ZHandoffEffectSchema = z
  .union([z.boolean(), text, strictObject({ reason: text.optional() })], {
    error: 'expected true, a reason text, or { reason: "…" }.',
  })
  .transform((value) =>
    value === false
      ? undefined
      : { reason: typeof value === 'string' ? value : value === true ? undefined : value.reason },
  );

export const ZRuleThenSchema = strictObject({
  addTag: oneOrMany(text).optional(),
  removeTag: oneOrMany(text).optional(),
  /** A Slack mention of users and/or a user group in the handoff channel. */
  alert: strictObject({
    users: oneOrMany(ZSlackUserIdSchema).optional(),
    usergroup: ZSlackUsergroupIdSchema.optional(),
    text: text.optional(),
  })
    .superRefine((alert, ctx) => {
      if (!alert.users?.length && !alert.usergroup) {
        ctx.addIssue({
          code: 'custom',
          message: 'mentions nobody. Fix: set users (such as [U0123456789]) and/or usergroup (such as S0123456789).',
        });
      }
    })
    .optional(),
  startAction: ZIdSchema.optional(),
  handoff: ZHandoffEffectSchema.optional(),
  sendMessage: ZLocalizedTextSchema.optional(),
  /** Post the handoff in this Slack channel instead of the default one. */
  route: strictObject({ slackChannel: ZSlackChannelIdSchema }).optional(),
}).superRefine((then, ctx) => {
  if (Object.values(then).every((effect) => effect === undefined)) {
    ctx.addIssue({
      code: 'custom',
      message:
        'has no effect. Fix: add at least one of addTag, removeTag, alert, startAction, handoff, sendMessage, route.',
    });
  }
});
export type TRuleThen = z.output<typeof ZRuleThenSchema>;

export const ZRuleSchema = strictObject({
  id: ZIdSchema,
  description: text.optional(),
  enabled: z.boolean().default(true),
  /** Every condition given must hold; a list inside one condition means any of its items. */
  when: ZRuleWhenSchema,
  // biome-ignore lint/suspicious/noThenProperty: the key operators write in YAML; always a plain object, never thenable.
  then: ZRuleThenSchema,
}).transform(({ then: effects, ...rule }) => {
  // A handoff always carries a reason: it is shown on the Slack card.
  const { handoff, ...others } = effects;
  const reason = handoff && (handoff.reason ?? rule.description ?? `rule ${rule.id}`);
  const then: Omit<TRuleThen, 'handoff'> & { handoff?: { reason: string } } = reason
    ? { ...others, handoff: { reason } }
    : others;
  return { ...rule, then };
});
export type TRule = z.output<typeof ZRuleSchema>;

// ── handoff triggers ─────────────────────────────────────────────────────────

/** Phrases that mean "let me talk to a person", used for languages the config does not list phrases for. */
export const builtInAskForHumanPhrases: Readonly<Record<string, readonly string[]>> = {
  en: [
    'agent',
    'human',
    'real person',
    'speak to someone',
    'talk to someone',
    'speak to a person',
    'talk to a person',
    'representative',
    'customer service',
    'operator',
  ],
  es: ['agente', 'humano', 'persona real', 'hablar con alguien', 'hablar con una persona', 'asesor', 'operador'],
  fr: ['agent', 'humain', 'vraie personne', 'parler à quelqu’un', "parler à quelqu'un", 'conseiller', 'opérateur'],
  de: ['mitarbeiter', 'mensch', 'echte person', 'mit jemandem sprechen', 'berater', 'kundendienst'],
  it: ['operatore', 'umano', 'persona reale', 'parlare con qualcuno', 'assistente', 'consulente'],
  pt: ['atendente', 'humano', 'pessoa real', 'falar com alguém', 'agente', 'operador'],
};

export const ZHandoffSchema = strictObject({
  /** Words or phrases that hand off at once. */
  keywords: ZKeywordsSchema.default([]),
  /** The traveler asking for a person; phrases by language replace the built-in ones for that language. */
  askForHuman: z
    .union(
      [
        z.boolean(),
        strictObject({
          enabled: z.boolean().default(true),
          phrases: z.record(ZLanguageCodeSchema, oneOrMany(text)).default({}),
        }),
      ],
      { error: 'expected true, false, or { enabled, phrases: { en: [...] } }.' },
    )
    .transform((value) => (typeof value === 'boolean' ? { enabled: value, phrases: {} } : value))
    .default({ enabled: true, phrases: {} }),
  /** Applying one of these tags hands off. */
  tags: z.array(text).default([]),
  /** Completing one of these custom actions hands off (also filled from each action's onComplete.handoff). */
  actions: z.array(ZIdSchema).default([]),
  /** Hand off when the AI is unsure, after this many unsure answers in the conversation. */
  aiUnsure: z
    .union(
      [
        z.boolean(),
        strictObject({ enabled: z.boolean().default(true), afterCount: z.number().int().min(1).default(2) }),
      ],
      { error: 'expected true, false, or { enabled, afterCount }.' },
    )
    .transform((value) => (typeof value === 'boolean' ? { enabled: value, afterCount: 2 } : value))
    .default({ enabled: true, afterCount: 2 }),
}).prefault({});
export type THandoff = z.output<typeof ZHandoffSchema>;

// ── custom actions ───────────────────────────────────────────────────────────

export const actionFieldTypes = ['text', 'pattern', 'date', 'dateRange', 'email', 'phone', 'number', 'choice'] as const;
export type TActionFieldType = (typeof actionFieldTypes)[number];

export const ZActionFieldSchema = strictObject({
  /** Key of the answer on the conversation and in the webhook payload. */
  name: z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a field name. Fix: use letters, digits and "_", starting with a letter (such as confirmationNumber).`,
  }),
  /** Shown on the handoff card; defaults to the name. */
  label: text.optional(),
  prompt: ZLocalizedTextSchema,
  type: z.enum(actionFieldTypes).default('text'),
  /** For type pattern: the answer must match (flags `u`), e.g. '^[A-Z0-9]{6}$'. */
  pattern: regexSource(fieldPatternFlags).optional(),
  /** For type choice. */
  choices: z.array(text).min(1).optional(),
  optional: z.boolean().default(false),
  /** Said when an answer is invalid, before asking again. */
  invalidMessage: ZLocalizedTextSchema.optional(),
}).superRefine((field, ctx) => {
  if (field.type === 'pattern' && field.pattern === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['pattern'],
      message: "is required for type pattern. Fix: add a regular expression such as '^[A-Z0-9]{6}$'.",
    });
  }
  if (field.type !== 'pattern' && field.pattern !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['pattern'],
      message: `is only used with type pattern, but the type is ${field.type}. Fix: set type: pattern, or remove pattern.`,
    });
  }
  if (field.type === 'choice' && field.choices === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['choices'],
      message: 'is required for type choice. Fix: list the options, such as [economy, business].',
    });
  }
  if (field.type !== 'choice' && field.choices !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['choices'],
      message: `is only used with type choice, but the type is ${field.type}. Fix: set type: choice, or remove choices.`,
    });
  }
});
export type TActionField = z.output<typeof ZActionFieldSchema>;

export const ZActionWebhookSchema = strictObject({
  /** Receives a JSON POST of the collected fields on completion. */
  url: z.url({
    protocol: /^https?$/,
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not an http(s) URL. Fix: use a URL such as https://booking.example.com/baton.`,
  }),
  /** Name of the environment variable holding the HMAC-SHA256 signing secret (the secret stays out of this file). */
  secretEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not an environment variable name. Fix: name the variable that holds the secret, such as BOOKING_WEBHOOK_SECRET (not the secret itself).`,
    })
    .optional(),
  timeoutMs: z.number().int().min(100).max(60_000).default(5000),
  /** Top-level keys of the JSON response stored on the conversation (e.g. bookingStatus). */
  storeResponseFields: z.array(text).default([]),
});
export type TActionWebhook = z.output<typeof ZActionWebhookSchema>;

export const ZActionSchema = strictObject({
  id: ZIdSchema,
  title: text,
  /** When to use it; the AI reads this to decide whether to start the action. */
  description: text.optional(),
  fields: z.array(ZActionFieldSchema).min(1),
  /** The traveler writing this word stops the action. */
  cancelWord: text.default('cancel'),
  /** An unanswered action stops after this many minutes. */
  timeoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(30),
  webhook: ZActionWebhookSchema.optional(),
  onComplete: strictObject({
    addTag: oneOrMany(text).optional(),
    sendMessage: ZLocalizedTextSchema.optional(),
    /** Hand off when completed (same as listing the action under handoff.actions). */
    handoff: z.boolean().default(false),
  }).prefault({}),
}).superRefine((action, ctx) => {
  const seen = new Map<string, number>();
  action.fields.forEach((field, index) => {
    const first = seen.get(field.name);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['fields', index, 'name'],
        message: `${JSON.stringify(field.name)} is also the name of fields[${first}]. Fix: give each field its own name.`,
      });
    } else seen.set(field.name, index);
  });
});
export type TAction = z.output<typeof ZActionSchema>;

// ── Slack and channels ───────────────────────────────────────────────────────

export const ZSlackSettingsSchema = strictObject({
  /** Overrides SLACK_HANDOFF_CHANNEL. */
  handoffChannel: ZSlackChannelIdSchema.optional(),
  /** Thread replies starting with this stay in Slack (private notes), never sent to the traveler. */
  privateNotePrefix: text.default('!'),
  /** Sign relayed replies with the specialist's first name ("– Ana"). */
  signWithFirstName: z.boolean().default(true),
}).prefault({});
export type TSlackSettings = z.output<typeof ZSlackSettingsSchema>;

const maxLength = (limit: number) =>
  strictObject({ maxLength: z.number().int().min(1).max(limit).default(limit) }).prefault({});

export const ZChannelsSchema = strictObject({
  /** Longer replies are split into several messages. Twilio's limit is 1600. */
  sms: maxLength(1600),
  whatsapp: maxLength(4096),
}).prefault({});
export type TChannels = z.output<typeof ZChannelsSchema>;

// ── insights ─────────────────────────────────────────────────────────────────

const ZDigestTimeSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, {
  error: (issue) => `${JSON.stringify(issue.input)} is not a time of day. Fix: write it as "HH:MM", such as "09:00".`,
});

export const ZInsightsSchema = strictObject({
  /** IANA zone for reports, the App Home and the digest; default: businessHours.timeZone, else UTC. */
  timeZone: ZTimeZoneSchema.optional(),
  /** A weekly report posted to Slack, with its chart. */
  digest: strictObject({
    channel: ZSlackChannelIdSchema,
    weekday: z.enum(weekdays, { error: 'expected one of mon, tue, wed, thu, fri, sat, sun.' }).default('mon'),
    time: ZDigestTimeSchema.default('09:00'),
  }).optional(),
});
export type TInsights = z.output<typeof ZInsightsSchema>;

// ── the whole file ───────────────────────────────────────────────────────────

export const ZBatonConfigSectionsSchema = strictObject({
  version: z.literal(1, { error: 'must be 1 (the only config version so far). Fix: set version: 1.' }).default(1),
  assistant: ZAssistantSchema,
  messages: ZMessagesSchema,
  businessHours: ZBusinessHoursSchema.optional(),
  tags: z.array(ZTagSchema).default([]),
  rules: z.array(ZRuleSchema).default([]),
  handoff: ZHandoffSchema,
  actions: z.array(ZActionSchema).default([]),
  slack: ZSlackSettingsSchema,
  channels: ZChannelsSchema,
  insights: ZInsightsSchema.optional(),
});
export type TBatonConfigSections = z.output<typeof ZBatonConfigSectionsSchema>;

/** Phrases for a language: the configured ones, else the built-in ones (also for `pt-BR` → `pt`). */
function askForHumanPhrases(configured: Record<string, string[]>, languages: string[]): Record<string, string[]> {
  return Object.fromEntries(
    languages.map((language) => [
      language,
      configured[language] ?? [
        ...(builtInAskForHumanPhrases[language] ?? builtInAskForHumanPhrases[language.split('-')[0] ?? ''] ?? []),
      ],
    ]),
  );
}

export const ZBatonConfigSchema = ZBatonConfigSectionsSchema.superRefine((config, ctx) =>
  checkConfigReferences(config, (path, message) => ctx.addIssue({ code: 'custom', path: [...path], message })),
).transform((config) => {
  // Two ways to say "hand off when this action completes"; make both views agree.
  const handoffActions = [
    ...new Set([
      ...config.handoff.actions,
      ...config.actions.filter((action) => action.onComplete.handoff).map((action) => action.id),
    ]),
  ];
  return {
    ...config,
    handoff: {
      ...config.handoff,
      askForHuman: {
        ...config.handoff.askForHuman,
        phrases: askForHumanPhrases(config.handoff.askForHuman.phrases, config.assistant.languages),
      },
      actions: handoffActions,
    },
    actions: config.actions.map((action) => ({
      ...action,
      onComplete: { ...action.onComplete, handoff: handoffActions.includes(action.id) },
    })),
  };
});
export type TBatonConfig = z.output<typeof ZBatonConfigSchema>;
