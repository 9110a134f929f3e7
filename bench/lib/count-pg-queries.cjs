// Preloaded into Baton's processes by `npm run bench -- --count-queries` (node --require):
// counts every PostgreSQL round trip (pg Client#query, which Prisma's pg adapter and Baton's
// raw queries all go through), the time each took, and the waits for a pool connection. On
// SIGUSR2 it writes the totals so far to $BENCH_PG_STATS_DIR/pg-stats-<pid>.json; the bench
// reads them before and after a phase and divides by the messages of the phase.
// With $BENCH_PG_POOL_MAX (`--pg-pool-max <n>`) every pool gets that many connections instead
// of Baton's 10: an experiment, to measure what a bigger pool would change.
const { renameSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const pg = require(require.resolve('pg', { paths: [process.cwd(), path.join(__dirname, '..', '..')] }));
const statements = new Map();
const totals = { queries: 0, queryMs: 0, poolConnects: 0, poolWaitMs: 0, poolWaitMaxMs: 0, snapshots: 0 };

function shape(text) {
  return String(text).replace(/\s+/g, ' ').replace(/\$\d+/g, '?').trim().slice(0, 140);
}

function record(text, ms) {
  totals.queries += 1;
  totals.queryMs += ms;
  const key = shape(text);
  const entry = statements.get(key) ?? { count: 0, ms: 0 };
  entry.count += 1;
  entry.ms += ms;
  statements.set(key, entry);
}

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  const first = args[0];
  const text = typeof first === 'string' ? first : first?.text || '(submittable)';
  const start = performance.now();
  const last = args[args.length - 1];
  if (typeof last === 'function') {
    args[args.length - 1] = function done(...results) {
      record(text, performance.now() - start);
      return last.apply(this, results);
    };
    return query.apply(this, args);
  }
  const result = query.apply(this, args);
  if (result && typeof result.then === 'function') {
    return result.then(
      (value) => {
        record(text, performance.now() - start);
        return value;
      },
      (error) => {
        record(text, performance.now() - start);
        throw error;
      },
    );
  }
  record(text, 0);
  return result;
};

function waited(ms) {
  totals.poolConnects += 1;
  totals.poolWaitMs += ms;
  totals.poolWaitMaxMs = Math.max(totals.poolWaitMaxMs, ms);
}

const connect = pg.Pool.prototype.connect;
pg.Pool.prototype.connect = function countedConnect(callback) {
  const start = performance.now();
  if (typeof callback === 'function') {
    return connect.call(this, (error, client, release) => {
      waited(performance.now() - start);
      callback(error, client, release);
    });
  }
  return connect.call(this).then((client) => {
    waited(performance.now() - start);
    return client;
  });
};

const poolMax = Number(process.env.BENCH_PG_POOL_MAX);
if (poolMax > 0) {
  const Pool = pg.Pool;
  pg.Pool = class BenchPool extends Pool {
    constructor(options = {}) {
      super({ ...options, max: poolMax });
    }
  };
}

process.on('SIGUSR2', () => {
  totals.snapshots += 1;
  const dir = process.env.BENCH_PG_STATS_DIR || process.cwd();
  const file = path.join(dir, `pg-stats-${process.pid}.json`);
  const byStatement = Object.fromEntries(statements);
  writeFileSync(`${file}.tmp`, JSON.stringify({ ...totals, byStatement }));
  renameSync(`${file}.tmp`, file);
});
