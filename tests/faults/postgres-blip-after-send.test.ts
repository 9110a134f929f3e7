import { FakeTwilioServer } from '../support/fake-twilio-server';
import {
  type FaultBaton,
  HttpInterposer,
  ledger,
  planLoad,
  postTwilioMessage,
  sleep,
  startFaultBaton,
  startPostgresProxy,
  waitFor,
} from '../support/fault-harness';
import type { TcpProxy } from '../support/tcp-proxy';

/**
 * The narrowest PostgreSQL fault: the connection drops right after Twilio accepted a reply
 * and before Baton wrote that down (an HttpInterposer in front of the fake Twilio cuts the
 * database the moment Twilio has answered, and restores it 500 ms later). No worker dies.
 * The reply must still reach the traveler once, and the message must not be recorded as a
 * failed delivery.
 */
jest.setTimeout(90_000);

describe('fault: PostgreSQL drops between Twilio accepting a reply and Baton recording it', () => {
  let proxy: TcpProxy;
  let twilio: FakeTwilioServer;
  let interposer: HttpInterposer;
  let baton: FaultBaton;

  beforeAll(async () => {
    proxy = await startPostgresProxy();
    twilio = await FakeTwilioServer.start();
    interposer = await HttpInterposer.start(twilio.url);
    baton = await startFaultBaton({ databaseUrl: (url) => proxy.url(url), twilio, twilioApiUrl: interposer.url });
  });
  afterAll(async () => {
    proxy?.restore();
    await baton?.close();
    await interposer?.close();
    await proxy?.close();
    await twilio?.close();
  });

  it('sends the reply once and records Twilio’s answer, not a delivery failure', async () => {
    const [traveler] = planLoad({ travelers: 1, perTraveler: 2, areaCode: 554 }).travelers;
    const [warmUp, blip] = traveler?.messages ?? [];
    if (!warmUp || !blip) throw new Error('plan');
    expect(await postTwilioMessage(baton, twilio, warmUp)).toBe(200);
    await twilio.waitForMessages(warmUp.traveler, 1, 10_000);

    let cutOnce = false;
    interposer.decide = (request) => {
      const isSend = request.method === 'POST' && request.path.endsWith('/Messages.json');
      if (!isSend || cutOnce || !decodeURIComponent(request.body).includes(blip.body.split(' ')[1] ?? '?')) {
        return { kind: 'forward' };
      }
      cutOnce = true;
      return {
        kind: 'forward',
        after: () => {
          proxy.cut();
          setTimeout(() => proxy.restore(), 500);
        },
      };
    };
    expect(await postTwilioMessage(baton, twilio, blip)).toBe(200);
    await waitFor(
      async () => cutOnce,
      10_000,
      () => 'the reply was never sent',
    );

    // Settle: nothing pending any more (a lease left by the failed write runs out after 30 s).
    await waitFor(
      async () => (await ledger(baton.runtime)).pendingOutbound === 0,
      50_000,
      async () => JSON.stringify(await ledger(baton.runtime)),
    );
    await sleep(1000);

    const text = `echo: ${blip.body}`;
    const copies = twilio.messagesTo(blip.traveler).filter((m) => m.body === text);
    const row = await baton.runtime.db.message.findFirstOrThrow({ where: { text } });
    expect({
      sentToTwilio: copies.length,
      status: row.status,
      errorCode: row.errorCode,
      recordedSid: row.providerMessageId === copies[0]?.sid ? 'first copy' : 'another copy',
    }).toEqual({ sentToTwilio: 1, status: 'accepted', errorCode: null, recordedSid: 'first copy' });
  });
});
