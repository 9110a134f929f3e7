import fc from 'fast-check';
import { formatForChannel } from '../../../../src/channels/text/format-for-channel';

const targets = ['sms', 'whatsapp', 'plain'] as const;
const sources = ['markdown', 'slack'] as const;

/** Strings dense in markup characters, to reach the parsers' corner cases. */
const markupy = fc.string({
  unit: fc.constantFrom(
    ...'*_~`[]()<>!#&;:@|^-+=.\\ \n\tabcxyz19',
    '&amp;',
    '&gt;',
    '<@U1>',
    '<!here>',
    ':smile:',
    '```',
    'https://',
  ),
  maxLength: 120,
});
const anyString = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), markupy);

const word = fc.stringMatching(/^[A-Za-z0-9]{1,10}$/);

describe('formatForChannel properties', () => {
  it('never throws, and returns trimmed text without runs of blank lines', () => {
    fc.assert(
      fc.property(anyString, fc.constantFrom(...targets), fc.constantFrom(...sources), (text, target, source) => {
        const out = formatForChannel(text, target, {
          source,
          resolveMention: (id) => (id === 'U1' ? 'Ana' : undefined),
        });
        expect(out).toBe(out.trim());
        expect(out).not.toMatch(/\n\s*\n\s*\n/);
      }),
    );
  });

  it('leaves no * from Markdown bold in SMS', () => {
    const bolded = fc
      .array(fc.tuple(word, fc.boolean(), fc.constantFrom(' ', '\n', ', ', '\n\n')), { minLength: 1, maxLength: 20 })
      .map((items) => items.map(([w, bold, sep]) => (bold ? `**${w}**` : w) + sep).join(''));
    fc.assert(
      fc.property(bolded, (text) => {
        expect(formatForChannel(text, 'sms')).not.toContain('*');
      }),
    );
  });

  it('never loses a word of formatted Markdown', () => {
    const decorate = fc.constantFrom(
      (w: string) => w,
      (w: string) => `**${w}**`,
      (w: string) => `*${w}*`,
      (w: string) => `_${w}_`,
      (w: string) => `~~${w}~~`,
      (w: string) => `\`${w}\``,
      (w: string) => `[${w}](https://x.io/${w})`,
      (w: string) => `\n# ${w}\n`,
      (w: string) => `\n- ${w}\n`,
      (w: string) => `\n1. ${w}\n`,
      (w: string) => `\n> ${w}\n`,
    );
    const doc = fc.array(fc.tuple(word, decorate), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(doc, fc.constantFrom(...targets), (items, target) => {
        const out = formatForChannel(items.map(([w, d]) => d(w)).join(' '), target);
        for (const [w] of items) expect(out).toContain(w);
      }),
    );
  });

  it('never loses a word of formatted Slack mrkdwn', () => {
    const decorate = fc.constantFrom(
      (w: string) => w,
      (w: string) => `*${w}*`,
      (w: string) => `_${w}_`,
      (w: string) => `~${w}~`,
      (w: string) => `\`${w}\``,
      (w: string) => `<https://x.io/${w}|${w}>`,
      (w: string) => `<@U404> ${w}`,
      (w: string) => `\n&gt; ${w}\n`,
      (w: string) => `\n• ${w}\n`,
    );
    const doc = fc.array(fc.tuple(word, decorate), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(doc, fc.constantFrom(...targets), (items, target) => {
        const out = formatForChannel(items.map(([w, d]) => d(w)).join(' '), target, { source: 'slack' });
        for (const [w] of items) expect(out).toContain(w);
      }),
    );
  });

  it('keeps every SMS character that has no GSM-7 stand-in (emoji, other scripts)', () => {
    const text = fc.string({ unit: fc.constantFrom('😀', '👨‍👩‍👧', 'Ж', 'あ', 'ع', 'ก่', 'é', ' '), maxLength: 60 });
    fc.assert(
      fc.property(text, (input) => {
        expect(formatForChannel(input, 'sms')).toBe(input.trim());
      }),
    );
  });

  it('stays fast on long adversarial input', () => {
    const started = Date.now();
    for (const unit of ['*a ', '[', '`a``', '<', '_a ', 'h', '~~a ', '&', ':a']) {
      for (const source of sources) formatForChannel(unit.repeat(20_000 / unit.length), 'whatsapp', { source });
    }
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
