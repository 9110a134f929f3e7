import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import pino, { type Logger } from 'pino';
import { defaultChannelTextLimits } from '../../src/core/outbound/outbound-text-policy';
import type { Responder } from '../../src/core/responder';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime/create-runtime';
import {
  createSlackReceiver,
  type SlackBridgeSettings,
  type SlackWorkerRecovery,
  startSlackWorker,
} from '../../src/runtime/start-slack';
import { type RunningWeb, startWeb } from '../../src/runtime/start-web';
import { type RunningWorker, startWorker, type WorkerOptions } from '../../src/runtime/start-worker';
import { FakeSlackServer } from './fake-slack-server';
import { FakeTwilioServer } from './fake-twilio-server';
import { TcpProxy } from './tcp-proxy';
import { testComplianceReplies, testHandoffNotice } from './test-baton';
import { createTestDatabase, postgresServerUrl, redisUrl as sharedRedisUrl, type TestDatabase } from './test-services';
import { signedTwilioRequest, twilioInboundParams } from './twilio-signing';

/**
 * Shared helpers of the fault suite (tests/faults, tests/integration/security): a Baton
 * whose PostgreSQL and Redis can be taken away (through a TcpProxy or a redis-server of its
 * own), traffic from many travelers through signed Twilio webhooks, and the exactly-once
 * accounting every fault test ends with — rows counted in PostgreSQL, requests counted at
 * the fake Twilio and the fake Slack.
 */

