import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * `lowerWorkerPriority` changes the priority of the whole process, so each case runs in a
 * child process of its own and reports what the kernel says afterwards.
 */
const root = path.resolve(__dirname, '../../..');

function priorityAfter(niceness: number): { before: number; after: number; logged: string[] } {
  const script = `
    const { getPriority } = require('node:os');
    const { lowerWorkerPriority } = require(${JSON.stringify(path.join(root, 'src/runtime/lower-worker-priority.ts'))});
    const logged = [];
    const logger = { info: (_o, m) => logged.push(m), warn: (_o, m) => logged.push(m) };
    const before = getPriority();
    lowerWorkerPriority(${niceness}, logger);
    process.stdout.write(JSON.stringify({ before, after: getPriority(), logged }));`;
  const out = execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], {
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

describe('lowerWorkerPriority', () => {
  it('lowers the process priority by the niceness asked for, and says so', () => {
    const { before, after, logged } = priorityAfter(10);
    expect(before).toBeLessThan(10);
    expect(after).toBe(10);
    expect(logged.join('\n')).toMatch(/below the web/);
  });

  it('never raises the priority of a process already running lower', () => {
    const script = `
      const os = require('node:os');
      os.setPriority(15);
      const { lowerWorkerPriority } = require(${JSON.stringify(path.join(root, 'src/runtime/lower-worker-priority.ts'))});
      lowerWorkerPriority(10, { info() {}, warn() {} });
      process.stdout.write(String(os.getPriority()));`;
    const out = execFileSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], {
      encoding: 'utf8',
    });
    expect(Number(out)).toBe(15);
  });

  it('leaves the priority alone at 0', () => {
    const { before, after, logged } = priorityAfter(0);
    expect(after).toBe(before);
    expect(logged).toEqual([]);
  });
});
