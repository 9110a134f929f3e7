import { clusterQuestions, questionFeatures } from '../../../src/insights/gaps/cluster-questions';

const asked = (texts: string[]) =>
  texts.map((text, i) => ({
    id: `q${String(i).padStart(2, '0')}`,
    text,
    askedAt: new Date(Date.UTC(2026, 10, 16, i)),
  }));

const questions = asked([
  'Can I bring my dog on the tour?',
  "What's your refund policy?",
  'Are dogs allowed on the excursion?',
  'Is there a cash machine near the hotel?',
  'How do I cancel my booking?',
  'Where is the nearest ATM?',
  'Do I need a visa for South Korea?',
  'ok',
  'Visa requirements for Korea?',
  'Can my dog come on the boat trip?',
  'What time is breakfast served at the hotel?',
  '👍',
]);

describe('clusterQuestions', () => {
  it('groups a fixed set into topics, labelled with the words travelers used', () => {
    const { gaps, withoutTopic } = clusterQuestions(questions);
    expect(withoutTopic).toBe(2);
    expect(gaps.map((gap) => [gap.label, gap.count])).toEqual([
      ['dog, excursion, bring', 3],
      ['visa, korea, south', 2],
      ['atm, near, hotel', 2],
      ['cancel, policy, booking', 2],
      ['time, breakfast, served', 1],
    ]);
    expect(gaps[0]?.examples).toEqual([
      'Can my dog come on the boat trip?',
      'Are dogs allowed on the excursion?',
      'Can I bring my dog on the tour?',
    ]);
    expect(gaps[0]?.lastAskedAt).toEqual(new Date(Date.UTC(2026, 10, 16, 9)));
  });

  it('is deterministic: the order questions arrive in does not matter', () => {
    const shuffled = [...questions].reverse();
    expect(clusterQuestions(shuffled)).toEqual(clusterQuestions(questions));
  });

  it('keeps distinct examples, at most three, shortened', () => {
    const long = `Can I bring my dog ${'really '.repeat(60)}far?`;
    const { gaps } = clusterQuestions(
      asked(['My dog?', 'My dog?', 'Dog allowed?', 'Dog on board?', 'Dog on the bus?', long]),
    );
    expect(gaps).toHaveLength(1);
    expect(gaps[0]?.count).toBe(6);
    expect(gaps[0]?.examples).toHaveLength(3);
    expect(gaps[0]?.examples[0]?.length).toBe(200);
    expect(gaps[0]?.examples[0]?.endsWith('…')).toBe(true);
  });

  it.each([
    [0.9, 10],
    [0.1, 4],
  ])('a threshold of %s gives %s topics', (threshold, topics) => {
    expect(clusterQuestions(questions, { threshold }).gaps).toHaveLength(topics);
  });

  it('meets synonyms and phrases under one key', () => {
    expect([...questionFeatures('cash machine').words.keys()]).toEqual([...questionFeatures('ATM').words.keys()]);
    expect([...questionFeatures('refund').words.keys()]).toEqual([...questionFeatures('cancellation').words.keys()]);
    expect(questionFeatures('Hello, thanks!').words.size).toBe(0);
  });
});