export const SMS_NUMBER = '+15005550006';
export const HANDOFF_CHANNEL = 'C0FAULTS01';
export const SLACK_SIGNING_SECRET = 'fault-suite-signing-secret';
export const HANDOFF_NOTICE = testHandoffNotice;

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work`, but gives up (resolving) after `ms`: cleanup must never hang a test file. */
export async function bounded<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    });
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `probe` until it returns a truthy value; on timeout throws with `describe()`'s account. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs: number,
  describe: () => Promise<string> | string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await sleep(100);
  }
  throw new Error(
    `condition not met within ${timeoutMs} ms: ${await describe()}${last ? ` (last error: ${String(last)})` : ''}`,
  );
}

// ---------------------------------------------------------------- a redis-server of our own

/**
 * A throwaway redis-server (no persistence, like a restarted production Redis without AOF)
 * on a free loopback port: `kill()` is SIGKILL, `start()` again on the same port comes back
 * empty. The machine's shared Redis is never touched.
 */
export class OwnRedisServer {
  private child: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedisServer> {
    const server = new OwnRedisServer(await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (on its port, empty); a no-op while it runs. */
  async start(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) return;
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--protected-mode',
        'no',
        '--loglevel',
        'warning',
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    await waitFor(
      async () => {
        const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        probe.on('error', () => {});
        try {
          await probe.connect();
          return (await probe.ping()) === 'PONG';
        } finally {
          probe.disconnect();
        }
      },
      10_000,
      () => `redis-server on port ${this.port} did not start`,
    );
  }

  /** SIGKILL: no shutdown, no save; every connection drops at once. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
  }
}

/**
 * A TcpProxy in front of the machine's PostgreSQL: a Baton pointed at it (`databaseUrl:
 * (url) => proxy.url(url)`) loses its database on `cut()` or `blackhole()`, the server and
 * the other test files' connections are never touched.
 */
export async function startPostgresProxy(): Promise<TcpProxy> {
  const postgres = new URL(postgresServerUrl);
  return TcpProxy.start({ host: postgres.hostname, port: Number(postgres.port || 5432) });
}

// ---------------------------------------------------------------- Baton under test

export interface FaultBatonOptions {
  /** Default: the machine's shared Redis. */
  redisUrl?: string;
  /** Rewrites the test database's URL, e.g. through a TcpProxy. */
  databaseUrl?: (url: string) => string;
  responder?: Responder;
  twilio?: FakeTwilioServer;
  /** Where Baton sends Twilio API calls (an HttpInterposer in front of the fake); default the fake. */
  twilioApiUrl?: string;
  slack?: FakeSlackServer;
  /** Where Baton sends Slack Web API calls, ending with "/"; default the fake's. */
  slackApiUrl?: string;
  /** Start the worker (and the Slack worker) in this process; default true. */
  worker?: boolean;
  workerOptions?: Partial<WorkerOptions>;
  logger?: Logger;
  dbPoolSize?: number;
  /** Key for signed media URLs; default a fixed test key; null: the random key stored in the database. */
  mediaSecret?: string | null;
}

export interface FaultBaton {
  runtime: Runtime;
  web: RunningWeb;
  baseUrl: string;
  database: TestDatabase;
  prefix: string;
  redisUrl: string;
  runtimeOptions: RuntimeOptions;
  slackSettings: SlackBridgeSettings | null;
  startWorker(overrides?: Partial<WorkerOptions>): Promise<RunningWorker>;
  /** A Slack worker in this process; `recovery` (e.g. `fastRecovery`) bounds how soon it takes over a dead worker's jobs. */
  startSlackWorker(recovery?: SlackWorkerRecovery): Promise<{ close(): Promise<void> }>;
  close(): Promise<void>;
}

export const silentLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** Fast recovery for fault tests: leases, locks and the sweep in seconds, not minutes. */
export const fastRecovery: Partial<WorkerOptions> = {
  sweepIntervalMs: 500,
  sweepOlderThanMs: 1500,
  lockDurationMs: 2000,
  stalledIntervalMs: 1000,
  responseLeaseSeconds: 3,
};

export async function startFaultBaton(options: FaultBatonOptions = {}): Promise<FaultBaton> {
  const database = await createTestDatabase();
  const prefix = `baton-fault-${randomBytes(4).toString('hex')}`;
  const redisUrl = options.redisUrl ?? sharedRedisUrl;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logger = options.logger ?? silentLogger;
  const { twilio, slack } = options;
  const runtimeOptions: RuntimeOptions = {
    databaseUrl: options.databaseUrl ? options.databaseUrl(database.url) : database.url,
    redisUrl,
    redisPrefix: prefix,
    logger,
    dbPoolSize: options.dbPoolSize ?? 8,
    publicUrl: baseUrl,
    mediaSecret: options.mediaSecret === undefined ? 'fault-media-secret' : options.mediaSecret,
    ...(twilio && {
      twilio: {
        accountSid: twilio.accountSid,
        authToken: twilio.authToken,
        apiUrl: options.twilioApiUrl ?? twilio.url,
        smsFrom: SMS_NUMBER,
      },
    }),
    ...(slack && {
      slack: {
        botToken: slack.botToken,
        signingSecret: SLACK_SIGNING_SECRET,
        socketMode: false,
        handoffChannel: HANDOFF_CHANNEL,
        apiUrl: options.slackApiUrl ?? slack.apiUrl,
      },
    }),
  };
  const runtime = await createRuntime(runtimeOptions);
  const slackSettings: SlackBridgeSettings | null = slack
    ? {
        handoffChannel: HANDOFF_CHANNEL,
        privateNotePrefix: '!',
        signWithFirstName: false,
        limits: defaultChannelTextLimits,
      }
    : null;
  const slackReceiver = slackSettings ? await createSlackReceiver(runtime, slackSettings) : null;
  const web = await startWeb(runtime, { port, host: '127.0.0.1', slackRouter: slackReceiver?.router });
  const workers: RunningWorker[] = [];
  const slackWorkers: Array<{ close(): Promise<void> }> = [];
  const launch = async (overrides: Partial<WorkerOptions> = {}) => {
    const worker = await startWorker(runtime, {
      responder: options.responder ?? new FaultResponder(),
      complianceReplies: testComplianceReplies,
      handoffNotice: HANDOFF_NOTICE,
      ...fastRecovery,
      ...options.workerOptions,
      ...overrides,
    });
    workers.push(worker);
    return worker;
  };
  const launchSlack = async (recovery?: SlackWorkerRecovery) => {
    if (!slackSettings) throw new Error('no fake Slack given');
    const worker = await startSlackWorker(runtime, slackSettings, recovery);
    slackWorkers.push(worker);
    return worker;
  };
  if (options.worker !== false) {
    if (slackSettings) await launchSlack();
    await launch();
  }
  return {
    runtime,
    web,
    baseUrl,
    database,
    prefix,
    redisUrl,
    runtimeOptions,
    slackSettings,
    startWorker: launch,
    startSlackWorker: launchSlack,
    async close() {
      await bounded(slackReceiver?.stop() ?? Promise.resolve(), 5000);
      await bounded(Promise.allSettled([...slackWorkers, ...workers].map((w) => w.close())), 10_000);
      await bounded(web.close(), 5000);
      await bounded(runtime.close(), 5000);
      await bounded(clearPrefix(redisUrl, prefix), 5000);
      await database.drop();
    },
  };
}

/** A fault Baton with a fake Twilio and a fake Slack, what most fault tests start from. */
export interface FaultStack {
  twilio: FakeTwilioServer;
  slack: FakeSlackServer;
  baton: FaultBaton;
  /** A traveler's message through the signed Twilio webhook: the HTTP status (0: no answer). */
  send(message: PlannedMessage): Promise<number>;
  /** Stops the Baton, then the fakes. */
  close(): Promise<void>;
}

export async function startFaultStack(options: Omit<FaultBatonOptions, 'twilio' | 'slack'> = {}): Promise<FaultStack> {
  const twilio = await FakeTwilioServer.start();
  const slack = await FakeSlackServer.start();
  const baton = await startFaultBaton({ ...options, twilio, slack });
  return {
    twilio,
    slack,
    baton,
    send: (message) => postTwilioMessage(baton, twilio, message),
    async close() {
      await baton.close();
      await twilio.close();
      await slack.close();
    },
  };
}

async function clearPrefix(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
  redis.on('error', () => {});
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } catch {
    // a redis-server of the test's own is gone already: nothing to clear
  } finally {
    redis.disconnect();
  }
}

/**
 * Replies "echo: <text>" so every reply names the message it answers; a message starting
 * with "agent" asks for a person (handoff). `delayMs` keeps jobs in flight (a kill lands mid-job).
 */
export class FaultResponder implements Responder {
  constructor(private readonly delayMs = 0) {}

  async respond({ message }: { message: { text: string } }) {
    if (this.delayMs > 0) await sleep(this.delayMs);
    if (/^agent\b/.test(message.text)) return { kind: 'handoff' as const, reason: 'traveler asked for a person' };
    return { kind: 'reply' as const, text: `echo: ${message.text}` };
  }
}

// ---------------------------------------------------------------- traffic

/** One traveler message as Twilio would post it; `sid` is the idempotency key. */
export interface PlannedMessage {
  traveler: string;
  body: string;
  sid: string;
}

export type TravelerKind = 'bot' | 'late_handoff' | 'early_handoff';

export interface LoadPlan {
  travelers: Array<{ address: string; kind: TravelerKind; messages: PlannedMessage[] }>;
  all: PlannedMessage[];
}

let planSeq = 0;

/**
 * `travelers` × `perTraveler` messages with unique bodies ("t03-m07 …"). Early-handoff
 * travelers ask for a person in their first message (the test waits for their cards before
 * the fault, so the rest are relayed into the thread); late-handoff travelers in their last.
 */
export function planLoad(input: {
  travelers: number;
  perTraveler: number;
  earlyHandoffs?: number;
  lateHandoffs?: number;
  /** Varies the numbers between files sharing nothing but the fake servers' conventions. */
  areaCode?: number;
}): LoadPlan {
  const run = (++planSeq).toString(36);
  const early = input.earlyHandoffs ?? 0;
  const late = input.lateHandoffs ?? 0;
  const area = input.areaCode ?? 555;
  const travelers: LoadPlan['travelers'] = [];
  for (let t = 0; t < input.travelers; t++) {
    const kind: TravelerKind = t < early ? 'early_handoff' : t < early + late ? 'late_handoff' : 'bot';
    const address = `+1${area}${String(7000000 + t).padStart(7, '0')}`;
    const messages: PlannedMessage[] = [];
    for (let m = 0; m < input.perTraveler; m++) {
      const token = `t${String(t).padStart(2, '0')}-m${String(m).padStart(2, '0')}`;
      const asks = (kind === 'early_handoff' && m === 0) || (kind === 'late_handoff' && m === input.perTraveler - 1);
      const body = asks ? `agent please ${token}` : `question ${token} run${run}`;
      const sid = `SM${randomBytes(16).toString('hex')}`;
      messages.push({ traveler: address, body, sid });
    }
    travelers.push({ address, kind, messages });
  }
  return { travelers, all: travelers.flatMap((t) => t.messages) };
}

/** One message from one traveler of its own (numbers in `areaCode`). */
export function planOneMessage(areaCode: number): PlannedMessage {
  const [traveler] = planLoad({ travelers: 1, perTraveler: 1, areaCode }).travelers;
  const message = traveler?.messages[0];
  if (!message) throw new Error('planLoad gave no message');
  return message;
}

/** Posts one signed Twilio webhook; the HTTP status, or 0 when no answer came (refused, reset, timeout). */
export async function postTwilioMessage(
  baton: { baseUrl: string },
  twilio: FakeTwilioServer,
  message: PlannedMessage,
  timeoutMs = 10_000,
): Promise<number> {
  return (await postTwilioWebhook(baton, twilio, message, timeoutMs)).status;
}

/** What a provider reads from Baton's answer to a webhook (status 0: no answer came). */
export interface WebhookAnswer {
  status: number;
  retryAfter: string | null;
  /** The `error` code of a JSON error body. */
  error: string | null;
  ms: number;
}

/** Posts one signed Twilio inbound-message webhook; what came back, and how soon. */
export async function postTwilioWebhook(
  baton: { baseUrl: string },
  twilio: FakeTwilioServer,
  message: PlannedMessage,
  timeoutMs: number,
): Promise<WebhookAnswer> {
  const params = twilioInboundParams({
    accountSid: twilio.accountSid,
    from: message.traveler,
    to: SMS_NUMBER,
    body: message.body,
    messageSid: message.sid,
  });
  const url = `${baton.baseUrl}/webhooks/twilio/messages`;
  const signed = signedTwilioRequest({ authToken: twilio.authToken, url, params });
  const started = Date.now();
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch {
    return { status: 0, retryAfter: null, error: null, ms: Date.now() - started };
  }
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    error: response.headers.get('content-type')?.includes('json') ? jsonErrorCode(text) : null,
    ms: Date.now() - started,
  };
}

function jsonErrorCode(text: string): string | null {
  try {
    const error = (JSON.parse(text) as { error?: unknown }).error;
    return typeof error === 'string' ? error : null;
  } catch {
    return null;
  }
}

export interface SendOutcome {
  message: PlannedMessage;
  status: number;
  at: number;
}

/**
 * Sends every traveler's messages in order, travelers in parallel, `gapMs` between one
 * traveler's messages; `onSent` sees each outcome (a test triggers its fault from there).
 */
export async function sendLoad(
  send: (message: PlannedMessage) => Promise<number>,
  travelers: Array<{ messages: PlannedMessage[] }>,
  options: { gapMs?: number; onSent?: (outcome: SendOutcome, sentSoFar: number) => void | Promise<void> } = {},
): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = [];
  await Promise.all(
    travelers.map(async ({ messages }) => {
      for (const message of messages) {
        const status = await send(message);
        const outcome = { message, status, at: Date.now() };
        outcomes.push(outcome);
        await options.onSent?.(outcome, outcomes.length);
        if (options.gapMs) await sleep(options.gapMs);
      }
    }),
  );
  return outcomes;
}

/** A fault `sendLoad` injects mid-load: pass `onSent` to it, then `await done()`. */
export interface LoadFault {
  onSent: (outcome: SendOutcome, sentSoFar: number) => void;
  /** When the fault began and when `fault()` resolved; throws if the load ended before it began. */
  done(): Promise<{ startedAt: number; endedAt: number }>;
}

/** Runs `fault` (once) as the `afterSent`-th message of a load has been answered, while the rest go on. */
export function injectFaultAfter(afterSent: number, fault: () => Promise<void>): LoadFault {
  let running: Promise<{ startedAt: number; endedAt: number }> | undefined;
  return {
    onSent: (_outcome, sentSoFar) => {
      if (sentSoFar !== afterSent || running) return;
      const startedAt = Date.now();
      running = fault().then(() => ({ startedAt, endedAt: Date.now() }));
    },
    async done() {
      if (!running) throw new Error(`the fault was never injected: the load ended before message ${afterSent}`);
      return running;
    },
  };
}

// ---------------------------------------------------------------- exactly-once accounting

export interface Ledger {
  inboundEvents: number;
  inboundMessages: number;
  unprocessedEvents: number;
  unanswered: number;
  pendingOutbound: number;
  outboundByStatus: Record<string, number>;
  duplicateInbound: number;
}

/** What PostgreSQL holds, counted (not sampled). */
export async function ledger(runtime: Runtime): Promise<Ledger> {
  const { db } = runtime;
  const [events, unprocessed, inbound, unanswered, pending, byStatus, dupes] = await Promise.all([
    db.inboundEvent.count({ where: { kind: 'message' } }),
    db.inboundEvent.count({ where: { processedAt: null } }),
    db.message.count({ where: { direction: 'inbound' } }),
    db.message.count({ where: { direction: 'inbound', respondedAt: null } }),
    db.message.count({ where: { direction: 'outbound', status: { in: ['queued', 'sending'] } } }),
    db.message.groupBy({ by: ['status'], where: { direction: 'outbound' }, _count: true }),
    db.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM (SELECT "providerMessageId" FROM "Message" WHERE direction = 'inbound'
      GROUP BY channel, "providerMessageId" HAVING count(*) > 1) d`,
  ]);
  return {
    inboundEvents: events,
    inboundMessages: inbound,
    unprocessedEvents: unprocessed,
    unanswered,
    pendingOutbound: pending,
    outboundByStatus: Object.fromEntries(byStatus.map((row) => [row.status, row._count])),
    duplicateInbound: Number(dupes[0]?.n ?? 0),
  };
}

