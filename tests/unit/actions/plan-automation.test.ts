import { join } from 'node:path';
import {
  type AutomationEffect,
  type AutomationInput,
  type AutomationTrigger,
  planAutomation,
} from '../../../src/actions/rules/plan-automation';
import { ZBatonConfigSchema } from '../../../src/config/baton-config.schema';
import { loadBatonConfig } from '../../../src/config/load-baton-config';

const example = loadBatonConfig(join(__dirname, '../../../baton.config.example.yml'));

type Conversation = AutomationInput['conversation'];

function plan(
  trigger: AutomationTrigger,
  options: Partial<Conversation> & { outside?: boolean; config?: Parameters<typeof planAutomation>[1] } = {},
): AutomationEffect[] {
  const { outside = false, config = example, ...conversation } = options;
  return planAutomation(
    {
      trigger,
      conversation: { channel: 'twilio_whatsapp', language: 'en', tags: [], state: 'bot', ...conversation },
      outsideBusinessHours: outside,
    },
    config,
  );
}

const message = (text: string): AutomationTrigger => ({ kind: 'message', text });
const unsure = (text: string, unsureCount: number): AutomationTrigger => ({ kind: 'ai_unsure', text, unsureCount });
const tagApplied = (
  tag: string,
  by: 'rule' | 'specialist' | 'manager' | 'action' = 'specialist',
): AutomationTrigger => ({
  kind: 'tag_applied',
  tag,
  by,
});
const completed = (actionId: string): AutomationTrigger => ({ kind: 'action_completed', actionId });

/** A rule as written in YAML. */
const rule = (id: string, when: Record<string, unknown>, effects: Record<string, unknown>) => ({
  id,
  when,
  // biome-ignore lint/suspicious/noThenProperty: the rule's YAML key, never a thenable.
  then: effects,
});

/** A small valid config: the tags and actions that rules refer to must be defined. */
function config(sections: Record<string, unknown>) {
  return ZBatonConfigSchema.parse({
    assistant: { languages: ['en', 'pt', 'pt-BR', 'es'] },
    businessHours: { timeZone: 'Europe/Lisbon', weekly: { mon: '09:00-18:00' } },
    tags: ['VIP', 'urgent', 'a', 'b', 'c'],
    actions: [
      { id: 'refund_request', title: 'Refund', fields: [{ name: 'why', prompt: 'Why?' }] },
      { id: 'callback', title: 'Call back', fields: [{ name: 'phone', prompt: 'Phone?', type: 'phone' }] },
    ],
    handoff: { askForHuman: false, aiUnsure: false },
    ...sections,
  });
}

// The example config's effects, by rule.
const lostLuggage = {
  tag: { kind: 'add_tag', tag: 'urgent', ruleId: 'lost-luggage' },
  alert: {
    kind: 'alert',
    ruleId: 'lost-luggage',
    users: [],
    usergroup: 'S07SUPPORT01',
    text: 'Lost luggage reported: please take this one.',
  },
} as const;
const emergency = {
  tags: [
    { kind: 'add_tag', tag: 'local emergency', ruleId: 'local-emergency' },
    { kind: 'add_tag', tag: 'urgent', ruleId: 'local-emergency' },
  ],
  alert: { kind: 'alert', ruleId: 'local-emergency', users: ['U07DUTYMGR1'], usergroup: 'S07SUPPORT01' },
  handoff: { kind: 'handoff', reason: 'tag "local emergency" applied', trigger: 'tag' },
} as const;
const afterHoursAlert = {
  kind: 'alert',
  ruleId: 'urgent-after-hours',
  users: ['U07DUTYMGR1'],
  text: 'Urgent conversation outside business hours.',
} as const;

