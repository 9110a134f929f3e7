import { Prisma } from '@prisma/client';
import type { Db } from '../../db/prisma-client';
import { type ReportQuery, sqlConversationMatches, sqlWithin } from '../report-query';

/** How busy the period was. Definitions: docs/insights.md ("Activity"). */
export interface ActivityFigures {
  /** Conversations with a message or a recorded event in the period. */
  conversations: number;
  /** Conversations whose first message came in the period. */
  newConversations: number;
  /** Traveler messages received. */
  inbound: number;
  /** Messages sent to travelers (parts of a long reply count one each; suppressed ones not at all). */
  outbound: number;
  outboundByAuthor: { ai: number; specialist: number; system: number };
  /** Traveler messages the AI replied to. */
  aiReplies: number;
  /** Answers the AI was unsure about (`ai_unsure` events). */
  aiUnsure: number;
  /** aiUnsure ÷ aiReplies; null without AI replies. */
  aiUnsureShare: number | null;
}

export interface ActivityRow {
  conversations: number;
  newConversations: number;
  inbound: number;
  outboundAi: number;
  outboundSpecialist: number;
  outboundSystem: number;
  aiReplies: number;
  aiUnsure: number;
}

export async function loadActivity(db: Db, query: ReportQuery): Promise<ActivityFigures> {
  const matches = sqlConversationMatches(query);
  const [row] = await db.$queryRaw<ActivityRow[]>(Prisma.sql`
    WITH m AS (
      SELECT m."conversationId", m.direction::text AS direction, m.author::text AS author,
             m.status::text AS status, m."inReplyToId"
      FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
      WHERE ${sqlWithin(Prisma.sql`m."createdAt"`, query)} AND ${matches}
    ), e AS (
      SELECT e."conversationId", e.type
      FROM "ConversationEvent" e JOIN "Conversation" c ON c.id = e."conversationId"
      WHERE ${sqlWithin(Prisma.sql`e."createdAt"`, query)} AND ${matches}
    ), sent AS (
      SELECT author FROM m WHERE direction = 'outbound' AND status <> 'suppressed'
    )
    SELECT
      (SELECT count(*)::int FROM (SELECT "conversationId" FROM m UNION SELECT "conversationId" FROM e) a)
        AS conversations,
      (SELECT count(*)::int FROM "Conversation" c
        WHERE ${sqlWithin(Prisma.sql`c."createdAt"`, query)} AND ${matches}) AS "newConversations",
      (SELECT count(*)::int FROM m WHERE direction = 'inbound') AS inbound,
      (SELECT count(*)::int FROM sent WHERE author = 'ai') AS "outboundAi",
      (SELECT count(*)::int FROM sent WHERE author = 'specialist') AS "outboundSpecialist",
      (SELECT count(*)::int FROM sent WHERE author = 'system') AS "outboundSystem",
      (SELECT count(DISTINCT "inReplyToId")::int FROM m
        WHERE direction = 'outbound' AND author = 'ai' AND "inReplyToId" IS NOT NULL) AS "aiReplies",
      (SELECT count(*)::int FROM e WHERE type = 'ai_unsure') AS "aiUnsure"`);
  return activityFigures(row);
}

/** The stored counts as figures, with the unsure share. Pure. */
export function activityFigures(row: ActivityRow | undefined): ActivityFigures {
  const r = row ?? {
    conversations: 0,
    newConversations: 0,
    inbound: 0,
    outboundAi: 0,
    outboundSpecialist: 0,
    outboundSystem: 0,
    aiReplies: 0,
    aiUnsure: 0,
  };
  return {
    conversations: r.conversations,
    newConversations: r.newConversations,
    inbound: r.inbound,
    outbound: r.outboundAi + r.outboundSpecialist + r.outboundSystem,
    outboundByAuthor: { ai: r.outboundAi, specialist: r.outboundSpecialist, system: r.outboundSystem },
    aiReplies: r.aiReplies,
    aiUnsure: r.aiUnsure,
    aiUnsureShare: r.aiReplies > 0 ? Math.min(1, r.aiUnsure / r.aiReplies) : null,
  };
}
