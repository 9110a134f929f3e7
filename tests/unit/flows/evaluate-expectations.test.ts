import { evaluateExpectations, show } from '../../../src/flows/evaluate-expectations';
import { ZExpectationsSchema } from '../../../src/flows/flow-file.schema';
import type { FlowObservation } from '../../../src/flows/flow-observation';
import { flattenSlackMessage } from '../../../src/flows/observe-flow';

/** A conversation handed off after a booking change, as a flow would observe it. */
const observed: FlowObservation = {
  received: ['Thank you! A specialist will check availability.', "I'm  connecting you\nto a specialist."],
  conversation: {
    state: 'pending',
    tags: ['urgent', 'itinerary change'],
    handoffReason: 'action "booking_change" completed',
    collected: {
      confirmationNumber: { label: 'Confirmation number', value: 'K7Q2ZB', display: 'K7Q2ZB' },
      travelDates: { value: { from: '2027-06-12', to: '2027-06-19' }, display: '12–19 June 2027' },
      groupSize: { value: 14, display: '14' },
    },
  },
  card: { channel: 'C0HANDOFF1', text: 'Handoff: Ana (Simulator)\n*Confirmation number*\nK7Q2ZB' },
  thread: { channel: 'C0HANDOFF1', posts: ['Traveler: one more thing'] },
  alerts: [
    {
      users: ['U07DUTYMGR1'],
      usergroup: 'S07SUPPORT01',
      text: 'Lost luggage reported',
      posted: '<!subteam^S07SUPPORT01> Lost luggage reported',
    },
  ],
  webhookCalls: [{ actionId: 'booking_change', fields: { confirmationNumber: 'K7Q2ZB', notes: null } }],
};

const nothing: FlowObservation = { received: [], alerts: [], webhookCalls: [] };

function check(expect: unknown, observation: FlowObservation = observed) {
  return evaluateExpectations(ZExpectationsSchema.parse(expect), observation).map((result) =>
    result.ok ? 'ok' : result.message,
  );
}

