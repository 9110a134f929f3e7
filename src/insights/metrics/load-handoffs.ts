import { Prisma } from '@prisma/client';
import type { Db } from '../../db/prisma-client';
import { type ReportQuery, sqlConversationMatches, sqlInstant, sqlWithin } from '../report-query';
import {
  classifyHandoffTrigger,
  type HandoffStart,
  type HandoffTrigger,
  handoffTriggers,
} from './classify-handoff-trigger';

/**
 * Handoff episodes started in the period and how they went, as observed before the
 * period's end. Definitions: docs/insights.md ("Handoffs").
 */
export interface HandoffFigures {
  /** Episodes started: a handoff opened, or a specialist took the conversation from the AI. */
  episodes: number;
  /** Conversations with at least one episode started. */
  conversations: number;
  byTrigger: Record<HandoffTrigger, number>;
  timeToHuman: {
    /** Opened handoffs a specialist replied to, and those still without a reply. */
    answered: number;
    unanswered: number;
    /** Seconds from the handoff opening to the first specialist message; null without replies. */
    p50: number | null;
    p90: number | null;
    distribution: Array<{ label: string; count: number }>;
  };
  resolution: {
    resolved: number;
    /** Seconds from the episode's start to "resolved". */
    p50: number | null;
    p90: number | null;
  };
  /** Episodes that ended with the conversation handed back to the AI. */
  handedBack: number;
  /** handedBack ÷ episodes; null without episodes. */
  handedBackShare: number | null;
  /** Episodes neither resolved nor handed back by the period's end. */
  stillOpen: number;
}

export interface HandoffRow {
  episodes: number;
  conversations: number;
  answered: number;
  unanswered: number;
  toHumanP50: number | null;
  toHumanP90: number | null;
  resolved: number;
  resolutionP50: number | null;
  resolutionP90: number | null;
  handedBack: number;
  under5m: number;
  under15m: number;
  under1h: number;
  under4h: number;
  under24h: number;
  over24h: number;
  starts: Array<HandoffStart & { count: number }> | null;
}

export async function loadHandoffs(db: Db, query: ReportQuery): Promise<HandoffFigures> {
  const end = sqlInstant(query.to);
  const [row] = await db.$queryRaw<HandoffRow[]>(Prisma.sql`
    WITH starts AS (
      SELECT e."conversationId", e.seq, e.type, e."actorKind"::text AS "actorKind", e."actorId", e.reason,
             e."createdAt"
      FROM "ConversationEvent" e JOIN "Conversation" c ON c.id = e."conversationId"
      WHERE ${sqlWithin(Prisma.sql`e."createdAt"`, query)} AND ${sqlConversationMatches(query)}
        AND (e.type = 'handoff_opened' OR (e.type = 'claimed' AND e."fromState" IN ('bot', 'resolved')))
    ), episodes AS (
      SELECT s."conversationId", s.type, ended."toState" AS "endState",
             EXTRACT(EPOCH FROM ended."createdAt" - s."createdAt")::float8 AS "toEnd",
             CASE WHEN s.type = 'handoff_opened'
               THEN EXTRACT(EPOCH FROM reply."createdAt" - s."createdAt")::float8 END AS "toHuman"
      FROM starts s
      LEFT JOIN LATERAL (
        SELECT n."toState"::text AS "toState", n."createdAt" FROM "ConversationEvent" n
        WHERE n."conversationId" = s."conversationId" AND n.seq > s.seq AND n."createdAt" < ${end}
          AND n."fromState" IN ('pending', 'human') AND n."toState" IN ('bot', 'resolved')
        ORDER BY n.seq LIMIT 1
      ) ended ON TRUE
      LEFT JOIN LATERAL (
        SELECT m."createdAt" FROM "Message" m
        WHERE m."conversationId" = s."conversationId" AND m.direction = 'outbound' AND m.author = 'specialist'
          AND m."createdAt" >= s."createdAt" AND m."createdAt" < ${end}
          AND (ended."createdAt" IS NULL OR m."createdAt" <= ended."createdAt")
        ORDER BY m."createdAt", m.seq LIMIT 1
      ) reply ON TRUE
    )
    SELECT
      count(*)::int AS episodes,
      count(DISTINCT "conversationId")::int AS conversations,
      count("toHuman")::int AS answered,
      count(*) FILTER (WHERE type = 'handoff_opened' AND "toHuman" IS NULL)::int AS unanswered,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY "toHuman") AS "toHumanP50",
      percentile_cont(0.9) WITHIN GROUP (ORDER BY "toHuman") AS "toHumanP90",
      count(*) FILTER (WHERE "endState" = 'resolved')::int AS resolved,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY "toEnd") FILTER (WHERE "endState" = 'resolved') AS "resolutionP50",
      percentile_cont(0.9) WITHIN GROUP (ORDER BY "toEnd") FILTER (WHERE "endState" = 'resolved') AS "resolutionP90",
      count(*) FILTER (WHERE "endState" = 'bot')::int AS "handedBack",
      count(*) FILTER (WHERE "toHuman" < 300)::int AS "under5m",
      count(*) FILTER (WHERE "toHuman" >= 300 AND "toHuman" < 900)::int AS "under15m",
      count(*) FILTER (WHERE "toHuman" >= 900 AND "toHuman" < 3600)::int AS "under1h",
      count(*) FILTER (WHERE "toHuman" >= 3600 AND "toHuman" < 14400)::int AS "under4h",
      count(*) FILTER (WHERE "toHuman" >= 14400 AND "toHuman" < 86400)::int AS "under24h",
      count(*) FILTER (WHERE "toHuman" >= 86400)::int AS "over24h",
      (SELECT json_agg(t) FROM (
        SELECT type, "actorKind", "actorId", reason, count(*)::int AS count FROM starts
        GROUP BY type, "actorKind", "actorId", reason
      ) t) AS starts
    FROM episodes`);
  return handoffFigures(row);
}

/** The stored aggregates as figures: starts classified by trigger, shares worked out. Pure. */
export function handoffFigures(row: HandoffRow | undefined): HandoffFigures {
  const byTrigger = Object.fromEntries(handoffTriggers.map((trigger) => [trigger, 0])) as Record<
    HandoffTrigger,
    number
  >;
  for (const start of row?.starts ?? []) byTrigger[classifyHandoffTrigger(start)] += start.count;
  const episodes = row?.episodes ?? 0;
  const resolved = row?.resolved ?? 0;
  const handedBack = row?.handedBack ?? 0;
  return {
    episodes,
    conversations: row?.conversations ?? 0,
    byTrigger,
    timeToHuman: {
      answered: row?.answered ?? 0,
      unanswered: row?.unanswered ?? 0,
      p50: row?.toHumanP50 ?? null,
      p90: row?.toHumanP90 ?? null,
      distribution: [
        { label: '< 5 min', count: row?.under5m ?? 0 },
        { label: '5–15 min', count: row?.under15m ?? 0 },
        { label: '15–60 min', count: row?.under1h ?? 0 },
        { label: '1–4 h', count: row?.under4h ?? 0 },
        { label: '4–24 h', count: row?.under24h ?? 0 },
        { label: '> 24 h', count: row?.over24h ?? 0 },
        { label: 'no reply yet', count: row?.unanswered ?? 0 },
      ],
    },
    resolution: { resolved, p50: row?.resolutionP50 ?? null, p90: row?.resolutionP90 ?? null },
    handedBack,
    handedBackShare: episodes > 0 ? handedBack / episodes : null,
    stillOpen: episodes - resolved - handedBack,
  };
}
