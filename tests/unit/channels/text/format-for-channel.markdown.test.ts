import { formatForChannel } from '../../../../src/channels/text/format-for-channel';

/** What one input becomes on each target; `plain` defaults to `sms` (they differ only in typography). */
type Expected = { whatsapp: string; sms: string; plain?: string };

function table(cases: Array<[string, string, Expected]>) {
  return cases.flatMap(([rule, input, expected]) =>
    (['whatsapp', 'sms', 'plain'] as const).map(
      (target) => [rule, target, input, expected[target] ?? expected.sms] as [string, typeof target, string, string],
    ),
  );
}

describe('formatForChannel: Markdown (the AI) to each channel', () => {
  const inline = table([
    ['** bold', 'Your **flight** is on time', { whatsapp: 'Your *flight* is on time', sms: 'Your flight is on time' }],
    ['__ bold', 'Your __flight__ is on time', { whatsapp: 'Your *flight* is on time', sms: 'Your flight is on time' }],
    ['* italic', 'It is *very* early', { whatsapp: 'It is _very_ early', sms: 'It is very early' }],
    ['_ italic', 'It is _very_ early', { whatsapp: 'It is _very_ early', sms: 'It is very early' }],
    ['*** bold italic', 'Gate ***B12***', { whatsapp: 'Gate *_B12_*', sms: 'Gate B12' }],
    [
      'nested emphasis',
      '**Bring *both* passports**',
      { whatsapp: '*Bring _both_ passports*', sms: 'Bring both passports' },
    ],
    ['bold around italic run', '**bold *it***', { whatsapp: '*bold _it_*', sms: 'bold it' }],
    ['~~ strike', 'Departs ~~9:00~~ 9:40', { whatsapp: 'Departs ~9:00~ 9:40', sms: 'Departs 9:00 9:40' }],
    [
      'single ~ means "about"',
      'About ~5 to ~6 hours',
      { whatsapp: 'About ~5 to ~6 hours', sms: 'About ~5 to ~6 hours' },
    ],
    [
      'snake_case is not italic',
      'Use code my_trip_2024',
      { whatsapp: 'Use code my_trip_2024', sms: 'Use code my_trip_2024' },
    ],
    ['a lone * is literal', '5 * 3 = 15', { whatsapp: '5 * 3 = 15', sms: '5 * 3 = 15' }],
    ['unclosed ** is literal', '**Note: bring ID', { whatsapp: '**Note: bring ID', sms: '**Note: bring ID' }],
    ['backslash escapes', 'Price \\*incl. tax\\*', { whatsapp: 'Price *incl. tax*', sms: 'Price *incl. tax*' }],
    [
      'inline code',
      'Use code `SUMMER24` at checkout',
      { whatsapp: 'Use code ```SUMMER24``` at checkout', sms: 'Use code SUMMER24 at checkout' },
    ],
    ['code keeps markup literal', 'Type `**` twice', { whatsapp: 'Type ```**``` twice', sms: 'Type ** twice' }],
    [
      'spaces move outside WhatsApp markers',
      '**Note:** bring ID',
      { whatsapp: '*Note:* bring ID', sms: 'Note: bring ID' },
    ],
  ]);
  it.each(inline)('%s → %s', (_rule, target, input, expected) => {
    expect(formatForChannel(input, target)).toBe(expected);
  });

  const links = table([
    [
      '[label](url)',
      'See [your booking](https://x.io/b/1)',
      { whatsapp: 'See your booking (https://x.io/b/1)', sms: 'See your booking (https://x.io/b/1)' },
    ],
    [
      'link label keeps formatting on WhatsApp',
      '[**Pay now**](https://x.io/p)',
      { whatsapp: '*Pay now* (https://x.io/p)', sms: 'Pay now (https://x.io/p)' },
    ],
    ['label equal to the URL', '[https://x.io](https://x.io)', { whatsapp: 'https://x.io', sms: 'https://x.io' }],
    [
      'label equal to the URL without scheme',
      '[x.io/help](https://x.io/help/)',
      { whatsapp: 'https://x.io/help/', sms: 'https://x.io/help/' },
    ],
    [
      'mailto link',
      'Write to [help@x.io](mailto:help@x.io)',
      { whatsapp: 'Write to help@x.io', sms: 'Write to help@x.io' },
    ],
    ['tel link', '[Call us](tel:+15551234567)', { whatsapp: 'Call us (+15551234567)', sms: 'Call us (+15551234567)' }],
    [
      'link with title',
      '[Map](https://x.io/m "Our office")',
      { whatsapp: 'Map (https://x.io/m)', sms: 'Map (https://x.io/m)' },
    ],
    [
      'URL with parentheses',
      '[Wiki](https://en.wikipedia.org/wiki/Rome_(city))',
      {
        whatsapp: 'Wiki (https://en.wikipedia.org/wiki/Rome_(city))',
        sms: 'Wiki (https://en.wikipedia.org/wiki/Rome_(city))',
      },
    ],
    ['empty destination keeps the label', '[the desk]()', { whatsapp: 'the desk', sms: 'the desk' }],
    ['autolink', 'Go to <https://x.io/app>', { whatsapp: 'Go to https://x.io/app', sms: 'Go to https://x.io/app' }],
    ['email autolink', 'Mail <help@x.io>', { whatsapp: 'Mail help@x.io', sms: 'Mail help@x.io' }],
    [
      'bare URL with underscores is untouched',
      'Open https://x.io/a_b_c_d.',
      { whatsapp: 'Open https://x.io/a_b_c_d.', sms: 'Open https://x.io/a_b_c_d.' },
    ],
    [
      'image with alt',
      '![Hotel map](https://x.io/m.png)',
      { whatsapp: 'Hotel map (https://x.io/m.png)', sms: 'Hotel map (https://x.io/m.png)' },
    ],
    ['image without alt', '![](https://x.io/m.png)', { whatsapp: 'https://x.io/m.png', sms: 'https://x.io/m.png' }],
    [
      '[text] without a URL stays',
      'Reply [YES] to confirm',
      { whatsapp: 'Reply [YES] to confirm', sms: 'Reply [YES] to confirm' },
    ],
  ]);
  it.each(links)('%s → %s', (_rule, target, input, expected) => {
    expect(formatForChannel(input, target)).toBe(expected);
  });

  const blocks = table([
    ['# heading', '# Your trip\nDay one', { whatsapp: '*Your trip*\nDay one', sms: 'Your trip\nDay one' }],
    ['### heading with closing hashes', '### Hotel ###', { whatsapp: '*Hotel*', sms: 'Hotel' }],
    [
      'heading with bold inside is bold once',
      '## **Step 1:** book',
      { whatsapp: '*Step 1: book*', sms: 'Step 1: book' },
    ],
    ['setext heading', 'Your trip\n=====\nDay one', { whatsapp: '*Your trip*\nDay one', sms: 'Your trip\nDay one' }],
    [
      '#hashtag is not a heading',
      '#1 tip: arrive early',
      { whatsapp: '#1 tip: arrive early', sms: '#1 tip: arrive early' },
    ],
    ['- bullets', '- Passport\n- Tickets', { whatsapp: '• Passport\n• Tickets', sms: '- Passport\n- Tickets' }],
    ['* and + bullets', '* Passport\n+ Tickets', { whatsapp: '• Passport\n• Tickets', sms: '- Passport\n- Tickets' }],
    [
      'nested bullets',
      '- Docs\n    - Passport\n- Cash',
      { whatsapp: '• Docs\n  • Passport\n• Cash', sms: '- Docs\n  - Passport\n- Cash' },
    ],
    ['numbered list', '1. Check in\n2) Board', { whatsapp: '1. Check in\n2. Board', sms: '1. Check in\n2. Board' }],
    ['bullet with formatting', '- **Gate:** B12', { whatsapp: '• *Gate:* B12', sms: '- Gate: B12' }],
    [
      'fenced code block',
      'Run:\n```bash\nbook --now *x*\n```',
      { whatsapp: 'Run:\n```book --now *x*```', sms: 'Run:\nbook --now *x*' },
    ],
    ['unclosed fence keeps its text', '```\nPNR ABC123', { whatsapp: '```PNR ABC123```', sms: 'PNR ABC123' }],
    [
      'block quote',
      '> Your **gate** changed\n> to B12\n\nThanks',
      { whatsapp: '> Your *gate* changed\n> to B12\n\nThanks', sms: '"Your gate changed\nto B12"\n\nThanks' },
    ],
    ['thematic break is a blank line', 'One\n\n---\n\nTwo', { whatsapp: 'One\n\nTwo', sms: 'One\n\nTwo' }],
    [
      'table',
      '| Day | Plan |\n|---|:---:|\n| Mon | **Louvre** |',
      { whatsapp: 'Day | Plan\nMon | *Louvre*', sms: 'Day | Plan\nMon | Louvre' },
    ],
  ]);
  it.each(blocks)('%s → %s', (_rule, target, input, expected) => {
    expect(formatForChannel(input, target)).toBe(expected);
  });

  const entities = table([
    ['&amp; &lt; &gt;', 'Tom &amp; Ana &lt;3 &gt; all', { whatsapp: 'Tom & Ana <3 > all', sms: 'Tom & Ana <3 > all' }],
    ['numeric entities', 'It&#39;s &#x2708;&#xFE0F; time', { whatsapp: "It's ✈️ time", sms: "It's ✈️ time" }],
    [
      'named typographic entities',
      'Wait&hellip; &ldquo;ok&rdquo;',
      { whatsapp: 'Wait… “ok”', sms: 'Wait... "ok"', plain: 'Wait… “ok”' },
    ],
    ['decoded once', '&amp;lt;b&amp;gt;', { whatsapp: '&lt;b&gt;', sms: '&lt;b&gt;' }],
    ['unknown entity stays', 'A &bogus; B &#0; C', { whatsapp: 'A &bogus; B &#0; C', sms: 'A &bogus; B &#0; C' }],
    ['entities stay literal in code', '`&amp;`', { whatsapp: '```&amp;```', sms: '&amp;' }],
  ]);
  it.each(entities)('%s → %s', (_rule, target, input, expected) => {
    expect(formatForChannel(input, target)).toBe(expected);
  });

  const whitespace = table([
    ['3+ blank lines collapse to one', 'One\n\n\n\n\nTwo', { whatsapp: 'One\n\nTwo', sms: 'One\n\nTwo' }],
    ['blank lines of spaces count as blank', 'One\n  \n \t\n\nTwo', { whatsapp: 'One\n\nTwo', sms: 'One\n\nTwo' }],
    ['trims the whole text', '\n\n  Hello  \n\n', { whatsapp: 'Hello', sms: 'Hello' }],
    ['CRLF line ends', '- a\r\n- b\r\n', { whatsapp: '• a\n• b', sms: '- a\n- b' }],
    [
      '<br> is a line break',
      'Line one<br>Line two<br/>',
      { whatsapp: 'Line one\nLine two', sms: 'Line one\nLine two' },
    ],
    [
      'hard-break trailing spaces are dropped',
      'Line one  \nLine two',
      { whatsapp: 'Line one\nLine two', sms: 'Line one\nLine two' },
    ],
  ]);
  it.each(whitespace)('%s → %s', (_rule, target, input, expected) => {
    expect(formatForChannel(input, target)).toBe(expected);
  });

  it('formats a whole AI reply', () => {
    const reply = [
      '## Your Lisbon weekend',
      '',
      'Here’s what I found — **two options**:',
      '',
      '1. *Hotel Avenida*, €120/night',
      '2. [Casa Alfama](https://x.io/alfama) – near the tram',
      '',
      '> Check-in is from 3 pm…',
    ].join('\n');
    expect(formatForChannel(reply, 'whatsapp')).toBe(
      [
        '*Your Lisbon weekend*',
        '',
        'Here’s what I found — *two options*:',
        '',
        '1. _Hotel Avenida_, €120/night',
        '2. Casa Alfama (https://x.io/alfama) – near the tram',
        '',
        '> Check-in is from 3 pm…',
      ].join('\n'),
    );
    expect(formatForChannel(reply, 'sms')).toBe(
      [
        'Your Lisbon weekend',
        '',
        "Here's what I found - two options:",
        '',
        '1. Hotel Avenida, €120/night',
        '2. Casa Alfama (https://x.io/alfama) - near the tram',
        '',
        '"Check-in is from 3 pm..."',
      ].join('\n'),
    );
  });
});

describe('formatForChannel: SMS keeps to GSM-7 where a plain equivalent exists', () => {
  it.each([
    ['curly single quotes', '‘Hi’ it’s', "'Hi' it's"],
    ['curly double quotes', '“Gate B”', '"Gate B"'],
    ['en and em dashes', '9–11 — late', '9-11 - late'],
    ['ellipsis', 'Wait…', 'Wait...'],
    ['non-breaking and narrow spaces', '10\u00a0kg at 9\u202fam', '10 kg at 9 am'],
    ['emoji are kept', 'Have a great trip ✈️👨‍👩‍👧', 'Have a great trip ✈️👨‍👩‍👧'],
    ['non-Latin scripts are kept', 'Привет — こんにちは — مرحبا', 'Привет - こんにちは - مرحبا'],
    ['GSM-7 extension characters are kept', '€20 {ok} [x]', '€20 {ok} [x]'],
  ])('%s', (_rule, input, expected) => {
    expect(formatForChannel(input, 'sms')).toBe(expected);
  });

  it.each(['whatsapp', 'plain'] as const)('%s keeps typography as written', (target) => {
    expect(formatForChannel('“Gate B” – it’s 9\u00a0am…', target)).toBe('“Gate B” – it’s 9\u00a0am…');
  });
});
