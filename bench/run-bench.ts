/**
 * `npm run bench` (issue #8): Baton's performance next to its targets, as one JSON document on
 * stdout and a table on stderr. See bench/README.md for what is measured and how; the figures
 * of a reference run and what limits them are in docs/performance.md.
 *
 *   npm run --silent bench -- [--quick] [--only e2e,handoff,baseline,retrieval] [--profile] > bench.json
 *
 * Exit code 0 whether or not the targets are met (it reports; it is not a test); 1 when the
 * harness itself fails. Child processes, the bench database and Redis keys are removed however
 * the run ends, Ctrl-C included.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { redisUrl, withAdminClient } from '../tests/support/test-services';
import { runBatonScenario, type ScenarioReport } from './lib/baton-scenario';
import { Cleanup, cleanUpOnSignals } from './lib/cleanup';
import { describeMachine } from './lib/machine';
import { type BenchOptions, parseOptions, type Section, usage } from './lib/options';
import { machineBusyPercent, ProcSampler } from './lib/proc-sampler';
import { renderTable } from './lib/report-table';
import { loadCorpus, loadQuestions, measureRetrieval, type RetrievalResult } from './lib/retrieval';
import { clearRedisPrefix } from './lib/services';
import { evaluateTargets } from './lib/targets';
import { measureTwoHop, type TwoHopResult } from './lib/two-hop-baseline';

const repoRoot = path.resolve(__dirname, '..');
const benchStart = Date.now();
/** Progress on stderr, each line with the seconds since the start. */
const log = (line: string) =>
  process.stderr.write(
    line.startsWith('\n') ? `${line}\n` : `[${((Date.now() - benchStart) / 1000).toFixed(1)} s] ${line}\n`,
  );

async function serviceVersions(): Promise<{ postgres: string; redis: string }> {
  const postgres = await withAdminClient(async (client) => {
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return result.rows[0]?.server_version ?? 'unknown';
  });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const info = await redis.info('server');
    return { postgres, redis: /^redis_version:(.+)$/m.exec(info)?.[1]?.trim() ?? 'unknown' };
  } finally {
    redis.disconnect();
  }
}

/** Newest modification time under `dir` (ms), 0 when it does not exist. */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** npm run build, unless dist/ is newer than every file in src/ (tsc rewrites all of dist/). */
function build(): void {
  const built = path.join(repoRoot, 'dist', 'cli', 'main.js');
  if (existsSync(built) && statSync(built).mtimeMs > newestMtime(path.join(repoRoot, 'src'))) {
    log('dist/ is newer than src/: not rebuilding');
    return;
  }
  log('npm run build…');
  // Build output goes to stderr: stdout carries only the JSON.
  const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: ['ignore', 2, 2] });
  if (result.status !== 0)
    throw new Error(`npm run build failed (exit ${result.status}); fix the build or use --runner tsx`);
}

function runRetrieval(options: BenchOptions): Record<string, RetrievalResult> | { skipped: string } {
  if (!existsSync(options.corpusDir)) return { skipped: `no corpus at ${options.corpusDir} (--corpus <dir>)` };
  const base = loadCorpus(options.corpusDir);
  const questions = loadQuestions(path.join(repoRoot, 'tests', 'fixtures', 'eval', 'corpus-questions.jsonl'));
  const results: Record<string, RetrievalResult> = {};
  for (const size of [1000, 10_000]) {
    log(`retrieval, ${size} chunks…`);
    results[String(size)] = measureRetrieval(base, size, questions, options.retrievalPasses);
  }
  return results;
}

async function runBaseline(options: BenchOptions, sampler: ProcSampler, cleanup: Cleanup) {
  const prefix = `baton-bench-${randomBytes(4).toString('hex')}`;
  cleanup.add(`delete Redis keys ${prefix}:*`, async () => {
    await clearRedisPrefix(redisUrl, prefix);
  });
  const results: TwoHopResult[] = [];
  for (const workerProcesses of [1, 2]) {
    log(`raw BullMQ two-hop, ${workerProcesses} worker process(es)…`);
    results.push(
      await measureTwoHop({
        redisUrl,
        prefix: `${prefix}:raw${workerProcesses}`,
        workerProcesses,
        concurrency: 16,
        jobs: options.rawJobs,
        warmupJobs: Math.round(options.rawJobs / 5),
        sampler,
        timeoutMs: 120_000,
      }),
    );
  }
  await clearRedisPrefix(redisUrl, prefix);
  return { twoHopOneProcess: results[0] as TwoHopResult, twoHopTwoProcesses: results[1] as TwoHopResult };
}

function phasesOf(scenario: ScenarioReport | undefined) {
  return scenario?.endToEnd
    ? [
        scenario.endToEnd.unloaded,
        scenario.endToEnd.saturation,
        scenario.endToEnd.halfRate,
        scenario.endToEnd.saturationTwoWorkers,
        scenario.endToEnd.ackWithWorkers,
        scenario.endToEnd.ackWebOnly,
      ]
    : [];
}

/** CPU used by processes other than Baton, PostgreSQL, Redis and the bench during the load phases. */
function interferenceOf(scenario: ScenarioReport | undefined, cores: number) {
  const phases = phasesOf(scenario);
  const capacity = phases.reduce((sum, phase) => sum + phase.cpu.seconds * cores, 0);
  const other = phases.reduce((sum, phase) => sum + phase.cpu.otherCpuSeconds, 0);
  return {
    otherCpuSeconds: Math.round(other * 10) / 10,
    percentOfMachineDuringLoadPhases: capacity > 0 ? Math.round((other / capacity) * 1000) / 10 : 0,
  };
}

