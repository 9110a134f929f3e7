import { gapQuestions } from '../../../src/insights/gaps/load-knowledge-gaps';
import { activityFigures } from '../../../src/insights/metrics/load-activity';
import { busiestHours } from '../../../src/insights/metrics/load-busiest-hours';
import { groupDeliveryFailures } from '../../../src/insights/metrics/load-delivery-failures';
import { handoffFigures } from '../../../src/insights/metrics/load-handoffs';
import { bucketUnit, localBuckets, tagSeries, tagTrends } from '../../../src/insights/metrics/load-tag-trends';

describe('activityFigures', () => {
  it.each([
    [{ aiReplies: 0, aiUnsure: 0 }, null],
    [{ aiReplies: 20, aiUnsure: 5 }, 0.25],
    // An unsure answer replaced by a handoff notice still counts as a reply: never above 1.
    [{ aiReplies: 1, aiUnsure: 2 }, 1],
  ])('unsure share of %j is %s', (counts, share) => {
    const row = {
      conversations: 1,
      newConversations: 0,
      inbound: 1,
      outboundAi: 2,
      outboundSpecialist: 3,
      outboundSystem: 4,
      ...counts,
    };
    expect(activityFigures(row)).toMatchObject({ outbound: 9, aiUnsureShare: share });
  });

  it('is zeros without a row', () => {
    expect(activityFigures(undefined)).toMatchObject({ conversations: 0, outbound: 0, aiUnsureShare: null });
  });
});

describe('handoffFigures', () => {
  it('classifies the starts, works out shares and what is still open', () => {
    const figures = handoffFigures({
      episodes: 6,
      conversations: 5,
      answered: 3,
      unanswered: 1,
      toHumanP50: 60,
      toHumanP90: 600,
      resolved: 3,
      resolutionP50: 3600,
      resolutionP90: 7200,
      handedBack: 1,
      under5m: 2,
      under15m: 1,
      under1h: 0,
      under4h: 0,
      under24h: 0,
      over24h: 0,
      starts: [
        { type: 'handoff_opened', actorKind: 'system', actorId: null, reason: 'keyword "refund"', count: 2 },
        { type: 'handoff_opened', actorKind: 'system', actorId: null, reason: 'keyword "visa"', count: 1 },
        { type: 'handoff_opened', actorKind: 'system', actorId: 'vip', reason: 'VIP', count: 1 },
        { type: 'claimed', actorKind: 'specialist', actorId: 'U1', reason: null, count: 2 },
      ],
    });
    expect(figures.byTrigger).toMatchObject({ keyword: 3, rule: 1, specialist: 2, ai_unsure: 0 });
    expect(figures.handedBackShare).toBeCloseTo(1 / 6);
    expect(figures.stillOpen).toBe(2);
    expect(figures.timeToHuman.distribution.map((bucket) => bucket.count)).toEqual([2, 1, 0, 0, 0, 0, 1]);
  });

  it('is zeros and nulls without episodes', () => {
    const figures = handoffFigures(undefined);
    expect(figures).toMatchObject({ episodes: 0, handedBackShare: null, stillOpen: 0 });
    expect(figures.timeToHuman.p50).toBeNull();
    expect(Object.values(figures.byTrigger).every((count) => count === 0)).toBe(true);
  });
});

