import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../../support/fault-harness';
import { eventually, phoneOf, startTestBaton, type TestBaton } from '../../support/test-baton';
import { createRedisNamespace, createTestDatabase, redisUrl } from '../../support/test-services';
import { Scrape } from './scrape-metrics';

/**
 * `baton web` and `baton worker` as separate processes: the worker keeps its own counters (the
 * messages it files, the AI's answers) and serves them on WORKER_METRICS_PORT, since the web
 * process's /metrics cannot see them. `baton start` runs both roles on one registry, served on
 * the web port alone.
 */
const root = path.resolve(__dirname, '../../..');

interface BatonProcess {
  /** Resolves once `url` answers 200; rejects with the process's output if it exits first. */
  ready(url: string): Promise<void>;
  stop(): Promise<void>;
}

function spawnBaton(command: 'worker' | 'start', env: Record<string, string>): BatonProcess {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(root, 'src/cli/main.ts'), command],
    { cwd: root, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`baton ${command} exited (${code}):\n${output}`))),
  );
  exited.catch(() => {});
  return {
    ready: async (url) => {
      await Promise.race([eventually(async () => (await fetch(url)).ok, 60_000), exited]);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const stopped = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await stopped;
    },
  };
}

const refused = (url: string) =>
  fetch(url).then(
    () => false,
    () => true,
  );

describe('baton web + baton worker', () => {
  let baton: TestBaton;
  let worker: BatonProcess;
  let workerUrl = '';

  beforeAll(async () => {
    baton = await startTestBaton({ worker: false });
    const port = await freePort();
    workerUrl = `http://127.0.0.1:${port}`;
    worker = spawnBaton('worker', {
      DATABASE_URL: baton.database.url,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: baton.redis.prefix,
      WORKER_METRICS_PORT: String(port),
    });
    await worker.ready(`${workerUrl}/healthz`);
  }, 90_000);
  afterAll(async () => {
    await worker.stop();
    await baton.close();
  }, 60_000);

  it('serves the worker’s own counters on its metrics port, apart from the web process’s', async () => {
    expect((await baton.post('/simulator/messages', { from: 'split-roles', text: 'Hello' })).status).toBe(202);
    await eventually(async () => (await phoneOf(baton, 'split-roles')).length === 1, 20_000);

    const fromWorker = await eventually(async () => {
      const metrics = await Scrape.from(`${workerUrl}/metrics`);
      return metrics.sum('baton_ai_answers_total') === 1 && metrics;
    });
    expect(fromWorker.value('baton_messages_total', { direction: 'inbound', channel: 'simulator' })).toBe(1);
    expect(fromWorker.value('baton_messages_accepted_total', { channel: 'simulator', duplicate: 'false' })).toBe(0);
    expect(fromWorker.sum('baton_process_process_cpu_seconds_total')).toBeGreaterThan(0);

    // The web process accepted the message; what the worker did is not in its registry.
    const fromWeb = await Scrape.from(`${baton.baseUrl}/metrics`);
    expect(fromWeb.value('baton_messages_accepted_total', { channel: 'simulator', duplicate: 'false' })).toBe(1);
    expect(fromWeb.sum('baton_ai_answers_total')).toBe(0);
    expect(fromWeb.value('baton_messages_total', { direction: 'inbound', channel: 'simulator' })).toBe(0);

    expect((await fetch(`${workerUrl}/nope`)).status).toBe(404);
  });
});

describe('baton start', () => {
  it('serves both roles’ counters on the web port, and opens no worker metrics port', async () => {
    const database = await createTestDatabase();
    const redis = createRedisNamespace();
    const [webPort, workerPort] = [await freePort(), await freePort()];
    const web = `http://127.0.0.1:${webPort}`;
    const baton = spawnBaton('start', {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: redis.prefix,
      PORT: String(webPort),
      WORKER_METRICS_PORT: String(workerPort),
    });
    try {
      await baton.ready(`${web}/readyz`);
      const sent = await fetch(`${web}/simulator/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: 'one-process', text: 'Hello' }),
      });
      expect(sent.status).toBe(202);
      const metrics = await eventually(async () => {
        const scraped = await Scrape.from(`${web}/metrics`);
        return scraped.sum('baton_ai_answers_total') === 1 && scraped;
      }, 20_000);
      expect(metrics.value('baton_messages_accepted_total', { channel: 'simulator', duplicate: 'false' })).toBe(1);
      expect(metrics.value('baton_messages_total', { direction: 'inbound', channel: 'simulator' })).toBe(1);
      expect(await refused(`http://127.0.0.1:${workerPort}/metrics`)).toBe(true);
    } finally {
      await baton.stop();
      await redis.clear();
      await database.drop();
    }
  }, 90_000);
});
