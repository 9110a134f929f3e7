import { type QuestionOutcome, summarize } from '../../../../bench/eval-kb';

const outcome = (doc: string | null, rank: number, confident: boolean): QuestionOutcome => ({
  question: { q: 'q', doc },
  rank,
  confident,
  topDocument: null,
});

describe('bench/eval-kb summarize', () => {
  it('rates answerable questions by rank and confidence, and unanswerable ones by doubt', () => {
    expect(
      summarize([
        outcome('a.md', 1, true), // answered correctly
        outcome('a.md', 2, true), // answered from another document
        outcome('a.md', 3, false), // wrongly unsure
        outcome('a.md', 0, false), // not retrieved at all
        outcome(null, 0, false),
        outcome(null, 0, true),
      ]),
    ).toEqual({
      hit1: 0.25,
      hit3: 0.75,
      mrr: Math.round(((1 + 1 / 2 + 1 / 3) / 4) * 1000) / 1000,
      answeredCorrectly: 0.25,
      answeredWrongly: 0.25,
      wronglyUnsure: 0.5,
      unanswerableUnsure: 0.5,
      answerable: 4,
      unanswerable: 2,
    });
  });
});
