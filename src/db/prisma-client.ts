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
  return Object.assign(client, { fast: createFastSql(pool) });
}
