import { actionTools, chosenAction } from '../../../../src/ai/llm/action-tools';

const actions = [
  { id: 'booking_change', title: 'Change a booking', description: 'When the traveler wants to change dates or names.' },
  { id: 'callback', title: 'Ask for a call back' },
  { id: `x${'y'.repeat(64)}`, title: 'Too long for a function name' },
];

describe('actionTools', () => {
  it('offers one parameterless function per action, described by its description or title', () => {
    expect(actionTools(actions)).toEqual([
      {
        type: 'function',
        function: {
          name: 'booking_change',
          description: 'When the traveler wants to change dates or names.',
          parameters: { type: 'object', properties: {}, additionalProperties: false },
        },
      },
      {
        type: 'function',
        function: {
          name: 'callback',
          description: 'Ask for a call back',
          parameters: { type: 'object', properties: {}, additionalProperties: false },
        },
      },
    ]);
  });
});

describe('chosenAction', () => {
  const call = (name: string) => ({
    id: `call_${name}`,
    type: 'function' as const,
    function: { name, arguments: '{}' },
  });

  it.each([
    ['no tool calls', undefined, undefined],
    ['an empty list', [], undefined],
    ['a configured action', [call('callback')], { actionId: 'callback' }],
    [
      'the first configured one among several',
      [call('weather'), call('booking_change')],
      { actionId: 'booking_change' },
    ],
    ['only unknown functions', [call('weather')], 'unknown'],
  ])('%s', (_case, toolCalls, expected) => {
    expect(chosenAction({ tool_calls: toolCalls }, actions)).toEqual(expected);
  });
});
