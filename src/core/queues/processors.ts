import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { z } from 'zod';
import { type ActionWebhookDeps, runActionWebhook } from '../../actions/custom-actions/run-action-webhook';
import { type DeliverDeps, deliverOutbox, markDeliveryExhausted } from '../delivery/deliver-outbox';
import type { ComplianceReplies } from '../inbound/apply-compliance-keyword';
import { ingestInboundEvents } from '../inbound/ingest-inbound-events';
import { type ComposeDeps, composeReplies } from '../replies/compose-replies';
import { deliverLater, syncHandoffLater } from './enqueue-or-leave-to-sweep';
import {
  jobNames,
  ZActionWebhookJobSchema,
  ZComposeRepliesJobSchema,
  ZDeliverMessageJobSchema,
  ZIngestEventJobSchema,
} from './queue-names';

/** A payload that does not match its schema will never succeed: fail it at once. */
export function parseJob<T extends z.ZodType>(schema: T, job: Job): z.infer<T> {
  const parsed = schema.safeParse(job.data);
  if (!parsed.success)
    throw new UnrecoverableError(`job ${job.name} ${job.id}: invalid payload: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * Another worker holds the conversation's lease. It usually handles this job's
 * work too, so look again soon, then less and less often (a dead worker's lease
 * only runs out after its duration). Waiting does not use up the job's attempts.
 */
const BUSY_FIRST_WAIT_MS = 50;
const BUSY_MAX_WAIT_MS = 2000;

async function waitWhileBusy(job: Job, token: string | undefined): Promise<never> {
  const waits = typeof job.data?.busyWaits === 'number' ? job.data.busyWaits : 0;
  const base = Math.min(BUSY_FIRST_WAIT_MS * 2 ** waits, BUSY_MAX_WAIT_MS);
  await job.updateData({ ...job.data, busyWaits: waits + 1 });
  await job.moveToDelayed(Date.now() + base + Math.floor(Math.random() * base), token);
  throw new DelayedError();
}

async function composeOrWait(deps: ComposeDeps, job: Job, token: string | undefined, conversationId: string) {
  const result = await composeReplies(deps, conversationId);
  if (result.busy) await waitWhileBusy(job, token);
}

export function createInboundProcessor(deps: ComposeDeps & { replies: ComplianceReplies }) {
  return async (job: Job, token?: string): Promise<void> => {
    switch (job.name) {
      case jobNames.ingestEvent: {
        const { eventId } = parseJob(ZIngestEventJobSchema, job);
        const ingested = await ingestInboundEvents(deps.db, deps, eventId);
        for (const { messageId, channel } of ingested.deliveries) await deliverLater(deps, messageId, channel);
        for (const conversationId of ingested.handoffConversationIds) await syncHandoffLater(deps, conversationId);
        for (const conversationId of ingested.conversationIds) await composeOrWait(deps, job, token, conversationId);
        return;
      }
      case jobNames.composeReplies: {
        const { conversationId } = parseJob(ZComposeRepliesJobSchema, job);
        await composeOrWait(deps, job, token, conversationId);
        return;
      }
      default:
        throw new UnrecoverableError(`unknown inbound job ${job.name}`);
    }
  };
}

/** `metrics` counts what was handed to a provider and what failed (absent: nothing is counted). */
export function createOutboundProcessor(deps: DeliverDeps) {
  return async (job: Job, token?: string): Promise<void> => {
    const { messageId, conversationId } = parseJob(ZDeliverMessageJobSchema, job);
    const outcome = await deliverOutbox(deps, messageId, conversationId);
    if (outcome.kind === 'done') return;
    if (outcome.kind === 'busy') return waitWhileBusy(job, token);
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (lastAttempt) {
      await markDeliveryExhausted(deps.db, outcome.messageId, outcome.error);
      await countExhausted(deps, outcome.messageId);
      await deps.dispatcher?.showDelivery(outcome.messageId, 'failed').catch(() => {});
      throw new UnrecoverableError(`delivery of ${outcome.messageId} failed after ${job.attemptsMade + 1} attempts`);
    }
    throw outcome.error;
  };
}

/** A delivery whose retries ran out is a failure like a permanent one (code as stored on the message). */
async function countExhausted(deps: Pick<DeliverDeps, 'db' | 'metrics'>, messageId: string) {
  if (!deps.metrics) return;
  const message = await deps.db.message.findUnique({ where: { id: messageId }, select: { channel: true } });
  if (message) deps.metrics.recordDeliveryFailure(message.channel, 'retries_exhausted');
}

/** Booking-system webhooks: a retryable failure throws, so BullMQ retries it with backoff. */
export function createActionProcessor(deps: ActionWebhookDeps) {
  return async (job: Job): Promise<void> => {
    if (job.name !== jobNames.actionWebhook) throw new UnrecoverableError(`unknown action job ${job.name}`);
    const { runId } = parseJob(ZActionWebhookJobSchema, job);
    const number = job.attemptsMade + 1;
    const result = await runActionWebhook(deps, runId, { number, last: number >= (job.opts.attempts ?? 1) });
    if (result.kind === 'retry') throw result.error;
  };
}
