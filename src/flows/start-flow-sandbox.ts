import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { type AutomationSettings, automationSettingsFrom } from '../actions/automation-settings';
import { ingestDirectory } from '../ai/kb/ingest/ingest-directory';
import { createAnswerer } from '../ai/llm/create-answerer';
import { KnowledgeIndexCache } from '../ai/retrieval/knowledge-index-cache';
import { createConversationSummarizer } from '../ai/summary/create-conversation-summarizer';
import { pickText, type TBatonConfig, type TMessages } from '../config/baton-config.schema';
import type { Env } from '../config/env';
import type { Logger } from '../core/logger';
import { type ChannelTextLimits, defaultChannelTextLimits } from '../core/outbound/outbound-text-policy';
import { renderMessage } from '../core/render-message';
import { clientConfigFromUrl, databaseNameFromUrl } from '../db/connection-config';
import { applyMigrations, ensureDatabase } from '../db/migrate';
import { createRuntime, type Runtime } from '../runtime/create-runtime';
import { createSlackReceiver, type SlackBridgeSettings, startSlackWorker } from '../runtime/start-slack';
import { startWeb } from '../runtime/start-web';
import { startWorker } from '../runtime/start-worker';
import { RecordingChannelAdapter } from '../testing/recording-channel.adapter';
import { RecordingSlackServer } from '../testing/recording-slack-server';
import { RecordingWebhookReceiver } from '../testing/recording-webhook-receiver';
import { FlowClock } from './flow-clock';
import { ScriptedAiResponder } from './scripted-ai-responder';

/** The handoff channel when neither the config nor the environment names one. */
export const defaultFlowHandoffChannel = 'C0FLOWSINBOX';

export interface FlowSandboxOptions {
  /** The operator's environment: which PostgreSQL server and Redis to borrow. */
  env: Pick<Env, 'databaseUrl' | 'redisUrl' | 'redisPrefix' | 'slack'>;
  config: TBatonConfig;
  /** Ingested into the flow database; the local answerer answers from it. */
  knowledgeDir: string;
  logger: Logger;
  /** Where webhook secrets (`secretEnv`) are read; default process.env. */
  variables?: Readonly<Record<string, string | undefined>>;
  /**
   * Given the sandbox's `close` before anything is created, so an interrupted start (Ctrl-C
   * while migrating) can still remove what it made.
   */
  onClose?: (close: () => Promise<void>) => void;
  /** Told what is being prepared ("creating the database…"), for a person watching. */
  progress?: (line: string) => void;
}

/**
 * One Baton — web, worker and the Slack bridge, in this process — on a database and a Redis
 * key prefix of its own, with every outside party replaced by a local recorder: Slack (a
 * recording Web API reached through SLACK_API_URL), the booking systems (every action webhook
 * redirected to a recording receiver) and SMS/WhatsApp (recording channels). The operator's
 * config runs unchanged otherwise; `close()` removes the database and the keys.
 */
export interface FlowSandbox {
  runtime: Runtime;
  baseUrl: string;
  config: TBatonConfig;
  slack: RecordingSlackServer;
  signingSecret: string;
  handoffChannel: string;
  webhooks: RecordingWebhookReceiver;
  /** Stand-ins for `channel: sms` and `channel: whatsapp`. */
  sms: RecordingChannelAdapter;
  whatsapp: RecordingChannelAdapter;
  ai: ScriptedAiResponder;
  clock: FlowClock;
  databaseName: string;
  redisPrefix: string;
  /** Idempotent; also undoes a half-finished start. */
  close(): Promise<void>;
}

function configuredText(config: TBatonConfig, name: keyof TMessages): string {
  const { assistant, messages } = config;
  const text = pickText(messages[name], undefined, assistant.defaultLanguage);
  return renderMessage(text, { company: assistant.company, assistantName: assistant.name });
}

/** The config with every action webhook pointed at the recorder (one path per action). */
function redirectWebhooks(config: TBatonConfig, receiver: RecordingWebhookReceiver): TBatonConfig {
  return {
    ...config,
    actions: config.actions.map((action) =>
      action.webhook ? { ...action, webhook: { ...action.webhook, url: receiver.urlFor(action.id) } } : action,
    ),
  };
}

/** Webhook secrets the environment does not hold get a stand-in: the recorder does not check them. */
function flowSecrets(
  config: TBatonConfig,
  variables: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...variables };
  for (const action of config.actions) {
    const name = action.webhook?.secretEnv;
    if (name && !env[name]) env[name] = 'baton-flows-webhook-secret';
  }
  return env;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** `<database>_flows_<hex>` on the same server as DATABASE_URL. */
