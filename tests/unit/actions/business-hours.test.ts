import { join } from 'node:path';
import { describeNextOpening, isWithinBusinessHours, nextOpening } from '../../../src/actions/business-hours';
import { type TBusinessHours, ZBusinessHoursSchema } from '../../../src/config/baton-config.schema';
import { loadBatonConfig } from '../../../src/config/load-baton-config';

// Europe/Paris: Mon–Fri 08:00-20:00, Sat 09:00-13:00 and 14:00-17:00, Sun closed; closed 2026-12-25 and 2027-01-01.
// Summer time 2026 runs from Sunday 29 March to Sunday 25 October (CEST = UTC+2, CET = UTC+1).
const paris = loadBatonConfig(join(__dirname, '../../../baton.config.example.yml')).businessHours as TBusinessHours;

// America/New_York: Mon–Fri 09:00-17:00; daylight time 2026 runs from 8 March to 1 November.
const newYork = ZBusinessHoursSchema.parse({
  timeZone: 'America/New_York',
  weekly: { mon: '09:00-17:00', tue: '09:00-17:00', wed: '09:00-17:00', thu: '09:00-17:00', fri: '09:00-17:00' },
});

const hours = (weekly: Record<string, string | string[]>, extra: { timeZone?: string; holidays?: string[] } = {}) =>
  ZBusinessHoursSchema.parse({ timeZone: extra.timeZone ?? 'Europe/Paris', weekly, holidays: extra.holidays ?? [] });

/** Open all of each Sunday: on the last Sunday of March the day is 23 hours long, of October 25. */
const parisSundays = hours({ sun: '00:00-24:00' });
/** Opens inside the hour skipped on 29 March and the hour repeated on 25 October. */
const parisSkipped = hours({ sun: '02:30-05:00' });
const parisRepeated = hours({ sun: '01:00-02:30' });

const at = (iso: string) => new Date(iso);

