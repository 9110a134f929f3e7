import { addDays, isoWeekId, localDate, localParts, weekdayOf, zonedInstant } from '../../../src/core/zoned-time';

describe('zoned time', () => {
  it.each([
    ['2026-11-04', '00:00', 'Europe/Paris', '2026-11-03T23:00:00.000Z'],
    ['2026-07-04', '00:00', 'Europe/Paris', '2026-07-03T22:00:00.000Z'],
    // Clocks jump from 02:00 to 03:00: the instant after the jump.
    ['2026-03-29', '02:30', 'Europe/Paris', '2026-03-29T01:30:00.000Z'],
    // 02:30 happens twice: the first one.
    ['2026-10-25', '02:30', 'Europe/Paris', '2026-10-25T00:30:00.000Z'],
    ['2026-11-01', '09:00', 'America/New_York', '2026-11-01T14:00:00.000Z'],
    ['2026-11-01', '00:00', 'Asia/Kolkata', '2026-10-31T18:30:00.000Z'],
    ['2026-11-01', '00:00', 'UTC', '2026-11-01T00:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, expected) => {
    expect(zonedInstant(date, time, zone).toISOString()).toBe(expected);
  });

  it('puts 23:30 UTC on the next local day in Paris', () => {
    const at = new Date('2026-11-03T23:30:00Z');
    expect(localDate(at, 'UTC')).toBe('2026-11-03');
    expect(localDate(at, 'Europe/Paris')).toBe('2026-11-04');
    expect(localParts(at, 'Europe/Paris')).toMatchObject({ hour: 0, minute: 30, weekday: 3 });
  });

  it.each([
    ['2026-11-23', '2026-W48'],
    ['2026-11-29', '2026-W48'],
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
  ])('ISO week of %s is %s', (date, week) => {
    expect(isoWeekId(date)).toBe(week);
  });

  it('adds days across months and tells weekdays', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOf('2026-11-23')).toBe(1);
    expect(weekdayOf('2026-11-22')).toBe(7);
  });
});