/** The texts each traveler must receive, exactly once each, for a plan (after the load is done). */
export function expectedTexts(plan: LoadPlan): Map<string, string[]> {
  const expected = new Map<string, string[]>();
  for (const traveler of plan.travelers) {
    const texts: string[] = [];
    for (const [index, message] of traveler.messages.entries()) {
      if (traveler.kind === 'early_handoff') {
        if (index === 0) texts.push(HANDOFF_NOTICE); // later ones go to the specialist, not the AI
      } else if (/^agent\b/.test(message.body)) texts.push(HANDOFF_NOTICE);
      else texts.push(`echo: ${message.body}`);
    }
    expected.set(traveler.address, texts.sort());
  }
  return expected;
}

/** Every texts Twilio accepted for each traveler (a duplicate send shows up twice). */
export function receivedTexts(twilio: FakeTwilioServer, addresses: string[]): Map<string, string[]> {
  const received = new Map<string, string[]>();
  for (const address of addresses) {
    received.set(
      address,
      twilio
        .messagesTo(address)
        .map((m) => m.body ?? '')
        .sort(),
    );
  }
  return received;
}

/** Top-level handoff cards posted (accepted by the fake Slack), by conversation id. */
export function cardsByConversation(slack: FakeSlackServer): Map<string, number> {
  const cards = new Map<string, number>();
  for (const post of slack.posts(HANDOFF_CHANNEL)) {
    if (post.threadTs) continue;
    const id = /"value":"([0-9a-f-]{36})"/.exec(JSON.stringify(post.blocks ?? ''))?.[1] ?? 'unknown';
    cards.set(id, (cards.get(id) ?? 0) + 1);
  }
  return cards;
}

