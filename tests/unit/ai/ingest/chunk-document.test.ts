import { chunkDocument, countWords, splitSentences } from '../../../../src/ai/kb/ingest/chunk-document';

const sentence = (i: number) => `Sentence number ${i} has exactly seven words.`;
const prose = (sentences: number, from = 0) =>
  Array.from({ length: sentences }, (_, i) => sentence(from + i)).join(' ');

describe('chunkDocument', () => {
  it.each([
    ['text before any heading has an empty path', 'Just a note.', [{ headingPath: '', text: 'Just a note.' }]],
    [
      'small sibling sections join under their parent, each keeping its heading in the text',
      '# Getting there\n\n## By plane\n\nFly to PMX.\n\n## By bus\n\nTake line 12.',
      [{ headingPath: 'Getting there', text: 'By plane: Fly to PMX.\n\nBy bus: Take line 12.' }],
    ],
    [
      'a shallower heading pops deeper ones',
      '# A\n\n## B\n\n### C\n\nc text\n\n## D\n\nd text\n\n# E\n\ne text',
      [
        { headingPath: 'A > B > C', text: 'c text' },
        { headingPath: 'A > D', text: 'd text' },
        { headingPath: 'E', text: 'e text' },
      ],
    ],
    [
      'headings with no body of their own make no chunk',
      '# Title\n\n## Empty\n\n## Full\n\nBody.',
      [{ headingPath: 'Title > Full', text: 'Body.' }],
    ],
    [
      'inline markup is removed from headings',
      '# **Bold** and [linked](https://example.test) `code`\n\nBody.',
      [{ headingPath: 'Bold and linked code', text: 'Body.' }],
    ],
    [
      'a list stays with its lead-in line across a blank line',
      '# Bus\n\nBuses leave from:\n\n- Stop A\n- Stop B',
      [{ headingPath: 'Bus', text: 'Buses leave from:\n- Stop A\n- Stop B' }],
    ],
    [
      'a "#" inside a fenced code block is not a heading',
      '# Setup\n\n```\n# not a heading\n```',
      [{ headingPath: 'Setup', text: '```\n# not a heading\n```' }],
    ],
    ['an empty document has no chunks', '  \n\n  ', []],
  ])('%s', (_name, text, expected) => {
    expect(chunkDocument(text).map(({ headingPath, text }) => ({ headingPath, text }))).toEqual(expected);
  });

  it('numbers chunks from 0 and estimates tokens', () => {
    const chunks = chunkDocument('# A\n\none two three\n\n# B\n\nfour');
    expect(chunks.map((c) => c.ordinal)).toEqual([0, 1]);
    expect(chunks[0]?.tokenCount).toBe(Math.ceil('one two three'.length / 4));
  });

  it('never repeats the heading path in the text', () => {
    for (const chunk of chunkDocument(`# Getting there\n\n## By plane\n\n${prose(80)}`)) {
      expect(chunk.text).not.toContain('Getting there');
      expect(chunk.text).not.toContain('By plane');
    }
  });

  it('keeps a short section as one chunk and packs paragraphs up to the maximum', () => {
    const text = `# Long\n\n${[prose(10), prose(10, 10), prose(10, 20), prose(10, 30), prose(10, 40)].join('\n\n')}`;
    const chunks = chunkDocument(text);
    // 5 paragraphs of 70 words: three fit in 250 words, the other two make the second chunk.
    expect(chunks.map((c) => countWords(c.text))).toEqual([210, 140]);
    expect(chunks.every((c) => c.headingPath === 'Long')).toBe(true);
  });

  it('splits an oversized paragraph between sentences into balanced pieces', () => {
    const chunks = chunkDocument(prose(60)); // 420 words, one paragraph
    expect(chunks.map((c) => countWords(c.text))).toEqual([210, 210]);
    for (const chunk of chunks) expect(chunk.text).toMatch(/^Sentence number \d+ .*words\.$/);
  });

  it('does not leave a tail below the minimum when it can move paragraphs', () => {
    const text = [prose(14), prose(14, 14), prose(4, 28)].join('\n\n'); // 98 + 98 + 28 words
    const sizes = chunkDocument(text, { maxWords: 200, minWords: 80 }).map((c) => countWords(c.text));
    expect(sizes).toEqual([98, 126]);
  });

  it('splits a long list between items, the lead-in staying with the first items', () => {
    const items = Array.from({ length: 60 }, (_, i) => `- Item ${i} costs ten euros a day`).join('\n');
    const chunks = chunkDocument(`Prices:\n${items}`);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks[0]?.text.startsWith('Prices:\n- Item 0')).toBe(true);
    for (const chunk of chunks) expect(countWords(chunk.text)).toBeLessThanOrEqual(250);
  });

  it('splits a punctuation-free wall of words by count', () => {
    const chunks = chunkDocument(Array.from({ length: 600 }, (_, i) => `w${i}`).join(' '));
    expect(chunks.map((c) => countWords(c.text))).toEqual([250, 250, 100]);
  });

  it('never yields an empty chunk and stays within the maximum on a mixed document', () => {
    const text = `Intro.\n\n# One\n\n\n\n## Two\n\n${prose(100)}\n\n- a\n- b\n\n### Three\n\n   \n\nEnd.`;
    const chunks = chunkDocument(text);
    for (const chunk of chunks) {
      expect(chunk.text.trim()).not.toBe('');
      expect(countWords(chunk.text)).toBeLessThanOrEqual(250);
    }
    expect(chunks.map((c) => c.headingPath)).toContain('One > Two > Three');
  });
});

