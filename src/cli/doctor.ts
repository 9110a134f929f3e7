import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { automationSettingsFrom } from '../actions/automation-settings';
import { createOpenAiClient, openAiApiUrl } from '../ai/llm/create-openai-client';
import { describeLlmFailure } from '../ai/llm/describe-llm-failure';
import { ConfigError } from '../core/errors';
import { createLogger } from '../core/logger';
import { redactUrl } from '../core/redact-url';
import { listMigrationNames } from '../db/migrate';
import { createSlackWebClient, slackAuthRemedy, slackErrorInfo } from '../handoff/slack/slack-app';
import { loadSettings, type Settings } from './load-settings';

export interface DoctorCheck {
  name: string;
  ok: boolean;
  detail: string;
}

const TIMEOUT_MS = 3000;

function problemText(error: unknown): string {
  if (error instanceof ConfigError) return error.problems.join('\n      ');
  return error instanceof Error ? error.message : String(error);
}

async function checkPostgres(databaseUrl: string): Promise<DoctorCheck> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: TIMEOUT_MS });
  const where = redactUrl(databaseUrl);
  try {
    await client.connect();
    const table = await client.query(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
    const applied = table.rows[0]?.present
      ? (
          await client.query(
            'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
          )
        ).rows.map((row) => row.migration_name as string)
      : [];
    const pending = listMigrationNames().filter((name) => !applied.includes(name));
    if (pending.length > 0) {
      return {
        name: 'PostgreSQL',
        ok: false,
        detail: `${where}: ${pending.length} migration(s) pending. Fix: run "baton migrate" (or "baton start", which applies them).`,
      };
    }
    return { name: 'PostgreSQL', ok: true, detail: `${where}: reachable, schema up to date` };
  } catch (error) {
    const missingDatabase = (error as { code?: string }).code === '3D000';
    const fix = missingDatabase
      ? 'run "baton migrate" (or "baton start"), which creates it'
      : 'start PostgreSQL or set DATABASE_URL to a reachable server';
    return { name: 'PostgreSQL', ok: false, detail: `${where}: ${problemText(error)}. Fix: ${fix}.` };
  } finally {
    await client.end().catch(() => {});
  }
}

async function checkRedis(redisUrl: string): Promise<DoctorCheck> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    const pong = await redis.ping();
    return { name: 'Redis', ok: pong === 'PONG', detail: `${redactUrl(redisUrl)}: ${pong}` };
  } catch (error) {
    return {
      name: 'Redis',
      ok: false,
      detail: `${redactUrl(redisUrl)}: ${problemText(error)}. Fix: start Redis or set REDIS_URL.`,
    };
  } finally {
    redis.disconnect();
  }
}

/** Asks Slack whether the bot token works (auth.test), the check Baton also makes at start. */
async function checkSlack(settings: Settings): Promise<DoctorCheck> {
  const slack = settings.env.slack;
  if (!slack) return { name: 'Slack', ok: true, detail: "not configured: handoffs stay in Baton's own inbox" };
  const channel = settings.config.slack.handoffChannel ?? slack.handoffChannel;
  const logger = createLogger({ level: 'silent' });
  try {
    const client = createSlackWebClient({
      botToken: slack.botToken,
      apiUrl: slack.apiUrl,
      logger,
      requestTimeoutMs: TIMEOUT_MS,
    });
    const auth = await client.auth.test();
    return {
      name: 'Slack',
      ok: true,
      detail: `bot token works (team ${auth.team ?? auth.team_id}); handoffs go to ${channel}`,
    };
  } catch (error) {
    const info = slackErrorInfo(error);
    const detail =
      info.kind === 'auth'
        ? `Slack answered ${info.code}. Fix: ${slackAuthRemedy(info.code)}`
        : info.kind === 'permanent'
          ? `Slack answered ${info.code}. Fix: check SLACK_BOT_TOKEN and SLACK_API_URL.`
          : 'Slack did not answer. Fix: check the network and SLACK_API_URL.';
    return { name: 'Slack', ok: false, detail };
  }
}

function integrationChecks(settings: Settings): DoctorCheck[] {
  const { env } = settings;
  return [
    {
      name: 'Twilio',
      ok: true,
      detail: env.twilio ? 'credentials set' : 'not configured: SMS and WhatsApp via Twilio are off',
    },
    {
      name: 'WhatsApp (whatsapp-web.js)',
      ok: !env.whatsappWeb || existsSync(env.chromiumPath),
      detail: !env.whatsappWeb
        ? 'off'
        : existsSync(env.chromiumPath)
          ? `browser ${env.chromiumPath}; session in ${env.whatsappWebDataPath} (see "baton whatsapp")`
          : `no browser at ${env.chromiumPath}. Fix: apt-get install chromium, or set CHROMIUM_PATH.`,
    },
  ];
}

/** Asks the model server which models it has (GET /models): reachable, key accepted, models present. */
async function checkAi(settings: Settings): Promise<DoctorCheck> {
  const openai = settings.env.openai;
  if (!openai) {
    return { name: 'AI', ok: true, detail: 'no OPENAI_API_KEY or OPENAI_BASE_URL: the local answerer is used' };
  }
  const where = redactUrl(openai.baseUrl ?? openAiApiUrl);
  const hybrid = openai.embeddingModel ? `hybrid retrieval with ${openai.embeddingModel}` : 'lexical retrieval';
  try {
    const client = createOpenAiClient(openai, { timeoutMs: TIMEOUT_MS, maxRetries: 0 });
    const listed = (await client.models.list()).data.map((model) => model.id);
    const wanted = [openai.model, ...(openai.embeddingModel ? [openai.embeddingModel] : [])];
    // Some compatible servers list nothing; only a list that leaves a model out is a problem.
    const missing = listed.length > 0 ? wanted.filter((model) => !listed.includes(model)) : [];
    if (missing.length > 0) {
      return {
        name: 'AI',
        ok: false,
        detail: `${where} has no model ${missing.join(', ')}. Fix: set OPENAI_MODEL / OPENAI_EMBEDDING_MODEL to one it lists (${listed.slice(0, 5).join(', ')}), or pull it on that server.`,
      };
    }
    return { name: 'AI', ok: true, detail: `${where} answers; model ${openai.model}; ${hybrid}` };
  } catch (error) {
    const failure = describeLlmFailure(error);
    const status = failure.status ? ` (HTTP ${failure.status})` : '';
    return { name: 'AI', ok: false, detail: `${where}: ${failure.reason}${status}. Fix: ${failure.fix}` };
  }
}

/** Checks env, config, PostgreSQL and Redis and says what is wrong and how to fix it. */
export async function runDoctor(source: Record<string, string | undefined> = process.env): Promise<DoctorCheck[]> {
  let settings: Settings;
  try {
    settings = loadSettings(source);
    // Webhook secrets named by the config must be set: Baton would refuse to start otherwise.
    automationSettingsFrom(settings.config, source);
  } catch (error) {
    return [{ name: 'Configuration', ok: false, detail: problemText(error) }];
  }
  const checks: DoctorCheck[] = [
    { name: 'Configuration', ok: true, detail: `env valid; config ${settings.configPath} valid` },
  ];
  checks.push(
    ...(await Promise.all([
      checkPostgres(settings.env.databaseUrl),
      checkRedis(settings.env.redisUrl),
      checkSlack(settings),
      checkAi(settings),
    ])),
  );
  checks.push(...integrationChecks(settings));
  return checks;
}

export function formatDoctor(checks: DoctorCheck[]): string {
  return checks.map((check) => `${check.ok ? '✔' : '✖'} ${check.name}: ${check.detail}`).join('\n');
}
