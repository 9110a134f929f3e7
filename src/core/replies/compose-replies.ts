import type { ChannelKind } from '../../channels/channel-adapter';
import type { Db } from '../../db/prisma-client';
import { aiAnswers, type ConversationState, transition } from '../conversation-state';
import type { Logger } from '../logger';
import type { Dispatcher } from '../queues/dispatcher';
import type { Responder } from '../responder';

/** How long a worker may spend composing one conversation's replies before another may take over. */
const RESPONSE_LEASE_SECONDS = 120;

export interface ComposeDeps {
  db: Db;
  dispatcher: Dispatcher;
  responder: Responder;
  logger: Logger;
}

/**
 * Answers the traveler messages of a conversation that have no answer yet, in
 * arrival order. Messages are leased first so two workers never answer the same
 * one; the reply's unique `inReplyToId` makes a retried job harmless.
 */
export async function composeReplies(deps: ComposeDeps, conversationId: string): Promise<number> {
  const claimed = await deps.db.$queryRaw<Array<{ id: string; text: string; seq: bigint }>>`
    UPDATE "Message" SET "responseLeaseUntil" = now() + make_interval(secs => ${RESPONSE_LEASE_SECONDS})
    WHERE id IN (
      SELECT id FROM "Message"
      WHERE "conversationId" = ${conversationId}::uuid AND direction = 'inbound' AND "respondedAt" IS NULL
        AND ("responseLeaseUntil" IS NULL OR "responseLeaseUntil" < now())
      FOR UPDATE SKIP LOCKED)
    RETURNING id::text AS id, text, seq`;
  claimed.sort((a, b) => (a.seq < b.seq ? -1 : 1));

  let replies = 0;
  for (const message of claimed) {
    const conversation = await deps.db.conversation.findUniqueOrThrow({
      where: { id: conversationId },
      select: { state: true, channel: true },
    });
    if (!aiAnswers(conversation.state)) {
      await markResponded(deps.db, message.id);
      continue;
    }
    const decision = await deps.responder.respond({
      conversationId,
      channel: conversation.channel as ChannelKind,
      message: { id: message.id, text: message.text },
    });
    const text = decision.kind === 'silent' ? undefined : decision.text;
    const replyId = await deps.db.$transaction(async (tx) => {
      if (decision.kind === 'handoff') {
        const step = transition(conversation.state as ConversationState, 'handoff_requested');
        if (step.ok && step.changed) {
          await tx.conversation.update({
            where: { id: conversationId },
            data: { state: step.to, handoffReason: decision.reason },
          });
          await tx.conversationEvent.create({
            data: {
              conversationId,
              type: 'state_changed',
              fromState: step.from,
              toState: step.to,
              actorKind: 'ai',
              reason: decision.reason,
            },
          });
        }
      }
      await tx.message.update({ where: { id: message.id }, data: { respondedAt: new Date(), responseLeaseUntil: null } });
      if (text === undefined) return null;
      const [reply] = await tx.$queryRaw<Array<{ id: string }>>`
        INSERT INTO "Message" ("conversationId", direction, author, text, channel, status, "inReplyToId")
        VALUES (${conversationId}::uuid, 'outbound', 'ai', ${text}, ${conversation.channel}::"Channel", 'queued',
                ${message.id}::uuid)
        ON CONFLICT ("inReplyToId") DO NOTHING
        RETURNING id::text AS id`;
      return reply?.id ?? null;
    });
    if (replyId) {
      replies += 1;
      await dispatchDelivery(deps, replyId);
    }
  }
  return replies;
}

async function markResponded(db: Db, messageId: string): Promise<void> {
  await db.message.update({ where: { id: messageId }, data: { respondedAt: new Date(), responseLeaseUntil: null } });
}

/** A reply whose delivery job cannot be queued now is still stored as `queued`: the recovery sweep sends it. */
async function dispatchDelivery(deps: ComposeDeps, messageId: string): Promise<void> {
  try {
    await deps.dispatcher.deliver(messageId);
  } catch (error) {
    deps.logger.warn({ err: error, messageId }, 'queue unavailable: reply stored, the recovery sweep will send it');
  }
}