describe('chunkDocument joining small sections', () => {
  const chunk = (text: string, options?: Parameters<typeof chunkDocument>[1]) =>
    chunkDocument(text, options).map(({ headingPath, text }) => ({ headingPath, text }));

  it('keeps every section apart, with its exact heading path, when mergeBelowWords is 0', () => {
    expect(
      chunk('# Getting there\n\n## By plane\n\nFly to PMX.\n\n## By bus\n\nTake line 12.', { mergeBelowWords: 0 }),
    ).toEqual([
      { headingPath: 'Getting there > By plane', text: 'Fly to PMX.' },
      { headingPath: 'Getting there > By bus', text: 'Take line 12.' },
    ]);
  });

  it('joins a short introduction with the short sections under it', () => {
    expect(chunk('# Bus\n\nCheap.\n\n## Line 12\n\nTo the coast.\n\n### Night\n\nHourly.')).toEqual([
      { headingPath: 'Bus', text: 'Cheap.\n\nLine 12: To the coast.\n\nLine 12 > Night: Hourly.' },
    ]);
  });

  it('puts a list on its own line under its heading', () => {
    expect(chunk('# Help\n\n## Numbers\n\n- Police: 112\n- Fire: 115\n\n## Office\n\nOpen daily.')).toEqual([
      { headingPath: 'Help', text: 'Numbers:\n- Police: 112\n- Fire: 115\n\nOffice: Open daily.' },
    ]);
  });

  it('leaves a section of mergeBelowWords words or more alone, and it ends the run', () => {
    const long = prose(8); // 56 words
    expect(chunk(`# Get in\n\n## By car\n\nDrive.\n\n## By train\n\n${long}\n\n## By bus\n\nLine 3.`)).toEqual([
      { headingPath: 'Get in > By car', text: 'Drive.' },
      { headingPath: 'Get in > By train', text: long },
      { headingPath: 'Get in > By bus', text: 'Line 3.' },
    ]);
  });

  it('stops a run before it would exceed maxWords', () => {
    const sections = [0, 1, 2].map((i) => `## Part ${i}\n\n${prose(6, i * 6)}`).join('\n\n'); // 42 words each
    const chunks = chunk(`# Guide\n\n${sections}`, { maxWords: 100 });
    expect(chunks.map((c) => c.headingPath)).toEqual(['Guide', 'Guide > Part 2']);
    expect(chunks[0]?.text.startsWith('Part 0: Sentence number 0')).toBe(true);
    expect(chunks[0]?.text).toContain('\n\nPart 1: Sentence number 6');
  });

  it('never joins top-level sections, so every chunk keeps a heading', () => {
    expect(chunk('# Visas\n\nNone needed.\n\n# Money\n\nEuros.')).toEqual([
      { headingPath: 'Visas', text: 'None needed.' },
      { headingPath: 'Money', text: 'Euros.' },
    ]);
  });
});

describe('splitSentences', () => {
  it.each([
    ['Stop. Go.', ['Stop.', 'Go.']],
    ['It costs 5.50 euros. Pay cash.', ['It costs 5.50 euros.', 'Pay cash.']],
    ['He said "Stop." Then he left.', ['He said "Stop."', 'Then he left.']],
    ['Really? Yes! 3 times.', ['Really?', 'Yes!', '3 times.']],
    ['e.g. lower case keeps going.', ['e.g. lower case keeps going.']],
  ])('%s', (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });
});
