// A Baton worker in its own process, configured from FAULT_CHILD_CONFIG (JSON), so a fault
// test can SIGKILL it in the middle of real work. `queues: 'core'` consumes the inbound,
// outbound and actions queues (composing — its responder takes `responderDelayMs` — and
// sending to the fake Twilio); `queues: 'slack'` consumes the Slack queue (posting to the
// fake Slack). Prints "ready" once its queues are consumed.
import pino from 'pino';
import { defaultChannelTextLimits } from '../../src/core/outbound/outbound-text-policy';
import { createRuntime, type RuntimeOptions } from '../../src/runtime/create-runtime';
import { startSlackWorker } from '../../src/runtime/start-slack';
import { startWorker } from '../../src/runtime/start-worker';
import { FaultResponder, fastRecovery } from '../support/fault-harness';
import { testComplianceReplies, testHandoffNotice } from '../support/test-baton';

interface ChildConfig {
  runtime: Omit<RuntimeOptions, 'logger'>;
  queues: 'core' | 'slack';
  handoffChannel?: string;
  responderDelayMs?: number;
}

async function main() {
  const config = JSON.parse(process.env.FAULT_CHILD_CONFIG ?? '{}') as ChildConfig;
  const runtime = await createRuntime({ ...config.runtime, logger: pino({ level: 'silent' }) });
  if (config.queues === 'slack') {
    await startSlackWorker(
      runtime,
      {
        handoffChannel: config.handoffChannel ?? '',
        privateNotePrefix: '!',
        signWithFirstName: false,
        limits: defaultChannelTextLimits,
      },
      fastRecovery,
    );
  } else {
    await startWorker(runtime, {
      responder: new FaultResponder(config.responderDelayMs ?? 0),
      complianceReplies: testComplianceReplies,
      handoffNotice: testHandoffNotice,
      ...fastRecovery,
    });
  }
  process.stdout.write('ready\n');
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
