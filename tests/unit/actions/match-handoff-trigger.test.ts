import { matchHandoffTrigger } from '../../../src/actions/match-handoff-trigger';
import { parseBatonConfig } from '../../../src/config/load-baton-config';

const triggers = {
  keywords: ['complaint', 'lost luggage', 'réclamation'],
  askForHuman: {
    enabled: true,
    phrases: { en: ['agent', 'speak to someone', 'real person'], fr: ['parler à quelqu’un'] },
  },
};

describe('message handoff triggers', () => {
  it.each([
    ['agent', 'ask_for_human'],
    ['Can I speak to someone please?', 'ask_for_human'],
    ['I want a REAL person!', 'ask_for_human'],
    ["je voudrais parler a quelqu'un", 'ask_for_human'],
    ['I have a complaint about the hotel', 'keyword'],
    ['my LOST LUGGAGE never arrived', 'keyword'],
    ['Reclamation concernant le transfert', 'keyword'],
    ['Is the agency open on Sunday?', null], // "agent" only as a whole word
    ['What time is breakfast?', null],
  ])('%j → %s', (text, trigger) => {
    expect(matchHandoffTrigger(text, triggers)?.trigger ?? null).toBe(trigger);
  });

  it('names the keyword in the reason, and can be switched off for asking for a person', () => {
    expect(matchHandoffTrigger('a complaint', triggers)?.reason).toBe('keyword "complaint"');
    expect(matchHandoffTrigger('agent', { ...triggers, askForHuman: { enabled: false, phrases: {} } })).toBeNull();
  });

  it('works with the shipped example config (built-in English phrases)', () => {
    const config = parseBatonConfig('assistant:\n  company: Test\n', 'inline');
    expect(matchHandoffTrigger('can I talk to a person', config.handoff)?.trigger).toBe('ask_for_human');
  });
});
