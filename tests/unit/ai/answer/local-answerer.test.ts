import {
  type ConfidenceModel,
  confidenceProbability,
  defaultConfidenceModel,
} from '../../../../src/ai/answer/confidence-model';
import {
  answerLocally,
  bestPassage,
  confidenceFeatures,
  isConfident,
  measureEvidence,
  splitSentences,
} from '../../../../src/ai/answer/local-answerer';
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
  const evidence = (coverage: number, margin: number, missingRarity = 0) => ({
    coverage,
    margin,
    missingRarity,
    topScore: 50,
    missing: [],
  });

  it.each([
    // A passage that expresses the whole question and stands out is trusted; one that expresses
    // little of it is not, however much it stands out.
    [evidence(1, 1), true],
    [evidence(0.9, 0), true],
    [evidence(0.3, 1, 0.8), false],
    [evidence(0, 1), false],
  ])('%j → %s', (given, expected) => {
    expect(isConfident(given)).toBe(expected);
  });

  it('trusts more coverage and margin, and less a rarer missing concept', () => {
    const probability = (coverage: number, margin: number, missingRarity: number) =>
      confidenceProbability(confidenceFeatures(evidence(coverage, margin, missingRarity)));
    expect(probability(0.8, 0.5, 0.3)).toBeGreaterThan(probability(0.6, 0.5, 0.3));
    expect(probability(0.7, 0.8, 0.3)).toBeGreaterThan(probability(0.7, 0.2, 0.3));
    expect(probability(0.7, 0.5, 0.2)).toBeGreaterThan(probability(0.7, 0.5, 0.9));
  });

  it('decides with the model it is given', () => {
    const never: ConfidenceModel = { ...defaultConfidenceModel, threshold: 1 };
    expect(isConfident(evidence(1, 1), never)).toBe(false);
    const coverageOnly: ConfidenceModel = {
      intercept: -5,
      weights: { coverage: 10, margin: 0, missingRarity: 0 },
      threshold: 0.5,
    };
    expect(isConfident(evidence(0.6, 0), coverageOnly)).toBe(true);
    expect(isConfident(evidence(0.4, 1), coverageOnly)).toBe(false);
  });

  it('does not depend on the BM25 scale of the knowledge base', () => {
    expect(isConfident({ ...evidence(1, 1), topScore: 0.5 })).toBe(true);
  });

  it('is unsure, whatever the model says, when the passage lacks the fact asked for or the place is another', () => {
    const full = evidence(1, 1);
    expect(isConfident({ ...full, answerType: 'price', typeExpressed: false })).toBe(false);
    expect(isConfident({ ...full, answerType: 'price', typeExpressed: true })).toBe(true);
    expect(isConfident({ ...full, unmatchedNames: ['Lille'] })).toBe(false);
  });
});

describe('measureEvidence', () => {
  const result = (documentPath: string, score: number, coverage: number) => ({
    chunkId: `${documentPath}#${score}`,
    documentPath,
    headingPath: '',
    text: '',
    score,
    coverage,
    missing: coverage < 1 ? ['casino'] : [],
  });

  it('measures the margin against the best chunk of another document, not the same one', () => {
    const evidence = measureEvidence([result('a.md', 10, 1), result('a.md', 9, 1), result('b.md', 5, 1)]);
    expect(evidence).toEqual({
      coverage: 1,
      margin: 0.5,
      topScore: 10,
      missing: [],
      missingRarity: 0,
      unmatchedNames: [],
    });
  });

  it('weighs the competitors by coverage too, and reports what the top chunk misses', () => {
    // b.md repeats a word more often (higher BM25) but expresses half the question.
    const evidence = measureEvidence([result('a.md', 10, 0.8), result('b.md', 16, 0.5)]);
    expect(evidence.margin).toBeCloseTo((6.4 - 4) / 6.4);
    expect(evidence.missing).toEqual(['casino']);
  });

  it('has margin 1 when one document alone matched, and no evidence without results', () => {
    expect(measureEvidence([result('a.md', 3, 0.7)]).margin).toBe(1);
    expect(measureEvidence([])).toEqual({ coverage: 0, margin: 0, topScore: 0, missing: [] });
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
