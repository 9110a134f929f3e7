import type { ChannelKind } from '../../channels/channel-adapter';
import type { Logger } from '../../core/logger';
import { insertOutboundMessage } from '../../core/outbound/insert-outbound-message';
import type { ChannelTextLimits } from '../../core/outbound/outbound-text-policy';
import type { Dispatcher } from '../../core/queues/dispatcher';
import { deliverLater } from '../../core/queues/enqueue-or-leave-to-sweep';
import type { Db } from '../../db/prisma-client';
import type { AutomationSettings } from '../automation-settings';
import { configuredMessage } from '../traveler-texts';
import { findAction } from './action-run-store';

export interface ExpireDeps {
  db: Db;
  dispatcher: Dispatcher;
  automation: AutomationSettings;
  limits: ChannelTextLimits;
  logger: Logger;
}

const BATCH = 200;

/**
 * Forms the traveler stopped answering end after their action's `timeoutMinutes`, and
 * the traveler is told (`messages.actionTimedOut`), so a later message is not read as
 * an answer to a question asked long ago. Run by the worker's periodic sweep; the
 * conditional update makes two workers sweeping at once close each run once.
 */
export async function expireActionRuns(deps: ExpireDeps): Promise<number> {
  const now = deps.automation.now();
  const shortest = Math.min(...deps.automation.config.actions.map((action) => action.timeoutMinutes), 24 * 60);
  const candidates = await deps.db.actionRun.findMany({
    where: { status: 'collecting', lastActivityAt: { lt: new Date(now.getTime() - shortest * 60_000) } },
    include: { conversation: { select: { channel: true, language: true, state: true } } },
    take: BATCH,
  });
  let expired = 0;
  for (const run of candidates) {
    const action = findAction(deps.automation, run.actionId);
    const timeoutMs = (action?.timeoutMinutes ?? 0) * 60_000;
    if (action && run.lastActivityAt.getTime() + timeoutMs > now.getTime()) continue;
    const channel = run.conversation.channel as ChannelKind;
    const outboundIds = await deps.db.$transaction(async (tx) => {
      const closed = await tx.actionRun.updateMany({
        where: { id: run.id, status: 'collecting', lastActivityAt: run.lastActivityAt },
        data: { status: 'timed_out', finishedAt: now },
      });
      if (closed.count === 0) return [];
      await tx.conversationEvent.create({
        data: {
          conversationId: run.conversationId,
          type: 'action_timed_out',
          actorKind: 'system',
          data: { actionId: run.actionId },
        },
      });
      // A specialist holding the conversation speaks for themselves.
      if (!action || run.conversation.state === 'human') return [];
      const text = configuredMessage(
        deps.automation,
        'actionTimedOut',
        run.language ?? run.conversation.language ?? undefined,
        {
          actionTitle: action.title,
        },
      );
      return insertOutboundMessage(tx, deps.limits, {
        conversationId: run.conversationId,
        channel,
        text,
        author: 'system',
      });
    });
    if (outboundIds.length > 0) expired += 1;
    for (const id of outboundIds) await deliverLater(deps, id, channel);
  }
  if (expired > 0) deps.logger.info({ expired }, 'closed custom actions the traveler stopped answering');
  return expired;
}
