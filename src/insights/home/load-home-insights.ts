import type { ChannelKind } from '../../channels/channel-adapter';
import type { Db } from '../../db/prisma-client';
import type { HomeInsights } from '../../handoff/blocks/app-home';
import { shareOf } from '../build-insights-report';
import { loadKnowledgeGaps } from '../gaps/load-knowledge-gaps';
import { loadActivity } from '../metrics/load-activity';
import { loadHandoffs } from '../metrics/load-handoffs';
import { loadTagTrends } from '../metrics/load-tag-trends';

const DAY_MS = 86_400_000;
const HOME_DAYS = 7;

/**
 * The App Home's headline figures: the 7 days up to `now` (a rolling window, so no time
 * zone is needed), filtered by the inbox's tag and channel, and the top 5 knowledge gaps.
 */
export async function loadHomeInsights(
  db: Db,
  query: { now: Date; tag?: string; channel?: ChannelKind },
): Promise<HomeInsights> {
  const report = {
    from: new Date(query.now.getTime() - HOME_DAYS * DAY_MS),
    to: query.now,
    timeZone: 'UTC',
    ...(query.tag !== undefined && { tag: query.tag }),
    ...(query.channel !== undefined && { channel: query.channel }),
  };
  const [activity, handoffs, tags, gaps] = await Promise.all([
    loadActivity(db, report),
    loadHandoffs(db, report),
    loadTagTrends(db, report),
    loadKnowledgeGaps(db, report, { maxExamples: 1 }),
  ]);
  return {
    periodLabel: `Last ${HOME_DAYS} days`,
    conversations: activity.conversations,
    handedOff: handoffs.conversations,
    handoffShare: shareOf(handoffs.conversations, activity.conversations),
    medianTimeToHumanSeconds: handoffs.timeToHuman.p50,
    topTags: tags.trends
      .filter((trend) => trend.count > 0)
      .slice(0, 3)
      .map((trend) => ({ name: trend.tag, count: trend.count, change: trend.change })),
    gaps: gaps.gaps.slice(0, 5).map((gap) => ({
      label: gap.label,
      count: gap.count,
      ...(gap.examples[0] !== undefined && { example: gap.examples[0] }),
    })),
  };
}
