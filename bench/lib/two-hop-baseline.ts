import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { defaultJobOptions } from '../../src/core/queues/bullmq-dispatcher';
import { tsxImportArgs } from './baton-process';
import { ProcSampler } from './proc-sampler';
import { sleep, waitFor } from './stats';

/**
 * The floor Baton's pipeline stands on: BullMQ alone carrying a message through Baton's two
 * hops (inbound queue → outbound queue) on the same Redis, with Baton's worker concurrency and
 * job options, in 1 or more worker processes. Jobs are added in bulk so the producer is never
 * what limits it; the figure is jobs through both hops per second.
 */
export interface TwoHopResult {
  workerProcesses: number;
  concurrencyPerQueue: number;
  jobs: number;
  seconds: number;
  jobsPerSecond: number;
  /** CPU milliseconds per job: the worker processes, Redis, and the bench adding the jobs. */
  cpuMsPerJob: Record<string, number>;
}

interface Child {
  process: ChildProcess;
  completed: number;
  lastAt: number;
  ready: boolean;
  exitCode: number | null | undefined;
}

function startChild(env: NodeJS.ProcessEnv): Child {
  const child: Child = {
    process: spawn(process.execPath, [...tsxImportArgs(), path.join(__dirname, 'two-hop-worker.ts')], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
    completed: 0,
    lastAt: 0,
    ready: false,
    exitCode: undefined,
  };
  let buffered = '';
  child.process.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ready') child.ready = true;
      const progress = /^progress (\d+) (\d+)$/.exec(line);
      if (progress) {
        child.completed = Number(progress[1]);
        child.lastAt = Number(progress[2]);
      }
    }
  });
  child.process.once('exit', (code) => {
    child.exitCode = code;
  });
  return child;
}

async function pushJobs(queue: Queue, from: number, count: number): Promise<void> {
  const batch = 500;
  for (let start = from; start < from + count; start += batch) {
    const size = Math.min(batch, from + count - start);
    await queue.addBulk(
      Array.from({ length: size }, (_, i) => ({
        name: 'ingest-event',
        data: { eventId: String(start + i) },
        opts: { jobId: `event-${start + i}` },
      })),
    );
  }
}

export async function measureTwoHop(options: {
  redisUrl: string;
  prefix: string;
  workerProcesses: number;
  concurrency: number;
  jobs: number;
  warmupJobs: number;
  sampler: ProcSampler;
  timeoutMs: number;
}): Promise<TwoHopResult> {
  const env = {
    ...process.env,
    BENCH_REDIS_URL: options.redisUrl,
    BENCH_PREFIX: options.prefix,
    BENCH_CONCURRENCY: String(options.concurrency),
  };
  const children = Array.from({ length: options.workerProcesses }, () => startChild(env));
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  const queueA = new Queue('hop-a', { connection: redis, prefix: options.prefix, defaultJobOptions });
  const total = () => children.reduce((sum, child) => sum + child.completed, 0);
  /** `done()` as a waitFor probe, failing at once if a child died. */
  const until = (done: () => boolean) => () => {
    const dead = children.find((child) => child.exitCode !== undefined);
    if (dead) throw new Error(`a two-hop baseline worker exited with code ${dead.exitCode}`);
    return done() ? true : undefined;
  };
  try {
    await waitFor(
      until(() => children.every((child) => child.ready)),
      30_000,
      () => 'the two-hop baseline workers did not start within 30 s',
    );
    const names = children.map((_, i) => `raw-two-hop-${options.workerProcesses}p-worker-${i + 1}`);
    children.forEach((child, i) => {
      if (child.process.pid) options.sampler.track(names[i] as string, child.process.pid);
    });
    await pushJobs(queueA, 0, options.warmupJobs);
    await waitFor(
      until(() => total() >= options.warmupJobs),
      options.timeoutMs,
      () => `two-hop warm-up: ${total()} of ${options.warmupJobs} jobs after ${options.timeoutMs} ms`,
      10,
    );
    const before = total();
    const cpuBefore = options.sampler.snapshot();
    const startedAt = Date.now();
    await pushJobs(queueA, options.warmupJobs, options.jobs);
    await waitFor(
      until(() => total() - before >= options.jobs),
      options.timeoutMs,
      () => `two-hop: ${total() - before} of ${options.jobs} jobs after ${options.timeoutMs} ms`,
      10,
    );
    await sleep(50); // the last progress lines carry each child's last completion time
    const cpu = ProcSampler.diff(cpuBefore, options.sampler.snapshot()).cpuSeconds;
    const perJob = (seconds: number | undefined) => Math.round(((seconds ?? 0) * 1000 * 1000) / options.jobs) / 1000;
    const seconds = (Math.max(...children.map((child) => child.lastAt)) - startedAt) / 1000;
    return {
      workerProcesses: options.workerProcesses,
      concurrencyPerQueue: options.concurrency,
      jobs: options.jobs,
      seconds: Math.round(seconds * 100) / 100,
      jobsPerSecond: Math.round(options.jobs / seconds),
      cpuMsPerJob: {
        workers: perJob(names.reduce((sum, name) => sum + (cpu[name] ?? 0), 0)),
        redis: perJob(cpu.redis),
        producer: perJob(cpu.bench),
      },
    };
  } finally {
    for (const child of children) child.process.kill('SIGTERM');
    await Promise.all(
      children.map((child) =>
        child.exitCode !== undefined ? undefined : new Promise((resolve) => child.process.once('exit', resolve)),
      ),
    );
    await queueA.close();
    redis.disconnect();
  }
}
