import { Prisma } from '@prisma/client';
import type { ChannelKind } from '../channels/channel-adapter';
import { addDays, localDate, startOfLocalDay } from '../core/zoned-time';

/** Which conversations a report covers; every filter given must hold. */
export interface ReportFilters {
  /** The conversation has this tag now (case-insensitive). */
  tag?: string;
  channel?: ChannelKind;
  /**
   * The conversation's collected `destination` field (a custom action's answer: its value or
   * its display text), or a tag of that name — both case-insensitive.
   */
  destination?: string;
}

/** A report's period [from, to) and the zone its days and hours are counted in. */
export interface ReportQuery extends ReportFilters {
  from: Date;
  to: Date;
  timeZone: string;
}

/** The period of the same length just before, for trends. */
export function previousPeriod(query: ReportQuery): ReportQuery {
  const length = query.to.getTime() - query.from.getTime();
  return { ...query, from: new Date(query.from.getTime() - length), to: query.from };
}

/** The last `days` complete local days before the day `now` falls on. */
export function lastCompleteDays(now: Date, timeZone: string, days: number): { from: Date; to: Date } {
  const today = localDate(now, timeZone);
  return { from: startOfLocalDay(addDays(today, -days), timeZone), to: startOfLocalDay(today, timeZone) };
}

/** A timestamp parameter compared with Baton's columns (timestamp without time zone, in UTC). */
export function sqlInstant(at: Date): Prisma.Sql {
  return Prisma.sql`${at}::timestamp`;
}

/** A column (timestamp in UTC) as the local wall-clock time in the report's zone. */
export function sqlLocal(column: Prisma.Sql, timeZone: string): Prisma.Sql {
  return Prisma.sql`((${column}) AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone}::text)`;
}

/** `<column> >= from AND <column> < to` */
export function sqlWithin(column: Prisma.Sql, period: { from: Date; to: Date }): Prisma.Sql {
  return Prisma.sql`${column} >= ${sqlInstant(period.from)} AND ${column} < ${sqlInstant(period.to)}`;
}

/** The filters as a condition on the conversation aliased `c`. */
export function sqlConversationMatches(filters: ReportFilters): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filters.channel !== undefined) conditions.push(Prisma.sql`c.channel::text = ${filters.channel}`);
  if (filters.tag !== undefined) conditions.push(hasTag(filters.tag));
  if (filters.destination !== undefined) {
    const destination = filters.destination;
    conditions.push(Prisma.sql`(lower(coalesce(
        c.collected -> 'destination' ->> 'value',
        c.collected -> 'destination' ->> 'display',
        c.collected ->> 'destination')) = lower(${destination}::text)
      OR lower(c.collected -> 'destination' ->> 'display') = lower(${destination}::text)
      OR ${hasTag(destination)})`);
  }
  return conditions.length > 0 ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
}

function hasTag(name: string): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "ConversationTag" ft JOIN "Tag" ftt ON ftt.id = ft."tagId"
    WHERE ft."conversationId" = c.id AND lower(ftt.name) = lower(${name}::text))`;
}
