import { Prisma } from '@prisma/client';
import type { Db } from '../db/prisma-client';
import { retryDatabaseWrite } from './delivery/retry-database-write';
import type { Logger } from './logger';

/**
 * A time-limited claim on one of a conversation's two serial jobs: composing its replies, or
 * draining its outbox. One worker at a time holds each, so replies are written and sent in
 * order; a worker that dies leaves the lease to expire. Leases are timestamp columns, not locks
 * held open, and the timestamp's exact value is the holder's token: renewing and releasing only
 * touch a lease still carrying it, so a worker never clears or extends one another worker took.
 */
export type ConversationLease = 'replies' | 'outbox';

const columns: Record<ConversationLease, Prisma.Sql> = {
  replies: Prisma.raw('"replyLeaseUntil"'),
  outbox: Prisma.raw('"outboxLeaseUntil"'),
};

export interface HeldLease {
  /**
   * What the `peek` expression given to `takeConversationLease` read in the statement that took
   * the lease (the holder's first piece of work, one round trip less); null without one.
   */
  peeked: unknown;
  /** Pushes the lease further out; false when it is no longer this holder's. */
  renew(): Promise<boolean>;
  /** Clears the lease, retrying a failed write; if that keeps failing, keeps it (see `keep`). */
  release(): Promise<void>;
  /**
   * Clears the lease unless `more` (an SQL condition: work left for this holder) holds, in one
   * statement instead of a last empty look for work and a release. True when there is more and
   * the lease is still held; false when it was released (or, as with `release`, kept after
   * failed writes), or when it is no longer this holder's.
   */
  releaseUnless(more: Prisma.Sql): Promise<boolean>;
  /**
   * Leaves the lease set, so other workers keep off the conversation until it runs out, and
   * lets this process's next run for the conversation take it over at once.
   */
  keep(): void;
}

export interface LeaseDeps {
  db: Db;
  logger: Logger;
  /** Waits between tries of a release (default: about 8 s in all). */
  writeRetryDelaysMs?: readonly number[];
}

/**
 * Leases this process left set: it could not release them (the database failed at that
 * moment) or kept them on purpose (a send it could not write down). Without this, the
 * conversation's work would wait out the whole lease after a database blip.
 */
const keptTokens = new Map<string, string>();

/**
 * Takes a conversation's lease if it is free or expired, or if this process kept it; null
 * when another worker holds it.
 */
export async function takeConversationLease(
  deps: LeaseDeps,
  lease: ConversationLease,
  conversationId: string,
  seconds: number,
  peek: Prisma.Sql = Prisma.sql`NULL`,
): Promise<HeldLease | null> {
  const { db } = deps;
  const column = columns[lease];
  const key = `${lease}:${conversationId}`;
  const extend = async (token: string, read = Prisma.sql`NULL`) => {
    const [renewed] = await db.fast.$queryRaw<Array<{ token: string; peeked: unknown }>>`
      UPDATE "Conversation" SET ${column} = now() + make_interval(secs => ${seconds})
      WHERE id = ${conversationId}::uuid AND ${column}::text = ${token}
      RETURNING ${column}::text AS token, ${read} AS peeked`;
    return renewed;
  };

  const kept = keptTokens.get(key);
  keptTokens.delete(key); // taken synchronously: only one run adopts it
  let held: { token: string; peeked: unknown } | undefined;
  if (kept !== undefined) {
    try {
      held = await extend(kept, peek);
    } catch (error) {
      keptTokens.set(key, kept);
      throw error;
    }
  }
  if (held === undefined) {
    const [taken] = await db.fast.$queryRaw<Array<{ token: string; peeked: unknown }>>`
      UPDATE "Conversation" SET ${column} = now() + make_interval(secs => ${seconds})
      WHERE id = ${conversationId}::uuid AND (${column} IS NULL OR ${column} < now())
      RETURNING ${column}::text AS token, ${peek} AS peeked`;
    if (!taken) return null;
    held = taken;
  }

  let current: string = held.token;
  const releaseUnless = async (more: Prisma.Sql): Promise<boolean> => {
    try {
      // Retried whole: a try that did clear the lease makes the next one match no row (false).
      const [row] = await retryDatabaseWrite(
        () => db.fast.$queryRaw<Array<{ more: boolean }>>`
          UPDATE "Conversation" SET ${column} = CASE WHEN ${more} THEN ${column} ELSE NULL END
          WHERE id = ${conversationId}::uuid AND ${column}::text = ${current}
          RETURNING ${column} IS NOT NULL AS more`,
        deps.writeRetryDelaysMs,
      );
      return row?.more ?? false;
    } catch (error) {
      keptTokens.set(key, current);
      deps.logger.warn(
        { err: error, conversationId, lease },
        'could not release a conversation lease: this process takes it over on its next run for the conversation, other workers wait until it runs out',
      );
      return false;
    }
  };
  return {
    peeked: held.peeked,
    async renew() {
      const next = await extend(current);
      if (next === undefined) return false;
      current = next.token;
      return true;
    },
    async release() {
      await releaseUnless(Prisma.sql`false`);
    },
    releaseUnless,
    keep() {
      keptTokens.set(key, current);
    },
  };
}