/** How many thread posts (relays into a handoff thread) mention `token`. */
export function threadMentions(slack: FakeSlackServer, token: string): number {
  return slack
    .posts(HANDOFF_CHANNEL)
    .filter((post) => post.threadTs)
    .filter((post) => JSON.stringify(post.blocks ?? post.text ?? '').includes(token)).length;
}

/** Tokens not in exactly one thread post, with how many they are in: empty when each was relayed once. */
export function notRelayedOnce(slack: FakeSlackServer, tokens: string[]): Array<{ token: string; posts: number }> {
  return tokens.map((token) => ({ token, posts: threadMentions(slack, token) })).filter(({ posts }) => posts !== 1);
}

/** The traveler's token in a planned body ("t03-m07"). */
export function tokenOf(body: string): string {
  return /t\d{2}-m\d{2}/.exec(body)?.[0] ?? body;
}

/** One line per traveler whose received texts differ from the expected ones (empty when all match). */
export function deliveryDiff(expected: Map<string, string[]>, received: Map<string, string[]>): string[] {
  const problems: string[] = [];
  for (const [address, texts] of expected) {
    const got = received.get(address) ?? [];
    const missing = texts.filter((t, i) => texts.indexOf(t) === i && count(got, t) < count(texts, t));
    const extra = got.filter((t, i) => got.indexOf(t) === i && count(got, t) > count(texts, t));
    if (missing.length > 0 || extra.length > 0) {
      problems.push(
        `${address}: missing ${JSON.stringify(missing)}, more than once or unexpected ${JSON.stringify(
          extra.map((t) => `${t} ×${count(got, t)}`),
        )}`,
      );
    }
  }
  return problems;
}

