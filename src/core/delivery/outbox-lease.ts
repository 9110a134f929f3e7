import type { Db } from '../../db/prisma-client';
import type { Logger } from '../logger';
import { retryDatabaseWrite } from './retry-database-write';

/** Longer than any single send may take (adapters time out well before). */
export const OUTBOX_LEASE_SECONDS = 30;

/**
 * The claim on draining one conversation's outbox. The lease is the `outboxLeaseUntil`
 * timestamp, and its exact value is the holder's token: renewing and releasing only touch a
 * lease still carrying it, so a worker never clears or extends one another worker took.
 */
export interface OutboxLease {
  /** Pushes the lease further out; false when it is no longer this holder's. */
  renew(): Promise<boolean>;
  /** Clears the lease, retrying a failed write; if that keeps failing, keeps it (see `keep`). */
  release(): Promise<void>;
  /**
   * Leaves the lease set, so other workers keep off the conversation until it runs out, and
   * lets this process's next run for the conversation take it over at once.
   */
  keep(): void;
}

/**
 * Leases this process left set: it could not release them (the database failed at that
 * moment) or kept them on purpose (a send it could not write down). Without this, the
 * conversation's deliveries would wait out the whole lease, 30 s, after a database blip.
 */
const keptTokens = new Map<string, string>();

/**
 * Takes the outbox lease of a conversation if it is free or expired, or if this process kept
 * it; null when another worker holds it.
 */
export async function takeOutboxLease(
  deps: { db: Db; logger: Logger; writeRetryDelaysMs?: readonly number[] },
  conversationId: string,
): Promise<OutboxLease | null> {
  const { db } = deps;
  const kept = keptTokens.get(conversationId);
  keptTokens.delete(conversationId); // taken synchronously: only one run adopts it
  let token: string | undefined;
  if (kept !== undefined) {
    try {
      token = await extend(db, conversationId, kept);
    } catch (error) {
      keptTokens.set(conversationId, kept);
      throw error;
    }
  }
  if (token === undefined) {
    const [taken] = await db.fast.$queryRaw<Array<{ token: string }>>`
      UPDATE "Conversation" SET "outboxLeaseUntil" = now() + make_interval(secs => ${OUTBOX_LEASE_SECONDS})
      WHERE id = ${conversationId}::uuid AND ("outboxLeaseUntil" IS NULL OR "outboxLeaseUntil" < now())
      RETURNING "outboxLeaseUntil"::text AS token`;
    if (!taken) return null;
    token = taken.token;
  }

  let current: string = token;
  return {
    async renew() {
      const next = await extend(db, conversationId, current);
      if (next === undefined) return false;
      current = next;
      return true;
    },
    async release() {
      try {
        await retryDatabaseWrite(
          () => db.fast.$executeRaw`UPDATE "Conversation" SET "outboxLeaseUntil" = NULL
            WHERE id = ${conversationId}::uuid AND "outboxLeaseUntil"::text = ${current}`,
          deps.writeRetryDelaysMs,
        );
      } catch (error) {
        keptTokens.set(conversationId, current);
        deps.logger.warn(
          { err: error, conversationId },
          'could not release an outbox lease: this process takes it over on its next delivery for the conversation, other workers wait until it runs out',
        );
      }
    },
    keep() {
      keptTokens.set(conversationId, current);
    },
  };
}

/** The lease pushed out, if it still carries `token`; its new token, or undefined when it is not ours. */
async function extend(db: Db, conversationId: string, token: string): Promise<string | undefined> {
  const [renewed] = await db.fast.$queryRaw<Array<{ token: string }>>`
    UPDATE "Conversation" SET "outboxLeaseUntil" = now() + make_interval(secs => ${OUTBOX_LEASE_SECONDS})
    WHERE id = ${conversationId}::uuid AND "outboxLeaseUntil"::text = ${token}
    RETURNING "outboxLeaseUntil"::text AS token`;
  return renewed?.token;
}
