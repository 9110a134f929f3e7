import { Prisma } from '@prisma/client';
import type { Db } from '../../db/prisma-client';
import { classifyHandoffTrigger, type HandoffStart } from '../metrics/classify-handoff-trigger';
import { type ReportQuery, sqlConversationMatches, sqlWithin } from '../report-query';
import { type ClusterOptions, clusterQuestions, type GapQuestion, type KnowledgeGap } from './cluster-questions';

/** The most recent questions considered: clustering is quadratic in the worst case. */
const MAX_QUESTIONS = 5000;

export interface KnowledgeGaps {
  gaps: KnowledgeGap[];
  /** Questions considered (after de-duplication by message). */
  questions: number;
  /** Questions with no meaningful word ("ok", "?", a photo). */
  withoutTopic: number;
}

export interface GapQuestionRow {
  id: string;
  text: string;
  askedAt: Date;
  source: 'ai_unsure' | 'handoff';
  type: string | null;
  actorKind: string | null;
  actorId: string | null;
  reason: string | null;
}

/**
 * The traveler messages the AI was unsure about (`ai_unsure` events) and those that
 * preceded a handoff opening (the last traveler message before it), clustered into topics.
 */
export async function loadKnowledgeGaps(
  db: Db,
  query: ReportQuery,
  options: ClusterOptions & { limit?: number } = {},
): Promise<KnowledgeGaps> {
  const matches = sqlConversationMatches(query);
  const rows = await db.$queryRaw<GapQuestionRow[]>(Prisma.sql`
    SELECT * FROM (
      SELECT m.id::text AS id, m.text, m."createdAt" AS "askedAt", 'ai_unsure' AS source,
             NULL::text AS type, NULL::text AS "actorKind", NULL::text AS "actorId", NULL::text AS reason
      FROM "ConversationEvent" e JOIN "Conversation" c ON c.id = e."conversationId"
      JOIN "Message" m ON m."conversationId" = e."conversationId" AND m.id::text = e.data ->> 'messageId'
      WHERE e.type = 'ai_unsure' AND ${sqlWithin(Prisma.sql`e."createdAt"`, query)} AND ${matches}
      UNION ALL
      SELECT m.id::text, m.text, m."createdAt", 'handoff', e.type, e."actorKind"::text, e."actorId", e.reason
      FROM "ConversationEvent" e JOIN "Conversation" c ON c.id = e."conversationId"
      JOIN LATERAL (
        SELECT m.id, m.text, m."createdAt" FROM "Message" m
        WHERE m."conversationId" = e."conversationId" AND m.direction = 'inbound' AND m."createdAt" <= e."createdAt"
        ORDER BY m.seq DESC LIMIT 1
      ) m ON TRUE
      WHERE e.type = 'handoff_opened' AND ${sqlWithin(Prisma.sql`e."createdAt"`, query)} AND ${matches}
    ) q
    ORDER BY "askedAt" DESC, id
    LIMIT ${options.limit ?? MAX_QUESTIONS}`);
  const questions = gapQuestions(rows);
  const { gaps, withoutTopic } = clusterQuestions(questions, options);
  return { gaps, questions: questions.length, withoutTopic };
}

/**
 * The questions worth clustering, once each. A handoff asked for by the traveler ("agent
 * please"), or opened by a tag, a completed form or a specialist, says nothing about what
 * the AI could not answer: those are left out. Pure.
 */
export function gapQuestions(rows: readonly GapQuestionRow[]): GapQuestion[] {
  const seen = new Map<string, GapQuestion>();
  for (const row of rows) {
    if (row.source === 'handoff') {
      const start: HandoffStart = {
        type: row.type ?? 'handoff_opened',
        actorKind: row.actorKind ?? 'system',
        actorId: row.actorId,
        reason: row.reason,
      };
      const trigger = classifyHandoffTrigger(start);
      if (trigger !== 'keyword' && trigger !== 'ai_unsure' && trigger !== 'rule' && trigger !== 'other') continue;
    }
    if (!seen.has(row.id)) seen.set(row.id, { id: row.id, text: row.text, askedAt: row.askedAt });
  }
  return [...seen.values()];
}
