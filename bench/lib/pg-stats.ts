import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { round, waitFor } from './stats';

/** The totals written by count-pg-queries.cjs in one process. */
interface PgStats {
  queries: number;
  queryMs: number;
  poolConnects: number;
  poolWaitMs: number;
  poolWaitMaxMs: number;
  snapshots: number;
  byStatement: Record<string, { count: number; ms: number }>;
}

export interface PgPerMessage {
  messages: number;
  /** PostgreSQL round trips per message (every statement, BEGIN and COMMIT included). */
  roundTrips: number;
  /** Time spent waiting on PostgreSQL per message, summed over round trips (ms). */
  queryMs: number;
  /** Waits for a free connection in the pool, per message (ms), and the longest single wait. */
  poolWaitMs: number;
  poolWaitMaxMsInRun: number;
  /** The statements behind the round trips, most frequent first, per message. */
  statements: Array<{ perMessage: number; msPerMessage: number; sql: string }>;
}

const empty: PgStats = {
  queries: 0,
  queryMs: 0,
  poolConnects: 0,
  poolWaitMs: 0,
  poolWaitMaxMs: 0,
  snapshots: 0,
  byStatement: {},
};

function read(file: string): PgStats {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PgStats) : empty;
}

/** Asks each process for its totals (SIGUSR2) and sums them per process name. */
export async function snapshotPgStats(dir: string, pids: Record<string, number>): Promise<Record<string, PgStats>> {
  const result: Record<string, PgStats> = {};
  for (const [name, pid] of Object.entries(pids)) {
    const file = path.join(dir, `pg-stats-${pid}.json`);
    const before = read(file).snapshots;
    process.kill(pid, 'SIGUSR2');
    result[name] = await waitFor(
      () => {
        const stats = read(file);
        return stats.snapshots > before ? stats : undefined;
      },
      5000,
      () => `${name} (pid ${pid}) did not write its query counts: was it started with --count-queries?`,
      20,
    );
  }
  return result;
}

export function pgPerMessage(
  before: Record<string, PgStats>,
  after: Record<string, PgStats>,
  messages: number,
  top = 40,
): Record<string, PgPerMessage> {
  const result: Record<string, PgPerMessage> = {};
  for (const [name, end] of Object.entries(after)) {
    const start = before[name] ?? empty;
    const per = (value: number) => (messages > 0 ? round(value / messages, 2) : 0);
    const statements = Object.entries(end.byStatement)
      .map(([sql, stats]) => {
        const was = start.byStatement[sql] ?? { count: 0, ms: 0 };
        return { sql, count: stats.count - was.count, ms: stats.ms - was.ms };
      })
      .filter((entry) => entry.count > 0)
      .sort((a, b) => b.count - a.count)
      .slice(0, top)
      .map((entry) => ({ perMessage: per(entry.count), msPerMessage: per(entry.ms), sql: entry.sql }));
    result[name] = {
      messages,
      roundTrips: per(end.queries - start.queries),
      queryMs: per(end.queryMs - start.queryMs),
      poolWaitMs: per(end.poolWaitMs - start.poolWaitMs),
      poolWaitMaxMsInRun: round(end.poolWaitMaxMs, 1),
      statements,
    };
  }
  return result;
}
