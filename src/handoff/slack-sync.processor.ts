import { DelayedError, type Job, type Queue, UnrecoverableError } from 'bullmq';
import { parseJob } from '../core/queues/processors';
import { jobNames, syncRequestKey, ZShowDeliveryJobSchema, ZSyncHandoffJobSchema } from '../core/queues/queue-names';
import { showDeliveryInThread } from './show-delivery-in-thread';
import { slackErrorInfo } from './slack/slack-app';
import { type SyncDeps, type SyncOutcome, syncHandoffThread } from './sync-handoff-thread';

/**
 * The Slack queue's processor. Waits its turn on the channel gate, honours
 * Slack's Retry-After, retries 5xx and network errors with backoff, and stops
 * the whole queue on an authentication or channel error (retrying cannot fix
 * those) with a log line that says what to do.
 */
async function runSlackJob(deps: SyncDeps, job: Job): Promise<SyncOutcome> {
  if (job.name === jobNames.showDelivery) {
    const { messageId, status } = parseJob(ZShowDeliveryJobSchema, job);
    return showDeliveryInThread(deps, messageId, status);
  }
  const { conversationId } = parseJob(ZSyncHandoffJobSchema, job);
  const key = syncRequestKey(deps.keyPrefix, conversationId);
  const requested = await deps.redis.get(key);
  const outcome = await syncHandoffThread(deps, conversationId);
  // A change requested while this job ran added no job (same id): run once more.
  if (outcome.kind === 'done' && (await deps.redis.get(key)) !== requested) return { kind: 'wait', ms: 50 };
  return outcome;
}

export function createSlackSyncProcessor(deps: SyncDeps & { queue: Queue }) {
  return async (job: Job, token?: string): Promise<void> => {
    let waitMs: number;
    try {
      const outcome = await runSlackJob(deps, job);
      if (outcome.kind === 'done') return;
      waitMs = outcome.ms;
    } catch (error) {
      const info = slackErrorInfo(error);
      if (info.kind === 'rate_limited') {
        waitMs = info.retryAfterSeconds * 1000;
        deps.logger.warn({ retryAfterSeconds: info.retryAfterSeconds }, 'Slack rate limit: waiting as Slack asks');
      } else if (info.kind === 'auth') {
        await deps.queue.pause();
        deps.logger.error(
          { code: info.code },
          `Slack refused Baton (${info.code}): handoff posting is paused. Fix: check SLACK_BOT_TOKEN and that the bot is in the handoff channel, then restart Baton.`,
        );
        throw error;
      } else if (info.kind === 'permanent') {
        throw new UnrecoverableError(`Slack refused the post: ${info.code}`);
      } else {
        throw error;
      }
    }
    await job.moveToDelayed(Date.now() + waitMs, token);
    throw new DelayedError();
  };
}
