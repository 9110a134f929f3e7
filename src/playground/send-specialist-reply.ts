import type { ChannelKind } from '../channels/channel-adapter';
import type { ConversationState } from '../core/conversation-state';
import { BatonError } from '../core/errors';
import type { Logger } from '../core/logger';
import { insertOutboundMessage } from '../core/outbound/insert-outbound-message';
import type { ChannelTextLimits } from '../core/outbound/outbound-text-policy';
import type { Dispatcher } from '../core/queues/dispatcher';
import { deliverLater, syncHandoffLater } from '../core/queues/enqueue-or-leave-to-sweep';
import type { Db } from '../db/prisma-client';
import { changeHandoffState } from '../handoff/change-handoff-state';
import { isConversationId } from '../handoff/managers/conversation-id';

export interface SpecialistReplyDeps {
  db: Db;
  dispatcher: Dispatcher;
  logger: Logger;
  limits: ChannelTextLimits;
}

export interface SpecialistReply {
  conversationId: string;
  specialistId: string;
  text: string;
  /** The sender's id for this reply: sending it again stores it once (a retried request). */
  clientId: string;
}

export interface SpecialistReplyResult {
  /** False when this `clientId` was sent before. */
  sent: boolean;
  claimed: boolean;
  outboundIds: string[];
}

/**
 * A specialist's reply typed outside Slack (the playground), the way a Slack thread reply
 * is relayed (`relaySpecialistReply`): stored once per `clientId` as an outbound
 * `specialist` message, claiming the conversation when nobody holds it, then delivered.
 */
export async function sendSpecialistReply(
  deps: SpecialistReplyDeps,
  reply: SpecialistReply,
): Promise<SpecialistReplyResult> {
  if (!isConversationId(reply.conversationId)) {
    throw new BatonError('not_found', `conversation ${JSON.stringify(reply.conversationId)} does not exist.`);
  }
  const result = await deps.db.$transaction(async (tx) => {
    const [conversation] = await tx.$queryRaw<Array<{ state: ConversationState; channel: ChannelKind }>>`
      SELECT state::text AS state, channel::text AS channel FROM "Conversation"
      WHERE id = ${reply.conversationId}::uuid FOR UPDATE`;
    if (!conversation) throw new BatonError('not_found', `conversation ${reply.conversationId} does not exist.`);
    const [recorded] = await tx.$queryRaw<Array<{ id: bigint }>>`
      INSERT INTO "InboundEvent" (source, "externalId", kind, "routingKey", payload, "processedAt", "conversationId")
      VALUES ('playground', ${`reply:${reply.clientId}`}, 'playground_reply', ${reply.conversationId},
              ${JSON.stringify({ specialistId: reply.specialistId })}::jsonb, now(), ${reply.conversationId}::uuid)
      ON CONFLICT (source, "externalId") DO NOTHING
      RETURNING id`;
    if (!recorded) return { channel: conversation.channel, sent: false, claimed: false, outboundIds: [] };
    // Replying takes the conversation from the AI (or the queue); one someone holds stays theirs.
    const claim =
      conversation.state === 'human'
        ? { changed: false }
        : await changeHandoffState(tx, {
            conversationId: reply.conversationId,
            trigger: 'claimed',
            actor: { kind: 'specialist', id: reply.specialistId },
            reason: 'replied from the playground',
          });
    const outboundIds = await insertOutboundMessage(tx, deps.limits, {
      conversationId: reply.conversationId,
      channel: conversation.channel,
      text: reply.text,
      author: 'specialist',
      authorId: reply.specialistId,
      // Typed like a Slack message (*bold*, _italic_), converted for the traveler's channel.
      source: 'slack',
    });
    return { channel: conversation.channel, sent: true, claimed: claim.changed, outboundIds };
  });
  for (const id of result.outboundIds) await deliverLater(deps, id, result.channel);
  if (result.claimed) await syncHandoffLater(deps, reply.conversationId);
  return { sent: result.sent, claimed: result.claimed, outboundIds: result.outboundIds };
}
