import {
  aiAnswers,
  type ConversationState,
  type ConversationTrigger,
  transition,
} from '../../../src/core/conversation-state';

describe('conversation state machine', () => {
  const allowed: Array<[ConversationState, ConversationTrigger, ConversationState]> = [
    ['bot', 'traveler_message', 'bot'],
    ['bot', 'handoff_requested', 'pending'],
    ['bot', 'claimed', 'human'],
    ['bot', 'resolved', 'resolved'],
    ['pending', 'traveler_message', 'pending'],
    ['pending', 'claimed', 'human'],
    ['pending', 'handed_back', 'bot'],
    ['pending', 'resolved', 'resolved'],
    ['human', 'traveler_message', 'human'],
    ['human', 'handed_back', 'bot'],
    ['human', 'resolved', 'resolved'],
    ['resolved', 'traveler_message', 'bot'],
    ['resolved', 'handoff_requested', 'pending'],
    ['resolved', 'claimed', 'human'],
  ];
  it.each(allowed)('%s --%s--> %s', (from, trigger, to) => {
    expect(transition(from, trigger)).toEqual({ ok: true, from, to, changed: from !== to });
  });

  const refused: Array<[ConversationState, ConversationTrigger]> = [
    ['bot', 'handed_back'],
    ['resolved', 'handed_back'],
  ];
  it.each(refused)('refuses %s --%s-->', (from, trigger) => {
    const result = transition(from, trigger);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(from);
  });

  it('lets the AI answer only in bot', () => {
    expect((['bot', 'pending', 'human', 'resolved'] as const).filter(aiAnswers)).toEqual(['bot']);
  });
});
