import type { SendResult } from '../../channels/channel-adapter';
import type { Db } from '../../db/prisma-client';
import { BatonError } from '../errors';
import type { Logger } from '../logger';
import type { Dispatcher } from '../queues/dispatcher';
import { retryDatabaseWrite } from './retry-database-write';
import { showDeliveryNote } from './show-delivery-note';

export interface AcceptedSend {
  messageId: string;
  conversationId: string;
  slackTs: string | null;
  result: SendResult;
}

interface RecordDeps {
  db: Db;
  logger: Logger;
  dispatcher?: Pick<Dispatcher, 'showDelivery'>;
  writeRetryDelaysMs?: readonly number[];
}

/**
 * Sends the provider accepted that the database could not be told about, by message id. Their
 * rows are still `sending`, which alone would mean "maybe sent, send again": the provider id
 * held here is what keeps this process from sending them twice, so it is written down before
 * this process delivers anything else of that conversation. Only this process's memory has
 * it: if the process dies too, a later worker sends the message again (the at-least-once
 * floor), unless the provider's status callback has recorded it by then.
 */
const unrecorded = new Map<string, AcceptedSend>();

export function hasUnrecordedSends(conversationId: string): boolean {
  for (const send of unrecorded.values()) if (send.conversationId === conversationId) return true;
  return false;
}

/**
 * Records what the provider said about a send, retrying the write for a few seconds; if the
 * database still refuses, holds the provider id in memory (see `unrecorded`) and throws, so
 * the job is retried and writes it down then, without sending again.
 */
export async function recordAcceptedSend(deps: RecordDeps, send: AcceptedSend): Promise<void> {
  let statusTaken: boolean;
  try {
    statusTaken = await retryDatabaseWrite(() => writeAcceptedSend(deps.db, send), deps.writeRetryDelaysMs);
  } catch (error) {
    unrecorded.set(send.messageId, send);
    const { messageId } = send;
    const { providerMessageId } = send.result;
    deps.logger.error(
      { err: error, messageId, providerMessageId },
      'the provider accepted a message but the database did not record it: this process holds its provider id and records it on the next try, without sending again',
    );
    throw new BatonError(
      'dependency_unavailable',
      `message ${messageId} was sent (provider id ${providerMessageId}) but the database could not record it; it is recorded on the job's next try`,
      { cause: error },
    );
  }
  // Channels that confirm delivery at once.
  if (statusTaken && send.result.status === 'delivered') {
    await showDeliveryNote(deps, { id: send.messageId, slackTs: send.slackTs }, 'delivered');
  }
}

/** Writes down the held sends of a conversation (one try each: the job's own retries space them out). */
export async function recordUnrecordedSends(deps: RecordDeps, conversationId: string): Promise<void> {
  for (const send of [...unrecorded.values()]) {
    if (send.conversationId !== conversationId) continue;
    const statusTaken = await writeAcceptedSend(deps.db, send);
    unrecorded.delete(send.messageId);
    deps.logger.info(
      { messageId: send.messageId, providerMessageId: send.result.providerMessageId },
      'recorded a send the database had missed',
    );
    if (statusTaken && send.result.status === 'delivered') {
      await showDeliveryNote(deps, { id: send.messageId, slackTs: send.slackTs }, 'delivered');
    }
  }
}

/**
 * One statement: the provider id, the message's status (only if still `sending`: a status
 * callback can beat this write) and the conversation's clock. Safe to repeat. Says whether the
 * message took the send's status.
 */
async function writeAcceptedSend(db: Db, send: AcceptedSend): Promise<boolean> {
  // A provider's "queued" means it took the message; Baton's `queued` means it has not left yet.
  const status = send.result.status === 'queued' ? 'accepted' : send.result.status;
  const [recorded] = await db.fast.$queryRaw<Array<{ statusTaken: boolean }>>`
    WITH m AS (
      UPDATE "Message" SET "providerMessageId" = COALESCE("providerMessageId", ${send.result.providerMessageId}),
        "updatedAt" = now(),
        status = CASE WHEN status = 'sending' THEN ${status}::"DeliveryStatus" ELSE status END,
        "errorCode" = CASE WHEN status = 'sending' THEN NULL ELSE "errorCode" END,
        "errorMessage" = CASE WHEN status = 'sending' THEN NULL ELSE "errorMessage" END
      WHERE id = ${send.messageId}::uuid
      RETURNING (status = ${status}::"DeliveryStatus") AS "statusTaken"
    ), c AS (
      UPDATE "Conversation" SET "lastOutboundAt" = now() WHERE id = ${send.conversationId}::uuid
    )
    SELECT "statusTaken" FROM m`;
  return recorded?.statusTaken ?? false;
}
