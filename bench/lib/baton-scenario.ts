import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { FakeSlackServer } from '../../tests/support/fake-slack-server';
import { redisUrl } from '../../tests/support/test-services';
import { type BatonLaunch, BatonProcess } from './baton-process';
import { travelerQuestions, writeBenchConfig } from './bench-config';
import type { Cleanup } from './cleanup';
import { type ProfileSummary, summarizeCpuProfile } from './cpu-profile';
import {
  type BurstResult,
  burstIntoThreads,
  type HandoffContext,
  type HandoffOpenResult,
  openHandoffs,
  type RelayResult,
  relayReplies,
} from './handoff';
import { type LoadResult, runClosedLoop, runOpenLoop, type Traffic, travelerAddresses } from './load';
import type { BenchOptions } from './options';
import { measureOrmOverhead, type OrmOverheadResult } from './orm-overhead';
import { type PgPerMessage, pgPerMessage, snapshotPgStats } from './pg-stats';
import { type PhaseCpu, ProcSampler } from './proc-sampler';
import { ReplyTracker } from './reply-tracker';
import { benchDatabase, clearRedisPrefix, diffCounts, redisCommandCounts } from './services';
import { round } from './stats';
import { TwilioRecorder } from './twilio-recorder';
import { SlackEventSender, TwilioWebhookSender } from './webhook-sender';

/** A phase's load figures with the CPU each process used meanwhile. */
export type Phase = LoadResult & { cpu: PhaseCpu };

export interface EndToEndReport {
  /** One traveler, one message at a time: the path's own latency, without queueing. */
  unloaded: Phase;
  /** Closed loop, one worker process: the throughput figure. */
  saturation: Phase & {
    workers: 1;
    /** CPU milliseconds per message, by process (and PostgreSQL, Redis). */
    cpuMsPerMessage: Record<string, number>;
    /** Redis commands per message (server-wide counters; Lua-script inner calls included). */
    redisCommandsPerMessage: { total: number; top: Record<string, number> };
    /** With --count-queries. */
    postgresPerMessage?: Record<string, PgPerMessage>;
  };
  /** Open loop at half the saturation rate: the latency figure. */
  halfRate: Phase;
  /** Closed loop, two worker processes. */
  saturationTwoWorkers: Phase & { workers: 2 };
  scaling: { oneWorker: number | null; twoWorkers: number | null; factor: number | null };
  /** Open loop at --ack-rate: with both workers draining what it brings, then web alone. */
  ackWithWorkers: Phase;
  ackWebOnly: Phase;
}

export interface HandoffReport {
  open: HandoffOpenResult;
  relay: RelayResult & { postgresPerReply?: Record<string, PgPerMessage> };
  burst: BurstResult;
}

export interface ScenarioReport {
  orm?: OrmOverheadResult;
  endToEnd?: EndToEndReport;
  handoff?: HandoffReport;
  processes: Record<
    string,
    { peakRssMB: number; maxSampledRssMB: number; rssWhenReadyMB: number | null; cpuSeconds: number }
  >;
  logProblems: Record<string, { warnings: number; errors: number; messages: Record<string, number> }>;
  profile?: Record<string, ProfileSummary>;
  settings: Record<string, unknown>;
}

const HANDOFF_CHANNEL = 'C0BENCH0001';
const SPECIAL_USER = { id: 'U0SPECIAL1', name: 'Ana Specialist' };
const SMS_FROM = '+15550100000';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** The same database through PostgreSQL's Unix socket (`?host=<dir>`, as pg and libpq read it). */
function throughSocket(databaseUrl: string, socketDir: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('host', socketDir);
  return url.toString();
}

/** Only what Baton needs: no OPENAI_* (the local answerer answers), no whatsapp-web.js. */
function baseEnv(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR', 'WORKER_NICE'];
  return Object.fromEntries(keep.filter((name) => process.env[name]).map((name) => [name, process.env[name]]));
}

