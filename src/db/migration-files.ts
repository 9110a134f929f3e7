import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MigrationError } from './migration-error';

/** One `prisma/migrations/<name>/migration.sql`. */
export interface MigrationFile {
  name: string;
  script: string;
  checksum: string;
}

/** `prisma/migrations` of this checkout or install (the same from src/db and dist/db). */
export const defaultMigrationsDir = path.resolve(__dirname, '../../prisma/migrations');

/** Prisma's checksum of a migration script: SHA-256 of its text, lowercase hex. */
export function migrationChecksum(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

/**
 * Whether a checksum recorded in `_prisma_migrations` belongs to this script, by
 * Prisma's rules: line endings do not count (git may convert them on checkout),
 * and old Prisma versions wrote the hex digits without zero-padding.
 */
export function checksumMatches(script: string, recorded: string): boolean {
  const variants = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')];
  return variants.some((variant) => {
    const digest = createHash('sha256').update(variant, 'utf8').digest();
    const rendered = recorded.length === 64 ? digest.toString('hex') : [...digest].map((b) => b.toString(16)).join('');
    return rendered === recorded;
  });
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unreadableDir(migrationsDir: string, error: unknown): MigrationError {
  return new MigrationError(
    'migrations_dir_invalid',
    `Cannot read the migrations folder ${migrationsDir} (${(error as Error).message}). ` +
      'Fix: run Baton from a checkout or image that includes prisma/migrations, or pass migrationsDir.',
    undefined,
    { cause: error },
  );
}

/** The migration names in apply order: every subfolder, by name (migration_lock.toml is not one). */
export function listMigrationNames(migrationsDir = defaultMigrationsDir): string[] {
  try {
    return readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort(byName);
  } catch (error) {
    throw unreadableDir(migrationsDir, error);
  }
}

export async function readMigrationFiles(migrationsDir = defaultMigrationsDir): Promise<MigrationFile[]> {
  const names = listMigrationNames(migrationsDir);
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      const script = await readFile(file, 'utf8').catch((error: unknown) => {
        throw new MigrationError(
          'migrations_dir_invalid',
          `Migration "${name}" has no readable migration.sql (${(error as Error).message}). ` +
            `Fix: restore ${file} from git, or delete the folder if it is a leftover.`,
          name,
          { cause: error },
        );
      });
      return { name, script, checksum: migrationChecksum(script) };
    }),
  );
}
