import type { Db } from '../../db/prisma-client';

export type ProviderDeliveryStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered';

/**
 * Status callbacks arrive late, twice, or out of order ("delivered" before
 * "sent"). A status only ever moves a message forward: this rank decides, and
 * failures are final once recorded.
 */
const rank: Record<string, number> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  read: 4,
  undelivered: 5,
  failed: 5,
};

export function isStatusAdvance(current: string, next: ProviderDeliveryStatus): boolean {
  if (current === 'failed' || current === 'undelivered' || current === 'suppressed') return false;
  return (rank[next] ?? -1) > (rank[current] ?? -1);
}

/** Records a provider's delivery report on Baton's message; returns whether anything changed. */
export async function applyDeliveryStatus(
  db: Db,
  update: {
    messageId: string;
    providerMessageId: string;
    status: ProviderDeliveryStatus;
    errorCode?: string;
    errorMessage?: string;
  },
): Promise<boolean> {
  const message = await db.message.findUnique({
    where: { id: update.messageId },
    select: { status: true, providerMessageId: true, direction: true },
  });
  if (message?.direction !== 'outbound') return false;
  // The callback may beat the worker's own write of the provider id: fill it in.
  const fillId = message.providerMessageId === null;
  if (!isStatusAdvance(message.status, update.status)) {
    if (fillId)
      await db.message.update({
        where: { id: update.messageId },
        data: { providerMessageId: update.providerMessageId },
      });
    return false;
  }
  const failed = update.status === 'failed' || update.status === 'undelivered';
  const changed = await db.message.updateMany({
    where: { id: update.messageId, status: message.status },
    data: {
      status: update.status,
      ...(fillId && { providerMessageId: update.providerMessageId }),
      ...(failed && { errorCode: update.errorCode ?? null, errorMessage: update.errorMessage ?? null }),
    },
  });
  return changed.count > 0;
}
