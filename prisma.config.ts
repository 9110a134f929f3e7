import { defineConfig } from 'prisma/config';
import { createPgAdapter } from './src/db/pg-adapter';
import { defaultDatabaseUrl } from './src/config/defaults';

// Prisma's CLI runs on its bundled WASM schema engine through the pg driver
// adapter: no native engine is downloaded, so installs work air-gapped.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  adapter: async () => createPgAdapter(process.env.DATABASE_URL ?? defaultDatabaseUrl),
});
