import type { ChannelAdapter, ChannelKind } from '../../channels/channel-adapter';
import type { ChannelRegistry } from '../../channels/channel-registry';
import { DeliveryError } from '../../channels/delivery-error';
import type { Db } from '../../db/prisma-client';
import { acquireConversationLease, releaseConversationLease, renewConversationLease } from '../conversation-lease';
import { type Logger, maskAddress } from '../logger';
import type { Dispatcher } from '../queues/dispatcher';

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
}

const pendingStatuses = ['queued', 'sending'] as const;

/**
 * Sends a conversation's outbound messages in the order they were written. The
 * worker holding the conversation's outbox lease drains every pending message,
 * so a later reply never overtakes an earlier one. Permanent failures are
 * stored on the message and the drain moves on; a transient failure stops the
 * drain for a retry, keeping the order.
 */
export async function deliverOutbox(deps: DeliverDeps, messageId: string): Promise<DeliverOutcome> {
  const target = await deps.db.message.findUnique({
    where: { id: messageId },
    select: { conversationId: true, status: true },
  });
  if (!target || !isPending(target.status)) return { kind: 'done' };

  const { conversationId } = target;
  if (!(await acquireConversationLease(deps.db, 'outbox', conversationId, OUTBOX_LEASE_SECONDS))) {
    return { kind: 'busy' };
  }

  try {
    // Bounded, so one busy conversation cannot hold a worker slot (or a shutdown) forever.
    for (let sent = 0; sent < MAX_SENDS_PER_RUN; sent++) {
      const next = await nextPendingMessage(deps.db, conversationId);
      if (!next) return { kind: 'done' };
      // Renewed only when there is more to send (one message per run is the common case).
      if (sent > 0) await renewConversationLease(deps.db, 'outbox', conversationId, OUTBOX_LEASE_SECONDS);
      const failure = await sendOne(deps, conversationId, next);
      if (failure) return { kind: 'transient', error: failure, messageId: next.id };
    }
    return { kind: 'busy' }; // more to send: the job comes back shortly and continues
  } finally {
    await releaseConversationLease(deps.db, 'outbox', conversationId);
  }
}

/** The oldest unsent message with its recipient, in one statement (this is the hot path). */
async function nextPendingMessage(db: Db, conversationId: string): Promise<PendingMessage | undefined> {
  const [row] = await db.$queryRaw<
    Array<Omit<PendingMessage, 'conversation'> & { address: string; optedOutAt: Date | null }>
  >`
    SELECT m.id::text AS id, m."bypassOptOut", m."slackTs", m.text, m.media, m.channel::text AS channel,
           ct.address, ct."optedOutAt"
    FROM "Message" m
    JOIN "Conversation" c ON c.id = m."conversationId"
    JOIN "Contact" ct ON ct.id = c."contactId"
    WHERE m."conversationId" = ${conversationId}::uuid AND m.direction = 'outbound'
      AND m.status IN ('queued', 'sending')
    ORDER BY m.seq
    LIMIT 1`;
  if (!row) return undefined;
  const { address, optedOutAt, ...message } = row;
  return { ...message, conversation: { contact: { address, optedOutAt } } };
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

  await deps.db.$executeRaw`
    UPDATE "Message" SET status = 'sending', attempts = attempts + 1, "updatedAt" = now()
    WHERE id = ${message.id}::uuid`;
  try {
    const result = await adapter.send({
      messageId: message.id,
      to: address,
      text: message.text,
      media: Array.isArray(message.media) ? (message.media as never) : [],
    });
    // A status callback may already have moved the message on (it can beat this write): only a
    // message still `sending` takes the send's own status.
    // A provider's "queued" means it took the message; Baton's `queued` means it has not left yet.
    const status = result.status === 'queued' ? 'accepted' : result.status;
    // One statement: the message's outcome (its status only if still `sending`) and the conversation's clock.
    const [recorded] = await deps.db.$queryRaw<Array<{ statusTaken: boolean }>>`
      WITH m AS (
        UPDATE "Message" SET "providerMessageId" = ${result.providerMessageId}, "updatedAt" = now(),
          status = CASE WHEN status = 'sending' THEN ${status}::"DeliveryStatus" ELSE status END,
          "errorCode" = CASE WHEN status = 'sending' THEN NULL ELSE "errorCode" END,
          "errorMessage" = CASE WHEN status = 'sending' THEN NULL ELSE "errorMessage" END
        WHERE id = ${message.id}::uuid
        RETURNING (status = ${status}::"DeliveryStatus") AS "statusTaken"
      ), c AS (
        UPDATE "Conversation" SET "lastOutboundAt" = now() WHERE id = ${conversationId}::uuid
      )
      SELECT "statusTaken" FROM m`;
    if (recorded?.statusTaken && result.status === 'delivered') {
      await showDelivery(deps, message, 'delivered'); // channels that confirm delivery at once
    }
    return null;
  } catch (caught) {
    const error =
      caught instanceof DeliveryError
        ? caught
        : new DeliveryError(caught instanceof Error ? caught.message : String(caught), false, undefined, {
            cause: caught,
          });
    deps.logger.warn(
      { messageId: message.id, to: maskAddress(address), permanent: error.permanent, code: error.providerCode },
      `delivery failed: ${error.message}`,
    );
    await deps.db.message.update({
      where: { id: message.id },
      data: {
        status: error.permanent ? 'failed' : 'queued',
        errorCode: error.providerCode ?? (error.permanent ? 'permanent' : 'transient'),
        errorMessage: error.message.slice(0, 500),
      },
    });
    if (error.permanent) await showDelivery(deps, message, 'failed');
    return error.permanent ? null : error;
  }
}

/** Only a specialist's relayed reply (it has a Slack ts) shows its outcome in the thread. */
async function showDelivery(deps: DeliverDeps, message: PendingMessage, status: string): Promise<void> {
  if (!message.slackTs || !deps.dispatcher) return;
  try {
    await deps.dispatcher.showDelivery(message.id, status);
  } catch (error) {
    deps.logger.warn({ err: error, messageId: message.id }, 'could not queue the delivery note for Slack');
  }
}

/** After the last retry a transient failure becomes final, with its reason kept on the message. */
export async function markDeliveryExhausted(db: Db, messageId: string, error: Error): Promise<void> {
  await db.message.updateMany({
    where: { id: messageId, status: { in: [...pendingStatuses] } },
    data: { status: 'failed', errorCode: 'retries_exhausted', errorMessage: error.message.slice(0, 500) },
  });
}
