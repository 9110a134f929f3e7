import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { databaseUrl, withAdminClient } from '../../tests/support/test-services';

/** A database of the bench's own (`baton_bench_<random>`), dropped at the end; Baton's `migrate` creates it. */
export function benchDatabase(): { name: string; url: string; drop(): Promise<void> } {
  const name = `baton_bench_${randomBytes(4).toString('hex')}`;
  return {
    name,
    url: databaseUrl(name),
    drop: () =>
      withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

/** Deletes every key under `prefix:` (the bench's fresh REDIS_PREFIX). */
export async function clearRedisPrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Redis's per-command call counts (server-wide: any other client on this Redis is counted too). */
export async function redisCommandCounts(redis: Redis): Promise<Record<string, number>> {
  const info = await redis.info('commandstats');
  const counts: Record<string, number> = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) counts[match[1] as string] = Number(match[2]);
  return counts;
}

export function diffCounts(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const delta: Record<string, number> = {};
  for (const [name, value] of Object.entries(after)) {
    const d = value - (before[name] ?? 0);
    if (d > 0) delta[name] = d;
  }
  return delta;
}