describe('isWithinBusinessHours', () => {
  it.each([
    ['Paris, Monday 08:00 CEST: opens on the minute', paris, '2026-06-15T06:00:00Z', true],
    ['Paris, Monday 07:59 CEST', paris, '2026-06-15T05:59:00Z', false],
    ['Paris, Monday 19:59:59 CEST', paris, '2026-06-15T17:59:59Z', true],
    ['Paris, Monday 20:00 CEST: the end is excluded', paris, '2026-06-15T18:00:00Z', false],
    ['Paris, Saturday 13:30 CEST: lunch break', paris, '2026-06-20T11:30:00Z', false],
    ['Paris, Saturday 14:00 CEST: second interval', paris, '2026-06-20T12:00:00Z', true],
    ['Paris, Sunday noon: a day not listed is closed', paris, '2026-06-21T10:00:00Z', false],
    ['Paris, Thursday 24 December 11:00 CET', paris, '2026-12-24T10:00:00Z', true],
    ['Paris, Friday 25 December 11:00 CET: holiday', paris, '2026-12-25T10:00:00Z', false],
    ['Paris, Friday 1 January 2027: holiday', paris, '2027-01-01T10:00:00Z', false],
    [
      'Paris, holiday in local time: Thu 24 Dec 23:30 UTC is already the 25th',
      hours({ fri: '00:00-24:00' }, { holidays: ['2026-12-25'] }),
      '2026-12-24T23:30:00Z',
      false,
    ],
    ['Paris, Friday 27 March 07:30 CET: still winter time', paris, '2026-03-27T06:30:00Z', false],
    ['Paris, Friday 27 March 08:00 CET', paris, '2026-03-27T07:00:00Z', true],
    ['Paris, Monday 30 March 08:00 CEST: summer time', paris, '2026-03-30T06:00:00Z', true],
    ['Paris, Monday 30 March 07:59 CEST', paris, '2026-03-30T05:59:00Z', false],
    ['Paris, Friday 23 October 08:00 CEST', paris, '2026-10-23T06:00:00Z', true],
    ['Paris, Monday 26 October 07:30 CET: winter time again', paris, '2026-10-26T06:30:00Z', false],
    ['Paris, Monday 26 October 08:00 CET', paris, '2026-10-26T07:00:00Z', true],
    ['Paris, 23-hour Sunday 29 March: 23:59 CEST', parisSundays, '2026-03-29T21:59:00Z', true],
    ['Paris, 23-hour Sunday 29 March: Monday 00:00 CEST', parisSundays, '2026-03-29T22:00:00Z', false],
    ['Paris, 23-hour Sunday 29 March: Saturday 23:59 CET', parisSundays, '2026-03-28T22:59:00Z', false],
    ['Paris, 25-hour Sunday 25 October: 23:59 CET', parisSundays, '2026-10-25T22:59:00Z', true],
    ['Paris, 25-hour Sunday 25 October: Monday 00:00 CET', parisSundays, '2026-10-25T23:00:00Z', false],
    ['Paris, 25-hour Sunday 25 October: 00:00 CEST', parisSundays, '2026-10-24T22:00:00Z', true],
    ['Paris, 29 March 01:59 CET, before the skipped hour', parisSkipped, '2026-03-29T00:59:00Z', false],
    ['Paris, 29 March 03:00 CEST, right after the skipped hour', parisSkipped, '2026-03-29T01:00:00Z', true],
    ['Paris, 25 October 02:15 CEST, first time round', parisRepeated, '2026-10-25T00:15:00Z', true],
    ['Paris, 25 October 02:45 CEST, first time round', parisRepeated, '2026-10-25T00:45:00Z', false],
    ['Paris, 25 October 02:15 CET, second time round', parisRepeated, '2026-10-25T01:15:00Z', true],
    ['New York, Friday 6 March 09:00 EST', newYork, '2026-03-06T14:00:00Z', true],
    ['New York, Friday 6 March 08:00 EST', newYork, '2026-03-06T13:00:00Z', false],
    ['New York, Monday 9 March 09:00 EDT', newYork, '2026-03-09T13:00:00Z', true],
    ['New York, Monday 9 March 16:30 EDT', newYork, '2026-03-09T20:30:00Z', true],
    ['New York, Monday 9 March 17:00 EDT', newYork, '2026-03-09T21:00:00Z', false],
    ['New York, Monday 2 November 08:30 EST', newYork, '2026-11-02T13:30:00Z', false],
    ['New York, Monday 2 November 09:00 EST', newYork, '2026-11-02T14:00:00Z', true],
    ['New York, Friday 16:00 EDT', newYork, '2026-06-19T20:00:00Z', true],
    ['no business hours: always open', undefined, '2026-06-21T03:00:00Z', true],
  ])('%s → %s', (_name, businessHours, instant, open) => {
    expect(isWithinBusinessHours(businessHours, at(instant))).toBe(open);
  });
});