function flowDatabaseUrl(databaseUrl: string): { url: string; name: string } {
  const base = databaseNameFromUrl(databaseUrl).slice(0, 40);
  const name = `${base}_flows_${randomBytes(4).toString('hex')}`;
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

async function dropDatabase(databaseUrl: string, name: string): Promise<void> {
  const admin = new pg.Client(clientConfigFromUrl(databaseUrl, { database: 'postgres' }));
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function clearRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function startFlowSandbox(options: FlowSandboxOptions): Promise<FlowSandbox> {
  const { env, logger } = options;
  const progress = options.progress ?? (() => {});
  const cleanups: Array<() => Promise<unknown>> = [];
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      for (const cleanup of cleanups.reverse()) {
        await cleanup().catch((error: unknown) => logger.warn({ err: error }, 'flows: a cleanup step failed'));
      }
    })();
    return closing;
  };
  options.onClose?.(close);

  try {
    const database = flowDatabaseUrl(env.databaseUrl);
    const redisPrefix = `${env.redisPrefix}-flows-${randomBytes(4).toString('hex')}`;
    progress(`creating database ${database.name} from the migrations`);
    const creating = ensureDatabase(database.url);
    // An interrupted start drops the database only once CREATE DATABASE has finished, else
    // the drop would find nothing and the database would appear right after.
    cleanups.push(() => creating.catch(() => {}).then(() => dropDatabase(database.url, database.name)));
    await creating;
    await applyMigrations(database.url);
    cleanups.push(() => clearRedisPrefix(env.redisUrl, redisPrefix));

    const slack = await RecordingSlackServer.start();
    cleanups.push(() => slack.close());
    const webhooks = await RecordingWebhookReceiver.start();
    cleanups.push(() => webhooks.close());

    const config = redirectWebhooks(options.config, webhooks);
    const clock = new FlowClock();
    const automation: AutomationSettings = automationSettingsFrom(
      config,
      flowSecrets(config, options.variables ?? process.env),
      () => clock.now(),
    );
    const handoffChannel = config.slack.handoffChannel ?? env.slack?.handoffChannel ?? defaultFlowHandoffChannel;
    const signingSecret = randomBytes(16).toString('hex');
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;

    const runtime = await createRuntime({
      databaseUrl: database.url,
      redisUrl: env.redisUrl,
      redisPrefix,
      logger,
      dbPoolSize: 8,
      publicUrl: baseUrl,
      mediaSecret: randomBytes(16).toString('hex'),
      slack: { botToken: slack.botToken, signingSecret, socketMode: false, handoffChannel, apiUrl: slack.apiUrl },
    });
    cleanups.push(() => runtime.close());
    const sms = new RecordingChannelAdapter('twilio_sms');
    const whatsapp = new RecordingChannelAdapter('twilio_whatsapp');
    runtime.channels.twilio_sms = sms;
    runtime.channels.twilio_whatsapp = whatsapp;

    progress(`ingesting the knowledge base from ${options.knowledgeDir}`);
    const ingested = await ingestDirectory(runtime.db, options.knowledgeDir);
    if (ingested.failed.length > 0) {
      logger.warn({ failed: ingested.failed }, 'flows: some knowledge files could not be read');
    }

    const textLimits: ChannelTextLimits = {
      ...defaultChannelTextLimits,
      twilio_sms: config.channels.sms.maxLength,
      twilio_whatsapp: config.channels.whatsapp.maxLength,
      whatsapp_web: config.channels.whatsapp.maxLength,
    };
    const bridge: SlackBridgeSettings = {
      handoffChannel,
      privateNotePrefix: config.slack.privateNotePrefix,
      signWithFirstName: config.slack.signWithFirstName,
      limits: textLimits,
      tags: [...config.tags],
      automation,
      summarize: createConversationSummarizer(runtime.db, { logger }),
    };
    const receiver = await createSlackReceiver(runtime, bridge);
    cleanups.push(() => receiver.stop());
    const web = await startWeb(runtime, { port, host: '127.0.0.1', slackRouter: receiver.router });
    cleanups.push(() => web.close());
    const slackWorker = await startSlackWorker(runtime, bridge);
    cleanups.push(() => slackWorker.close());

    const unsureText = configuredText(config, 'aiUnsure');
    // The local answerer, whatever the environment says: flows are repeatable and cost nothing.
    const answerer = createAnswerer(undefined, {
      index: new KnowledgeIndexCache(runtime.db, { embeddings: false }),
      unsureText,
      limits: textLimits,
      assistant: config.assistant,
      actions: config.actions,
      logger,
    });
    const ai = new ScriptedAiResponder(answerer, unsureText);
    const worker = await startWorker(runtime, {
      responder: ai,
      complianceReplies: {
        optOut: configuredText(config, 'optOut'),
        optIn: configuredText(config, 'optIn'),
        help: configuredText(config, 'help'),
      },
      automation,
      textLimits,
    });
    cleanups.push(() => worker.close());

    return {
      runtime,
      baseUrl,
      config,
      slack,
      signingSecret,
      handoffChannel,
      webhooks,
      sms,
      whatsapp,
      ai,
      clock,
      databaseName: database.name,
      redisPrefix,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
