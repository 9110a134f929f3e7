import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { clientConfigFromUrl, databaseNameFromUrl } from './connection-config';
import { MigrationError } from './migration-error';
import { defaultMigrationsDir, type MigrationFile, readMigrationFiles } from './migration-files';
import { type MigrationRecord, planMigrations } from './migration-plan';

export { MigrationError } from './migration-error';
export { listMigrationNames } from './migration-files';

/**
 * Applies `prisma/migrations` with plain pg, fast enough for every `baton start`
 * and test run (no Prisma CLI, no WASM engine), recording each migration in
 * Prisma's `_prisma_migrations` exactly as `prisma migrate deploy` does, so the
 * Prisma CLI and this runner can take turns on the same database.
 */

/** Prisma Migrate's advisory lock key: holding it keeps this runner and the Prisma CLI from migrating at once. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

// The history table as Prisma's schema engine creates it on PostgreSQL.
const CREATE_HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

const PG_INVALID_CATALOG_NAME = '3D000';
const PG_DUPLICATE_DATABASE = '42P04';
const PG_UNIQUE_VIOLATION = '23505';
const PG_LOCK_NOT_AVAILABLE = '55P03';

export interface ApplyMigrationsOptions {
  migrationsDir?: string;
  log?: (line: string) => void;
  /** How long to wait for another migrator to finish; default 60 s. */
  lockTimeoutMs?: number;
}

function pgCode(error: unknown): string | undefined {
  return (error as { code?: string } | null)?.code;
}

async function databaseExists(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client(clientConfigFromUrl(databaseUrl));
  try {
    await client.connect();
    return true;
  } catch (error) {
    if (pgCode(error) === PG_INVALID_CATALOG_NAME) return false;
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Creates the database DATABASE_URL names if it is missing; returns whether it
 * did. It connects to the database itself first, so a role without access to
 * the `postgres` maintenance database works once the database exists. Two
 * processes may race: the loser sees "already exists" and returns false.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const database = databaseNameFromUrl(databaseUrl);
  if (await databaseExists(databaseUrl)) return false;
  const admin = new pg.Client(clientConfigFromUrl(databaseUrl, { database: 'postgres' }));
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
    return true;
  } catch (error) {
    // A concurrent CREATE DATABASE fails with either code, depending on timing.
    if (pgCode(error) === PG_DUPLICATE_DATABASE || pgCode(error) === PG_UNIQUE_VIOLATION) return false;
    throw error;
  } finally {
    await admin.end();
  }
}

async function acquireMigrateLock(client: pg.Client, timeoutMs: number): Promise<void> {
  // lock_timeout bounds the wait for the advisory lock (a heavyweight lock); it is reset before any migration runs.
  await client.query("SELECT set_config('lock_timeout', $1, false)", [String(Math.max(1, Math.floor(timeoutMs)))]);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
  } catch (error) {
    if (pgCode(error) !== PG_LOCK_NOT_AVAILABLE) throw error;
    throw new MigrationError(
      'migration_lock_timeout',
      `Timed out after ${timeoutMs} ms waiting for the migration lock (pg_advisory_lock(${PRISMA_MIGRATE_LOCK_KEY})): ` +
        'another Baton or `prisma migrate` is migrating this database. Fix: let it finish and start again; ' +
        `find the holder with SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = ${PRISMA_MIGRATE_LOCK_KEY}.`,
      undefined,
      { cause: error },
    );
  } finally {
    await client.query('RESET lock_timeout');
  }
}

/**
 * One migration in one transaction, recorded in the same transaction: it is
 * either applied and recorded, or neither (unless its script commits itself).
 */
async function applyMigration(client: pg.Client, migration: MigrationFile): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.script);
    // started_at is now(), the transaction's start; finished_at is the wall clock at the end.
    await client.query(
      `INSERT INTO _prisma_migrations
         (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw new MigrationError(
      'migration_failed',
      `Migration "${migration.name}" failed and was rolled back, nothing of it is applied or recorded: ` +
        `${(error as Error).message}. Fix: correct prisma/migrations/${migration.name}/migration.sql if it has not ` +
        'been applied anywhere yet (otherwise fix the database), then start again.',
      migration.name,
      { cause: error },
    );
  }
}

export async function applyMigrations(
  databaseUrl: string,
  options: ApplyMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  const migrations = await readMigrationFiles(options.migrationsDir ?? defaultMigrationsDir);
  const client = new pg.Client(clientConfigFromUrl(databaseUrl));
  await client.connect();
  try {
    await acquireMigrateLock(client, options.lockTimeoutMs ?? 60_000);
    try {
      await client.query(CREATE_HISTORY_TABLE);
      const history = await client.query<MigrationRecord>(
        'SELECT migration_name, checksum, started_at, finished_at, rolled_back_at, logs FROM _prisma_migrations ORDER BY started_at',
      );
      const { pending, unknown } = planMigrations(migrations, history.rows);
      if (unknown.length > 0) log(`Applied in the database but not in the migrations folder: ${unknown.join(', ')}`);
      const applied: string[] = [];
      for (const migration of pending) {
        const started = Date.now();
        await applyMigration(client, migration);
        applied.push(migration.name);
        log(`Applied migration ${migration.name} (${Date.now() - started} ms)`);
      }
      if (applied.length === 0) log(`No pending migrations (${migrations.length} applied).`);
      return { applied };
    } finally {
      // Ending the session releases the lock too; this just releases it sooner.
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}
