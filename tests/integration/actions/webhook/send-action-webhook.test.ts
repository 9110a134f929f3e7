import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type ActionWebhookPayload,
  sendActionWebhook,
  signBatonPayload,
  verifyBatonSignature,
} from '../../../../src/actions/webhook/send-action-webhook';
import { ZActionWebhookSchema } from '../../../../src/config/baton-config.schema';

/** A real booking-system receiver on 127.0.0.1: records each request, answers as the test scripts it. */
class FakeBookingSystem {
  readonly requests: Array<{ method: string; path: string; headers: IncomingHttpHeaders; body: string }> = [];
  respond: (response: ServerResponse) => void = (response) => json(response, 200, {});

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeBookingSystem> {
    const server = createServer();
    const fake = new FakeBookingSystem(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        fake.requests.push({
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        fake.respond(response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/baton/booking-change`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

const secret = 'whsec_test_5f1c9d0e8a7b';
const payload: ActionWebhookPayload = {
  event: 'action.completed',
  actionId: 'booking_change',
  conversationId: '6f1f4c1e-9d55-4d1a-9a61-0d7f3b2f0a11',
  channel: 'twilio_whatsapp',
  completedAt: '2026-11-25T10:04:00.000Z',
  fields: {
    confirmationNumber: 'K7Q2ZB',
    travelDates: { from: '2027-06-12', to: '2027-06-19' },
    groupSize: 14,
    notes: null,
  },
};
const now = () => new Date('2026-11-25T10:04:05.000Z');
const nowSeconds = 1_795_601_045; // now() in unix seconds

let fake: FakeBookingSystem;
beforeEach(async () => {
  fake = await FakeBookingSystem.start();
});
afterEach(async () => {
  await fake.close();
});

const webhook = (extra: Record<string, unknown> = {}) =>
  ZActionWebhookSchema.parse({ url: fake.url, storeResponseFields: ['bookingStatus', 'reference'], ...extra });

describe('sendActionWebhook against a real receiver', () => {
  it('POSTs the signed JSON payload, and stores only the listed response fields', async () => {
    fake.respond = (response) =>
      json(response, 200, { bookingStatus: 'pending_review', reference: 'BK-2291', internal: 'x' });

    const outcome = await sendActionWebhook(webhook(), payload, { secret, now });

    expect(outcome).toEqual({
      ok: true,
      status: 200,
      stored: { bookingStatus: 'pending_review', reference: 'BK-2291' },
    });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/baton/booking-change');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['user-agent']).toBe('Baton');
    expect(request?.headers['x-baton-timestamp']).toBe(String(nowSeconds));
    expect(JSON.parse(request?.body ?? '')).toEqual(payload);
    // What a receiver does: verify the raw body against the headers, with its own clock.
    const check = {
      secret,
      timestamp: request?.headers['x-baton-timestamp'] as string,
      body: request?.body ?? '',
      signature: request?.headers['x-baton-signature'] as string,
      nowSeconds: nowSeconds + 2,
    };
    expect(check.signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyBatonSignature(check)).toBe(true);
    expect(verifyBatonSignature({ ...check, secret: 'another secret' })).toBe(false);
    expect(verifyBatonSignature({ ...check, body: check.body.replace('K7Q2ZB', 'K7Q2ZC') })).toBe(false);
  });

  it('sends no signature without a secret, and stores nothing from a non-JSON 2xx body', async () => {
    fake.respond = (response) => response.writeHead(202, { 'Content-Type': 'text/plain' }).end('accepted');
    expect(await sendActionWebhook(webhook(), payload, { now })).toEqual({ ok: true, status: 202, stored: {} });
    expect(fake.requests[0]?.headers['x-baton-signature']).toBeUndefined();
  });

  it('stores nothing from a JSON array, and leaves out listed keys the response lacks', async () => {
    fake.respond = (response) => json(response, 200, [{ bookingStatus: 'x' }]);
    expect(await sendActionWebhook(webhook(), payload, { secret, now })).toMatchObject({ ok: true, stored: {} });
    fake.respond = (response) => json(response, 201, { reference: 'BK-1' });
    expect(await sendActionWebhook(webhook(), payload, { secret, now })).toEqual({
      ok: true,
      status: 201,
      stored: { reference: 'BK-1' },
    });
  });

  it('500 and 429 are retryable', async () => {
    fake.respond = (response) => json(response, 500, { error: 'database down' });
    const failed = await sendActionWebhook(webhook(), payload, { secret, now });
    expect(failed).toEqual({
      ok: false,
      retryable: true,
      status: 500,
      error: expect.stringContaining('answered 500: {"error":"database down"}'),
    });
    fake.respond = (response) => json(response, 429, {});
    expect(await sendActionWebhook(webhook(), payload, { secret, now })).toMatchObject({
      ok: false,
      retryable: true,
      status: 429,
    });
  });

  it('400 is not retryable, and the error never shows the secret even when the receiver echoes it', async () => {
    fake.respond = (response) => json(response, 400, { error: `bad request signed with ${secret}` });
    const outcome = await sendActionWebhook(webhook(), payload, { secret, now });
    expect(outcome).toMatchObject({ ok: false, retryable: false, status: 400 });
    expect(outcome.ok === false && outcome.error).toContain('[secret]');
    expect(JSON.stringify(outcome)).not.toContain(secret);
  });

  it('a 401 says how to fix the secret', async () => {
    fake.respond = (response) => json(response, 401, {});
    const outcome = await sendActionWebhook(webhook(), payload, { secret, now });
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      status: 401,
      error: expect.stringMatching(/Fix: .*secretEnv/),
    });
  });

  it('does not follow a redirect (the POST would arrive as a GET)', async () => {
    fake.respond = (response) => response.writeHead(302, { Location: `${fake.url}/elsewhere` }).end();
    expect(await sendActionWebhook(webhook(), payload, { secret, now })).toMatchObject({
      ok: false,
      retryable: false,
      status: 302,
      error: expect.stringContaining('redirects are not followed'),
    });
    expect(fake.requests).toHaveLength(1);
  });

  it('a slow receiver times out after timeoutMs, retryable', async () => {
    fake.respond = (response) => {
      setTimeout(() => json(response, 200, { bookingStatus: 'late' }), 3000).unref();
    };
    const startedAt = Date.now();
    const outcome = await sendActionWebhook(webhook({ timeoutMs: 200 }), payload, { secret, now });
    expect(Date.now() - startedAt).toBeLessThan(2000);
    expect(outcome).toEqual({ ok: false, retryable: true, error: expect.stringContaining('within 200 ms') });
  });

  it('a receiver that is not listening is retryable', async () => {
    const url = fake.url;
    await fake.close();
    const outcome = await sendActionWebhook(ZActionWebhookSchema.parse({ url }), payload, { secret, now });
    expect(outcome).toEqual({ ok: false, retryable: true, error: expect.stringContaining('ECONNREFUSED') });
    fake = await FakeBookingSystem.start(); // for afterEach
  });

  it('hides a password in the URL', async () => {
    fake.respond = (response) => json(response, 503, {});
    const url = fake.url.replace('http://', 'http://booking:p4ssw0rd@');
    const outcome = await sendActionWebhook(ZActionWebhookSchema.parse({ url }), payload, { secret, now });
    expect(outcome).toMatchObject({ ok: false, retryable: true, status: 503 });
    expect(JSON.stringify(outcome)).not.toContain('p4ssw0rd');
    // fetch refuses credentials in a URL: they travel as Basic auth.
    expect(fake.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('booking:p4ssw0rd').toString('base64')}`);
  });
});

describe('verifyBatonSignature', () => {
  const body = JSON.stringify(payload);
  const signed = {
    secret,
    timestamp: String(nowSeconds),
    body,
    signature: signBatonPayload(secret, nowSeconds, body),
    nowSeconds,
  };

  it.each([
    ['as signed', {}, true],
    ['within the tolerance', { nowSeconds: nowSeconds + 300 }, true],
    ['too old', { nowSeconds: nowSeconds + 301 }, false],
    ['from the future', { nowSeconds: nowSeconds - 301 }, false],
    ['custom tolerance', { nowSeconds: nowSeconds + 600, toleranceSeconds: 900 }, true],
    ['another timestamp', { timestamp: String(nowSeconds + 1) }, false],
    ['no signature', { signature: undefined }, false],
    ['no timestamp', { timestamp: undefined }, false],
    ['not a number', { timestamp: 'yesterday' }, false],
    ['without the version', { signature: signBatonPayload(secret, nowSeconds, body).slice(3) }, false],
    [
      'one of two signatures (rotation)',
      { signature: `v1=${'0'.repeat(64)}, ${signBatonPayload(secret, nowSeconds, body)}` },
      true,
    ],
  ])('%s → %s', (_name, change, expected) => {
    expect(verifyBatonSignature({ ...signed, ...change })).toBe(expected);
  });

  it('matches an independent HMAC computation', () => {
    const { createHmac } = require('node:crypto') as typeof import('node:crypto');
    const hex = createHmac('sha256', secret).update(`${nowSeconds}.${body}`).digest('hex');
    expect(signBatonPayload(secret, nowSeconds, body)).toBe(`v1=${hex}`);
  });
});
