import type { InboundMessage } from '../../channels/channel-adapter';
import type { Db } from '../../db/prisma-client';
import { type Logger, maskAddress } from '../logger';
import type { Dispatcher } from '../queues/dispatcher';

export interface AcceptResult {
  eventId: string;
  duplicate: boolean;
  queued: boolean;
}

/** Messages of one traveler on one channel are handled in the order they were accepted. */
export function routingKeyFor(message: Pick<InboundMessage, 'channel' | 'from'>): string {
  return `${message.channel}|${message.from}`;
}

/**
 * The web process's whole job for an inbound message: store it durably (once,
 * whatever the provider retries), then queue it. If Redis is down the message
 * is still accepted: it is in PostgreSQL and the recovery sweep queues it.
 */
export async function acceptInboundMessage(
  deps: { db: Db; dispatcher: Dispatcher; logger: Logger },
  received: InboundMessage,
): Promise<AcceptResult> {
  // PostgreSQL cannot store U+0000 in text or jsonb: dropped here, or the message would be lost.
  const message = JSON.parse(
    JSON.stringify(received, (_key, value) => (typeof value === 'string' ? value.replaceAll('\u0000', '') : value)),
  ) as InboundMessage;
  // db.fast: this insert is all a webhook costs the database, and Prisma would triple its CPU.
  const inserted = await deps.db.fast.$queryRaw<Array<{ id: bigint }>>`
    INSERT INTO "InboundEvent" (source, "externalId", kind, "routingKey", payload)
    VALUES (${message.channel}, ${message.providerMessageId}, 'message', ${routingKeyFor(message)},
            ${JSON.stringify(message)}::jsonb)
    ON CONFLICT (source, "externalId") DO NOTHING
    RETURNING id`;
  let eventId: string;
  let duplicate = false;
  let processed = false;
  if (inserted[0]) {
    eventId = inserted[0].id.toString();
  } else {
    duplicate = true;
    const [existing] = await deps.db.fast.$queryRaw<Array<{ id: bigint; processedAt: Date | null }>>`
      SELECT id, "processedAt" FROM "InboundEvent"
      WHERE source = ${message.channel} AND "externalId" = ${message.providerMessageId}`;
    if (!existing) throw new Error(`inbound event ${message.channel}/${message.providerMessageId} vanished`);
    eventId = existing.id.toString();
    processed = existing.processedAt !== null;
  }
  if (processed) return { eventId, duplicate, queued: false };
  try {
    // A duplicate that is not processed yet is queued again: harmless (same job
    // id) and it rescues a first attempt whose enqueue failed.
    await deps.dispatcher.ingestEvent(eventId);
    return { eventId, duplicate, queued: true };
  } catch (error) {
    deps.logger.warn(
      { err: error, eventId, from: maskAddress(message.from) },
      'queue unavailable: message stored, the recovery sweep will queue it',
    );
    return { eventId, duplicate, queued: false };
  }
}