describe('planAutomation with the example config', () => {
  it.each([
    ['en', 'I lost my luggage at CDG'],
    ['en, any case', 'MY LUGGAGE IS MISSING!!'],
    ['fr', "J'ai une valise perdue à Nice"],
    ['fr, without accents or case', 'BAGAGES PERDUS depuis hier'],
    ['ko', '수하물 분실 신고합니다'],
  ])('lost-luggage keywords (%s) → add_tag urgent, then the support alert', (_language, text) => {
    expect(plan(message(text))).toEqual([lostLuggage.tag, lostLuggage.alert]);
  });

  it('lost luggage outside business hours: tag urgent cascades to the urgent-after-hours alert, after the rule', () => {
    expect(plan(message('I lost my luggage'), { outside: true })).toEqual([
      lostLuggage.tag,
      lostLuggage.alert,
      afterHoursAlert,
    ]);
  });

  it('lost luggage on a conversation already tagged Urgent (any case): no second tag, no cascade', () => {
    expect(plan(message('I lost my luggage'), { tags: ['Urgent'], outside: true })).toEqual([lostLuggage.alert]);
  });

  it('local emergency: both tags, the alert, then "local emergency" cascades to a handoff via handoff.tags', () => {
    expect(plan(message('We had a car accident near Lyon'))).toEqual([
      ...emergency.tags,
      emergency.alert,
      emergency.handoff,
    ]);
  });

  it('local emergency outside business hours: cascades in the order the tags were added', () => {
    expect(plan(message('Mon passeport volé, je suis à la police'), { outside: true, language: 'fr' })).toEqual([
      ...emergency.tags,
      emergency.alert,
      emergency.handoff,
      afterHoursAlert,
    ]);
  });

  it('keywords match whole words only ("accidentally" is not "accident")', () => {
    expect(plan(message('I accidentally booked two rooms'))).toEqual([]);
  });

  it('nothing for an ordinary question', () => {
    expect(plan(message('What time is breakfast?'))).toEqual([]);
  });

  it.each([
    ['specialist', true, [afterHoursAlert]],
    ['manager', true, [afterHoursAlert]],
    ['specialist', false, []],
  ] as const)(
    'tag urgent applied by a %s, outside hours %s → urgent-after-hours only outside',
    (by, outside, effects) => {
      expect(plan(tagApplied('urgent', by), { outside })).toEqual(effects);
    },
  );

  it('tag "LOCAL EMERGENCY" applied by a specialist → handoff, reason with the configured spelling', () => {
    expect(plan(tagApplied('LOCAL EMERGENCY'))).toEqual([emergency.handoff]);
  });

  it('booking change → start_action while the bot has the conversation', () => {
    expect(plan(message('Can I change my dates?'))).toEqual([
      { kind: 'start_action', actionId: 'booking_change', ruleId: 'change-booking' },
    ]);
  });

  it.each(['pending', 'human', 'resolved'] as const)('booking change with state %s → no start_action', (state) => {
    expect(plan(message('Can I change my dates?'), { state })).toEqual([]);
  });

  it.each([
    'We are a group of 12 for Seoul',
    'a GROUPE DE 15 personnes',
    'quote for 24 travellers please',
    'we are 10 guests',
  ])('group regex %j → tag, route, start_action', (text) => {
    expect(plan(message(text))).toEqual([
      { kind: 'add_tag', tag: 'group booking', ruleId: 'group-request' },
      { kind: 'route', slackChannel: 'C07GROUPS01', ruleId: 'group-request' },
      { kind: 'start_action', actionId: 'group_quote', ruleId: 'group-request' },
    ]);
  });

  it.each(['a group of 5', 'we are 9 people'])('group regex needs ten or more: %j → nothing', (text) => {
    expect(plan(message(text))).toEqual([]);
  });

  it.each([
    ['I want a refund', 'keyword "refund"', 'keyword'],
    ['Je veux un REMBOURSEMENT', 'keyword "remboursement"', 'keyword'],
    ['환불 해주세요', 'keyword "환불"', 'keyword'],
    ['can I talk to a person?', 'traveler asked for a person', 'ask_for_human'],
    ['상담원 연결해 주세요', 'traveler asked for a person', 'ask_for_human'],
  ] as const)('handoff on a message %j → %s', (text, reason, trigger) => {
    expect(plan(message(text))).toEqual([{ kind: 'handoff', reason, trigger }]);
  });

  it('handoff keyword on a conversation a specialist already has: still planned (the caller decides)', () => {
    expect(plan(message('refund now'), { state: 'human' })).toEqual([
      { kind: 'handoff', reason: 'keyword "refund"', trigger: 'keyword' },
    ]);
  });

  it.each([
    [1, []],
    [2, [{ kind: 'handoff', reason: 'AI unsure 2 times', trigger: 'ai_unsure' }]],
    [3, [{ kind: 'handoff', reason: 'AI unsure 3 times', trigger: 'ai_unsure' }]],
  ])('ai_unsure with unsureCount %i (afterCount 2)', (count, effects) => {
    expect(plan(unsure('Is the museum free on Sundays?', count))).toEqual(effects);
  });

  it('ai_unsure about a lost-luggage message: the keyword rule does not fire a second time', () => {
    expect(plan(unsure('I lost my luggage', 1))).toEqual([]);
  });

  it('action booking_change completed → handoff (from its onComplete.handoff)', () => {
    expect(plan(completed('booking_change'))).toEqual([
      { kind: 'handoff', reason: 'action "booking_change" completed', trigger: 'action' },
    ]);
  });

  it('one handoff at most: the tag handoff of the emergency comes first, the refund keyword is dropped', () => {
    const handoffs = plan(message('accident on the road, I want a refund')).filter((e) => e.kind === 'handoff');
    expect(handoffs).toEqual([emergency.handoff]);
  });
});

