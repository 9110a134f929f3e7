import type { ChildProcess } from 'node:child_process';
import { FakeSlackServer } from '../support/fake-slack-server';
import { FakeTwilioServer } from '../support/fake-twilio-server';
import {
  cardsByConversation,
  duplicateSends,
  expectedTexts,
  type FaultBaton,
  HttpInterposer,
  killHard,
  ledger,
  missingTexts,
  type PlannedMessage,
  planLoad,
  postTwilioMessage,
  receivedTexts,
  sendLoad,
  sleep,
  startFaultBaton,
  startWorkerChild,
  threadMentions,
  tokenOf,
  waitFor,
} from '../support/fault-harness';

/**
 * The only core worker (inbound, outbound) runs in its own process and is SIGKILLed in the
 * middle of 200 messages from 20 travelers, with replies being composed (its responder takes
 * 300 ms) and sent. A new worker takes over: BullMQ's stalled-job check hands it the dead
 * worker's jobs once their locks expire, leases run out, the sweep re-queues the rest.
 * Counted at the end: every message stored once, every reply sent once, every handoff card
 * posted once, every relayed message in its thread once. A second copy of a reply is allowed
 * only for a send the dead worker made and could not record (docs/architecture.md names that
 * window); slack-worker-sigkill.test.ts kills the Slack worker instead.
 */
jest.setTimeout(90_000);

describe('fault: the core worker SIGKILLed mid-job under load', () => {
  let twilio: FakeTwilioServer;
  let slack: FakeSlackServer;
  let twilioSeenByChild: HttpInterposer;
  let baton: FaultBaton;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    twilio = await FakeTwilioServer.start();
    slack = await FakeSlackServer.start();
    // The worker to be killed reaches Twilio through this, so every send it made is known.
    twilioSeenByChild = await HttpInterposer.start(twilio.url);
    baton = await startFaultBaton({ twilio, slack, worker: false });
    await baton.startSlackWorker();
  });
  afterAll(async () => {
    if (child) await killHard(child);
    await baton?.close();
    await twilioSeenByChild?.close();
    await twilio?.close();
    await slack?.close();
  });

  it('loses nothing and repeats nothing: messages, replies, cards and thread relays counted', async () => {
    child = await startWorkerChild(baton, {
      queues: 'core',
      responderDelayMs: 300,
      twilioApiUrl: twilioSeenByChild.url,
    });
    const worker = child;
    const plan = planLoad({ travelers: 20, perTraveler: 10, earlyHandoffs: 2, lateHandoffs: 4, areaCode: 556 });
    const send = (message: PlannedMessage) => postTwilioMessage(baton, twilio, message);
    const early = plan.travelers.filter((t) => t.kind === 'early_handoff');
    for (const traveler of early) expect(await send(traveler.messages[0] as PlannedMessage)).toBe(200);
    await waitFor(
      async () => cardsByConversation(slack).size === early.length,
      20_000,
      () => 'early cards',
    );

    let killed: Promise<void> | undefined;
    const rest = plan.travelers.map((t) => ({
      messages: t.kind === 'early_handoff' ? t.messages.slice(1) : t.messages,
    }));
    const outcomes = await sendLoad(send, rest, {
      gapMs: 150,
      onSent: (_outcome, sent) => {
        if (sent === 80 && !killed) {
          killed = killHard(worker);
        }
      },
    });
    await killed;
    const atKill = await ledger(baton.runtime);
    expect(atKill.unanswered + atKill.pendingOutbound + atKill.unprocessedEvents).toBeGreaterThan(0); // work was cut off
    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]); // the web never depended on the worker
    await baton.startWorker();

    const expected = expectedTexts(plan);
    const addresses = [...expected.keys()];
    const relayed = early.flatMap((t) => t.messages.slice(1).map((m) => tokenOf(m.body)));
    await waitFor(
      async () => {
        const book = await ledger(baton.runtime);
        return (
          book.unprocessedEvents === 0 &&
          book.unanswered === 0 &&
          book.pendingOutbound === 0 &&
          missingTexts(expected, receivedTexts(twilio, addresses)).length === 0 &&
          cardsByConversation(slack).size === 6 &&
          relayed.every((token) => threadMentions(slack, token) > 0)
        );
      },
      60_000,
      async () =>
        JSON.stringify({
          ledger: await ledger(baton.runtime),
          missing: missingTexts(expected, receivedTexts(twilio, addresses)).slice(0, 3),
          cards: cardsByConversation(slack).size,
          unrelayed: relayed.filter((token) => threadMentions(slack, token) === 0),
        }),
    );
    await sleep(1000);

    expect(await ledger(baton.runtime)).toMatchObject({
      inboundEvents: 200,
      inboundMessages: 200,
      duplicateInbound: 0,
      outboundByStatus: { accepted: 182 },
    });
    const duplicates = await duplicateSends(baton.runtime, twilio);
    // A second copy only of a send the dead worker made and never recorded: every copy Baton did
    // not record must have gone out through the dead worker's own connection to Twilio.
    const sentByDeadWorker = new Set(
      twilioSeenByChild.seen.map((r) => /"sid":"(\w+)"/.exec(r.response?.body ?? '')?.[1]).filter(Boolean),
    );
    expect(duplicates.filter((d) => d.copies.some((c) => !c.recorded && !sentByDeadWorker.has(c.sid)))).toEqual([]);
    expect(duplicates.length).toBeLessThanOrEqual(16); // at most one per send the dead worker had in flight
    expect(twilio.messages()).toHaveLength(182 + duplicates.reduce((n, d) => n + d.copies.length - 1, 0));
    expect([...cardsByConversation(slack).values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(relayed.map((token) => [token, threadMentions(slack, token)])).toEqual(relayed.map((token) => [token, 1]));
  });
});
