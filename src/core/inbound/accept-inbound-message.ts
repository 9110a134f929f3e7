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

/** A message stored by `storeInboundEvent`, and whether it still has to be queued. */
export interface StoredInboundEvent {
  eventId: string;
  duplicate: boolean;
  /** Already filed by a worker: nothing to queue. */
  processed: boolean;
  /** For the log line when queueing fails. */
  from: string;
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
  const stored = await storeInboundEvent(deps, received);
  const queued = await queueInboundEvent(deps, stored);
  return { eventId: stored.eventId, duplicate: stored.duplicate, queued };
}

/**
 * Stores the message durably, once whatever the provider retries: from here it is accepted,
 * and a webhook may be answered before it is queued (`queueInboundEvent`).
 */
export async function storeInboundEvent(deps: { db: Db }, received: InboundMessage): Promise<StoredInboundEvent> {
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
  if (inserted[0])
    return { eventId: inserted[0].id.toString(), duplicate: false, processed: false, from: message.from };
  const [existing] = await deps.db.fast.$queryRaw<Array<{ id: bigint; processedAt: Date | null }>>`
    SELECT id, "processedAt" FROM "InboundEvent"
    WHERE source = ${message.channel} AND "externalId" = ${message.providerMessageId}`;
  if (!existing) throw new Error(`inbound event ${message.channel}/${message.providerMessageId} vanished`);
  return {
    eventId: existing.id.toString(),
    duplicate: true,
    processed: existing.processedAt !== null,
    from: message.from,
  };
}

/**
 * Queues a stored message for the workers; true when queued. Never throws: when Redis is
 * unavailable the message waits in PostgreSQL for the recovery sweep.
 */
export async function queueInboundEvent(
  deps: { dispatcher: Dispatcher; logger: Logger },
  stored: StoredInboundEvent,
): Promise<boolean> {
  if (stored.processed) return false;
  try {
    // A duplicate that is not processed yet is queued again: harmless (same job
    // id) and it rescues a first attempt whose enqueue failed.
    await deps.dispatcher.ingestEvent(stored.eventId);
    return true;
  } catch (error) {
    deps.logger.warn(
      { err: error, eventId: stored.eventId, from: maskAddress(stored.from) },
      'queue unavailable: message stored, the recovery sweep will queue it',
    );
    return false;
  }
}
