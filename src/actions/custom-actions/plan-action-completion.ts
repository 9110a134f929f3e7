import type { TAction } from '../../config/baton-config.schema';
import type { AutomationSettings } from '../automation-settings';
import { keepFirstHandoff } from '../rules/keep-first-handoff';
import { type AutomationEffect, type AutomationInput, planAutomation } from '../rules/plan-automation';

/**
 * What completing a custom action leads to: its `onComplete` (message, tags), the rules
 * and handoff triggers that listen for those tags and for the action itself. Pure.
 * At most one handoff comes out, the first in this order.
 */
export function planActionCompletion(
  action: TAction,
  conversation: AutomationInput['conversation'],
  outsideBusinessHours: boolean,
  config: AutomationSettings['config'],
): AutomationEffect[] {
  const source = `action:${action.id}`;
  const effects: AutomationEffect[] = [];
  if (action.onComplete.sendMessage) {
    effects.push({ kind: 'send_message', text: action.onComplete.sendMessage, ruleId: source });
  }
  const tags = [...conversation.tags];
  const has = (name: string) => tags.some((tag) => tag.toLowerCase() === name.toLowerCase());
  for (const tag of action.onComplete.addTag ?? []) {
    if (has(tag)) continue;
    tags.push(tag);
    effects.push({ kind: 'add_tag', tag, ruleId: source });
    effects.push(
      ...planAutomation(
        {
          trigger: { kind: 'tag_applied', tag, by: 'action' },
          conversation: { ...conversation, tags },
          outsideBusinessHours,
        },
        config,
      ),
    );
  }
  effects.push(
    ...planAutomation(
      {
        trigger: { kind: 'action_completed', actionId: action.id },
        conversation: { ...conversation, tags },
        outsideBusinessHours,
      },
      config,
    ),
  );
  return keepFirstHandoff(effects);
}
