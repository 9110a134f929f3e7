import { existsSync } from 'node:fs';
import path from 'node:path';
import { automationSettingsFrom } from '../actions/automation-settings';
import { createEmbedder } from '../ai/embeddings/create-embedder';
import { ingestDirectory } from '../ai/kb/ingest/ingest-directory';
import { createAnswerer } from '../ai/llm/create-answerer';
import { createOpenAiClient } from '../ai/llm/create-openai-client';
import { KnowledgeIndexCache } from '../ai/retrieval/knowledge-index-cache';
import { createConversationSummarizer } from '../ai/summary/create-conversation-summarizer';
import { pickText, type TMessages } from '../config/baton-config.schema';
import { packageRoot, playgroundOn } from '../config/env';
import { createLogger, type Logger } from '../core/logger';
import { configuredMediaSecret } from '../core/media/media-url-signer';
import { defaultChannelTextLimits } from '../core/outbound/outbound-text-policy';
import { renderMessage } from '../core/render-message';
import type { Responder } from '../core/responder';
import { applyMigrations, ensureDatabase } from '../db/migrate';
import type { ConversationSummarizer } from '../handoff/sync-handoff-thread';
import { startWeeklyDigest } from '../insights/digest/start-digest-scheduler';
import { createRuntime, type Runtime, type RuntimeOptions } from '../runtime/create-runtime';
import { lowerWorkerPriority } from '../runtime/lower-worker-priority';
import { type RunningMetricsServer, startMetricsServer } from '../runtime/start-metrics-server';
import { createSlackReceiver, type SlackBridgeSettings, startSlackWorker } from '../runtime/start-slack';
import { type RunningWeb, startWeb } from '../runtime/start-web';
import { startWhatsappWeb, whatsappQrToSlack } from '../runtime/start-whatsapp-web';
import { type RunningWorker, startWorker } from '../runtime/start-worker';
import type { Settings } from './load-settings';

export interface BatonRoles {
  web: boolean;
  worker: boolean;
  migrate: boolean;
}

/** A configured message in the default language, with {company} and {assistantName} filled in. */
function configuredText(settings: Settings, name: keyof TMessages): string {
  const { assistant, messages } = settings.config;
  const text = pickText(messages[name], undefined, assistant.defaultLanguage);
  return renderMessage(text, { company: assistant.company, assistantName: assistant.name });
}

/** Replies are for SMS: an LLM gets 10 s and one retry before the local answerer takes over. */
const LLM_TIMEOUT_MS = 10_000;
const LLM_MAX_RETRIES = 1;

/**
 * The AI: with OPENAI_API_KEY or OPENAI_BASE_URL the LLM grounded on the knowledge base
 * (falling back to the local answerer when it fails), else the local answerer. Handoff
 * triggers and rules run around it in the worker (src/actions).
 */
function createResponder(settings: Settings, runtime: Runtime): Responder {
  const embedder = createEmbedder(settings.env.openai);
  return createAnswerer(settings.env.openai, {
    index: new KnowledgeIndexCache(runtime.db, { embeddings: embedder !== undefined }),
    embedder,
    unsureText: configuredText(settings, 'aiUnsure'),
    limits: workerSettings(settings).textLimits,
    assistant: settings.config.assistant,
    actions: settings.config.actions,
    logger: runtime.logger,
    metrics: runtime.metrics,
    timeoutMs: LLM_TIMEOUT_MS,
    maxRetries: LLM_MAX_RETRIES,
  });
}

/** The handoff card's summary: by the LLM when configured, else extractive. */
function createSummarizer(settings: Settings, runtime: Runtime): ConversationSummarizer {
  const openai = settings.env.openai;
  const llm = openai
    ? { client: createOpenAiClient(openai, { timeoutMs: LLM_TIMEOUT_MS, maxRetries: 0 }), model: openai.model }
    : undefined;
  return createConversationSummarizer(runtime.db, { llm, logger: runtime.logger });
}

/** The shipped sample documents, ingested on the first start so a new install answers questions. */
const sampleKnowledgeDir = path.join(packageRoot(), 'examples', 'knowledge');

async function seedSampleKnowledge(runtime: Runtime, settings: Settings): Promise<void> {
  if ((await runtime.db.knowledgeDocument.count()) > 0 || !existsSync(sampleKnowledgeDir)) return;
  const result = await ingestDirectory(runtime.db, sampleKnowledgeDir, {
    embedder: createEmbedder(settings.env.openai),
  });
  runtime.logger.info(
    { documents: result.added, chunks: result.chunks },
    'knowledge base was empty: ingested the sample documents (replace them with `baton kb ingest <dir>`)',
  );
}

