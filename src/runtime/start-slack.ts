import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { AutomationSettings } from '../actions/automation-settings';
import type { TTag } from '../config/baton-config.schema';
import type { ChannelTextLimits } from '../core/outbound/outbound-text-policy';
import { queueNames } from '../core/queues/queue-names';
import { createTravelerMediaLoader } from '../handoff/load-traveler-media';
import { registerManagerHandlers } from '../handoff/managers/register-manager-handlers';
import { registerHandoffHandlers } from '../handoff/register-handoff-handlers';
import { webClientSlackApi } from '../handoff/slack/slack-api';
import { createSlackApp, createSlackWebClient, type SlackApp } from '../handoff/slack/slack-app';
import { createSlackSyncProcessor } from '../handoff/slack-sync.processor';
import type { ConversationSummarizer } from '../handoff/sync-handoff-thread';
import type { Runtime } from './create-runtime';
import type { WorkerOptions } from './start-worker';

export interface SlackBridgeSettings {
  /** The shared inbox (the config's `slack.handoffChannel`, else SLACK_HANDOFF_CHANNEL). */
  handoffChannel: string;
  privateNotePrefix: string;
  signWithFirstName: boolean;
  limits: ChannelTextLimits;
  /** The configured tags managers can apply from Slack. */
  tags?: TTag[];
  /** Tags applied from Slack feed the rules and handoff triggers. */
  automation?: AutomationSettings;
  /** Summarises a conversation for the handoff card. */
  summarize?: ConversationSummarizer;
}

/** Web role: Bolt receives Slack's events, buttons and shortcuts on `/slack/events` (or Socket Mode). */
export async function createSlackReceiver(runtime: Runtime, settings: SlackBridgeSettings): Promise<SlackApp> {
  const env = runtime.options.slack;
  if (!env) throw new Error('Slack is not configured');
  const slackApp = createSlackApp({
    botToken: env.botToken,
    signingSecret: env.signingSecret,
    appToken: env.appToken,
    socketMode: env.socketMode,
    apiUrl: env.apiUrl,
    logger: runtime.logger,
  });
  registerHandoffHandlers(slackApp.app, {
    db: runtime.db,
    dispatcher: runtime.dispatcher,
    slack: webClientSlackApi(slackApp.app.client, runtime.metrics),
    logger: runtime.logger,
    limits: settings.limits,
    privateNotePrefix: settings.privateNotePrefix,
    signWithFirstName: settings.signWithFirstName,
    automation: settings.automation,
    metrics: runtime.metrics,
  });
  registerManagerHandlers(slackApp.app, {
    db: runtime.db,
    slack: webClientSlackApi(slackApp.app.client, runtime.metrics),
    logger: runtime.logger,
    configuredTags: settings.tags ?? [],
    dispatcher: runtime.dispatcher,
    automation: settings.automation,
    limits: settings.limits,
    metrics: runtime.metrics,
  });
  await slackApp.start();
  return slackApp;
}

/** How soon a Slack job whose worker died is taken over: the same settings, and defaults, as `startWorker`'s. */
export type SlackWorkerRecovery = Pick<WorkerOptions, 'lockDurationMs' | 'stalledIntervalMs'>;

/** Worker role: the Slack queue, posting handoff cards and traveler messages within Slack's limits. */
export async function startSlackWorker(
  runtime: Runtime,
  settings: SlackBridgeSettings,
  recovery: SlackWorkerRecovery = {},
): Promise<{ close(): Promise<void> }> {
  const env = runtime.options.slack;
  const queue = runtime.queues.slack;
  if (!env || !queue) throw new Error('Slack is not configured');
  // A queue paused after an auth error resumes once Baton restarts with (hopefully) fixed settings.
  await queue.resume();
  const connection = new Redis(runtime.options.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (error) => runtime.logger.warn({ err: error }, 'slack worker redis connection error'));
  const client = createSlackWebClient({ botToken: env.botToken, apiUrl: env.apiUrl, logger: runtime.logger });
  const worker = new Worker(
    queueNames.slack,
    createSlackSyncProcessor({
      db: runtime.db,
      slack: webClientSlackApi(client, runtime.metrics),
      redis: runtime.redis,
      keyPrefix: runtime.options.redisPrefix,
      handoffChannel: settings.handoffChannel,
      logger: runtime.logger,
      summarize: settings.summarize,
      actions: settings.automation?.config.actions.map((action) => ({ id: action.id, title: action.title })),
      loadMedia: createTravelerMediaLoader({
        publicUrl: runtime.options.publicUrl,
        media: runtime.media,
        twilio: runtime.options.twilio,
      }),
      queue,
    }),
    {
      connection,
      prefix: runtime.options.redisPrefix,
      concurrency: 8,
      lockDuration: recovery.lockDurationMs ?? 30_000,
      stalledInterval: recovery.stalledIntervalMs ?? 30_000,
    },
  );
  worker.on('error', (error) => runtime.logger.warn({ err: error }, 'slack worker error'));
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