export async function runBatonScenario(
  options: BenchOptions,
  context: { repoRoot: string; scratch: string; sampler: ProcSampler; cleanup: Cleanup; log: (line: string) => void },
): Promise<ScenarioReport> {
  const { repoRoot, scratch, sampler, cleanup, log } = context;
  const logDir = path.join(scratch, 'logs');
  const profileDir = path.join(scratch, 'profiles');
  mkdirSync(logDir, { recursive: true });
  mkdirSync(profileDir, { recursive: true });

  const twilio = await TwilioRecorder.start();
  cleanup.add('fake Twilio', () => twilio.close());
  const slack = await FakeSlackServer.start({
    users: [{ id: SPECIAL_USER.id, realName: SPECIAL_USER.name }],
    channels: [{ id: HANDOFF_CHANNEL, name: 'handoffs' }],
  });
  cleanup.add('fake Slack', () => slack.close());
  const signingSecret = randomBytes(16).toString('hex');

  const database = benchDatabase();
  cleanup.add(`drop database ${database.name}`, () => database.drop());
  const prefix = `baton-bench-${randomBytes(4).toString('hex')}`;
  cleanup.add(`delete Redis keys ${prefix}:*`, async () => {
    await clearRedisPrefix(redisUrl, prefix);
  });
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const configFile = writeBenchConfig(repoRoot, scratch);
  const launch: BatonLaunch = {
    repoRoot,
    runner: options.runner,
    cwd: scratch,
    logDir,
    env: {
      ...baseEnv(),
      DATABASE_URL: options.pgSocketDir ? throughSocket(database.url, options.pgSocketDir) : database.url,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      BATON_CONFIG: configFile,
      LOG_LEVEL: 'info',
      MEDIA_SIGNING_SECRET: randomBytes(16).toString('hex'),
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_SMS_FROM: SMS_FROM,
      TWILIO_API_URL: twilio.url,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_HANDOFF_CHANNEL: HANDOFF_CHANNEL,
      SLACK_API_URL: slack.apiUrl,
      BENCH_PG_STATS_DIR: scratch,
      ...(options.pgPoolMax !== null && { BENCH_PG_POOL_MAX: String(options.pgPoolMax) }),
    },
    nodeArgs: [
      ...(options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      ...(options.countQueries || options.pgPoolMax !== null
        ? ['--require', path.join(__dirname, 'count-pg-queries.cjs')]
        : []),
    ],
  };

  log(`database ${database.name}, Redis prefix ${prefix}, Baton on ${publicUrl} (${options.runner})`);
  await BatonProcess.run(launch, ['migrate'], 'migrate');
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  cleanup.add('database client', () => admin.end());

  const report: ScenarioReport = {
    processes: {},
    logProblems: {},
    settings: {
      runner: options.runner === 'dist' ? 'node bin/baton.js web|worker (npm run build output)' : 'tsx src/cli/main.ts',
      workerConcurrencyPerQueue: 16,
      channel: 'twilio_sms',
      responder: 'local answerer (no OPENAI_* set), sample knowledge base ingested by the first worker',
      config: 'baton.config.example.yml without businessHours, rules and the unsure-count handoff',
      logLevel: 'info (to a file per process)',
      postgresPoolPerProcess: options.pgPoolMax ?? "24 (Baton's default)",
      postgresConnection: options.pgSocketDir ? `Unix socket in ${options.pgSocketDir}` : 'TCP',
    },
  };
  if (options.only.has('orm')) {
    log(`cost per PostgreSQL call: Prisma model call, $queryRaw, pg (${options.ormCalls} calls each)…`);
    report.orm = await measureOrmOverhead(database.url, options.ormCalls);
  }
  if (!options.only.has('e2e') && !options.only.has('handoff')) return report;

  const processes: BatonProcess[] = [];
  const rssWhenReady: Record<string, number | null> = {};
  cleanup.add('stop Baton', async () => {
    await Promise.all(processes.map((child) => child.stop()));
  });
  const startRole = async (role: 'web' | 'worker', name: string) => {
    // Workers on one host each serve their metrics on a port of their own, as in production.
    const extraEnv = role === 'worker' ? { WORKER_METRICS_PORT: String(await freePort()) } : {};
    const child = BatonProcess.start(launch, role, name, extraEnv);
    processes.push(child);
    if (role === 'web') await child.waitForHttp(`${publicUrl}/readyz`, 60_000);
    // The first worker ingests the sample knowledge base before it starts.
    else await child.waitForLog('"msg":"worker started"', 90_000);
    sampler.track(name, child.pid);
    rssWhenReady[name] = sampler.currentRssMB(name);
    log(`${name} ready (pid ${child.pid}, ${rssWhenReady[name]} MB)`);
    return child;
  };
  const alive = () => {
    for (const child of processes) child.assertAlive();
  };

  const web = await startRole('web', 'web');
  const worker1 = await startRole('worker', 'worker-1');

  const tracker = new ReplyTracker();
  twilio.onSend(tracker.onSend);
  const sender = new TwilioWebhookSender({
    baseUrl: publicUrl,
    publicUrl,
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    to: SMS_FROM,
  });
  cleanup.add('webhook agent', () => sender.close());
  const questions = travelerQuestions(repoRoot, configFile);
  const traffic: Traffic = { sender, tracker, questions, replyTimeoutMs: options.replyTimeoutMs };

  const measure = async <T extends LoadResult>(name: string, run: () => Promise<T>): Promise<T & { cpu: PhaseCpu }> => {
    log(`${name}…`);
    const before = sampler.snapshot();
    const result = await run();
    const cpu = ProcSampler.diff(before, sampler.snapshot());
    alive();
    log(
      `  ${name}: ${result.repliesPerSecond ?? result.sentPerSecond}/s, ack p99 ${result.ackMs?.p99 ?? '-'} ms, e2e p99 ${result.e2eMs?.p99 ?? '-'} ms, machine ${cpu.machineBusyPercent}% busy`,
    );
    return { ...result, cpu };
  };

  report.settings.questions = questions.length;
  const withEndToEnd = options.only.has('e2e');
  let saturation: EndToEndReport['saturation'] | undefined;
  let halfRate: Phase | undefined;
  let unloaded: Phase | undefined;

  // Warm-up: JIT, connection pools, the knowledge index (built on the first question).
  await runClosedLoop(traffic, travelerAddresses(0, Math.min(16, options.travelers)), options.warmupSeconds * 1000);
  alive();

  if (withEndToEnd) {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    cleanup.add('redis stats client', () => redis.disconnect());
    unloaded = await measure('one traveler at a time (closed loop)', () =>
      runClosedLoop(traffic, travelerAddresses(7, 1), options.warmupSeconds * 1500),
    );
    const pids = { web: web.pid, 'worker-1': worker1.pid };
    const pgBefore = options.countQueries ? await snapshotPgStats(scratch, pids) : undefined;
    const redisBefore = await redisCommandCounts(redis);
    const phase = await measure('saturation, 1 worker (closed loop)', () =>
      runClosedLoop(traffic, travelerAddresses(1, options.travelers), options.phaseSeconds * 1000),
    );
    const redisDelta = diffCounts(redisBefore, await redisCommandCounts(redis));
    const messages = phase.e2eMs?.count ?? 0;
    const per = (value: number) => (messages > 0 ? round(value / messages, 2) : 0);
    const redisTotal = Object.values(redisDelta).reduce((sum, n) => sum + n, 0);
    saturation = {
      ...phase,
      workers: 1,
      cpuMsPerMessage: Object.fromEntries(
        Object.entries(phase.cpu.cpuSeconds).map(([name, seconds]) => [name, per(seconds * 1000)]),
      ),
      redisCommandsPerMessage: {
        total: per(redisTotal),
        top: Object.fromEntries(
          Object.entries(redisDelta)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 10)
            .map(([name, count]) => [name, per(count)]),
        ),
      },
      ...(pgBefore && {
        postgresPerMessage: pgPerMessage(pgBefore, await snapshotPgStats(scratch, pids), messages),
      }),
    };
    const rate = Math.max(1, (phase.repliesPerSecond ?? 2) / 2);
    halfRate = await measure(`half rate, ${round(rate, 1)}/s (open loop)`, () =>
      runOpenLoop(traffic, travelerAddresses(2, 200), {
        rate,
        durationMs: options.phaseSeconds * 1000,
        trackReplies: true,
      }),
    );
  }

  if (options.only.has('handoff')) {
    const slackEvents = new SlackEventSender({ baseUrl: publicUrl, signingSecret });
    cleanup.add('slack agent', () => slackEvents.close());
    const ctx: HandoffContext = {
      twilio: sender,
      slackEvents,
      slack,
      tracker,
      db: admin,
      channel: HANDOFF_CHANNEL,
      specialist: SPECIAL_USER.id,
      replyTimeoutMs: options.replyTimeoutMs,
    };
    log(`handoff: ${options.handoffThreads} conversations ask for a person…`);
    const opened = await openHandoffs(ctx, travelerAddresses(3, options.handoffThreads));
    log(`  cards posted after ${opened.result.secondsUntilAllCardsPosted} s; relaying specialist replies…`);
    const pids = { web: web.pid, 'worker-1': worker1.pid };
    const pgBefore = options.countQueries ? await snapshotPgStats(scratch, pids) : undefined;
    const relay: HandoffReport['relay'] = await relayReplies(ctx, opened.threads, options.relayRounds);
    if (pgBefore) {
      relay.postgresPerReply = pgPerMessage(pgBefore, await snapshotPgStats(scratch, pids), relay.replies);
    }
    log(`  relay p99 ${relay.relayMs?.p99 ?? '-'} ms; traveler bursts into the threads…`);
    const burst = await burstIntoThreads(
      ctx,
      opened.threads,
      options.burstPerThread,
      options.handoffThreads * options.burstPerThread * 1100 + 10_000,
    );
    log(
      `  ${burst.messagesPosted}/${burst.messagesSent} messages in ${burst.posts} posts, max ${burst.maxPostsInAnySecond}/s`,
    );
    alive();
    report.handoff = { open: opened.result, relay, burst };
  }

  // Replies nobody waited for so far (the acknowledgement phases below do not wait for theirs).
  report.settings.lateOrUnmatchedReplies = { late: tracker.lateReplies, unexpected: tracker.unexpected };

  if (withEndToEnd && saturation && halfRate && unloaded) {
    await startRole('worker', 'worker-2');
    const two = await measure('saturation, 2 workers (closed loop)', () =>
      runClosedLoop(traffic, travelerAddresses(4, options.travelers), options.phaseSeconds * 1000),
    );
    const ackWithWorkers = await measure(`acknowledgements at ${options.ackRate}/s, workers running`, () =>
      runOpenLoop(traffic, travelerAddresses(5, 500), {
        rate: options.ackRate,
        durationMs: options.ackSeconds * 1000,
        trackReplies: false,
      }),
    );
    for (const child of processes.filter((p) => p.name.startsWith('worker'))) await child.stop();
    const ackWebOnly = await measure(`acknowledgements at ${options.ackRate}/s, web alone`, () =>
      runOpenLoop(traffic, travelerAddresses(6, 500), {
        rate: options.ackRate,
        durationMs: options.ackSeconds * 1000,
        trackReplies: false,
      }),
    );
    const oneWorker = saturation.repliesPerSecond;
    const twoWorkers = two.repliesPerSecond;
    report.endToEnd = {
      unloaded,
      saturation,
      halfRate,
      saturationTwoWorkers: { ...two, workers: 2 },
      scaling: {
        oneWorker,
        twoWorkers,
        factor: oneWorker && twoWorkers ? round(twoWorkers / oneWorker, 2) : null,
      },
      ackWithWorkers,
      ackWebOnly,
    };
  }

  await Promise.all(processes.map((child) => child.stop()));
  const usage = sampler.usage();
  for (const child of processes) {
    const found = usage[child.name];
    if (found) {
      report.processes[child.name] = {
        peakRssMB: found.peakRssMB,
        maxSampledRssMB: found.maxSampledRssMB,
        rssWhenReadyMB: rssWhenReady[child.name] ?? null,
        cpuSeconds: found.cpuSeconds,
      };
    }
    report.logProblems[child.name] = child.logProblems();
  }
  if (options.profile) {
    report.profile = {};
    const files = readdirSync(profileDir);
    for (const child of processes) {
      const file = files.find((name) => name.includes(`.${child.pid}.`));
      if (file) report.profile[child.name] = summarizeCpuProfile(path.join(profileDir, file));
    }
  }
  report.settings.replyTimeoutMs = options.replyTimeoutMs;
  return report;
}
