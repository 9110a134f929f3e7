import { withAdminClient } from './test-services';

/** Drops test databases left behind by test files that crashed (older than an hour). */
export default async function globalTeardown(): Promise<void> {
  await withAdminClient(async (client) => {
    const stale = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database d
       WHERE datname LIKE 'baton\\_test\\_%' AND datname NOT LIKE 'baton\\_test\\_tpl\\_%'
         AND (pg_stat_file('base/' || d.oid || '/PG_VERSION')).modification < now() - interval '1 hour'`,
    );
    for (const row of stale.rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
  });
}
