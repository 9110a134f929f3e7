import { BatonError } from '../../../../src/core/errors';
import { planTagChanges, type TagPlanInput } from '../../../../src/handoff/managers/plan-tag-changes';

const configured = ['urgent', 'refund', 'vip'];

describe('planTagChanges', () => {
  const cases: Array<[string, Omit<TagPlanInput, 'configured'>, { added: string[]; removed: string[] }]> = [
    ['nothing applied, nothing wanted', { applied: [], wanted: [] }, { added: [], removed: [] }],
    [
      'adds configured tags in the order given',
      { applied: [], wanted: ['vip', 'urgent'] },
      { added: ['vip', 'urgent'], removed: [] },
    ],
    [
      'removes every tag when none is wanted',
      { applied: ['urgent', 'vip'], wanted: [] },
      { added: [], removed: ['urgent', 'vip'] },
    ],
    [
      'adds and removes at once',
      { applied: ['vip'], wanted: ['urgent', 'refund'] },
      { added: ['urgent', 'refund'], removed: ['vip'] },
    ],
    ['leaves kept tags alone', { applied: ['urgent', 'vip'], wanted: ['vip', 'urgent'] }, { added: [], removed: [] }],
    [
      'ignores duplicates in the wanted set',
      { applied: [], wanted: ['urgent', 'urgent'] },
      { added: ['urgent'], removed: [] },
    ],
    ['ignores duplicates in the applied set', { applied: ['vip', 'vip'], wanted: [] }, { added: [], removed: ['vip'] }],
    [
      'keeps an applied tag the config no longer lists',
      { applied: ['legacy'], wanted: ['legacy', 'urgent'] },
      { added: ['urgent'], removed: [] },
    ],
    [
      'removes an applied tag the config no longer lists',
      { applied: ['legacy', 'vip'], wanted: ['vip'] },
      { added: [], removed: ['legacy'] },
    ],
    [
      'is case-sensitive, like tag names in the config',
      { applied: ['urgent'], wanted: ['urgent'] },
      { added: [], removed: [] },
    ],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    expect(planTagChanges({ ...input, configured })).toEqual(expected);
  });

  it.each([
    [
      'a tag that is neither configured nor applied',
      { applied: [], wanted: ['made-up'] },
      /"made-up" is not configured/,
    ],
    ['a differently cased name', { applied: [], wanted: ['URGENT'] }, /"URGENT" is not configured/],
    [
      'several unknown tags, named together',
      { applied: ['vip'], wanted: ['vip', 'a', 'b'] },
      /tags "a", "b" are not configured/,
    ],
  ])('refuses %s with payload_invalid', (_name, input, message) => {
    let thrown: unknown;
    try {
      planTagChanges({ ...input, configured });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BatonError);
    expect((thrown as BatonError).code).toBe('payload_invalid');
    expect((thrown as BatonError).message).toMatch(message);
    expect((thrown as BatonError).message).toContain('Fix:');
  });
});
