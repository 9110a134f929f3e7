import { createPrismaClient, type Db } from '../../../src/db/prisma-client';
import { buildInsightsReport, type InsightsReport } from '../../../src/insights/build-insights-report';
import { loadKnowledgeGaps } from '../../../src/insights/gaps/load-knowledge-gaps';
import { loadActivity } from '../../../src/insights/metrics/load-activity';
import { loadBusiestHours } from '../../../src/insights/metrics/load-busiest-hours';
import { loadHandoffs } from '../../../src/insights/metrics/load-handoffs';
import { loadTagTrends } from '../../../src/insights/metrics/load-tag-trends';
import { createTestDatabase, type TestDatabase } from '../../support/test-services';
import { parisWeek, seedInsightsWeek } from './seed-insights';

/** Every metric group against a seeded week in the real PostgreSQL, with the answers worked out by hand. */
describe('insights metrics (PostgreSQL, seeded week)', () => {
  let database: TestDatabase;
  let db: Db;
  let report: InsightsReport;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url, { poolSize: 4 });
    await seedInsightsWeek(db);
    report = await buildInsightsReport(db, parisWeek);
  }, 60_000);

  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it('counts activity: conversations with a message or event, messages in and out', () => {
    expect(report.activity).toEqual({
      conversations: 7,
      newConversations: 1,
      inbound: 7,
      outbound: 9,
      outboundByAuthor: { ai: 1, specialist: 4, system: 4 },
      aiReplies: 1,
      aiUnsure: 1,
      aiUnsureShare: 1,
    });
  });

  it('counts handoffs by trigger, time to a specialist, resolution and hand-backs', () => {
    const { handoffs } = report;
    expect(handoffs.episodes).toBe(5);
    expect(handoffs.conversations).toBe(5);
    expect(handoffs.share).toBeCloseTo(5 / 7);
    expect(handoffs.byTrigger).toEqual({
      keyword: 1,
      ask_for_human: 1,
      tag: 0,
      action: 0,
      ai_unsure: 1,
      rule: 1,
      specialist: 1,
      other: 0,
    });
    expect(handoffs.timeToHuman).toMatchObject({ answered: 3, unanswered: 1, p50: 1800 });
    expect(handoffs.timeToHuman.p90).toBeCloseTo(6120);
    expect(handoffs.timeToHuman.distribution.map((bucket) => bucket.count)).toEqual([0, 1, 1, 1, 0, 0, 1]);
    expect(handoffs.resolution).toEqual({ resolved: 2, p50: 7200, p90: expect.closeTo(10080) });
    expect(handoffs.handedBack).toBe(1);
    expect(handoffs.handedBackShare).toBeCloseTo(0.2);
    expect(handoffs.stillOpen).toBe(2);
  });

  it('counts tags against the week before, removed tags included through their events', () => {
    expect(report.tags.trends).toEqual([
      { tag: 'urgent', count: 2, previous: 1, change: 1, changeShare: 1 },
      { tag: 'refund', count: 1, previous: 1, change: 0, changeShare: 0 },
      { tag: 'vip', count: 1, previous: 0, change: 1, changeShare: null },
    ]);
    expect(report.tags.series).toEqual({
      unit: 'day',
      buckets: ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'],
      series: [
        { tag: 'urgent', counts: [1, 0, 0, 0, 1, 0, 0] },
        // Applied at 23:30 UTC on the 17th: the 18th in Paris.
        { tag: 'refund', counts: [0, 0, 1, 0, 0, 0, 0] },
        { tag: 'vip', counts: [0, 0, 0, 0, 1, 0, 0] },
      ],
    });
  });

  it('groups delivery failures by error code, labelled with the most frequent message', () => {
    expect(report.deliveryFailures).toEqual({
      total: 4,
      share: 4 / 9,
      reasons: [
        { code: '30003', message: 'Unreachable destination handset', count: 3 },
        { code: '63016', message: 'Outside the 24 hour window', count: 1 },
      ],
    });
  });

  it('lays traveler messages out by local weekday and hour: 23:30 UTC on Tuesday is Wednesday 00:xx in Paris', () => {
    const { grid, byWeekday, top } = report.busiestHours;
    expect(grid[0]?.[9]).toBe(2); // Monday 09:00 Paris
    expect(grid[2]?.[0]).toBe(1); // Wednesday 00:30 Paris
    expect(grid[1]?.[23]).toBe(0);
    expect(byWeekday).toEqual([3, 0, 1, 1, 1, 1, 0]);
    expect(top).toEqual([
      { weekday: 1, hour: 9, count: 2 },
      { weekday: 1, hour: 0, count: 1 },
      { weekday: 3, hour: 0, count: 1 },
      { weekday: 4, hour: 11, count: 1 },
      { weekday: 5, hour: 13, count: 1 },
    ]);
  });

  it('finds knowledge gaps: unsure answers and the messages before handoffs, asking for a person left out', () => {
    const { knowledgeGaps } = report;
    expect(knowledgeGaps.questions).toBe(4);
    expect(knowledgeGaps.gaps.map((gap) => [gap.label.split(', ')[0], gap.count])).toEqual([
      ['dog', 2],
      ['price', 1],
      ['refund', 1],
    ]);
    expect(knowledgeGaps.gaps[0]?.examples).toEqual([
      'Are dogs allowed on the excursion?',
      'Can I bring my dog on the tour?',
    ]);
  });

  it('counts the same week in UTC differently: days and hours move, the Sunday-night message drops out', async () => {
    const utc = { from: new Date('2026-11-16T00:00:00Z'), to: new Date('2026-11-23T00:00:00Z'), timeZone: 'UTC' };
    const [activity, hours, tags] = await Promise.all([
      loadActivity(db, utc),
      loadBusiestHours(db, utc),
      loadTagTrends(db, utc),
    ]);
    expect(activity.conversations).toBe(6);
    expect(activity.inbound).toBe(6);
    expect(hours.grid[1]?.[23]).toBe(1); // Tuesday 23:30 UTC
    expect(hours.grid[2]?.[0]).toBe(0);
    expect(tags.series.series.find((series) => series.tag === 'refund')?.counts).toEqual([0, 1, 0, 0, 0, 0, 0]);
  });

  it('is all zeros for an empty period, with its days listed', async () => {
    const empty = await buildInsightsReport(db, {
      from: new Date('2026-09-27T22:00:00Z'),
      to: new Date('2026-10-04T22:00:00Z'),
      timeZone: 'Europe/Paris',
    });
    expect(empty.activity.conversations).toBe(0);
    expect(empty.activity.aiUnsureShare).toBeNull();
    expect(empty.handoffs).toMatchObject({ episodes: 0, share: null, handedBackShare: null, stillOpen: 0 });
    expect(empty.handoffs.timeToHuman).toMatchObject({ p50: null, p90: null, answered: 0 });
    expect(empty.handoffs.resolution).toEqual({ resolved: 0, p50: null, p90: null });
    expect(empty.tags).toEqual({
      trends: [],
      series: {
        unit: 'day',
        buckets: ['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04'],
        series: [],
      },
    });
    expect(empty.deliveryFailures).toEqual({ total: 0, share: null, reasons: [] });
    expect(empty.busiestHours.top).toEqual([]);
    expect(empty.knowledgeGaps).toEqual({ gaps: [], questions: 0, withoutTopic: 0 });
  });

  it.each([
    ['channel', { channel: 'twilio_whatsapp' as const }, 1, { keyword: 1 }],
    ['tag (the conversation has it now)', { tag: 'URGENT' }, 3, { ai_unsure: 1, specialist: 1 }],
    ['destination (collected field or tag)', { destination: 'france' }, 2, { ai_unsure: 1, ask_for_human: 1 }],
  ])('filters by %s', async (_name, filters, conversations, triggers) => {
    const query = { ...parisWeek, ...filters };
    const [activity, handoffs] = await Promise.all([loadActivity(db, query), loadHandoffs(db, query)]);
    expect(activity.conversations).toBe(conversations);
    const nonZero = Object.fromEntries(Object.entries(handoffs.byTrigger).filter(([, count]) => count > 0));
    expect(nonZero).toEqual(triggers);
  });

  it('limits knowledge gaps to the filtered conversations', async () => {
    const gaps = await loadKnowledgeGaps(db, { ...parisWeek, channel: 'twilio_whatsapp' });
    expect(gaps.gaps.map((gap) => gap.examples)).toEqual([['I want a refund for my cancelled booking']]);
  });
});
