import { Prisma } from '@prisma/client';
import type { Db } from '../../db/prisma-client';
import { type MetricsRecorder, noMetrics } from '../metrics';

export type ProviderDeliveryStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered';

/**
 * Status callbacks arrive late, twice, out of order ("delivered" before
 * "sent"), and can race the worker's own write after sending. A status only
 * ever moves a message forward, by this rank, and a failure is final.
 */
const rank: Record<string, number> = {
  queued: 0,
  sending: 1,
  accepted: 2,
  sent: 3,
  delivered: 4,
  read: 5,
  undelivered: 6,
  failed: 6,
  suppressed: 6,
};

const finalStatuses = ['failed', 'undelivered', 'suppressed'];

export function isStatusAdvance(current: string, next: ProviderDeliveryStatus): boolean {
  if (finalStatuses.includes(current)) return false;
  return (rank[next] ?? -1) > (rank[current] ?? -1);
}

/** The same rank as SQL, so the check and the write are one atomic statement. */
const rankSql = Prisma.raw(
  `CASE status::text ${Object.entries(rank)
    .map(([status, value]) => `WHEN '${status}' THEN ${value}`)
    .join(' ')} ELSE -1 END`,
);

/**
 * Records a provider's delivery report on Baton's message; says whether the status changed.
 * A failure is counted (`recordDeliveryFailure`) only when it changed the message, so a
 * callback Twilio sends twice counts once.
 */
export async function applyDeliveryStatus(
  db: Db,
  update: {
    messageId: string;
    providerMessageId: string;
    status: ProviderDeliveryStatus;
    errorCode?: string;
    errorMessage?: string;
  },
  metrics: MetricsRecorder = noMetrics,
): Promise<{ changed: boolean; slackTs: string | null }> {
  const failed = update.status === 'failed' || update.status === 'undelivered';
  const changed = await db.fast.$queryRaw<Array<{ slackTs: string | null; channel: string }>>`
    UPDATE "Message" SET
      status = ${update.status}::"DeliveryStatus",
      "providerMessageId" = COALESCE("providerMessageId", ${update.providerMessageId}),
      "errorCode" = CASE WHEN ${failed} THEN ${update.errorCode ?? null} ELSE "errorCode" END,
      "errorMessage" = CASE WHEN ${failed} THEN ${update.errorMessage ?? null} ELSE "errorMessage" END,
      "updatedAt" = now()
    WHERE id = ${update.messageId}::uuid AND direction = 'outbound'
      AND status::text NOT IN ('failed', 'undelivered', 'suppressed')
      AND ${rankSql} < ${rank[update.status] ?? -1}
    RETURNING "slackTs", channel::text AS channel`;
  if (changed[0]) {
    if (failed) metrics.recordDeliveryFailure(changed[0].channel, update.errorCode);
    return { changed: true, slackTs: changed[0].slackTs };
  }
  // Not an advance; still record the provider id if the callback beat the worker's own write.
  await db.fast.$executeRaw`UPDATE "Message" SET "providerMessageId" = ${update.providerMessageId}
    WHERE id = ${update.messageId}::uuid AND direction = 'outbound' AND "providerMessageId" IS NULL`;
  return { changed: false, slackTs: null };
}