describe('planAutomation rule conditions', () => {
  const ruleConfig = (when: Record<string, unknown>, effects: Record<string, unknown> = { addTag: 'VIP' }) =>
    config({ rules: [rule('r', when, effects)] });
  const vip = [{ kind: 'add_tag', tag: 'VIP', ruleId: 'r' }];

  it.each([
    ['sms', 'twilio_sms', true],
    ['sms', 'twilio_whatsapp', false],
    ['whatsapp', 'twilio_whatsapp', true],
    ['whatsapp', 'whatsapp_web', true],
    ['whatsapp', 'simulator', false],
    ['twilio_whatsapp', 'whatsapp_web', false],
    ['simulator', 'simulator', true],
  ] as const)('channel selector %s on %s → fires: %s', (selector, channel, fires) => {
    expect(plan(message('hi'), { channel, config: ruleConfig({ channel: selector }) })).toEqual(fires ? vip : []);
  });

  it('a list of channels means any of them', () => {
    const both = ruleConfig({ channel: ['sms', 'simulator'] });
    expect(plan(message('hi'), { channel: 'simulator', config: both })).toEqual(vip);
    expect(plan(message('hi'), { channel: 'whatsapp_web', config: both })).toEqual([]);
  });

  it.each([
    ['pt', 'pt-BR', true],
    ['pt', 'pt', true],
    ['pt', 'PT-br', true],
    ['pt', 'es', false],
    ['pt', 'ptx', false],
    ['pt-BR', 'pt', false],
    ['pt-BR', 'pt-BR', true],
    ['pt', undefined, false],
    ['pt', 'und', false],
  ] as const)('language %s on a conversation in %s → fires: %s', (wanted, language, fires) => {
    expect(plan(message('oi'), { language, config: ruleConfig({ language: wanted }) })).toEqual(fires ? vip : []);
  });

  it('a rule without an event condition fires on messages only, not on tags, actions or an unsure AI', () => {
    const onChannel = ruleConfig({ channel: 'whatsapp' }, { addTag: 'urgent' });
    expect(plan(message('hello'), { config: onChannel })).toEqual([{ kind: 'add_tag', tag: 'urgent', ruleId: 'r' }]);
    expect(plan(tagApplied('VIP'), { config: onChannel })).toEqual([]);
    expect(plan(completed('callback'), { config: onChannel })).toEqual([]);
    expect(plan(unsure('hello', 1), { config: onChannel })).toEqual([]);
  });

  it('aiUnsure: true fires on ai_unsure only, and its keywords read the unsure message', () => {
    const onUnsure = ruleConfig({ aiUnsure: true, keywords: ['visa'] });
    expect(plan(unsure('Do I need a visa?', 1), { config: onUnsure })).toEqual(vip);
    expect(plan(unsure('Is it sunny?', 1), { config: onUnsure })).toEqual([]);
    expect(plan(message('Do I need a visa?'), { config: onUnsure })).toEqual([]);
  });

  it('aiUnsure: false with keywords fires on the message, not on ai_unsure', () => {
    const notUnsure = ruleConfig({ aiUnsure: false, keywords: ['visa'] });
    expect(plan(message('visa?'), { config: notUnsure })).toEqual(vip);
    expect(plan(unsure('visa?', 1), { config: notUnsure })).toEqual([]);
  });

  it('keywords and regex need message text: never on tag_applied or action_completed', () => {
    const both = config({
      rules: [rule('k', { keywords: ['vip'] }, { addTag: 'a' }), rule('x', { regex: '.*' }, { addTag: 'b' })],
    });
    expect(plan(tagApplied('vip'), { config: both })).toEqual([]);
    expect(plan(completed('callback'), { config: both })).toEqual([]);
  });

  it('regex is compiled with flags iu (case-insensitive, Unicode property escapes)', () => {
    const regex = ruleConfig({ regex: '^\\p{L}+ CODE \\d{3}$' });
    expect(plan(message('Réservation code 123'), { config: regex })).toEqual(vip);
    expect(plan(message('Réservation code 12'), { config: regex })).toEqual([]);
  });

  it('actionCompleted needs that action', () => {
    const onCallback = ruleConfig({ actionCompleted: 'callback' });
    expect(plan(completed('callback'), { config: onCallback })).toEqual(vip);
    expect(plan(completed('refund_request'), { config: onCallback })).toEqual([]);
    expect(plan(message('callback'), { config: onCallback })).toEqual([]);
  });

  it('tagApplied matches the tag in any case', () => {
    const onVip = ruleConfig({ tagApplied: 'VIP' }, { addTag: 'urgent' });
    expect(plan(tagApplied('vip'), { config: onVip })).toEqual([{ kind: 'add_tag', tag: 'urgent', ruleId: 'r' }]);
    expect(plan(tagApplied('urgent'), { config: onVip })).toEqual([]);
  });

  it.each([
    [true, true, true],
    [true, false, false],
    [false, false, true],
    [false, true, false],
  ])('outsideBusinessHours: %s when outside is %s → fires: %s', (wanted, outside, fires) => {
    const rule = ruleConfig({ keywords: ['hello'], outsideBusinessHours: wanted });
    expect(plan(message('hello'), { outside, config: rule })).toEqual(fires ? vip : []);
  });

  it('every condition must hold', () => {
    const rule = ruleConfig({ keywords: ['hello'], channel: 'sms', language: 'es' });
    expect(plan(message('hello'), { channel: 'twilio_sms', language: 'es', config: rule })).toEqual(vip);
    expect(plan(message('hello'), { channel: 'twilio_sms', language: 'en', config: rule })).toEqual([]);
    expect(plan(message('hello'), { channel: 'simulator', language: 'es', config: rule })).toEqual([]);
  });

  it('a disabled rule never fires', () => {
    const disabled = config({
      rules: [{ ...rule('r', { keywords: ['hello'] }, { addTag: 'VIP' }), enabled: false }],
    });
    expect(plan(message('hello'), { config: disabled })).toEqual([]);
  });
});

