import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { Dispatcher } from '../../../src/core/queues/dispatcher';
import { EchoResponder } from '../../support/scripted-responders';
import { eventually, phoneOf, startTestBaton, type TestBaton } from '../../support/test-baton';
import { redisUrl } from '../../support/test-services';

/** Nothing accepted is lost: work lives in PostgreSQL, and Redis or a worker can die at any moment. */
describe('recovery: nothing accepted is lost', () => {
  let baton: TestBaton;
  beforeEach(async () => {
    baton = await startTestBaton({ worker: false, responder: new EchoResponder() });
  });
  afterEach(() => baton.close());

  const countMessages = async (address: string) => {
    const messages = await baton.runtime.db.message.findMany({ where: { conversation: { contact: { address } } } });
    return {
      inbound: messages.filter((m) => m.direction === 'inbound').length,
      outbound: messages.filter((m) => m.direction === 'outbound').length,
    };
  };

  it('answers messages whose queued jobs vanished with a Redis restart', async () => {
    for (const text of ['one', 'two'])
      expect((await baton.post('/simulator/messages', { from: 'lost', text })).status).toBe(202);
    expect(await baton.runtime.queues.inbound.count()).toBe(2);
    await baton.redis.clear(); // Redis here keeps nothing on disk: a restart empties it

    const worker = await baton.startWorker({ sweepOlderThanMs: 0 });
    await worker.sweepNow();
    const phone = await eventually(async () => {
      const messages = await phoneOf(baton, 'lost');
      return messages.length === 2 && messages;
    });
    expect(phone.map((m) => m.text)).toEqual(['echo: one', 'echo: two']);
    expect(await countMessages('lost')).toEqual({ inbound: 2, outbound: 2 });
  });

  it('accepts messages while the queue is unreachable and sends them once it is back', async () => {
    const working = baton.runtime.dispatcher;
    const down: Dispatcher = {
      ingestEvent: () => Promise.reject(new Error('Connection is closed.')),
      composeReplies: () => Promise.reject(new Error('Connection is closed.')),
      deliver: () => Promise.reject(new Error('Connection is closed.')),
      syncHandoff: () => Promise.reject(new Error('Connection is closed.')),
      showDelivery: () => Promise.reject(new Error('Connection is closed.')),
      actionWebhook: () => Promise.reject(new Error('Connection is closed.')),
    };
    baton.runtime.dispatcher = down;
    const accepted = await baton.post('/simulator/messages', { from: 'offline', text: 'while down' });
    expect(accepted.status).toBe(202);
    expect(await baton.runtime.db.inboundEvent.count({ where: { processedAt: null } })).toBe(1);

    baton.runtime.dispatcher = working;
    const worker = await baton.startWorker({ sweepOlderThanMs: 0 });
    await worker.sweepNow();
    await eventually(async () => (await phoneOf(baton, 'offline')).length === 1);
    expect(await countMessages('offline')).toEqual({ inbound: 1, outbound: 1 });
  });

  describe('a worker SIGKILLed mid-job', () => {
    let child: ChildProcess | undefined;
    afterEach(() => {
      child?.kill('SIGKILL');
    });

    it('is taken over by another worker: the message is answered exactly once', async () => {
      child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../support/worker-child.ts')], {
        env: {
          ...process.env,
          CHILD_DATABASE_URL: baton.database.url,
          CHILD_REDIS_URL: redisUrl,
          CHILD_REDIS_PREFIX: baton.redis.prefix,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      await eventually(async () => output.includes('ready'), 20_000);

      await baton.post('/simulator/messages', { from: 'crash', text: 'are you alive?' });
      await eventually(async () => output.includes('composing'), 10_000);
      child.kill('SIGKILL');
      await new Promise((resolve) => child?.once('exit', resolve));

      await baton.startWorker({ lockDurationMs: 1000, stalledIntervalMs: 500, responseLeaseSeconds: 2 });
      const phone = await eventually(async () => {
        const messages = await phoneOf(baton, 'crash');
        return messages.length > 0 && messages;
      }, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await phoneOf(baton, 'crash')).map((m) => m.text)).toEqual(['echo: are you alive?']);
      expect(phone).toHaveLength(1);
      expect(await countMessages('crash')).toEqual({ inbound: 1, outbound: 1 });
    });
  });
});
