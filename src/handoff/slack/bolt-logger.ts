import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../core/logger';

const rank: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

/**
 * Bolt's, the WebClient's and Socket Mode's log lines, written through Baton's pino logger at
 * warn and error only. Debug and info are dropped whatever level Bolt asks for: the WebClient's
 * debug lines carry whole request bodies (message text, traveler details). Error objects are
 * reduced to their codes, because a WebClient error's `data`/`body` can echo a message back.
 */
export function createBoltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack' });
  let level = LogLevel.WARN;
  const write = (at: LogLevel.WARN | LogLevel.ERROR, parts: unknown[]) => {
    if (rank[at] < rank[level]) return;
    const errors = parts.filter((part): part is Error => part instanceof Error).map(summarizeError);
    const message = parts
      .filter((part) => !(part instanceof Error))
      .map((part) => (typeof part === 'string' ? part : typeof part))
      .join(' ');
    const fields = errors.length === 0 ? {} : { err: errors.length === 1 ? errors[0] : errors };
    log[at](fields, message || (errors[0]?.message ?? 'slack'));
  };
  return {
    debug: () => {},
    info: () => {},
    warn: (...parts: unknown[]) => write(LogLevel.WARN, parts),
    error: (...parts: unknown[]) => write(LogLevel.ERROR, parts),
    // Bolt may ask for more detail (developer mode, its defaults); never go below warn.
    setLevel: (wanted: LogLevel) => {
      level = rank[wanted] > rank[LogLevel.WARN] ? wanted : LogLevel.WARN;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

export interface ErrorSummary {
  name: string;
  message: string;
  code?: string;
  /** Slack's `error` string from a platform error (`channel_not_found`, …). */
  slackError?: string;
  statusCode?: number;
  retryAfter?: number;
  original?: ErrorSummary;
}

/** The parts of an error safe to log: names, codes, statuses — never response bodies. */
export function summarizeError(error: unknown): ErrorSummary {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) };
  const e = error as Error & {
    code?: unknown;
    data?: { error?: unknown };
    statusCode?: unknown;
    retryAfter?: unknown;
    original?: unknown;
  };
  return {
    name: e.name,
    message: e.message,
    ...(typeof e.code === 'string' && { code: e.code }),
    ...(typeof e.data?.error === 'string' && { slackError: e.data.error }),
    ...(typeof e.statusCode === 'number' && { statusCode: e.statusCode }),
    ...(typeof e.retryAfter === 'number' && { retryAfter: e.retryAfter }),
    ...(e.original instanceof Error && { original: summarizeError(e.original) }),
  };
}
