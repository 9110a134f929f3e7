import type { Queue } from 'bullmq';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** One registry per process (not prom-client's global one), so tests and embedded runs never collide. */
export interface Metrics {
  registry: Registry;
  messagesAccepted: Counter<'channel' | 'duplicate'>;
  httpRequestSeconds: Histogram<'route' | 'status'>;
}

export function createMetrics(queues: Queue[] = []): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'baton_process_' });
  const messagesAccepted = new Counter({
    name: 'baton_messages_accepted_total',
    help: 'Inbound traveler messages accepted by the web process',
    labelNames: ['channel', 'duplicate'] as const,
    registers: [registry],
  });
  const httpRequestSeconds = new Histogram({
    name: 'baton_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  new Gauge({
    name: 'baton_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      for (const queue of queues) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
        for (const [state, count] of Object.entries(counts)) this.set({ queue: queue.name, state }, count);
      }
    },
  });
  return { registry, messagesAccepted, httpRequestSeconds };
}
