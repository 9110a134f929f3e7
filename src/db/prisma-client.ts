import { PrismaClient } from '@prisma/client';
import pg from 'pg';
import { createFastSql, type FastSql } from './fast-sql';
import { MigrationSafePrismaPg, poolConfigFromUrl } from './pg-adapter';

/** Prisma, plus `fast`: raw SQL on the same pool without Prisma's per-call cost (`fast-sql.ts`). */
export type Db = PrismaClient & { readonly fast: FastSql };

/** Prisma on the pg driver adapter: no native engine, one pool per process, shared with `fast`. */
export function createPrismaClient(databaseUrl: string, options: { poolSize?: number } = {}): Db {
  const pool = new pg.Pool({ ...poolConfigFromUrl(databaseUrl), max: options.poolSize ?? 10 });
  // An idle connection that drops (PostgreSQL restarted) is removed by the pool and the next
  // query opens a new one; unheard, pg's 'error' event would end the process. Prisma's adapter
  // adds its own listener only once Prisma itself first connects.
  pool.on('error', () => {});
  // The adapter ends the pool on $disconnect, as it does its own.
  const client = new PrismaClient({ adapter: new MigrationSafePrismaPg(pool, { disposeExternalPool: true }) });
  return Object.assign(client, {
    fast: createFastSql(pool, { preparedStatements: !behindTransactionPooler(databaseUrl) }),
  });
}

/**
 * Prisma's own DATABASE_URL switch for PgBouncer in transaction mode (`?pgbouncer=true`): each
 * transaction may land on another server connection, where a prepared statement does not exist.
 */
export function behindTransactionPooler(databaseUrl: string): boolean {
  try {
    return new URL(databaseUrl).searchParams.get('pgbouncer')?.trim().toLowerCase() === 'true';
  } catch {
    return false; // not a URL (a socket path): pg reports it where it matters
  }
}
