import { MigrationError } from './migration-error';
import { checksumMatches, type MigrationFile } from './migration-files';

/** A row of Prisma's `_prisma_migrations` table, as far as planning needs it. */
export interface MigrationRecord {
  migration_name: string;
  checksum: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

export interface MigrationPlan {
  pending: MigrationFile[];
  /** Applied in the database but absent from the folder (e.g. a newer release ran here). */
  unknown: string[];
}

function firstLine(text: string | null): string {
  return text?.split('\n').find((line) => line.trim() !== '') ?? 'no log recorded';
}

/**
 * Decides what to apply, with Prisma Migrate's reading of the history table: a
 * row is applied when finished and not rolled back, failed when neither; rows
 * marked rolled back (`prisma migrate resolve --rolled-back`) are ignored, so
 * their migration runs again. Refuses a failed migration or an edited one.
 */
export function planMigrations(files: MigrationFile[], history: MigrationRecord[]): MigrationPlan {
  const failed = history.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    const name = failed.migration_name;
    throw new MigrationError(
      'migration_failed_earlier',
      `Migration "${name}" is recorded as failed in _prisma_migrations (started ${failed.started_at.toISOString()}: ` +
        `${firstLine(failed.logs)}). Nothing more is applied until it is resolved. Fix: repair the database by hand, ` +
        `then run \`npx prisma migrate resolve --rolled-back ${name}\` to retry it (or \`--applied ${name}\` if you ` +
        'completed it by hand); on a development database, `npm run db:reset` starts over.',
      name,
    );
  }
  const applied = history.filter((row) => row.finished_at !== null && row.rolled_back_at === null);
  const filesByName = new Map(files.map((file) => [file.name, file]));
  for (const row of applied) {
    const file = filesByName.get(row.migration_name);
    if (file && !checksumMatches(file.script, row.checksum)) {
      throw new MigrationError(
        'migration_edited',
        `Migration "${file.name}" was modified after it was applied: prisma/migrations/${file.name}/migration.sql ` +
          'no longer matches the checksum recorded in _prisma_migrations. Fix: restore the file to what was applied ' +
          `(\`git checkout -- prisma/migrations/${file.name}\`) and put the change in a new migration ` +
          '(`npm run db:migrate:dev -- --name <change>`); on a development database, `npm run db:reset` re-applies everything.',
        file.name,
      );
    }
  }
  const appliedNames = new Set(applied.map((row) => row.migration_name));
  return {
    pending: files.filter((file) => !appliedNames.has(file.name)),
    unknown: [...appliedNames].filter((name) => !filesByName.has(name)),
  };
}
