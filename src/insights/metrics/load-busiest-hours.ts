import { Prisma } from '@prisma/client';
import type { Db } from '../../db/prisma-client';
import { type ReportQuery, sqlConversationMatches, sqlLocal, sqlWithin } from '../report-query';

/** Traveler messages by local weekday and hour, for staffing. Definitions: docs/insights.md. */
export interface BusiestHours {
  /** grid[weekday - 1][hour]: inbound messages; weekday 1 = Monday, hours 0-23 local. */
  grid: number[][];
  byWeekday: number[];
  byHour: number[];
  /** The busiest weekday-hour slots (at most 5, none empty), busiest first. */
  top: Array<{ weekday: number; hour: number; count: number }>;
}

export interface HourRow {
  weekday: number;
  hour: number;
  count: number;
}

export async function loadBusiestHours(db: Db, query: ReportQuery): Promise<BusiestHours> {
  const local = sqlLocal(Prisma.sql`m."createdAt"`, query.timeZone);
  const rows = await db.$queryRaw<HourRow[]>(Prisma.sql`
    SELECT EXTRACT(ISODOW FROM ${local})::int AS weekday, EXTRACT(HOUR FROM ${local})::int AS hour,
           count(*)::int AS count
    FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
    WHERE m.direction = 'inbound' AND ${sqlWithin(Prisma.sql`m."createdAt"`, query)}
      AND ${sqlConversationMatches(query)}
    GROUP BY 1, 2`);
  return busiestHours(rows);
}

const TOP_SLOTS = 5;

/** The counts laid out by weekday and hour, with totals and the busiest slots. Pure. */
export function busiestHours(rows: readonly HourRow[]): BusiestHours {
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const row of rows) {
    const day = grid[row.weekday - 1];
    if (day && row.hour >= 0 && row.hour < 24) day[row.hour] = (day[row.hour] ?? 0) + row.count;
  }
  const byWeekday = grid.map((hours) => hours.reduce((sum, count) => sum + count, 0));
  const byHour = Array.from({ length: 24 }, (_, hour) => grid.reduce((sum, hours) => sum + (hours[hour] ?? 0), 0));
  const top = grid
    .flatMap((hours, day) => hours.map((count, hour) => ({ weekday: day + 1, hour, count })))
    .filter((slot) => slot.count > 0)
    .sort((a, b) => b.count - a.count || a.weekday - b.weekday || a.hour - b.hour)
    .slice(0, TOP_SLOTS);
  return { grid, byWeekday, byHour, top };
}
