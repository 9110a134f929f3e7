import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { ChannelRegistry } from '../channels/channel-registry';
import type { SimulatorAdapter } from '../channels/simulator/simulator.adapter';
import type { SlackEnv, TwilioEnv } from '../config/env';
import { BatonError } from '../core/errors';
import type { Logger } from '../core/logger';
import { createMediaUrlSigner, MEDIA_SECRET_NAME, type MediaUrlSigner } from '../core/media/media-url-signer';
import { PostgresMediaStore } from '../core/media/postgres-media-store';
import { createMetrics, type Metrics } from '../core/metrics';
import { BullmqDispatcher, defaultJobOptions } from '../core/queues/bullmq-dispatcher';
import type { Dispatcher } from '../core/queues/dispatcher';
import { queueNames } from '../core/queues/queue-names';
import { redactUrl } from '../core/redact-url';
import { instanceSecret } from '../db/instance-secrets';
import { createPrismaClient, type Db } from '../db/prisma-client';
import { createChannels } from './create-channels';

export interface RuntimeOptions {
  databaseUrl: string;
  redisUrl: string;
  /** Namespaces every Redis key (queues, simulator phones): several Batons can share one Redis. */
  redisPrefix: string;
  logger: Logger;
  /** PostgreSQL connections per process; default 24 (the worker's 16 jobs + the Slack queue's 8 at once). */
  dbPoolSize?: number;
  /** External base URL: Twilio status callbacks and signed media links point here. */
  publicUrl: string;
  /** Key for signed media URLs (`configuredMediaSecret`); null: a random key stored in the database. */
  mediaSecret: string | null;
  twilio?: TwilioEnv;
  /** whatsapp-web.js is on in this deployment (some worker process drives it). */
  whatsappWeb?: boolean;
  /** Slack is on: handoffs go to `handoffChannel` (otherwise they stay in Baton's own inbox). */
  slack?: SlackEnv;
}

/** The connections and services shared by the web and worker roles of one process. */
export interface Runtime {
  options: RuntimeOptions;
  logger: Logger;
  db: Db;
  /** Commands that must fail fast when Redis is away (web requests never hang on it). */
  redis: Redis;
  queues: { inbound: Queue; outbound: Queue; outboundWhatsappWeb: Queue; actions: Queue; slack: Queue | null };
  dispatcher: Dispatcher;
  channels: ChannelRegistry;
  simulator: SimulatorAdapter;
  media: PostgresMediaStore;
  mediaSigner: MediaUrlSigner;
  metrics: Metrics;
  close(): Promise<void>;
}

const REDIS_CONNECT_TIMEOUT_MS = 10_000;

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', (error) => options.logger.warn({ err: error }, 'redis connection error'));
  await connectRedis(redis, options.redisUrl);
  // A job waiting for a connection is latency for nothing (measured: bench, docs/performance.md).
  const db = createPrismaClient(options.databaseUrl, { poolSize: options.dbPoolSize ?? 24 });
  const mediaSecret = await mediaSecretFor(options, db, redis);
  // Producers fail fast when Redis is away (no offline queue): the web process
  // answers at once, the message is safe in PostgreSQL, the recovery sweep queues it.
  const queueOptions = { connection: redis, prefix: options.redisPrefix, defaultJobOptions };
  const inbound = new Queue(queueNames.inbound, queueOptions);
  const outbound = new Queue(queueNames.outbound, queueOptions);
  const outboundWhatsappWeb = new Queue(queueNames.outboundWhatsappWeb, queueOptions);
  const slack = options.slack ? new Queue(queueNames.slack, queueOptions) : null;
  const actions = new Queue(queueNames.actions, queueOptions);
  const allQueues = [inbound, outbound, outboundWhatsappWeb, actions, ...(slack ? [slack] : [])];
  for (const queue of allQueues) {
    queue.on('error', (error) => options.logger.warn({ err: error, queue: queue.name }, 'queue error'));
  }
  const metrics = createMetrics(allQueues);
  const { channels, simulator } = createChannels({ redis, ...options, metrics });
  const mediaSigner = createMediaUrlSigner({ secret: mediaSecret, publicUrl: options.publicUrl });
  return {
    options,
    logger: options.logger,
    db,
    redis,
    queues: { inbound, outbound, outboundWhatsappWeb, actions, slack },
    dispatcher: new BullmqDispatcher(
      inbound,
      { [queueNames.outbound]: outbound, [queueNames.outboundWhatsappWeb]: outboundWhatsappWeb },
      slack,
      actions,
      { redis, prefix: options.redisPrefix },
    ),
    channels,
    simulator,
    media: new PostgresMediaStore(db, mediaSigner),
    mediaSigner,
    metrics,
    async close() {
      await Promise.allSettled(allQueues.map((queue) => queue.close()));
      redis.disconnect();
      await db.$disconnect();
    },
  };
}

async function mediaSecretFor(options: RuntimeOptions, db: Db, redis: Redis): Promise<string> {
  if (options.mediaSecret) return options.mediaSecret;
  try {
    return await instanceSecret(db, MEDIA_SECRET_NAME);
  } catch (error) {
    redis.disconnect();
    await db.$disconnect();
    throw new BatonError(
      'dependency_unavailable',
      `cannot read the media URL key from PostgreSQL at ${redactUrl(options.databaseUrl)} (${error instanceof Error ? error.message : String(error)}). ` +
        'Fix: start PostgreSQL and run `baton migrate`, or set MEDIA_SIGNING_SECRET.',
      { cause: error },
    );
  }
}

async function connectRedis(redis: Redis, url: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), REDIS_CONNECT_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    redis.disconnect();
    throw new BatonError(
      'dependency_unavailable',
      `cannot reach Redis at ${redactUrl(url)} (${error instanceof Error ? error.message : String(error)}). ` +
        'Fix: start Redis or set REDIS_URL to a reachable server.',
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}
