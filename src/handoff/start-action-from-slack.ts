import type { AutomationSettings } from '../actions/automation-settings';
import { findAction, startStoredActionRun } from '../actions/custom-actions/action-run-store';
import type { ChannelKind } from '../channels/channel-adapter';
import { BatonError } from '../core/errors';
import type { Logger } from '../core/logger';
import { insertOutboundMessage } from '../core/outbound/insert-outbound-message';
import type { ChannelTextLimits } from '../core/outbound/outbound-text-policy';
import type { Dispatcher } from '../core/queues/dispatcher';
import { deliverLater } from '../core/queues/enqueue-or-leave-to-sweep';
import type { Db } from '../db/prisma-client';
import { isConversationId } from './managers/conversation-id';

export interface StartActionDeps {
  db: Db;
  dispatcher: Dispatcher;
  logger: Logger;
  automation: AutomationSettings;
  limits: ChannelTextLimits;
}

export type StartActionOutcome = { started: true; title: string } | { started: false; reason: string };

/**
 * A specialist asks Baton to collect details from the traveler (the card's "Ask the
 * traveler for…" menu): the action's first question goes out at once, and the traveler's
 * answers are taken by the form, whoever holds the conversation. Refused while another
 * form is collecting.
 */
export async function startActionFromSlack(
  deps: StartActionDeps,
  input: { conversationId: string; actionId: string; userId: string },
): Promise<StartActionOutcome> {
  const action = findAction(deps.automation, input.actionId);
  if (!action) throw new BatonError('not_found', `action ${JSON.stringify(input.actionId)} is not configured.`);
  if (!isConversationId(input.conversationId)) {
    throw new BatonError('not_found', `conversation ${JSON.stringify(input.conversationId)} does not exist.`);
  }
  const result = await deps.db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ channel: ChannelKind; language: string | null }>>`
      SELECT channel::text AS channel, language FROM "Conversation" WHERE id = ${input.conversationId}::uuid FOR UPDATE`;
    if (!row) throw new BatonError('not_found', `conversation ${input.conversationId} does not exist.`);
    const target = { conversationId: input.conversationId, channel: row.channel, language: row.language ?? undefined };
    const started = await startStoredActionRun(tx, deps.automation, target, action.id, input.userId);
    if (!started.started) return { channel: row.channel, outboundIds: [] as string[], started: false };
    const outboundIds = await insertOutboundMessage(tx, deps.limits, {
      conversationId: input.conversationId,
      channel: row.channel,
      text: started.replies.join('\n\n'),
      author: 'system',
    });
    return { channel: row.channel, outboundIds, started: true };
  });
  for (const id of result.outboundIds) await deliverLater(deps, id, result.channel);
  if (!result.started) return { started: false, reason: 'the traveler is already answering another form' };
  deps.logger.info({ conversationId: input.conversationId, actionId: action.id }, 'custom action started from Slack');
  return { started: true, title: action.title };
}
