import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Throwaway databases on the local server, one per test; named baton_test_* so stale ones get swept. */
export const postgresServerUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432';

export function scratchDatabaseName(label: string): string {
  return `baton_test_db_${label}_${randomBytes(4).toString('hex')}`;
}

export function databaseUrl(database: string): string {
  return `${postgresServerUrl}/${database}`;
}

export async function queryDatabase<T extends pg.QueryResultRow = pg.QueryResultRow>(
  database: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function databaseExists(database: string): Promise<boolean> {
  const rows = await queryDatabase('postgres', 'SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  return rows.length > 0;
}

export async function createDatabase(database: string): Promise<void> {
  await queryDatabase('postgres', `CREATE DATABASE ${pg.escapeIdentifier(database)}`);
}

export async function dropDatabases(databases: string[]): Promise<void> {
  for (const database of databases) {
    await queryDatabase('postgres', `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
  }
}
