import { readInstant, readReportOptions } from '../../../src/insights/run-report-command';

const now = new Date('2026-11-25T12:00:00Z');

describe('readReportOptions', () => {
  it('defaults to the last 7 complete days in the default zone', () => {
    expect(readReportOptions({}, 'Europe/Paris', now)).toEqual({
      from: new Date('2026-11-17T23:00:00Z'),
      to: new Date('2026-11-24T23:00:00Z'),
      timeZone: 'Europe/Paris',
    });
  });

  it('reads local dates in --tz, and the filters', () => {
    expect(
      readReportOptions(
        {
          from: '2026-11-01',
          to: '2026-12-01',
          tz: 'America/New_York',
          tag: 'vip',
          channel: 'twilio_sms',
          destination: 'France',
        },
        'UTC',
        now,
      ),
    ).toEqual({
      from: new Date('2026-11-01T04:00:00Z'),
      to: new Date('2026-12-01T05:00:00Z'),
      timeZone: 'America/New_York',
      tag: 'vip',
      channel: 'twilio_sms',
      destination: 'France',
    });
  });

  it('takes 7 days before --to when --from is missing', () => {
    const query = readReportOptions({ to: '2026-11-10' }, 'UTC', now);
    expect(query.from).toEqual(new Date('2026-11-03T00:00:00Z'));
  });

  it.each([
    ['2026-11-16', '2026-11-15T23:00:00.000Z'],
    ['2026-11-16T09:30', '2026-11-16T08:30:00.000Z'],
    ['2026-11-16 09:30', '2026-11-16T08:30:00.000Z'],
    ['2026-11-16T09:30:00Z', '2026-11-16T09:30:00.000Z'],
    ['2026-11-16T09:30:00+05:00', '2026-11-16T04:30:00.000Z'],
  ])('reads %s in Paris as %s', (text, iso) => {
    expect(readInstant('--from', text, 'Europe/Paris').toISOString()).toBe(iso);
  });

  it.each(['yesterday', '2026-13-01', '2026-02-30', '2026-11-16T25:00', '16/11/2026'])('refuses %s', (text) => {
    expect(() => readInstant('--from', text, 'UTC')).toThrow(/is not a date\. Fix:/);
  });
});
