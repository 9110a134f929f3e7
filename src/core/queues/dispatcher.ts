/**
 * How the core hands work to the queues. Job ids are derived from content, so
 * enqueueing the same work twice (a retry, the recovery sweep) makes one job.
 * `revive` (used by the recovery sweep) also re-queues work whose job had
 * failed for good, e.g. after PostgreSQL was down longer than every retry.
 */
import type { ChannelKind } from '../../channels/channel-adapter';

export interface EnqueueOptions {
  revive?: boolean;
}

export interface DeliverOptions extends EnqueueOptions {
  /** The message's conversation, when the caller knows it: the delivery need not read it. */
  conversationId?: string;
}

export interface Dispatcher {
  ingestEvent(eventId: string, options?: EnqueueOptions): Promise<void>;
  composeReplies(conversationId: string, options?: EnqueueOptions): Promise<void>;
  deliver(messageId: string, channel: ChannelKind, options?: DeliverOptions): Promise<void>;
  /** Brings a handoff's Slack thread up to date (card, traveler messages); a no-op when Slack is off. */
  syncHandoff(conversationId: string, options?: EnqueueOptions): Promise<void>;
  /** Shows a specialist's reply's delivery outcome in its Slack thread; a no-op when Slack is off. */
  showDelivery(messageId: string, status: string): Promise<void>;
  /** Calls a completed custom action's booking-system webhook (retried with backoff). */
  actionWebhook(runId: string, options?: EnqueueOptions): Promise<void>;
}
