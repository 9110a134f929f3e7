import { channelSelectors, ruleRegexFlags, type TRuleWhen } from '../../config/baton-config.schema';
import { findPhrase } from '../match-handoff-trigger';
import type { AutomationInput, AutomationTrigger } from './plan-automation';

/**
 * Whether every condition of a rule's `when` holds for one trigger. Pure. The event
 * conditions (keywords, regex, tagApplied, actionCompleted, aiUnsure: true) say which
 * trigger a rule answers; a rule without one answers traveler messages only, so it does
 * not fire again on each tag applied. An ai_unsure trigger (the AI was unsure about a
 * message already planned as a `message` trigger) only fires rules with aiUnsure: true,
 * so a keyword rule does not fire twice for one message.
 */
export function ruleMatches(
  when: TRuleWhen,
  trigger: AutomationTrigger,
  { conversation, outsideBusinessHours }: Pick<AutomationInput, 'conversation' | 'outsideBusinessHours'>,
): boolean {
  const hasEvent =
    when.keywords !== undefined ||
    when.regex !== undefined ||
    when.tagApplied !== undefined ||
    when.actionCompleted !== undefined ||
    when.aiUnsure === true;
  if (!hasEvent && trigger.kind !== 'message') return false;
  if (trigger.kind === 'ai_unsure' ? when.aiUnsure !== true : when.aiUnsure === true) return false;

  const text = trigger.kind === 'message' || trigger.kind === 'ai_unsure' ? trigger.text : undefined;
  if (when.keywords !== undefined && (text === undefined || findPhrase(text, when.keywords) === undefined)) {
    return false;
  }
  if (when.regex !== undefined && (text === undefined || !compiled(when.regex).test(text))) return false;
  if (
    when.tagApplied !== undefined &&
    (trigger.kind !== 'tag_applied' || trigger.tag.toLowerCase() !== when.tagApplied.toLowerCase())
  ) {
    return false;
  }
  if (
    when.actionCompleted !== undefined &&
    (trigger.kind !== 'action_completed' || trigger.actionId !== when.actionCompleted)
  ) {
    return false;
  }
  if (when.channel && !when.channel.some((selector) => isChannelIn(conversation.channel, selector))) return false;
  if (when.language && !when.language.some((language) => isLanguageIn(conversation.language, language))) {
    return false;
  }
  if (when.outsideBusinessHours !== undefined && when.outsideBusinessHours !== outsideBusinessHours) return false;
  return true;
}

function isChannelIn(channel: string, selector: keyof typeof channelSelectors): boolean {
  const channels: readonly string[] = channelSelectors[selector];
  return channels.includes(channel);
}

/** `pt` covers `pt-BR`; `pt-BR` does not cover `pt`; an unknown language matches nothing. */
function isLanguageIn(language: string | undefined, wanted: string): boolean {
  if (!language || language === 'und') return false;
  const actual = language.toLowerCase();
  const rule = wanted.toLowerCase();
  return actual === rule || actual.startsWith(`${rule}-`);
}

// Rules come from the validated config, so the sources are few and known to compile.
const regexes = new Map<string, RegExp>();

function compiled(source: string): RegExp {
  let regex = regexes.get(source);
  if (!regex) {
    regex = new RegExp(source, ruleRegexFlags);
    regexes.set(source, regex);
  }
  return regex;
}
