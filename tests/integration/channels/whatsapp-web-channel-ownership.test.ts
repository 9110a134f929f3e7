import { Redis } from 'ioredis';
import pino from 'pino';
import { whatsappWebKeys } from '../../../src/channels/whatsapp-web/session-state-store';
import { WhatsappWebChannel } from '../../../src/channels/whatsapp-web/whatsapp-web.channel';
import type { MediaStore } from '../../../src/core/media/media-store';
import { fakeClientFactory } from '../../support/fake-whatsapp-web-client';
import { createRedisNamespace, redisUrl } from '../../support/test-services';

async function waitFor(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const startedAt = Date.now();
  while (!check()) {
    if (Date.now() - startedAt > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const unusedMediaStore: MediaStore = {
  save: async () => {
    throw new Error('no media in these tests');
  },
};

const namespace = createRedisNamespace();
const connections: Redis[] = [];
const channels: WhatsappWebChannel[] = [];
let keyPrefix: string;

/** One Baton process: its own Redis connection, its own browser factory. */
function process_(name: string) {
  const redis = new Redis(redisUrl, { enableOfflineQueue: false });
  connections.push(redis);
  const factory = fakeClientFactory();
  const channel = new WhatsappWebChannel({
    redis,
    keyPrefix,
    lock: { ttlMs: 300, retryEveryMs: 20, token: name },
    reconnect: { initialDelayMs: 20, maxDelayMs: 100, jitter: 0 },
    clientFactory: factory.create,
    mediaStore: unusedMediaStore,
    onInbound: async () => {},
    logger: pino({ level: 'silent' }),
    printQr: false,
  });
  channels.push(channel);
  return { channel, factory, redis };
}

let redis: Redis;
beforeAll(() => {
  redis = new Redis(redisUrl);
});
beforeEach(() => {
  keyPrefix = `${namespace.prefix}:${Math.random().toString(36).slice(2)}`;
});
afterEach(async () => {
  await Promise.all(channels.splice(0).map((c) => c.stop()));
  // A second disconnect() of a closed ioredis connection leaves a 2 s timer behind.
  for (const connection of connections.splice(0)) if (connection.status !== 'end') connection.disconnect();
});
afterAll(async () => {
  await namespace.clear();
  redis.disconnect();
});

describe('one process owns the WhatsApp session', () => {
  it('starts a browser only in the process holding the lock; the other stands by', async () => {
    const a = process_('a');
    const b = process_('b');
    await a.channel.start();
    await waitFor(() => a.channel.status().state === 'ready');
    await b.channel.start();
    await new Promise((resolve) => setTimeout(resolve, 400)); // longer than the lock ttl: renewal keeps it
    expect(a.channel.status()).toMatchObject({ state: 'ready', owner: true });
    expect(b.channel.status()).toMatchObject({ state: 'standby', owner: false });
    expect(b.factory.clients).toEqual([]);
    expect(await redis.get(whatsappWebKeys(keyPrefix).lock)).toBe('a');
  });

  it('hands over when the owner stops: the standby starts its own client', async () => {
    const a = process_('a');
    const b = process_('b');
    await a.channel.start();
    await waitFor(() => a.channel.status().state === 'ready');
    await b.channel.start();
    await a.channel.stop();
    expect(a.factory.clients[0]?.destroyed).toBe(true);
    await waitFor(() => b.channel.status().state === 'ready');
    expect(b.channel.status().owner).toBe(true);
    expect(await redis.get(whatsappWebKeys(keyPrefix).lock)).toBe('b');
  });

  it('takes over when the owner’s lock expires (owner cut off from Redis), and the old owner stops its browser', async () => {
    const a = process_('a');
    const b = process_('b');
    await a.channel.start();
    await waitFor(() => a.channel.status().state === 'ready');
    await b.channel.start();
    const aClient = a.factory.clients[0];

    a.redis.disconnect(); // a can no longer renew: its lock runs out
    await waitFor(() => aClient?.destroyed === true);
    expect(a.channel.status()).toMatchObject({ owner: false, lastError: 'session lock lost (renewal_failed)' });
    expect(a.channel.status().state).not.toBe('ready');
    // The browser was closed before the lock could expire, so two never ran at once.
    expect(b.factory.clients).toEqual([]);

    await waitFor(() => b.channel.status().state === 'ready');
    expect(await redis.get(whatsappWebKeys(keyPrefix).lock)).toBe('b');
    await expect(
      a.channel.adapter.send({ messageId: 'm', to: '+15551234567', text: 'x', media: [] }),
    ).rejects.toMatchObject({
      permanent: false,
      providerCode: 'not_ready',
    });
  });

  it('stops its client at once when another process holds the lock, then stands by', async () => {
    const a = process_('a');
    await a.channel.start();
    await waitFor(() => a.channel.status().state === 'ready');
    await redis.set(whatsappWebKeys(keyPrefix).lock, 'intruder', 'PX', 300);
    await waitFor(() => a.factory.clients[0]?.destroyed === true);
    await waitFor(() => a.channel.status().state === 'standby');
    expect(a.channel.status()).toMatchObject({ owner: false, lastError: 'session lock lost (token_changed)' });
    // Once the intruder's lock lapses, a takes the session back with a fresh client.
    await waitFor(() => a.channel.status().state === 'ready');
    expect(a.factory.clients).toHaveLength(2);
    expect(a.factory.clients[1]?.destroyed).toBe(false);
  });

  it('does not reconnect a disconnected client once the lock is gone', async () => {
    const a = process_('a');
    await a.channel.start();
    await waitFor(() => a.channel.status().state === 'ready');
    await a.channel.stop();
    a.factory.clients[0]?.disconnect('CONFLICT');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(a.factory.clients).toHaveLength(1);
    expect(a.channel.status().state).toBe('off');
  });
});
