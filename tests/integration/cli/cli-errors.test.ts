import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '../../..');

/** Runs the CLI from its sources, with only the given variables (plus PATH) in the environment. */
function baton(args: string[], env: Record<string, string>) {
  const result = spawnSync(
    process.execPath,
    ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(root, 'src/cli/main.ts'), ...args],
    {
      cwd: mkdtempSync(path.join(tmpdir(), 'baton-cli-')),
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      timeout: 20_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the baton CLI on bad configuration', () => {
  it('exits 1 naming a bad variable and its fix, never echoing a secret', () => {
    const run = baton(['start'], { PORT: 'abc', TWILIO_AUTH_TOKEN: 'super-secret-token' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT: "abc" is not a port number');
    expect(run.stderr).toContain('Fix:');
    expect(run.stderr).not.toContain('super-secret-token');
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/); // a clear message, not a stack trace
  });

  it('exits 1 pointing at the YAML path of a config problem', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'baton-config-'));
    const file = path.join(dir, 'baton.config.yml');
    writeFileSync(file, 'rules:\n  - id: broken\n    when:\n      regex: "("\n    then:\n      addTag: urgent\n');
    const run = baton(['start'], { BATON_CONFIG: file });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/rules\[0\]\.when\.regex: invalid regular expression/);
  });

  it('doctor reports an unreachable Redis and exits 1', () => {
    const run = baton(['doctor'], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/✖ Redis: redis:\/\/127\.0\.0\.1:1.*Fix: start Redis or set REDIS_URL/);
  });
});
