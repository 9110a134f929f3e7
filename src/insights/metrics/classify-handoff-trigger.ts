/**
 * What started a handoff, read back from its stored event. The event keeps the reason text
 * (`plan-automation.ts`, `handoff-for-trigger.ts`, `match-handoff-trigger.ts` write it) and
 * the actor, not the trigger itself, so this maps them back. Pure.
 */

export const handoffTriggers = [
  'keyword',
  'ask_for_human',
  'tag',
  'action',
  'ai_unsure',
  'rule',
  'specialist',
  'other',
] as const;
export type HandoffTrigger = (typeof handoffTriggers)[number];

export interface HandoffStart {
  /** `handoff_opened`, or `claimed` when a specialist took the conversation straight from the AI. */
  type: string;
  actorKind: string;
  actorId: string | null;
  reason: string | null;
}

export function classifyHandoffTrigger(start: HandoffStart): HandoffTrigger {
  if (start.type === 'claimed') return 'specialist';
  // A rule's handoff carries the rule id as its actor; its reason is free text from the config.
  if (start.actorKind === 'system' && start.actorId) return 'rule';
  const reason = start.reason ?? '';
  if (/^keyword ".*"$/s.test(reason)) return 'keyword';
  if (reason === 'traveler asked for a person') return 'ask_for_human';
  if (/^tag ".*" applied$/s.test(reason)) return 'tag';
  if (/^action ".*" completed$/s.test(reason)) return 'action';
  if (/^AI unsure\b/.test(reason) || start.actorKind === 'ai') return 'ai_unsure';
  if (start.actorKind === 'specialist') return 'specialist';
  return 'other';
}
