/** `npm run bench -- [options]`: see bench/README.md. */

/** Where Debian's PostgreSQL puts its socket (the machines of docs/performance.md). */
const PG_SOCKET_DIR = '/var/run/postgresql';
export const sections = ['retrieval', 'baseline', 'orm', 'e2e', 'handoff'] as const;
export type Section = (typeof sections)[number];

export interface BenchOptions {
  quick: boolean;
  runner: 'dist' | 'tsx';
  build: boolean;
  only: ReadonlySet<Section>;
  profile: boolean;
  countQueries: boolean;
  /** Experiment: every PostgreSQL pool in Baton's processes gets this many connections. */
  pgPoolMax: number | null;
  /** Experiment: the folder of PostgreSQL's Unix socket Baton connects through; null: TCP (default). */
  pgSocketDir: string | null;
  keep: boolean;
  travelers: number;
  /** Length of each measured load phase (saturation with 1 and 2 workers, half rate). */
  phaseSeconds: number;
  warmupSeconds: number;
  ackRate: number;
  ackSeconds: number;
  rawJobs: number;
  handoffThreads: number;
  relayRounds: number;
  burstPerThread: number;
  retrievalPasses: number;
  ormCalls: number;
  replyTimeoutMs: number;
  /** The destination guides retrieval is measured on (read in place, never copied). */
  corpusDir: string;
  help: boolean;
}

export const usage = `npm run --silent bench -- [options] > bench.json

  --quick               about 45 s instead of about 2–3 minutes (shorter phases, fewer samples)
  --only <sections>     comma-separated: ${sections.join(', ')} (default: all)
  --runner dist|tsx     dist (default): npm run build (when src/ changed since the last one), then
                        node bin/baton.js web|worker, as npm start;
                        tsx: src/cli/main.ts under tsx, no build
  --no-build            use dist/ as it is (with --runner dist)
  --travelers <n>       closed-loop travelers at saturation (default 64)
  --phase-seconds <s>   length of each measured load phase (default 15, quick 3)
  --ack-rate <n>        webhook rate of the acknowledgement phase, per second (default 500)
  --corpus <dir>        Markdown guides for the retrieval section (default /work/shared/corpus/destinations)
  --profile             node --cpu-prof on Baton's processes; hottest code in the JSON
  --count-queries       count PostgreSQL round trips per message (a --require preload); in the JSON
  --pg-pool-max <n>     experiment: Baton's PostgreSQL pools get n connections instead of 24
                        (through the same preload as --count-queries; src/ is not changed)
  --pg-socket           experiment: Baton reaches PostgreSQL through its Unix socket
                        (${PG_SOCKET_DIR}) instead of TCP
  --keep                keep the scratch directory (logs of Baton's processes, profiles)
  --help

Prints one JSON document on stdout and a readable table on stderr. Exit code 0 whether or not
targets are met; non-zero only when the harness itself fails.`;

function value(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at < 0) return undefined;
  const found = argv[at + 1];
  if (found === undefined || found.startsWith('--')) throw new Error(`${name} needs a value. ${usage}`);
  return found;
}

function positive(argv: string[], name: string, fallback: number): number {
  const raw = value(argv, name);
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return parsed;
}

export function parseOptions(argv: string[]): BenchOptions {
  const known = new Set([
    '--quick',
    '--only',
    '--runner',
    '--no-build',
    '--travelers',
    '--phase-seconds',
    '--ack-rate',
    '--corpus',
    '--profile',
    '--count-queries',
    '--pg-pool-max',
    '--pg-socket',
    '--keep',
    '--help',
  ]);
  for (const arg of argv) {
    if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown option ${arg}\n\n${usage}`);
  }
  const quick = argv.includes('--quick');
  const runner = value(argv, '--runner') ?? 'dist';
  if (runner !== 'dist' && runner !== 'tsx') throw new Error(`--runner must be dist or tsx, not "${runner}"`);
  const onlyRaw = value(argv, '--only');
  const only = new Set<Section>();
  for (const name of onlyRaw ? onlyRaw.split(',') : sections) {
    if (!(sections as readonly string[]).includes(name)) {
      throw new Error(`--only: unknown section "${name}" (sections: ${sections.join(', ')})`);
    }
    only.add(name as Section);
  }
  return {
    quick,
    runner,
    build: runner === 'dist' && !argv.includes('--no-build'),
    only,
    profile: argv.includes('--profile'),
    countQueries: argv.includes('--count-queries'),
    pgPoolMax: value(argv, '--pg-pool-max') === undefined ? null : Math.round(positive(argv, '--pg-pool-max', 10)),
    pgSocketDir: argv.includes('--pg-socket') ? PG_SOCKET_DIR : null,
    keep: argv.includes('--keep'),
    travelers: Math.round(positive(argv, '--travelers', 64)),
    phaseSeconds: positive(argv, '--phase-seconds', quick ? 3 : 15),
    warmupSeconds: quick ? 1.5 : 4,
    ackRate: positive(argv, '--ack-rate', 500),
    ackSeconds: quick ? 1.5 : 5,
    rawJobs: quick ? 2000 : 10_000,
    handoffThreads: quick ? 3 : 8,
    // 25 rounds × 8 threads = 200 replies, so the p99 is not just the slowest of 40.
    relayRounds: quick ? 2 : 25,
    burstPerThread: quick ? 3 : 5,
    retrievalPasses: quick ? 2 : 5,
    ormCalls: quick ? 200 : 1000,
    replyTimeoutMs: 30_000,
    corpusDir: value(argv, '--corpus') ?? '/work/shared/corpus/destinations',
    help: argv.includes('--help'),
  };
}