describe('evaluateExpectations', () => {
  it.each<[string, unknown, string[]]>([
    ['state', { state: 'pending' }, ['ok']],
    ['tags in any order', { tags: ['itinerary change', 'urgent'] }, ['ok']],
    ['reply contains, ignoring case and spacing', { reply: "i'm connecting you to a specialist" }, ['ok']],
    ['reply matches', { reply: { matches: 'check\\s+availability' } }, ['ok']],
    ['reply does not contain', { reply: { notContains: 'not sure' } }, ['ok']],
    ['handoff with its reason', { handoff: 'booking_change' }, ['ok']],
    ['handoff open', { handoff: true }, ['ok']],
    ['routed channel', { routedTo: 'C0HANDOFF1' }, ['ok']],
    ['card contents', { card: { contains: ['Confirmation number', 'k7q2zb'] } }, ['ok']],
    ['thread contents', { thread: 'one more thing' }, ['ok']],
    ['collected by display or value', { collected: { confirmationNumber: 'K7Q2ZB', groupSize: 14 } }, ['ok', 'ok']],
    ['collected structured value', { collected: { travelDates: { from: '2027-06-12', to: '2027-06-19' } } }, ['ok']],
    ['alert by usergroup', { alert: { usergroup: 'S07SUPPORT01' } }, ['ok']],
    ['alert by user and text', { alert: { users: ['U07DUTYMGR1'], text: 'lost luggage' } }, ['ok']],
    [
      'webhook fields',
      { webhook: { action: 'booking_change', fields: { confirmationNumber: 'K7Q2ZB', notes: null } } },
      ['ok', 'ok'],
    ],
  ])('passes: %s', (_name, wanted, results) => {
    expect(check(wanted)).toEqual(results);
  });

  it.each<[string, unknown, FlowObservation, string[]]>([
    ['state', { state: 'bot' }, observed, ['state: expected "bot", got "pending"']],
    [
      'state before any message',
      { state: 'bot' },
      nothing,
      ['state: expected "bot", got no conversation (the traveler has not written yet)'],
    ],
    [
      'tags, naming what is missing and what is extra',
      { tags: ['urgent', 'group booking'] },
      observed,
      [
        'tags: expected [group booking, urgent], got [itinerary change, urgent] (missing: group booking; unexpected: itinerary change)',
      ],
    ],
    ['no tags', { tags: ['urgent'] }, nothing, ['tags: expected [urgent], got [] (missing: urgent)']],
    [
      'reply contains',
      { reply: 'refund' },
      observed,
      [
        'reply: expected to contain "refund", got "Thank you! A specialist will check availability. I\'m connecting you to a specialist."',
      ],
    ],
    [
      'reply when nothing was sent',
      { reply: 'hello' },
      nothing,
      ['reply: expected to contain "hello", got nothing (no message reached the traveler since the previous step)'],
    ],
    [
      'reply not containing',
      { reply: { notContains: 'specialist' } },
      observed,
      [expect.stringMatching(/^reply: expected not to contain "specialist", got "Thank you/)],
    ],
    [
      'reply matching',
      { reply: { matches: '^\\d+$' } },
      observed,
      [expect.stringMatching(/^reply: expected to match \/\^\\d\+\$\/, got /)],
    ],
    [
      'reply equals',
      { reply: { equals: 'Hi' } },
      { ...nothing, received: ['Hello'] },
      ['reply: expected to be "Hi", got "Hello"'],
    ],
    [
      'nothing sent',
      { nothingSent: true },
      { ...nothing, received: ['Hello'] },
      ['nothingSent: expected nothing sent to the traveler, got "Hello"'],
    ],
    [
      'handoff reason',
      { handoff: { reason: 'asked for a person' } },
      observed,
      ['handoff.reason: expected to contain "asked for a person", got "action \\"booking_change\\" completed"'],
    ],
    [
      'no handoff',
      { handoff: true },
      { ...nothing, conversation: { state: 'bot', tags: [], collected: {} } },
      ['handoff: expected a handoff open, got none (state "bot")'],
    ],
    [
      'an unexpected handoff',
      { handoff: false },
      observed,
      ['handoff: expected no handoff open, got a handoff (state "pending")'],
    ],
    ['routing', { routedTo: 'C07GROUPS01' }, observed, ['routedTo: expected "C07GROUPS01", got "C0HANDOFF1"']],
    [
      'routing without a card',
      { routedTo: 'C07GROUPS01' },
      nothing,
      ['routedTo: expected "C07GROUPS01", got no handoff card'],
    ],
    [
      'card contents',
      { card: 'AB12CD' },
      observed,
      ['card: expected to contain "AB12CD", got "Handoff: Ana (Simulator) *Confirmation number* K7Q2ZB"'],
    ],
    ['no card', { card: 'K7Q2ZB' }, nothing, ['card: expected to contain "K7Q2ZB", got no handoff card']],
    [
      'a card that should not be',
      { card: false },
      observed,
      [expect.stringMatching(/^card: expected no handoff card, got "Handoff/)],
    ],
    ['thread', { thread: 'passport' }, nothing, ['thread: expected to contain "passport", got no handoff thread']],
    [
      'collected',
      { collected: { confirmationNumber: 'AB12CD' } },
      observed,
      ['collected.confirmationNumber: expected "AB12CD", got "K7Q2ZB"'],
    ],
    [
      'collected missing',
      { collected: { notes: 'late' } },
      observed,
      ['collected.notes: expected "late", got nothing'],
    ],
    [
      'alert',
      { alert: { usergroup: 'S0OTHER001' } },
      observed,
      [
        'alert: expected an alert mentioning <!subteam^S0OTHER001>, got an alert mentioning <@U07DUTYMGR1> <!subteam^S07SUPPORT01> saying "Lost luggage reported"',
      ],
    ],
    ['any alert', { alert: true }, nothing, ['alert: expected an alert posted, got no alert posted']],
    [
      'no alert',
      { alert: false },
      observed,
      [expect.stringMatching(/^alert: expected no alert, got an alert mentioning/)],
    ],
    [
      'each alert of a list',
      { alert: [{ usergroup: 'S07SUPPORT01' }, { users: ['U0NOBODY01'] }] },
      observed,
      ['ok', expect.stringMatching(/^alert: expected an alert mentioning <@U0NOBODY01>, got/)],
    ],
    [
      'webhook not called',
      { webhook: { action: 'booking_change' } },
      nothing,
      ['webhook: expected a call for booking_change, got no call'],
    ],
    [
      'webhook for another action',
      { webhook: { action: 'group_quote' } },
      observed,
      ['webhook: expected a call for group_quote, got calls for booking_change only'],
    ],
    [
      'webhook fields',
      { webhook: { fields: { confirmationNumber: 'AB12CD', travelDates: { from: '2027-06-12' } } } },
      observed,
      [
        'webhook.fields.confirmationNumber: expected "AB12CD", got "K7Q2ZB"',
        'webhook.fields.travelDates: expected {"from":"2027-06-12"}, got nothing',
      ],
    ],
    ['webhook that should not be called', { webhook: false }, observed, ['webhook: expected no call, got 1 call(s)']],
  ])('fails with a readable diff: %s', (_name, wanted, observation, results) => {
    expect(check(wanted, observation)).toEqual(results);
  });

  it('reports every expectation, in the documented order, with expected and actual apart', () => {
    const results = evaluateExpectations(ZExpectationsSchema.parse({ tags: [], state: 'bot', reply: 'x' }), observed);
    expect(results.map((result) => result.expectation)).toEqual(['reply', 'state', 'tags']);
    expect(results[1]).toEqual({
      expectation: 'state',
      ok: false,
      expected: '"bot"',
      actual: '"pending"',
      message: 'state: expected "bot", got "pending"',
    });
  });
});

describe('show', () => {
  it.each<[unknown, string]>([
    [undefined, 'nothing'],
    ['a  b\nc', '"a b c"'],
    [['b', 'a'], '[b, a]'],
    [{ from: 'x' }, '{"from":"x"}'],
    ['x'.repeat(300), `"${'x'.repeat(239)}…"`],
  ])('shows %p as %s', (value, text) => {
    expect(show(value)).toBe(text);
  });
});

describe('flattenSlackMessage', () => {
  it('reads the text and every text of the blocks, not button values, unescaping Slack entities', () => {
    const card = {
      text: 'Handoff: Ana &amp; Bo',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Ana · Simulator' } },
        { type: 'section', fields: [{ type: 'mrkdwn', text: '*Why*\n&lt;refund&gt;' }] },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'handoff_claim',
              value: 'conversation-id',
              text: { type: 'plain_text', text: 'Claim' },
            },
          ],
        },
      ],
    };
    expect(flattenSlackMessage(card)).toBe('Handoff: Ana & Bo\nAna · Simulator\n*Why*\n<refund>\nClaim');
  });
});
