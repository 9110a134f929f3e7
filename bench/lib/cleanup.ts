/**
 * What the run must undo however it ends (child processes, the database, Redis keys, fake
 * servers, the scratch directory): undone last-in first-out, each step on its own, so one
 * failing step does not leave the others behind.
 */
export class Cleanup {
  private readonly steps: Array<{ name: string; run: () => Promise<void> | void }> = [];
  private running: Promise<void> | null = null;

  add(name: string, run: () => Promise<void> | void): void {
    this.steps.push({ name, run });
  }

  runAll(log: (line: string) => void): Promise<void> {
    this.running ??= (async () => {
      while (this.steps.length > 0) {
        const step = this.steps.pop();
        if (!step) break;
        try {
          await step.run();
        } catch (error) {
          log(`cleanup: ${step.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })();
    return this.running;
  }
}

/** Ctrl-C / SIGTERM: clean up, then exit 130 / 143. A second signal exits at once. */
export function cleanUpOnSignals(cleanup: Cleanup, log: (line: string) => void): void {
  let interrupted = false;
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.on(signal, () => {
      if (interrupted) process.exit(code);
      interrupted = true;
      log(`\n${signal}: stopping Baton and removing the bench database and Redis keys…`);
      void cleanup.runAll(log).finally(() => process.exit(code));
    });
  }
}
