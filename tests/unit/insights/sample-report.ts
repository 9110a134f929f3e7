import type { InsightsReport } from '../../../src/insights/build-insights-report';
import { busiestHours } from '../../../src/insights/metrics/load-busiest-hours';
import { handoffFigures } from '../../../src/insights/metrics/load-handoffs';

/** A week's report with figures of every kind, for formatting and rendering tests. */
export function sampleReport(overrides: Partial<InsightsReport> = {}): InsightsReport {
  const handoffs = handoffFigures({
    episodes: 10,
    conversations: 9,
    answered: 7,
    unanswered: 2,
    toHumanP50: 720,
    toHumanP90: 5400,
    resolved: 6,
    resolutionP50: 7200,
    resolutionP90: 90_000,
    handedBack: 2,
    under5m: 2,
    under15m: 2,
    under1h: 1,
    under4h: 1,
    under24h: 1,
    over24h: 0,
    starts: [
      { type: 'handoff_opened', actorKind: 'system', actorId: null, reason: 'keyword "refund"', count: 4 },
      { type: 'handoff_opened', actorKind: 'ai', actorId: null, reason: 'AI unsure 2 times', count: 3 },
      { type: 'claimed', actorKind: 'specialist', actorId: 'U1', reason: 'replied in the Slack thread', count: 3 },
    ],
  });
  return {
    period: {
      from: new Date('2026-11-15T23:00:00Z'),
      to: new Date('2026-11-22T23:00:00Z'),
      timeZone: 'Europe/Paris',
      previousFrom: new Date('2026-11-08T23:00:00Z'),
    },
    filters: {},
    activity: {
      conversations: 36,
      newConversations: 20,
      inbound: 210,
      outbound: 250,
      outboundByAuthor: { ai: 180, specialist: 60, system: 10 },
      aiReplies: 150,
      aiUnsure: 12,
      aiUnsureShare: 0.08,
    },
    handoffs: { ...handoffs, share: 0.25 },
    tags: {
      trends: [
        { tag: 'urgent', count: 5, previous: 3, change: 2, changeShare: 2 / 3 },
        { tag: 'lost luggage', count: 2, previous: 0, change: 2, changeShare: null },
      ],
      series: {
        unit: 'day',
        buckets: ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'],
        series: [
          { tag: 'urgent', counts: [1, 0, 2, 0, 1, 1, 0] },
          { tag: 'lost luggage', counts: [0, 1, 0, 0, 0, 1, 0] },
        ],
      },
    },
    deliveryFailures: {
      total: 3,
      share: 0.012,
      reasons: [{ code: '30003', message: 'Unreachable destination handset', count: 3 }],
    },
    busiestHours: busiestHours([
      { weekday: 1, hour: 9, count: 14 },
      { weekday: 5, hour: 18, count: 9 },
    ]),
    knowledgeGaps: {
      questions: 5,
      withoutTopic: 1,
      gaps: [
        {
          label: 'dog, ferry',
          terms: ['dog', 'boat'],
          count: 3,
          examples: ['Can my dog take the ferry?', 'Dogs on the ferry <allowed>?'],
          lastAskedAt: new Date('2026-11-20T10:00:00Z'),
        },
      ],
    },
    ...overrides,
  };
}
