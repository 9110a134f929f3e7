import { Prisma } from '@prisma/client';
import type { ChannelAdapter, ChannelKind, SendResult } from '../../channels/channel-adapter';
import type { ChannelRegistry } from '../../channels/channel-registry';
import { DeliveryError } from '../../channels/delivery-error';
import type { Db } from '../../db/prisma-client';
import { takeConversationLease } from '../conversation-lease';
import { type Logger, maskAddress, maskPhoneNumbers } from '../logger';
import type { MetricsRecorder } from '../metrics';
import type { Dispatcher } from '../queues/dispatcher';
import { hasUnrecordedSends, recordAcceptedSend, recordUnrecordedSends } from './record-accepted-send';
import { retryDatabaseWrite } from './retry-database-write';
import { showDeliveryNote } from './show-delivery-note';

/** Longer than any single send may take (adapters time out well before). */
const OUTBOX_LEASE_SECONDS = 30;
const MAX_SENDS_PER_RUN = 50;

export type DeliverOutcome =
  | { kind: 'done' } // the message left (or ended failed/suppressed), possibly sent by another job
  | { kind: 'busy' } // another worker is draining this conversation: try again shortly
  | { kind: 'transient'; error: DeliveryError; messageId: string };

export interface DeliverDeps {
  db: Db;
  channels: ChannelRegistry;
  logger: Logger;
  /** Tells the Slack thread how a specialist's reply fared (absent: nobody is told). */
  dispatcher?: Pick<Dispatcher, 'showDelivery'>;
  /** Waits between tries of a write that must not be lost (default: about 8 s in all). */
  writeRetryDelaysMs?: readonly number[];
  /** Counts what was handed to a provider and what it refused (absent: nothing is counted). */
  metrics?: MetricsRecorder;
}

const pendingStatuses = ['queued', 'sending'] as const;

/**
 * Sends a conversation's outbound messages in the order they were written. The
 * worker holding the conversation's outbox lease drains every pending message,
 * so a later reply never overtakes an earlier one. Permanent failures are
 * stored on the message and the drain moves on; a transient failure stops the
 * drain for a retry, keeping the order.
 *
 * Sent once: a message is marked `sending` before it is handed to the provider, and from then
 * on only the provider's answer decides. A send error is a delivery failure; a database error
 * after the provider accepted is not: the write is retried, then the provider id is held in
 * memory and written on the job's next try, never sent again (see record-accepted-send.ts).
 */
export async function deliverOutbox(
  deps: DeliverDeps,
  messageId: string,
  knownConversationId?: string,
): Promise<DeliverOutcome> {
  // Given by the job when it was queued with the reply (the hot path): one read less. Then a
  // message already sent is found by the lease's look for pending messages instead.
  let conversationId = knownConversationId;
  let pending = true;
  if (conversationId === undefined) {
    const [target] = await deps.db.fast.$queryRaw<Array<{ conversationId: string; status: string }>>`
      SELECT "conversationId"::text AS "conversationId", status::text AS status FROM "Message" WHERE id = ${messageId}::uuid`;
    if (!target) return { kind: 'done' };
    conversationId = target.conversationId;
    pending = isPending(target.status);
  }
  // Needs no lease: the write only moves a message that is still `sending`.
  await recordUnrecordedSends(deps, conversationId);
  if (!pending) return { kind: 'done' };

  // The first message to send is read by the statement that takes the lease.
  const lease = await takeConversationLease(
    deps,
    'outbox',
    conversationId,
    OUTBOX_LEASE_SECONDS,
    Prisma.sql`(SELECT json_build_object(${pendingColumns}) ${pendingOf(conversationId)} ORDER BY m.seq LIMIT 1)`,
  );
  if (!lease) return { kind: 'busy' };

  let released = false;
  try {
    let next = pendingMessageFrom(lease.peeked as PendingRow | null);
    // Bounded, so one busy conversation cannot hold a worker slot (or a shutdown) forever.
    for (let sent = 0; sent < MAX_SENDS_PER_RUN; sent++) {
      if (sent > 0) next = await nextPendingMessage(deps.db, conversationId);
      if (!next) return { kind: 'done' };
      // Renewed only when there is more to send (one message per run is the common case).
      if (sent > 0 && !(await lease.renew())) return { kind: 'busy' };
      const failure = await sendOne(deps, conversationId, next);
      if (failure) return { kind: 'transient', error: failure, messageId: next.id };
      // Released here unless more was queued meanwhile: one statement, not an empty look and a release.
      const more = Prisma.sql`EXISTS (SELECT 1 ${pendingOf(conversationId)})`;
      if (!hasUnrecordedSends(conversationId) && !(await lease.releaseUnless(more))) {
        released = true;
        return { kind: 'done' };
      }
    }
    return { kind: 'busy' }; // more to send: the job comes back shortly and continues
  } finally {
    // A send not written down keeps the lease, so no other worker sends that message again.
    if (hasUnrecordedSends(conversationId)) lease.keep();
    else if (!released) await lease.release();
  }
}

/** The conversation's unsent messages with their recipient (FROM … WHERE …, `m` the message). */
function pendingOf(conversationId: string): Prisma.Sql {
  return Prisma.sql`FROM "Message" m
    JOIN "Conversation" c ON c.id = m."conversationId"
    JOIN "Contact" ct ON ct.id = c."contactId"
    WHERE m."conversationId" = ${conversationId}::uuid AND m.direction = 'outbound'
      AND m.status IN ('queued', 'sending')`;
}

