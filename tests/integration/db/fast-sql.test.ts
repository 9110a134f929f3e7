import { Prisma } from '@prisma/client';
import { createPrismaClient, type Db } from '../../../src/db/prisma-client';
import { TcpProxy } from '../../support/tcp-proxy';
import { createTestDatabase, postgresServerUrl, type TestDatabase } from '../../support/test-services';

/**
 * `db.fast` must be a drop-in for Prisma's `$queryRaw`/`$executeRaw`: the hot path moves between
 * them, so the same statement has to give the same rows (types included), and its
 * transactions must commit and roll back like Prisma's.
 */
describe('db.fast: raw SQL on the pool, without Prisma', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url, { poolSize: 4 });
    await db.$executeRawUnsafe(`CREATE TABLE fast_probe (
      id bigserial PRIMARY KEY, at timestamp(3) NOT NULL, day date, uid uuid DEFAULT gen_random_uuid(),
      doc jsonb, tags text[], flag boolean, n integer, note text)`);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it('reads every type the hot path uses exactly as $queryRaw does', async () => {
    await db.$executeRaw`INSERT INTO fast_probe (at, day, doc, tags, flag, n, note)
      VALUES (${new Date('2026-03-29T01:30:00.123Z')}, '2026-03-29', ${JSON.stringify({ a: [1, 'é'] })}::jsonb,
              ${['x', 'y']}, true, 7, NULL)`;
    const query = Prisma.sql`SELECT id, at, day, uid::text AS uid, doc, tags, flag, n, note,
      count(*) OVER () AS total, 'pending'::text AS state FROM fast_probe`;
    const viaPrisma = await db.$queryRaw<unknown[]>(query);
    const viaFast = await db.fast.$queryRaw<unknown[]>(query);
    expect(viaFast).toEqual(viaPrisma);
    const [row] = viaFast as Array<Record<string, unknown>>;
    expect(typeof row?.id).toBe('bigint');
    expect(row?.at).toEqual(new Date('2026-03-29T01:30:00.123Z'));
  });

  it('accepts tagged templates and Prisma.sql, and counts affected rows', async () => {
    const tag = `t-${Date.now()}`;
    await db.fast.$executeRaw`INSERT INTO fast_probe (at, note) VALUES (now(), ${tag}), (now(), ${tag})`;
    expect(await db.fast.$executeRaw(Prisma.sql`UPDATE fast_probe SET n = 1 WHERE note = ${tag}`)).toBe(2);
  });

  it('commits a transaction, and rolls it back entirely when its work throws', async () => {
    const kept = `kept-${Date.now()}`;
    const lost = `lost-${Date.now()}`;
    await db.fast.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO fast_probe (at, note) VALUES (now(), ${kept})`;
    });
    await expect(
      db.fast.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO fast_probe (at, note) VALUES (now(), ${lost})`;
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');
    const notes = await db.$queryRaw<Array<{ note: string }>>`
      SELECT note FROM fast_probe WHERE note IN (${kept}, ${lost})`;
    expect(notes.map((row) => row.note)).toEqual([kept]);
  });

  it('isolates a transaction until it commits, on one connection', async () => {
    const note = `isolated-${Date.now()}`;
    let seenOutside: number | undefined;
    await db.fast.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO fast_probe (at, note) VALUES (now(), ${note})`;
      const [outside] = await db.fast.$queryRaw<Array<{ n: bigint }>>`
        SELECT count(*) AS n FROM fast_probe WHERE note = ${note}`;
      seenOutside = Number(outside?.n);
    });
    expect(seenOutside).toBe(0);
    const [after] = await db.fast.$queryRaw<
      Array<{ n: bigint }>
    >`SELECT count(*) AS n FROM fast_probe WHERE note = ${note}`;
    expect(after?.n).toBe(1n);
  });

  it('gives back a clear error for a bad statement and keeps the pool usable', async () => {
    await expect(db.fast.$queryRaw`SELECT * FROM no_such_table`).rejects.toThrow(/no_such_table/);
    for (let i = 0; i < 10; i++) {
      await expect(db.fast.$transaction((tx) => tx.$queryRaw`SELECT 1/0`)).rejects.toThrow(/division by zero/);
    }
    expect(await db.fast.$queryRaw`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
  });

  it('prepares each statement once per connection, and gives the same rows every time', async () => {
    const note = `prepared-${Date.now()}`;
    await db.fast.$executeRaw`INSERT INTO fast_probe (at, note) VALUES (now(), ${note})`;
    const prepared = await db.fast.$transaction(async (tx) => {
      const first = await tx.$queryRaw`SELECT note FROM fast_probe WHERE note = ${note}`;
      const again = await tx.$queryRaw`SELECT note FROM fast_probe WHERE note = ${note}`;
      expect(again).toEqual(first);
      expect(first).toEqual([{ note }]);
      return tx.$queryRaw<Array<{ name: string; statement: string }>>`
        SELECT name, statement FROM pg_prepared_statements WHERE statement LIKE 'SELECT note FROM fast_probe%'`;
    });
    expect(prepared).toEqual([{ name: expect.stringMatching(/^baton_\d+$/), statement: expect.any(String) }]);
  });

  it('prepares nothing behind a transaction pooler (?pgbouncer=true, as for Prisma)', async () => {
    const pooled = createPrismaClient(`${database.url}${database.url.includes('?') ? '&' : '?'}pgbouncer=true`, {
      poolSize: 1,
    });
    try {
      const prepared = await pooled.fast.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT count(*) AS n FROM fast_probe`;
        await tx.$queryRaw`SELECT count(*) AS n FROM fast_probe`;
        return tx.$queryRaw<unknown[]>`SELECT name FROM pg_prepared_statements`;
      });
      expect(prepared).toEqual([]);
    } finally {
      await pooled.$disconnect();
    }
  });

  it('survives the connection dropping in the middle of a transaction: rejected, rolled back, pool still usable', async () => {
    const server = new URL(postgresServerUrl);
    const proxy = await TcpProxy.start({ host: server.hostname, port: Number(server.port || 5432) });
    const viaProxy = createPrismaClient(proxy.url(database.url), { poolSize: 2 });
    const note = `dropped-${Date.now()}`;
    try {
      await expect(
        viaProxy.fast.$transaction(async (tx) => {
          await tx.$executeRaw`INSERT INTO fast_probe (at, note) VALUES (now(), ${note})`;
          proxy.cut(); // every connection dropped while the transaction is open, between statements
          await new Promise((resolve) => setTimeout(resolve, 100));
          await tx.$executeRaw`INSERT INTO fast_probe (at, note) VALUES (now(), ${note})`;
        }),
      ).rejects.toThrow();
      proxy.restore();
      expect(await viaProxy.fast.$queryRaw`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
      expect(await db.fast.$queryRaw`SELECT note FROM fast_probe WHERE note = ${note}`).toEqual([]);
    } finally {
      await viaProxy.$disconnect();
      await proxy.close();
    }
  });
});