describe('nextOpening', () => {
  it.each([
    ['Paris, Monday 07:00 CEST → 08:00 the same day', paris, '2026-06-15T05:00:00Z', '2026-06-15T06:00:00.000Z'],
    ['Paris, Monday 21:00 CEST → Tuesday 08:00', paris, '2026-06-15T19:00:00Z', '2026-06-16T06:00:00.000Z'],
    ['Paris, Saturday 13:30 CEST → 14:00 after the break', paris, '2026-06-20T11:30:00Z', '2026-06-20T12:00:00.000Z'],
    ['Paris, Saturday 18:00 CEST → Monday 08:00', paris, '2026-06-20T16:00:00Z', '2026-06-22T06:00:00.000Z'],
    [
      'Paris, Christmas Eve 21:00 → Saturday 26th 09:00 (25th closed)',
      paris,
      '2026-12-24T20:00:00Z',
      '2026-12-26T08:00:00.000Z',
    ],
    [
      "Paris, New Year's Eve 21:00 → Saturday 2 January 09:00",
      paris,
      '2026-12-31T20:00:00Z',
      '2027-01-02T08:00:00.000Z',
    ],
    [
      'Paris, Saturday 28 March (CET) → Monday 30 March 08:00 CEST',
      paris,
      '2026-03-28T17:00:00Z',
      '2026-03-30T06:00:00.000Z',
    ],
    [
      'Paris, Saturday 24 October (CEST) → Monday 26 October 08:00 CET',
      paris,
      '2026-10-24T16:00:00Z',
      '2026-10-26T07:00:00.000Z',
    ],
    [
      'Paris, opening at 02:30 skipped on 29 March → 03:00 CEST',
      parisSkipped,
      '2026-03-29T00:30:00Z',
      '2026-03-29T01:00:00.000Z',
    ],
    [
      'Paris, opening at 02:30 on 25 October → its first occurrence',
      parisSkipped,
      '2026-10-25T00:10:00Z',
      '2026-10-25T00:30:00.000Z',
    ],
    [
      'Paris, 25 October 02:45 CEST → reopens when the clock goes back to 02:00',
      parisRepeated,
      '2026-10-25T00:45:00Z',
      '2026-10-25T01:00:00.000Z',
    ],
    [
      'New York, Friday 6 March 18:00 EST → Monday 9 March 09:00 EDT',
      newYork,
      '2026-03-06T23:00:00Z',
      '2026-03-09T13:00:00.000Z',
    ],
    [
      'New York, Friday 30 October 18:00 EDT → Monday 2 November 09:00 EST',
      newYork,
      '2026-10-30T22:00:00Z',
      '2026-11-02T14:00:00.000Z',
    ],
    [
      'New York, Saturday 01:00 UTC is still Friday evening there',
      newYork,
      '2026-06-20T01:00:00Z',
      '2026-06-22T13:00:00.000Z',
    ],
  ])('%s', (_name, businessHours, instant, expected) => {
    expect(nextOpening(businessHours, at(instant))?.toISOString()).toBe(expected);
  });

  it('is undefined when open now, or with no business hours', () => {
    expect(nextOpening(paris, at('2026-06-15T10:00:00Z'))).toBeUndefined();
    expect(nextOpening(undefined, at('2026-06-21T10:00:00Z'))).toBeUndefined();
  });

  /** Mondays only, with the first `weeks` Mondays from 2026-01-05 as holidays. */
  const mondaysOff = (weeks: number) =>
    hours(
      { mon: '09:00-10:00' },
      {
        timeZone: 'UTC',
        holidays: Array.from({ length: weeks }, (_, week) =>
          new Date(Date.UTC(2026, 0, 5 + 7 * week)).toISOString().slice(0, 10),
        ),
      },
    );

  it('looks about 400 days ahead, and no further', () => {
    const sunday = at('2026-01-04T12:00:00Z');
    expect(nextOpening(mondaysOff(50), sunday)?.toISOString()).toBe('2026-12-21T09:00:00.000Z');
    expect(nextOpening(mondaysOff(60), sunday)).toBeUndefined();
  });
});

