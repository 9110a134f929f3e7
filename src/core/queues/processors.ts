import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import type { z } from 'zod';
import { composeReplies, type ComposeDeps } from '../replies/compose-replies';
import { type DeliverDeps, deliverOutbox, markDeliveryExhausted } from '../delivery/deliver-outbox';
import { ingestInboundEvents } from '../inbound/ingest-inbound-events';
import { jobNames, ZComposeRepliesJobSchema, ZDeliverMessageJobSchema, ZIngestEventJobSchema } from './queue-names';

/** A payload that does not match its schema will never succeed: fail it at once. */
function parseJob<T extends z.ZodType>(schema: T, job: Job): z.infer<T> {
  const parsed = schema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`job ${job.name} ${job.id}: invalid payload: ${parsed.error.message}`);
  return parsed.data;
}

export function createInboundProcessor(deps: ComposeDeps) {
  return async (job: Job): Promise<void> => {
    switch (job.name) {
      case jobNames.ingestEvent: {
        const { eventId } = parseJob(ZIngestEventJobSchema, job);
        const conversations = await ingestInboundEvents(deps.db, eventId);
        for (const conversationId of conversations) await composeReplies(deps, conversationId);
        return;
      }
      case jobNames.composeReplies: {
        const { conversationId } = parseJob(ZComposeRepliesJobSchema, job);
        await composeReplies(deps, conversationId);
        return;
      }
      default:
        throw new UnrecoverableError(`unknown inbound job ${job.name}`);
    }
  };
}

/** Short, jittered wait while another worker drains the same conversation's outbox. */
const BUSY_RETRY_MS = 50;

export function createOutboundProcessor(deps: DeliverDeps) {
  return async (job: Job, token?: string): Promise<void> => {
    const { messageId } = parseJob(ZDeliverMessageJobSchema, job);
    const outcome = await deliverOutbox(deps, messageId);
    if (outcome.kind === 'done') return;
    if (outcome.kind === 'busy') {
      await job.moveToDelayed(Date.now() + BUSY_RETRY_MS + Math.floor(Math.random() * BUSY_RETRY_MS), token);
      throw new DelayedError();
    }
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (lastAttempt) {
      await markDeliveryExhausted(deps.db, outcome.messageId, outcome.error);
      throw new UnrecoverableError(`delivery of ${outcome.messageId} failed after ${job.attemptsMade + 1} attempts`);
    }
    throw outcome.error;
  };
}
