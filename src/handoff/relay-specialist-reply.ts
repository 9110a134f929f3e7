import type { ChannelKind } from '../channels/channel-adapter';
import type { MetricsRecorder } from '../core/metrics';
import { insertOutboundMessage } from '../core/outbound/insert-outbound-message';
import type { ChannelTextLimits } from '../core/outbound/outbound-text-policy';
import type { Db } from '../db/prisma-client';
import { changeHandoffState, type StateChangeResult } from './change-handoff-state';

/** The fields of a Slack `message` event the bridge reads. */
export interface SlackMessageEvent {
  channel: string;
  ts: string;
  thread_ts?: string;
  user?: string;
  text?: string;
  subtype?: string;
  bot_id?: string;
}

export type RelayDecision =
  | { kind: 'relay'; threadId: string; conversationId: string }
  | { kind: 'edit_note'; channel: string; threadTs: string }
  | { kind: 'ignore'; why: string };

/**
 * Whether a Slack message is a specialist's reply to relay. Never relayed:
 * Baton's own posts, bot messages, edits and deletions, messages outside a
 * handoff thread, the thread's parent, private notes.
 */
export async function classifySlackMessage(
  db: Db,
  event: SlackMessageEvent,
  privateNotePrefix: string,
): Promise<RelayDecision> {
  if (event.subtype === 'message_changed') {
    const edited = event as SlackMessageEvent & { message?: { thread_ts?: string; bot_id?: string } };
    const threadTs = edited.message?.thread_ts;
    if (!threadTs || edited.message?.bot_id) return { kind: 'ignore', why: 'edit outside a thread or by a bot' };
    const thread = await db.slackThread.findUnique({
      where: { channelId_threadTs: { channelId: event.channel, threadTs } },
    });
    return thread
      ? { kind: 'edit_note', channel: event.channel, threadTs }
      : { kind: 'ignore', why: 'edit outside a handoff' };
  }
  if (event.subtype) return { kind: 'ignore', why: `subtype ${event.subtype}` };
  if (event.bot_id || !event.user) return { kind: 'ignore', why: 'bot message' };
  if (!event.thread_ts || event.thread_ts === event.ts) return { kind: 'ignore', why: 'not a thread reply' };
  if ((event.text ?? '').trimStart().startsWith(privateNotePrefix)) return { kind: 'ignore', why: 'private note' };
  // One statement on the hot path (a specialist's every reply): is it Baton's own post, and whose thread is it?
  const [found] = await db.fast.$queryRaw<
    Array<{ own: boolean; id: string | null; conversationId: string | null; closedAt: Date | null }>
  >`
    SELECT EXISTS (SELECT 1 FROM "SlackPost" WHERE "channelId" = ${event.channel} AND ts = ${event.ts}) AS own,
      t.id::text AS id, t."conversationId"::text AS "conversationId", t."closedAt"
    FROM (SELECT 1) AS one
    LEFT JOIN "SlackThread" t ON t."channelId" = ${event.channel} AND t."threadTs" = ${event.thread_ts}`;
  if (found?.own) return { kind: 'ignore', why: 'Baton’s own post' };
  const thread =
    found?.id && found.conversationId ? { ...found, id: found.id, conversationId: found.conversationId } : null;
  if (!thread) return { kind: 'ignore', why: 'not a handoff thread' };
  if (thread.closedAt) return { kind: 'ignore', why: 'the handoff is resolved' };
  return { kind: 'relay', threadId: thread.id, conversationId: thread.conversationId };
}

export interface RelayResult {
  /** False when this Slack message was relayed before (Slack retried the event). */
  relayed: boolean;
  channel: ChannelKind;
  outboundIds: string[];
  claimed: boolean;
}

/**
 * A specialist took the conversation straight from the AI: the reports count that as a
 * handoff started by a specialist (classify-handoff-trigger.ts), and so do the live metrics.
 */
export function claimedFromAi(change: Pick<StateChangeResult, 'changed' | 'from' | 'to'>): boolean {
  return change.changed && change.to === 'human' && (change.from === 'bot' || change.from === 'resolved');
}

/**
 * Turns a specialist's thread reply into a message for the traveler, once per
 * Slack message (its channel + ts are the idempotency key). A reply to a
 * conversation nobody claimed yet claims it for the specialist. The reply is counted as an
 * outbound message when it is handed to the provider (deliver-outbox), not here.
 */
export async function relaySpecialistReply(
  db: Db,
  options: { limits: ChannelTextLimits; signature?: string; metrics?: MetricsRecorder },
  target: { conversationId: string; event: SlackMessageEvent },
): Promise<RelayResult> {
  const { event, conversationId } = target;
  const text = options.signature ? `${event.text ?? ''}\n– ${options.signature}` : (event.text ?? '');
  const { takenFromAi, ...result } = await db.fast.$transaction(async (tx) => {
    const [recorded] = await tx.$queryRaw<Array<{ id: bigint }>>`
      INSERT INTO "InboundEvent" (source, "externalId", kind, "routingKey", payload, "processedAt", "conversationId")
      VALUES ('slack', ${`message:${event.channel}:${event.ts}`}, 'slack_message', ${conversationId},
              ${JSON.stringify({ channel: event.channel, ts: event.ts, user: event.user })}::jsonb, now(),
              ${conversationId}::uuid)
      ON CONFLICT (source, "externalId") DO NOTHING
      RETURNING id`;
    const [conversation] = await tx.$queryRaw<Array<{ channel: ChannelKind; state: string }>>`
      SELECT channel::text AS channel, state::text AS state FROM "Conversation" WHERE id = ${conversationId}::uuid`;
    if (!conversation) throw new Error(`conversation ${conversationId} does not exist`);
    const { channel } = conversation;
    if (!recorded) return { relayed: false, channel, outboundIds: [], claimed: false, takenFromAi: false };
    // Replying takes the conversation from the AI (or the queue); a colleague's reply to a
    // conversation someone already holds does not take it from them.
    const claim =
      conversation.state === 'human'
        ? null
        : await changeHandoffState(tx, {
            conversationId,
            trigger: 'claimed',
            actor: { kind: 'specialist', id: event.user },
            reason: 'replied in the Slack thread',
          });
    const outboundIds = await insertOutboundMessage(tx, options.limits, {
      conversationId,
      channel,
      text,
      author: 'specialist',
      authorId: event.user,
      source: 'slack',
    });
    // Remembered so the delivery outcome can be shown on the specialist's own Slack message.
    if (outboundIds.length > 0) {
      await tx.$executeRaw`UPDATE "Message" SET "slackTs" = ${event.ts}, "updatedAt" = now()
        WHERE id = ANY(${outboundIds}::uuid[])`;
    }
    return {
      relayed: true,
      channel,
      outboundIds,
      claimed: claim?.changed ?? false,
      takenFromAi: claim !== null && claimedFromAi(claim),
    };
  });
  if (takenFromAi) options.metrics?.recordHandoff('specialist');
  return result;
}