const count = (list: string[], item: string) => list.filter((x) => x === item).length;

// ---------------------------------------------------------------- an HTTP interposer

export type Interposed =
  | { kind: 'forward'; after?: () => Promise<void> | void }
  | { kind: 'answer'; status: number; headers?: Record<string, string>; body: string }
  | { kind: 'hang' };

/**
 * An HTTP proxy in front of a fake provider: every request is forwarded unless `decide`
 * answers it itself, hangs it, or wants to do something (cut the database, say) after the
 * provider answered and before Baton hears the answer (`after`). Records what it saw.
 */
export class HttpInterposer {
  /** Every request, with the provider's answer when it was forwarded. */
  readonly seen: Array<{
    method: string;
    path: string;
    body: string;
    outcome: string;
    at: number;
    response?: { status: number; body: string };
  }> = [];
  decide: (request: { method: string; path: string; body: string }) => Interposed = () => ({ kind: 'forward' });
  private readonly hung = new Set<IncomingMessage>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly target: URL,
  ) {}

  static async start(targetUrl: string): Promise<HttpInterposer> {
    const server = createHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const target = new URL(targetUrl);
    const interposer = new HttpInterposer(server, `http://127.0.0.1:${address.port}`, target);
    server.on('request', (req, res) => {
      interposer.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(502);
        res.end(String(error));
      });
    });
    return interposer;
  }

  async close(): Promise<void> {
    for (const req of this.hung) req.socket.destroy();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const seen = { method: req.method ?? 'GET', path: req.url ?? '/', body: body.toString('utf8') };
    const decision = this.decide(seen);
    const record: (typeof this.seen)[number] = { ...seen, outcome: decision.kind, at: Date.now() };
    this.seen.push(record);
    if (decision.kind === 'hang') {
      this.hung.add(req);
      return;
    }
    if (decision.kind === 'answer') {
      res.writeHead(decision.status, { 'content-type': 'application/json', ...decision.headers }).end(decision.body);
      return;
    }
    const answer = await new Promise<{
      status: number;
      headers: Record<string, string | string[] | undefined>;
      body: Buffer;
    }>((resolve, reject) => {
      const upstream = httpRequest(
        {
          host: this.target.hostname,
          port: this.target.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: this.target.host },
        },
        async (response) => {
          const parts: Buffer[] = [];
          for await (const part of response) parts.push(part as Buffer);
          resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(parts) });
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
    record.response = { status: answer.status, body: answer.body.toString('utf8') };
    await decision.after?.();
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    res.writeHead(answer.status, { ...headers, 'content-length': String(answer.body.byteLength) }).end(answer.body);
  }
}

