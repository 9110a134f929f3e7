import { setFlagsFromString } from 'node:v8';

/**
 * Lets V8 grow the old generation by 50 % before its next full collection instead of its
 * default (up to about 4× the live heap on a large machine). Baton's worker allocates
 * short-lived garbage that survives database waits and is promoted; with the default, the
 * worker's RSS climbed from ~190 to ~360 MB under the bench load though its live heap stayed
 * about 50 MB. With 50 %: ~260 MB peak, throughput unchanged (docs/performance.md).
 *
 * Not for `baton web`: its live heap is small, its RSS stays well under the worker's, and more
 * frequent full collections there lengthen the tail of webhook acknowledgements (p99 at
 * 500 req/s: 6–8 ms without, 14–19 ms with, in the bench).
 *
 * Imported first by the CLI, before anything allocates much. An operator's own
 * `--heap-growing-percent` (command line or NODE_OPTIONS) wins.
 */
const FLAG = '--heap-growing-percent';

/** The V8 flags to set, given the CLI's arguments, the process's own flags and NODE_OPTIONS. */
export function heapTuningFlags(
  args: readonly string[],
  execArgv: readonly string[],
  nodeOptions: string | undefined,
): string[] {
  const command = args.find((arg) => !arg.startsWith('-'));
  const own = [...execArgv, nodeOptions ?? ''].some((arg) => arg.includes(FLAG));
  return own || command === 'web' ? [] : [`${FLAG}=50`];
}

for (const flag of heapTuningFlags(process.argv.slice(2), process.execArgv, process.env.NODE_OPTIONS)) {
  setFlagsFromString(flag);
}
