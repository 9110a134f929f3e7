export type MigrationErrorCode =
  | 'migrations_dir_invalid'
  | 'migration_edited'
  | 'migration_failed_earlier'
  | 'migration_failed'
  | 'migration_lock_timeout';

/**
 * Why the migration runner refused or stopped. The message names the migration
 * and the fix; `code` is stable for callers and tests.
 */
export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    readonly migrationName?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}
