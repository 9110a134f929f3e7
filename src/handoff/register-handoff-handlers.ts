import type { App } from '@slack/bolt';
import type { AutomationSettings } from '../actions/automation-settings';
import type { Logger } from '../core/logger';
import type { MetricsRecorder } from '../core/metrics';
import type { ChannelTextLimits } from '../core/outbound/outbound-text-policy';
import type { Dispatcher } from '../core/queues/dispatcher';
import { deliverLater, syncHandoffLater } from '../core/queues/enqueue-or-leave-to-sweep';
import type { Db } from '../db/prisma-client';
import {
  HANDOFF_CLAIM_ACTION_ID,
  HANDOFF_HAND_BACK_ACTION_ID,
  HANDOFF_RESOLVE_ACTION_ID,
  HANDOFF_START_ACTION_ACTION_ID,
} from './blocks/handoff-card';
import { buildEditNote } from './blocks/thread-notes';
import { changeHandoffState } from './change-handoff-state';
import {
  claimedFromAi,
  classifySlackMessage,
  relaySpecialistReply,
  type SlackMessageEvent,
} from './relay-specialist-reply';
import type { SlackApi } from './slack/slack-api';
import { startActionFromSlack } from './start-action-from-slack';

export interface HandoffHandlerDeps {
  db: Db;
  dispatcher: Dispatcher;
  slack: SlackApi;
  logger: Logger;
  limits: ChannelTextLimits;
  privateNotePrefix: string;
  signWithFirstName: boolean;
  /** Custom actions specialists can start from the card (absent: none). */
  automation?: AutomationSettings;
  /** Counts handoffs a specialist took straight from the AI (absent: nothing is counted). */
  metrics?: MetricsRecorder;
}

/** A thread message from Slack: relayed to the traveler, noted (edits), or ignored. */
export async function handleSlackMessage(deps: HandoffHandlerDeps, event: SlackMessageEvent): Promise<void> {
  const decision = await classifySlackMessage(deps.db, event, deps.privateNotePrefix);
  if (decision.kind === 'ignore') return;
  if (decision.kind === 'edit_note') {
    const note = buildEditNote();
    const posted = await deps.slack.postMessage({ channel: decision.channel, threadTs: decision.threadTs, ...note });
    await deps.db.slackPost.create({ data: { channelId: posted.channel, ts: posted.ts } });
    return;
  }
  const signature =
    deps.signWithFirstName && event.user ? await deps.slack.firstName(event.user).catch(() => null) : null;
  const result = await relaySpecialistReply(
    deps.db,
    { limits: deps.limits, signature: signature ?? undefined, metrics: deps.metrics },
    { conversationId: decision.conversationId, event },
  );
  for (const id of result.outboundIds) await deliverLater(deps, id, result.channel);
  if (result.claimed) await syncHandoffLater(deps, decision.conversationId);
}

const triggers = {
  [HANDOFF_CLAIM_ACTION_ID]: 'claimed',
  [HANDOFF_HAND_BACK_ACTION_ID]: 'handed_back',
  [HANDOFF_RESOLVE_ACTION_ID]: 'resolved',
} as const;

/** A card button: Claim, Hand back to AI, Resolve. */
export async function handleHandoffAction(
  deps: HandoffHandlerDeps,
  input: { actionId: keyof typeof triggers; conversationId: string; userId: string },
): Promise<boolean> {
  const change = await deps.db.$transaction((tx) =>
    changeHandoffState(tx, {
      conversationId: input.conversationId,
      trigger: triggers[input.actionId],
      actor: { kind: 'specialist', id: input.userId },
      reason: 'from the Slack card',
    }),
  );
  if (claimedFromAi(change)) deps.metrics?.recordHandoff('specialist');
  if (change.changed) await syncHandoffLater(deps, input.conversationId);
  return change.changed;
}

/**
 * The handoff bridge's Slack listeners. Bolt acknowledges at once; failures are
 * logged (Slack would otherwise retry an event that cannot succeed).
 */
export function registerHandoffHandlers(app: App, deps: HandoffHandlerDeps): void {
  app.event('message', async ({ event }) => {
    try {
      await handleSlackMessage(deps, event as unknown as SlackMessageEvent);
    } catch (error) {
      deps.logger.error({ err: error }, 'could not handle a Slack message');
    }
  });
  for (const actionId of Object.keys(triggers) as Array<keyof typeof triggers>) {
    app.action(actionId, async ({ ack, body, action }) => {
      await ack();
      const conversationId = 'value' in action && typeof action.value === 'string' ? action.value : undefined;
      if (!conversationId) return;
      try {
        await handleHandoffAction(deps, { actionId, conversationId, userId: body.user.id });
      } catch (error) {
        deps.logger.error({ err: error, actionId }, 'could not carry out a handoff button');
      }
    });
  }
  app.action(HANDOFF_START_ACTION_ACTION_ID, async ({ ack, body, action }) => {
    await ack();
    const value = 'selected_option' in action ? action.selected_option?.value : undefined;
    const [conversationId, actionId] = (value ?? '').split('|');
    const thread = 'message' in body && body.message ? body.message : undefined;
    if (!conversationId || !actionId || !deps.automation) return;
    try {
      const outcome = await startActionFromSlack(
        { ...deps, automation: deps.automation },
        { conversationId, actionId, userId: body.user.id },
      );
      const channel = 'channel' in body ? body.channel?.id : undefined;
      const threadTs = thread ? String(thread.thread_ts ?? thread.ts) : undefined;
      if (!channel || !threadTs) return;
      const text = outcome.started
        ? `<@${body.user.id}> asked the traveler for *${outcome.title}*. Their answers will appear on the card.`
        : `Not started: ${outcome.reason}.`;
      const posted = await deps.slack.postMessage({ channel, threadTs, text });
      await deps.db.slackPost.create({ data: { channelId: posted.channel, ts: posted.ts } });
    } catch (error) {
      deps.logger.error({ err: error, actionId }, 'could not start a custom action from Slack');
    }
  });
}
