import type { TBatonConfig, TLocalizedText, TRule } from '../../config/baton-config.schema';
import { handoffForTrigger } from './handoff-for-trigger';
import { ruleMatches } from './rule-matches';

/**
 * What the automation does about one event: the rules of the config, then the handoff
 * triggers of its `handoff` section. Pure (STYLE habit 5); the caller applies the effects.
 *
 * - A rule fires when it is enabled and every condition of `when` holds (see
 *   `rule-matches.ts`: which trigger each condition answers, channels, languages).
 * - After the rules, the `handoff` section: keywords and asking for a person on a message,
 *   a listed tag applied, a listed action completed, the AI unsure `afterCount` times.
 * - Adding a tag the conversation does not have is itself a tag_applied event (by 'rule'),
 *   planned right after the effects of the rule that added it, each tag at most once per
 *   plan. Adding a tag it has, or removing one it has not, plans nothing (the plan is
 *   idempotent). Tags compare case-insensitively; effects spell them as in `tags`.
 * - Order: the rules' order in the config; within a rule add_tag, remove_tag, route, alert,
 *   send_message, start_action, handoff (state before notices, the handoff last).
 * - At most one handoff, one start_action and one route (the first of each), and identical
 *   alerts or messages once. start_action only while the bot has the conversation
 *   (state 'bot'); every other effect is planned whatever the state (the caller decides).
 */

export type AutomationTrigger =
  /** A traveler message, before the AI answers. */
  | { kind: 'message'; text: string }
  /** The AI just answered unsure to this message; unsureCount already includes this one. */
  | { kind: 'ai_unsure'; text: string; unsureCount: number }
  | { kind: 'tag_applied'; tag: string; by: 'rule' | 'action' | 'specialist' | 'manager' }
  | { kind: 'action_completed'; actionId: string };

export interface AutomationInput {
  trigger: AutomationTrigger;
  conversation: {
    channel: 'simulator' | 'twilio_sms' | 'twilio_whatsapp' | 'whatsapp_web';
    language?: string;
    tags: readonly string[];
    state: 'bot' | 'pending' | 'human' | 'resolved';
  };
  outsideBusinessHours: boolean;
}

export type AutomationEffect =
  | { kind: 'add_tag'; tag: string; ruleId: string }
  | { kind: 'remove_tag'; tag: string; ruleId: string }
  | { kind: 'alert'; ruleId: string; users: string[]; usergroup?: string; text?: string }
  | { kind: 'start_action'; actionId: string; ruleId: string }
  | {
      kind: 'handoff';
      reason: string;
      trigger: 'keyword' | 'ask_for_human' | 'tag' | 'action' | 'ai_unsure' | 'rule';
      ruleId?: string;
    }
  | { kind: 'send_message'; text: TLocalizedText; ruleId: string }
  | { kind: 'route'; slackChannel: string; ruleId: string };

/** A safety net only: each tag cascades once, so chains are already as short as the tag list. */
const MAX_CASCADE_DEPTH = 10;

const tagKey = (tag: string) => tag.toLowerCase();

export function planAutomation(
  input: AutomationInput,
  config: Pick<TBatonConfig, 'rules' | 'handoff' | 'tags'>,
): AutomationEffect[] {
  const effects: AutomationEffect[] = [];
  const seen = new Set<string>();
  const tagName = (tag: string) => config.tags.find((known) => tagKey(known.name) === tagKey(tag))?.name ?? tag;
  const tags = new Map(input.conversation.tags.map((tag) => [tagKey(tag), tag]));
  const cascaded = new Set<string>();

  /** Keeps the first of the kinds planned once, and the first of identical alerts and messages. */
  const emit = (effect: AutomationEffect) => {
    if (effect.kind === 'start_action' && input.conversation.state !== 'bot') return;
    const key = onceKey(effect);
    if (key !== undefined) {
      if (seen.has(key)) return;
      seen.add(key);
    }
    effects.push(effect);
  };

  /** The effects of one rule; returns the tags it added, to cascade. */
  const applyRule = ({ id: ruleId, then }: TRule): string[] => {
    const added: string[] = [];
    for (const tag of (then.addTag ?? []).map(tagName)) {
      if (tags.has(tagKey(tag))) continue;
      tags.set(tagKey(tag), tag);
      emit({ kind: 'add_tag', tag, ruleId });
      added.push(tag);
    }
    for (const tag of (then.removeTag ?? []).map(tagName)) {
      if (!tags.delete(tagKey(tag))) continue;
      emit({ kind: 'remove_tag', tag, ruleId });
    }
    if (then.route) emit({ kind: 'route', slackChannel: then.route.slackChannel, ruleId });
    if (then.alert) {
      const { users = [], usergroup, text } = then.alert;
      emit({ kind: 'alert', ruleId, users: [...users], ...(usergroup && { usergroup }), ...(text && { text }) });
    }
    if (then.sendMessage !== undefined) emit({ kind: 'send_message', text: then.sendMessage, ruleId });
    if (then.startAction) emit({ kind: 'start_action', actionId: then.startAction, ruleId });
    if (then.handoff) emit({ kind: 'handoff', reason: then.handoff.reason, trigger: 'rule', ruleId });
    return added;
  };

  const plan = (trigger: AutomationTrigger, depth: number) => {
    for (const rule of config.rules) {
      if (!rule.enabled || !ruleMatches(rule.when, trigger, input)) continue;
      for (const tag of applyRule(rule)) {
        if (cascaded.has(tagKey(tag)) || depth >= MAX_CASCADE_DEPTH) continue;
        cascaded.add(tagKey(tag));
        plan({ kind: 'tag_applied', tag, by: 'rule' }, depth + 1);
      }
    }
    const handoff = handoffForTrigger(trigger, config.handoff, tagName);
    if (handoff) emit(handoff);
  };

  if (input.trigger.kind === 'tag_applied') {
    // The tag is on the conversation now; a rule adding it again must not apply it twice.
    const tag = tagName(input.trigger.tag);
    tags.set(tagKey(tag), tag);
    cascaded.add(tagKey(tag));
  }
  plan(input.trigger, 0);
  return effects;
}

/** Effects that are planned once share a key; undefined for those that may repeat. */
function onceKey(effect: AutomationEffect): string | undefined {
  switch (effect.kind) {
    case 'handoff':
    case 'start_action':
    case 'route':
      return effect.kind;
    case 'alert':
      return JSON.stringify(['alert', [...effect.users].sort(), effect.usergroup ?? null, effect.text ?? null]);
    case 'send_message':
      return JSON.stringify(['send_message', effect.text]);
    default:
      return undefined;
  }
}
