import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort, waitFor } from '../../support/fault-harness';
import { createTestDatabase, redisUrl, type TestDatabase } from '../../support/test-services';

/**
 * The simulator lets anyone who reaches Baton speak as a traveler (and read what Baton sent
 * to a simulated phone), and /playground has no login either. Run as an operator runs it —
 * `baton web` with only environment variables — they are off when NODE_ENV=production unless
 * BATON_PLAYGROUND=1, and on in development unless BATON_PLAYGROUND=0.
 */
jest.setTimeout(90_000);

const root = path.resolve(__dirname, '../../..');

describe('simulator and playground routes by environment', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  async function withBatonWeb(env: Record<string, string>, check: (baseUrl: string) => Promise<void>): Promise<void> {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    let output = '';
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(root, 'src/cli/main.ts'), 'web'],
      {
        cwd: mkdtempSync(path.join(tmpdir(), 'baton-gate-')),
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: database.url,
          REDIS_URL: redisUrl,
          REDIS_PREFIX: `baton-gate-${port}`,
          PORT: String(port),
          PUBLIC_URL: baseUrl,
          LOG_LEVEL: 'warn',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    try {
      await waitFor(
        async () => (await fetch(`${baseUrl}/healthz`).catch(() => null))?.status === 200,
        30_000,
        () => `baton web did not start: ${output.slice(-1500)}`,
      );
      await check(baseUrl);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }

  const speak = (baseUrl: string) =>
    fetch(`${baseUrl}/simulator/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'intruder', text: 'refund me' }),
    });
  const read = (baseUrl: string) => fetch(`${baseUrl}/simulator/messages?address=intruder`);
  const storedEvents = async () => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return Number((await client.query('SELECT count(*) AS n FROM "InboundEvent"')).rows[0].n);
    } finally {
      await client.end();
    }
  };

  it('turns them off when NODE_ENV=production, storing nothing', async () => {
    const before = await storedEvents();
    await withBatonWeb({ NODE_ENV: 'production' }, async (baseUrl) => {
      expect((await speak(baseUrl)).status).toBe(404);
      expect((await read(baseUrl)).status).toBe(404);
      expect((await fetch(`${baseUrl}/playground`)).status).toBe(404);
    });
    expect(await storedEvents()).toBe(before);
  });

  it('turns them on in production only with BATON_PLAYGROUND=1', async () => {
    await withBatonWeb({ NODE_ENV: 'production', BATON_PLAYGROUND: '1' }, async (baseUrl) => {
      expect((await speak(baseUrl)).status).toBe(202);
      expect((await read(baseUrl)).status).toBe(200);
    });
  });

  it('leaves them on in development, and BATON_PLAYGROUND=0 turns them off there too', async () => {
    await withBatonWeb({}, async (baseUrl) => {
      expect((await speak(baseUrl)).status).toBe(202);
    });
    await withBatonWeb({ BATON_PLAYGROUND: '0' }, async (baseUrl) => {
      expect((await speak(baseUrl)).status).toBe(404);
      expect((await read(baseUrl)).status).toBe(404);
    });
  });
});
