/**
 * Tells "PostgreSQL is away or not answering" (restarting, unreachable, partitioned, out of
 * connections, too slow) from every other database error. Those are transient: the web
 * answers 503 so the sender retries, a job is retried by its queue. A missing database or
 * bad credentials are not: they need an operator, and stay errors.
 *
 * The reason returned is short and fixed (a code or pg's own message about the connection),
 * never a query or its values, so it can be logged as it is.
 */

/** Prisma's error codes for an unreachable or unresponsive server. */
const prismaCodes = new Set([
  'P1001', // can't reach the database server
  'P1002', // reached it, timed out
  'P1008', // operations timed out
  'P1017', // server closed the connection
  'P2024', // timed out fetching a connection from the pool
]);

/** What @prisma/adapter-pg calls a connection failure (`DriverAdapterError.cause.kind`). */
const adapterKinds = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/** PostgreSQL SQLSTATEs: class 08 (connection exception) is matched as a class. */
const sqlStates = new Set([
  '57P01', // admin_shutdown: the server is stopping or restarting
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, or in recovery
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout
]);

/** pg's own errors, which carry no code. */
const pgMessages = [
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'Connection terminated',
  'timeout expired',
  'Query read timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

/**
 * The socket's own errors when a connection is refused or dropped. pg passes them on as they
 * are, so `db.fast` wraps them in a `DatabaseConnectionError` (Redis's look the same, and are
 * not the database's); Prisma's adapter turns the same into `DatabaseNotReachable`.
 */
export const socketErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** A socket error on a PostgreSQL connection, as `db.fast` reports it. */
export class DatabaseConnectionError extends Error {
  override name = 'DatabaseConnectionError';
  constructor(
    readonly code: string,
    options: { cause: unknown },
  ) {
    super(`PostgreSQL connection failed (${code})`, options);
  }
}

type Inspectable = {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  kind?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
};

function sqlStateReason(code: unknown): string | undefined {
  if (typeof code !== 'string') return undefined;
  return code.startsWith('08') || sqlStates.has(code) ? `SQLSTATE ${code}` : undefined;
}

/** The adapter's description of a driver error: `{ kind, code?, originalCode? }`. */
function adapterReason(cause: unknown): string | undefined {
  if (!cause || typeof cause !== 'object') return undefined;
  const { kind, code, originalCode } = cause as { kind?: unknown; code?: unknown; originalCode?: unknown };
  if (typeof kind === 'string' && adapterKinds.has(kind)) return kind;
  return sqlStateReason(originalCode) ?? (kind === 'postgres' ? sqlStateReason(code) : undefined);
}

function ownReason(error: Inspectable): string | undefined {
  const { name, code, message } = error;
  if (typeof code === 'string' && prismaCodes.has(code) && String(name).startsWith('PrismaClient')) return code;
  const adapterError = error.meta?.driverAdapterError as Inspectable | undefined;
  const fromAdapter =
    adapterReason(adapterError?.cause) ?? (name === 'DriverAdapterError' ? adapterReason(error.cause) : undefined);
  if (fromAdapter) return fromAdapter;
  if (typeof message === 'string' && pgMessages.includes(message)) return message;
  if (error instanceof DatabaseConnectionError) return error.code;
  // pg's DatabaseError: a SQLSTATE with a severity. (A bare socket error could be Redis's or
  // any HTTP client's; pg's reach us through the adapter, already classified.)
  return 'severity' in error ? sqlStateReason(code) : undefined;
}

/**
 * Why `error` means PostgreSQL is unavailable, or undefined when it means something else.
 * Follows `cause` a few levels (pg wraps a timeout around the socket error, Prisma wraps
 * the adapter's error).
 */
export function databaseUnavailableReason(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const inspectable = current as Inspectable;
    const reason = ownReason(inspectable);
    if (reason) return reason;
    current = inspectable.cause;
  }
  return undefined;
}
