import fc from 'fast-check';
import { formatDuration, maskedNumber, tagLabel, travelerLabel } from '../../../../src/handoff/blocks/labels';
import {
  escapeMrkdwn,
  escapeTruncate,
  link,
  mention,
  slackDate,
  splitMrkdwn,
  truncateMrkdwn,
} from '../../../../src/handoff/blocks/mrkdwn';

/** True when `text` has no half entity and no half `<…>` token. */
function wellFormed(text: string): boolean {
  const withoutTokens = text.replace(/<[^<>]*>/g, '');
  return !/[<>]/.test(withoutTokens) && !/&(?!amp;|lt;|gt;)/.test(withoutTokens);
}

const slackyText = fc.string({ unit: fc.constantFrom('a', ' ', '&', '<', '>', '\n', '😀', 'é'), maxLength: 120 });

describe('escapeMrkdwn', () => {
  it.each([
    ['a & b', 'a &amp; b'],
    ['<!channel>', '&lt;!channel&gt;'],
    ['<@U123|bob>', '&lt;@U123|bob&gt;'],
    ['&amp;', '&amp;amp;'],
    ['*bold* _it_', '*bold* _it_'],
  ])('%j → %j', (text, escaped) => {
    expect(escapeMrkdwn(text)).toBe(escaped);
  });
});

describe('truncateMrkdwn', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['a&amp;b&amp;c', 8, 'a&amp;b…'],
    ['a&amp;b&amp;c', 6, 'a…'],
    ['hi <@U0AAA1111> there', 10, 'hi…'],
    ['😀😀😀', 4, '😀…'],
  ])('%j at %d → %j', (text, max, expected) => {
    expect(truncateMrkdwn(text, max)).toBe(expected);
  });

  it('never exceeds the limit nor leaves a half entity', () => {
    fc.assert(
      fc.property(slackyText, fc.integer({ min: 2, max: 60 }), (text, max) => {
        const escaped = escapeMrkdwn(text);
        const cut = escapeTruncate(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(wellFormed(cut)).toBe(true);
        if (escaped.length <= max) expect(cut).toBe(escaped);
        else expect(cut.endsWith('…')).toBe(true);
      }),
    );
  });
});

describe('splitMrkdwn', () => {
  it('loses nothing, keeps every chunk within the limit and every entity whole', () => {
    fc.assert(
      fc.property(slackyText, fc.integer({ min: 6, max: 40 }), (text, max) => {
        const escaped = escapeMrkdwn(text);
        const chunks = splitMrkdwn(escaped, max);
        expect(chunks.join('')).toBe(escaped);
        for (const chunk of chunks) {
          expect(chunk.length).toBeLessThanOrEqual(max);
          if (escaped.length > 0) expect(chunk.length).toBeGreaterThan(0);
          expect(wellFormed(chunk)).toBe(true);
        }
      }),
    );
  });

  it('breaks at a line or word when it can', () => {
    expect(splitMrkdwn('first line\nsecond line', 15)).toEqual(['first line\n', 'second line']);
    expect(splitMrkdwn('alpha beta gamma', 12)).toEqual(['alpha beta ', 'gamma']);
  });
});

describe('mention, link, slackDate', () => {
  it.each([
    ['U0AAA1111', '<@U0AAA1111>'],
    ['W0AAA1111', '<@W0AAA1111>'],
    ['U0AAA1111> <!channel', 'U0AAA1111&gt; &lt;!channel'],
    ['ana', 'ana'],
  ])('mention(%j) → %j', (id, expected) => {
    expect(mention(id)).toBe(expected);
  });

  it.each([
    ['https://x.example/a?b=1&c=2', 'photo', '<https://x.example/a?b=1&amp;c=2|photo>'],
    ['https://x.example/a|b>c', 'a <b>', '<https://x.example/a%7Cb%3Ec|a &lt;b&gt;>'],
    ['javascript:alert(1)', 'click', 'click (javascript:alert(1))'],
  ])('link(%j, %j) → %j', (url, label, expected) => {
    expect(link(url, label)).toBe(expected);
  });

  it('renders a time in the reader’s zone with a UTC fallback', () => {
    expect(slackDate(new Date('2025-06-01T14:05:09Z'), '{time}')).toBe(
      '<!date^1748786709^{time}|2025-06-01 14:05 UTC>',
    );
    expect(slackDate(new Date(Number.NaN))).toBe('unknown time');
  });
});

describe('labels', () => {
  it.each([
    [{ name: 'Ana', address: '+15551234567' }, 'Ana'],
    [{ name: '  ', address: '+15551234567' }, '+1••••••4567'],
    [{ address: 'whatsapp:+447700900123' }, '+4•••••••0123'],
  ])('travelerLabel(%j) → %s', (traveler, expected) => {
    expect(travelerLabel(traveler)).toBe(expected);
  });

  it('masks without the scheme', () => {
    expect(maskedNumber('whatsapp:+15551234567')).toBe('+1••••••4567');
  });

  it.each([
    [{ name: 'urgent', emoji: ':rotating_light:' }, ':rotating_light: urgent'],
    [{ name: 'vip', emoji: '⭐' }, '⭐ vip'],
    [{ name: 'plain' }, 'plain'],
  ])('tagLabel(%j) → %s', (tag, expected) => {
    expect(tagLabel(tag)).toBe(expected);
  });

  const now = new Date('2025-06-01T15:00:00Z');
  it.each([
    [0, 'under 1 min'],
    [-5, 'under 1 min'],
    [0.99, 'under 1 min'],
    [1, '1 min'],
    [59, '59 min'],
    [60, '1 h'],
    [185, '3 h 5 min'],
    [24 * 60, '1 d'],
    [2 * 24 * 60 + 4 * 60 + 30, '2 d 4 h'],
  ])('%d minutes → %s', (minutes, expected) => {
    expect(formatDuration(new Date(now.getTime() - minutes * 60_000), now)).toBe(expected);
  });
});
