import { Prisma } from '@prisma/client';
import pg from 'pg';
import { DatabaseConnectionError, socketErrorCodes } from './database-unavailable';

/**
 * The raw-SQL half of Prisma's client (`$queryRaw`, `$executeRaw`): what the per-message
 * code needs. Prisma's own client and transaction client satisfy it, and so does `FastSql`.
 */
export interface RawSql {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number>;
}

/** `RawSql` straight on the pg pool, with transactions of its own. */
export interface FastSql extends RawSql {
  /** BEGIN … COMMIT on one pooled connection; ROLLBACK when `work` throws. */
  $transaction<T>(work: (tx: RawSql) => Promise<T>): Promise<T>;
}

/**
 * Raw statements on the pool Prisma's adapter uses, without Prisma's per-call work: every
 * `$queryRaw` goes through Prisma's request pipeline and query interpreter, about 0.4 ms of CPU
 * against 0.1 ms here (bench `orm`, docs/performance.md). For the per-message hot path; the
 * rest of Baton keeps Prisma.
 *
 * Values are read and written as `$queryRaw` does them, so a statement gives the same rows on
 * either: int8 as bigint, `timestamp` (Prisma's columns have no time zone and hold UTC) as a
 * UTC Date, json as parsed values.
 */
export function createFastSql(pool: pg.Pool, options: FastSqlOptions = {}): FastSql {
  const names = options.preparedStatements === false ? null : new StatementNames();
  return {
    ...rawSqlOn(pool, names),
    async $transaction(work) {
      const client = await pool.connect().catch((error: unknown) => {
        throw asConnectionError(error);
      });
      let broken: Error | undefined;
      // A connection that drops between two statements emits 'error' on the checked-out
      // client; unheard, it would end the process. The next statement then fails as well.
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await work(rawSqlOn(client, names));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollback: Error) => {
          // The connection is in an unknown state: the pool must not hand it out again.
          broken = rollback;
        });
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
  };
}

type Queryable = Pick<pg.Pool, 'query'>;

export interface FastSqlOptions {
  /**
   * Named (server-side prepared) statements, parsed and planned once per connection instead of
   * at every call; default on. Off behind a pooler that moves sessions between connections
   * (PgBouncer in transaction mode before 1.21), where a name may not exist on the next one.
   */
  preparedStatements?: boolean;
}

/**
 * A name per distinct statement text, so pg prepares it once per connection. The hot path has a
 * few dozen texts; texts that vary (lists of values spelled out) get no name past the cap, so
 * neither this map nor PostgreSQL's per-connection cache of prepared statements grows unbounded.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly cap = 500) {}

  nameFor(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.names.size >= this.cap) return known;
    const name = `baton_${this.names.size + 1}`;
    this.names.set(text, name);
    return name;
  }
}

function rawSqlOn(target: Queryable, names: StatementNames | null): RawSql {
  const run = async (query: TemplateStringsArray | Prisma.Sql, values: unknown[]) => {
    // A tagged template's strings are an array; a Prisma.sql statement is not.
    const statement = Array.isArray(query)
      ? Prisma.sql(query as TemplateStringsArray, ...values)
      : (query as Prisma.Sql);
    try {
      return await target.query({
        name: names?.nameFor(statement.text),
        text: statement.text,
        values: statement.values.map(toParameter),
        types: prismaLikeTypes,
      });
    } catch (error) {
      throw asConnectionError(error);
    }
  };
  return {
    async $queryRaw<T>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      return (await run(query, values)).rows as T;
    },
    async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) {
      return (await run(query, values)).rowCount ?? 0;
    },
  };
}

/** A refused or dropped socket, named as the database's (pg passes Node's socket error on as is). */
function asConnectionError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && socketErrorCodes.has(code) && !(error as object as { severity?: unknown }).severity
    ? new DatabaseConnectionError(code, { cause: error })
    : error;
}

/** pg sends a Date in the process's local time; Prisma's columns hold UTC wall time. */
export function toParameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toParameter);
  return value;
}

const INT8_OID = 20;
const TIMESTAMP_OID = 1114;
const DATE_OID = 1082;

export const prismaLikeTypes: pg.CustomTypesConfig = {
  // biome-ignore lint/suspicious/noExplicitAny: pg's getTypeParser is overloaded on the format
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): any => {
    if (oid === INT8_OID) return (text: string) => BigInt(text);
    if (oid === TIMESTAMP_OID) return (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
    if (oid === DATE_OID) return (text: string) => new Date(`${text}T00:00:00Z`);
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig['getTypeParser'],
};
