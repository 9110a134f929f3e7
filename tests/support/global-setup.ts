import { randomBytes } from 'node:crypto';
import { applyMigrations } from '../../src/db/migrate';
import { databaseUrl, templateDatabaseName, withAdminClient } from './test-services';

/**
 * Builds the migrated template database once per migration set. It is built
 * under a temporary name and renamed, so concurrent test runs never see a
 * half-migrated template.
 */
export default async function globalSetup(): Promise<void> {
  const template = templateDatabaseName();
  const exists = await withAdminClient(async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    return (found.rowCount ?? 0) > 0;
  });
  if (exists) return;
  const building = `${template}_build_${randomBytes(3).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE "${building}"`));
  await applyMigrations(databaseUrl(building));
  await withAdminClient(async (client) => {
    try {
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    } catch {
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`); // another run won the race
    }
  });
}
