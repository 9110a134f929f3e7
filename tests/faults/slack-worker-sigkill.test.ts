import type { ChildProcess } from 'node:child_process';
import {
  expectCardsAndRelaysOnce,
  type FaultStack,
  fastRecovery,
  HttpInterposer,
  killHard,
  openEarlyHandoffs,
  planLoad,
  relayedTokens,
  sendLoad,
  sleep,
  startFaultStack,
  startWorkerChild,
  threadMentions,
  waitFor,
} from '../support/fault-harness';

/**
 * The Slack worker (Baton's own `startSlackWorker`) runs in its own process and is SIGKILLed
 * while it waits for Slack to answer a thread relay (the request is held at an
 * HttpInterposer, so Slack never took it). Another Slack worker must take the job over once
 * the dead worker's lock runs out, and relay every traveler message into its thread once.
 *
 * Both Slack workers take the lock and stalled-check settings the core workers take
 * (`fastRecovery`: a 2 s lock, a check every second), so the takeover is bounded like theirs.
 * Before `startSlackWorker` took them, BullMQ's defaults (a 30 s lock, a 30 s check racing its
 * own `stalled-check` key and skipping every other round) made it take 55 s to over 75 s.
 */
jest.setTimeout(90_000);

/** From the kill to every message in its thread, with room for a loaded machine. */
const TAKEOVER_BOUND_MS = 20_000;

describe('fault: the Slack worker SIGKILLed mid-post', () => {
  let stack: FaultStack;
  let slackGate: HttpInterposer;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    stack = await startFaultStack({ worker: false });
    slackGate = await HttpInterposer.start(stack.slack.url);
    await stack.baton.startWorker();
  });
  afterAll(async () => {
    if (child) await killHard(child);
    await stack?.close();
    await slackGate?.close();
  });

  it('relays every traveler message into its thread once after a new Slack worker takes over', async () => {
    const { slack, baton, send } = stack;
    child = await startWorkerChild(baton, { queues: 'slack', slackApiUrl: `${slackGate.url}/api/` });
    const worker = child;
    const plan = planLoad({ travelers: 2, perTraveler: 8, earlyHandoffs: 2, areaCode: 557 });
    const rest = await openEarlyHandoffs(slack, send, plan);

    let killedAt = 0;
    let relays = 0;
    slackGate.decide = (request) => {
      const relay = request.path === '/api/chat.postMessage' && request.body.includes('thread_ts');
      if (!relay || killedAt > 0 || ++relays < 2) return { kind: 'forward' };
      killedAt = Date.now();
      void killHard(worker);
      return { kind: 'hang' }; // Slack never sees this post
    };
    const loading = sendLoad(send, rest, { gapMs: 300 });
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
    await baton.startSlackWorker(fastRecovery); // closed with the baton
    expect((await loading).filter((o) => o.status !== 200)).toEqual([]);

    const relayed = relayedTokens(plan);
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
    expect(Date.now() - killedAt).toBeLessThan(TAKEOVER_BOUND_MS);
    await sleep(1500);
    await expectCardsAndRelaysOnce(stack, plan, { cards: 2 });
    const unposted = await baton.runtime.db.message.count({ where: { direction: 'inbound', slackPostedAt: null } });
    expect(unposted).toBe(0);
  });
});