describe('tag trends', () => {
  it.each([
    [
      { tag: 'a', count: 4, previous: 2 },
      { change: 2, changeShare: 1 },
    ],
    [
      { tag: 'a', count: 1, previous: 4 },
      { change: -3, changeShare: -0.75 },
    ],
    [
      { tag: 'a', count: 3, previous: 0 },
      { change: 3, changeShare: null },
    ],
    [
      { tag: 'a', count: 0, previous: 2 },
      { change: -2, changeShare: -1 },
    ],
  ])('%j changed by %j', (row, expected) => {
    expect(tagTrends([row])[0]).toMatchObject(expected);
  });

  it('sorts by count, then by the count before, then by name; drops tags never applied', () => {
    const trends = tagTrends([
      { tag: 'b', count: 1, previous: 0 },
      { tag: 'a', count: 1, previous: 0 },
      { tag: 'c', count: 1, previous: 5 },
      { tag: 'd', count: 7, previous: 0 },
      { tag: 'e', count: 0, previous: 0 },
    ]);
    expect(trends.map((trend) => trend.tag)).toEqual(['d', 'c', 'a', 'b']);
  });

  it.each([
    [
      'Paris week',
      '2026-11-15T23:00:00Z',
      '2026-11-22T23:00:00Z',
      'Europe/Paris',
      'day',
      7,
      '2026-11-16',
      '2026-11-22',
    ],
    ['UTC day', '2026-11-16T00:00:00Z', '2026-11-17T00:00:00Z', 'UTC', 'day', 1, '2026-11-16', '2026-11-16'],
    ['partial days', '2026-11-16T12:00:00Z', '2026-11-17T12:00:00Z', 'UTC', 'day', 2, '2026-11-16', '2026-11-17'],
    ['quarter by week', '2026-09-01T00:00:00Z', '2026-12-01T00:00:00Z', 'UTC', 'week', 14, '2026-08-31', '2026-11-30'],
  ])('buckets of a %s', (_name, from, to, timeZone, unit, count, first, last) => {
    const period = { from: new Date(from), to: new Date(to), timeZone };
    expect(bucketUnit(period)).toBe(unit);
    const buckets = localBuckets(period, unit as 'day' | 'week');
    expect([buckets.length, buckets[0], buckets.at(-1)]).toEqual([count, first, last]);
  });

  it('fills each top tag per bucket with zeros, at most 6 tags', () => {
    const trends = tagTrends(Array.from({ length: 8 }, (_, i) => ({ tag: `t${i}`, count: 10 - i, previous: 0 })));
    const series = tagSeries(
      [
        { tag: 't0', bucket: '2026-11-17', count: 2 },
        { tag: 't7', bucket: '2026-11-16', count: 1 },
        { tag: 't1', bucket: '2026-10-01', count: 9 },
      ],
      ['2026-11-16', '2026-11-17'],
      trends,
      'day',
    );
    expect(series.series.map((s) => s.tag)).toEqual(['t0', 't1', 't2', 't3', 't4', 't5']);
    expect(series.series[0]?.counts).toEqual([0, 2]);
    expect(series.series[1]?.counts).toEqual([0, 0]);
  });
});

describe('groupDeliveryFailures', () => {
  it('groups by code (by message without one), labels with the most frequent message', () => {
    const failures = groupDeliveryFailures(
      [
        { code: '30003', message: 'Unreachable', count: 1 },
        { code: '30003', message: 'Unreachable destination handset', count: 2 },
        { code: null, message: 'session closed', count: 4 },
        { code: '', message: null, count: 1 },
        { code: '21610', message: 'Unsubscribed recipient', count: 3 },
      ],
      100,
    );
    expect(failures).toEqual({
      total: 11,
      share: 0.11,
      reasons: [
        { code: null, message: 'session closed', count: 4 },
        { code: '21610', message: 'Unsubscribed recipient', count: 3 },
        { code: '30003', message: 'Unreachable destination handset', count: 3 },
        { code: null, message: 'no reason given', count: 1 },
      ],
    });
  });

  it('has no share when nothing was sent', () => {
    expect(groupDeliveryFailures([], 0)).toEqual({ total: 0, share: null, reasons: [] });
  });
});

describe('busiestHours', () => {
  it('lays counts out by weekday and hour with totals and the top slots', () => {
    const hours = busiestHours([
      { weekday: 1, hour: 9, count: 5 },
      { weekday: 7, hour: 23, count: 5 },
      { weekday: 3, hour: 0, count: 7 },
      { weekday: 3, hour: 1, count: 1 },
    ]);
    expect(hours.grid[6]?.[23]).toBe(5);
    expect(hours.byWeekday).toEqual([5, 0, 8, 0, 0, 0, 5]);
    expect(hours.byHour[0]).toBe(7);
    expect(hours.top).toEqual([
      { weekday: 3, hour: 0, count: 7 },
      { weekday: 1, hour: 9, count: 5 },
      { weekday: 7, hour: 23, count: 5 },
      { weekday: 3, hour: 1, count: 1 },
    ]);
  });
});

describe('gapQuestions', () => {
  const row = (id: string, source: 'ai_unsure' | 'handoff', reason: string | null, actorId: string | null = null) => ({
    id,
    text: `question ${id}`,
    askedAt: new Date('2026-11-16T10:00:00Z'),
    source,
    type: source === 'handoff' ? 'handoff_opened' : null,
    actorKind: source === 'handoff' ? 'system' : null,
    actorId,
    reason,
  });

  it('keeps unsure answers and keyword, rule and AI handoffs, once per message', () => {
    const questions = gapQuestions([
      row('1', 'ai_unsure', null),
      row('1', 'handoff', 'AI unsure 1 time'),
      row('2', 'handoff', 'keyword "refund"'),
      row('3', 'handoff', 'traveler asked for a person'),
      row('4', 'handoff', 'tag "urgent" applied'),
      row('5', 'handoff', 'action "quote" completed'),
      row('6', 'handoff', 'Pricing', 'pricing-rule'),
    ]);
    expect(questions.map((question) => question.id)).toEqual(['1', '2', '6']);
  });
});