/** A pending message's fields as `json_build_object` arguments, named as `PendingRow`'s. */
const pendingColumns = Prisma.sql`'id', m.id::text, 'bypassOptOut', m."bypassOptOut", 'slackTs', m."slackTs",
  'text', m.text, 'media', m.media, 'channel', m.channel::text, 'address', ct.address,
  'optedOutAt', ct."optedOutAt"`;

type PendingRow = Omit<PendingMessage, 'conversation'> & { address: string; optedOutAt: Date | string | null };

/** The oldest unsent message with its recipient, in one statement (this is the hot path). */
async function nextPendingMessage(db: Db, conversationId: string): Promise<PendingMessage | undefined> {
  const [row] = await db.fast.$queryRaw<PendingRow[]>`
    SELECT m.id::text AS id, m."bypassOptOut", m."slackTs", m.text, m.media, m.channel::text AS channel,
           ct.address, ct."optedOutAt"
    ${pendingOf(conversationId)}
    ORDER BY m.seq
    LIMIT 1`;
  return pendingMessageFrom(row ?? null);
}

/** From a row, or from its JSON (where a timestamp is text, UTC wall time as Prisma stores it). */
function pendingMessageFrom(row: PendingRow | null): PendingMessage | undefined {
  if (!row) return undefined;
  const { address, optedOutAt, ...message } = row;
  const optedOut = typeof optedOutAt === 'string' ? new Date(`${optedOutAt}Z`) : optedOutAt;
  return { ...message, conversation: { contact: { address, optedOutAt: optedOut } } };
}

function isPending(status: string): boolean {
  return (pendingStatuses as readonly string[]).includes(status);
}

interface PendingMessage {
  id: string;
  slackTs: string | null;
  bypassOptOut: boolean;
  text: string;
  media: unknown;
  channel: string;
  conversation: { contact: { address: string; optedOutAt: Date | null } };
}

/** Sends one message and records the result; returns the error only when a retry may help. */
async function sendOne(
  deps: DeliverDeps,
  conversationId: string,
  message: PendingMessage,
): Promise<DeliveryError | null> {
  const { address, optedOutAt } = message.conversation.contact;
  const adapter: ChannelAdapter | undefined = deps.channels[message.channel as ChannelKind];
  const blockedByOptOut = optedOutAt !== null && !message.bypassOptOut;
  if (blockedByOptOut || !adapter) {
    await deps.db.message.update({
      where: { id: message.id },
      data: blockedByOptOut
        ? { status: 'suppressed', errorCode: 'opted_out', errorMessage: 'the traveler opted out of messages' }
        : { status: 'suppressed', errorCode: 'channel_off', errorMessage: `channel ${message.channel} is not enabled` },
    });
    return null;
  }

  // The intent, written before the send: from here on, a retry cannot tell whether the provider got it.
  await deps.db.fast.$executeRaw`
    UPDATE "Message" SET status = 'sending', attempts = attempts + 1, "updatedAt" = now()
    WHERE id = ${message.id}::uuid`;
  let result: SendResult;
  try {
    result = await adapter.send({
      messageId: message.id,
      to: address,
      text: message.text,
      media: Array.isArray(message.media) ? (message.media as never) : [],
    });
  } catch (caught) {
    return recordFailedSend(deps, message, address, caught);
  }
  deps.metrics?.recordMessage('outbound', message.channel);
  await recordAcceptedSend(deps, { messageId: message.id, conversationId, slackTs: message.slackTs, result });
  return null;
}

/** Stores why a send failed; returns the error only when a retry may help. */
async function recordFailedSend(
  deps: DeliverDeps,
  message: PendingMessage,
  address: string,
  caught: unknown,
): Promise<DeliveryError | null> {
  const error =
    caught instanceof DeliveryError
      ? caught
      : new DeliveryError(caught instanceof Error ? caught.message : String(caught), false, undefined, {
          cause: caught,
        });
  // Adapters mask what they know; a provider's free text may still name a number.
  const reason = maskPhoneNumbers(error.message);
  deps.logger.warn(
    { messageId: message.id, to: maskAddress(address), permanent: error.permanent, code: error.providerCode },
    `delivery failed: ${reason}`,
  );
  // Retried, so a blip does not turn a refused message into a resend of it.
  await retryDatabaseWrite(
    () =>
      deps.db.message.update({
        where: { id: message.id },
        data: {
          status: error.permanent ? 'failed' : 'queued',
          errorCode: error.providerCode ?? (error.permanent ? 'permanent' : 'transient'),
          errorMessage: reason.slice(0, 500),
        },
      }),
    deps.writeRetryDelaysMs,
  );
  if (error.permanent) deps.metrics?.recordDeliveryFailure(message.channel, error.providerCode ?? 'permanent');
  if (error.permanent) await showDeliveryNote(deps, message, 'failed');
  return error.permanent ? null : error;
}

/** After the last retry a transient failure becomes final, with its reason kept on the message. */
export async function markDeliveryExhausted(db: Db, messageId: string, error: Error): Promise<void> {
  await db.message.updateMany({
    where: { id: messageId, status: { in: [...pendingStatuses] } },
    data: {
      status: 'failed',
      errorCode: 'retries_exhausted',
      errorMessage: maskPhoneNumbers(error.message).slice(0, 500),
    },
  });
}
