import { createServer } from 'node:net';
import { DeliveryError } from '../../../src/channels/delivery-error';
import { TwilioAdapter, type TwilioAdapterOptions } from '../../../src/channels/twilio/twilio.adapter';
import { FakeTwilioServer } from '../../support/fake-twilio-server';

const statusCallbackUrl = (messageId: string) =>
  `https://baton.example.com/webhooks/twilio/status?messageId=${encodeURIComponent(messageId)}`;
const messageId = '00000000-0000-4000-8000-0000000000aa';
const traveler = '+15551234567';
const whatsappTraveler = 'whatsapp:+447700900123';

let fake: FakeTwilioServer;

beforeAll(async () => {
  fake = await FakeTwilioServer.start();
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

function adapter(options: Partial<TwilioAdapterOptions> = {}): TwilioAdapter {
  return new TwilioAdapter({
    channel: 'twilio_sms',
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    apiUrl: fake.url,
    smsFrom: '+15550009999',
    statusCallbackUrl,
    timeoutMs: 2000,
    ...options,
  });
}

async function sendError(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeliveryError) return error;
    throw error;
  }
  throw new Error('send succeeded');
}

describe('TwilioAdapter sends through the real SDK', () => {
  it('SMS from a number: To, From, Body, StatusCallback, with the account’s basic auth', async () => {
    const result = await adapter().send({ messageId, to: traveler, text: 'Your transfer is at 9:00', media: [] });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ accountSid: fake.accountSid, authorized: true, status: 201 });
    expect(fake.requests[0]?.form).toEqual({
      To: [traveler],
      From: ['+15550009999'],
      Body: ['Your transfer is at 9:00'],
      StatusCallback: [statusCallbackUrl(messageId)],
    });
    expect(result).toEqual({ providerMessageId: fake.messages()[0]?.sid, status: 'queued' });
    expect(result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('SMS through a Messaging Service: MessagingServiceSid instead of From', async () => {
    const sms = adapter({ smsFrom: '+15550009999', messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' });
    const result = await sms.send({ messageId, to: traveler, text: 'Hi', media: [] });
    expect(fake.requests[0]?.form).toEqual({
      To: [traveler],
      MessagingServiceSid: ['MG0123456789abcdef0123456789abcdef'],
      Body: ['Hi'],
      StatusCallback: [statusCallbackUrl(messageId)],
    });
    // Twilio answers "accepted" for a Messaging Service send: still queued for Baton.
    expect(result.status).toBe('queued');
  });

  it('WhatsApp: whatsapp:-prefixed To and From', async () => {
    const whatsapp = adapter({ channel: 'twilio_whatsapp', smsFrom: undefined, whatsappFrom: 'whatsapp:+14155238886' });
    await whatsapp.send({ messageId, to: whatsappTraveler, text: '*Bold* plans', media: [] });
    expect(fake.requests[0]?.form).toEqual({
      To: [whatsappTraveler],
      From: ['whatsapp:+14155238886'],
      Body: ['*Bold* plans'],
      StatusCallback: [statusCallbackUrl(messageId)],
    });
  });

  it('MMS: one MediaUrl field per item, in order', async () => {
    const media = [
      { url: 'https://baton.example.com/media/a.jpg?sig=1', contentType: 'image/jpeg' },
      { url: 'https://baton.example.com/media/b.pdf?sig=2', contentType: 'application/pdf' },
    ];
    const result = await adapter().send({ messageId, to: traveler, text: 'Your tickets', media });
    expect(fake.requests[0]?.form).toEqual({
      To: [traveler],
      From: ['+15550009999'],
      Body: ['Your tickets'],
      MediaUrl: [media[0]?.url, media[1]?.url],
      StatusCallback: [statusCallbackUrl(messageId)],
    });
    expect(result.providerMessageId).toMatch(/^MM/);
  });

  it('media without text sends no Body', async () => {
    const media = [{ url: 'https://baton.example.com/media/a.jpg', contentType: 'image/jpeg' }];
    await adapter().send({ messageId, to: traveler, text: '', media });
    expect(fake.requests[0]?.form).toEqual({
      To: [traveler],
      From: ['+15550009999'],
      MediaUrl: [media[0]?.url],
      StatusCallback: [statusCallbackUrl(messageId)],
    });
  });

  it('a request that hangs past the timeout is a transient failure', async () => {
    fake.hangNext();
    const started = Date.now();
    const error = await sendError(adapter({ timeoutMs: 300 }).send({ messageId, to: traveler, text: 'x', media: [] }));
    expect(Date.now() - started).toBeLessThan(1500);
    expect(error.permanent).toBe(false);
    expect(error.message).toMatch(/^Twilio did not answer in time; the message will be retried\./);
    expect(fake.requests[0]?.status).toBe('hung');
  });

  it('429 is transient and not retried inside the SDK (the queue owns retries)', async () => {
    fake.failNext({ status: 429, code: 20429, message: 'Too Many Requests' });
    const error = await sendError(adapter().send({ messageId, to: traveler, text: 'x', media: [] }));
    expect(error).toMatchObject({ permanent: false, providerCode: '20429', code: 'delivery_failed_transient' });
    expect(fake.requests).toHaveLength(1);
  });

  it('5xx then success: the failure is transient and the next attempt is delivered', async () => {
    fake.failNext({ status: 503, code: 20503, message: 'Service Unavailable' });
    const sms = adapter();
    const error = await sendError(sms.send({ messageId, to: traveler, text: 'retry me', media: [] }));
    expect(error.permanent).toBe(false);
    const result = await sms.send({ messageId, to: traveler, text: 'retry me', media: [] });
    expect(fake.messagesTo(traveler).map((m) => [m.sid, m.body])).toEqual([[result.providerMessageId, 'retry me']]);
  });

  it('21610 (unsubscribed) is permanent with its code and a reason a specialist can act on', async () => {
    fake.failNext({ status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    const error = await sendError(adapter().send({ messageId, to: traveler, text: 'x', media: [] }));
    expect(error).toMatchObject({ permanent: true, providerCode: '21610', code: 'delivery_failed_permanent' });
    expect(error.message).toBe(
      'The traveler unsubscribed (replied STOP): nothing can be sent until they text START. ' +
        '[Twilio 21610: Attempt to send to unsubscribed recipient]',
    );
    expect(fake.messages()).toEqual([]);
  });

  it('63016 (WhatsApp 24-hour window) is permanent and says a template is needed', async () => {
    fake.failNext({
      status: 400,
      code: 63016,
      message: 'Failed to send freeform message because you are outside the allowed window.',
    });
    const whatsapp = adapter({ channel: 'twilio_whatsapp', whatsappFrom: 'whatsapp:+14155238886' });
    const error = await sendError(whatsapp.send({ messageId, to: whatsappTraveler, text: 'x', media: [] }));
    expect(error).toMatchObject({ permanent: true, providerCode: '63016' });
    expect(error.message).toMatch(/24 hours.*approved template/);
  });

  it('wrong credentials (20003) are permanent and name the variables to check', async () => {
    const error = await sendError(
      adapter({ authToken: 'wrong' }).send({ messageId, to: traveler, text: 'x', media: [] }),
    );
    expect(fake.requests[0]?.authorized).toBe(false);
    expect(error).toMatchObject({ permanent: true, providerCode: '20003' });
    expect(error.message).toMatch(/TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN/);
  });

  it('an unreachable API is a transient network failure', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const error = await sendError(
      adapter({ apiUrl: `http://127.0.0.1:${closedPort}` }).send({ messageId, to: traveler, text: 'x', media: [] }),
    );
    expect(error.permanent).toBe(false);
    expect(error.message).toMatch(/^Could not reach Twilio; the message will be retried\. \[.*ECONNREFUSED/);
  });

  it('refuses, without calling Twilio, an address of the other channel', async () => {
    const sms = adapter();
    const whatsapp = adapter({ channel: 'twilio_whatsapp', whatsappFrom: 'whatsapp:+14155238886' });
    await expect(sms.send({ messageId, to: whatsappTraveler, text: 'x', media: [] })).rejects.toMatchObject({
      permanent: true,
      message: `"${whatsappTraveler}" is not a twilio_sms address.`,
    });
    await expect(whatsapp.send({ messageId, to: traveler, text: 'x', media: [] })).rejects.toMatchObject({
      permanent: true,
    });
    expect(fake.requests).toEqual([]);
  });
});

describe('TwilioAdapter configuration and parsing', () => {
  it.each<[string, Partial<TwilioAdapterOptions>, RegExp]>([
    [
      'SMS without a sender',
      { smsFrom: undefined, messagingServiceSid: undefined },
      /TWILIO_SMS_FROM or TWILIO_MESSAGING_SERVICE_SID/,
    ],
    ['WhatsApp without a sender', { channel: 'twilio_whatsapp' }, /TWILIO_WHATSAPP_FROM/],
    [
      'WhatsApp with a plain number',
      { channel: 'twilio_whatsapp', whatsappFrom: '+14155238886' },
      /TWILIO_WHATSAPP_FROM/,
    ],
  ])('refuses %s with config_invalid', (_case, options, message) => {
    expect(() => adapter(options)).toThrow(
      expect.objectContaining({ code: 'config_invalid', message: expect.stringMatching(message) }),
    );
  });

  it('declares the channel limits', () => {
    expect(adapter().maxTextLength).toBe(1600);
    expect(adapter({ channel: 'twilio_whatsapp', whatsappFrom: 'whatsapp:+14155238886' }).maxTextLength).toBe(4096);
  });

  it('refuses an inbound message of the other channel', () => {
    const params = {
      MessageSid: `SM${'a'.repeat(32)}`,
      AccountSid: fake.accountSid,
      From: whatsappTraveler,
      To: 'whatsapp:+14155238886',
      Body: 'hi',
      NumMedia: '0',
    };
    expect(() => adapter().parseInbound(params)).toThrow(
      expect.objectContaining({
        code: 'payload_invalid',
        message: `a twilio_whatsapp message (from ${whatsappTraveler}) reached the twilio_sms adapter`,
      }),
    );
  });
});
