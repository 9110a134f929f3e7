import { z } from 'zod';

/**
 * One zod schema per environment variable (DESIGN.md's table). Each schema turns the raw
 * string into a typed value or one problem line that names the variable, the problem and
 * the fix. Blank values count as unset: `.env` files and compose files love `FOO=`.
 * Secrets are never echoed back; URLs are shown with their password masked.
 */

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

type Parsed<T> = { value: T } | { problem: string; fix: string };

function envVar<T>(name: string, parse: (value: string) => Parsed<T>) {
  return z
    .preprocess(
      (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined),
      z.string().optional(),
    )
    .transform((raw, ctx): T | undefined => {
      if (raw === undefined) return undefined;
      const result = parse(raw);
      if ('value' in result) return result.value;
      ctx.addIssue({ code: 'custom', message: `${name}: ${result.problem}. Fix: ${result.fix}.` });
      return z.NEVER;
    });
}

/** Shows a URL with any password replaced, so credentials in DATABASE_URL never reach a log. */
export function maskUrl(value: string): string {
  return value
    .replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:\s]*:).*@/i, '$1***@')
    .replace(/([?&](?:password|pass|pwd|token|secret|key)=)[^&]*/gi, '$1***');
}

function urlVar(name: string, protocols: readonly string[], example: string) {
  return envVar(name, (value) => {
    const shown = JSON.stringify(maskUrl(value));
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { problem: `${shown} is not a valid URL`, fix: `set ${name} to a URL such as ${example}` };
    }
    if (!protocols.includes(url.protocol)) {
      const expected = protocols.map((p) => `${p}//`).join(' or ');
      return { problem: `${shown} must start with ${expected}`, fix: `set ${name} to a URL such as ${example}` };
    }
    return { value };
  });
}

const httpProtocols = ['http:', 'https:'] as const;

function withoutTrailingSlash(value: string | undefined): string | undefined {
  return value?.replace(/\/+$/, '');
}

function secretVar(name: string, where: string, prefix?: string) {
  return envVar(name, (value) => {
    if (prefix && !value.startsWith(prefix)) {
      return { problem: `does not start with "${prefix}" (value not shown)`, fix: `copy it from ${where}` };
    }
    return { value };
  });
}

function sidVar(name: string, prefix: string, where: string) {
  return envVar(name, (value) =>
    /^[A-Za-z0-9]+$/.test(value) && value.startsWith(prefix)
      ? { value }
      : { problem: `does not look like a Twilio SID (it must start with "${prefix}")`, fix: `copy it from ${where}` },
  );
}

const e164 = /^\+[1-9]\d{6,14}$/;

/** "+1 (415) 555-0100" and "+14155550100" are the same number; Twilio wants the latter. */
function compactPhone(value: string): string {
  return value.replace(/[\s().-]/g, '');
}

const portNumber = envVar('PORT', (value) => {
  const port = Number(value);
  return /^\d+$/.test(value) && port >= 1 && port <= 65535
    ? { value: port }
    : { problem: `${JSON.stringify(value)} is not a port number (1-65535)`, fix: 'set PORT to a number such as 3000' };
});

/** A port, or 0 / off to turn the listener off (null). */
const optionalPort = (name: string, example: number) =>
  envVar(name, (value): { value: number | null } | { problem: string; fix: string } => {
    if (['0', 'off', 'false', 'no'].includes(value.toLowerCase())) return { value: null };
    const port = Number(value);
    return /^\d+$/.test(value) && port >= 1 && port <= 65535
      ? { value: port }
      : {
          problem: `${JSON.stringify(value)} is not a port number (1-65535) nor 0/off`,
          fix: `set ${name} to a number such as ${example}, or 0 to turn it off`,
        };
  });

const niceness = (name: string) =>
  envVar(name, (value): { value: number } | { problem: string; fix: string } =>
    /^\d+$/.test(value) && Number(value) <= 19
      ? { value: Number(value) }
      : {
          problem: `${JSON.stringify(value)} is not a niceness from 0 (same priority as the web) to 19 (lowest)`,
          fix: `set ${name} to a whole number from 0 to 19, e.g. 10`,
        },
  );

const flag = (name: string) =>
  envVar(name, (value) => {
    const normalized = value.toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(normalized)) return { value: true };
    if (['0', 'false', 'no', 'off'].includes(normalized)) return { value: false };
    return {
      problem: `${JSON.stringify(value)} is neither on nor off`,
      fix: `set ${name}=1 to enable it or leave it empty`,
    };
  });

