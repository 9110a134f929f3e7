import path from 'node:path';
import { loadBatonConfig } from '../../../src/config/load-baton-config';
import { FlowFileError } from '../../../src/flows/flow-file-error';
import { parseFlowFile } from '../../../src/flows/load-flow-file';

const config = loadBatonConfig(path.resolve(__dirname, '../../../baton.config.example.yml'));

function problemsOf(yaml: string): string[] {
  try {
    parseFlowFile(yaml, 'test.yml', config);
  } catch (error) {
    if (error instanceof FlowFileError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseFlowFile', () => {
  it('reads every kind of step and expectation, with defaults filled in', () => {
    const flow = parseFlowFile(
      `
name: Everything
now: 2026-11-25T09:00:00Z
channel: whatsapp
traveler: { name: Ana }
ai:
  - { when: casino, unsure: true }
  - { reply: Hello }
steps:
  - traveler: Hi
    expect:
      reply: Hello
      state: bot
      tags: urgent
      handoff: false
      card: false
      alert: { usergroup: S07SUPPORT01 }
      webhook: { action: booking_change, fields: { confirmationNumber: K7Q2ZB } }
  - specialist: claim
  - specialist: { reply: On it, as: U0OTHER001 }
  - specialist: { tag: [urgent, group booking] }
  - specialist: { askFor: Change a booking }
  - expect: { nothingSent: true, handoff: traveler asked, routedTo: C07GROUPS01, collected: { confirmationNumber: K7Q2ZB } }
`.replace('webhook: { action: booking_change, fields: { confirmationNumber: K7Q2ZB } }', 'webhook: true'),
      'test.yml',
      config,
    );
    expect(flow.channel).toBe('whatsapp');
    expect(flow.specialist).toEqual({ id: 'U0FLOWSPEC1', name: 'Sam Rivera' });
    expect(flow.ai).toEqual([{ when: 'casino', unsure: true }, { reply: 'Hello' }]);
    expect(flow.steps).toEqual([
      {
        kind: 'traveler',
        text: 'Hi',
        expect: {
          reply: { contains: ['Hello'] },
          state: 'bot',
          tags: ['urgent'],
          handoff: { opened: false },
          card: false,
          alert: { usergroup: 'S07SUPPORT01' },
          webhook: { called: true },
        },
      },
      { kind: 'specialist', action: { do: 'claim' } },
      { kind: 'specialist', action: { do: 'reply', text: 'On it', as: 'U0OTHER001' } },
      { kind: 'specialist', action: { do: 'tag', tags: ['urgent', 'group booking'] } },
      { kind: 'specialist', action: { do: 'askFor', action: 'Change a booking' } },
      {
        kind: 'check',
        expect: {
          nothingSent: true,
          handoff: { opened: true, reason: 'traveler asked' },
          routedTo: 'C07GROUPS01',
          collected: { confirmationNumber: 'K7Q2ZB' },
        },
      },
    ]);
  });

  const base = (steps: string, head = 'name: A flow') => `${head}\nsteps:\n${steps}`;

  it.each([
    ['a missing name', 'steps:\n  - traveler: hi', ['name: is required. (line 1)']],
    ['no steps', 'name: A flow\nsteps: []', ['steps: must have at least 1 item. (line 2)']],
    [
      'a misspelt expectation, with a suggestion and its line',
      base('  - traveler: hi\n    expect:\n      stat: bot'),
      ['steps[0].expect: unknown key "stat"; did you mean "state"? Fix: rename or remove it. (line 5)'],
    ],
    [
      'an unknown state',
      base('  - traveler: hi\n    expect: { state: pendng }'),
      [
        'steps[0].expect.state: "pendng" is not allowed. Fix: use one of "bot", "pending", "human", "resolved". (line 4)',
      ],
    ],
    [
      'a traveler and a specialist in one step',
      base('  - traveler: hi\n    specialist: claim'),
      ['steps[0]: a step is the traveler or a specialist, not both. Fix: split it. (line 3)'],
    ],
    [
      'two specialist actions in one step',
      base('  - specialist: { claim: true, reply: hi }'),
      ['steps[0].specialist: one action per step, got reply and claim. Fix: split it into steps. (line 3)'],
    ],
    [
      'an unknown specialist shorthand',
      base('  - specialist: clam'),
      ['steps[0].specialist: "clam" is not allowed. Fix: use one of "claim", "handBack", "resolve". (line 3)'],
    ],
    [
      'a time without a zone',
      base('  - traveler: hi', 'name: A flow\nnow: 2026-11-25T09:00:00'),
      [
        'now: "2026-11-25T09:00:00" is not an instant with a time zone. Fix: write it like "2026-11-25T09:00:00Z" or "2026-11-25T10:00:00+01:00". (line 2)',
      ],
    ],
    [
      'an empty expect',
      base('  - traveler: hi\n    expect: {}'),
      [
        'steps[0].expect: give at least one expectation: reply, nothingSent, state, tags, handoff, routedTo, card, thread, collected, alert, webhook. (line 4)',
      ],
    ],
    [
      'reply and nothingSent together',
      base('  - traveler: hi\n    expect: { reply: x, nothingSent: true }'),
      ['steps[0].expect: reply and nothingSent contradict each other. Fix: keep one. (line 4)'],
    ],
    [
      'a bad regex',
      base("  - traveler: hi\n    expect: { reply: { matches: '(' } }"),
      [
        'steps[0].expect.reply.matches: invalid regular expression "(": Unterminated group. Fix: correct the pattern (in YAML, single quotes keep backslashes as they are). (line 4)',
      ],
    ],
    [
      'a user ID that is not one',
      base('  - specialist: { claim: true, as: sam }'),
      ['steps[0].specialist.as: "sam" is not a Slack user ID. Fix: use an ID such as U0123456789. (line 3)'],
    ],
    [
      'a tag the config does not define',
      base('  - specialist: { tag: urgnt }'),
      [
        'steps[0].specialist.tag: tag "urgnt" is not in the config; did you mean "urgent"? Fix: correct the name, or add it to the config. (line 3)',
      ],
    ],
    [
      'an action the config does not define',
      base('  - specialist: { askFor: refund_request }'),
      [
        'steps[0].specialist.askFor: action "refund_request" is not in the config (actions: booking_change, group_quote). Fix: correct the name, or add it to the config. (line 3)',
      ],
    ],
    [
      'a collected field no action has',
      base('  - expect: { collected: { confirmationNumbr: K7Q2ZB } }'),
      [
        'steps[0].expect.collected.confirmationNumbr: field "confirmationNumbr" is not in the config; did you mean "confirmationNumber"? Fix: correct the name, or add it to the config. (line 3)',
      ],
    ],
    [
      'a webhook the action does not have',
      base('  - expect: { webhook: { action: booking_change } }'),
      [
        'steps[0].expect.webhook.action: action "booking_change" has no webhook in the config, so it is never called. Fix: add actions[].webhook, or drop this expectation. (line 3)',
      ],
    ],
    [
      'YAML that does not parse',
      'name: [unclosed',
      ['line 1, column 16: Flow sequence in block collection must be sufficiently indented and end with a ].'],
    ],
  ])('reports %s', (_case, yaml, expected) => {
    expect(problemsOf(yaml)).toEqual(expected);
  });

  it('names the file and counts the problems in the error message', () => {
    expect(() => parseFlowFile('name: x\nsteps: []\nextra: 1', 'flows/x.yml', config)).toThrow(
      /^Flow file flows\/x.yml has 2 problems:\n {2}- /,
    );
  });
});
