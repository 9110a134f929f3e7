import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import type { TBatonConfig } from '../../config/baton-config.schema';
import type { Logger } from '../../core/logger';
import type { Db } from '../../db/prisma-client';
import { type SlackApi, webClientSlackApi } from '../../handoff/slack/slack-api';
import { createSlackWebClient } from '../../handoff/slack/slack-app';
import type { RuntimeOptions } from '../../runtime/create-runtime';
import { insightsTimeZone } from '../insights-settings';
import { type DigestSchedule, digestJobId, nextDigestRun } from './digest-schedule';
import { type DigestMessage, postWeeklyDigest } from './post-weekly-digest';

/** The digest has its own queue: one delayed job per week, consumed by the worker role. */
export const DIGEST_QUEUE = 'insights-digest';
const DIGEST_JOB = 'weekly-digest';

export const ZDigestJobSchema = z.object({ runAt: z.iso.datetime() });
/** A job's data once its message is out: `posted` keeps a retry from posting it again. */
type DigestJobData = z.infer<typeof ZDigestJobSchema> & { posted?: DigestMessage };

export interface DigestSchedulerOptions extends DigestSchedule {
  channel: string;
  /** Default: a Web API client from the runtime's Slack settings. */
  slack?: Pick<SlackApi, 'postMessage' | 'uploadFile'>;
  now?: () => Date;
}

/** What the digest needs of the runtime (a `Runtime` fits). */
export interface DigestRuntime {
  db: Db;
  logger: Logger;
  options: Pick<RuntimeOptions, 'redisUrl' | 'redisPrefix' | 'slack'>;
}

export interface RunningDigest {
  /** When the next digest is due (its job is in the queue). */
  nextRunAt(): Date;
  close(): Promise<void>;
}

/**
 * Schedules the weekly digest. Each run is a delayed job whose id names its local ISO week
 * (`digest-2026-W48`), so every worker that starts, or restarts, adds the same job and
 * BullMQ keeps one; running a digest first schedules the next week's. Completed jobs are
 * kept (100), so a week already posted is not posted again.
 */
export async function startDigestScheduler(
  runtime: DigestRuntime,
  options: DigestSchedulerOptions,
): Promise<RunningDigest> {
  const { logger } = runtime;
  const now = options.now ?? (() => new Date());
  const slack = options.slack ?? defaultSlack(runtime);
  const connection = new Redis(runtime.options.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (error) => logger.warn({ err: error }, 'digest redis connection error'));
  const queueOptions = { connection, prefix: runtime.options.redisPrefix };
  const queue = new Queue(DIGEST_QUEUE, queueOptions);
  queue.on('error', (error) => logger.warn({ err: error, queue: DIGEST_QUEUE }, 'queue error'));
  let next = nextDigestRun(now(), options);

  const schedule = async (runAt: Date) => {
    next = runAt;
    await queue.add(
      DIGEST_JOB,
      { runAt: runAt.toISOString() },
      {
        jobId: digestJobId(runAt, options.timeZone),
        delay: Math.max(0, runAt.getTime() - now().getTime()),
        attempts: 3,
        backoff: { type: 'exponential', delay: 60_000 },
        removeOnComplete: { count: 100 },
        removeOnFail: { count: 100 },
      },
    );
  };

  const worker = new Worker(
    DIGEST_QUEUE,
    async (job: Job<DigestJobData>) => {
      const { runAt } = ZDigestJobSchema.parse(job.data);
      const due = new Date(runAt);
      // The chain goes on even if this week's digest fails.
      await schedule(nextDigestRun(due, options));
      await postWeeklyDigest(
        { db: runtime.db, slack, logger, settings: { channel: options.channel, timeZone: options.timeZone } },
        due,
        {
          ...(job.data.posted && { posted: job.data.posted }),
          remember: (posted) => job.updateData({ ...job.data, posted }),
        },
      );
    },
    { ...queueOptions, concurrency: 1 },
  );
  worker.on('failed', (job: Job | undefined, error: Error) =>
    logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'weekly digest failed'),
  );
  worker.on('error', (error) => logger.warn({ err: error, queue: DIGEST_QUEUE }, 'worker error'));
  await worker.waitUntilReady();
  await schedule(next);
  logger.info({ channel: options.channel, nextRunAt: next }, 'weekly digest scheduled');

  return {
    nextRunAt: () => next,
    async close() {
      await worker.close();
      await queue.close();
      connection.disconnect();
    },
  };
}

/**
 * The digest as configured (`insights.digest`), or null when it is not (or Slack is off):
 * the one call the worker role makes.
 */
export async function startWeeklyDigest(
  runtime: DigestRuntime,
  config: Pick<TBatonConfig, 'insights' | 'businessHours'>,
): Promise<RunningDigest | null> {
  const digest = config.insights?.digest;
  if (!digest) return null;
  if (!runtime.options.slack) {
    runtime.logger.warn('insights.digest is set but Slack is not configured: no weekly digest');
    return null;
  }
  return startDigestScheduler(runtime, { ...digest, timeZone: insightsTimeZone(config) });
}

function defaultSlack(runtime: DigestRuntime): SlackApi {
  const env = runtime.options.slack;
  if (!env) throw new Error('Slack is not configured');
  return webClientSlackApi(
    createSlackWebClient({ botToken: env.botToken, apiUrl: env.apiUrl, logger: runtime.logger }),
  );
}
