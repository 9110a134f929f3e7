import { type Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { type AutomationSettings, inertAutomationSettings } from '../actions/automation-settings';
import { expireActionRuns } from '../actions/custom-actions/expire-action-runs';
import type { ComplianceReplies } from '../core/inbound/apply-compliance-keyword';
import { type ChannelTextLimits, defaultChannelTextLimits } from '../core/outbound/outbound-text-policy';
import { createActionProcessor, createInboundProcessor, createOutboundProcessor } from '../core/queues/processors';
import { queueNames } from '../core/queues/queue-names';
import { sweepUnfinishedWork } from '../core/recovery/sweep-unfinished-work';
import type { Responder } from '../core/responder';
import type { Runtime } from './create-runtime';

export interface WorkerOptions {
  responder: Responder;
  /** Texts for STOP / START / HELP. */
  complianceReplies: ComplianceReplies;
  /** Rules, handoff triggers, custom actions and their texts; none when absent. */
  automation?: AutomationSettings;
  /** Told to the traveler when a handoff opens, when `automation` is absent (it has its own texts). */
  handoffNotice?: string;
  /** Longest message per channel; longer replies are split. */
  textLimits?: ChannelTextLimits;
  concurrency?: number;
  /** How often lost work is looked for, and how old work must be to count as lost. */
  sweepIntervalMs?: number;
  sweepOlderThanMs?: number;
  /** A job whose worker died is taken over after its lock expires (BullMQ's stalled-job check). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** How long composing a conversation's replies may take before another worker may take over. */
  responseLeaseSeconds?: number;
}

export interface RunningWorker {
  sweepNow(): Promise<void>;
  /** Finishes in-flight jobs (or hands them back) and stops taking new ones. */
  close(): Promise<void>;
}

export async function startWorker(runtime: Runtime, options: WorkerOptions): Promise<RunningWorker> {
  const { logger } = runtime;
  // Workers block on Redis: their connection retries forever instead of failing commands.
  const connection = new Redis(runtime.options.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (error) => logger.warn({ err: error }, 'worker redis connection error'));
  const common = {
    connection,
    prefix: runtime.options.redisPrefix,
    concurrency: options.concurrency ?? 16,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
  };
  const deps = {
    db: runtime.db,
    dispatcher: runtime.dispatcher,
    responder: options.responder,
    replies: options.complianceReplies,
    automation: options.automation ?? inertAutomationSettings(options.handoffNotice),
    limits: options.textLimits ?? defaultChannelTextLimits,
    logger,
    responseLeaseSeconds: options.responseLeaseSeconds,
    metrics: runtime.metrics,
  };
  const workers = [
    new Worker(queueNames.inbound, createInboundProcessor(deps), common),
    new Worker(queueNames.outbound, outboundProcessorFor(runtime), common),
    new Worker(queueNames.actions, createActionProcessor(deps), common),
  ];
  for (const worker of workers) {
    worker.on('failed', (job: Job | undefined, error: Error) =>
      logger.warn({ queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'job failed'),
    );
    worker.on('error', (error) => logger.warn({ err: error, queue: worker.name }, 'worker error'));
  }

  const sweepNow = async () => {
    try {
      await sweepUnfinishedWork(deps, { olderThanMs: options.sweepOlderThanMs ?? 30_000 });
      await expireActionRuns(deps);
    } catch (error) {
      logger.warn({ err: error }, 'recovery sweep failed; it will run again');
    }
  };
  const sweepTimer = setInterval(sweepNow, options.sweepIntervalMs ?? 15_000);
  sweepTimer.unref();
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  logger.info({ concurrency: common.concurrency }, 'worker started');

  return {
    sweepNow,
    async close() {
      clearInterval(sweepTimer);
      await Promise.all(workers.map((worker) => worker.close()));
      connection.disconnect();
    },
  };
}

/** Delivers a conversation's outbox (the `outbound` queues: Twilio here, whatsapp-web.js in its own process). */
export function outboundProcessorFor(runtime: Runtime) {
  return createOutboundProcessor({
    db: runtime.db,
    channels: runtime.channels,
    logger: runtime.logger,
    dispatcher: runtime.dispatcher,
    metrics: runtime.metrics,
  });
}
