import { createServer } from 'node:net';
import pino from 'pino';
import { AcknowledgingResponder } from '../../src/ai/acknowledging-responder';
import { defaultChannelTextLimits } from '../../src/core/outbound/outbound-text-policy';
import type { Responder } from '../../src/core/responder';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime/create-runtime';
import { createSlackReceiver, type SlackBridgeSettings, startSlackWorker } from '../../src/runtime/start-slack';
import { type RunningWeb, startWeb } from '../../src/runtime/start-web';
import { type RunningWorker, startWorker, type WorkerOptions } from '../../src/runtime/start-worker';
import {
  createRedisNamespace,
  createTestDatabase,
  redisUrl,
  type TestDatabase,
  type TestRedisNamespace,
} from './test-services';

export interface TestBaton {
  runtime: Runtime;
  web: RunningWeb;
  worker: RunningWorker | null;
  baseUrl: string;
  database: TestDatabase;
  redis: TestRedisNamespace;
  startWorker(overrides?: Partial<WorkerOptions>): Promise<RunningWorker>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string): Promise<Response>;
  close(): Promise<void>;
}

export const testLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export const testHandoffNotice = 'Connecting you to a specialist.';

export const testComplianceReplies = {
  optOut: 'You are unsubscribed. Reply START to subscribe again.',
  optIn: 'Welcome back!',
  help: 'This is the travel assistant. Reply STOP to unsubscribe.',
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A runtime of its own: a fresh database and Redis namespace, for tests that wire their own web or Slack app. */
export async function createTestRuntime(
  overrides: Partial<RuntimeOptions> = {},
): Promise<{ runtime: Runtime; database: TestDatabase; redis: TestRedisNamespace }> {
  const database = await createTestDatabase();
  const redis = createRedisNamespace();
  const runtime = await createRuntime({
    databaseUrl: database.url,
    redisUrl,
    redisPrefix: redis.prefix,
    logger: testLogger,
    dbPoolSize: 5,
    publicUrl: 'http://127.0.0.1',
    mediaSecret: 'test-media-secret',
    ...overrides,
  });
  return { runtime, database, redis };
}

/** Web + (optionally) worker on a fresh database and Redis namespace, on a free port. */
export async function startTestBaton(
  options: {
    worker?: boolean;
    responder?: Responder;
    workerOptions?: Partial<WorkerOptions>;
    runtime?: Partial<RuntimeOptions>;
    /** With `runtime.slack` set: the Slack bridge's settings (receiver in web, queue in worker). */
    slack?: Omit<SlackBridgeSettings, 'limits'>;
  } = {},
): Promise<TestBaton> {
  // The public URL must be known before start (Twilio signatures and callbacks use it).
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { runtime, database, redis } = await createTestRuntime({ publicUrl: baseUrl, ...options.runtime });
  const slackSettings = options.slack ? { ...options.slack, limits: defaultChannelTextLimits } : null;
  const slackReceiver = slackSettings ? await createSlackReceiver(runtime, slackSettings) : null;
  const web = await startWeb(runtime, { port, host: '127.0.0.1', slackRouter: slackReceiver?.router });
  const slackWorker = slackSettings && options.worker !== false ? await startSlackWorker(runtime, slackSettings) : null;
  const workers: RunningWorker[] = [];
  const launch = async (overrides: Partial<WorkerOptions> = {}) => {
    const worker = await startWorker(runtime, {
      responder: options.responder ?? new AcknowledgingResponder('Thanks, we got your message.'),
      complianceReplies: testComplianceReplies,
      handoffNotice: testHandoffNotice,
      sweepIntervalMs: 60_000,
      ...options.workerOptions,
      ...overrides,
    });
    workers.push(worker);
    return worker;
  };
  const worker = options.worker === false ? null : await launch();
  return {
    runtime,
    web,
    worker,
    baseUrl,
    database,
    redis,
    startWorker: launch,
    post: (path, body, headers = {}) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    get: (path) => fetch(`${baseUrl}${path}`),
    async close() {
      await slackReceiver?.stop();
      await slackWorker?.close();
      await Promise.allSettled(workers.map((w) => w.close()));
      await web.close();
      await runtime.close();
      await redis.clear();
      await database.drop();
    },
  };
}

/** Polls until `probe` returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
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
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}

export async function phoneOf(baton: TestBaton, address: string): Promise<Array<{ text: string; messageId: string }>> {
  const response = await baton.get(`/simulator/messages?address=${encodeURIComponent(address)}`);
  const body = (await response.json()) as { messages: Array<{ text: string; messageId: string }> };
  return body.messages;
}
