import { z } from 'zod';
import type { ChannelKind } from '../../channels/channel-adapter';

/** Queue names and the zod schema of each job's payload. */
export const queueNames = {
  inbound: 'inbound',
  outbound: 'outbound',
  outboundWhatsappWeb: 'outbound-whatsapp-web',
  slack: 'slack',
  /** Booking-system webhooks of completed custom actions. */
  actions: 'actions',
} as const;

/**
 * whatsapp-web.js holds one browser session that exactly one process owns, so
 * its deliveries have their own queue, consumed only by that process.
 */
export function outboundQueueFor(channel: ChannelKind): string {
  return channel === 'whatsapp_web' ? queueNames.outboundWhatsappWeb : queueNames.outbound;
}

export const ZIngestEventJobSchema = z.object({ eventId: z.string().regex(/^\d+$/) });
export const ZComposeRepliesJobSchema = z.object({ conversationId: z.uuid() });
export const ZDeliverMessageJobSchema = z.object({ messageId: z.uuid(), conversationId: z.uuid().optional() });

export const ZSyncHandoffJobSchema = z.object({ conversationId: z.uuid() });
export const ZActionWebhookJobSchema = z.object({ runId: z.uuid() });
export const ZShowDeliveryJobSchema = z.object({ messageId: z.uuid(), status: z.string() });

export const jobNames = {
  ingestEvent: 'ingest-event',
  composeReplies: 'compose-replies',
  deliver: 'deliver',
  syncHandoff: 'sync-handoff',
  showDelivery: 'show-delivery',
  actionWebhook: 'action-webhook',
} as const;

/**
 * Counts requests to sync a conversation's Slack thread. A sync job has a fixed id, so a request
 * made while it runs adds no job; the job compares this counter before and after, and runs again
 * when it moved.
 */
export function syncRequestKey(prefix: string, conversationId: string): string {
  return `${prefix}:slack:sync-requested:${conversationId}`;
}