export const ZEnvSchema = z.object({
  DATABASE_URL: urlVar('DATABASE_URL', ['postgres:', 'postgresql:'], 'postgresql://postgres@127.0.0.1:5432/baton'),
  REDIS_URL: urlVar('REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  REDIS_PREFIX: envVar('REDIS_PREFIX', (value) =>
    /^[A-Za-z0-9_-]{1,64}$/.test(value)
      ? { value }
      : {
          problem: `${JSON.stringify(value)} is not a key prefix (letters, digits, "-" and "_", at most 64)`,
          fix: 'set REDIS_PREFIX to a short name such as baton-prod, or leave it empty for "baton"',
        },
  ),
  PORT: portNumber,
  /** `baton worker`'s own /metrics listener (the web process serves /metrics on PORT). */
  WORKER_METRICS_PORT: optionalPort('WORKER_METRICS_PORT', 9464),
  /** `baton worker`'s CPU priority (Unix niceness): webhooks are acknowledged first on a shared host. */
  WORKER_NICE: niceness('WORKER_NICE'),
  PUBLIC_URL: urlVar('PUBLIC_URL', httpProtocols, 'https://baton.example.com').transform(withoutTrailingSlash),
  BATON_CONFIG: envVar('BATON_CONFIG', (value) => ({ value })),
  MEDIA_SIGNING_SECRET: secretVar('MEDIA_SIGNING_SECRET', 'any long random string, e.g. from `openssl rand -hex 32`'),
  WHATSAPP_WEB_DATA_PATH: envVar('WHATSAPP_WEB_DATA_PATH', (value) => ({ value })),
  CHROMIUM_PATH: envVar('CHROMIUM_PATH', (value) =>
    value.startsWith('/')
      ? { value }
      : {
          problem: `${JSON.stringify(value)} is not an absolute path`,
          fix: 'set CHROMIUM_PATH such as /usr/bin/chromium',
        },
  ),
  LOG_LEVEL: envVar('LOG_LEVEL', (value) => {
    const level = value.toLowerCase();
    return (logLevels as readonly string[]).includes(level)
      ? { value: level as LogLevel }
      : {
          problem: `${JSON.stringify(value)} is not a log level`,
          fix: `set LOG_LEVEL to one of ${logLevels.join(', ')}`,
        };
  }),

  TWILIO_ACCOUNT_SID: sidVar('TWILIO_ACCOUNT_SID', 'AC', 'the Twilio Console (Account Info)'),
  TWILIO_AUTH_TOKEN: secretVar('TWILIO_AUTH_TOKEN', 'the Twilio Console (Account Info)'),
  TWILIO_SMS_FROM: envVar('TWILIO_SMS_FROM', (value) => {
    if (value.startsWith('+') && e164.test(compactPhone(value))) return { value: compactPhone(value) };
    // Alphanumeric sender IDs (up to 11 characters, at least one letter) are allowed in many countries.
    if (/^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/.test(value)) return { value };
    return {
      problem: `${JSON.stringify(value)} is neither a phone number in E.164 form nor an alphanumeric sender ID`,
      fix: 'set TWILIO_SMS_FROM to your Twilio number such as +14155550100',
    };
  }),
  TWILIO_MESSAGING_SERVICE_SID: sidVar(
    'TWILIO_MESSAGING_SERVICE_SID',
    'MG',
    'the Twilio Console (Messaging › Services)',
  ),
  TWILIO_WHATSAPP_FROM: envVar('TWILIO_WHATSAPP_FROM', (value) => {
    const number = compactPhone(value.replace(/^whatsapp:/i, ''));
    return e164.test(number)
      ? { value: `whatsapp:${number}` }
      : {
          problem: `${JSON.stringify(value)} is not a WhatsApp sender`,
          fix: 'set TWILIO_WHATSAPP_FROM to your WhatsApp-enabled Twilio number such as whatsapp:+14155238886',
        };
  }),
  TWILIO_API_URL: urlVar('TWILIO_API_URL', httpProtocols, 'https://api.twilio.com').transform(withoutTrailingSlash),

  SLACK_BOT_TOKEN: secretVar(
    'SLACK_BOT_TOKEN',
    "your Slack app's OAuth & Permissions page (Bot User OAuth Token)",
    'xoxb-',
  ),
  SLACK_SIGNING_SECRET: secretVar('SLACK_SIGNING_SECRET', "your Slack app's Basic Information page (Signing Secret)"),
  SLACK_APP_TOKEN: secretVar(
    'SLACK_APP_TOKEN',
    "your Slack app's Basic Information page (App-Level Tokens, with connections:write)",
    'xapp-',
  ),
  SLACK_HANDOFF_CHANNEL: envVar('SLACK_HANDOFF_CHANNEL', (value) =>
    /^[CG][A-Z0-9]{2,}$/.test(value)
      ? { value }
      : {
          problem: `${JSON.stringify(value)} is not a Slack channel ID${value.startsWith('#') ? ' (it is a channel name)' : ''}`,
          fix: 'set it to the channel ID such as C0123456789 (in Slack: open the channel details; the ID is at the bottom)',
        },
  ),
  SLACK_API_URL: urlVar('SLACK_API_URL', httpProtocols, 'https://slack.com/api/').transform((value) =>
    // Slack's WebClient appends the method name to this URL as is, so it must end with "/".
    value === undefined ? undefined : `${withoutTrailingSlash(value)}/`,
  ),

  OPENAI_API_KEY: secretVar('OPENAI_API_KEY', 'your OpenAI (or compatible provider) account'),
  OPENAI_BASE_URL: urlVar('OPENAI_BASE_URL', httpProtocols, 'http://127.0.0.1:11434/v1').transform(
    withoutTrailingSlash,
  ),
  OPENAI_MODEL: envVar('OPENAI_MODEL', (value) => ({ value })),
  OPENAI_EMBEDDING_MODEL: envVar('OPENAI_EMBEDDING_MODEL', (value) => ({ value })),

  WHATSAPP_WEB: flag('WHATSAPP_WEB'),
  /**
   * The /playground page and its API (a simulated phone and the specialist inbox). They have
   * no authentication: on by default except when NODE_ENV=production, where only
   * BATON_PLAYGROUND=1 turns them on (and 0 turns them off anywhere).
   */
  BATON_PLAYGROUND: flag('BATON_PLAYGROUND'),
});

