import type { ChildProcess } from 'node:child_process';
import {
  expectCardsAndRelaysOnce,
  expectRepliesSentOnce,
  expectStoredOnce,
  type FaultStack,
  HttpInterposer,
  injectFaultAfter,
  killHard,
  ledger,
  openEarlyHandoffs,
  planLoad,
  sendLoad,
  startFaultStack,
  startWorkerChild,
  waitForLoadSettled,
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
  let stack: FaultStack;
  let twilioSeenByChild: HttpInterposer;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    stack = await startFaultStack({ worker: false });
    // The worker to be killed reaches Twilio through this, so every send it made is known.
    twilioSeenByChild = await HttpInterposer.start(stack.twilio.url);
    await stack.baton.startSlackWorker();
  });
  afterAll(async () => {
    if (child) await killHard(child);
    await stack?.close();
    await twilioSeenByChild?.close();
  });

  it('loses nothing and repeats nothing: messages, replies, cards and thread relays counted', async () => {
    const { baton, send } = stack;
    child = await startWorkerChild(baton, {
      queues: 'core',
      responderDelayMs: 300,
      twilioApiUrl: twilioSeenByChild.url,
    });
    const worker = child;
    const plan = planLoad({ travelers: 20, perTraveler: 10, earlyHandoffs: 2, lateHandoffs: 4, areaCode: 556 });
    const counts = { messages: 200, replies: 182, cards: 6 };
    const rest = await openEarlyHandoffs(stack.slack, send, plan);

    const kill = injectFaultAfter(80, () => killHard(worker));
    const outcomes = await sendLoad(send, rest, { gapMs: 150, onSent: kill.onSent });
    await kill.done();
    const atKill = await ledger(baton.runtime);
    expect(atKill.unanswered + atKill.pendingOutbound + atKill.unprocessedEvents).toBeGreaterThan(0); // work was cut off
    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]); // the web never depended on the worker
    await baton.startWorker();

    await waitForLoadSettled(stack, plan, { cards: counts.cards });
    await expectStoredOnce(baton.runtime, counts);
    // A second copy only of a send the dead worker made and never recorded: every copy Baton did
    // not record must have gone out through the dead worker's own connection to Twilio.
    const sentByDeadWorker = new Set(
      twilioSeenByChild.seen.map((r) => /"sid":"(\w+)"/.exec(r.response?.body ?? '')?.[1]).filter(Boolean),
    );
    const duplicates = await expectRepliesSentOnce(stack, plan, {
      ...counts,
      explained: (d) => d.copies.every((c) => c.recorded || sentByDeadWorker.has(c.sid)),
    });
    expect(duplicates.length).toBeLessThanOrEqual(16); // at most one per send the dead worker had in flight
    await expectCardsAndRelaysOnce(stack, plan, counts);
  });
});
