import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations, listMigrationNames, MigrationError } from '../../../src/db/migrate';
import { migrationChecksum } from '../../../src/db/migration-files';
import { createDatabase, databaseUrl, dropDatabases, queryDatabase, scratchDatabaseName } from './scratch-database';

const repoMigrationsDir = path.resolve(__dirname, '../../../prisma/migrations');
const migrationNames = listMigrationNames(repoMigrationsDir);

interface HistoryRow {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

async function history(database: string): Promise<HistoryRow[]> {
  return queryDatabase<HistoryRow>(database, 'SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name');
}

async function tablesOf(database: string): Promise<string[]> {
  const rows = await queryDatabase<{ tablename: string }>(
    database,
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return rows.map((row) => row.tablename);
}

async function tablesCreatedByMigrations(): Promise<string[]> {
  const names = new Set<string>(['_prisma_migrations']);
  for (const migration of migrationNames) {
    const sql = await readFile(path.join(repoMigrationsDir, migration, 'migration.sql'), 'utf8');
    for (const match of sql.matchAll(/CREATE TABLE "([^"]+)"/g)) names.add(match[1] as string);
  }
  return [...names].sort();
}

async function rejection(promise: Promise<unknown>): Promise<MigrationError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(MigrationError);
  return error as MigrationError;
}

describe('applyMigrations', () => {
  const databases: string[] = [];
  const scratchDirs: string[] = [];

  async function freshDatabase(label: string): Promise<string> {
    const name = scratchDatabaseName(label);
    databases.push(name);
    await createDatabase(name);
    return name;
  }

  /** A copy of prisma/migrations that a test may change. */
  async function scratchMigrationsDir(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'baton-migrations-'));
    scratchDirs.push(dir);
    await cp(repoMigrationsDir, dir, { recursive: true });
    return dir;
  }