describe('describeNextOpening', () => {
  const weekOff = hours(
    {
      mon: '08:00-20:00',
      tue: '08:00-20:00',
      wed: '08:00-20:00',
      thu: '08:00-20:00',
      fri: '08:00-20:00',
      sat: '09:00-13:00',
    },
    {
      holidays: [
        '2026-12-24',
        '2026-12-25',
        '2026-12-26',
        '2026-12-28',
        '2026-12-29',
        '2026-12-30',
        '2026-12-31',
        '2027-01-01',
      ],
    },
  );
  const firstWeekOff = hours({ fri: '08:00-20:00' }, { holidays: ['2027-01-01'] });
  const oneOClock = hours({ tue: '01:00-02:00' }, { timeZone: 'UTC' });

  it.each([
    ['en', paris, '2026-06-15T05:00:00Z', 'today at 08:00'],
    ['fr', paris, '2026-06-15T05:00:00Z', "aujourd'hui à 08:00"],
    ['es', paris, '2026-06-15T05:00:00Z', 'hoy a las 08:00'],
    ['de', paris, '2026-06-15T05:00:00Z', 'heute um 08:00'],
    ['it', paris, '2026-06-15T05:00:00Z', 'oggi alle 08:00'],
    ['pt', paris, '2026-06-15T05:00:00Z', 'hoje às 08:00'],
    ['ko', paris, '2026-06-15T05:00:00Z', '오늘 08:00'],
    ['en', paris, '2026-06-20T11:30:00Z', 'today at 14:00'],
    ['en', paris, '2026-06-15T19:00:00Z', 'tomorrow at 08:00'],
    ['fr', paris, '2026-06-15T19:00:00Z', 'demain à 08:00'],
    ['es', paris, '2026-06-15T19:00:00Z', 'mañana a las 08:00'],
    ['de', paris, '2026-06-15T19:00:00Z', 'morgen um 08:00'],
    ['it', paris, '2026-06-15T19:00:00Z', 'domani alle 08:00'],
    ['pt', paris, '2026-06-15T19:00:00Z', 'amanhã às 08:00'],
    ['en', paris, '2026-06-20T16:00:00Z', 'on Monday at 08:00'],
    ['fr', paris, '2026-06-20T16:00:00Z', 'lundi à 08:00'],
    ['es', paris, '2026-06-20T16:00:00Z', 'el lunes a las 08:00'],
    ['de', paris, '2026-06-20T16:00:00Z', 'am Montag um 08:00'],
    ['it', paris, '2026-06-20T16:00:00Z', 'lunedì alle 08:00'],
    ['pt', paris, '2026-06-20T16:00:00Z', 'na segunda-feira às 08:00'],
    ['en', paris, '2026-12-24T20:00:00Z', 'on Saturday at 09:00'],
    ['pt', paris, '2026-12-24T20:00:00Z', 'no sábado às 09:00'],
    ['en', weekOff, '2026-12-23T20:00:00Z', 'on 2 January at 09:00'],
    ['fr', weekOff, '2026-12-23T20:00:00Z', 'le 2 janvier à 09:00'],
    ['es', weekOff, '2026-12-23T20:00:00Z', 'el 2 de enero a las 09:00'],
    ['de', weekOff, '2026-12-23T20:00:00Z', 'am 2. Januar um 09:00'],
    ['it', weekOff, '2026-12-23T20:00:00Z', 'il 2 gennaio alle 09:00'],
    ['pt', weekOff, '2026-12-23T20:00:00Z', 'em 2 de janeiro às 09:00'],
    ['it', firstWeekOff, '2026-12-31T12:00:00Z', "l'8 gennaio alle 08:00"],
    ['en', firstWeekOff, '2026-12-31T12:00:00Z', 'on 8 January at 08:00'],
    ['es', oneOClock, '2026-06-15T12:00:00Z', 'mañana a la 01:00'],
    ['pt', oneOClock, '2026-06-15T12:00:00Z', 'amanhã à 01:00'],
    // The day after in UTC, but still the same day in Paris.
    ['en', paris, '2026-06-15T22:30:00Z', 'today at 08:00'],
    // The business zone's wall clock, not UTC's 13:00.
    ['en', newYork, '2026-03-06T23:00:00Z', 'on Monday at 09:00'],
    ['pt-BR', paris, '2026-06-15T19:00:00Z', 'amanhã às 08:00'],
    ['FR', paris, '2026-06-15T19:00:00Z', 'demain à 08:00'],
    ['ja', paris, '2026-06-15T19:00:00Z', 'tomorrow at 08:00'],
    ['en', paris, '2026-06-15T10:00:00Z', 'shortly'],
    ['fr', paris, '2026-06-15T10:00:00Z', 'très bientôt'],
    ['en', undefined, '2026-06-15T10:00:00Z', 'shortly'],
  ])('%s at %#: → %j', (language, businessHours, instant, expected) => {
    expect(describeNextOpening(businessHours, at(instant), language)).toBe(expected);
  });
});
