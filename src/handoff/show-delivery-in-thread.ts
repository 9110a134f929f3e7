import { maskPhoneNumbers } from '../core/logger';
import { buildDeliveryFailureNote, DELIVERED_REACTION } from './blocks/thread-notes';
import { acquireChannelSlot } from './slack/channel-rate-limit';
import type { SyncDeps, SyncOutcome } from './sync-handoff-thread';

/**
 * How a specialist's relayed reply fared, shown where they wrote it: a
 * reaction on their message when it was delivered, a note in the thread with
 * the provider's reason when it failed (opted out, invalid number, WhatsApp's
 * 24-hour window), so they know to act.
 */
export async function showDeliveryInThread(deps: SyncDeps, messageId: string, status: string): Promise<SyncOutcome> {
  const message = await deps.db.message.findUnique({
    where: { id: messageId },
    select: { slackTs: true, errorCode: true, errorMessage: true, conversationId: true, part: true },
  });
  // Only the first part of a split reply reports, so a specialist sees one outcome per reply.
  if (!message?.slackTs || message.part !== 0) return { kind: 'done' };
  const thread = await deps.db.slackThread.findFirst({
    where: { conversationId: message.conversationId },
    orderBy: { createdAt: 'desc' },
  });
  if (!thread) return { kind: 'done' };
  if (status === 'delivered' || status === 'read') {
    await deps.slack.addReaction({ channel: thread.channelId, ts: message.slackTs, name: DELIVERED_REACTION });
    return { kind: 'done' };
  }
  if (status !== 'failed' && status !== 'undelivered') return { kind: 'done' };
  const wait = await acquireChannelSlot(deps.redis, deps.keyPrefix, thread.channelId);
  if (wait > 0) return { kind: 'wait', ms: wait };
  // Masked again here: a status callback's reason is the provider's own text, and may name the number.
  const note = buildDeliveryFailureNote({
    reason: maskPhoneNumbers(message.errorMessage ?? 'the provider did not deliver it'),
    ...(message.errorCode && { code: message.errorCode }),
  });
  const posted = await deps.slack.postMessage({ channel: thread.channelId, threadTs: thread.threadTs, ...note });
  await deps.db.slackPost.create({ data: { channelId: posted.channel, ts: posted.ts } });
  return { kind: 'done' };
}
