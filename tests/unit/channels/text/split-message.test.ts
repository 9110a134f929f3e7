import fc from 'fast-check';
import { splitMessage } from '../../../../src/channels/text/split-message';

const FAMILY = '👨‍👩‍👧‍👦'; // 11 UTF-16 code units, one grapheme
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemes = (text: string) => Array.from(segmenter.segment(text), (s) => s.segment);
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('splitMessage', () => {
  it.each([
    ['text within the limit is one part', 'Hello there', 20, ['Hello there']],
    ['text of exactly the limit is one part', 'abcde fghij', 11, ['abcde fghij']],
    ['surrounding whitespace does not count', '  \n Hello \n ', 5, ['Hello']],
    ['empty text has no parts', '', 10, []],
    ['blank text has no parts', ' \n\t ', 10, []],
    [
      'prefers a paragraph break',
      'First para is here.\n\nSecond para. And more words',
      30,
      ['First para is here.', 'Second para. And more words'],
    ],
    [
      'then a line break',
      'Line one is here. Ok\nline two words here',
      30,
      ['Line one is here. Ok', 'line two words here'],
    ],
    [
      'then a sentence end',
      'One sentence here. Two words more and more',
      30,
      ['One sentence here.', 'Two words more and more'],
    ],
    ['a sentence end inside quotes', 'He said "go now." Then we waited', 22, ['He said "go now."', 'Then we waited']],
    ['then a word boundary', 'alpha beta gamma delta epsilon', 12, ['alpha beta', 'gamma delta', 'epsilon']],
    [
      'a break too early is passed over for a fuller part',
      'Hi.\n\nthe quick brown fox jumps over',
      24,
      ['Hi.\n\nthe quick brown fox', 'jumps over'],
    ],
    [
      'an early break still beats cutting a long word',
      'See:\n\nhttps://example.com/abcdefghij',
      20,
      ['See:', 'https://example.com/', 'abcdefghij'],
    ],
    ['a word longer than the limit is cut', 'abcdefghijklmnop', 5, ['abcde', 'fghij', 'klmno', 'p']],
    ['inner whitespace of a part is kept', 'a\n\nb c d e f g', 7, ['a\n\nb c', 'd e f g']],
    ['surrogate pairs are never split', '😀😀😀😀😀', 3, ['😀', '😀', '😀', '😀', '😀']],
    ['combining marks stay with their letter', 'e\u0301e\u0301e\u0301e\u0301', 5, ['e\u0301e\u0301', 'e\u0301e\u0301']],
    ['a ZWJ family is kept whole', `${FAMILY}${FAMILY}${FAMILY}`, 12, [FAMILY, FAMILY, FAMILY]],
    ['flags are kept whole', '🇫🇷🇩🇪🇮🇹', 5, ['🇫🇷', '🇩🇪', '🇮🇹']],
    ['a grapheme longer than the limit is cut between code points', FAMILY, 8, ['👨‍👩‍👧', '\u200d👦']],
    ['CJK splits after a full stop', '今日は晴れです。明日は雨です。', 10, ['今日は晴れです。', '明日は雨です。']],
  ])('%s', (_rule, text, limit, expected) => {
    expect(splitMessage(text, limit)).toEqual(expected);
  });

  it.each([1, 0, -5, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('throws RangeError for limit %p', (limit) => {
    expect(() => splitMessage('hello', limit)).toThrow(RangeError);
  });

  it('splits a long SMS reply into parts of at most 1600 characters', () => {
    const sentence = 'Your transfer to the hotel leaves at nine from gate four. ';
    const text = `${sentence.repeat(30)}\n\n${sentence.repeat(30)}`;
    const parts = splitMessage(text, 1600);
    expect(parts).toHaveLength(3);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(1600);
    expect(parts[0]).toBe(sentence.repeat(27).trim());
    // The paragraph break comes too early in the second window to be worth a short message.
    expect(parts[1]?.startsWith(`${sentence.repeat(3)}\n\n${sentence}`)).toBe(true);
    for (const part of parts) expect(part.endsWith('gate four.')).toBe(true);
  });

  it('keeps a WhatsApp reply under 4096 in one part', () => {
    const text = 'word '.repeat(800);
    expect(splitMessage(text, 4096)).toEqual([text.trim()]);
  });
});

describe('splitMessage properties', () => {
  const word = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz.,!?é'), minLength: 1, maxLength: 14 });
  const separator = fc.constantFrom(' ', '  ', '\n', '\n\n', '\n\n\n', '\t', ' \n ');
  const prose = fc
    .array(fc.tuple(word, separator), { maxLength: 60 })
    .map((pairs) => pairs.map(([w, s]) => w + s).join(''));
  const limit = fc.integer({ min: 2, max: 80 });
  const anyText = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    prose,
  );

  it('keeps every part within the limit, non-empty and trimmed', () => {
    fc.assert(
      fc.property(prose, limit, (text, max) => {
        for (const part of splitMessage(text, max)) {
          expect(part.length).toBeLessThanOrEqual(max);
          expect(part.length).toBeGreaterThan(0);
          expect(part).toBe(part.trim());
        }
      }),
    );
  });

  it('keeps every part within the limit and non-empty for any string', () => {
    fc.assert(
      fc.property(anyText, limit, (text, max) => {
        for (const part of splitMessage(text, max)) {
          expect(part.length).toBeLessThanOrEqual(max);
          expect(part.trim().length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('loses and invents no characters', () => {
    fc.assert(
      fc.property(anyText, limit, (text, max) => {
        expect(splitMessage(text, max).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });

  it('joined with single spaces, equals the input with whitespace runs collapsed (words within the limit)', () => {
    fc.assert(
      fc.property(prose, fc.integer({ min: 14, max: 80 }), (text, max) => {
        expect(collapse(splitMessage(text, max).join(' '))).toBe(collapse(text));
      }),
    );
  });

  it('leaves no lone surrogate at the edge of a part', () => {
    const emojiText = fc
      .array(fc.constantFrom('😀', '👍🏽', '🇫🇷', FAMILY, 'a', ' ', '\n', '𝒳', 'e\u0301'), { maxLength: 80 })
      .map((xs) => xs.join(''));
    fc.assert(
      fc.property(fc.oneof(emojiText, fc.string({ unit: 'grapheme', maxLength: 120 })), limit, (text, max) => {
        for (const part of splitMessage(text, max)) {
          expect(part).not.toMatch(/^[\udc00-\udfff]/);
          expect(part).not.toMatch(/[\ud800-\udbff]$/);
        }
      }),
    );
  });

  it('never splits a ZWJ emoji family or any other grapheme that fits the limit', () => {
    const pieces = ['a', 'é', 'e\u0301', '👍🏽', '🇫🇷', FAMILY, 'ก่', '😀', 'z'];
    const text = fc
      .array(fc.oneof(fc.constantFrom(...pieces), fc.constantFrom(' ', '\n', '. ', '\n\n')), { maxLength: 80 })
      .map((xs) => xs.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: FAMILY.length, max: 60 }), (input, max) => {
        const parts = splitMessage(input, max);
        const families = (s: string) => s.split(FAMILY).length - 1;
        expect(parts.reduce((n, part) => n + families(part), 0)).toBe(families(input));
        for (const part of parts) {
          for (const g of graphemes(part)) expect([...pieces, ' ', '\n', '.', '\n\n']).toContain(g);
        }
      }),
    );
  });
});
