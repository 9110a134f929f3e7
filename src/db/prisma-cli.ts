import { spawn } from 'node:child_process';
import path from 'node:path';
import { defaultDatabaseUrl } from '../config/defaults';
import { applyMigrations, ensureDatabase } from './migrate';

/**
 * Runs Prisma's CLI the way this project needs it (`npm run db:* -- <args>`):
 * prisma.config.ts puts it on the WASM schema engine, which has three gaps the
 * native engine does not, filled here:
 * - it cannot create a missing database, so `migrate dev|deploy|reset` and
 *   `db push` get one first;
 * - `migrate dev` fails with "PostgreSQL shadow DB must be provided through an
 *   external factory" when the database is behind the migrations folder (its
 *   data-loss check rebuilds the migrations' schema without a shadow database
 *   unless the dev diagnostic, which has one, already built it for exactly the
 *   same migrations), so pending migrations are applied before it starts;
 * - the engine lingers after finishing and crashes after `--create-only`, which
 *   scripts/prisma-cli-preload.cjs fixes.
 * DATABASE_URL is always set for the child: `generate` otherwise falls back to
 * downloading a native engine.
 */

const preload = path.resolve(__dirname, '../../scripts/prisma-cli-preload.cjs');

function needsDatabase([command, subcommand]: string[]): boolean {
  if (command === 'migrate') return ['dev', 'deploy', 'reset'].includes(subcommand ?? '');
  return command === 'db' && subcommand === 'push';
}

export interface PrismaCliOptions {
  env?: NodeJS.ProcessEnv;
  /** The project: where prisma.config.ts is, with migrations in prisma/migrations. */
  cwd?: string;
}

/** Runs `prisma <args>` and resolves with its exit code. */
export async function runPrismaCli(args: string[], options: PrismaCliOptions = {}): Promise<number> {
  const { env = process.env, cwd = process.cwd() } = options;
  const databaseUrl = env.DATABASE_URL || defaultDatabaseUrl;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (needsDatabase(args) && (await ensureDatabase(databaseUrl))) log('Created the database.');
  if (args[0] === 'migrate' && args[1] === 'dev') {
    await applyMigrations(databaseUrl, { migrationsDir: path.join(cwd, 'prisma', 'migrations'), log });
  }
  const child = spawn(process.execPath, [require.resolve('prisma/build/index.js'), ...args], {
    cwd,
    stdio: 'inherit',
    env: {
      ...env,
      DATABASE_URL: databaseUrl,
      NODE_OPTIONS: [env.NODE_OPTIONS, `--require ${JSON.stringify(preload)}`].filter(Boolean).join(' '),
    },
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if (require.main === module) {
  runPrismaCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
