import { randomBytes } from 'node:crypto';
import { fetchTwilioMedia, twilioMediaMaxBytes } from '../../../src/channels/twilio/twilio-media';
import { BatonError } from '../../../src/core/errors';
import { FakeTwilioServer } from '../../support/fake-twilio-server';

let fake: FakeTwilioServer;
/** A second origin, standing in for the CDN Twilio redirects media to. */
let cdn: FakeTwilioServer;

beforeAll(async () => {
  fake = await FakeTwilioServer.start();
  cdn = await FakeTwilioServer.start();
});
afterEach(() => {
  fake.reset();
  cdn.reset();
});
afterAll(async () => {
  await fake.close();
  await cdn.close();
});

const credentials = () => ({
  accountSid: fake.accountSid,
  authToken: fake.authToken,
  apiUrl: fake.url,
  timeoutMs: 5000,
});
const basicAuth = () => `Basic ${Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64')}`;

async function mediaError(promise: Promise<unknown>): Promise<BatonError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BatonError) return error;
    throw error;
  }
  throw new Error('fetch succeeded');
}

describe('fetchTwilioMedia', () => {
  it('downloads media with the account’s basic auth', async () => {
    const bytes = randomBytes(2048);
    const url = fake.addMedia({ data: bytes, contentType: 'image/jpeg' });
    const media = await fetchTwilioMedia(url, credentials());
    expect(media.contentType).toBe('image/jpeg');
    expect(media.data.equals(bytes)).toBe(true);
    expect(fake.mediaRequests).toEqual([{ path: new URL(url).pathname, authorization: basicAuth(), status: 200 }]);
  });

  it('fails with payload_invalid and names the credentials on a 401', async () => {
    const url = fake.addMedia({ data: 'x', contentType: 'image/png' });
    const error = await mediaError(fetchTwilioMedia(url, { ...credentials(), authToken: 'wrong' }));
    expect(error.code).toBe('payload_invalid');
    expect(error.message).toBe(
      `Twilio media ${url} answered HTTP 401: check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.`,
    );
  });

  it('follows a redirect to another origin without sending it the credentials', async () => {
    const bytes = randomBytes(512);
    const cdnUrl = cdn.addMedia({ data: bytes, contentType: 'application/pdf', auth: false });
    const url = fake.addMedia({ data: '', contentType: 'text/plain', redirectTo: cdnUrl });
    const media = await fetchTwilioMedia(url, credentials());
    expect(media).toEqual({ data: bytes, contentType: 'application/pdf' });
    expect(fake.mediaRequests).toEqual([{ path: new URL(url).pathname, authorization: basicAuth(), status: 307 }]);
    expect(cdn.mediaRequests).toEqual([{ path: new URL(cdnUrl).pathname, authorization: undefined, status: 200 }]);
  });

  it('does not send credentials to an origin that is neither Twilio nor TWILIO_API_URL', async () => {
    const url = cdn.addMedia({ data: 'public', contentType: 'text/plain', auth: false });
    await fetchTwilioMedia(url, credentials());
    expect(cdn.mediaRequests[0]?.authorization).toBeUndefined();
  });

  it('refuses a body whose declared size is over the cap', async () => {
    const url = fake.addMedia({ data: randomBytes(1001), contentType: 'video/mp4' });
    const error = await mediaError(fetchTwilioMedia(url, { ...credentials(), maxBytes: 1000 }));
    expect(error.code).toBe('payload_invalid');
    expect(error.message).toBe(
      `Twilio media ${url} is 1001 bytes, over the 1000-byte limit Baton downloads; the traveler should send a smaller file.`,
    );
  });

  it('refuses a streamed body (no Content-Length) once it passes the cap', async () => {
    const url = fake.addMedia({ data: randomBytes(300_000), contentType: 'video/mp4', chunked: true });
    const error = await mediaError(fetchTwilioMedia(url, { ...credentials(), maxBytes: 100_000 }));
    expect(error.code).toBe('payload_invalid');
    expect(error.message).toMatch(/is more than 100000 bytes, over the 100000-byte limit/);
  });

  it('accepts a body of exactly the cap', async () => {
    const url = fake.addMedia({ data: randomBytes(100_000), contentType: 'video/mp4', chunked: true });
    const media = await fetchTwilioMedia(url, { ...credentials(), maxBytes: 100_000 });
    expect(media.data).toHaveLength(100_000);
  });

  it('caps at 20 MB by default', async () => {
    expect(twilioMediaMaxBytes).toBe(20 * 1024 * 1024);
    const url = fake.addMedia({ data: Buffer.alloc(twilioMediaMaxBytes + 1), contentType: 'video/mp4' });
    const error = await mediaError(fetchTwilioMedia(url, credentials()));
    expect(error.message).toContain(`is ${twilioMediaMaxBytes + 1} bytes, over the ${twilioMediaMaxBytes}-byte limit`);
  });

  it('reports a missing media item (404) as payload_invalid', async () => {
    const url = `${fake.url}/2010-04-01/Accounts/${fake.accountSid}/Messages/MM0/Media/ME0`;
    const error = await mediaError(fetchTwilioMedia(url, credentials()));
    expect(error).toMatchObject({ code: 'payload_invalid', message: `Twilio media ${url} answered HTTP 404.` });
  });

  it('reports a download slower than the timeout as dependency_unavailable', async () => {
    const url = fake.addMedia({ data: 'x', contentType: 'image/png', hang: true });
    const error = await mediaError(fetchTwilioMedia(url, { ...credentials(), timeoutMs: 200 }));
    expect(error).toMatchObject({
      code: 'dependency_unavailable',
      message: `Twilio media ${url} did not arrive within 200 ms.`,
    });
  });

  it('reports an unreachable host as dependency_unavailable (retry later)', async () => {
    const error = await mediaError(fetchTwilioMedia('http://127.0.0.1:9/media', credentials()));
    expect(error.code).toBe('dependency_unavailable');
    expect(error.message).toMatch(/^Twilio media http:\/\/127\.0\.0\.1:9\/media could not be fetched/);
  });
});
