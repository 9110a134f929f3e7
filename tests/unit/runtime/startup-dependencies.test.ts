import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * Libraries only some features use are loaded on first use, not when Baton starts: together
 * about 22 MB of heap and 32 MB of RSS in every web and worker process (docs/performance.md).
 */
const loadedOnlyOnUse = ['whatsapp-web.js', 'puppeteer', 'echarts', '@resvg/resvg-js', 'chrono-node'];

function packagesLoadedBy(modulePath: string): string[] {
  const script = `
    require(${JSON.stringify(modulePath)});
    const names = new Set();
    for (const file of Object.keys(require.cache)) {
      const match = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(file);
      if (match) names.add(match[1]);
    }
    process.stdout.write(JSON.stringify([...names]));`;
  const output = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
    cwd: path.resolve(__dirname, '../../..'),
    encoding: 'utf8',
  });
  return JSON.parse(output) as string[];
}

describe('what starting Baton loads', () => {
  it('does not load the libraries of WhatsApp Web, report charts and date reading', () => {
    const loaded = packagesLoadedBy('./src/cli/main.ts');
    expect(loaded).toEqual(expect.arrayContaining(['bullmq', 'pg', '@slack/bolt']));
    expect(loadedOnlyOnUse.filter((name) => loaded.includes(name))).toEqual([]);
  });
});