describe('planAutomation effects', () => {
  it('cascades each tag once: a → b → c → a stops at the loop, effects after the one that caused them', () => {
    const loop = config({
      rules: [
        rule('start', { keywords: ['go'] }, { addTag: 'a' }),
        rule('ab', { tagApplied: 'a' }, { addTag: 'b' }),
        rule('bc', { tagApplied: 'b' }, { addTag: 'c' }),
        rule('ca', { tagApplied: 'c' }, { addTag: 'a', removeTag: 'a' }),
      ],
    });
    expect(plan(message('go'), { config: loop })).toEqual([
      { kind: 'add_tag', tag: 'a', ruleId: 'start' },
      { kind: 'add_tag', tag: 'b', ruleId: 'ab' },
      { kind: 'add_tag', tag: 'c', ruleId: 'bc' },
      { kind: 'remove_tag', tag: 'a', ruleId: 'ca' },
    ]);
  });

  it('a tag applied by a specialist is on the conversation: a rule adding it again adds nothing', () => {
    const again = config({ rules: [rule('r', { tagApplied: 'VIP' }, { addTag: ['VIP', 'urgent'] })] });
    expect(plan(tagApplied('vip'), { config: again })).toEqual([{ kind: 'add_tag', tag: 'urgent', ruleId: 'r' }]);
  });

  it('remove_tag only for tags present, with the configured spelling', () => {
    const remove = config({
      rules: [rule('r', { keywords: ['thanks'] }, { removeTag: ['VIP', 'urgent'] })],
    });
    expect(plan(message('thanks'), { tags: ['vip'], config: remove })).toEqual([
      { kind: 'remove_tag', tag: 'VIP', ruleId: 'r' },
    ]);
    expect(plan(message('thanks'), { tags: [], config: remove })).toEqual([]);
  });

  it('rules in config order, each rule: add_tag, remove_tag, route, alert, send_message, start_action, handoff', () => {
    const ordered = config({
      rules: [
        rule(
          'first',
          { keywords: ['help'] },
          {
            handoff: 'needs help',
            startAction: 'callback',
            sendMessage: { en: 'On it', es: 'Ya voy' },
            alert: { users: ['U01AAA'] },
            route: { slackChannel: 'C01HELP' },
            removeTag: 'VIP',
            addTag: 'urgent',
          },
        ),
        rule('second', { keywords: ['help'] }, { addTag: 'a' }),
      ],
    });
    expect(plan(message('help'), { tags: ['VIP'], config: ordered })).toEqual([
      { kind: 'add_tag', tag: 'urgent', ruleId: 'first' },
      { kind: 'remove_tag', tag: 'VIP', ruleId: 'first' },
      { kind: 'route', slackChannel: 'C01HELP', ruleId: 'first' },
      { kind: 'alert', ruleId: 'first', users: ['U01AAA'] },
      { kind: 'send_message', text: { en: 'On it', es: 'Ya voy' }, ruleId: 'first' },
      { kind: 'start_action', actionId: 'callback', ruleId: 'first' },
      { kind: 'handoff', reason: 'needs help', trigger: 'rule', ruleId: 'first' },
      { kind: 'add_tag', tag: 'a', ruleId: 'second' },
    ]);
  });

  it('the first handoff, start_action and route win; identical alerts and messages once', () => {
    const twice = (n: 'one' | 'two') => ({
      ...rule(
        n,
        { keywords: ['help'] },
        {
          handoff: true,
          startAction: n === 'one' ? 'callback' : 'refund_request',
          route: { slackChannel: n === 'one' ? 'C01ONE' : 'C02TWO' },
          alert: { users: ['U01AAA', 'U02BBB'], usergroup: 'S01GRP', text: 'look' },
          sendMessage: 'On it',
        },
      ),
      description: `rule ${n}`,
    });
    const effects = plan(message('help, I want to talk to a person'), {
      config: config({ rules: [twice('one'), twice('two')], handoff: { askForHuman: true } }),
    });
    expect(effects).toEqual([
      { kind: 'route', slackChannel: 'C01ONE', ruleId: 'one' },
      { kind: 'alert', ruleId: 'one', users: ['U01AAA', 'U02BBB'], usergroup: 'S01GRP', text: 'look' },
      { kind: 'send_message', text: 'On it', ruleId: 'one' },
      { kind: 'start_action', actionId: 'callback', ruleId: 'one' },
      { kind: 'handoff', reason: 'rule one', trigger: 'rule', ruleId: 'one' },
    ]);
  });

  it('alerts that differ are all kept', () => {
    const alerts = config({
      rules: [
        rule('one', { keywords: ['help'] }, { alert: { users: ['U01AAA'] } }),
        rule('two', { keywords: ['help'] }, { alert: { users: ['U01AAA'], text: 'other' } }),
      ],
    });
    expect(plan(message('help'), { config: alerts })).toHaveLength(2);
  });

  it('a rule handoff without a reason or description gives "rule <id>"', () => {
    const bare = config({ rules: [rule('bare', { keywords: ['help'] }, { handoff: true })] });
    expect(plan(message('help'), { config: bare })).toEqual([
      { kind: 'handoff', reason: 'rule bare', trigger: 'rule', ruleId: 'bare' },
    ]);
  });

  it('rules come before the handoff section: a rule handoff wins over a handoff keyword', () => {
    const both = config({
      rules: [rule('r', { keywords: ['refund'] }, { handoff: 'refund asked' })],
      handoff: { keywords: ['refund'] },
    });
    expect(plan(message('refund'), { config: both })).toEqual([
      { kind: 'handoff', reason: 'refund asked', trigger: 'rule', ruleId: 'r' },
    ]);
  });

  it.each([
    ['aiUnsure disabled', { aiUnsure: false }, 5, []],
    [
      'afterCount 1',
      { aiUnsure: { afterCount: 1 } },
      1,
      [{ kind: 'handoff', reason: 'AI unsure 1 time', trigger: 'ai_unsure' }],
    ],
    ['afterCount 3, count 2', { aiUnsure: { afterCount: 3 } }, 2, []],
  ] as const)('ai_unsure handoff: %s', (_name, handoff, count, effects) => {
    expect(plan(unsure('hm', count), { config: config({ handoff }) })).toEqual(effects);
  });

  it('asking for a person can be switched off; tag and action handoffs come from handoff.tags and handoff.actions', () => {
    const handoff = config({ handoff: { askForHuman: false, tags: ['VIP'], actions: ['callback'] } });
    expect(plan(message('agent please'), { config: handoff })).toEqual([]);
    expect(plan(tagApplied('vip', 'action'), { config: handoff })).toEqual([
      { kind: 'handoff', reason: 'tag "VIP" applied', trigger: 'tag' },
    ]);
    expect(plan(completed('callback'), { config: handoff })).toEqual([
      { kind: 'handoff', reason: 'action "callback" completed', trigger: 'action' },
    ]);
    expect(plan(completed('refund_request'), { config: handoff })).toEqual([]);
  });
});
