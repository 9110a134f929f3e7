import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createPrismaClient } from '../../src/db/prisma-client';
import { round } from './stats';

/**
 * What one PostgreSQL statement costs the calling process, three ways, one at a time on one
 * connection (so the figures are per call, not throughput): a Prisma model call, the same
 * statement through Prisma's $queryRaw, and the same statement on a plain pg pool. The
 * difference is what Prisma adds per call: its JSON request, the query compiler (WASM) and the
 * plan interpreter. Baton's worker makes about 40 such calls per message.
 */
export interface CallCost {
  /** Wall time per call (ms), including PostgreSQL's own time. */
  wallMs: number;
  /** CPU of the calling process per call (ms): the client-side cost. */
  cpuMs: number;
}

export interface OrmOverheadResult {
  calls: number;
  read: { prismaModel: CallCost; prismaQueryRaw: CallCost; pg: CallCost };
  write: { prismaModel: CallCost; prismaExecuteRaw: CallCost; pg: CallCost };
}

async function cost(calls: number, call: () => Promise<unknown>): Promise<CallCost> {
  for (let i = 0; i < Math.min(200, calls); i++) await call(); // warm-up (JIT, plans)
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < calls; i++) await call();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs: round(wall / calls, 3), cpuMs: round((cpu.user + cpu.system) / 1000 / calls, 3) };
}

export async function measureOrmOverhead(databaseUrl: string, calls: number): Promise<OrmOverheadResult> {
  const db = createPrismaClient(databaseUrl, { poolSize: 1 });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const [row] = await db.$queryRaw<Array<{ id: string }>>`
      WITH contact AS (
        INSERT INTO "Contact" (channel, address) VALUES ('simulator', 'bench-orm-overhead') RETURNING id
      )
      INSERT INTO "Conversation" ("contactId", channel) SELECT id, 'simulator' FROM contact RETURNING id::text AS id`;
    const id = row?.id as string;
    const readSql = 'SELECT state::text AS state, channel::text AS channel FROM "Conversation" WHERE id = $1::uuid';
    const writeSql = 'UPDATE "Conversation" SET "lastOutboundAt" = now() WHERE id = $1::uuid';
    return {
      calls,
      read: {
        prismaModel: await cost(calls, () =>
          db.conversation.findUnique({ where: { id }, select: { state: true, channel: true } }),
        ),
        prismaQueryRaw: await cost(
          calls,
          () => db.$queryRaw`SELECT state::text AS state, channel::text AS channel FROM "Conversation"
                             WHERE id = ${id}::uuid`,
        ),
        pg: await cost(calls, () => pool.query(readSql, [id])),
      },
      write: {
        prismaModel: await cost(calls, () =>
          db.conversation.update({ where: { id }, data: { lastOutboundAt: new Date() }, select: { id: true } }),
        ),
        prismaExecuteRaw: await cost(
          calls,
          () => db.$executeRaw`UPDATE "Conversation" SET "lastOutboundAt" = now() WHERE id = ${id}::uuid`,
        ),
        pg: await cost(calls, () => pool.query(writeSql, [id])),
      },
    };
  } finally {
    await db.$disconnect();
    await pool.end();
  }
}
