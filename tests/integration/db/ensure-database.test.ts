import { ensureDatabase } from '../../../src/db/migrate';
import { databaseExists, databaseUrl, dropDatabases, scratchDatabaseName } from './scratch-database';

describe('ensureDatabase', () => {
  const created: string[] = [];
  const fresh = (label: string) => {
    const name = scratchDatabaseName(label);
    created.push(name);
    return name;
  };

  afterAll(() => dropDatabases(created));

  it('creates a missing database, then reports it exists', async () => {
    const name = fresh('ensure');
    expect(await databaseExists(name)).toBe(false);

    expect(await ensureDatabase(databaseUrl(name))).toBe(true);
    expect(await databaseExists(name)).toBe(true);
    expect(await ensureDatabase(databaseUrl(name))).toBe(false);
  });

  it('creates the database exactly once when several processes race', async () => {
    const name = fresh('race');
    const results = await Promise.all(Array.from({ length: 4 }, () => ensureDatabase(databaseUrl(name))));

    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await databaseExists(name)).toBe(true);
  });

  it('handles names that need quoting', async () => {
    const name = fresh('Mixed-Case');
    expect(await ensureDatabase(databaseUrl(encodeURIComponent(name)))).toBe(true);
    expect(await databaseExists(name)).toBe(true);
  });

  it('refuses a URL that names no database', async () => {
    await expect(ensureDatabase('postgresql://postgres@127.0.0.1:5432')).rejects.toThrow(/names no database/);
  });
});
