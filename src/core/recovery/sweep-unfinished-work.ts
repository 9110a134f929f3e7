import type { Db } from '../../db/prisma-client';
import type { Logger } from '../logger';
import type { Dispatcher } from '../queues/dispatcher';

export interface SweepCounts {
  events: number;
  replies: number;
  deliveries: number;
  handoffs: number;
  webhooks: number;
}

const BATCH = 500;

/**
 * PostgreSQL is the record of work; Redis only carries it. This finds work the
 * queues have lost (Redis restarted, an enqueue failed) and queues it again.
 * Job ids derived from content make re-queueing work that is still queued a no-op.
 */
export async function sweepUnfinishedWork(
  deps: { db: Db; dispatcher: Dispatcher; logger: Logger },
  options: { olderThanMs: number },
): Promise<SweepCounts> {
  const before = new Date(Date.now() - options.olderThanMs);
  const events = await deps.db.inboundEvent.findMany({
    where: { processedAt: null, receivedAt: { lt: before } },
    orderBy: { id: 'asc' },
    select: { id: true },
    take: BATCH,
  });
  const replies = await deps.db.$queryRaw<Array<{ conversationId: string }>>`
    SELECT DISTINCT m."conversationId"::text AS "conversationId" FROM "Message" m
    JOIN "Conversation" c ON c.id = m."conversationId"
    WHERE m.direction = 'inbound' AND m."respondedAt" IS NULL AND m."createdAt" < ${before}
      AND (c."replyLeaseUntil" IS NULL OR c."replyLeaseUntil" < now())
    LIMIT ${BATCH}`;
  const deliveries = await deps.db.message.findMany({
    where: { direction: 'outbound', status: { in: ['queued', 'sending'] }, updatedAt: { lt: before } },
    orderBy: { seq: 'asc' },
    select: { id: true, channel: true },
    take: BATCH,
  });

  const revive = { revive: true };
  // Handoffs whose traveler messages have not reached the Slack thread (a no-op without Slack).
  const handoffs = await deps.db.$queryRaw<Array<{ conversationId: string }>>`
    SELECT DISTINCT m."conversationId"::text AS "conversationId" FROM "Message" m
    JOIN "Conversation" c ON c.id = m."conversationId"
    WHERE m.direction = 'inbound' AND m."slackPostedAt" IS NULL AND c.state IN ('pending', 'human')
      AND m."createdAt" < ${before}
    LIMIT ${BATCH}`;

  for (const event of events) await deps.dispatcher.ingestEvent(event.id.toString(), revive);
  for (const row of replies) await deps.dispatcher.composeReplies(row.conversationId, revive);
  for (const message of deliveries) await deps.dispatcher.deliver(message.id, message.channel, revive);

  for (const row of handoffs) await deps.dispatcher.syncHandoff(row.conversationId, revive);

  // Booking webhooks whose job was lost (their run stays `pending` until it succeeds or gives up).
  const webhooks = await deps.db.actionRun.findMany({
    where: { webhookState: 'pending', updatedAt: { lt: before } },
    select: { id: true },
    take: BATCH,
  });
  for (const run of webhooks) await deps.dispatcher.actionWebhook(run.id, revive);

  const counts = {
    events: events.length,
    replies: replies.length,
    deliveries: deliveries.length,
    handoffs: handoffs.length,
    webhooks: webhooks.length,
  };
  if (Object.values(counts).some((count) => count > 0)) deps.logger.info(counts, 'recovery sweep re-queued work');
  return counts;
}
