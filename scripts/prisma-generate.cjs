// Generates the Prisma client after install. Prisma's CLI needs DATABASE_URL to
// be set (to anything) during generate, or it falls back to downloading a native
// engine, which air-gapped machines cannot do.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/baton' };
const prisma = path.join(__dirname, '..', 'node_modules', 'prisma', 'build', 'index.js');
const result = spawnSync(process.execPath, [prisma, 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
