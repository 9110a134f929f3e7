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

  it('splits letters from digits, so times and codes match their parts', () => {
    expect(analyze('at 3am on the A380')).toEqual(['3', '380']);
    expect(tokenize('20GB')).toEqual(['20', 'gb']);
  });

  it('maps irregular forms and number words to one term', () => {
    expect(analyze('children stolen buses five')).toEqual(analyze('child steal bus 5'));
  });

  it('reads words that name object properties as words', () => {
    // "constructor" once resolved to Object.prototype.constructor and crashed the stemmer.
    expect(analyze('Who was the constructor of the bridge?')).toEqual(['constructor', 'bridg']);
    expect(analyzeQuery('constructor valueof').original).toEqual(['constructor', 'valueof']);
  });

  it('drops question fillers that say nothing about the topic', () => {
    expect(analyze('How much is it, is it a good idea, can someone find it somewhere?')).toEqual([]);
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

  it.each([
    // Related is not the same: an Uber is not a taxi, the KTX is not the TGV, a station is not a train.
    ['taxi', 'uber'],
    ['ktx', 'tgv'],
    ['train', 'station'],
    ['beach', 'swim'],
    ['museum', 'art'],
  ])('does not expand %s to %s', (word, other) => {
    const [term] = analyze(word);
    expect(synonymsOf(term ?? '')).not.toContain(analyze(other)[0]);
  });

  it.each([
    ['toddler', 'child'],
    ['elevator', 'lift'],
    ['reservation', 'booking'],
    ['amex', 'express'],
  ])('%s expands to %s', (word, synonym) => {
    expect(analyzeQuery(word).expanded).toContain(analyze(synonym)[0]);
  });
});

describe('query concepts', () => {
  const concepts = (question: string) => analyzeQuery(question).concepts;

  it('makes one concept per word, with its synonym groups as alternatives', () => {
    expect(concepts('Is there a shuttle?')).toEqual([
      { key: 'shuttl', terms: ['shuttl'], alternatives: expect.arrayContaining([['transfer'], ['bus'], ['coach']]) },
    ]);
  });

  it('recognises a known phrase as one concept that needs all its words', () => {
    expect(concepts('Where is a cash machine?')).toEqual([
      { key: 'cash machine', terms: ['cash', 'machin'], alternatives: [['atm'], ['cashpoint']] },
    ]);
  });

  it('turns an idiom into its meaning: the passage must say that, not the words', () => {
    expect(concepts('Can I call off the tour?')).toEqual([
      { key: 'call off', terms: [], alternatives: [['cancel']] },
      expect.objectContaining({ key: 'tour' }),
    ]);
  });

  it('reads an age as a child, whatever the number', () => {
    expect(concepts('Is it OK for my 8 year old?')).toEqual([
      { key: '# year old', terms: [], alternatives: [['child'], ['age']] },
    ]);
  });

  it('lets "how much" widen the search without being something the answer must contain', () => {
    const query = analyzeQuery('How much is the ferry?');
    expect(query.concepts.map((c) => c.key)).toEqual(['ferri']);
    expect(query.expanded).toEqual(expect.arrayContaining(['price', 'cost']));
  });
});
