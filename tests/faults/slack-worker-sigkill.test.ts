import type { ChildProcess } from 'node:child_process';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { queueNames } from '../../src/core/queues/queue-names';
import { webClientSlackApi } from '../../src/handoff/slack/slack-api';
import { createSlackWebClient } from '../../src/handoff/slack/slack-app';
import { createSlackSyncProcessor } from '../../src/handoff/slack-sync.processor';
import { FakeSlackServer } from '../support/fake-slack-server';
import { FakeTwilioServer } from '../support/fake-twilio-server';
import {
  cardsByConversation,
  type FaultBaton,
  HANDOFF_CHANNEL,
  HttpInterposer,
  killHard,
  type PlannedMessage,
  planLoad,
  postTwilioMessage,
  sendLoad,
  sleep,
  startFaultBaton,
  startWorkerChild,
  threadMentions,
  tokenOf,
  waitFor,
} from '../support/fault-harness';

/**
 * The Slack worker (Baton's own `startSlackWorker`) runs in its own process and is SIGKILLed
 * while it waits for Slack to answer a thread relay (the request is held at an
 * HttpInterposer, so Slack never took it). Another Slack worker must take the job over once
 * the dead worker's 30 s lock runs out, and relay every traveler message into its thread once.
 *
 * The replacement runs Baton's Slack processor (`createSlackSyncProcessor`, wired as
 * `startSlackWorker` wires it) with a 1 s stalled-job check. `startSlackWorker` itself takes
 * no such setting: with BullMQ's default 30 s check — which races its own 30 s
 * `stalled-check` key and then skips every other round — the takeover took 55 s to over
 * 75 s in this test, too long and too variable for a bounded test (see docs/testing.md).
 */
jest.setTimeout(90_000);

/** Baton's Slack queue processor, wired like `startSlackWorker`, checking for stalled jobs every second. */
async function startSlackTakeoverWorker(baton: FaultBaton): Promise<{ close(): Promise<void> }> {
  const env = baton.runtime.options.slack;
  const queue = baton.runtime.queues.slack;
  if (!env || !queue) throw new Error('Slack is not configured');
  const connection = new Redis(baton.redisUrl, { maxRetriesPerRequest: null });
  const client = createSlackWebClient({ botToken: env.botToken, apiUrl: env.apiUrl, logger: baton.runtime.logger });
  const worker = new Worker(
    queueNames.slack,
    createSlackSyncProcessor({
      db: baton.runtime.db,
      slack: webClientSlackApi(client),
      redis: baton.runtime.redis,
      keyPrefix: baton.prefix,
      handoffChannel: HANDOFF_CHANNEL,
      logger: baton.runtime.logger,
      queue,
    }),
    { connection, prefix: baton.prefix, concurrency: 8, stalledInterval: 1000 },
  );
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}

describe('fault: the Slack worker SIGKILLed mid-post', () => {
  const cleanups: Array<{ close(): Promise<void> }> = [];
  let twilio: FakeTwilioServer;
  let slack: FakeSlackServer;
  let slackGate: HttpInterposer;
  let baton: FaultBaton;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    twilio = await FakeTwilioServer.start();
    slack = await FakeSlackServer.start();
    slackGate = await HttpInterposer.start(slack.url);
    baton = await startFaultBaton({ twilio, slack, worker: false });
    await baton.startWorker();
  });
  afterAll(async () => {
    if (child) await killHard(child);
    await Promise.allSettled(cleanups.map((c) => c.close()));
    await baton?.close();
    await slackGate?.close();
    await twilio?.close();
    await slack?.close();
  });

  it('relays every traveler message into its thread once after a new Slack worker takes over', async () => {
    child = await startWorkerChild(baton, { queues: 'slack', slackApiUrl: `${slackGate.url}/api/` });
    const worker = child;
    const plan = planLoad({ travelers: 2, perTraveler: 8, earlyHandoffs: 2, areaCode: 557 });
    const send = (message: PlannedMessage) => postTwilioMessage(baton, twilio, message);
    for (const traveler of plan.travelers) expect(await send(traveler.messages[0] as PlannedMessage)).toBe(200);
    await waitFor(
      async () => cardsByConversation(slack).size === 2,
      20_000,
      () => 'cards',
    );

    let killedAt = 0;
    let relays = 0;
    slackGate.decide = (request) => {
      const relay = request.path === '/api/chat.postMessage' && request.body.includes('thread_ts');
      if (!relay || killedAt > 0 || ++relays < 2) return { kind: 'forward' };
      killedAt = Date.now();
      void killHard(worker);
      return { kind: 'hang' }; // Slack never sees this post
    };
    const loading = sendLoad(
      send,
      plan.travelers.map((t) => ({ messages: t.messages.slice(1) })),
      { gapMs: 300 },
    );
    await waitFor(
      async () => killedAt > 0,
      20_000,
      () => `relays seen: ${relays}`,
    );
    // What BullMQ sees of the Slack queue every 5 s, shown if the takeover never comes.
    const timeline: string[] = [];
    const redis = baton.runtime.redis;
    const key = (name: string) => `${baton.prefix}:slack:${name}`;
    const sampler = setInterval(async () => {
      const active = await redis.lrange(key('active'), 0, -1);
      const locks = await Promise.all(active.map((id) => redis.pttl(key(`${id}:lock`))));
      timeline.push(
        `${Math.round((Date.now() - killedAt) / 1000)}s active=${active.length} locks=${locks.join(',')} ` +
          `stalled=${(await redis.smembers(key('stalled'))).length} check=${await redis.pttl(key('stalled-check'))}`,
      );
    }, 5000);
    const replacement = await startSlackTakeoverWorker(baton);
    cleanups.push(replacement);
    expect((await loading).filter((o) => o.status !== 200)).toEqual([]);

    const relayed = plan.travelers.flatMap((t) => t.messages.slice(1).map((m) => tokenOf(m.body)));
    await waitFor(
      async () => relayed.every((token) => threadMentions(slack, token) > 0),
      50_000,
      async () =>
        JSON.stringify({
          unrelayed: relayed.filter((token) => threadMentions(slack, token) === 0),
          slackQueue: await baton.runtime.queues.slack?.getJobCounts(),
          secondsSinceKill: Math.round((Date.now() - killedAt) / 1000),
          timeline,
        }),
    ).finally(() => clearInterval(sampler));
    await sleep(1500);
    expect(relayed.map((token) => [token, threadMentions(slack, token)])).toEqual(relayed.map((token) => [token, 1]));
    expect([...cardsByConversation(slack).values()]).toEqual([1, 1]);
    const unposted = await baton.runtime.db.message.count({ where: { direction: 'inbound', slackPostedAt: null } });
    expect(unposted).toBe(0);
  });
});
