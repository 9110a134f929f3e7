import type pg from 'pg';
import { BatonError } from '../core/errors';

/**
 * How long Baton waits on PostgreSQL before giving up. Without limits a network partition
 * (PostgreSQL reachable by nobody, answering nothing) hangs every request and job forever;
 * with them a request fails, the web answers 503 and the provider retries, and a job fails
 * and BullMQ retries it. All in milliseconds; 0 means no limit.
 */
export interface ConnectionTimeouts {
  /** Opening a connection, and waiting for a free one in the pool. */
  connectMs: number;
  /** Server side: PostgreSQL cancels a statement running longer (error 57014). */
  statementMs: number;
  /** Client side: no answer at all this long (a partition) fails the query and drops the connection. */
  queryMs: number;
  /** Server side: a session left idle inside a transaction is ended, releasing its locks. */
  idleInTransactionMs: number;
}

/**
 * Statements stay far below these (the hot path is milliseconds; the weekly insights queries
 * a few seconds): the statement limit only stops a runaway. The client-side limit is a little
 * longer, so a slow statement is cancelled by PostgreSQL (the connection survives) before the
 * client gives up on the connection. Prisma's own interactive-transaction limit (5 s) still
 * applies inside transactions.
 */
export const defaultConnectionTimeouts: Readonly<ConnectionTimeouts> = Object.freeze({
  connectMs: 5_000,
  statementMs: 30_000,
  queryMs: 35_000,
  idleInTransactionMs: 60_000,
});

/** DATABASE_URL query parameters that override a default, with their unit (libpq's for connect_timeout). */
const urlParameters: Array<{ name: string; key: keyof ConnectionTimeouts; unitMs: number; unit: string }> = [
  { name: 'connect_timeout', key: 'connectMs', unitMs: 1000, unit: 'seconds' },
  { name: 'statement_timeout', key: 'statementMs', unitMs: 1, unit: 'milliseconds' },
  { name: 'query_timeout', key: 'queryMs', unitMs: 1, unit: 'milliseconds' },
  { name: 'idle_in_transaction_session_timeout', key: 'idleInTransactionMs', unitMs: 1, unit: 'milliseconds' },
];

/**
 * The defaults, overridden by DATABASE_URL parameters such as `?statement_timeout=120000`.
 * Only whole numbers are taken: PostgreSQL would read "30s" as 30 s but pg sends it as 30 ms.
 */
export function connectionTimeoutsFromUrl(databaseUrl: string): ConnectionTimeouts {
  const timeouts = { ...defaultConnectionTimeouts };
  let params: URLSearchParams;
  try {
    params = new URL(databaseUrl).searchParams;
  } catch {
    return timeouts; // not a URL (a socket path): pg-connection-string reports it where it matters
  }
  for (const { name, key, unitMs, unit } of urlParameters) {
    const raw = params.get(name)?.trim();
    if (!raw) continue; // absent or empty: the default, as for an empty environment variable
    if (!/^\d+$/.test(raw)) {
      throw new BatonError(
        'env_invalid',
        `DATABASE_URL: ${name}=${JSON.stringify(raw)} is not a whole number of ${unit}. ` +
          `Fix: write it as a number of ${unit} (0 for no limit), e.g. ${name}=${key === 'connectMs' ? 5 : 30000}.`,
      );
    }
    timeouts[key] = Number(raw) * unitMs;
  }
  return timeouts;
}

/** The pg pool settings for these limits (a 0 leaves that limit off, as pg does). */
export function poolTimeoutSettings(timeouts: ConnectionTimeouts): pg.PoolConfig {
  return {
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.queryMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    // Lets the OS notice a peer that vanished without closing the connection.
    keepAlive: true,
  };
}
