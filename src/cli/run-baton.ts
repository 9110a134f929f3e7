import { AcknowledgingResponder } from '../ai/acknowledging-responder';
import { pickText } from '../config/baton-config.schema';
import { createLogger, type Logger } from '../core/logger';
import { renderMessage } from '../core/render-message';
import type { Responder } from '../core/responder';
import { applyMigrations, ensureDatabase } from '../db/migrate';
import { createRuntime, type Runtime } from '../runtime/create-runtime';
import { type RunningWeb, startWeb } from '../runtime/start-web';
import { type RunningWorker, startWorker } from '../runtime/start-worker';
import type { Settings } from './load-settings';

export interface BatonRoles {
  web: boolean;
  worker: boolean;
  migrate: boolean;
}

/** Until the AI answers (src/ai), travelers get the configured acknowledgement. */
function createResponder(settings: Settings): Responder {
  const { assistant, messages } = settings.config;
  const text = pickText(messages.acknowledgement, undefined, assistant.defaultLanguage);
  return new AcknowledgingResponder(renderMessage(text, { company: assistant.company, assistantName: assistant.name }));
}

export async function prepareDatabase(databaseUrl: string, logger: Logger): Promise<void> {
  if (await ensureDatabase(databaseUrl)) logger.info('created the database');
  const { applied } = await applyMigrations(databaseUrl, { log: (line) => logger.info(line) });
  if (applied.length > 0) logger.info({ applied }, 'applied migrations');
}

/** Runs the chosen roles in this process until SIGINT/SIGTERM, then shuts down gracefully. */
export async function runBaton(settings: Settings, roles: BatonRoles): Promise<void> {
  const logger = createLogger({ level: settings.env.logLevel, pretty: process.stdout.isTTY });
  logger.info({ config: settings.configPath, roles }, 'starting Baton');
  if (roles.migrate) await prepareDatabase(settings.env.databaseUrl, logger);
  const runtime: Runtime = await createRuntime({
    databaseUrl: settings.env.databaseUrl,
    redisUrl: settings.env.redisUrl,
    redisPrefix: settings.env.redisPrefix,
    logger,
  });
  const web: RunningWeb | null = roles.web ? await startWeb(runtime, { port: settings.env.port }) : null;
  const worker: RunningWorker | null = roles.worker
    ? await startWorker(runtime, { responder: createResponder(settings) })
    : null;
  if (web) logger.info(`Baton is up: ${settings.env.publicUrl} (simulator: POST /simulator/messages)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight work');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 30_000);
    force.unref();
    await web?.close();
    await worker?.close();
    await runtime.close();
    logger.info('stopped');
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