function errorsOf(scenario: ScenarioReport | undefined) {
  const phases = phasesOf(scenario);
  const webhookRefused = phases.reduce(
    (sum, phase) => sum + Object.values(phase.errors.webhookStatus).reduce((a, b) => a + b, 0),
    0,
  );
  const logs = Object.values(scenario?.logProblems ?? {});
  return {
    webhookRefused,
    webhookFailed: phases.reduce((sum, phase) => sum + phase.errors.webhookFailed, 0),
    noReplyWithinTimeout: phases.reduce((sum, phase) => sum + phase.errors.noReply, 0),
    relayLost: scenario?.handoff?.relay.lost ?? 0,
    slackEventRefused: scenario?.handoff?.relay.eventErrors ?? 0,
    burstMessagesMissing: scenario?.handoff?.burst.missing ?? 0,
    burstMessagesPostedTwice: scenario?.handoff?.burst.duplicated ?? 0,
    batonLogErrors: logs.reduce((sum, entry) => sum + entry.errors, 0),
    batonLogWarnings: logs.reduce((sum, entry) => sum + entry.warnings, 0),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    log(usage);
    return;
  }
  const cleanup = new Cleanup();
  cleanUpOnSignals(cleanup, log);
  const started = Date.now();
  // Measured before anything of the bench runs: other work on the machine skews every figure.
  const busyBeforeStart = await machineBusyPercent(1000);
  if (busyBeforeStart > 20)
    log(`warning: the machine is already ${busyBeforeStart}% busy; figures will be pessimistic`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'baton-bench-'));
  cleanup.add('scratch directory', () => {
    if (options.keep) log(`kept ${scratch} (logs of Baton's processes${options.profile ? ', CPU profiles' : ''})`);
    else rmSync(scratch, { recursive: true, force: true });
  });
  const sampler = new ProcSampler(500);
  sampler.track('bench', process.pid);
  sampler.start();
  cleanup.add('sampler', () => sampler.stop());

  let retrieval: ReturnType<typeof runRetrieval> | undefined;
  let baseline: Awaited<ReturnType<typeof runBaseline>> | undefined;
  let scenario: ScenarioReport | undefined;
  let services: Awaited<ReturnType<typeof serviceVersions>> | undefined;
  try {
    services = await serviceVersions();
    // The orm section needs a migrated database too, and migrations run through Baton's CLI.
    const needsDatabase = ['e2e', 'handoff', 'orm'].some((name) => options.only.has(name as Section));
    if (needsDatabase && options.build) build();
    if (options.only.has('retrieval')) retrieval = runRetrieval(options);
    if (options.only.has('baseline')) baseline = await runBaseline(options, sampler, cleanup);
    if (needsDatabase) scenario = await runBatonScenario(options, { repoRoot, scratch, sampler, cleanup, log });
  } finally {
    await cleanup.runAll(log);
  }

  const e2e = scenario?.endToEnd;
  const retrievalResults = retrieval && !('skipped' in retrieval) ? retrieval : undefined;
  const rss = Object.values(scenario?.processes ?? {}).map((usage) => usage.peakRssMB);
  const targets = evaluateTargets({
    e2ePerSecond: e2e?.saturation.repliesPerSecond,
    rawTwoHopPerSecond: baseline?.twoHopOneProcess.jobsPerSecond,
    e2eP99HalfRate: e2e?.halfRate.e2eMs?.p99,
    ackP99WithWorkers: e2e?.ackWithWorkers.ackMs?.p99,
    ackP99WebOnly: e2e?.ackWebOnly.ackMs?.p99,
    ackRate: options.ackRate,
    relayP99: scenario?.handoff?.relay.relayMs?.p99,
    retrievalP50At10k: retrievalResults?.['10000']?.searchMs?.p50,
    maxRssMB: rss.length > 0 ? Math.max(...rss) : null,
    maxPostsInAnySecond: scenario?.handoff?.burst.maxPostsInAnySecond,
    burstMissing: scenario?.handoff?.burst.missing,
  });
  const share = targets.find((target) => target.id === 'e2e_throughput_share')?.measured ?? null;
  const report = {
    bench: 'baton',
    issue: 8,
    mode: options.quick ? 'quick' : 'full',
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    startedAt: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    machine: { ...describeMachine(), busyPercentBeforeStart: busyBeforeStart },
    services,
    ...(scenario?.endToEnd && { interference: interferenceOf(scenario, describeMachine().cores) }),
    ...(baseline && { baseline }),
    ...(e2e && { endToEnd: { ...e2e, shareOfRawTwoHopPercent: share } }),
    ...(scenario?.handoff && { handoff: scenario.handoff }),
    ...(scenario?.orm && { postgresCallCost: scenario.orm }),
    ...(retrieval && { retrieval }),
    processes: {
      ...(scenario?.processes ?? {}),
      ...Object.fromEntries(
        Object.entries(sampler.groupCpuSeconds()).map(([name, cpu]) => [name, { cpuSeconds: cpu }]),
      ),
      bench: sampler.usage().bench,
    },
    errors: errorsOf(scenario),
    ...(scenario && { batonLogProblems: scenario.logProblems, settings: scenario.settings }),
    ...(scenario?.profile && { profile: scenario.profile }),
    targets,
    targetsFailed: targets.filter((target) => target.pass === false).map((target) => target.id),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(
    renderTable({
      ...report,
      retrieval: retrievalResults,
      // Baton's processes only: PostgreSQL, Redis and the bench have no RSS figure of interest.
      processes: scenario?.processes ?? {},
    }),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