  async function addMigration(dir: string, name: string, sql: string): Promise<void> {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'migration.sql'), sql);
  }

  afterAll(async () => {
    await dropDatabases(databases);
    for (const dir of scratchDirs) await rm(dir, { recursive: true, force: true });
  });

  it('applies every migration to an empty database and records them as Prisma does', async () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    const database = await freshDatabase('apply');
    const lines: string[] = [];

    const { applied } = await applyMigrations(databaseUrl(database), { log: (line) => lines.push(line) });

    expect(applied).toEqual(migrationNames);
    expect(await tablesOf(database)).toEqual(await tablesCreatedByMigrations());
    const rows = await history(database);
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const script = await readFile(path.join(repoMigrationsDir, row.migration_name, 'migration.sql'), 'utf8');
      expect(row.checksum).toBe(migrationChecksum(script));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.finished_at?.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
    }
    expect(lines.some((line) => line.includes(migrationNames[0] as string))).toBe(true);
  });

  it('creates the history table with the columns and types Prisma creates', async () => {
    const database = await freshDatabase('ddl');
    await applyMigrations(databaseUrl(database));

    const columns = await queryDatabase<{ column: string }>(
      database,
      `SELECT concat_ws(' ', column_name, data_type, character_maximum_length, is_nullable, column_default) AS column
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((row) => row.column)).toEqual([
      'id character varying 36 NO',
      'checksum character varying 64 NO',
      'finished_at timestamp with time zone YES',
      'migration_name character varying 255 NO',
      'logs text YES',
      'rolled_back_at timestamp with time zone YES',
      'started_at timestamp with time zone NO now()',
      'applied_steps_count integer NO 0',
    ]);
    const primaryKey = await queryDatabase(
      database,
      `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
       WHERE i.indrelid = '_prisma_migrations'::regclass AND i.indisprimary`,
    );
    expect(primaryKey).toEqual([{ attname: 'id' }]);
  });

  it('is a no-op the second time', async () => {
    const database = await freshDatabase('again');
    await applyMigrations(databaseUrl(database));
    const before = await history(database);

    const { applied } = await applyMigrations(databaseUrl(database));

    expect(applied).toEqual([]);
    expect(await history(database)).toEqual(before);
  });

  it('applies once when two starters run at the same time', async () => {
    const database = await freshDatabase('concurrent');

    const [first, second] = await Promise.all([
      applyMigrations(databaseUrl(database)),
      applyMigrations(databaseUrl(database)),
    ]);

    expect([...first.applied, ...second.applied]).toEqual(migrationNames);
    expect([first.applied.length, second.applied.length].sort()).toEqual([0, migrationNames.length]);
    expect((await history(database)).map((row) => row.migration_name)).toEqual(migrationNames);
  });

  it('applies only the migrations added since the last run, in name order', async () => {
    const database = await freshDatabase('later');
    const dir = await scratchMigrationsDir();
    await applyMigrations(databaseUrl(database), { migrationsDir: dir });
    await addMigration(dir, '29990102000000_second', 'ALTER TABLE "Probe" ADD COLUMN "note" TEXT;');
    await addMigration(dir, '29990101000000_first', 'CREATE TABLE "Probe" ("id" INTEGER PRIMARY KEY);');

    const { applied } = await applyMigrations(databaseUrl(database), { migrationsDir: dir });

    expect(applied).toEqual(['29990101000000_first', '29990102000000_second']);
    expect(await queryDatabase(database, 'INSERT INTO "Probe" VALUES (1, $1) RETURNING note', ['ok'])).toEqual([
      { note: 'ok' },
    ]);
  });

  it('refuses a migration whose recorded checksum differs from the file', async () => {
    const database = await freshDatabase('tampered');
    await applyMigrations(databaseUrl(database));
    const target = migrationNames[0] as string;
    await queryDatabase(database, 'UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = $2', [
      'f'.repeat(64),
      target,
    ]);

    const error = await rejection(applyMigrations(databaseUrl(database)));

    expect(error.code).toBe('migration_edited');
    expect(error.migrationName).toBe(target);
    expect(error.message).toContain(`Migration "${target}" was modified after it was applied`);
    expect(error.message).toContain('Fix:');
  });

  it('refuses a migration file edited after it was applied, but not one whose line endings changed', async () => {
    const database = await freshDatabase('edited');
    const dir = await scratchMigrationsDir();
    await addMigration(dir, '29990101000000_probe', 'CREATE TABLE "Probe" ("id" INTEGER PRIMARY KEY);\n');
    await applyMigrations(databaseUrl(database), { migrationsDir: dir });
    const file = path.join(dir, '29990101000000_probe', 'migration.sql');

    await writeFile(file, 'CREATE TABLE "Probe" ("id" INTEGER PRIMARY KEY);\r\n');
    expect((await applyMigrations(databaseUrl(database), { migrationsDir: dir })).applied).toEqual([]);

    await writeFile(file, 'CREATE TABLE "Probe" ("id" BIGINT PRIMARY KEY);\n');
    const error = await rejection(applyMigrations(databaseUrl(database), { migrationsDir: dir }));
    expect(error.code).toBe('migration_edited');
    expect(error.message).toContain('"29990101000000_probe"');
  });

  it('refuses to go on past a migration recorded as failed', async () => {
    const database = await freshDatabase('failed');
    await applyMigrations(databaseUrl(database));
    const target = migrationNames[migrationNames.length - 1] as string;
    await queryDatabase(
      database,
      "UPDATE _prisma_migrations SET finished_at = NULL, logs = 'ERROR: boom' WHERE migration_name = $1",
      [target],
    );

    const error = await rejection(applyMigrations(databaseUrl(database)));

    expect(error.code).toBe('migration_failed_earlier');
    expect(error.message).toContain(`Migration "${target}" is recorded as failed`);
    expect(error.message).toContain('ERROR: boom');
    expect(error.message).toContain(`prisma migrate resolve --rolled-back ${target}`);
  });

  it('re-applies a migration marked rolled back', async () => {
    const database = await freshDatabase('rolledback');
    const dir = await scratchMigrationsDir();
    await addMigration(dir, '29990101000000_probe', 'CREATE TABLE "Probe" ("id" INTEGER PRIMARY KEY);');
    await applyMigrations(databaseUrl(database), { migrationsDir: dir });
    await queryDatabase(database, 'DROP TABLE "Probe"');
    await queryDatabase(
      database,
      "UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '29990101000000_probe'",
    );

    const { applied } = await applyMigrations(databaseUrl(database), { migrationsDir: dir });

    expect(applied).toEqual(['29990101000000_probe']);
    const rows = (await history(database)).filter((row) => row.migration_name === '29990101000000_probe');
    expect(rows.map((row) => row.rolled_back_at === null)).toEqual([false, true]);
  });

  it('rolls back a failing migration completely and records nothing for it', async () => {
    const database = await freshDatabase('broken');
    const dir = await scratchMigrationsDir();
    await addMigration(dir, '29990101000000_broken', 'CREATE TABLE "Probe" ("id" INTEGER);\nSELECT * FROM "Missing";');

    const error = await rejection(applyMigrations(databaseUrl(database), { migrationsDir: dir }));

    expect(error.code).toBe('migration_failed');
    expect(error.message).toContain('Migration "29990101000000_broken" failed and was rolled back');
    expect(error.message).toContain('relation "Missing" does not exist');
    expect(await tablesOf(database)).not.toContain('Probe');
    expect((await history(database)).map((row) => row.migration_name)).toEqual(migrationNames);
  });

  it('waits for the migration lock and gives up with a clear message', async () => {
    const database = await freshDatabase('locked');
    const holder = new pg.Client({ connectionString: databaseUrl(database) });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(72707369)');

      const error = await rejection(applyMigrations(databaseUrl(database), { lockTimeoutMs: 300 }));

      expect(error.code).toBe('migration_lock_timeout');
      expect(error.message).toContain('another Baton or `prisma migrate` is migrating this database');
    } finally {
      await holder.end();
    }
    expect((await applyMigrations(databaseUrl(database))).applied).toEqual(migrationNames);
  });

  it('names the folder when the migrations folder is missing', async () => {
    const error = await rejection(
      applyMigrations(databaseUrl('postgres'), { migrationsDir: path.join(tmpdir(), 'baton-no-such-dir') }),
    );
    expect(error.code).toBe('migrations_dir_invalid');
    expect(error.message).toContain('baton-no-such-dir');
  });
});