// ---------------------------------------------------------------- duplicate sends, explained

export interface DuplicateSend {
  to: string;
  body: string;
  /** Every copy Twilio accepted: its position among all accepted messages, and whether Baton recorded its sid. */
  copies: Array<{ index: number; sid: string; recorded: boolean }>;
}

/**
 * Replies Twilio accepted more than once, with which copy Baton recorded. A copy Baton never
 * recorded was sent by a worker that could not write down the provider's answer (it died, or
 * the database went away right then) — the window docs/architecture.md names.
 */
export async function duplicateSends(runtime: Runtime, twilio: FakeTwilioServer): Promise<DuplicateSend[]> {
  const accepted = twilio.messages();
  const groups = new Map<string, Array<{ index: number; sid: string }>>();
  accepted.forEach((message, index) => {
    const key = JSON.stringify([message.to, message.body ?? '']);
    groups.set(key, [...(groups.get(key) ?? []), { index, sid: message.sid }]);
  });
  const duplicates: DuplicateSend[] = [];
  for (const [key, copies] of groups) {
    if (copies.length < 2) continue;
    const [to, body] = JSON.parse(key) as [string, string];
    const recorded = await runtime.db.message.findMany({
      where: { providerMessageId: { in: copies.map((c) => c.sid) } },
      select: { providerMessageId: true },
    });
    const sids = new Set(recorded.map((r) => r.providerMessageId));
    duplicates.push({ to, body, copies: copies.map((c) => ({ ...c, recorded: sids.has(c.sid) })) });
  }
  return duplicates;
}

/** Retries a refused webhook like a provider would (same MessageSid) until it is taken; returns the first status. */
export function retryingSender(
  post: (message: PlannedMessage) => Promise<number>,
  options: { everyMs?: number; forMs?: number } = {},
): (message: PlannedMessage) => Promise<number> {
  return async (message) => {
    const first = await post(message);
    let status = first;
    const deadline = Date.now() + (options.forMs ?? 20_000);
    while (status !== 200 && Date.now() < deadline) {
      await sleep(options.everyMs ?? 300);
      status = await post(message);
    }
    if (status !== 200) throw new Error(`webhook ${message.sid} still refused (${status}) after retries`);
    return first;
  };
}

