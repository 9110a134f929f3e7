import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { SessionLock, type SessionLockLossReason } from '../../../src/channels/whatsapp-web/session-lock';
import { createRedisNamespace, redisUrl } from '../../support/test-services';

const namespace = createRedisNamespace();
let redis: Redis;
let key: string;
const locks: SessionLock[] = [];

function lock(options: { ttlMs?: number; onLost?: (reason: SessionLockLossReason) => void } = {}): SessionLock {
  const created = new SessionLock({ redis, key, ttlMs: options.ttlMs ?? 300, onLost: options.onLost });
  locks.push(created);
  return created;
}

beforeAll(() => {
  redis = new Redis(redisUrl);
});
beforeEach(() => {
  key = `${namespace.prefix}:lock:${Math.random().toString(36).slice(2)}`;
});
afterEach(async () => {
  await Promise.all(locks.splice(0).map((l) => l.release().catch(() => {})));
});
afterAll(async () => {
  await namespace.clear();
  redis.disconnect();
});

describe('SessionLock on real Redis', () => {
  it('has one owner at a time; the token in Redis is the owner token', async () => {
    const a = lock();
    const b = lock();
    expect(await a.tryAcquire()).toBe(true);
    expect(await b.tryAcquire()).toBe(false);
    expect(a.held).toBe(true);
    expect(b.held).toBe(false);
    expect(await redis.get(key)).toBe(a.token);
    expect(await redis.pttl(key)).toBeGreaterThan(0);
  });

  it('keeps the lock past its ttl while renewing', async () => {
    const a = lock({ ttlMs: 300 });
    await a.tryAcquire();
    await sleep(900);
    expect(await redis.get(key)).toBe(a.token);
    expect(await lock().tryAcquire()).toBe(false);
  });

  it('lets another process in once released, and release never deletes someone else’s lock', async () => {
    const a = lock();
    const b = lock();
    await a.tryAcquire();
    await a.release();
    expect(a.held).toBe(false);
    expect(await b.tryAcquire()).toBe(true);
    await a.release(); // a no longer holds it: b's lock stays
    expect(await redis.get(key)).toBe(b.token);
  });

  it('reports the loss when the token in Redis changes, and stops renewing', async () => {
    const lost: SessionLockLossReason[] = [];
    const a = lock({ ttlMs: 300, onLost: (reason) => lost.push(reason) });
    await a.tryAcquire();
    await redis.set(key, 'someone-else', 'PX', 10_000);
    await sleep(250);
    expect(lost).toEqual(['token_changed']);
    expect(a.held).toBe(false);
    expect(await redis.get(key)).toBe('someone-else');
  });

  it('reports the loss when the lock expired (the key is gone)', async () => {
    const lost: SessionLockLossReason[] = [];
    const a = lock({ ttlMs: 300, onLost: (reason) => lost.push(reason) });
    await a.tryAcquire();
    await redis.del(key);
    await sleep(250);
    expect(lost).toEqual(['token_changed']);
  });

  it('gives the lock up before it can expire when Redis stops answering', async () => {
    const broken = new Redis(redisUrl, { lazyConnect: true, enableOfflineQueue: false });
    const lost: SessionLockLossReason[] = [];
    const a = new SessionLock({ redis: broken, key, ttlMs: 600, onLost: (reason) => lost.push(reason) });
    await broken.connect();
    expect(await a.tryAcquire()).toBe(true);
    broken.disconnect(); // every renewal now fails
    const startedAt = Date.now();
    while (lost.length === 0 && Date.now() - startedAt < 2_000) await sleep(10);
    expect(lost).toEqual(['renewal_failed']);
    // Given up before the ttl ran out, so no other process could have owned it meanwhile.
    expect(Date.now() - startedAt).toBeLessThan(600);
    expect(a.held).toBe(false);
  });

  it('acquireWhenFree stands by until the owner releases, and stops when aborted', async () => {
    const a = lock();
    const b = lock();
    await a.tryAcquire();
    const standby = new AbortController();
    const waiting = b.acquireWhenFree({ signal: standby.signal, retryEveryMs: 20 });
    await sleep(100);
    expect(b.held).toBe(false);
    await a.release();
    await expect(waiting).resolves.toBe(true);
    expect(await redis.get(key)).toBe(b.token);

    const c = lock();
    const aborted = new AbortController();
    const never = c.acquireWhenFree({ signal: aborted.signal, retryEveryMs: 20 });
    aborted.abort();
    await expect(never).resolves.toBe(false);
    expect(c.held).toBe(false);
  });

  it('takes over when the owner dies without releasing (its lock expires)', async () => {
    // A crashed owner leaves its token behind and renews no more.
    await redis.set(key, 'crashed-process', 'PX', 200);
    const b = lock();
    const standby = new AbortController();
    const startedAt = Date.now();
    await expect(b.acquireWhenFree({ signal: standby.signal, retryEveryMs: 20 })).resolves.toBe(true);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(150);
    expect(await redis.get(key)).toBe(b.token);
  });
});
