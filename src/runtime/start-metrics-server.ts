import { createServer, type Server } from 'node:http';
import { BatonError } from '../core/errors';
import type { Runtime } from './create-runtime';

export interface RunningMetricsServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * A worker run on its own (`baton worker`) has no web server, yet its counters (AI answers,
 * handoffs, deliveries, Slack/Twilio/LLM calls) are kept in its own process: this serves them
 * for Prometheus on a port of its own (WORKER_METRICS_PORT). `GET /metrics` answers the
 * process's registry, `GET /healthz` says the process is alive; anything else is 404.
 */
export async function startMetricsServer(
  runtime: Pick<Runtime, 'metrics' | 'logger'>,
  options: { port: number; host?: string },
): Promise<RunningMetricsServer> {
  const { registry } = runtime.metrics;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || (path !== '/metrics' && path !== '/healthz')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => {
        // The queue gauge asks Redis: while it is away the scrape fails, the process goes on.
        runtime.logger.warn({ err: error }, 'could not collect the metrics');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable; see the worker log\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    const fail = (error: Error) =>
      reject(
        new BatonError(
          'config_invalid',
          `cannot serve the worker's metrics on port ${options.port} (${error.message}). ` +
            'Fix: set WORKER_METRICS_PORT to a free port, or to 0 to turn the worker’s metrics off.',
          { cause: error },
        ),
      );
    server.once('error', fail);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', fail);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  runtime.logger.info({ port }, 'worker metrics listening');
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
