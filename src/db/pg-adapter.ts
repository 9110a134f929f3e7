import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { clientConfigFromUrl } from './connection-config';
import { connectionTimeoutsFromUrl, poolTimeoutSettings } from './connection-timeouts';

/**
 * The pg driver adapter for Prisma, with three fixes that let Prisma's JS-only
 * path (no native engines) run migrations as well as queries:
 * 1. `char` (OID 18) and `name` (OID 19) columns, which migrate's catalog
 *    queries return, are read as text instead of failing to deserialize;
 * 2. the connection is given as separate fields, because `pg` lets a
 *    `connectionString` override `database` and the shadow database would
 *    otherwise be the main one;
 * 3. the shadow database's pool is closed before the database is dropped.
 */

const TEXT_OID = 25;
const CATALOG_TEXT_OIDS = new Set([18, 19]);

type QueryResultLike = { fields?: Array<{ dataTypeID: number }> };

function readCatalogTypesAsText<T>(result: T): T {
  for (const field of (result as QueryResultLike)?.fields ?? []) {
    if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return result;
}

class CatalogAwareClient extends pg.Client {
  // pg's query() has promise and callback forms (Pool.query uses the callback one).
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has many overloads
  override query(...args: any[]): any {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => last(error, readCatalogTypesAsText(result));
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above
    const result = (super.query as any)(...args);
    return result && typeof result.then === 'function' ? result.then(readCatalogTypesAsText) : result;
  }
}

/**
 * The pool for a DATABASE_URL, with time limits (`connection-timeouts.ts`): without them a
 * network partition hangs every request and job that touches the database.
 */
export function poolConfigFromUrl(databaseUrl: string): pg.PoolConfig {
  return {
    ...clientConfigFromUrl(databaseUrl),
    ...poolTimeoutSettings(connectionTimeoutsFromUrl(databaseUrl)),
    // Let short-lived CLIs exit as soon as their work is done.
    allowExitOnIdle: true,
    Client: CatalogAwareClient,
  };
}

export class MigrationSafePrismaPg extends PrismaPg {
  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadowFactory = new PrismaPg({ ...(this as unknown as { config: pg.PoolConfig }).config, database });
    const shadow = await shadowFactory.connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };
    return shadow;
  }
}

export function createPgAdapter(databaseUrl: string, options: { max?: number } = {}) {
  return new MigrationSafePrismaPg({ ...poolConfigFromUrl(databaseUrl), max: options.max });
}