export type TEnvVariables = z.output<typeof ZEnvSchema>;
export type EnvVariableName = keyof TEnvVariables;
export const envVariableNames = Object.keys(ZEnvSchema.shape) as EnvVariableName[];

/**
 * Checks across variables, on which variables are set (blank = unset) rather than on their
 * parsed values, so they are reported together with any format problems.
 */
export function crossCheckEnv(isSet: (name: EnvVariableName) => boolean): string[] {
  const problems: string[] = [];
  const setOnes = (names: EnvVariableName[]) => names.filter(isSet);

  const hasSid = isSet('TWILIO_ACCOUNT_SID');
  const hasToken = isSet('TWILIO_AUTH_TOKEN');
  const senders = setOnes(['TWILIO_SMS_FROM', 'TWILIO_MESSAGING_SERVICE_SID', 'TWILIO_WHATSAPP_FROM']);
  if (hasSid && !hasToken) {
    problems.push(
      'TWILIO_AUTH_TOKEN: is not set but TWILIO_ACCOUNT_SID is. Fix: set TWILIO_AUTH_TOKEN (Twilio Console › Account Info), or unset TWILIO_ACCOUNT_SID to turn the Twilio channels off.',
    );
  } else if (hasToken && !hasSid) {
    problems.push(
      'TWILIO_ACCOUNT_SID: is not set but TWILIO_AUTH_TOKEN is. Fix: set TWILIO_ACCOUNT_SID (starts with AC; Twilio Console › Account Info), or unset TWILIO_AUTH_TOKEN to turn the Twilio channels off.',
    );
  } else if (hasSid && hasToken && senders.length === 0) {
    problems.push(
      'TWILIO_SMS_FROM / TWILIO_MESSAGING_SERVICE_SID / TWILIO_WHATSAPP_FROM: Twilio credentials are set but no sender, so nothing could be sent. Fix: set TWILIO_SMS_FROM (such as +14155550100) or TWILIO_MESSAGING_SERVICE_SID for SMS, and/or TWILIO_WHATSAPP_FROM (such as whatsapp:+14155238886) for WhatsApp.',
    );
  } else if (!hasSid && !hasToken && senders.length > 0) {
    problems.push(
      `TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN: not set, but ${senders.join(' and ')} ${senders.length > 1 ? 'are' : 'is'}. Fix: set both Twilio credentials to turn the Twilio channels on, or unset ${senders.join(' and ')}.`,
    );
  }

  if (isSet('SLACK_BOT_TOKEN')) {
    if (!isSet('SLACK_SIGNING_SECRET') && !isSet('SLACK_APP_TOKEN')) {
      problems.push(
        "SLACK_SIGNING_SECRET: is not set but SLACK_BOT_TOKEN is, so Slack's requests could not be verified. Fix: set SLACK_SIGNING_SECRET (Slack app › Basic Information › Signing Secret), or set SLACK_APP_TOKEN to use Socket Mode.",
      );
    }
    if (!isSet('SLACK_HANDOFF_CHANNEL')) {
      problems.push(
        'SLACK_HANDOFF_CHANNEL: is not set but SLACK_BOT_TOKEN is, so handoffs have nowhere to go. Fix: set it to the ID of the shared-inbox channel, such as C0123456789 (Slack: channel details, at the bottom), and invite the app to that channel.',
      );
    }
  } else {
    const orphans = setOnes(['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_HANDOFF_CHANNEL']);
    if (orphans.length > 0) {
      problems.push(
        `SLACK_BOT_TOKEN: is not set but ${orphans.join(' and ')} ${orphans.length > 1 ? 'are' : 'is'}, so Slack would stay off. Fix: set SLACK_BOT_TOKEN (xoxb-…, Slack app › OAuth & Permissions), or unset ${orphans.join(' and ')} to use the simulator's inbox.`,
      );
    }
  }
  return problems;
}
