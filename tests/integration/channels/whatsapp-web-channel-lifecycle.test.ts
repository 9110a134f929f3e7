import { Redis } from 'ioredis';
import pino from 'pino';
import {
  readWhatsappWebQr,
  readWhatsappWebStatus,
  type WhatsappWebState,
  whatsappWebKeys,
} from '../../../src/channels/whatsapp-web/session-state-store';
import { WhatsappWebChannel } from '../../../src/channels/whatsapp-web/whatsapp-web.channel';
import type { MediaStore } from '../../../src/core/media/media-store';
import { type FakeInitializeStep, fakeClientFactory } from '../../support/fake-whatsapp-web-client';
import { createRedisNamespace, redisUrl } from '../../support/test-services';

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const startedAt = Date.now();
  while (!(await check())) {
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
let redis: Redis;
const channels: WhatsappWebChannel[] = [];

function setup(steps?: (index: number) => FakeInitializeStep[] | undefined) {
  const keyPrefix = `${namespace.prefix}:${Math.random().toString(36).slice(2)}`;
  const factory = fakeClientFactory(steps);
  const states: WhatsappWebState[] = [];
  const printed: string[] = [];
  const channel = new WhatsappWebChannel({
    redis,
    keyPrefix,
    lock: { ttlMs: 1_000, retryEveryMs: 20 },
    reconnect: { initialDelayMs: 40, maxDelayMs: 160, jitter: 0 },
    clientFactory: factory.create,
    mediaStore: unusedMediaStore,
    onInbound: async () => {},
    logger: pino({ level: 'silent' }),
    printQr: (qr) => printed.push(qr),
    onStatusChange: (status) => states.push(status.state),
  });
  channels.push(channel);
  return { channel, factory, states, printed, keyPrefix };
}

beforeAll(() => {
  redis = new Redis(redisUrl);
});
afterEach(async () => {
  await Promise.all(channels.splice(0).map((c) => c.stop()));
});
afterAll(async () => {
  await namespace.clear();
  redis.disconnect();
});

describe('WhatsappWebChannel lifecycle', () => {
  it('goes standby → starting → authenticated → ready with a saved session, and shares its status', async () => {
    const { channel, states, keyPrefix, factory } = setup();
    expect(channel.status()).toMatchObject({ state: 'off', owner: false });
    await channel.start();
    await waitFor(() => channel.status().state === 'ready');
    expect(states).toEqual(['standby', 'starting', 'authenticated', 'ready']);
    expect(channel.status()).toMatchObject({ state: 'ready', owner: true, reconnectAttempt: 0 });
    expect(Number.isNaN(Date.parse(channel.status().since))).toBe(false);
    expect(factory.clients).toHaveLength(1);
    expect(factory.clients[0]?.initializeCalls).toBe(1);
    await waitFor(async () => (await readWhatsappWebStatus(redis, keyPrefix))?.state === 'ready');
  });

  it('shows the QR while linking is needed (terminal and Redis), and clears it once linked', async () => {
    const { channel, printed, states, keyPrefix, factory } = setup(() => [
      { event: 'qr', qr: '2@first-code' },
      { event: 'qr', qr: '2@second-code' },
    ]);
    await channel.start();
    await waitFor(() => printed.length === 2);
    expect(channel.status().state).toBe('qr_required');
    expect(printed).toEqual(['2@first-code', '2@second-code']);
    await waitFor(async () => (await readWhatsappWebQr(redis, keyPrefix))?.qr === '2@second-code');
    expect(await redis.ttl(whatsappWebKeys(keyPrefix).qr)).toBeGreaterThan(0);
    expect(await redis.ttl(whatsappWebKeys(keyPrefix).qr)).toBeLessThanOrEqual(60);
    expect(states).toEqual(['standby', 'starting', 'qr_required']);

    // The operator scans it: the phone links the device.
    const client = factory.latest();
    client?.emit('authenticated');
    client?.emit('ready');
    await waitFor(() => channel.status().state === 'ready');
    await waitFor(async () => (await readWhatsappWebQr(redis, keyPrefix)) === null);
  });

  it('reconnects after a disconnect with a new client, once the old browser is closed', async () => {
    const { channel, factory, states } = setup();
    await channel.start();
    await waitFor(() => channel.status().state === 'ready');
    const first = factory.clients[0];
    first?.disconnect('NAVIGATION');
    expect(channel.status()).toMatchObject({ state: 'disconnected', lastError: 'disconnected: NAVIGATION' });
    await expect(
      channel.adapter.send({ messageId: 'm', to: '+15551234567', text: 'x', media: [] }),
    ).rejects.toMatchObject({
      permanent: false,
    });
    await waitFor(() => channel.status().state === 'ready' && factory.clients.length === 2);
    expect(first?.destroyed).toBe(true);
    expect(factory.clients[1]?.destroyed).toBe(false);
    expect(channel.status().reconnectAttempt).toBe(0);
    expect(states.slice(-4)).toEqual(['disconnected', 'starting', 'authenticated', 'ready']);
  });

  it('restarts the browser when sends find the session closed while it looks ready', async () => {
    const { channel, factory } = setup();
    await channel.start();
    await waitFor(() => channel.status().state === 'ready');
    factory.clients[0]?.failNextSend('transient');
    const message = { messageId: 'm', to: '+15551234567', text: 'x', media: [] };
    await expect(channel.adapter.send(message)).rejects.toMatchObject({
      permanent: false,
      providerCode: 'session_closed',
    });
    expect(channel.status().state).toBe('disconnected');
    await waitFor(() => channel.status().state === 'ready' && factory.clients.length === 2);
    expect(factory.clients[0]?.destroyed).toBe(true);
    await channel.adapter.send(message);
    expect(factory.clients[1]?.sent).toHaveLength(1);
  });

  it('backs off longer after each failed start, up to the cap', async () => {
    // web.whatsapp.com unreachable four times, then the page loads.
    const { channel, factory } = setup((index) =>
      index < 4 ? [{ fail: 'net::ERR_NAME_NOT_RESOLVED at https://web.whatsapp.com/' }] : undefined,
    );
    await channel.start();
    await waitFor(() => channel.status().state === 'ready', 5_000);
    expect(factory.clients).toHaveLength(5);
    const gaps = factory.createdAt.slice(1).map((t, i) => t - (factory.createdAt[i] as number));
    // 40, 80, 160, 160 (capped) ms of backoff, plus the fake's own step delay.
    expect(gaps[0]).toBeGreaterThanOrEqual(40);
    expect(gaps[1]).toBeGreaterThanOrEqual(80);
    expect(gaps[2]).toBeGreaterThanOrEqual(160);
    expect(gaps[3]).toBeGreaterThanOrEqual(160);
    expect(gaps[3]).toBeLessThan(320);
    expect(factory.clients.slice(0, 4).every((c) => c.destroyed)).toBe(true);
  });

  it('reconnects after an auth failure, recording it', async () => {
    const { channel, factory, states } = setup((index) =>
      index === 0 ? [{ event: 'auth_failure', message: 'session restore failed' }] : undefined,
    );
    await channel.start();
    await waitFor(() => channel.status().state === 'ready' && factory.clients.length === 2);
    expect(states).toContain('auth_failed');
    expect(channel.status().lastError).toBe('authentication failed: session restore failed');
  });

  it('sends through the current client only while ready', async () => {
    const { channel, factory } = setup();
    const message = { messageId: 'm', to: '+15551234567', text: 'Your driver is here', media: [] };
    await expect(channel.adapter.send(message)).rejects.toMatchObject({ permanent: false, providerCode: 'not_ready' });
    await channel.start();
    await waitFor(() => channel.status().state === 'ready');
    const result = await channel.adapter.send(message);
    expect(factory.clients[0]?.sent).toMatchObject([
      { chatId: '15551234567@c.us', text: 'Your driver is here', id: result.providerMessageId },
    ]);
  });

  it('stop() closes the browser, frees the lock and the QR, and turns off', async () => {
    const { channel, factory, keyPrefix } = setup(() => [{ event: 'qr', qr: '2@code' }]);
    await channel.start();
    await waitFor(async () => (await readWhatsappWebQr(redis, keyPrefix)) !== null);
    await channel.stop();
    expect(channel.status()).toMatchObject({ state: 'off', owner: false });
    expect(factory.clients[0]?.destroyed).toBe(true);
    expect(await redis.get(whatsappWebKeys(keyPrefix).lock)).toBeNull();
    expect(await readWhatsappWebQr(redis, keyPrefix)).toBeNull();
    expect(await readWhatsappWebStatus(redis, keyPrefix)).toBeNull();
  });
});
