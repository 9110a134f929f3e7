import type { Responder } from '../../../src/core/responder';
import { FakeTwilioServer } from '../../support/fake-twilio-server';
import { eventually, startTestBaton, type TestBaton, testComplianceReplies } from '../../support/test-baton';
import { signedTwilioRequest, twilioInboundParams, twilioStatusParams } from '../../support/twilio-signing';

const SMS_NUMBER = '+15005550006';
const WHATSAPP_NUMBER = 'whatsapp:+14155238886';

/** Replies "echo: <text>", or a 4000-character answer when asked for "long". */
const responder: Responder = {
  async respond({ message }) {
    if (message.text === 'long') return { kind: 'reply', text: 'Day one is free to explore. '.repeat(143).trim() };
    return { kind: 'reply', text: `echo: ${message.text}` };
  },
};

describe('Twilio SMS and WhatsApp, end to end through the real SDK', () => {
  let twilio: FakeTwilioServer;
  let baton: TestBaton;
  let sequence = 0;

  beforeAll(async () => {
    twilio = await FakeTwilioServer.start();
    baton = await startTestBaton({
      responder,
      runtime: {
        twilio: {
          accountSid: twilio.accountSid,
          authToken: twilio.authToken,
          apiUrl: twilio.url,
          smsFrom: SMS_NUMBER,
          whatsappFrom: WHATSAPP_NUMBER,
        },
      },
    });
  });
  afterAll(async () => {
    await baton.close();
    await twilio.close();
  });

  /** Posts a webhook signed exactly as Twilio signs it (for PUBLIC_URL + path). */
  const postSigned = (path: string, params: Record<string, string>, signWith = twilio.authToken) => {
    const request = signedTwilioRequest({ authToken: signWith, url: `${baton.baseUrl}${path}`, params });
    return fetch(`${baton.baseUrl}${path}`, { method: 'POST', headers: request.headers, body: request.body });
  };
  const inbound = (from: string, body: string, extra: Partial<Parameters<typeof twilioInboundParams>[0]> = {}) =>
    twilioInboundParams({
      accountSid: twilio.accountSid,
      from,
      to: from.startsWith('whatsapp:') ? WHATSAPP_NUMBER : SMS_NUMBER,
      body,
      messageSid: `SM${String(++sequence).padStart(32, '0')}`,
      ...extra,
    });
  const storedEvents = () => baton.runtime.db.inboundEvent.count();

  it('answers a signed SMS webhook: TwiML at once, the reply sent to Twilio with a status callback', async () => {
    const response = await postSigned('/webhooks/twilio/messages', inbound('+15551230001', 'Is breakfast included?'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/xml/);
    expect(await response.text()).toContain('<Response></Response>');

    const [sent] = await twilio.waitForMessages('+15551230001');
    expect(sent).toMatchObject({ to: '+15551230001', from: SMS_NUMBER, body: 'echo: Is breakfast included?' });
    const reply = await baton.runtime.db.message.findFirstOrThrow({ where: { text: 'echo: Is breakfast included?' } });
    expect(sent?.statusCallback).toBe(`${baton.baseUrl}/webhooks/twilio/status?mid=${reply.id}`);
    await eventually(
      async () =>
        (await baton.runtime.db.message.findUnique({ where: { id: reply.id } }))?.providerMessageId === sent?.sid,
    );
    expect(reply.channel).toBe('twilio_sms');
  });

  it('answers a signed WhatsApp webhook on WhatsApp, keeping the traveler’s profile name', async () => {
    const from = 'whatsapp:+447700900123';
    const response = await postSigned('/webhooks/twilio/messages', inbound(from, 'Hola', { profileName: 'Ana' }));
    expect(response.status).toBe(200);
    const [sent] = await twilio.waitForMessages(from);
    expect(sent).toMatchObject({ to: from, from: WHATSAPP_NUMBER, body: 'echo: Hola' });
    const contact = await baton.runtime.db.contact.findUniqueOrThrow({
      where: { channel_address: { channel: 'twilio_whatsapp', address: from } },
    });
    expect(contact.displayName).toBe('Ana');
  });

  it.each([
    ['a wrong signature', (p: Record<string, string>) => postSigned('/webhooks/twilio/messages', p, 'not-the-token')],
    [
      'no signature',
      (p: Record<string, string>) =>
        fetch(`${baton.baseUrl}/webhooks/twilio/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(p).toString(),
        }),
    ],
    [
      'a signature for another URL',
      (p: Record<string, string>) => {
        const request = signedTwilioRequest({
          authToken: twilio.authToken,
          url: 'https://elsewhere.example/webhooks/twilio/messages',
          params: p,
        });
        return fetch(`${baton.baseUrl}/webhooks/twilio/messages`, {
          method: 'POST',
          headers: request.headers,
          body: request.body,
        });
      },
    ],
    [
      'a tampered body',
      (p: Record<string, string>) => {
        const request = signedTwilioRequest({
          authToken: twilio.authToken,
          url: `${baton.baseUrl}/webhooks/twilio/messages`,
          params: p,
        });
        return fetch(`${baton.baseUrl}/webhooks/twilio/messages`, {
          method: 'POST',
          headers: request.headers,
          body: request.body.replace('Body=hello', 'Body=transfer+money'),
        });
      },
    ],
  ])('refuses %s with 403 and stores nothing', async (_label, send) => {
    const before = await storedEvents();
    const response = await send(inbound('+15551230002', 'hello'));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'signature_invalid' });
    expect(await storedEvents()).toBe(before);
  });

  it('answers Twilio once the message is stored, without waiting for the queue, and queues it after', async () => {
    const working = baton.runtime.dispatcher;
    let release: () => void = () => {};
    const queueAnswers = new Promise<void>((resolve) => {
      release = resolve;
    });
    const queued: string[] = [];
    // A Redis that takes its time: the enqueue is held until the webhook has its answer.
    baton.runtime.dispatcher = {
      ...working,
      ingestEvent: async (eventId, options) => {
        await queueAnswers;
        queued.push(eventId);
        return working.ingestEvent(eventId, options);
      },
    };
    try {
      const response = await postSigned('/webhooks/twilio/messages', inbound('+15551230042', 'Slow queue today?'));
      expect(response.status).toBe(200);
      const [event] = await baton.runtime.db.inboundEvent.findMany({
        where: { routingKey: 'twilio_sms|+15551230042' },
      });
      expect(event).toBeDefined();
      expect(queued).toEqual([]);
      release();
      await eventually(async () => queued.length === 1);
      expect(queued).toEqual([event?.id.toString()]);
      const [sent] = await twilio.waitForMessages('+15551230042');
      expect(sent?.body).toBe('echo: Slow queue today?');
    } finally {
      release();
      baton.runtime.dispatcher = working;
    }
  });

  it('refuses a correctly signed webhook of another Twilio account', async () => {
    const before = await storedEvents();
    const response = await postSigned(
      '/webhooks/twilio/messages',
      inbound('+15551230003', 'hi', { accountSid: `AC${'9'.repeat(32)}` }),
    );
    expect(response.status).toBe(403);
    expect(await storedEvents()).toBe(before);
  });

  it('answers a malformed (but signed) webhook with 400 and stores nothing', async () => {
    const before = await storedEvents();
    const params = inbound('+15551230004', 'hi');
    delete params.MessageSid;
    const response = await postSigned('/webhooks/twilio/messages', params);
    expect(response.status).toBe(400);
    expect(await storedEvents()).toBe(before);
  });

  it('accepts a repeated MessageSid (a Twilio retry) once: one message stored, one reply', async () => {
    const params = inbound('+15551230005', 'retry me');
    const responses = await Promise.all([1, 2, 3].map(() => postSigned('/webhooks/twilio/messages', params)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    await twilio.waitForMessages('+15551230005');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(twilio.messagesTo('+15551230005')).toHaveLength(1);
    expect(await baton.runtime.db.message.count({ where: { providerMessageId: params.MessageSid } })).toBe(1);
  });

  it('stores MMS media (URLs and content types) on the message', async () => {
    const params = inbound('+15551230006', 'my boarding pass', {
      media: [
        { url: `${twilio.url}/media/one`, contentType: 'image/jpeg' },
        { url: `${twilio.url}/media/two`, contentType: 'application/pdf' },
      ],
    });
    await postSigned('/webhooks/twilio/messages', params);
    const stored = await eventually(() =>
      baton.runtime.db.message.findFirst({ where: { providerMessageId: params.MessageSid } }),
    );
    expect(stored.media).toEqual([
      { url: `${twilio.url}/media/one`, contentType: 'image/jpeg' },
      { url: `${twilio.url}/media/two`, contentType: 'application/pdf' },
    ]);
  });

  it('records delivery status callbacks in order of progress, with the failure reason', async () => {
    await postSigned('/webhooks/twilio/messages', inbound('+15551230007', 'status please'));
    const [sent] = await twilio.waitForMessages('+15551230007');
    const callback = new URL(sent?.statusCallback ?? '');
    const path = `${callback.pathname}${callback.search}`;
    const messageId = callback.searchParams.get('mid') ?? '';
    const status = (value: string, errorCode?: string) =>
      postSigned(
        path,
        twilioStatusParams({ accountSid: twilio.accountSid, messageSid: sent?.sid ?? '', status: value, errorCode }),
      );
    const current = () => baton.runtime.db.message.findUniqueOrThrow({ where: { id: messageId } });

    expect((await status('delivered')).status).toBe(204);
    expect((await status('sent')).status).toBe(204); // late: must not move it back
    expect(await current()).toMatchObject({ status: 'delivered' });

    const unsigned = await fetch(`${baton.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(
        twilioStatusParams({ accountSid: twilio.accountSid, messageSid: sent?.sid ?? '', status: 'failed' }),
      ).toString(),
    });
    expect(unsigned.status).toBe(403);
    expect(await current()).toMatchObject({ status: 'delivered' });
  });

  it('stores a carrier failure from a status callback so a specialist can act on it', async () => {
    await postSigned('/webhooks/twilio/messages', inbound('+15551230008', 'will fail'));
    const [sent] = await twilio.waitForMessages('+15551230008');
    const callback = new URL(sent?.statusCallback ?? '');
    await postSigned(
      `${callback.pathname}${callback.search}`,
      twilioStatusParams({
        accountSid: twilio.accountSid,
        messageSid: sent?.sid ?? '',
        status: 'undelivered',
        errorCode: '30006',
      }),
    );
    const message = await baton.runtime.db.message.findUniqueOrThrow({
      where: { id: callback.searchParams.get('mid') ?? '' },
    });
    expect(message).toMatchObject({ status: 'undelivered', errorCode: '30006' });
    expect(message.errorMessage).toBeTruthy();
  });

  it('retries when Twilio answers 5xx and delivers once', async () => {
    twilio.failNext({ status: 503, times: 1 });
    await postSigned('/webhooks/twilio/messages', inbound('+15551230009', 'try again'));
    const [sent] = await twilio.waitForMessages('+15551230009', 1, 10_000);
    expect(sent?.body).toBe('echo: try again');
    const attempts = twilio.requests.filter((r) => r.form.To?.[0] === '+15551230009');
    expect(attempts.map((r) => r.status)).toEqual([503, 201]);
    const reply = await baton.runtime.db.message.findFirstOrThrow({ where: { text: 'echo: try again' } });
    expect(reply.attempts).toBe(2);
  });

  it('fails at once on a permanent Twilio error, keeping the code and the reason', async () => {
    twilio.failNext({ status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    await postSigned('/webhooks/twilio/messages', inbound('+15551230010', 'unsubscribed?'));
    const reply = await eventually(async () => {
      const found = await baton.runtime.db.message.findFirst({ where: { text: 'echo: unsubscribed?' } });
      return found?.status === 'failed' && found;
    });
    expect(reply).toMatchObject({ errorCode: '21610', attempts: 1 });
    expect(reply.errorMessage).toMatch(/unsubscribed|STOP/i);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(twilio.requests.filter((r) => r.form.To?.[0] === '+15551230010')).toHaveLength(1);
  });

  it('honours STOP: confirmation sent, then nothing until START', async () => {
    const from = '+15551230011';
    await postSigned('/webhooks/twilio/messages', inbound(from, 'STOP'));
    const [confirmation] = await twilio.waitForMessages(from);
    expect(confirmation?.body).toBe(testComplianceReplies.optOut);
    await postSigned('/webhooks/twilio/messages', inbound(from, 'what time is pickup?'));
    await eventually(() =>
      baton.runtime.db.message.findFirst({ where: { text: 'what time is pickup?', respondedAt: { not: null } } }),
    );
    await postSigned('/webhooks/twilio/messages', inbound(from, 'START'));
    await twilio.waitForMessages(from, 2);
    await postSigned('/webhooks/twilio/messages', inbound(from, 'pickup time?'));
    const all = await twilio.waitForMessages(from, 3);
    expect(all.map((m) => m.body)).toEqual([
      testComplianceReplies.optOut,
      testComplianceReplies.optIn,
      'echo: pickup time?',
    ]);
  });

  it('splits a long reply at SMS’s 1600 characters on word boundaries, in order; WhatsApp takes it whole', async () => {
    await postSigned('/webhooks/twilio/messages', inbound('+15551230012', 'long'));
    const parts = await twilio.waitForMessages('+15551230012', 3, 10_000);
    expect(parts).toHaveLength(3);
    for (const part of parts) {
      expect(part.body?.length).toBeLessThanOrEqual(1600);
      expect(part.body).toMatch(/^Day one/);
      expect(part.body).toMatch(/explore\.$/);
    }
    expect(parts.map((p) => p.body).join(' ')).toBe('Day one is free to explore. '.repeat(143).trim());

    await postSigned('/webhooks/twilio/messages', inbound('whatsapp:+447700900999', 'long'));
    const [whole] = await twilio.waitForMessages('whatsapp:+447700900999');
    expect(whole?.body?.length).toBe('Day one is free to explore. '.repeat(143).trim().length);
  });
});
