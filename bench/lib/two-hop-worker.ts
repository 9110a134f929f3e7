// A child process of the raw BullMQ baseline: queue A's worker adds each job to queue B, B's
// worker completes it, with the connection, concurrency and job options of Baton's worker
// (src/runtime/start-worker.ts), and nothing else. It reports progress on stdout as
// "progress <completed on B> <epoch ms of the last completion>".
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { defaultJobOptions } from '../../src/core/queues/bullmq-dispatcher';

async function main(): Promise<void> {
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = process.env.BENCH_PREFIX ?? 'baton-bench';
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
  // As in Baton: producers fail fast (no offline queue), workers block on their own connection.
  const producer = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  await producer.connect();
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queueB = new Queue('hop-b', { connection: producer, prefix, defaultJobOptions });
  const common = { connection, prefix, concurrency, lockDuration: 30_000, stalledInterval: 30_000 };
  let completed = 0;
  let lastAt = 0;
  const workers = [
    new Worker(
      'hop-a',
      async (job) => {
        await queueB.add('deliver', { messageId: job.data.eventId }, { jobId: `deliver-${job.data.eventId}` });
      },
      common,
    ),
    new Worker(
      'hop-b',
      async () => {
        completed += 1;
        lastAt = Date.now();
      },
      common,
    ),
  ];
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));
  process.stdout.write('ready\n');
  let reported = -1;
  const timer = setInterval(() => {
    if (completed === reported) return;
    reported = completed;
    process.stdout.write(`progress ${completed} ${lastAt}\n`);
  }, 20);
  process.once('SIGTERM', async () => {
    clearInterval(timer);
    await Promise.all(workers.map((worker) => worker.close()));
    await queueB.close();
    connection.disconnect();
    producer.disconnect();
    process.exit(0);
  });
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
