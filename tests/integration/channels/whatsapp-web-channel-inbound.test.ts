import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { InboundMessage } from '../../../src/channels/channel-adapter';
import { readFailedWhatsappWebInbound } from '../../../src/channels/whatsapp-web/session-state-store';
import { WhatsappWebChannel } from '../../../src/channels/whatsapp-web/whatsapp-web.channel';
import type { MediaStore, StoredMedia } from '../../../src/core/media/media-store';
import { type FakeWhatsappWebClient, fakeClientFactory } from '../../support/fake-whatsapp-web-client';
import { createRedisNamespace, redisUrl } from '../../support/test-services';

/** Keeps saved files in memory and hands out URLs like the real store's. */
class MemoryMediaStore implements MediaStore {
  readonly saved: Array<{ id: string; data: Buffer; contentType: string; filename?: string }> = [];
  async save(data: Buffer, contentType: string, options?: { filename?: string }): Promise<StoredMedia> {
    const id = `media-${this.saved.length + 1}`;
    this.saved.push({ id, data, contentType, filename: options?.filename });
    return { id, contentType, url: `https://baton.test/media/${id}?sig=test` };
  }
}

async function waitFor(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const startedAt = Date.now();
  while (!check()) {
    if (Date.now() - startedAt > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const namespace = createRedisNamespace();
const traveler = '15551234567@c.us';
let redis: Redis;
let channel: WhatsappWebChannel;
let client: FakeWhatsappWebClient;
let mediaStore: MemoryMediaStore;
let received: InboundMessage[];
let failuresLeft: number;
let logLines: string[];
let keyPrefix: string;

beforeAll(() => {
  redis = new Redis(redisUrl);
});
beforeEach(async () => {
  received = [];
  failuresLeft = 0;
  logLines = [];
  mediaStore = new MemoryMediaStore();
  keyPrefix = `${namespace.prefix}:${Math.random().toString(36).slice(2)}`;
  const factory = fakeClientFactory();
  const logSink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  channel = new WhatsappWebChannel({
    redis,
    keyPrefix,
    lock: { ttlMs: 1_000, retryEveryMs: 20 },
    inboundRetry: { attempts: 3, initialDelayMs: 10 },
    clientFactory: factory.create,
    mediaStore,
    onInbound: async (message) => {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new Error('database unavailable');
      }
      received.push(message);
    },
    logger: pino({ level: 'debug' }, logSink),
    printQr: false,
  });
  await channel.start();
  await waitFor(() => channel.status().state === 'ready');
  client = factory.latest() as FakeWhatsappWebClient;
});
afterEach(() => channel.stop());
afterAll(async () => {
  await namespace.clear();
  redis.disconnect();
});

describe('whatsapp-web.js message event → onInbound', () => {
  it('hands over a traveler message as a normalized InboundMessage', async () => {
    const message = client.receive({
      from: traveler,
      body: 'Can I change my flight?',
      notifyName: 'Ana',
      timestamp: 1_767_225_600,
    });
    await channel.drain();
    expect(received).toEqual([
      {
        channel: 'whatsapp_web',
        from: '+15551234567',
        displayName: 'Ana',
        providerMessageId: message.id._serialized,
        text: 'Can I change my flight?',
        media: [],
        receivedAt: '2026-01-01T00:00:00.000Z',
      },
    ]);
  });

  it('downloads media into the media store and passes its URL and type', async () => {
    const photo = Buffer.from('not really a jpeg');
    const message = client.receive({
      from: traveler,
      body: 'my boarding pass',
      media: { mimetype: 'image/jpeg', data: photo.toString('base64'), filename: 'pass.jpg' },
    });
    await channel.drain();
    expect(message.downloadCalls).toBe(1);
    expect(mediaStore.saved).toHaveLength(1);
    expect(mediaStore.saved[0]?.data.equals(photo)).toBe(true);
    expect(mediaStore.saved[0]).toMatchObject({ contentType: 'image/jpeg', filename: 'pass.jpg' });
    expect(received[0]).toMatchObject({
      text: 'my boarding pass',
      media: [{ url: 'https://baton.test/media/media-1?sig=test', contentType: 'image/jpeg' }],
    });
  });

  it('keeps a message whose media WhatsApp no longer has, without the media', async () => {
    client.receive({ from: traveler, body: 'old photo', media: null });
    await channel.drain();
    expect(received).toMatchObject([{ text: 'old photo', media: [] }]);
    expect(mediaStore.saved).toEqual([]);
  });

  it('does not hand over group, status, own or system messages', async () => {
    client.receive({ from: '120363025246125486@g.us', author: traveler, body: 'group chatter' });
    client.receive({ from: 'status@broadcast', author: traveler, body: 'my holiday' });
    client.receive({ from: traveler, fromMe: true, body: 'typed on the phone' });
    client.receive({ from: traveler, type: 'e2e_notification' });
    client.receive({ from: '120363164400000000@newsletter', body: 'channel post' });
    client.receive({ from: traveler, body: 'the only real one' });
    await channel.drain();
    expect(received.map((m) => m.text)).toEqual(['the only real one']);
  });

  it('resolves a privacy-id sender to the phone number when WhatsApp knows it', async () => {
    client.lidToPhone.set('98765432109876@lid', '447700900123@c.us');
    client.receive({ from: '98765432109876@lid', body: 'hidden number' });
    client.receive({ from: '11112222333344@lid', body: 'unknown number' });
    await channel.drain();
    expect(received.map((m) => m.from).sort()).toEqual(['+447700900123', 'lid:11112222333344']);
  });

  it('retries a failing onInbound, so a brief outage loses nothing', async () => {
    failuresLeft = 2;
    client.receive({ from: traveler, body: 'after the outage' });
    await channel.drain();
    expect(received.map((m) => m.text)).toEqual(['after the outage']);
  });

  it('parks the message in Redis when onInbound keeps failing, and keeps running', async () => {
    failuresLeft = 100;
    const message = client.receive({ from: traveler, body: 'during a long outage' });
    await channel.drain();
    expect(received).toEqual([]);
    const parked = await readFailedWhatsappWebInbound(redis, keyPrefix);
    expect(parked).toMatchObject([{ providerMessageId: message.id._serialized, text: 'during a long outage' }]);
    failuresLeft = 0;
    client.receive({ from: traveler, body: 'later' });
    await channel.drain();
    expect(received.map((m) => m.text)).toEqual(['later']);
    expect(channel.status().state).toBe('ready');
  });

  it('never logs the phone number or the message text', async () => {
    failuresLeft = 1;
    client.receive({ from: traveler, body: 'my passport number is X1234567', media: null, notifyName: 'Ana' });
    client.receive({ from: '120363025246125486@g.us', author: traveler, body: 'group secret' });
    await channel.drain();
    const logs = logLines.join('');
    expect(logs).toContain('whatsapp-web message accepted');
    expect(logs).not.toMatch(/5551234567/);
    expect(logs).not.toMatch(/passport|group secret/);
  });
});
