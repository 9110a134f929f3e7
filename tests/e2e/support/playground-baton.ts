import path from 'node:path';
import { type AutomationSettings, automationSettingsFrom } from '../../../src/actions/automation-settings';
import { ingestDirectory } from '../../../src/ai/kb/ingest/ingest-directory';
import { createAnswerer } from '../../../src/ai/llm/create-answerer';
import { KnowledgeIndexCache } from '../../../src/ai/retrieval/knowledge-index-cache';
import { createConversationSummarizer } from '../../../src/ai/summary/create-conversation-summarizer';
import { pickText } from '../../../src/config/baton-config.schema';
import { loadBatonConfig } from '../../../src/config/load-baton-config';
import { defaultChannelTextLimits } from '../../../src/core/outbound/outbound-text-policy';
import { renderMessage } from '../../../src/core/render-message';
import type { Responder } from '../../../src/core/responder';
import type { PlaygroundOptions } from '../../../src/playground/playground-options';
import type { Runtime, RuntimeOptions } from '../../../src/runtime/create-runtime';
import { createSlackReceiver, type SlackBridgeSettings, startSlackWorker } from '../../../src/runtime/start-slack';
import { type RunningWeb, startWeb } from '../../../src/runtime/start-web';
import { type RunningWorker, startWorker } from '../../../src/runtime/start-worker';
import { createTestRuntime, testComplianceReplies } from '../../support/test-baton';
import type { TestDatabase, TestRedisNamespace } from '../../support/test-services';

const root = path.resolve(__dirname, '../../..');
export const exampleConfig = loadBatonConfig(path.join(root, 'baton.config.example.yml'));
const knowledgeDir = path.join(root, 'examples', 'knowledge');

/** Wednesday 25 November 2026, 10:00 in Paris: within the example's business hours. */
export const fixedDate = new Date('2026-11-25T09:00:00Z');

export interface PlaygroundBaton {
  runtime: Runtime;
  web: RunningWeb;
  worker: RunningWorker | null;
  baseUrl: string;
  automation: AutomationSettings;
  database: TestDatabase;
  redis: TestRedisNamespace;
  close(): Promise<void>;
}

/**
 * Baton as `npm start` runs it, in this process, on a fresh database and Redis prefix: the
 * example config's automation (at a fixed time), the local answerer over the sample
 * documents ingested into the test database, and the playground served from `assetsDir`.
 */
export async function startPlaygroundBaton(
  options: {
    assetsDir?: string;
    worker?: boolean;
    /** The AI; by default the local answerer over examples/knowledge. */
    responder?: Responder;
    playground?: Partial<PlaygroundOptions> | null;
    runtime?: Partial<RuntimeOptions>;
  } = {},
): Promise<PlaygroundBaton> {
  const { runtime, database, redis } = await createTestRuntime(options.runtime);
  const automation = automationSettingsFrom(exampleConfig, {}, () => fixedDate);
  const limits = defaultChannelTextLimits;
  const playground =
    options.playground === null
      ? null
      : { automation, limits, pollIntervalMs: 100, assetsDir: options.assetsDir, ...options.playground };
  // With `runtime.slack`, the Slack bridge as `npm start` wires it (receiver in web, queue in worker).
  const slack: SlackBridgeSettings | null = runtime.options.slack
    ? {
        handoffChannel: runtime.options.slack.handoffChannel,
        privateNotePrefix: exampleConfig.slack.privateNotePrefix,
        signWithFirstName: false,
        limits,
        tags: exampleConfig.tags,
        automation,
        summarize: createConversationSummarizer(runtime.db),
      }
    : null;
  const slackReceiver = slack ? await createSlackReceiver(runtime, slack) : null;
  const web = await startWeb(runtime, { port: 0, host: '127.0.0.1', playground, slackRouter: slackReceiver?.router });
  const slackWorker = slack && options.worker !== false ? await startSlackWorker(runtime, slack) : null;
  let worker: RunningWorker | null = null;
  if (options.worker !== false) {
    const responder = options.responder ?? (await localAnswerer(runtime));
    worker = await startWorker(runtime, {
      responder,
      complianceReplies: testComplianceReplies,
      automation,
      textLimits: limits,
      sweepIntervalMs: 60_000,
    });
  }
  return {
    runtime,
    web,
    worker,
    baseUrl: `http://127.0.0.1:${web.port}`,
    automation,
    database,
    redis,
    async close() {
      await slackReceiver?.stop();
      await slackWorker?.close();
      await worker?.close();
      await web.close();
      await runtime.close();
      await redis.clear();
      await database.drop();
    },
  };
}

/** The answerer `npm start` uses without an LLM, over the sample documents. */
async function localAnswerer(runtime: Runtime): Promise<Responder> {
  await ingestDirectory(runtime.db, knowledgeDir);
  const { assistant, messages } = exampleConfig;
  const unsureText = renderMessage(pickText(messages.aiUnsure, undefined, assistant.defaultLanguage), {
    company: assistant.company,
    assistantName: assistant.name,
  });
  return createAnswerer(undefined, {
    index: new KnowledgeIndexCache(runtime.db),
    unsureText,
    limits: defaultChannelTextLimits,
    assistant,
    actions: exampleConfig.actions,
    logger: runtime.logger,
  });
}
