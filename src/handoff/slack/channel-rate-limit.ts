import type { Redis } from 'ioredis';

/**
 * Slack allows about one message per second per channel. Every process posts
 * through this gate (one Redis key per channel): it answers 0 when this caller
 * may post now, else how many milliseconds to wait.
 */
export async function acquireChannelSlot(
  redis: Redis,
  keyPrefix: string,
  channel: string,
  intervalMs = 1000,
): Promise<number> {
  const key = `${keyPrefix}:slack:rate:${channel}`;
  const acquired = await redis.set(key, '1', 'PX', intervalMs, 'NX');
  if (acquired === 'OK') return 0;
  const remaining = await redis.pttl(key);
  return remaining > 0 ? remaining : 1;
}
