import type { InboundMessage } from '../../channels/channel-adapter';
import type { RawSql } from '../../db/fast-sql';
import { type ConversationState, transition } from '../conversation-state';
import type { MetricsRecorder } from '../metrics';
import type { ChannelTextLimits } from '../outbound/outbound-text-policy';
import { recordConversationEvent } from '../record-conversation-event';
import { applyComplianceKeyword, type ComplianceReplies } from './apply-compliance-keyword';
import { classifyKeyword } from './classify-keyword';

export interface StoredInbound {
  conversationId: string;
  messageId: string | null; // null: a duplicate, dropped by the unique constraint
  state: ConversationState;
  /** Compliance replies to deliver (STOP / START / HELP confirmations). */
  outboundIds: string[];
}

export interface StoreInboundOptions {
  replies: ComplianceReplies;
  limits: ChannelTextLimits;
  /** Counts the messages filed (by `ingestInboundEvents`, once its transaction committed). */
  metrics?: MetricsRecorder;
}

/**
 * Files one traveler message under its conversation, inside the caller's
 * transaction. Contact and conversation are upserted (two first messages
 * arriving together make one conversation), the message is inserted once per
 * provider id, and a resolved conversation is reopened.
 */
export async function storeInboundMessage(
  tx: RawSql,
  options: StoreInboundOptions,
  message: InboundMessage,
): Promise<StoredInbound> {
  const [conversation] = await tx.$queryRaw<
    Array<{ id: string; state: ConversationState; created: boolean; optedOut: boolean }>
  >`
    WITH contact AS (
      INSERT INTO "Contact" (channel, address, "displayName")
      VALUES (${message.channel}::"Channel", ${message.from}, ${message.displayName ?? null})
      ON CONFLICT (channel, address) DO UPDATE
        SET "displayName" = COALESCE(EXCLUDED."displayName", "Contact"."displayName"), "updatedAt" = now()
      RETURNING id, "optedOutAt"
    )
    INSERT INTO "Conversation" ("contactId", channel, "lastInboundAt")
    SELECT id, ${message.channel}::"Channel", now() FROM contact
    ON CONFLICT ("contactId") DO UPDATE SET "lastInboundAt" = now(), "updatedAt" = now()
    RETURNING id::text AS id, state::text AS state, (xmax = 0) AS created,
      ((SELECT "optedOutAt" FROM contact) IS NOT NULL) AS "optedOut"`;
  if (!conversation) throw new Error('conversation upsert returned no row');

  const step = transition(conversation.state, 'traveler_message');
  const state = step.ok ? step.to : conversation.state;
  const keyword = classifyKeyword(message.text, { channel: message.channel, optedOut: conversation.optedOut });
  // Nobody answers a keyword, or a traveler who opted out. Every other message gets its
  // turn (src/core/replies): rules and forms apply in every state, the AI only in `bot`.
  const handled = keyword !== null || conversation.optedOut;
  const [inserted] = await tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "Message" ("conversationId", direction, author, text, media, channel, "providerMessageId", status,
                           "respondedAt", "createdAt")
    VALUES (${conversation.id}::uuid, 'inbound', 'traveler', ${message.text}, ${JSON.stringify(message.media)}::jsonb,
            ${message.channel}::"Channel", ${message.providerMessageId}, 'received',
            ${handled ? new Date() : null}, ${new Date(message.receivedAt)})
    ON CONFLICT (channel, "providerMessageId") DO NOTHING
    RETURNING id::text AS id`;
  if (!inserted)
    return { conversationId: conversation.id, messageId: null, state: conversation.state, outboundIds: [] };

  if (conversation.created) {
    await recordConversationEvent(tx, {
      conversationId: conversation.id,
      type: 'conversation_opened',
      toState: state,
      actorKind: 'traveler',
    });
  } else if (step.ok && step.changed) {
    await tx.$executeRaw`UPDATE "Conversation" SET state = ${state}::"ConversationState", assignee = NULL,
      "handoffReason" = NULL, "updatedAt" = now() WHERE id = ${conversation.id}::uuid`;
    await recordConversationEvent(tx, {
      conversationId: conversation.id,
      type: 'state_changed',
      fromState: step.from,
      toState: step.to,
      actorKind: 'traveler',
      reason: 'traveler wrote again',
    });
  }
  const outboundIds = keyword
    ? await applyComplianceKeyword(
        tx,
        options,
        { conversationId: conversation.id, message, messageId: inserted.id },
        keyword,
      )
    : [];
  return { conversationId: conversation.id, messageId: inserted.id, state, outboundIds };
}
