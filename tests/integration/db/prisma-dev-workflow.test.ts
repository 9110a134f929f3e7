import { spawn } from 'node:child_process';
import { appendFile, cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { databaseUrl, dropDatabases, queryDatabase, scratchDatabaseName } from './scratch-database';

/**
 * The developer workflow through src/db/prisma-cli.ts (npm run db:*), on a scratch copy of
 * the project's prisma folder and config, so the real schema and migrations stay untouched.
 */

const projectRoot = path.resolve(__dirname, '../../..');
const wrapper = path.join(projectRoot, 'src', 'db', 'prisma-cli.ts');
const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');

interface CliResult {
  code: number | null;
  output: string;
  seconds: number;
}

describe('Prisma CLI developer workflow', () => {
  const database = scratchDatabaseName('workflow');
  let project: string;

  function prisma(...args: string[]): Promise<CliResult> {
    const started = Date.now();
    const child = spawn(tsx, [wrapper, ...args], {
      cwd: project,
      env: { ...process.env, DATABASE_URL: databaseUrl(database), CHECKPOINT_DISABLE: '1' },
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
      child.on('close', (code) => resolve({ code, output, seconds: (Date.now() - started) / 1000 }));
    });
  }

  async function migrationNames(): Promise<string[]> {
    const entries = await readdir(path.join(project, 'prisma', 'migrations'), { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  }

  beforeAll(async () => {
    project = await mkdtemp(path.join(tmpdir(), 'baton-prisma-'));
    await cp(path.join(projectRoot, 'prisma'), path.join(project, 'prisma'), { recursive: true });
    await symlink(path.join(projectRoot, 'node_modules'), path.join(project, 'node_modules'));
    const config = await readFile(path.join(projectRoot, 'prisma.config.ts'), 'utf8');
    await writeFile(path.join(project, 'prisma.config.ts'), config.replaceAll("'./src/", `'${projectRoot}/src/`));
    const schemaFile = path.join(project, 'prisma', 'schema.prisma');
    const schema = await readFile(schemaFile, 'utf8');
    // Keep any client generated from this schema out of the shared node_modules.
    await writeFile(schemaFile, schema.replace(/generator client \{/, 'generator client {\n  output = "../generated"'));
    await appendFile(
      schemaFile,
      '\nmodel WorkflowProbe {\n  id   Int    @id @default(autoincrement())\n  note String\n}\n',
    );
  });

  afterAll(async () => {
    await dropDatabases([database]);
    await rm(project, { recursive: true, force: true });
  });

  it('creates a migration from a schema change on a database that does not exist yet', async () => {
    const before = await migrationNames();

    const result = await prisma('migrate', 'dev', '--create-only', '--name', 'workflow_probe', '--skip-generate');

    expect(result.output).toContain('created the following migration without applying it');
    expect(result.output).not.toContain('null pointer passed to rust');
    expect(result.code).toBe(0);
    const created = (await migrationNames()).filter((name) => !before.includes(name));
    expect(created).toEqual([expect.stringMatching(/^\d{14}_workflow_probe$/)]);
    const sql = await readFile(
      path.join(project, 'prisma', 'migrations', created[0] as string, 'migration.sql'),
      'utf8',
    );
    expect(sql).toContain('CREATE TABLE "WorkflowProbe"');
  }, 60_000);

  it('applies it with migrate dev, which exits promptly', async () => {
    const result = await prisma('migrate', 'dev', '--name', 'nothing_more', '--skip-generate');

    expect(result.output).not.toContain('shadow DB must be provided');
    expect(result.code).toBe(0);
    expect(await queryDatabase(database, 'SELECT count(*)::int AS n FROM "WorkflowProbe"')).toEqual([{ n: 0 }]);
    // Without scripts/prisma-cli-preload.cjs the engine's timers keep the CLI alive for 10 s or more.
    expect(result.seconds).toBeLessThan(8);
  }, 60_000);

  it('reports the database up to date, and resets it', async () => {
    const status = await prisma('migrate', 'status');
    expect(status.output).toContain('Database schema is up to date!');
    expect(status.code).toBe(0);

    await queryDatabase(database, `INSERT INTO "WorkflowProbe" (note) VALUES ('gone after reset')`);
    const reset = await prisma('migrate', 'reset', '--force', '--skip-generate');
    expect(reset.code).toBe(0);
    expect(await queryDatabase(database, 'SELECT count(*)::int AS n FROM "WorkflowProbe"')).toEqual([{ n: 0 }]);
  }, 60_000);
});
