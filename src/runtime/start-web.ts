import type { Server } from 'node:http';
import type { Router } from 'express';
import { createApp } from '../http/create-app';
import { playgroundRoutes } from '../http/routes/playground.routes';
import type { PlaygroundOptions } from '../playground/playground-options';
import type { Runtime } from './create-runtime';

export interface RunningWeb {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startWeb(
  runtime: Runtime,
  options: {
    port: number;
    host?: string;
    slackRouter?: Router | null;
    /** `/playground` on (its settings) or off (null or absent: its routes answer 404 `playground_off`). */
    playground?: PlaygroundOptions | null;
    /** The simulator's routes (speak as a traveler, read a simulated phone); default on. */
    simulator?: boolean;
  },
): Promise<RunningWeb> {
  const playground = playgroundRoutes(runtime, options.playground ?? null);
  const app = createApp(runtime, { slackRouter: options.slackRouter, playground, simulator: options.simulator });
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
        // Open event streams would keep the server from closing.
        playground.close();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
