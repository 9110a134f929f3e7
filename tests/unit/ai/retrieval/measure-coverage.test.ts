import { GENERAL_WORD_WEIGHT, isGeneralTerm } from '../../../../src/ai/retrieval/general-words';
import { measureCoverage, NUMBER_WEIGHT, SYNONYM_CREDIT } from '../../../../src/ai/retrieval/measure-coverage';
import type { QueryConcept } from '../../../../src/ai/retrieval/normalize';

const word = (term: string, ...alternatives: string[][]): QueryConcept => ({ key: term, terms: [term], alternatives });
const weights: Record<string, number> = { casino: 4, town: 1, cab: 2, taxi: 2, refund: 3, '9': 2 };
const weightOf = (term: string) => weights[term] ?? 1;
const inPassage =
  (...terms: string[]) =>
  (term: string) =>
    terms.includes(term);

describe('measureCoverage', () => {
  it.each([
    ['every concept in the passage', [word('casino'), word('town')], ['casino', 'town'], 1, []],
    ['none', [word('casino'), word('town')], [], 0, ['casino', 'town']],
    // Weighted by rarity: the missing casino weighs 4 of 5.
    ['only the common word', [word('casino'), word('town')], ['town'], 1 / 5, ['casino']],
    [
      'a synonym counts less',
      [word('cab', ['taxi']), word('town')],
      ['taxi', 'town'],
      (2 * SYNONYM_CREDIT + 1) / 3,
      [],
    ],
  ])('%s', (_name, concepts, present, coverage, missing) => {
    const result = measureCoverage(concepts, inPassage(...present), weightOf);
    expect(result.coverage).toBeCloseTo(coverage);
    expect(result.missing).toEqual(missing);
  });

  it('needs every term of a phrase, and weighs an idiom by its meaning', () => {
    const cashMachine: QueryConcept = { key: 'cash machine', terms: ['cash', 'machin'], alternatives: [['atm']] };
    expect(measureCoverage([cashMachine], inPassage('cash'), weightOf).coverage).toBe(0);
    expect(measureCoverage([cashMachine], inPassage('atm'), weightOf).coverage).toBeCloseTo(SYNONYM_CREDIT);
    const callOff: QueryConcept = { key: 'call off', terms: [], alternatives: [['refund']] };
    const result = measureCoverage([callOff, word('town')], inPassage('town'), weightOf);
    expect(result.coverage).toBeCloseTo(1 / 4);
    expect(result.missing).toEqual(['call off']);
  });

  it('weighs a number at NUMBER_WEIGHT of a word as rare', () => {
    const result = measureCoverage([word('9'), word('cab')], inPassage('cab'), weightOf);
    expect(result.coverage).toBeCloseTo(2 / (2 + 2 * NUMBER_WEIGHT));
  });

  it('lists missing concepts rarest first, and covers nothing for no concepts', () => {
    expect(measureCoverage([word('town'), word('casino'), word('cab')], inPassage(), weightOf).missing).toEqual([
      'casino',
      'cab',
      'town',
    ]);
    expect(measureCoverage([], inPassage('town'), weightOf)).toEqual({
      coverage: 0,
      missing: [],
      rarestMissingWeight: 0,
    });
  });

  it('reports the weight of the rarest missing concept, discounted as in coverage', () => {
    expect(measureCoverage([word('casino'), word('town')], inPassage('town'), weightOf).rarestMissingWeight).toBe(4);
    expect(measureCoverage([word('9'), word('town')], inPassage('town'), weightOf).rarestMissingWeight).toBeCloseTo(
      2 * NUMBER_WEIGHT,
    );
    expect(measureCoverage([word('casino')], inPassage('casino'), weightOf).rarestMissingWeight).toBe(0);
  });
});

describe('general words', () => {
  it('counts a question-framing word at GENERAL_WORD_WEIGHT of its rarity', () => {
    // "Everything seems shut…": "seem" is rare in a travel guide but says little about what is asked.
    expect(isGeneralTerm('seem')).toBe(true);
    expect(isGeneralTerm('casino')).toBe(false);
    const result = measureCoverage([word('seem'), word('casino')], inPassage('casino'), () => 4);
    expect(result.coverage).toBeCloseTo(4 / (4 + 4 * GENERAL_WORD_WEIGHT));
    expect(result.missing).toEqual(['seem']);
  });
});
