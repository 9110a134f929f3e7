import type { Prisma } from '@prisma/client';
import type { ChannelKind } from '../channels/channel-adapter';
import { changeHandoffState, type StateChangeRequest } from '../handoff/change-handoff-state';
import { classifyHandoffTrigger, type HandoffTrigger } from '../insights/metrics/classify-handoff-trigger';
import type { AutomationSettings } from './automation-settings';
import { startStoredActionRun } from './custom-actions/action-run-store';
import type { AutomationEffect } from './rules/plan-automation';
import { upsertTags } from './tags/upsert-tags';
import { handoffNoticeFor, travelerText } from './traveler-texts';

export interface EffectTarget {
  conversationId: string;
  channel: ChannelKind;
  language?: string;
}

export interface AppliedEffects {
  /** For the traveler, in order; the caller sends them as one message. */
  texts: string[];
  handoffOpened: boolean;
  /** What opened the handoff, named as the reports name it, for the caller to count once committed. */
  handoffTrigger?: HandoffTrigger;
  /** Tags, alerts or the route changed: the Slack side should catch up. */
  slackChanged: boolean;
}

/**
 * Applies planned effects inside the caller's transaction (the conversation row is
 * locked by the caller or by `changeHandoffState`). Each effect is applied once: tags
 * already present are skipped by the plan, the handoff goes through the state machine
 * (a second one changes nothing), and the caller's transaction commits the effects
 * together with the message being answered, so a retried job never applies them twice.
 */
export async function applyAutomationEffects(
  tx: Prisma.TransactionClient,
  settings: AutomationSettings,
  target: EffectTarget,
  effects: readonly AutomationEffect[],
): Promise<AppliedEffects> {
  const applied: AppliedEffects = { texts: [], handoffOpened: false, slackChanged: false };
  const { conversationId } = target;
  let notice: string | undefined;
  for (const effect of effects) {
    switch (effect.kind) {
      case 'add_tag':
      case 'remove_tag':
        await changeTag(tx, settings, conversationId, effect);
        applied.slackChanged = true;
        break;
      case 'alert':
        await tx.alert.create({
          data: {
            conversationId,
            ruleId: effect.ruleId,
            users: effect.users,
            usergroup: effect.usergroup ?? null,
            text: effect.text ?? null,
          },
        });
        applied.slackChanged = true;
        break;
      case 'route':
        await tx.conversation.update({ where: { id: conversationId }, data: { slackChannelId: effect.slackChannel } });
        await tx.conversationEvent.create({
          data: {
            conversationId,
            type: 'routed',
            actorKind: 'system',
            actorId: sourceOf(effect.ruleId),
            data: { slackChannel: effect.slackChannel },
          },
        });
        applied.slackChanged = true;
        break;
      case 'send_message':
        applied.texts.push(travelerText(settings, effect.text, target.language));
        break;
      case 'start_action': {
        const started = await startStoredActionRun(tx, settings, target, effect.actionId, sourceOf(effect.ruleId));
        applied.texts.push(...started.replies);
        break;
      }
      case 'handoff': {
        const request: StateChangeRequest = {
          conversationId,
          trigger: 'handoff_requested',
          actor: { kind: effect.trigger === 'ai_unsure' ? 'ai' : 'system', id: effect.ruleId },
          reason: effect.reason,
        };
        const change = await changeHandoffState(tx, request);
        if (change.changed) {
          applied.handoffOpened = true;
          // Read back from what the event stores, as the reports do, so both count alike.
          applied.handoffTrigger = classifyHandoffTrigger({
            type: 'handoff_opened',
            actorKind: request.actor.kind,
            actorId: request.actor.id ?? null,
            reason: request.reason ?? null,
          });
          notice = handoffNoticeFor(settings, target.language);
        }
        break;
      }
    }
  }
  // The notice comes last: "thank you" texts first, then "a specialist will reply".
  if (notice) applied.texts.push(notice);
  return applied;
}

/** Who applied a tag or routed: `rule:<id>` for rules, or the effect's own source (`action:<id>`). */
function sourceOf(ruleId: string): string {
  return ruleId.includes(':') ? ruleId : `rule:${ruleId}`;
}

async function changeTag(
  tx: Prisma.TransactionClient,
  settings: AutomationSettings,
  conversationId: string,
  effect: Extract<AutomationEffect, { kind: 'add_tag' | 'remove_tag' }>,
): Promise<void> {
  const configured = settings.config.tags.find((tag) => tag.name.toLowerCase() === effect.tag.toLowerCase());
  const tag = configured ?? { name: effect.tag };
  const source = sourceOf(effect.ruleId);
  if (effect.kind === 'add_tag') {
    const ids = await upsertTags(tx, [tag]);
    const tagId = ids.get(tag.name);
    if (!tagId) return;
    const added = await tx.conversationTag.createMany({
      data: [{ conversationId, tagId, appliedByKind: 'system', appliedBy: source }],
      skipDuplicates: true,
    });
    if (added.count === 0) return;
  } else {
    const removed = await tx.conversationTag.deleteMany({ where: { conversationId, tag: { name: tag.name } } });
    if (removed.count === 0) return;
  }
  await tx.conversationEvent.create({
    data: {
      conversationId,
      type: effect.kind === 'add_tag' ? 'tag_added' : 'tag_removed',
      actorKind: 'system',
      actorId: source,
      data: { tag: tag.name },
    },
  });
}
