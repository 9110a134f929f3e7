import { digestJobId, nextDigestRun } from '../../../src/insights/digest/digest-schedule';

describe('nextDigestRun', () => {
  const paris = { weekday: 'mon' as const, time: '09:00', timeZone: 'Europe/Paris' };

  it.each([
    ['Sunday evening', '2026-11-22T20:00:00Z', paris, '2026-11-23T08:00:00.000Z'],
    ['Monday just before', '2026-11-23T07:59:59Z', paris, '2026-11-23T08:00:00.000Z'],
    ['Monday on the dot: next week', '2026-11-23T08:00:00Z', paris, '2026-11-30T08:00:00.000Z'],
    ['Monday after', '2026-11-23T10:00:00Z', paris, '2026-11-30T08:00:00.000Z'],
    // 23:30 UTC on Sunday is already Monday 00:30 in Paris.
    ['Sunday 23:30 UTC', '2026-11-22T23:30:00Z', paris, '2026-11-23T08:00:00.000Z'],
    ['across the clock change', '2026-10-20T12:00:00Z', paris, '2026-10-26T08:00:00.000Z'],
    [
      'Friday 17:30 New York',
      '2026-11-23T12:00:00Z',
      { weekday: 'fri' as const, time: '17:30', timeZone: 'America/New_York' },
      '2026-11-27T22:30:00.000Z',
    ],
  ])('%s', (_name, now, schedule, expected) => {
    expect(nextDigestRun(new Date(now), schedule).toISOString()).toBe(expected);
  });
});

describe('digestJobId', () => {
  it.each([
    ['2026-11-23T08:00:00Z', 'Europe/Paris', 'digest-2026-W48'],
    ['2026-11-29T23:30:00Z', 'Europe/Paris', 'digest-2026-W49'],
    ['2026-11-29T23:30:00Z', 'UTC', 'digest-2026-W48'],
    ['2027-01-01T09:00:00Z', 'UTC', 'digest-2026-W53'],
  ])('%s in %s → %s', (at, zone, id) => {
    expect(digestJobId(new Date(at), zone)).toBe(id);
  });
});
