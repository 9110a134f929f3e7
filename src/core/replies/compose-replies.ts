import type { ChannelKind } from '../../channels/channel-adapter';
import type { Db } from '../../db/prisma-client';
import { changeHandoffState } from '../../handoff/change-handoff-state';
import { acquireConversationLease, releaseConversationLease, renewConversationLease } from '../conversation-lease';
import { aiAnswers } from '../conversation-state';
import type { Logger } from '../logger';
import { insertOutboundMessage } from '../outbound/insert-outbound-message';
import type { ChannelTextLimits } from '../outbound/outbound-text-policy';
import type { Dispatcher } from '../queues/dispatcher';
import { deliverLater, syncHandoffLater } from '../queues/enqueue-or-leave-to-sweep';
import type { Responder } from '../responder';

/** How long a worker may spend composing replies before another may take over (default). */
export const DEFAULT_RESPONSE_LEASE_SECONDS = 120;

export interface ComposeDeps {
  db: Db;
  dispatcher: Dispatcher;
  responder: Responder;
  logger: Logger;
  limits: ChannelTextLimits;
  /** Told to the traveler when a handoff opens (unless the responder gave its own words). */
  handoffNotice: string;
  responseLeaseSeconds?: number;
}

export interface ComposeResult {
  replies: number;
  /** Unanswered messages are leased by another worker: look again once its lease may have run out. */
  busy: boolean;
}

/**
 * Answers the traveler messages of a conversation that have no answer yet, in
 * arrival order. The conversation's reply lease lets one worker at a time
 * compose, so replies are written in order; the reply's unique `inReplyToId`
 * makes a retried job harmless. A worker that dies leaves the lease to expire.
 */
export async function composeReplies(deps: ComposeDeps, conversationId: string): Promise<ComposeResult> {
  const leaseSeconds = deps.responseLeaseSeconds ?? DEFAULT_RESPONSE_LEASE_SECONDS;
  if (!(await acquireConversationLease(deps.db, 'replies', conversationId, leaseSeconds))) {
    return { replies: 0, busy: await hasUnanswered(deps.db, conversationId) };
  }

  let replies = 0;
  try {
    // One message at a time, oldest first; messages arriving meanwhile are answered in this loop too.
    for (;;) {
      const next = await deps.db.message.findFirst({
        where: { conversationId, direction: 'inbound', respondedAt: null },
        orderBy: { seq: 'asc' },
        select: { id: true, text: true },
      });
      if (!next) return { replies, busy: false };
      if (await answerOne(deps, conversationId, next)) replies += 1;
      await renewConversationLease(deps.db, 'replies', conversationId, leaseSeconds);
    }
  } finally {
    await releaseConversationLease(deps.db, 'replies', conversationId);
  }
}

async function hasUnanswered(db: Db, conversationId: string): Promise<boolean> {
  const count = await db.message.count({ where: { conversationId, direction: 'inbound', respondedAt: null } });
  return count > 0;
}

/** Answers one message (the caller holds the reply lease); returns whether a reply was queued. */
async function answerOne(deps: ComposeDeps, conversationId: string, message: { id: string; text: string }) {
  const conversation = await deps.db.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { state: true, channel: true },
  });
  if (!aiAnswers(conversation.state)) {
    await markResponded(deps.db, message.id);
    return false;
  }
  const decision = await deps.responder.respond({
    conversationId,
    channel: conversation.channel as ChannelKind,
    message: { id: message.id, text: message.text },
  });
  const channel = conversation.channel as ChannelKind;
  let handoffOpened = false;
  const outboundIds = await deps.db.$transaction(async (tx) => {
    // Re-checked under the row lock: a specialist may have claimed the conversation while the
    // AI was thinking, and then the AI must stay silent.
    const [now] = await tx.$queryRaw<Array<{ state: string }>>`
      SELECT state::text AS state FROM "Conversation" WHERE id = ${conversationId}::uuid FOR UPDATE`;
    await tx.message.update({ where: { id: message.id }, data: { respondedAt: new Date() } });
    if (now?.state !== 'bot') return [];
    const ids: string[] = [];
    if (decision.kind === 'reply' || (decision.kind === 'handoff' && decision.text)) {
      ids.push(
        ...(await insertOutboundMessage(tx, deps.limits, {
          conversationId,
          channel,
          text: decision.text ?? '',
          author: 'ai',
          inReplyToId: message.id,
        })),
      );
    }
    if (decision.kind === 'handoff') {
      const change = await changeHandoffState(tx, {
        conversationId,
        trigger: 'handoff_requested',
        actor: { kind: 'ai' },
        reason: decision.reason,
        notify: decision.text ? undefined : { text: deps.handoffNotice, limits: deps.limits },
      });
      handoffOpened = change.changed;
      ids.push(...change.outboundIds);
    }
    return ids;
  });
  for (const id of outboundIds) await deliverLater(deps, id, channel);
  if (handoffOpened) await syncHandoffLater(deps, conversationId);
  return outboundIds.length > 0;
}

async function markResponded(db: Db, messageId: string): Promise<void> {
  await db.message.update({ where: { id: messageId }, data: { respondedAt: new Date() } });
}
