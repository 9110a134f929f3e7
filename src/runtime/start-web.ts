import type { Server } from 'node:http';
import type { Router } from 'express';
import { createApp } from '../http/create-app';
import type { Runtime } from './create-runtime';

export interface RunningWeb {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startWeb(
  runtime: Runtime,
  options: { port: number; host?: string; slackRouter?: Router | null },
): Promise<RunningWeb> {
  const app = createApp(runtime, { slackRouter: options.slackRouter });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(options.port, options.host ?? '0.0.0.0', (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  runtime.logger.info({ port }, 'web listening');
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