export function workerSettings(settings: Settings) {
  const { channels } = settings.config;
  return {
    complianceReplies: {
      optOut: configuredText(settings, 'optOut'),
      optIn: configuredText(settings, 'optIn'),
      help: configuredText(settings, 'help'),
    },
    automation: automationSettingsFrom(settings.config, process.env),
    textLimits: {
      ...defaultChannelTextLimits,
      twilio_sms: channels.sms.maxLength,
      twilio_whatsapp: channels.whatsapp.maxLength,
      whatsapp_web: channels.whatsapp.maxLength,
    },
  };
}

export function runtimeSettings(settings: Settings, logger: Logger): RuntimeOptions {
  const { env } = settings;
  return {
    databaseUrl: env.databaseUrl,
    redisUrl: env.redisUrl,
    redisPrefix: env.redisPrefix,
    logger,
    publicUrl: env.publicUrl,
    mediaSecret: configuredMediaSecret({
      mediaSigningSecret: env.mediaSigningSecret,
      twilioAuthToken: env.twilio?.authToken,
    }),
    twilio: env.twilio,
    whatsappWeb: env.whatsappWeb,
    slack: env.slack,
  };
}

export function slackSettings(settings: Settings): SlackBridgeSettings | null {
  const { env, config } = settings;
  if (!env.slack) return null;
  return {
    handoffChannel: config.slack.handoffChannel ?? env.slack.handoffChannel,
    privateNotePrefix: config.slack.privateNotePrefix,
    signWithFirstName: config.slack.signWithFirstName,
    limits: workerSettings(settings).textLimits,
    tags: [...config.tags],
    automation: workerSettings(settings).automation,
  };
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
  if (roles.worker && !roles.web) lowerWorkerPriority(settings.env.workerNice, logger);
  const runtime: Runtime = await createRuntime(runtimeSettings(settings, logger));
  if (roles.worker) await seedSampleKnowledge(runtime, settings);
  const slack = slackSettings(settings);
  // Bolt checks the bot token before the web process listens (it answers Slack only when ready).
  const slackReceiver = roles.web && slack ? await createSlackReceiver(runtime, slack) : null;
  // The playground and the simulator's routes (no authentication) are off in production unless BATON_PLAYGROUND=1.
  const tryOn = playgroundOn(settings.env);
  const playground = tryOn
    ? { automation: workerSettings(settings).automation, limits: workerSettings(settings).textLimits }
    : null;
  const web: RunningWeb | null = roles.web
    ? await startWeb(runtime, {
        port: settings.env.port,
        slackRouter: slackReceiver?.router,
        playground,
        simulator: tryOn,
      })
    : null;
  const slackWorker =
    roles.worker && slack
      ? await startSlackWorker(runtime, { ...slack, summarize: createSummarizer(settings, runtime) })
      : null;
  const worker: RunningWorker | null = roles.worker
    ? await startWorker(runtime, { responder: createResponder(settings, runtime), ...workerSettings(settings) })
    : null;
  // The optional weekly insights digest in Slack (config insights.digest).
  const digest = roles.worker ? await startWeeklyDigest(runtime, settings.config) : null;
  const whatsappWeb =
    roles.worker && settings.env.whatsappWeb
      ? await startWhatsappWeb(runtime, {
          dataPath: settings.env.whatsappWebDataPath,
          executablePath: settings.env.chromiumPath,
          // The QR goes to Slack when the linked phone needs scanning again.
          ...(slack && { linking: whatsappQrToSlack(runtime, slack.handoffChannel) }),
        })
      : null;
  // A worker without the web role has no /metrics of its own otherwise; with it (`baton start`),
  // the web port serves the one registry both roles record into.
  const metricsPort = settings.env.workerMetricsPort;
  const workerMetrics: RunningMetricsServer | null =
    roles.worker && !roles.web && metricsPort !== null
      ? await startMetricsServer(runtime, { port: metricsPort })
      : null;
  if (web) {
    const tryIt = tryOn ? `playground: ${settings.env.publicUrl}/playground` : 'playground and simulator off';
    logger.info(`Baton is up: ${settings.env.publicUrl} (${tryIt})`);
  }

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
    await slackReceiver?.stop();
    await web?.close();
    await slackWorker?.close();
    await whatsappWeb?.close();
    await digest?.close();
    await worker?.close();
    await workerMetrics?.close();
    await runtime.close();
    logger.info('stopped');
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
