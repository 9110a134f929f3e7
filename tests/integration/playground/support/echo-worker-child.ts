// A Baton worker in its own process that echoes: the playground's live updates must see
// what another process writes.
import pino from 'pino';
import { createRuntime } from '../../../../src/runtime/create-runtime';
import { startWorker } from '../../../../src/runtime/start-worker';

async function main() {
  const runtime = await createRuntime({
    databaseUrl: process.env.CHILD_DATABASE_URL ?? '',
    redisUrl: process.env.CHILD_REDIS_URL ?? '',
    redisPrefix: process.env.CHILD_REDIS_PREFIX ?? '',
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://127.0.0.1:1',
    mediaSecret: 'test-media-secret',
  });
  const worker = await startWorker(runtime, {
    responder: { respond: async ({ message }) => ({ kind: 'reply', text: `echo from a worker: ${message.text}` }) },
    complianceReplies: { optOut: 'bye', optIn: 'hi', help: 'help' },
  });
  process.once('SIGTERM', async () => {
    await worker.close();
    await runtime.close();
    process.exit(0);
  });
  process.stdout.write('ready\n');
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
