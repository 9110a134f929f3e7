import { defineConfig } from 'prisma/config';
import { defaultDatabaseUrl } from './src/config/defaults';
import { createPgAdapter } from './src/db/pg-adapter';

// Prisma's CLI runs on its bundled WASM schema engine through the pg driver
// adapter: no native engine is downloaded, so installs work air-gapped. Run it
// through `npm run db:* -- <args>` (src/db/prisma-cli.ts), which fills the WASM
// engine's gaps; see docs/database.md.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  adapter: async () => createPgAdapter(process.env.DATABASE_URL ?? defaultDatabaseUrl),
});
