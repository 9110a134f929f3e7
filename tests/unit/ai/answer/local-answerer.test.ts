import { answerLocally, bestPassage, isConfident, splitSentences } from '../../../../src/ai/answer/local-answerer';
import { trimText } from '../../../../src/ai/answer/trim-text';
import { KnowledgeIndex } from '../../../../src/ai/retrieval/knowledge-index';
import { fixtureChunks } from '../retrieval/fixture-chunks';

const index = new KnowledgeIndex(fixtureChunks);
const ask = (question: string, maxLength = 600) => answerLocally(question, index.search(question), { maxLength });

describe('answerLocally', () => {
  it('answers a covered question with the best-supported sentences and its sources', () => {
    const result = ask('How often does the shuttle bus leave the airport?');
    expect(result.confident).toBe(true);
    expect(result.answer).toBe(
      'The shuttle bus leaves the arrivals hall of Porto Azul airport every 20 minutes between 6am and midnight.',
    );
    expect(result.sources[0]).toEqual({
      document: 'transfers.md',
      score: expect.any(Number),
      excerpt: expect.any(String),
    });
    expect(result.sources[0]?.excerpt).toContain('every 20 minutes');
  });

  it('lists each document once, best first', () => {
    const { sources } = ask('How much is the taxi or the shuttle bus from the airport?');
    const documents = sources.map((source) => source.document);
    expect(new Set(documents).size).toBe(documents.length);
    const scores = sources.map((source) => source.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('picks the sentence that answers, not the first one', () => {
    expect(ask('Do I need a visa or a passport?').answer).toBe(
      'Other travellers need a passport valid for six months after arrival; most nationalities receive a free 90-day tourist stamp at the border.',
    );
  });

  it.each(['Is there a casino in town?', 'What is the wifi password?', 'Can I bring my dog on the boat?', ''])(
    'is unsure about an out-of-scope question: %j',
    (question) => {
      const result = ask(question);
      expect(result.confident).toBe(false);
      expect(result.answer).toBeNull();
    },
  );

  it('trims the answer to maxLength on a word boundary', () => {
    const result = ask('How often does the shuttle bus leave the airport?', 60);
    expect(result.answer?.length).toBeLessThanOrEqual(60);
    expect(result.answer).toBe('The shuttle bus leaves the arrivals hall of Porto Azul…');
  });
});

describe('isConfident', () => {
  it.each([
    [{ topScore: 100, margin: 0.1, coverage: 0.6 }, true],
    [{ topScore: 100, margin: 0.6, coverage: 0.5 }, true],
    [{ topScore: 100, margin: 0.1, coverage: 0.5 }, false],
    [{ topScore: 10, margin: 1, coverage: 1 }, false],
  ])('%j → %s', (evidence, expected) => {
    expect(isConfident(evidence)).toBe(expected);
  });
});

describe('bestPassage and splitSentences', () => {
  it('splits sentences and list items', () => {
    expect(splitSentences('First one. Second one!\n* A list item\n1. Numbered')).toEqual([
      'First one.',
      'Second one!',
      'A list item',
      'Numbered',
    ]);
  });

  it('joins up to three consecutive sentences when they add coverage', () => {
    const text = 'Intro here. The ferry leaves at 9. Tickets cost 5 euros. Unrelated remark.';
    expect(bestPassage('ferry ticket', text)).toBe('The ferry leaves at 9. Tickets cost 5 euros.');
  });
});

describe('trimText', () => {
  it.each([
    ['Short.', 20, 'Short.'],
    ['One sentence here. Another sentence that is long.', 30, 'One sentence here.'],
    ['words words words words words', 12, 'words words…'],
    ['  spaced\n\n out  ', 20, 'spaced out'],
  ])('%j to %i → %j', (text, max, expected) => {
    expect(trimText(text, max)).toBe(expected);
    expect(expected.length).toBeLessThanOrEqual(max);
  });
});

describe('splitSentences with Markdown emphasis', () => {
  it('keeps bold markers that open a sentence', () => {
    expect(splitSentences('It is famous. **Bibimbap** is a dish.')).toEqual([
      'It is famous.',
      '**Bibimbap** is a dish.',
    ]);
  });
});