/** One line per traveler who is missing an expected text (extra copies are not counted here). */
export function missingTexts(expected: Map<string, string[]>, received: Map<string, string[]>): string[] {
  const problems: string[] = [];
  for (const [address, texts] of expected) {
    const got = received.get(address) ?? [];
    const missing = texts.filter((t, i) => texts.indexOf(t) === i && count(got, t) < count(texts, t));
    if (missing.length > 0) problems.push(`${address}: missing ${JSON.stringify(missing)}`);
  }
  return problems;
}

// ---------------------------------------------------------------- a load under a fault, start to end

/**
 * The steps every "loses nothing" load test takes around its fault: open the early handoffs,
 * send the rest of the plan (the fault injected from `sendLoad`'s `onSent`), wait until all
 * of it is through, then count exactly: messages stored once (`expectStoredOnce`), replies
 * sent once (`expectRepliesSentOnce`), cards and thread relays posted once
 * (`expectCardsAndRelaysOnce`).
 */
export interface LoadTarget {
  baton: FaultBaton;
  twilio: FakeTwilioServer;
  slack: FakeSlackServer;
}

/** What a plan must end as; the tests spell these out rather than derive them from the plan. */
export interface LoadCounts {
  /** Inbound messages, each stored once. */
  messages: number;
  /** Outbound texts (replies and handoff notices), each recorded accepted and sent once. */
  replies: number;
  /** Handoff cards, one per traveler who asked for a person. */
  cards: number;
}

/** The tokens of what early-handoff travelers wrote after asking for a person: each is relayed into their thread. */
export function relayedTokens(plan: LoadPlan): string[] {
  return plan.travelers
    .filter((t) => t.kind === 'early_handoff')
    .flatMap((t) => t.messages.slice(1).map((m) => tokenOf(m.body)));
}

/**
 * Sends each early-handoff traveler's first message (asking for a person) and waits for their
 * cards, so that what they write next is relayed into a thread; returns the rest of the plan,
 * per traveler, for `sendLoad`.
 */
export async function openEarlyHandoffs(
  slack: FakeSlackServer,
  send: (message: PlannedMessage) => Promise<number>,
  plan: LoadPlan,
  withinMs = 20_000,
): Promise<Array<{ messages: PlannedMessage[] }>> {
  const early = plan.travelers.filter((t) => t.kind === 'early_handoff');
  for (const traveler of early) expect(await send(traveler.messages[0] as PlannedMessage)).toBe(200);
  await waitFor(
    async () => cardsByConversation(slack).size === early.length,
    withinMs,
    () => `early cards: ${cardsByConversation(slack).size} of ${early.length}`,
  );
  return plan.travelers.map((t) => ({ messages: t.kind === 'early_handoff' ? t.messages.slice(1) : t.messages }));
}

/**
 * Waits until a load is through: every event processed, every message answered, no send
 * pending, every expected text at Twilio, `cards` cards and each relayed message in a thread
 * (each at least once: the exact counts are asserted after); then `quietMs` more, so that a
 * late second copy, if one were coming, lands before the counting.
 */
export async function waitForLoadSettled(
  { baton, twilio, slack }: LoadTarget,
  plan: LoadPlan,
  options: { cards: number; withinMs?: number; quietMs?: number },
): Promise<void> {
  const expected = expectedTexts(plan);
  const addresses = [...expected.keys()];
  const relayed = relayedTokens(plan);
  await waitFor(
    async () => {
      const book = await ledger(baton.runtime);
      return (
        book.unprocessedEvents === 0 &&
        book.unanswered === 0 &&
        book.pendingOutbound === 0 &&
        missingTexts(expected, receivedTexts(twilio, addresses)).length === 0 &&
        cardsByConversation(slack).size === options.cards &&
        relayed.every((token) => threadMentions(slack, token) > 0)
      );
    },
    options.withinMs ?? 60_000,
    async () =>
      JSON.stringify({
        ledger: await ledger(baton.runtime),
        diff: deliveryDiff(expected, receivedTexts(twilio, addresses)).slice(0, 5),
        cards: cardsByConversation(slack).size,
        unrelayed: relayed.filter((token) => threadMentions(slack, token) === 0),
      }),
  );
  await sleep(options.quietMs ?? 1500);
}

/**
 * PostgreSQL after a load: `messages` events and messages, no message stored twice, all
 * processed and answered, nothing pending, and exactly `replies` outbound texts, all accepted.
 */
export async function expectStoredOnce(runtime: Runtime, counts: Pick<LoadCounts, 'messages' | 'replies'>) {
  const book = await ledger(runtime);
  expect(book).toMatchObject({
    inboundEvents: counts.messages,
    inboundMessages: counts.messages,
    duplicateInbound: 0,
    unprocessedEvents: 0,
    unanswered: 0,
    pendingOutbound: 0,
  });
  expect(book.outboundByStatus).toEqual({ accepted: counts.replies });
}

