import { answerLocally, bestPassage, measureEvidence } from '../../../../src/ai/answer/local-answerer';
import { KnowledgeIndex } from '../../../../src/ai/retrieval/knowledge-index';

/** Two fictional towns, each with its guide; Verano's mentions Almira, as guides mention neighbours. */
const index = new KnowledgeIndex([
  {
    id: 'almira-ferry',
    documentPath: 'almira.md',
    title: 'Almira',
    headingPath: 'Get in > By ferry',
    text: 'The ferry from Almira harbour to the Corvo islands sails every morning. The crossing takes two hours and passengers can sit on the open deck.',
  },
  {
    id: 'almira-ferry-fares',
    documentPath: 'almira.md',
    title: 'Almira',
    headingPath: 'Get in > By ferry > Fares',
    text: 'A ferry ticket to the Corvo islands costs 12 euros one way.',
  },
  {
    id: 'almira-eat',
    documentPath: 'almira.md',
    title: 'Almira',
    headingPath: 'Eat',
    text: 'The fish market by the harbour grills sardines at lunchtime. Almira is famous for its saffron rice.',
  },
  {
    id: 'verano-get-in',
    documentPath: 'verano.md',
    title: 'Verano/Old town',
    headingPath: 'Get in',
    text: 'Buses leave for Almira every hour from the main square. The old town of Verano has a botanical garden with a glasshouse.',
  },
  {
    id: 'verano-sleep',
    documentPath: 'verano.md',
    title: 'Verano/Old town',
    headingPath: 'Sleep',
    text: 'The youth hostel by the botanical garden has dormitory beds and a shared kitchen.',
  },
]);
const ask = (question: string) => answerLocally(question, index.search(question, { limit: 10 }));

describe('answerLocally: the kind of fact asked for', () => {
  it('answers a price question from the chunk that states the price', () => {
    const question = 'How much is the ferry to the Corvo islands?';
    const answer = ask(question);
    expect(answer.confident).toBe(true);
    expect(answer.answer).toBe('A ferry ticket to the Corvo islands costs 12 euros one way.');
    expect(measureEvidence(index.search(question, { limit: 10 }), question)).toMatchObject({
      answerType: 'price',
      typeExpressed: true,
    });
  });

  it('is unsure when the passages name everything but the price', () => {
    const question = 'How much does the botanical garden glasshouse cost?';
    const evidence = measureEvidence(index.search(question, { limit: 10 }), question);
    expect(evidence).toMatchObject({ answerType: 'price', typeExpressed: false });
    expect(ask(question)).toMatchObject({ answer: null, confident: false });
  });

  it('prefers a window that states the kind of fact asked for when it expresses enough of the question', () => {
    const text =
      'Almira is famous for its saffron rice. The fields lie south of town. Harvest ends in May. A plate of saffron rice costs 9 euros at the market.';
    expect(bestPassage('What is the famous saffron rice of Almira?', text)).toBe(
      'Almira is famous for its saffron rice.',
    );
    expect(bestPassage('How much is the famous saffron rice of Almira?', text)).toBe(
      'A plate of saffron rice costs 9 euros at the market.',
    );
  });
});

describe('answerLocally: the places a question names', () => {
  it('does not answer about a town from the guide of another that mentions it', () => {
    const question = 'Is there a botanical garden in Almira?';
    const [top] = index.search(question);
    expect(top?.documentPath).toBe('verano.md');
    expect(top?.unmatchedNames).toEqual(['Almira']);
    expect(ask(question).confident).toBe(false);
  });

  it('answers from the guide of the place named, and takes a district of a title as its place', () => {
    expect(ask('Where can I eat grilled sardines in Almira?').confident).toBe(true);
    expect(index.search('Is there a youth hostel in the Old Town of Verano?')[0]?.unmatchedNames).toEqual([]);
  });
});
