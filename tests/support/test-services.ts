import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

/** Real PostgreSQL and Redis on this machine; each test file gets its own database and key prefix. */
export const postgresServerUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';
export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(database: string): string {
  return `${postgresServerUrl}/${database}`;
}

/** The template database is named after the migrations it holds, so a changed migration gets a fresh one. */
export function templateDatabaseName(): string {
  const dir = path.resolve(__dirname, '../../prisma/migrations');
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name, 'migration.sql');
    try {
      hash.update(name).update(readFileSync(file));
    } catch {
      // not a migration folder (migration_lock.toml)
    }
  }
  return `baton_test_tpl_${hash.digest('hex').slice(0, 12)}`;
}

export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database copied from the migrated template (fast: no migrations run per test file). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `baton_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName()}"`));
  return {
    name,
    url: databaseUrl(name),
    drop: () =>
      withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

export interface TestRedisNamespace {
  prefix: string;
  clear(): Promise<void>;
}

export function createRedisNamespace(): TestRedisNamespace {
  const prefix = `baton-test-${randomBytes(4).toString('hex')}`;
  return {
    prefix,
    async clear() {
      const redis = new Redis(redisUrl);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length > 0) await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}
