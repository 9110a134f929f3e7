import type { Db } from '../db/prisma-client';
import { type KnowledgeGaps, loadKnowledgeGaps } from './gaps/load-knowledge-gaps';
import { type ActivityFigures, loadActivity } from './metrics/load-activity';
import { type BusiestHours, loadBusiestHours } from './metrics/load-busiest-hours';
import { type DeliveryFailures, groupDeliveryFailures, loadDeliveryFailures } from './metrics/load-delivery-failures';
import { type HandoffFigures, loadHandoffs } from './metrics/load-handoffs';
import { loadTagTrends, type TagFigures } from './metrics/load-tag-trends';
import { previousPeriod, type ReportFilters, type ReportQuery } from './report-query';

/** Everything `baton report`, the digest and the App Home show. Definitions: docs/insights.md. */
export interface InsightsReport {
  period: { from: Date; to: Date; timeZone: string; previousFrom: Date };
  filters: ReportFilters;
  activity: ActivityFigures;
  handoffs: HandoffFigures & {
    /** Conversations with a handoff ÷ active conversations; null without active conversations. */
    share: number | null;
  };
  tags: TagFigures;
  deliveryFailures: DeliveryFailures;
  busiestHours: BusiestHours;
  knowledgeGaps: KnowledgeGaps;
}

export async function buildInsightsReport(db: Db, query: ReportQuery): Promise<InsightsReport> {
  if (!(query.from.getTime() < query.to.getTime())) {
    throw new RangeError(
      `the period must end after it starts (${query.from.toISOString()} … ${query.to.toISOString()})`,
    );
  }
  const [activity, handoffs, tags, failures, busiestHours, knowledgeGaps] = await Promise.all([
    loadActivity(db, query),
    loadHandoffs(db, query),
    loadTagTrends(db, query),
    loadDeliveryFailures(db, query),
    loadBusiestHours(db, query),
    loadKnowledgeGaps(db, query),
  ]);
  const { tag, channel, destination } = query;
  return {
    period: {
      from: query.from,
      to: query.to,
      timeZone: query.timeZone,
      previousFrom: previousPeriod(query).from,
    },
    filters: {
      ...(tag !== undefined && { tag }),
      ...(channel !== undefined && { channel }),
      ...(destination !== undefined && { destination }),
    },
    activity,
    handoffs: { ...handoffs, share: shareOf(handoffs.conversations, activity.conversations) },
    tags,
    deliveryFailures: groupDeliveryFailures(failures.rows, failures.sent),
    busiestHours,
    knowledgeGaps,
  };
}

export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.min(1, part / whole) : null;
}
