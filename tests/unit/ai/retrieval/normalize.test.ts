import { analyze, analyzeQuery, normalizeText, synonymsOf, tokenize } from '../../../../src/ai/retrieval/normalize';

describe('normalizeText', () => {
  it.each([
    ['Mérignac', 'merignac'],
    ['Sacré-Cœur', 'sacre-cœur'],
    ['ÇA VA', 'ca va'],
    ['Ünïcödé', 'unicode'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('tokenize', () => {
  it('splits on anything but letters and digits and keeps numbers', () => {
    expect(tokenize("Bus #401, fare: ₩1,100 (it's 25-minutes)")).toEqual([
      'bus',
      '401',
      'fare',
      '1',
      '100',
      'it',
      's',
      '25',
      'minutes',
    ]);
  });
});

describe('analyze', () => {
  it('drops stop words and stems', () => {
    expect(analyze('What are the running shuttles to the airports?')).toEqual(['run', 'shuttl', 'airport']);
  });

  it('gives accented and plain spellings the same term', () => {
    expect(analyze('Mérignac café')).toEqual(analyze('merignac cafe'));
  });

  it('keeps numbers unstemmed and drops single letters', () => {
    expect(analyze('line 12 b')).toEqual(['line', '12']);
  });
});

describe('query expansion', () => {
  it('adds travel synonyms to the question, not in place of its words', () => {
    const { original, expanded } = analyzeQuery('How do I get from the airport to the centre?');
    expect(original).toEqual(['airport', 'centr']);
    expect(expanded).toEqual(expect.arrayContaining(['termin', 'flight', 'center', 'downtown']));
    expect(expanded).not.toContain('airport');
  });

  it.each([
    ['luggage', 'baggag'],
    ['cancel', 'refund'],
    ['transfer', 'shuttl'],
    ['hotel', 'accommod'],
    ['visa', 'passport'],
    ['emergency', 'hospit'],
    ['price', 'fare'],
  ])('%s expands to %s', (word, synonym) => {
    const [term] = analyze(word);
    expect(synonymsOf(term ?? '')).toContain(synonym);
  });

  it('has no synonyms for ordinary words', () => {
    expect(analyzeQuery('cathedral').expanded).toEqual([]);
  });
});
