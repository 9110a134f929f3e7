import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { defaultChannelTextLimits, renderOutboundParts } from '../../../src/core/outbound/outbound-text-policy';
import { FakeSlackServer } from '../../support/fake-slack-server';
import { FakeTwilioServer } from '../../support/fake-twilio-server';
import {
  cardsByConversation,
  type FaultBaton,
  HANDOFF_CHANNEL,
  ledger,
  SLACK_SIGNING_SECRET,
  SMS_NUMBER,
  startFaultBaton,
  waitFor,
} from '../../support/fault-harness';
import { computeSlackSignature, eventCallback, signedSlackRequest, threadReply } from '../../support/slack-signing';
import {
  computeTwilioSignature,
  twilioInboundParams,
  twilioSid,
  twilioStatusParams,
} from '../../support/twilio-signing';

/**
 * Hostile and broken requests at Baton's public webhooks, beyond what the Twilio and Slack
 * suites already cover (wrong/missing signature, another URL or account, a tampered body, a
 * missing MessageSid, a 10-minute-old Slack timestamp): replays, bodies too large, wrong
 * content types and charsets, broken encodings, repeated fields, and every kind of Unicode a
 * traveler can type. A refused request stores nothing and never gets a 5xx; an accepted one
 * keeps the traveler's text byte for byte.
 */
