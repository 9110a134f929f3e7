import { parseBatonConfig } from '../../../src/config/load-baton-config';
import { ConfigError } from '../../../src/core/errors';
import { insightsTimeZone } from '../../../src/insights/insights-settings';

function problemsOf(yaml: string): string[] {
  try {
    parseBatonConfig(yaml, 'test.yml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('insights config', () => {
  it('is optional: reports count in the business hours zone, else UTC', () => {
    expect(parseBatonConfig('', 'empty.yml').insights).toBeUndefined();
    expect(insightsTimeZone(parseBatonConfig('', 'empty.yml'))).toBe('UTC');
    const withHours = parseBatonConfig(
      'businessHours:\n  timeZone: Asia/Seoul\n  weekly:\n    mon: ["09:00-18:00"]\n',
      'hours.yml',
    );
    expect(insightsTimeZone(withHours)).toBe('Asia/Seoul');
  });

  it('reads the zone and the weekly digest, with defaults for weekday and time', () => {
    const config = parseBatonConfig(
      'insights:\n  timeZone: Europe/Paris\n  digest:\n    channel: C0DIGEST01\n',
      'insights.yml',
    );
    expect(config.insights).toEqual({
      timeZone: 'Europe/Paris',
      digest: { channel: 'C0DIGEST01', weekday: 'mon', time: '09:00' },
    });
    expect(insightsTimeZone(config)).toBe('Europe/Paris');
  });

  it.each([
    ['insights:\n  timeZone: Paris\n', /insights\.timeZone: .*not an IANA time zone/],
    ['insights:\n  digest:\n    channel: general\n', /insights\.digest\.channel: .*not a Slack channel ID/],
    [
      'insights:\n  digest:\n    channel: C0DIGEST01\n    weekday: monday\n',
      /insights\.digest\.weekday: expected one of mon/,
    ],
    [
      'insights:\n  digest:\n    channel: C0DIGEST01\n    time: "9am"\n',
      /insights\.digest\.time: "9am" is not a time of day/,
    ],
    ['insights:\n  timezone: UTC\n', /insights/],
  ])('names the problem in %j', (yaml, problem) => {
    expect(problemsOf(yaml).join('\n')).toMatch(problem);
  });
});
