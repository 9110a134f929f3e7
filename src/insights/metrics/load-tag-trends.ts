import { Prisma } from '@prisma/client';
import { addDays, localDate, weekdayOf } from '../../core/zoned-time';
import type { Db } from '../../db/prisma-client';
import { previousPeriod, type ReportQuery, sqlConversationMatches, sqlLocal, sqlWithin } from '../report-query';

/** Definitions: docs/insights.md ("Tags"). */
export interface TagTrend {
  tag: string;
  /** Conversations the tag was applied to in the period. */
  count: number;
  /** The same in the period of the same length just before. */
  previous: number;
  change: number;
  /** change ÷ previous; null when the tag was not applied before. */
  changeShare: number | null;
}

export interface TagSeries {
  /** Local days, or the Mondays of local weeks for periods over 62 days. */
  unit: 'day' | 'week';
  buckets: string[];
  /** The most applied tags (at most 6), a count per bucket. */
  series: Array<{ tag: string; counts: number[] }>;
}

export interface TagFigures {
  trends: TagTrend[];
  series: TagSeries;
}

export interface TagCountRow {
  tag: string;
  count: number;
  previous: number;
}

export interface TagBucketRow {
  tag: string;
  bucket: string;
  count: number;
}

const MAX_SERIES = 6;
const MAX_DAILY_BUCKETS = 62;

export async function loadTagTrends(db: Db, query: ReportQuery): Promise<TagFigures> {
  const before = previousPeriod(query);
  const unit = bucketUnit(query);
  // A tag may have been removed since: its `tag_added` event still counts. Tags applied
  // without an event (none today) still count through ConversationTag.appliedAt.
  const applied = Prisma.sql`
    SELECT a."conversationId", a.tag, a.at FROM (
      SELECT ct."conversationId", t.name AS tag, ct."appliedAt" AS at
      FROM "ConversationTag" ct JOIN "Tag" t ON t.id = ct."tagId"
      WHERE ${sqlWithin(Prisma.sql`ct."appliedAt"`, { from: before.from, to: query.to })}
      UNION ALL
      SELECT e."conversationId", e.data ->> 'tag', e."createdAt"
      FROM "ConversationEvent" e
      WHERE e.type = 'tag_added' AND e.data ->> 'tag' IS NOT NULL
        AND ${sqlWithin(Prisma.sql`e."createdAt"`, { from: before.from, to: query.to })}
    ) a JOIN "Conversation" c ON c.id = a."conversationId"
    WHERE ${sqlConversationMatches(query)}`;
  const from = Prisma.sql`${query.from}::timestamp`;
  const [counts, buckets] = await Promise.all([
    db.$queryRaw<TagCountRow[]>(Prisma.sql`
      WITH applied AS (${applied})
      SELECT tag,
             count(DISTINCT "conversationId") FILTER (WHERE at >= ${from})::int AS count,
             count(DISTINCT "conversationId") FILTER (WHERE at < ${from})::int AS previous
      FROM applied GROUP BY tag`),
    db.$queryRaw<TagBucketRow[]>(Prisma.sql`
      WITH applied AS (${applied})
      SELECT tag, to_char(date_trunc(${unit}::text, ${sqlLocal(Prisma.sql`at`, query.timeZone)}), 'YYYY-MM-DD')
               AS bucket,
             count(DISTINCT "conversationId")::int AS count
      FROM applied WHERE at >= ${from}
      GROUP BY 1, 2`),
  ]);
  const trends = tagTrends(counts);
  return { trends, series: tagSeries(buckets, localBuckets(query, unit), trends, unit) };
}

export function bucketUnit(period: { from: Date; to: Date }): 'day' | 'week' {
  return period.to.getTime() - period.from.getTime() > MAX_DAILY_BUCKETS * 86_400_000 ? 'week' : 'day';
}

/** Tags most applied first (then by name), with their change since the previous period. Pure. */
export function tagTrends(rows: readonly TagCountRow[]): TagTrend[] {
  return rows
    .filter((row) => row.count > 0 || row.previous > 0)
    .map((row) => ({
      tag: row.tag,
      count: row.count,
      previous: row.previous,
      change: row.count - row.previous,
      changeShare: row.previous > 0 ? (row.count - row.previous) / row.previous : null,
    }))
    .sort((a, b) => b.count - a.count || b.previous - a.previous || a.tag.localeCompare(b.tag));
}

/** The local days (or week-starting Mondays) the period covers, in order. Pure. */
export function localBuckets(query: Pick<ReportQuery, 'from' | 'to' | 'timeZone'>, unit: 'day' | 'week'): string[] {
  if (query.to.getTime() <= query.from.getTime()) return [];
  const first = localDate(query.from, query.timeZone);
  const last = localDate(new Date(query.to.getTime() - 1), query.timeZone);
  const start = unit === 'week' ? addDays(first, 1 - weekdayOf(first)) : first;
  const buckets: string[] = [];
  for (let bucket = start; bucket <= last; bucket = addDays(bucket, unit === 'week' ? 7 : 1)) buckets.push(bucket);
  return buckets;
}

/** Per-bucket counts of the top tags, zeros filled in. Pure. */
export function tagSeries(
  rows: readonly TagBucketRow[],
  buckets: readonly string[],
  trends: readonly TagTrend[],
  unit: 'day' | 'week',
): TagSeries {
  const top = trends.filter((trend) => trend.count > 0).slice(0, MAX_SERIES);
  const index = new Map(buckets.map((bucket, i) => [bucket, i]));
  const series = top.map((trend) => {
    const counts = buckets.map(() => 0);
    for (const row of rows) {
      const at = index.get(row.bucket);
      if (row.tag === trend.tag && at !== undefined) counts[at] = (counts[at] ?? 0) + row.count;
    }
    return { tag: trend.tag, counts };
  });
  return { unit, buckets: [...buckets], series };
}
