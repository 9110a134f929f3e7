import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ChannelKind } from '../../channels/channel-adapter';
import type { DeliverOptions, Dispatcher, EnqueueOptions } from './dispatcher';
import { jobNames, outboundQueueFor, syncRequestKey } from './queue-names';

/** Retries with exponential backoff: 1 s, 2 s, 4 s … about 17 minutes in all. */
export const defaultJobOptions: JobsOptions = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  // Failed jobs stay in Redis, visible to operators, until they clear them or a sweep revives them.
  removeOnFail: false,
};

/** A booking system may be down for a while: 8 attempts, 2 s doubling (about 4 minutes in all). */
export const actionWebhookJobOptions: JobsOptions = { attempts: 8, backoff: { type: 'exponential', delay: 2000 } };

export class BullmqDispatcher implements Dispatcher {
  constructor(
    private readonly inbound: Queue,
    /** Outbound queues by name (see `outboundQueueFor`). */
    private readonly outbound: Record<string, Queue>,
    /** The Slack queue, or null when Slack is not configured. */
    private readonly slack: Queue | null = null,
    private readonly actions: Queue | null = null,
    /** Counts sync requests (see `syncRequestKey`); without it a request during a running sync waits for the next one. */
    private readonly syncCounter: { redis: Redis; prefix: string } | null = null,
  ) {}

  actionWebhook(runId: string, options?: EnqueueOptions): Promise<void> {
    if (!this.actions) return Promise.reject(new Error('no actions queue'));
    return this.add(
      this.actions,
      jobNames.actionWebhook,
      { runId },
      `webhook-${runId}`,
      options,
      actionWebhookJobOptions,
    );
  }

  showDelivery(messageId: string, status: string): Promise<void> {
    if (!this.slack) return Promise.resolve();
    return this.add(this.slack, jobNames.showDelivery, { messageId, status }, `delivery-${messageId}-${status}`);
  }

  syncHandoff(conversationId: string, options?: EnqueueOptions): Promise<void> {
    const slack = this.slack;
    if (!slack) return Promise.resolve();
    const counter = this.syncCounter;
    return (async () => {
      if (counter) {
        const key = syncRequestKey(counter.prefix, conversationId);
        await counter.redis
          .multi()
          .incr(key)
          .expire(key, 24 * 3600)
          .exec();
      }
      await this.add(slack, jobNames.syncHandoff, { conversationId }, `handoff-${conversationId}`, options);
    })();
  }

  ingestEvent(eventId: string, options?: EnqueueOptions): Promise<void> {
    return this.add(this.inbound, jobNames.ingestEvent, { eventId }, `event-${eventId}`, options);
  }

  composeReplies(conversationId: string, options?: EnqueueOptions): Promise<void> {
    return this.add(this.inbound, jobNames.composeReplies, { conversationId }, `replies-${conversationId}`, options);
  }

  deliver(messageId: string, channel: ChannelKind, options?: DeliverOptions): Promise<void> {
    const queue = this.outbound[outboundQueueFor(channel)];
    if (!queue) throw new Error(`no outbound queue for channel ${channel}`);
    const conversationId = options?.conversationId;
    return this.add(
      queue,
      jobNames.deliver,
      { messageId, ...(conversationId && { conversationId }) },
      `deliver-${messageId}`,
      options,
    );
  }

  private async add(
    queue: Queue,
    name: string,
    data: object,
    jobId: string,
    options?: EnqueueOptions,
    jobOptions?: JobsOptions,
  ) {
    if (options?.revive) {
      const existing = await queue.getJob(jobId);
      if (existing && (await existing.isFailed())) await existing.remove();
    }
    await queue.add(name, data, { ...jobOptions, jobId });
  }
}
