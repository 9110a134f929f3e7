import {
  cardsByConversation,
  deliveryDiff,
  expectedTexts,
  type FaultStack,
  ledger,
  notRelayedOnce,
  OwnRedisServer,
  type PlannedMessage,
  planLoad,
  receivedTexts,
  type SendOutcome,
  sendLoad,
  sleep,
  startFaultStack,
  tokenOf,
  waitFor,
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
    const { twilio, slack, baton, send } = stack;
    const plan = planLoad({ travelers: 20, perTraveler: 10, earlyHandoffs: 2, lateHandoffs: 4, areaCode: 551 });

    // Two travelers are with a specialist before the fault: their later messages are relayed into the thread.
    const early = plan.travelers.filter((t) => t.kind === 'early_handoff');
    for (const traveler of early) expect(await send(traveler.messages[0] as PlannedMessage)).toBe(200);
    await waitFor(
      async () => cardsByConversation(slack).size === early.length,
      15_000,
      () => 'early cards',
    );

    let killedAt = 0;
    let restartedAt = 0;
    let outage: Promise<void> | undefined;
    const rest = plan.travelers.map((t) => ({
      messages: t.kind === 'early_handoff' ? t.messages.slice(1) : t.messages,
    }));
    const outcomes: SendOutcome[] = await sendLoad(send, rest, {
      gapMs: 250,
      onSent: (_outcome, sent) => {
        if (sent === 50 && !outage) {
          outage = (async () => {
            killedAt = Date.now();
            await redis.kill();
            await sleep(2500);
            await redis.start();
            restartedAt = Date.now();
          })();
        }
      },
    });
    await outage;
    const duringOutage = outcomes.filter((o) => o.at > killedAt && o.at < restartedAt);
    expect(duringOutage.length).toBeGreaterThan(40); // the fault really hit the load
    // The web answered Twilio throughout: a message is safe once PostgreSQL has it.
    expect(outcomes.filter((o) => o.status !== 200).map((o) => `${o.message.sid}: ${o.status}`)).toEqual([]);

    const expected = expectedTexts(plan);
    const addresses = [...expected.keys()];
    await waitFor(
      async () => {
        const book = await ledger(baton.runtime);
        return (
          book.unprocessedEvents === 0 &&
          book.unanswered === 0 &&
          book.pendingOutbound === 0 &&
          deliveryDiff(expected, receivedTexts(twilio, addresses)).length === 0 &&
          cardsByConversation(slack).size === 6
        );
      },
      60_000,
      async () =>
        JSON.stringify({
          ledger: await ledger(baton.runtime),
          diff: deliveryDiff(expected, receivedTexts(twilio, addresses)).slice(0, 5),
          cards: cardsByConversation(slack).size,
        }),
    );
    await sleep(1500); // late duplicates, if any, would land now

    const book = await ledger(baton.runtime);
    expect(book).toMatchObject({
      inboundEvents: 200,
      inboundMessages: 200,
      duplicateInbound: 0,
      unprocessedEvents: 0,
      unanswered: 0,
      pendingOutbound: 0,
    });
    // 14 bot travelers × 10 echoes, 4 late handoffs × (9 echoes + notice), 2 early × notice.
    expect(book.outboundByStatus).toEqual({ accepted: 182 });
    expect(twilio.messages()).toHaveLength(182);
    expect(deliveryDiff(expected, receivedTexts(twilio, addresses))).toEqual([]);

    const cards = cardsByConversation(slack);
    expect([...cards.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    const handoffs = await baton.runtime.db.conversation.findMany({
      where: { state: 'pending' },
      select: { id: true },
    });
    expect(new Set(cards.keys())).toEqual(new Set(handoffs.map((c) => c.id)));
    // Each message an early traveler sent while a specialist had the conversation: in the thread once.
    const relayed = early.flatMap((t) => t.messages.slice(1).map((m) => tokenOf(m.body)));
    expect(notRelayedOnce(slack, relayed)).toEqual([]);
  });
});
