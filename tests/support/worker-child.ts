// A Baton worker in its own process whose responder never answers: it says
// "composing" when it is stuck mid-job, so a test can SIGKILL it right there.
import pino from 'pino';
import { createRuntime } from '../../src/runtime/create-runtime';
import { startWorker } from '../../src/runtime/start-worker';

async function main() {
  const runtime = await createRuntime({
    databaseUrl: process.env.CHILD_DATABASE_URL ?? '',
    redisUrl: process.env.CHILD_REDIS_URL ?? '',
    redisPrefix: process.env.CHILD_REDIS_PREFIX ?? '',
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://127.0.0.1:1',
    mediaSecret: 'test-media-secret',
  });
  await startWorker(runtime, {
    responder: {
      respond: () => {
        process.stdout.write('composing\n');
        return new Promise(() => {});
      },
    },
    complianceReplies: { optOut: 'bye', optIn: 'hi', help: 'help' },
    handoffNotice: 'connecting',
    lockDurationMs: 1000,
    stalledIntervalMs: 500,
    responseLeaseSeconds: 2,
  });
  process.stdout.write('ready\n');
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
