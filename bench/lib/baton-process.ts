import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sleep, waitFor } from './stats';

/**
 * Baton as production runs it: `node bin/baton.js <role>` on the `npm run build` output
 * (`--runner tsx` runs src/cli/main.ts instead, without building). Each process logs its JSON
 * lines to its own file, so logging costs what it costs in production and nothing in the bench.
 */
export interface BatonLaunch {
  repoRoot: string;
  runner: 'dist' | 'tsx';
  /** Working directory: a scratch directory, so a developer's `.env` or baton.config.yml is not read. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  logDir: string;
  /** Extra node flags (--cpu-prof, --require of the query counter). */
  nodeArgs?: string[];
}

/** `node --import <tsx>`: runs TypeScript in a child whatever its working directory. */
export function tsxImportArgs(): string[] {
  return ['--import', pathToFileURL(require.resolve('tsx')).href];
}

function commandFor(launch: BatonLaunch, args: string[]): string[] {
  const entry =
    launch.runner === 'dist'
      ? [path.join(launch.repoRoot, 'bin', 'baton.js')]
      : [...tsxImportArgs(), path.join(launch.repoRoot, 'src', 'cli', 'main.ts')];
  return [...(launch.nodeArgs ?? []), ...entry, ...args];
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export class BatonProcess {
  private exit: { code: number | null; signal: string | null } | null = null;
  private stopping = false;
  private readonly exited: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve();
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  static start(
    launch: BatonLaunch,
    role: 'web' | 'worker',
    name: string,
    extraEnv: NodeJS.ProcessEnv = {},
  ): BatonProcess {
    const logFile = path.join(launch.logDir, `${name}.log`);
    const fd = openSync(logFile, 'a');
    const child = spawn(process.execPath, commandFor(launch, [role]), {
      cwd: launch.cwd,
      env: { ...launch.env, ...extraEnv },
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    return new BatonProcess(name, child, logFile);
  }

  /** Runs a one-off command (`migrate`) to completion; rejects with the end of its output. */
  static async run(launch: BatonLaunch, args: string[], name: string): Promise<void> {
    const logFile = path.join(launch.logDir, `${name}.log`);
    const fd = openSync(logFile, 'a');
    const child = spawn(process.execPath, commandFor({ ...launch, nodeArgs: [] }, args), {
      cwd: launch.cwd,
      env: launch.env,
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`baton ${args.join(' ')} exited with ${code}:\n${tail(logFile)}`);
  }

  /** Throws (with the end of its log) if the process died without being asked to. */
  assertAlive(): void {
    if (this.exit && !this.stopping) {
      throw new Error(
        `${this.name} (pid ${this.pid}) exited unexpectedly (code ${this.exit.code}, signal ${this.exit.signal}):\n${tail(this.logFile)}`,
      );
    }
  }

  /** Resolves once the process has written a log line containing `text`. */
  async waitForLog(text: string, timeoutMs: number): Promise<void> {
    await waitFor(
      () => {
        this.assertAlive();
        return readFileSync(this.logFile, 'utf8').includes(text) ? true : undefined;
      },
      timeoutMs,
      () => `${this.name} did not log "${text}" within ${timeoutMs} ms:\n${tail(this.logFile)}`,
    );
  }

  /** Resolves once `url` answers 200. */
  async waitForHttp(url: string, timeoutMs: number): Promise<void> {
    await waitFor(
      async () => {
        this.assertAlive();
        const ok = await fetch(url)
          .then((response) => response.ok)
          .catch(() => false);
        return ok ? true : undefined;
      },
      timeoutMs,
      () => `${this.name} did not answer ${url} within ${timeoutMs} ms:\n${tail(this.logFile)}`,
    );
  }

  /** SIGTERM (Baton finishes in-flight work), SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    if (this.exit) return;
    this.child.kill('SIGTERM');
    const finished = await Promise.race([this.exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!finished) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  /** Counts log lines at warn (40) and error (50+) level, by message. */
  logProblems(): { warnings: number; errors: number; messages: Record<string, number> } {
    let warnings = 0;
    let errors = 0;
    const messages: Record<string, number> = {};
    let text = '';
    try {
      text = readFileSync(this.logFile, 'utf8');
    } catch {
      return { warnings, errors, messages };
    }
    for (const line of text.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const entry = JSON.parse(line) as { level?: number; msg?: string };
        if ((entry.level ?? 0) < 40) continue;
        if ((entry.level ?? 0) >= 50) errors += 1;
        else warnings += 1;
        const key = String(entry.msg ?? '').slice(0, 120);
        messages[key] = (messages[key] ?? 0) + 1;
      } catch {
        // not a log line (a stack trace printed by node itself)
      }
    }
    return { warnings, errors, messages };
  }
}