describe('bad input at the webhooks', () => {
  let twilio: FakeTwilioServer;
  let slack: FakeSlackServer;
  let baton: FaultBaton;
  let seq = 0;

  beforeAll(async () => {
    twilio = await FakeTwilioServer.start();
    slack = await FakeSlackServer.start();
    baton = await startFaultBaton({ twilio, slack });
  });
  afterAll(async () => {
    await baton?.close();
    await twilio?.close();
    await slack?.close();
  });

  const messagesUrl = () => `${baton.baseUrl}/webhooks/twilio/messages`;
  const stored = () => baton.runtime.db.inboundEvent.count();
  const params = (from: string, body: string, extra: Record<string, string> = {}) => ({
    ...twilioInboundParams({
      accountSid: twilio.accountSid,
      from,
      to: SMS_NUMBER,
      body,
      messageSid: twilioSid('SM', `bad-input-${++seq}`),
    }),
    ...extra,
  });
  const post = (url: string, body: string | Buffer, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers, body });
  const signedForm = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    post(messagesUrl(), new URLSearchParams(fields).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': computeTwilioSignature(twilio.authToken, messagesUrl(), fields),
      ...headers,
    });

  /** Sends a request that must be refused: a 4xx, and not one more stored event. */
  const expectRefused = async (send: () => Promise<Response>, status?: number) => {
    const before = await stored();
    const response = await send();
    await response.arrayBuffer();
    if (status !== undefined) expect(response.status).toBe(status);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await stored()).toBe(before);
    return response;
  };

  describe('Twilio', () => {
    it('stores a replayed signed webhook (Twilio signs no timestamp) once, and answers it once', async () => {
      const fields = params('+15559000001', 'replay me');
      for (let i = 0; i < 3; i++) expect((await signedForm(fields)).status).toBe(200);
      await twilio.waitForMessages('+15559000001', 1, 10_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await baton.runtime.db.inboundEvent.count({ where: { externalId: fields.MessageSid } })).toBe(1);
      expect(twilio.messagesTo('+15559000001')).toHaveLength(1);
    });

    it('refuses a body over 64 KB with 413, even correctly signed', async () => {
      await expectRefused(() => signedForm(params('+15559000002', 'x'.repeat(70 * 1024))), 413);
    });

    it.each([
      ['JSON', 'application/json', (f: Record<string, string>) => JSON.stringify(f)],
      ['text/plain', 'text/plain', (f: Record<string, string>) => new URLSearchParams(f).toString()],
      [
        'multipart',
        'multipart/form-data; boundary=x',
        (f: Record<string, string>) => `--x\r\n${JSON.stringify(f)}\r\n--x--`,
      ],
      ['no content type', '', (f: Record<string, string>) => new URLSearchParams(f).toString()],
    ])(
      'refuses a %s body signed over the right fields (it is not the form Twilio posts)',
      async (_label, type, encode) => {
        const fields = params('+15559000003', 'wrong type');
        await expectRefused(() =>
          post(messagesUrl(), encode(fields), {
            ...(type && { 'content-type': type }),
            'x-twilio-signature': computeTwilioSignature(twilio.authToken, messagesUrl(), fields),
          }),
        );
      },
    );

    it('refuses a charset other than UTF-8, and a body whose Content-Encoding lies', async () => {
      const fields = params('+15559000004', 'latin1');
      await expectRefused(
        () => signedForm(fields, { 'content-type': 'application/x-www-form-urlencoded; charset=latin1' }),
        415,
      );
      await expectRefused(() => signedForm(params('+15559000004', 'gzip'), { 'content-encoding': 'gzip' }), 400);
      await expectRefused(() => signedForm(params('+15559000004', 'zstd'), { 'content-encoding': 'x-unknown' }), 415);
    });

    it('accepts a gzip-compressed signed form (a proxy may compress) and stores it once', async () => {
      const fields = params('+15559000005', 'compressed hello');
      const response = await post(messagesUrl(), gzipSync(new URLSearchParams(fields).toString()), {
        'content-type': 'application/x-www-form-urlencoded',
        'content-encoding': 'gzip',
        'x-twilio-signature': computeTwilioSignature(twilio.authToken, messagesUrl(), fields),
      });
      expect(response.status).toBe(200);
      expect(await baton.runtime.db.inboundEvent.count({ where: { externalId: fields.MessageSid } })).toBe(1);
    });

    it('refuses broken percent-encoding and garbage bytes without a 5xx', async () => {
      const fields = params('+15559000006', 'ok');
      const signature = computeTwilioSignature(twilio.authToken, messagesUrl(), fields);
      for (const body of [
        `${new URLSearchParams(fields).toString()}&Body=%E0%A4%A`,
        '%%%%&&&===',
        Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x3d, 0x26]),
        '',
      ]) {
        await expectRefused(() =>
          post(messagesUrl(), body, {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': signature,
          }),
        );
      }
    });

    it('answers 400 to a correctly signed form that repeats Body (parsed as a list), storing nothing', async () => {
      const fields = { ...params('+15559000007', 'first'), Body: ['first', 'second'] };
      const body = new URLSearchParams(
        Object.entries(fields).flatMap(
          ([k, v]): Array<[string, string]> => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v]]),
        ),
      ).toString();
      await expectRefused(
        () =>
          post(messagesUrl(), body, {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': getExpectedTwilioSignature(twilio.authToken, messagesUrl(), fields),
          }),
        400,
      );
    });

    it.each([
      ['emoji with ZWJ sequences and flags', '👩‍👩‍👧‍👦 we land at 14:05 🛬🇵🇹 — ok? 👍🏽'],
      ['Arabic (RTL)', 'مرحبا، فقدت حقيبتي في المطار. هل يمكنكم المساعدة؟'],
      ['Hebrew with bidi marks', 'שלום \u200Fטיסה LY315\u200E מחר'],
      ['combining marks and NFD', 'Cafe\u0301 São Paulo Zoë e\u0301\u0301\u0301'],
      ['CJK and a supplementary-plane character', '行李在哪里？𠮷野家'],
      ['control characters and a BOM', '\uFEFFline one\r\nline\ttwo\u0007'],
      ['a 10 000-character message', 'long '.repeat(2000)],
    ])('keeps %s exactly as received, and replies with its SMS rendering', async (_label, text) => {
      const from = `+1555901${String(++seq).padStart(4, '0')}`;
      const fields = params(from, text);
      expect((await signedForm(fields)).status).toBe(200);
      const message = await waitFor(
        () =>
          baton.runtime.db.message.findFirst({ where: { direction: 'inbound', providerMessageId: fields.MessageSid } }),
        10_000,
        () => 'message stored',
      );
      expect(message.text).toBe(text);
      // SMS replies go through Baton's SMS rendering (GSM typography: "—" becomes "-", CRLF a
      // newline, long texts split into parts); nothing else may change.
      const parts = renderOutboundParts(`echo: ${text}`, 'twilio_sms', defaultChannelTextLimits);
      const replies = await twilio.waitForMessages(from, parts.length, 10_000);
      expect(replies.map((m) => m.body)).toEqual(parts);
    });

    it('never answers 5xx to a message holding a NUL character (PostgreSQL text cannot store one)', async () => {
      const fields = params('+15559000009', 'before\u0000after');
      const twilioAnswer = await signedForm(fields);
      const simulatorAnswer = await post(
        `${baton.baseUrl}/simulator/messages`,
        JSON.stringify({ from: 'nul', text: 'a\u0000b' }),
        {
          'content-type': 'application/json',
        },
      );
      // Stored without the NUL (2xx), or refused with a reason (400): never a 500 that a provider retries forever.
      const outcome = (status: number) => (status < 500 ? 'not 5xx' : status);
      expect({ twilio: outcome(twilioAnswer.status), simulator: outcome(simulatorAnswer.status) }).toEqual({
        twilio: 'not 5xx',
        simulator: 'not 5xx',
      });
    });

    it('status callbacks: unsigned 403, unknown status 400, a foreign message id changes nothing', async () => {
      const statusUrl = (query: string) => `${baton.baseUrl}/webhooks/twilio/status${query}`;
      const fields = twilioStatusParams({
        accountSid: twilio.accountSid,
        messageSid: twilioSid('SM', 's1'),
        status: 'delivered',
      });
      const signedStatus = (query: string, f: Record<string, string>) =>
        post(statusUrl(query), new URLSearchParams(f).toString(), {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': computeTwilioSignature(twilio.authToken, statusUrl(query), f),
        });
      await expectRefused(
        () =>
          post(statusUrl(''), new URLSearchParams(fields).toString(), {
            'content-type': 'application/x-www-form-urlencoded',
          }),
        403,
      );
      await expectRefused(() => signedStatus('', { ...fields, MessageStatus: 'exploded', SmsStatus: 'exploded' }), 400);
      // Settled: every accepted event filed, every message answered, every reply sent.
      const settled = async () => {
        const now = await ledger(baton.runtime);
        return now.unprocessedEvents === 0 && now.unanswered === 0 && now.pendingOutbound === 0;
      };
      await waitFor(settled, 15_000, () => 'replies and deliveries settle');
      const before = await baton.runtime.db.message.findMany({
        where: { direction: 'outbound' },
        select: { id: true, status: true },
        orderBy: { seq: 'asc' },
      });
      for (const query of ['?mid=not-a-uuid', '?mid=00000000-0000-4000-8000-000000000000', '?mid[]=x', '']) {
        expect((await signedStatus(query, fields)).status).toBe(204);
      }
      // The messages that existed keep their status (a late reply to an earlier test may still be added).
      expect(
        await baton.runtime.db.message.findMany({
          where: { id: { in: before.map((message) => message.id) } },
          select: { id: true, status: true },
          orderBy: { seq: 'asc' },
        }),
      ).toEqual(before);
    });
  });

  describe('Slack', () => {
    const eventsUrl = () => `${baton.baseUrl}/slack/events`;
    const slackEvents = () => baton.runtime.db.inboundEvent.count({ where: { source: 'slack' } });
    const signedSlack = (body: string, contentType: string, timestamp = Math.floor(Date.now() / 1000)) =>
      post(eventsUrl(), body, {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': computeSlackSignature(SLACK_SIGNING_SECRET, timestamp, body),
      });

    it.each([
      ['a non-numeric timestamp', { 'x-slack-request-timestamp': 'yesterday', 'x-slack-signature': 'v0=00' }],
      [
        'a signature without a version',
        { 'x-slack-request-timestamp': `${Math.floor(Date.now() / 1000)}`, 'x-slack-signature': 'abc' },
      ],
      [
        'an empty signature',
        { 'x-slack-request-timestamp': `${Math.floor(Date.now() / 1000)}`, 'x-slack-signature': '' },
      ],
      ['a huge timestamp', { 'x-slack-request-timestamp': '9'.repeat(400), 'x-slack-signature': 'v0=00' }],
    ])('answers 401 to %s', async (_label, headers) => {
      const before = await slackEvents();
      const response = await post(eventsUrl(), eventCallback({ type: 'app_mention' }).body, {
        'content-type': 'application/json',
        ...headers,
      });
      expect(response.status).toBe(401);
      expect(await slackEvents()).toBe(before);
    });

    it('answers 413 to a body over Bolt’s 4 MB limit, before verifying it', async () => {
      // On a connection of its own: the server answers before reading the body, and a
      // half-sent body spoils a pooled keep-alive connection for the next test's request.
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          eventsUrl(),
          {
            method: 'POST',
            agent: false,
            headers: {
              'content-type': 'application/json',
              'x-slack-request-timestamp': `${Math.floor(Date.now() / 1000)}`,
              'x-slack-signature': 'v0=00',
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(`{"x":"${'a'.repeat(5 * 1024 * 1024)}"}`);
      });
      expect(status).toBe(413);
    });

    it.each([
      ['malformed JSON', '{"type":"event_callback",', 'application/json'],
      ['a form whose payload is not JSON', 'payload=%7Bnot-json', 'application/x-www-form-urlencoded'],
      ['text/plain', 'hello', 'text/plain'],
      ['an empty body', '', 'application/json'],
    ])('answers 400, not 5xx, to correctly signed %s', async (_label, body, contentType) => {
      const before = await slackEvents();
      const response = await signedSlack(body, contentType);
      expect(response.status).toBe(400);
      expect(await slackEvents()).toBe(before);
    });

    it('acknowledges signed events it does not understand without storing anything', async () => {
      const before = await slackEvents();
      const payloads: Record<string, unknown> = {
        'an event_callback without event': { type: 'event_callback', event_id: 'Ev1', team_id: 'T0BATON001' },
        'a message event without channel or ts': {
          type: 'event_callback',
          event_id: 'Ev2',
          event: { type: 'message' },
        },
        // Slack sends this to the Request URL when the app is over its Events API limit.
        app_rate_limited: {
          token: 'legacy-verification-token',
          type: 'app_rate_limited',
          team_id: 'T0BATON001',
          minute_rate_limited: 1518467820,
          api_app_id: 'A0BATON001',
        },
        'a JSON array': [1, 2, 3],
        'a JSON string': 'hello',
      };
      const answers: Record<string, string> = {};
      for (const [label, payload] of Object.entries(payloads)) {
        const response = await signedSlack(JSON.stringify(payload), 'application/json');
        answers[label] = response.status < 500 ? 'not 5xx' : String(response.status);
      }
      expect(answers).toEqual(Object.fromEntries(Object.keys(payloads).map((label) => [label, 'not 5xx'])));
      expect(await slackEvents()).toBe(before);
    });

    it('relays a specialist’s emoji and RTL reply to the traveler exactly once', async () => {
      const traveler = '+15559000010';
      expect((await signedForm(params(traveler, 'agent please'))).status).toBe(200);
      await waitFor(
        async () => cardsByConversation(slack).size >= 1,
        10_000,
        () => 'card',
      );
      const thread = await waitFor(
        () => baton.runtime.db.slackThread.findFirst({ where: { conversation: { contact: { address: traveler } } } }),
        10_000,
        () => 'thread',
      );
      const text = 'مرحبا 👋🏽 your bag is at gate B12 — שלום';
      const event = eventCallback(threadReply({ channel: HANDOFF_CHANNEL, threadTs: thread.threadTs, text }));
      for (let retry = 0; retry < 2; retry++) {
        const signed = signedSlackRequest({
          signingSecret: SLACK_SIGNING_SECRET,
          ...event,
          retryNum: retry || undefined,
        });
        expect((await post(eventsUrl(), signed.body, signed.headers)).status).toBe(200);
      }
      await twilio.waitForMessages(traveler, 2, 10_000); // the handoff notice, then the reply
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(twilio.messagesTo(traveler).map((m) => m.body)).toEqual([
        'Connecting you to a specialist.',
        ...renderOutboundParts(text, 'twilio_sms', defaultChannelTextLimits, 'slack'),
      ]);
    });
  });
});
