import { UnrecoverableError } from 'bullmq';
import type { ChannelKind, InboundMessage } from '../../channels/channel-adapter';
import type { Db } from '../../db/prisma-client';
import { type StoreInboundOptions, storeInboundMessage } from './store-inbound-message';

export interface IngestResult {
  /** Conversations that may need replies. */
  conversationIds: string[];
  /** Messages queued while ingesting (compliance confirmations), to deliver. */
  deliveries: Array<{ messageId: string; channel: ChannelKind }>;
  /** Conversations in a handoff that got traveler messages: their Slack thread needs them. */
  handoffConversationIds: string[];
}

/**
 * Processes an accepted event, and every earlier unprocessed event of the same
 * traveler, in acceptance order. A per-traveler advisory lock serialises this
 * across workers, so messages are filed in the order they arrived whichever
 * job runs first.
 */
export async function ingestInboundEvents(
  db: Db,
  options: StoreInboundOptions,
  eventId: string,
): Promise<IngestResult> {
  const ingested = await db.fast.$transaction(async (tx) => {
    // The event, and its traveler's lock taken in the same statement (one round trip less).
    // Its processedAt may predate the lock; the pending events are read after it.
    const [event] = await tx.$queryRaw<
      Array<{ routingKey: string; processedAt: Date | null; conversationId: string | null }>
    >`SELECT e."routingKey", e."processedAt", e."conversationId"::text AS "conversationId"
      FROM "InboundEvent" e, LATERAL pg_advisory_xact_lock(hashtextextended(e."routingKey", 0))
      WHERE e.id = ${BigInt(eventId)}`;
    if (!event) throw new UnrecoverableError(`inbound event ${eventId} does not exist`);
    // Already filed (by an earlier event's job, or before a crash): the caller
    // still composes replies, which is idempotent.
    if (event.processedAt) {
      return {
        conversationIds: event.conversationId ? [event.conversationId] : [],
        deliveries: [],
        handoffConversationIds: [],
        storedChannels: [],
      };
    }
    const pending = await tx.$queryRaw<Array<{ id: bigint; payload: InboundMessage }>>`
      SELECT id, payload FROM "InboundEvent"
      WHERE "routingKey" = ${event.routingKey} AND "processedAt" IS NULL AND id <= ${BigInt(eventId)}
      ORDER BY id`;
    const conversations = new Set<string>();
    const deliveries: IngestResult['deliveries'] = [];
    const handoffs = new Set<string>();
    const storedChannels: ChannelKind[] = []; // one per new message
    for (const row of pending) {
      const stored = await storeInboundMessage(tx, options, row.payload);
      conversations.add(stored.conversationId);
      if (stored.messageId) storedChannels.push(row.payload.channel);
      for (const messageId of stored.outboundIds) deliveries.push({ messageId, channel: row.payload.channel });
      if (stored.messageId && (stored.state === 'pending' || stored.state === 'human'))
        handoffs.add(stored.conversationId);
      await tx.$executeRaw`UPDATE "InboundEvent" SET "processedAt" = now(), "conversationId" = ${stored.conversationId}::uuid,
        attempts = attempts + 1 WHERE id = ${row.id}`;
    }
    if (conversations.size === 0) {
      // Another job filed it while this one waited for the lock.
      const [filed] = await tx.$queryRaw<Array<{ conversationId: string | null }>>`
        SELECT "conversationId"::text AS "conversationId" FROM "InboundEvent" WHERE id = ${BigInt(eventId)}`;
      if (filed?.conversationId) conversations.add(filed.conversationId);
    }
    return { conversationIds: [...conversations], deliveries, handoffConversationIds: [...handoffs], storedChannels };
  });
  const { storedChannels, ...result } = ingested;
  for (const channel of storedChannels) options.metrics?.recordMessage('inbound', channel);
  return result;
}
