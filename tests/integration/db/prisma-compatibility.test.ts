import { spawn } from 'node:child_process';
import path from 'node:path';
import { applyMigrations, listMigrationNames } from '../../../src/db/migrate';
import { createDatabase, databaseUrl, dropDatabases, queryDatabase, scratchDatabaseName } from './scratch-database';

/** The runner and Prisma's own CLI must read each other's `_prisma_migrations` rows. */

const projectRoot = path.resolve(__dirname, '../../..');
const preload = path.join(projectRoot, 'scripts', 'prisma-cli-preload.cjs');

interface CliResult {
  code: number | null;
  output: string;
}

function prisma(args: string[], database: string): Promise<CliResult> {
  const child = spawn(process.execPath, [require.resolve('prisma/build/index.js'), ...args], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl(database),
      NODE_OPTIONS: `--require ${JSON.stringify(preload)}`,
      CHECKPOINT_DISABLE: '1',
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('compatibility with the Prisma CLI', () => {
  const databases: string[] = [];

  async function freshDatabase(label: string): Promise<string> {
    const name = scratchDatabaseName(label);
    databases.push(name);
    await createDatabase(name);
    return name;
  }

  afterAll(() => dropDatabases(databases));

  it('prisma migrate status reports pending migrations before the runner, and up to date after', async () => {
    const database = await freshDatabase('status');

    const before = await prisma(['migrate', 'status'], database);
    expect(before.code).not.toBe(0);
    expect(before.output).toContain('have not yet been applied');

    await applyMigrations(databaseUrl(database));

    const after = await prisma(['migrate', 'status'], database);
    expect(after.output).toContain('Database schema is up to date!');
    expect(after.code).toBe(0);
  }, 60_000);

  it('prisma migrate deploy applies nothing after the runner', async () => {
    const database = await freshDatabase('deploy');
    await applyMigrations(databaseUrl(database));
    const rowsBefore = await queryDatabase(database, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');

    const deploy = await prisma(['migrate', 'deploy'], database);

    expect(deploy.output).toContain('No pending migrations to apply.');
    expect(deploy.code).toBe(0);
    expect(await queryDatabase(database, 'SELECT * FROM _prisma_migrations ORDER BY migration_name')).toEqual(
      rowsBefore,
    );
  }, 60_000);

  it('the runner accepts what prisma migrate deploy recorded', async () => {
    const database = await freshDatabase('prismafirst');

    const deploy = await prisma(['migrate', 'deploy'], database);
    expect(deploy.code).toBe(0);
    expect(await queryDatabase(database, 'SELECT migration_name FROM _prisma_migrations')).toHaveLength(
      listMigrationNames().length,
    );

    expect(await applyMigrations(databaseUrl(database))).toEqual({ applied: [] });
  }, 60_000);
});
