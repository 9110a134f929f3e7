import { FakeTwilioServer } from '../support/fake-twilio-server';
import {
  duplicateSends,
  expectedTexts,
  type FaultBaton,
  ledger,
  missingTexts,
  type PlannedMessage,
  planLoad,
  postTwilioMessage,
  receivedTexts,
  sendLoad,
  sleep,
  startFaultBaton,
  waitFor,
} from '../support/fault-harness';

/**
 * Twilio's Messages API misbehaving: answering 500 for a while, then not answering at all
 * (Baton's HTTP client gives up after its 15 s default and the queue retries). Every reply
 * must still reach each traveler exactly once, in the order it was written.
 */
jest.setTimeout(90_000);

describe('fault: Twilio answering 500 and timing out', () => {
  let twilio: FakeTwilioServer;
  let baton: FaultBaton;

  beforeAll(async () => {
    twilio = await FakeTwilioServer.start();
    baton = await startFaultBaton({ twilio });
  });
  afterAll(async () => {
    await baton?.close();
    await twilio?.close();
  });

  const send = (message: PlannedMessage) => postTwilioMessage(baton, twilio, message);

  it('delivers every reply once, in order, through a run of 500s', async () => {
    twilio.failNext({ status: 500, code: 20500, message: 'Internal Server Error', times: 10 });
    const plan = planLoad({ travelers: 8, perTraveler: 5, areaCode: 571 });
    const outcomes = await sendLoad(send, plan.travelers, { gapMs: 100 });
    expect(outcomes.every((o) => o.status === 200)).toBe(true);
    const expected = expectedTexts(plan);
    const addresses = [...expected.keys()];
    await waitFor(
      async () =>
        missingTexts(expected, receivedTexts(twilio, addresses)).length === 0 &&
        (await ledger(baton.runtime)).pendingOutbound === 0,
      40_000,
      async () => JSON.stringify({ ledger: await ledger(baton.runtime) }),
    );
    await sleep(1500);

    expect(twilio.requests.filter((r) => r.status === 500)).toHaveLength(10);
    expect(twilio.messages()).toHaveLength(40);
    expect(await duplicateSends(baton.runtime, twilio)).toEqual([]);
    expect((await ledger(baton.runtime)).outboundByStatus).toEqual({ accepted: 40 });
    for (const traveler of plan.travelers) {
      // Later replies waited behind a retried earlier one: the traveler reads them in order.
      expect(twilio.messagesTo(traveler.address).map((m) => m.body)).toEqual(
        traveler.messages.map((m) => `echo: ${m.body}`),
      );
    }
    const retried = await baton.runtime.db.message.findMany({
      where: { direction: 'outbound', attempts: { gt: 1 } },
      select: { attempts: true, errorCode: true },
    });
    expect(retried.reduce((n, m) => n + m.attempts - 1, 0)).toBe(10);
    expect(retried.every((m) => m.errorCode === null)).toBe(true); // the last attempt's success cleared it
  });

  it('delivers once when Twilio does not answer: the send times out and is retried', async () => {
    twilio.reset();
    twilio.hangNext(2);
    const plan = planLoad({ travelers: 2, perTraveler: 2, areaCode: 572 });
    const started = Date.now();
    const outcomes = await sendLoad(send, plan.travelers, { gapMs: 100 });
    expect(outcomes.every((o) => o.status === 200)).toBe(true); // the web does not wait for Twilio
    expect(Date.now() - started).toBeLessThan(5000);
    const expected = expectedTexts(plan);
    const addresses = [...expected.keys()];
    await waitFor(
      async () => missingTexts(expected, receivedTexts(twilio, addresses)).length === 0,
      45_000,
      async () =>
        JSON.stringify({ ledger: await ledger(baton.runtime), requests: twilio.requests.map((r) => r.status) }),
    );
    await sleep(1000);

    expect(twilio.requests.filter((r) => r.status === 'hung')).toHaveLength(2);
    expect(twilio.messages()).toHaveLength(4);
    for (const traveler of plan.travelers) {
      expect(twilio.messagesTo(traveler.address).map((m) => m.body)).toEqual(
        traveler.messages.map((m) => `echo: ${m.body}`),
      );
    }
    const timedOut = await baton.runtime.db.message.findMany({
      where: { direction: 'outbound', attempts: 2, conversation: { contact: { address: { in: addresses } } } },
    });
    expect(timedOut).toHaveLength(2); // the two sends that hung were retried once each
    expect((await ledger(baton.runtime)).outboundByStatus).toEqual({ accepted: 44 });
  });
});
