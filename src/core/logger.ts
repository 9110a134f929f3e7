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
