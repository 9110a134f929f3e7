import { Bm25Index } from '../../../../src/ai/retrieval/bm25-index';

const field = (text: string) => ({ terms: text.split(' ').filter(Boolean), length: new Set(text.split(' ')).size });
const doc = (text: string, heading = '') => [field(text), field(heading)];
const one = (term: string, boost = 1) => ({ term, boost });

describe('Bm25Index', () => {
  const index = new Bm25Index(
    [
      doc('ferry port island ferry', 'ferries'),
      doc('bus station', 'bus'),
      doc('ferry ticket price', 'prices'),
      doc(''),
    ],
    [1, 2],
  );

  it('returns only documents sharing a term, best first', () => {
    const hits = index.search([one('ticket'), one('price')], 10);
    expect(hits.map((hit) => hit.doc)).toEqual([2]);
    expect(index.search([one('casino')], 10)).toEqual([]);
  });

  it('multiplies by the number of distinct terms matched', () => {
    const [both] = index.search([one('ferry'), one('ticket')], 10);
    const [alone] = index.search([one('ticket')], 10);
    expect(both?.doc).toBe(2);
    expect(both?.score).toBeGreaterThan(2 * (alone?.score ?? 0));
  });

  it('weighs a term in a boosted field more, and a boosted term more', () => {
    const [inHeading] = index.search([one('bus')], 10);
    const withoutBoost = new Bm25Index([doc('bus station', 'bus'), doc('ferry')], [1, 1]).search([one('bus')], 1);
    expect(inHeading?.score).toBeGreaterThan(withoutBoost[0]?.score ?? 0);
    expect(index.search([one('bus', 0.4)], 1)[0]?.score).toBeCloseTo((inHeading?.score ?? 0) * 0.4);
  });

  it('keeps the best `depth`, and leaves no state behind between searches', () => {
    expect(index.search([one('ferry')], 1).map((hit) => hit.doc)).toHaveLength(1);
    const first = index.search([one('ferry'), one('bus')], 10);
    expect(index.search([one('ferry'), one('bus')], 10)).toEqual(first);
    expect(index.search([one('ferry')], 0)).toEqual([]);
  });
});
