import { Prisma } from '@prisma/client';
import type { Db } from '../db/prisma-client';

/**
 * A time-limited claim on one of a conversation's two serial jobs: composing
 * its replies, or draining its outbox. One worker at a time holds each, so
 * replies are written and sent in order; a worker that dies leaves the lease
 * to expire. Leases are timestamp columns, not locks held open.
 */
export type ConversationLease = 'replies' | 'outbox';

const columns: Record<ConversationLease, Prisma.Sql> = {
  replies: Prisma.raw('"replyLeaseUntil"'),
  outbox: Prisma.raw('"outboxLeaseUntil"'),
};

/** Takes the lease if it is free or expired; false when another worker holds it. */
export async function acquireConversationLease(
  db: Db,
  lease: ConversationLease,
  conversationId: string,
  seconds: number,
): Promise<boolean> {
  const column = columns[lease];
  const taken = await db.fast.$queryRaw<Array<{ id: string }>>`
    UPDATE "Conversation" SET ${column} = now() + make_interval(secs => ${seconds})
    WHERE id = ${conversationId}::uuid AND (${column} IS NULL OR ${column} < now())
    RETURNING id::text AS id`;
  return taken.length > 0;
}

/** Pushes the holder's lease further out while it keeps working. */
export async function renewConversationLease(
  db: Db,
  lease: ConversationLease,
  conversationId: string,
  seconds: number,
): Promise<void> {
  const column = columns[lease];
  await db.fast.$executeRaw`UPDATE "Conversation" SET ${column} = now() + make_interval(secs => ${seconds})
    WHERE id = ${conversationId}::uuid`;
}

export async function releaseConversationLease(
  db: Db,
  lease: ConversationLease,
  conversationId: string,
): Promise<void> {
  const column = columns[lease];
  await db.fast.$executeRaw`UPDATE "Conversation" SET ${column} = NULL WHERE id = ${conversationId}::uuid`;
}
