/** Embedded defaults: the local PostgreSQL and Redis every Baton machine runs. */
export const defaultDatabaseUrl = 'postgresql://postgres@127.0.0.1:5432/baton';
export const defaultRedisUrl = 'redis://127.0.0.1:6379';
export const defaultPort = 3000;
/** Where `baton worker` serves its /metrics (Prometheus' usual exporter port). */
export const defaultWorkerMetricsPort = 9464;
/**
 * `baton worker` runs below the web's CPU priority: under a backlog the worker would otherwise
 * take the cores the web needs to acknowledge webhooks in milliseconds (measured: bench,
 * docs/performance.md). The backlog is durable; a late acknowledgement makes providers retry.
 */
export const defaultWorkerNice = 10;