/**
 * Twilio after a load: every expected text reached its traveler, and nothing else was taken
 * but the second copies `explained` accepts. Without `explained`, none: each text exactly once.
 * Returns the texts taken more than once.
 */
export async function expectRepliesSentOnce(
  { baton, twilio }: Pick<LoadTarget, 'baton' | 'twilio'>,
  plan: LoadPlan,
  options: { replies: number; explained?: (duplicate: DuplicateSend) => boolean },
): Promise<DuplicateSend[]> {
  const expected = expectedTexts(plan);
  const received = receivedTexts(twilio, [...expected.keys()]);
  expect(options.explained ? missingTexts(expected, received) : deliveryDiff(expected, received)).toEqual([]);
  const duplicates = await duplicateSends(baton.runtime, twilio);
  const explained = options.explained ?? (() => false);
  expect(duplicates.filter((duplicate) => !explained(duplicate))).toEqual([]);
  const secondCopies = duplicates.reduce((n, d) => n + d.copies.length - 1, 0);
  expect(twilio.messages()).toHaveLength(options.replies + secondCopies);
  return duplicates;
}

/**
 * Slack after a load: one card for each conversation waiting for a person (`cards` of them),
 * and each early-handoff traveler's later messages in their thread once.
 */
export async function expectCardsAndRelaysOnce(
  { baton, slack }: Pick<LoadTarget, 'baton' | 'slack'>,
  plan: LoadPlan,
  counts: Pick<LoadCounts, 'cards'>,
): Promise<void> {
  const cards = cardsByConversation(slack);
  expect([...cards.values()]).toEqual(Array(counts.cards).fill(1));
  const handoffs = await baton.runtime.db.conversation.findMany({ where: { state: 'pending' }, select: { id: true } });
  expect(new Set(cards.keys())).toEqual(new Set(handoffs.map((c) => c.id)));
  expect(notRelayedOnce(slack, relayedTokens(plan))).toEqual([]);
}

/**
 * After a fault: the provider retries `message` (same MessageSid) until Baton takes it; then
 * it must be stored once and answered once.
 */
export async function expectRetryStoredAndAnsweredOnce(
  { baton, twilio }: Pick<LoadTarget, 'baton' | 'twilio'>,
  message: PlannedMessage,
): Promise<void> {
  const send = retryingSender((m: PlannedMessage) => postTwilioMessage(baton, twilio, m), { forMs: 30_000 });
  await send(message);
  const reply = `echo: ${message.body}`;
  await waitFor(
    async () => twilio.messagesTo(message.traveler).some((m) => m.body === reply),
    30_000,
    () => `reply to ${message.sid}`,
  );
  await sleep(1000); // room for a second copy, if one were coming
  const stored = await baton.runtime.db.message.count({
    where: { direction: 'inbound', providerMessageId: message.sid },
  });
  expect({ stored, replies: twilio.messagesTo(message.traveler).map((m) => m.body) }).toEqual({
    stored: 1,
    replies: [reply],
  });
}

// ---------------------------------------------------------------- a worker process to kill

/**
 * Starts tests/faults/fault-worker-child.ts against `baton`'s database and Redis: the core
 * queues or the Slack queue, in a process of its own; resolves once it consumes them.
 */
export async function startWorkerChild(
  baton: FaultBaton,
  options: { queues: 'core' | 'slack'; responderDelayMs?: number; slackApiUrl?: string; twilioApiUrl?: string },
): Promise<ChildProcess> {
  const { logger: _logger, ...runtime } = baton.runtimeOptions;
  const config = {
    runtime: {
      ...runtime,
      slack: runtime.slack && { ...runtime.slack, apiUrl: options.slackApiUrl ?? runtime.slack.apiUrl },
      twilio: runtime.twilio && { ...runtime.twilio, apiUrl: options.twilioApiUrl ?? runtime.twilio.apiUrl },
    },
    queues: options.queues,
    handoffChannel: HANDOFF_CHANNEL,
    responderDelayMs: options.responderDelayMs,
  };
  const script = path.join(__dirname, '../faults/fault-worker-child.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, FAULT_CHILD_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await waitFor(
    async () => output.includes('ready'),
    30_000,
    () => `worker child said: ${output}`,
  );
  return child;
}

/** SIGKILL, resolved once the process is gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
