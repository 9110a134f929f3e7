import {
  expectCardsAndRelaysOnce,
  expectRepliesSentOnce,
  expectStoredOnce,
  type FaultStack,
  injectFaultAfter,
  OwnRedisServer,
  openEarlyHandoffs,
  planLoad,
  sendLoad,
  sleep,
  startFaultStack,
  waitForLoadSettled,
} from '../support/fault-harness';

/**
 * Redis SIGKILLed in the middle of 200 messages from 20 travelers and restarted empty
 * (no persistence: every queued job is gone). The web keeps answering Twilio, the recovery
 * sweep re-queues what the queues lost, and at the end every message is stored once, every
 * reply reaches the fake Twilio once and every handoff card the fake Slack once.
 */
jest.setTimeout(90_000);

describe('fault: Redis killed and restarted mid-load', () => {
  let redis: OwnRedisServer;
  let stack: FaultStack;

  beforeAll(async () => {
    redis = await OwnRedisServer.start();
    stack = await startFaultStack({ redisUrl: redis.url });
  });
  afterAll(async () => {
    await redis.start().catch(() => {}); // workers close cleanly only with their Redis there
    await stack?.close();
    await redis?.stop();
  });

  it('loses nothing: 200 messages stored once, every reply and every card sent once', async () => {
    const { send } = stack;
    const plan = planLoad({ travelers: 20, perTraveler: 10, earlyHandoffs: 2, lateHandoffs: 4, areaCode: 551 });
    // 14 bot travelers × 10 echoes, 4 late handoffs × (9 echoes + notice), 2 early × notice.
    const counts = { messages: 200, replies: 182, cards: 6 };

    // Two travelers are with a specialist before the fault: their later messages are relayed into the thread.
    const rest = await openEarlyHandoffs(stack.slack, send, plan, 15_000);
    const outage = injectFaultAfter(50, async () => {
      await redis.kill();
      await sleep(2500);
      await redis.start();
    });
    const outcomes = await sendLoad(send, rest, { gapMs: 250, onSent: outage.onSent });
    const { startedAt: killedAt, endedAt: restartedAt } = await outage.done();
    const duringOutage = outcomes.filter((o) => o.at > killedAt && o.at < restartedAt);
    expect(duringOutage.length).toBeGreaterThan(40); // the fault really hit the load
    // The web answered Twilio throughout: a message is safe once PostgreSQL has it.
    expect(outcomes.filter((o) => o.status !== 200).map((o) => `${o.message.sid}: ${o.status}`)).toEqual([]);

    await waitForLoadSettled(stack, plan, { cards: counts.cards }); // and 1.5 s for late duplicates, if any
    await expectStoredOnce(stack.baton.runtime, counts);
    await expectRepliesSentOnce(stack, plan, counts); // each exactly once: no second copy is explained here
    // One card per handoff; each message an early traveler sent while a specialist had the
    // conversation: in the thread once.
    await expectCardsAndRelaysOnce(stack, plan, counts);
  });
});
