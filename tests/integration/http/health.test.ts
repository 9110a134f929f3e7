import { createRuntime, type Runtime } from '../../../src/runtime/create-runtime';
import { type RunningWeb, startWeb } from '../../../src/runtime/start-web';
import { startTestBaton, type TestBaton, testLogger } from '../../support/test-baton';
import { databaseUrl, redisUrl } from '../../support/test-services';

describe('health, readiness and metrics', () => {
  let baton: TestBaton;
  beforeAll(async () => {
    baton = await startTestBaton({ worker: false });
  });
  afterAll(() => baton.close());

  it('is alive and ready when PostgreSQL and Redis answer', async () => {
    expect((await baton.get('/healthz')).status).toBe(200);
    const ready = await baton.get('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: { ok: true }, redis: { ok: true } } });
  });

  it('exposes Prometheus metrics, counting accepted messages and queue depth', async () => {
    await baton.post('/simulator/messages', { from: 'metrics', text: 'hi' });
    const metrics = await (await baton.get('/metrics')).text();
    expect(metrics).toContain('baton_messages_accepted_total{channel="simulator",duplicate="false"} 1');
    expect(metrics).toMatch(/baton_queue_jobs\{queue="inbound",state="waiting"\} 1/);
    expect(metrics).toContain('baton_http_request_duration_seconds_bucket');
  });

  it('answers 404 with a code for an unknown route', async () => {
    const response = await baton.get('/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not_found' });
  });

  describe('when PostgreSQL is unreachable', () => {
    let runtime: Runtime;
    let web: RunningWeb;
    beforeAll(async () => {
      runtime = await createRuntime({
        databaseUrl: databaseUrl('baton_test_database_that_does_not_exist'),
        redisUrl,
        redisPrefix: baton.redis.prefix,
        logger: testLogger,
        publicUrl: 'http://127.0.0.1:1',
        mediaSecret: 'test-media-secret',
      });
      web = await startWeb(runtime, { port: 0, host: '127.0.0.1' });
    });
    afterAll(async () => {
      await web.close();
      await runtime.close();
    });

    it('is alive but not ready, naming the failing check', async () => {
      const base = `http://127.0.0.1:${web.port}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as {
        checks: { database: { ok: boolean; error?: string }; redis: { ok: boolean } };
      };
      expect(body.checks.database.ok).toBe(false);
      expect(body.checks.database.error).toBeTruthy();
      expect(body.checks.redis.ok).toBe(true);
    });

    it('refuses a message with 5xx rather than pretending it was stored', async () => {
      const response = await fetch(`http://127.0.0.1:${web.port}/simulator/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: 'nodb', text: 'hello' }),
      });
      expect(response.status).toBeGreaterThanOrEqual(500);
      expect(await response.json()).toMatchObject({ error: 'internal_error' });
    });
  });
});
