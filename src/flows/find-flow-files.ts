import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { BatonError } from '../core/errors';

const flowExtensions = new Set(['.yml', '.yaml']);

/**
 * The flow files to run: `source` itself when it is a file, else every .yml/.yaml file under
 * it (subdirectories included), sorted by path so runs are always in the same order.
 */
export function findFlowFiles(source: string): string[] {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(source);
  } catch {
    throw new BatonError(
      'not_found',
      `${source}: no such file or directory. Fix: give a directory of flow files (such as examples/flows) or one flow file.`,
    );
  }
  if (stats.isFile()) return [source];
  const files = readdirSync(source, { recursive: true, encoding: 'utf8' })
    .filter((name) => flowExtensions.has(path.extname(name).toLowerCase()))
    .map((name) => path.join(source, name))
    .filter((file) => statSync(file).isFile())
    .sort();
  if (files.length === 0) {
    throw new BatonError(
      'not_found',
      `${source} holds no flow files (.yml or .yaml). Fix: add some (see docs/flows.md).`,
    );
  }
  return files;
}
