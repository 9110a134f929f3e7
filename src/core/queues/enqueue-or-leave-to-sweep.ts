import type { ChannelKind } from '../../channels/channel-adapter';
import type { Logger } from '../logger';
import type { Dispatcher } from './dispatcher';

/**
 * Queueing work whose record is already in PostgreSQL: if Redis is away, the
 * work is not lost, the recovery sweep finds and queues it. So a failed enqueue
 * is logged, not thrown.
 */
type Deps = { dispatcher: Dispatcher; logger: Logger };

/** A stored `queued` message: sent now, or by the sweep. Its conversation, when known, spares a read. */
export async function deliverLater(
  deps: Deps,
  messageId: string,
  channel: ChannelKind,
  conversationId?: string,
): Promise<void> {
  try {
    await deps.dispatcher.deliver(messageId, channel, conversationId ? { conversationId } : undefined);
  } catch (error) {
    deps.logger.warn({ err: error, messageId }, 'queue unavailable: message stored, the recovery sweep will send it');
  }
}

/** A handoff's Slack thread brought up to date now, or by the sweep. */
export async function syncHandoffLater(deps: Deps, conversationId: string): Promise<void> {
  try {
    await deps.dispatcher.syncHandoff(conversationId);
  } catch (error) {
    deps.logger.warn({ err: error, conversationId }, 'queue unavailable: the recovery sweep will sync the handoff');
  }
}

/** A completed action's booking webhook called now, or by the sweep (its run is `pending`). */
export async function enqueueActionWebhookLater(deps: Deps, runId: string): Promise<void> {
  try {
    await deps.dispatcher.actionWebhook(runId);
  } catch (error) {
    deps.logger.warn({ err: error, runId }, 'queue unavailable: the recovery sweep will call the booking webhook');
  }
}
