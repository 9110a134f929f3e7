import { PrismaClient } from '@prisma/client';
import { createPgAdapter } from './pg-adapter';

export type Db = PrismaClient;

/** Prisma on the pg driver adapter: no native engine, one pool per process. */
export function createPrismaClient(databaseUrl: string, options: { poolSize?: number } = {}): Db {
  return new PrismaClient({ adapter: createPgAdapter(databaseUrl, { max: options.poolSize ?? 10 }) });
}
