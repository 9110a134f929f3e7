/**
 * The conversation state machine, pure. `bot` (AI answers) → `pending`
 * (handoff asked, waiting for a specialist) → `human` (claimed; AI silent) →
 * `resolved`. `pending`/`human` → `bot` on hand back. A traveler message on a
 * resolved conversation reopens it in `bot`.
 */
export type ConversationState = 'bot' | 'pending' | 'human' | 'resolved';

export type ConversationTrigger = 'traveler_message' | 'handoff_requested' | 'claimed' | 'handed_back' | 'resolved';

export type TransitionResult =
  | { ok: true; from: ConversationState; to: ConversationState; changed: boolean }
  | { ok: false; from: ConversationState; trigger: ConversationTrigger; reason: string };

const table: Record<ConversationState, Partial<Record<ConversationTrigger, ConversationState>>> = {
  bot: { traveler_message: 'bot', handoff_requested: 'pending', claimed: 'human', resolved: 'resolved' },
  pending: {
    traveler_message: 'pending',
    handoff_requested: 'pending',
    claimed: 'human',
    handed_back: 'bot',
    resolved: 'resolved',
  },
  human: {
    traveler_message: 'human',
    handoff_requested: 'human',
    claimed: 'human',
    handed_back: 'bot',
    resolved: 'resolved',
  },
  resolved: { traveler_message: 'bot', handoff_requested: 'pending', claimed: 'human', resolved: 'resolved' },
};

export function transition(from: ConversationState, trigger: ConversationTrigger): TransitionResult {
  const to = table[from][trigger];
  if (!to)
    return { ok: false, from, trigger, reason: `cannot ${trigger.replace('_', ' ')} a conversation that is ${from}` };
  return { ok: true, from, to, changed: to !== from };
}

/** Only in `bot` does the AI answer the traveler. */
export function aiAnswers(state: ConversationState): boolean {
  return state === 'bot';
}
