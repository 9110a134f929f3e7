import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { PlaygroundPhone } from '../../../src/playground/playground-api';
import { type PlaygroundBaton, startPlaygroundBaton } from '../../e2e/support/playground-baton';
import { redisUrl } from '../../support/test-services';

/** The web process serves the stream; the reply is written by a worker in another process. */
let baton: PlaygroundBaton;
let child: ChildProcess | undefined;

beforeAll(async () => {
  baton = await startPlaygroundBaton({ worker: false });
  child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support/echo-worker-child.ts')], {
    env: {
      ...process.env,
      CHILD_DATABASE_URL: baton.database.url,
      CHILD_REDIS_URL: redisUrl,
      CHILD_REDIS_PREFIX: baton.redis.prefix,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child?.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child?.once('exit', (code) => reject(new Error(`the worker process exited (${code})`)));
  });
}, 30_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await baton.close();
});

it('pushes a reply composed and delivered by another process to an open stream', async () => {
  const controller = new AbortController();
  const response = await fetch(`${baton.baseUrl}/playground/api/events?phone=pg-cross`, { signal: controller.signal });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let received = '';
  const changesSoFar = () => received.split('event: change').length - 1;
  const waitForChange = async (count: number) => {
    while (changesSoFar() < count) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      received += decoder.decode(value, { stream: true });
    }
  };
  try {
    await waitForChange(1); // the first event follows the subscription
    await fetch(`${baton.baseUrl}/simulator/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'pg-cross', text: 'hello' }),
    });
    // Each change is followed by a fetch of the phone, as the page does, until the reply is there.
    let phone: PlaygroundPhone | undefined;
    for (let count = 2; !phone?.messages.some((m) => m.from === 'baton'); count++) {
      await waitForChange(count);
      phone = (await (await fetch(`${baton.baseUrl}/playground/api/phone?address=pg-cross`)).json()) as PlaygroundPhone;
    }
    expect(phone.messages.map((m) => [m.from, m.text])).toEqual([
      ['traveler', 'hello'],
      ['baton', 'echo from a worker: hello'],
    ]);
  } finally {
    controller.abort();
  }
});
