import { formatForChannel } from '../../../../src/channels/text/format-for-channel';

const people: Record<string, string> = { U01ANA: 'Ana', W02BEN: '@Ben' };
const resolveMention = (id: string): string | undefined => people[id];
const slack = { source: 'slack', resolveMention } as const;

/** What one Slack reply becomes on each target; `plain` defaults to `sms`. */
type Expected = { whatsapp: string; sms: string; plain?: string };

function table(cases: Array<[string, string, Expected]>) {
  return cases.flatMap(([rule, input, expected]) =>
    (['whatsapp', 'sms', 'plain'] as const).map(
      (target) => [rule, target, input, expected[target] ?? expected.sms] as [string, typeof target, string, string],
    ),
  );
}

const same = (text: string): Expected => ({ whatsapp: text, sms: text });

describe('formatForChannel: Slack mrkdwn (specialists) to each channel', () => {
  const links = table([
    ['<url|label>', 'Book <https://x.io/b?id=1|here>', same('Book here (https://x.io/b?id=1)')],
    ['<url|url>', '<https://x.io|https://x.io>', same('https://x.io')],
    ['<url>', 'See <https://x.io/map>', same('See https://x.io/map')],
    [
      'escaped & in the URL and label',
      '<https://x.io/?a=1&amp;b=2|Tom &amp; Ana>',
      same('Tom & Ana (https://x.io/?a=1&b=2)'),
    ],
    ['<mailto:a|a>', 'Email <mailto:help@x.io|help@x.io>', same('Email help@x.io')],
    ['<mailto:a|other label>', '<mailto:help@x.io|our desk>', same('our desk (help@x.io)')],
    ['<tel:…|label>', '<tel:+15551234567|+1 555 123 4567>', same('+1 555 123 4567 (+15551234567)')],
  ]);
  it.each(links)('%s → %s', (_rule, target, input, expected) => {
    expect(formatForChannel(input, target, slack)).toBe(expected);
  });

  const mentions = table([
    ['resolved mention', 'Hi, <@U01ANA> here', same('Hi, @Ana here')],
    ['resolved name already starting with @', 'Ask <@W02BEN>', same('Ask @Ben')],
    ['mention with a legacy |name', 'Ask <@U99|carla>', same('Ask @carla')],
    ['unresolved mention before a comma', 'Thanks <@U404>, booked!', same('Thanks, booked!')],
    ['unresolved mention mid-sentence', 'I asked <@U404> about it', same('I asked about it')],
    ['unresolved mention opening the reply', '<@U404>: your car is here', same('your car is here')],
    ['unresolved mention closing the reply', 'Done <@U404>', same('Done')],
    ['channel with name', 'Posted in <#C123|ops>', same('Posted in #ops')],
    ['channel without name', 'Posted in <#C123> today', same('Posted in today')],
    ['<!here>', '<!here> Flight delayed', same('Flight delayed')],
    ['<!channel> and <!everyone>', 'Update <!channel> <!everyone> now', same('Update now')],
    ['<!subteam^…>', '<!subteam^S0614TZR7|@ops> please check', same('please check')],
    ['<!date^…|fallback>', 'Pickup <!date^1392734382^{time}|6:39 AM>', same('Pickup 6:39 AM')],
  ]);
  it.each(mentions)('%s → %s', (_rule, target, input, expected) => {
    expect(formatForChannel(input, target, slack)).toBe(expected);
  });

  it('removes mentions when no resolver is given', () => {
    expect(formatForChannel('Hi <@U01ANA>!', 'sms', { source: 'slack' })).toBe('Hi!');
  });

  const entities = table([
    ['&amp; &lt; &gt;', 'Tom &amp; Ana &lt;3 &gt;_&lt;', same('Tom & Ana <3 >_<')],
    ['decoded once', '&amp;lt;b&amp;gt;', same('&lt;b&gt;')],
    ['a decoded < is text, not a token', '&lt;@U01ANA&gt;', same('<@U01ANA>')],
    ['other entities stay as written', '&quot;hi&quot; &#39;', same('&quot;hi&quot; &#39;')],
  ]);
  it.each(entities)('%s → %s', (_rule, target, input, expected) => {
    expect(formatForChannel(input, target, slack)).toBe(expected);
  });

  const emoji = table([
    [':code:', 'Booked :white_check_mark: have fun :tada:', same('Booked ✅ have fun 🎉')],
    [':+1: and :thumbsup:', ':+1: :thumbsup:', same('👍 👍')],
    ['skin tone', ':wave::skin-tone-4:', same('👋🏽')],
    ['skin tone on an emoji with a variation selector', ':point_up::skin-tone-2:', same('☝🏻')],
    ['travel codes', ':airplane: :car: :taxi: :bus: :train2: :hotel:', same('✈️ 🚗 🚕 🚌 🚆 🏨')],
    [
      'weather and time codes',
      ':sunny: :umbrella: :warning: :calendar: :clock3: :alarm_clock:',
      same('☀️ ☂️ ⚠️ 📆 🕒 ⏰'),
    ],
    ['unknown and custom codes stay', 'Nice :party_parrot: :x_unknown:', same('Nice :party_parrot: :x_unknown:')],
    ['times are not codes', 'Meet at 10:30:45', same('Meet at 10:30:45')],
    ['codes stay literal in code', '`:smile:`', { whatsapp: '```:smile:```', sms: ':smile:' }],
  ]);
  it.each(emoji)('%s → %s', (_rule, target, input, expected) => {
    expect(formatForChannel(input, target, slack)).toBe(expected);
  });

  const formatting = table([
    ['*bold*', 'Your *taxi* is here', { whatsapp: 'Your *taxi* is here', sms: 'Your taxi is here' }],
    ['_italic_', 'It is _very_ early', { whatsapp: 'It is _very_ early', sms: 'It is very early' }],
    ['~strike~', 'Departs ~9:00~ 9:40', { whatsapp: 'Departs ~9:00~ 9:40', sms: 'Departs 9:00 9:40' }],
    ['**bold** typed Markdown-style', 'Your **taxi**', { whatsapp: 'Your *taxi*', sms: 'Your taxi' }],
    ['nested bold and italic', '*all _set_ now*', { whatsapp: '*all _set_ now*', sms: 'all set now' }],
    ['mention inside bold', '*<@U01ANA> will call*', { whatsapp: '*@Ana will call*', sms: '@Ana will call' }],
    ['intraword markers are literal', 'a*b*c and snake_case_id', same('a*b*c and snake_case_id')],
    ['a lone * is literal', '2 * 3', same('2 * 3')],
    ['`code`', 'Code `SUMMER24` works', { whatsapp: 'Code ```SUMMER24``` works', sms: 'Code SUMMER24 works' }],
    ['one-line ```block```', 'PNR ```ABC123``` ok', { whatsapp: 'PNR ```ABC123``` ok', sms: 'PNR ABC123 ok' }],
    [
      'multi-line ``` block',
      'Details:\n```\nPNR: ABC123\nSeat *12A* &amp; 12B\n```\nSee you',
      {
        whatsapp: 'Details:\n```PNR: ABC123\nSeat *12A* & 12B```\nSee you',
        sms: 'Details:\nPNR: ABC123\nSeat *12A* & 12B\nSee you',
      },
    ],
    [
      '> quote (arrives as &gt;)',
      '&gt; Is breakfast included?\nYes, it is',
      { whatsapp: '> Is breakfast included?\nYes, it is', sms: '"Is breakfast included?"\nYes, it is' },
    ],
    [
      '>>> quotes the rest',
      'From the hotel:\n&gt;&gt;&gt; Late check-out\nuntil *2 pm*',
      {
        whatsapp: 'From the hotel:\n> Late check-out\n> until *2 pm*',
        sms: 'From the hotel:\n"Late check-out\nuntil 2 pm"',
      },
    ],
    [
      '• bullets from Slack lists',
      '• Passport\n    ◦ Copy\n• Tickets',
      { whatsapp: '• Passport\n  • Copy\n• Tickets', sms: '- Passport\n  - Copy\n- Tickets' },
    ],
    ['typed - bullets and numbers', '- one\n1. two', { whatsapp: '• one\n1. two', sms: '- one\n1. two' }],
    ['# is not a heading in Slack', '# not a heading', same('# not a heading')],
    [
      'typography',
      'It’s “done” — see you…',
      { whatsapp: 'It’s “done” — see you…', sms: 'It\'s "done" - see you...', plain: 'It’s “done” — see you…' },
    ],
  ]);
  it.each(formatting)('%s → %s', (_rule, target, input, expected) => {
    expect(formatForChannel(input, target, slack)).toBe(expected);
  });

  it('formats a whole specialist reply', () => {
    const reply =
      '<@U01ANA> :wave: *Good news!* Your room at <https://x.io/h/9|Hotel Avenida> is confirmed &amp; paid.\n\n\n\n' +
      '• Check-in: _3 pm_\n• Breakfast: ~no~ yes :coffee:\n<!here>';
    expect(formatForChannel(reply, 'whatsapp', slack)).toBe(
      '@Ana 👋 *Good news!* Your room at Hotel Avenida (https://x.io/h/9) is confirmed & paid.\n\n' +
        '• Check-in: _3 pm_\n• Breakfast: ~no~ yes ☕',
    );
    expect(formatForChannel(reply, 'sms', slack)).toBe(
      '@Ana 👋 Good news! Your room at Hotel Avenida (https://x.io/h/9) is confirmed & paid.\n\n' +
        '- Check-in: 3 pm\n- Breakfast: no yes ☕',
    );
  });
});
