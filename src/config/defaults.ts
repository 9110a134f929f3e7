/** Embedded defaults: the local PostgreSQL and Redis every Baton machine runs. */
export const defaultDatabaseUrl = 'postgresql://postgres@127.0.0.1:5432/baton';
export const defaultRedisUrl = 'redis://127.0.0.1:6379';
export const defaultPort = 3000;
/** Where `baton worker` serves its /metrics (Prometheus' usual exporter port). */
export const defaultWorkerMetricsPort = 9464;
