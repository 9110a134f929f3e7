import type { ChannelKind } from '../channels/channel-adapter';
import type { ConversationState } from '../core/conversation-state';
import type { Logger } from '../core/logger';
import type { MetricsRecorder } from '../core/metrics';
import { insertOutboundMessage } from '../core/outbound/insert-outbound-message';
import type { ChannelTextLimits } from '../core/outbound/outbound-text-policy';
import type { Dispatcher } from '../core/queues/dispatcher';
import { deliverLater, syncHandoffLater } from '../core/queues/enqueue-or-leave-to-sweep';
import type { Db } from '../db/prisma-client';
import { applyAutomationEffects } from './apply-automation-effects';
import type { AutomationSettings } from './automation-settings';
import { isWithinBusinessHours } from './business-hours';
import { keepFirstHandoff } from './rules/keep-first-handoff';
import { type AutomationEffect, planAutomation } from './rules/plan-automation';

export interface TagAutomationDeps {
  db: Db;
  dispatcher: Dispatcher;
  logger: Logger;
  automation: AutomationSettings;
  limits: ChannelTextLimits;
  /** Counts handoffs the tags opened (absent: nothing is counted). */
  metrics?: MetricsRecorder;
}

/**
 * Tags applied by a person in Slack feed the rules and handoff triggers like tags
 * applied by rules: a tag listed under `handoff.tags` hands off, a rule with
 * `tagApplied` fires. Runs in one transaction with the conversation row locked.
 */
export async function applyTagAutomation(
  deps: TagAutomationDeps,
  conversationId: string,
  addedTags: readonly string[],
  by: 'specialist' | 'manager',
): Promise<void> {
  if (addedTags.length === 0) return;
  const outsideBusinessHours = !isWithinBusinessHours(deps.automation.config.businessHours, deps.automation.now());
  const result = await deps.db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      Array<{ state: ConversationState; channel: ChannelKind; language: string | null }>
    >`
      SELECT state::text AS state, channel::text AS channel, language FROM "Conversation"
      WHERE id = ${conversationId}::uuid FOR UPDATE`;
    if (!row) return null;
    const tags = (
      await tx.conversationTag.findMany({ where: { conversationId }, select: { tag: { select: { name: true } } } })
    ).map(({ tag }) => tag.name);
    const conversation = { channel: row.channel, language: row.language ?? undefined, tags, state: row.state };
    const effects: AutomationEffect[] = addedTags.flatMap((tag) =>
      planAutomation(
        { trigger: { kind: 'tag_applied', tag, by }, conversation, outsideBusinessHours },
        deps.automation.config,
      ),
    );
    if (effects.length === 0) return null;
    const target = { conversationId, channel: row.channel, language: conversation.language };
    const applied = await applyAutomationEffects(tx, deps.automation, target, keepFirstHandoff(effects));
    const outboundIds =
      applied.texts.length > 0
        ? await insertOutboundMessage(tx, deps.limits, {
            conversationId,
            channel: row.channel,
            text: applied.texts.join('\n\n'),
            author: 'system',
          })
        : [];
    return {
      channel: row.channel,
      outboundIds,
      sync: applied.handoffOpened || applied.slackChanged,
      handoffTrigger: applied.handoffTrigger,
    };
  });
  if (!result) return;
  if (result.handoffTrigger) deps.metrics?.recordHandoff(result.handoffTrigger);
  for (const id of result.outboundIds) await deliverLater(deps, id, result.channel);
  if (result.sync) await syncHandoffLater(deps, conversationId);
}
