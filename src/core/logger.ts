import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Secrets and traveler personal data never reach a log line in clear: known
 * secret-bearing fields are censored, and callers log addresses through
 * `maskAddress` and never log message text.
 */
const redactPaths = [
  'authToken',
  'password',
  'token',
  'secret',
  '*.authToken',
  '*.password',
  '*.token',
  '*.secret',
  'text',
  '*.text',
  'body',
  '*.body',
  'headers.authorization',
  'headers["x-twilio-signature"]',
  'headers["x-slack-signature"]',
];

/** JSON lines for machines; readable lines when a person watches a terminal (`pretty`). */
export function createLogger(options: { level?: string; name?: string; pretty?: boolean } = {}): Logger {
  return pino({
    name: options.name ?? 'baton',
    level: options.level ?? 'info',
    redact: { paths: redactPaths, censor: '[redacted]' },
    ...(options.pretty && {
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, ignore: 'pid,hostname,name', translateTime: 'HH:MM:ss' },
      },
    }),
  });
}

/**
 * "+15551234567" → "+1••••••4567", "whatsapp:+447700900123" → "whatsapp:+4•••••••0123":
 * enough to tell travelers apart in a log, not enough to contact them.
 */
export function maskAddress(address: string): string {
  const prefixMatch = /^([a-z]+:)?(.*)$/i.exec(address);
  const scheme = prefixMatch?.[1] ?? '';
  const rest = prefixMatch?.[2] ?? address;
  if (rest.length <= 4) return `${scheme}${'•'.repeat(rest.length)}`;
  const keepStart = rest.startsWith('+') ? 2 : 1;
  const hidden = rest.length - keepStart - 4;
  return `${scheme}${rest.slice(0, keepStart)}${'•'.repeat(Math.max(hidden, 1))}${rest.slice(-4)}`;
}

/**
 * Anything that looks like a phone number (7 or more digits, a leading `+` or `whatsapp:`,
 * spaces, dots, dashes or brackets between them) — the character classes never overlap, so
 * no input makes it backtrack. IPv4 addresses and ISO dates have the same shape but are what
 * an operator needs to read in an error ("connect ECONNREFUSED 10.0.12.7", "/2010-04-01/…").
 */
const phoneLike = /(whatsapp:)?(\+)?\d(?:[\s().-]{0,2}\d){6,}/gi;
const notAPhone = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\d{4}-\d{2}-\d{2})$/;

/**
 * Free text from outside (a provider's error message) with every phone-like number masked as
 * `maskAddress` does: "The 'To' number +15551234567 is…" → "The 'To' number +1••••••4567 is…".
 */
export function maskPhoneNumbers(text: string): string {
  return text.replace(phoneLike, (match: string, scheme: string | undefined, plus: string | undefined) =>
    notAPhone.test(match)
      ? match
      : maskAddress(`${scheme ?? ''}${plus ?? ''}${match.replace(/^whatsapp:/i, '').replace(/\D/g, '')}`),
  );
}
