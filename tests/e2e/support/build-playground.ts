import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(__dirname, '../../..');

// Vite is ESM-only and jest's module loader cannot import it, so its JS API runs in a child Node.
const buildScript = `
const { build } = await import('vite');
await build({ root: 'playground', logLevel: 'error', build: { outDir: process.argv[1], emptyOutDir: true } });
`;

/**
 * Builds the playground's front-end from the current sources into a fresh temporary folder
 * (never a stale dist/, and parallel runs do not share one) and returns that folder.
 */
export async function buildPlayground(): Promise<string> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'baton-playground-'));
  try {
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', buildScript, '--', outDir], {
      cwd: root,
      timeout: 60_000,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`could not build the playground (vite build playground): ${stderr || String(error)}`);
  }
  return outDir;
}
