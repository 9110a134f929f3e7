import type pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';

/**
 * pg settings for a DATABASE_URL, as separate fields and never as `connectionString`:
 * pg lets a `connectionString` override `database`, so a config derived from it
 * (the shadow database, the `postgres` maintenance database) would silently point
 * back at the original database. SSL and other URL parameters are kept.
 */
export function clientConfigFromUrl(databaseUrl: string, overrides: pg.ClientConfig = {}): pg.ClientConfig {
  const config: pg.ClientConfig = parseIntoClientConfig(databaseUrl);
  // An absent user or password parses as '', which would stop pg from using PGUSER, PGPASSWORD or ~/.pgpass.
  if (config.user === '') delete config.user;
  if (config.password === '') delete config.password;
  return { ...config, ...overrides };
}

/** The database a URL names; Baton refuses a URL without one rather than guess. */
export function databaseNameFromUrl(databaseUrl: string): string {
  const { database } = parseIntoClientConfig(databaseUrl);
  if (!database) {
    throw new Error(
      'DATABASE_URL names no database. Fix: end it with the database name, e.g. postgresql://postgres@127.0.0.1:5432/baton',
    );
  }
  return database;
}
