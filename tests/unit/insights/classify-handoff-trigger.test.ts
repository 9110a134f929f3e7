import { classifyHandoffTrigger } from '../../../src/insights/metrics/classify-handoff-trigger';

describe('classifyHandoffTrigger', () => {
  it.each([
    [{ type: 'handoff_opened', actorKind: 'system', actorId: null, reason: 'keyword "refund"' }, 'keyword'],
    [
      { type: 'handoff_opened', actorKind: 'system', actorId: null, reason: 'traveler asked for a person' },
      'ask_for_human',
    ],
    [{ type: 'handoff_opened', actorKind: 'system', actorId: null, reason: 'tag "local emergency" applied' }, 'tag'],
    [
      { type: 'handoff_opened', actorKind: 'system', actorId: null, reason: 'action "booking_change" completed' },
      'action',
    ],
    [{ type: 'handoff_opened', actorKind: 'ai', actorId: null, reason: 'AI unsure 2 times' }, 'ai_unsure'],
    // The LLM's own handoff decision carries its reason text.
    [{ type: 'handoff_opened', actorKind: 'ai', actorId: null, reason: 'the traveler is upset' }, 'ai_unsure'],
    // A rule's reason is free text, even one that reads like another trigger's.
    [{ type: 'handoff_opened', actorKind: 'system', actorId: 'vip', reason: 'keyword "vip"' }, 'rule'],
    [{ type: 'handoff_opened', actorKind: 'system', actorId: 'lost-luggage', reason: null }, 'rule'],
    [{ type: 'claimed', actorKind: 'specialist', actorId: 'U1', reason: 'replied in the Slack thread' }, 'specialist'],
    [{ type: 'handoff_opened', actorKind: 'specialist', actorId: 'U1', reason: 'from Slack' }, 'specialist'],
    [{ type: 'handoff_opened', actorKind: 'system', actorId: null, reason: null }, 'other'],
  ])('%j → %s', (start, trigger) => {
    expect(classifyHandoffTrigger(start)).toBe(trigger);
  });
});
