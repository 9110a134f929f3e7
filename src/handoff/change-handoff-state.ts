import type { ChannelKind } from '../channels/channel-adapter';
import { type ConversationState, type ConversationTrigger, transition } from '../core/conversation-state';
import { insertOutboundMessage } from '../core/outbound/insert-outbound-message';
import type { ChannelTextLimits } from '../core/outbound/outbound-text-policy';
import { recordConversationEvent } from '../core/record-conversation-event';
import type { RawSql } from '../db/fast-sql';

export interface StateChangeRequest {
  conversationId: string;
  trigger: ConversationTrigger;
  actor: { kind: 'traveler' | 'ai' | 'specialist' | 'system'; id?: string };
  /** Why (a handoff's trigger, "claimed from Slack", ...): stored on the event, shown on the card. */
  reason?: string;
  /** A text for the traveler, sent when the change happens (the handoff notice, say). */
  notify?: { text: string; limits: ChannelTextLimits };
}

export interface StateChangeResult {
  changed: boolean;
  from: ConversationState;
  to: ConversationState;
  channel: ChannelKind;
  /** Messages queued for the traveler, to deliver after commit. */
  outboundIds: string[];
}

/**
 * The one way handoff states change (handoff opened, claimed, handed back,
 * resolved), inside the caller's transaction: the conversation row is locked,
 * the pure state machine decides, the change is stored as an event with its
 * actor and reason. Refused transitions change nothing.
 */
export async function changeHandoffState(tx: RawSql, request: StateChangeRequest): Promise<StateChangeResult> {
  const [current] = await tx.$queryRaw<
    Array<{ state: ConversationState; channel: ChannelKind; assignee: string | null }>
  >`
    SELECT state::text AS state, channel::text AS channel, assignee FROM "Conversation"
    WHERE id = ${request.conversationId}::uuid FOR UPDATE`;
  if (!current) throw new Error(`conversation ${request.conversationId} does not exist`);
  const step = transition(current.state, request.trigger);
  const unchanged = {
    changed: false,
    from: current.state,
    to: current.state,
    channel: current.channel,
    outboundIds: [],
  };
  if (!step.ok) return unchanged;
  // Claiming a conversation someone else holds changes the assignee; anything else that
  // leaves the state (and the assignee) as it is changes nothing.
  const reassigned = request.trigger === 'claimed' && current.assignee !== (request.actor.id ?? null);
  if (!step.changed && !reassigned) return unchanged;

  // What changes besides the state; `undefined` keeps the column as it is.
  let handoffReason: string | null | undefined;
  let assignee: string | null | undefined;
  if (request.trigger === 'handoff_requested') handoffReason = request.reason ?? null;
  if (request.trigger === 'claimed') {
    assignee = request.actor.id ?? null;
    // Taken straight from the AI (a Claim on an alert): the card says why there is a thread.
    if (current.state === 'bot' || current.state === 'resolved')
      handoffReason = 'taken over from the AI by a specialist';
  }
  if (step.to === 'bot' || step.to === 'resolved') assignee = null;
  if (step.to === 'bot') handoffReason = null;
  await tx.$executeRaw`
    UPDATE "Conversation" SET state = ${step.to}::"ConversationState",
      "handoffReason" = CASE WHEN ${handoffReason !== undefined} THEN ${handoffReason ?? null} ELSE "handoffReason" END,
      assignee = CASE WHEN ${assignee !== undefined} THEN ${assignee ?? null} ELSE assignee END,
      "unsureCount" = CASE WHEN ${step.to === 'bot'} THEN 0 ELSE "unsureCount" END,
      "updatedAt" = now()
    WHERE id = ${request.conversationId}::uuid`;
  await recordConversationEvent(tx, {
    conversationId: request.conversationId,
    type: request.trigger === 'handoff_requested' ? 'handoff_opened' : request.trigger,
    fromState: step.from,
    toState: step.to,
    actorKind: request.actor.kind,
    actorId: request.actor.id ?? null,
    reason: request.reason ?? null,
  });
  const outboundIds = request.notify
    ? await insertOutboundMessage(tx, request.notify.limits, {
        conversationId: request.conversationId,
        channel: current.channel,
        text: request.notify.text,
        author: 'system',
      })
    : [];
  return { changed: true, from: step.from, to: step.to, channel: current.channel, outboundIds };
}
