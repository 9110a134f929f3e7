import type { THandoff } from '../../config/baton-config.schema';
import { matchHandoffTrigger } from '../match-handoff-trigger';
import type { AutomationEffect, AutomationTrigger } from './plan-automation';

export type HandoffEffect = Extract<AutomationEffect, { kind: 'handoff' }>;

/**
 * The handoff the `handoff` section of the config asks for on this trigger, if any. Pure.
 * The reason is shown on the Slack card, so it names what happened (`keyword "refund"`).
 * `tagName` gives a tag's configured spelling.
 */
export function handoffForTrigger(
  trigger: AutomationTrigger,
  handoff: THandoff,
  tagName: (tag: string) => string,
): HandoffEffect | undefined {
  switch (trigger.kind) {
    case 'message': {
      const match = matchHandoffTrigger(trigger.text, handoff);
      return match ? { kind: 'handoff', reason: match.reason, trigger: match.trigger } : undefined;
    }
    case 'ai_unsure': {
      const { enabled, afterCount } = handoff.aiUnsure;
      if (!enabled || trigger.unsureCount < afterCount) return undefined;
      const times = trigger.unsureCount === 1 ? '1 time' : `${trigger.unsureCount} times`;
      return { kind: 'handoff', reason: `AI unsure ${times}`, trigger: 'ai_unsure' };
    }
    case 'tag_applied': {
      const tag = trigger.tag.toLowerCase();
      if (!handoff.tags.some((name) => name.toLowerCase() === tag)) return undefined;
      return { kind: 'handoff', reason: `tag "${tagName(trigger.tag)}" applied`, trigger: 'tag' };
    }
    case 'action_completed':
      if (!handoff.actions.includes(trigger.actionId)) return undefined;
      return { kind: 'handoff', reason: `action "${trigger.actionId}" completed`, trigger: 'action' };
  }
}
