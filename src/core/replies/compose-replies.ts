import { Prisma } from '@prisma/client';
import type { Db } from '../../db/prisma-client';
import { takeConversationLease } from '../conversation-lease';
import { type AnswerDeps, answerTravelerMessage } from './answer-traveler-message';
/** How long a worker may spend composing replies before another may take over (default). */
export const DEFAULT_RESPONSE_LEASE_SECONDS = 120;

export interface ComposeDeps extends AnswerDeps {
  responseLeaseSeconds?: number;
}

export interface ComposeResult {
  replies: number;
  /** Unanswered messages are leased by another worker: look again once its lease may have run out. */
  busy: boolean;
}

/**
 * Answers the traveler messages of a conversation that have no answer yet, in
 * arrival order. The conversation's reply lease lets one worker at a time
 * compose, so replies are written in order; the reply's unique `inReplyToId`
 * makes a retried job harmless. A worker that dies leaves the lease to expire.
 */
export async function composeReplies(deps: ComposeDeps, conversationId: string): Promise<ComposeResult> {
  const leaseSeconds = deps.responseLeaseSeconds ?? DEFAULT_RESPONSE_LEASE_SECONDS;
  const unanswered = unansweredOf(conversationId);
  // The first message to answer is read by the statement that takes the lease.
  const lease = await takeConversationLease(
    deps,
    'replies',
    conversationId,
    leaseSeconds,
    Prisma.sql`(SELECT json_build_object('id', id::text, 'text', text) ${unanswered} ORDER BY seq LIMIT 1)`,
  );
  if (!lease) return { replies: 0, busy: await hasUnanswered(deps.db, conversationId) };

  let replies = 0;
  let released = false;
  try {
    // One message at a time, oldest first; messages arriving meanwhile are answered in this loop too.
    let next = lease.peeked as { id: string; text: string } | null;
    for (let answered = 0; ; answered++) {
      if (answered > 0) {
        [next = null] = await deps.db.fast.$queryRaw<Array<{ id: string; text: string }>>`
          SELECT id::text AS id, text ${unanswered} ORDER BY seq LIMIT 1`;
      }
      if (!next) return { replies, busy: false };
      // Renewed only when there is more to answer (one message per job is the common case).
      // Another worker took the lease over (ours ran out): it answers the rest.
      if (answered > 0 && !(await lease.renew())) return { replies, busy: true };
      if (await answerTravelerMessage(deps, conversationId, next)) replies += 1;
      // Released here unless more arrived meanwhile: one statement, not an empty look and a release.
      if (!(await lease.releaseUnless(Prisma.sql`EXISTS (SELECT 1 ${unanswered})`))) {
        released = true;
        return { replies, busy: false };
      }
    }
  } finally {
    if (!released) await lease.release();
  }
}

/** The conversation's traveler messages that have no answer yet (FROM … WHERE …). */
function unansweredOf(conversationId: string): Prisma.Sql {
  return Prisma.sql`FROM "Message" WHERE "conversationId" = ${conversationId}::uuid
    AND direction = 'inbound' AND "respondedAt" IS NULL`;
}

async function hasUnanswered(db: Db, conversationId: string): Promise<boolean> {
  const count = await db.message.count({ where: { conversationId, direction: 'inbound', respondedAt: null } });
  return count > 0;
}
