import { Prisma } from '@prisma/client';
import type { Db } from '../../db/prisma-client';
import { type ReportQuery, sqlConversationMatches, sqlWithin } from '../report-query';

/** Definitions: docs/insights.md ("Delivery failures"). */
export interface DeliveryFailures {
  /** Messages to travelers that ended failed or undelivered. */
  total: number;
  /** total ÷ messages sent (outbound, not suppressed); null when nothing was sent. */
  share: number | null;
  reasons: FailureReason[];
}

export interface FailureReason {
  /** The provider's error code (Twilio's 30003, …), or null when it gave none. */
  code: string | null;
  /** The most frequent error message under that code. */
  message: string;
  count: number;
}

export interface FailureRow {
  code: string | null;
  message: string | null;
  count: number;
}

export async function loadDeliveryFailures(db: Db, query: ReportQuery): Promise<{ rows: FailureRow[]; sent: number }> {
  const matches = sqlConversationMatches(query);
  const [rows, [sent]] = await Promise.all([
    db.$queryRaw<FailureRow[]>(Prisma.sql`
      SELECT m."errorCode" AS code, m."errorMessage" AS message, count(*)::int AS count
      FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
      WHERE m.direction = 'outbound' AND m.status IN ('failed', 'undelivered')
        AND ${sqlWithin(Prisma.sql`m."createdAt"`, query)} AND ${matches}
      GROUP BY 1, 2`),
    db.$queryRaw<Array<{ count: number }>>(Prisma.sql`
      SELECT count(*)::int AS count
      FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
      WHERE m.direction = 'outbound' AND m.status <> 'suppressed'
        AND ${sqlWithin(Prisma.sql`m."createdAt"`, query)} AND ${matches}`),
  ]);
  return { rows, sent: sent?.count ?? 0 };
}

/**
 * Failures grouped by error code (by message when there is no code), most frequent first;
 * each code is labelled with its most frequent message. Pure.
 */
export function groupDeliveryFailures(rows: readonly FailureRow[], sent: number): DeliveryFailures {
  const groups = new Map<string, { code: string | null; count: number; messages: Map<string, number> }>();
  for (const row of rows) {
    const code = row.code?.trim() || null;
    const message = row.message?.trim() || 'no reason given';
    const key = code === null ? `message:${message}` : `code:${code}`;
    const group = groups.get(key) ?? { code, count: 0, messages: new Map<string, number>() };
    group.count += row.count;
    group.messages.set(message, (group.messages.get(message) ?? 0) + row.count);
    groups.set(key, group);
  }
  const reasons = [...groups.values()]
    .map((group) => ({
      code: group.code,
      message:
        [...group.messages.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ??
        'no reason given',
      count: group.count,
    }))
    .sort(
      (a, b) => b.count - a.count || (a.code ?? '').localeCompare(b.code ?? '') || a.message.localeCompare(b.message),
    );
  const total = reasons.reduce((sum, reason) => sum + reason.count, 0);
  return { total, share: sent > 0 ? total / sent : null, reasons };
}
