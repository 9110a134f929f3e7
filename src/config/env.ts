import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../core/errors';
import {
  defaultDatabaseUrl,
  defaultPort,
  defaultRedisUrl,
  defaultWorkerMetricsPort,
  defaultWorkerNice,
} from './defaults';
import { crossCheckEnv, type EnvVariableName, envVariableNames, type LogLevel, ZEnvSchema } from './env.schema';

export type { LogLevel } from './env.schema';

/** Twilio is on when both credentials are set; at least one sender is then guaranteed. */
export interface TwilioEnv {
  accountSid: string;
  authToken: string;
  /** E.164 number or alphanumeric sender ID. */
  smsFrom?: string;
  messagingServiceSid?: string;
  /** Always `whatsapp:+…`. */
  whatsappFrom?: string;
  /** Base URL of the REST API, no trailing slash. */
  apiUrl: string;
}

/** Slack is on when the bot token is set; handoffs otherwise go to the simulator's inbox. */
export interface SlackEnv {
  botToken: string;
  /** Absent only in Socket Mode (app token set). */
  signingSecret?: string;
  appToken?: string;
  socketMode: boolean;
  handoffChannel: string;
  /** Base URL of the Web API, always ending with "/" (the WebClient appends method names). */
  apiUrl: string;
}

/** An LLM is used when a key or a base URL (OpenAI-compatible local server) is set. */
export interface OpenAiEnv {
  apiKey?: string;
  baseUrl?: string;
  model: string;
  /** Set only by OPENAI_EMBEDDING_MODEL: hybrid retrieval is opt-in (it re-embeds the knowledge base). */
  embeddingModel?: string;
}

export interface Env {
  databaseUrl: string;
  redisUrl: string;
  /** Namespaces Baton's Redis keys, so several deployments can share one Redis. */
  redisPrefix: string;
  port: number;
  /** Where a worker run on its own (`baton worker`) serves /metrics; null: it does not. */
  workerMetricsPort: number | null;
  /** The niceness `baton worker` gives itself (0-19): below the web, which must answer webhooks at once. */
  workerNice: number;
  /** External base URL, no trailing slash. */
  publicUrl: string;
  /** BATON_CONFIG as given; use `resolveConfigPath` for the file to load. */
  batonConfig?: string;
  logLevel: LogLevel;
  /** Key for signed media URLs; derived from other shared secrets when unset. */
  mediaSigningSecret?: string;
  twilio?: TwilioEnv;
  slack?: SlackEnv;
  openai?: OpenAiEnv;
  whatsappWeb: boolean;
  /** whatsapp-web.js: where the linked-device session lives, and the browser it drives. */
  whatsappWebDataPath: string;
  chromiumPath: string;
  /**
   * Whether /playground (no authentication) is served; read it through `playgroundOn`. Absent
   * means on, the default outside production; false with BATON_PLAYGROUND=0, or with
   * NODE_ENV=production unless BATON_PLAYGROUND=1.
   */
  playground?: boolean;
}

export const defaultTwilioApiUrl = 'https://api.twilio.com';
export const defaultSlackApiUrl = 'https://slack.com/api/';
export const defaultOpenAiModel = 'gpt-4o-mini';

/**
 * Reads and validates the environment once, at boot. Throws `ConfigError('env_invalid')`
 * listing every problem (variable, problem, fix) — never a secret's value.
 */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const isSet = (name: EnvVariableName) => (source[name] ?? '').trim() !== '';
  const parsed = ZEnvSchema.safeParse(source);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => issue.message)),
    ...crossCheckEnv(isSet),
  ];
  if (!parsed.success || problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new ConfigError(
      'env_invalid',
      problems,
      `Baton cannot start: the environment has ${count}. Fix the variables below (see .env.example) and start again.`,
    );
  }
  const v = parsed.data;
  const port = v.PORT ?? defaultPort;

  const twilio: TwilioEnv | undefined =
    v.TWILIO_ACCOUNT_SID && v.TWILIO_AUTH_TOKEN
      ? {
          accountSid: v.TWILIO_ACCOUNT_SID,
          authToken: v.TWILIO_AUTH_TOKEN,
          ...(v.TWILIO_SMS_FROM && { smsFrom: v.TWILIO_SMS_FROM }),
          ...(v.TWILIO_MESSAGING_SERVICE_SID && { messagingServiceSid: v.TWILIO_MESSAGING_SERVICE_SID }),
          ...(v.TWILIO_WHATSAPP_FROM && { whatsappFrom: v.TWILIO_WHATSAPP_FROM }),
          apiUrl: v.TWILIO_API_URL ?? defaultTwilioApiUrl,
        }
      : undefined;

  const slack: SlackEnv | undefined =
    v.SLACK_BOT_TOKEN && v.SLACK_HANDOFF_CHANNEL
      ? {
          botToken: v.SLACK_BOT_TOKEN,
          ...(v.SLACK_SIGNING_SECRET && { signingSecret: v.SLACK_SIGNING_SECRET }),
          ...(v.SLACK_APP_TOKEN && { appToken: v.SLACK_APP_TOKEN }),
          socketMode: v.SLACK_APP_TOKEN !== undefined,
          handoffChannel: v.SLACK_HANDOFF_CHANNEL,
          apiUrl: v.SLACK_API_URL ?? defaultSlackApiUrl,
        }
      : undefined;

  const openai: OpenAiEnv | undefined =
    v.OPENAI_API_KEY || v.OPENAI_BASE_URL
      ? {
          ...(v.OPENAI_API_KEY && { apiKey: v.OPENAI_API_KEY }),
          ...(v.OPENAI_BASE_URL && { baseUrl: v.OPENAI_BASE_URL }),
          model: v.OPENAI_MODEL ?? defaultOpenAiModel,
          ...(v.OPENAI_EMBEDDING_MODEL && { embeddingModel: v.OPENAI_EMBEDDING_MODEL }),
        }
      : undefined;

  const env: Env = {
    databaseUrl: v.DATABASE_URL ?? defaultDatabaseUrl,
    redisUrl: v.REDIS_URL ?? defaultRedisUrl,
    redisPrefix: v.REDIS_PREFIX ?? 'baton',
    port,
    workerMetricsPort: v.WORKER_METRICS_PORT === undefined ? defaultWorkerMetricsPort : v.WORKER_METRICS_PORT,
    workerNice: v.WORKER_NICE ?? defaultWorkerNice,
    publicUrl: v.PUBLIC_URL ?? `http://localhost:${port}`,
    ...(v.BATON_CONFIG && { batonConfig: v.BATON_CONFIG }),
    logLevel: v.LOG_LEVEL ?? 'info',
    ...(v.MEDIA_SIGNING_SECRET && { mediaSigningSecret: v.MEDIA_SIGNING_SECRET }),
    ...(twilio && { twilio: Object.freeze(twilio) }),
    ...(slack && { slack: Object.freeze(slack) }),
    ...(openai && { openai: Object.freeze(openai) }),
    whatsappWeb: v.WHATSAPP_WEB ?? false,
    whatsappWebDataPath: v.WHATSAPP_WEB_DATA_PATH ?? '.wwebjs_auth',
    chromiumPath: v.CHROMIUM_PATH ?? '/usr/bin/chromium',
    ...(v.BATON_PLAYGROUND !== undefined
      ? { playground: v.BATON_PLAYGROUND }
      : source.NODE_ENV === 'production' && { playground: false }),
  };
  return Object.freeze(env);
}

/** Whether /playground is served: yes unless BATON_PLAYGROUND=0, or NODE_ENV=production without BATON_PLAYGROUND=1. */
export function playgroundOn(env: Pick<Env, 'playground'>): boolean {
  return env.playground ?? true;
}

/** The names of every variable Baton reads (for `doctor` and docs). */
export const envVariables: readonly EnvVariableName[] = Object.freeze([...envVariableNames]);

/**
 * The directory of Baton's own package.json, found by walking up from this file, so the
 * shipped example is found from `src/` (tsx, jest), `dist/src/` (built) or node_modules.
 */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from, '..', '..');
    dir = parent;
  }
  return dir;
}

export const exampleConfigFileName = 'baton.config.example.yml';
export const defaultConfigFileName = 'baton.config.yml';

/**
 * The YAML config to load: BATON_CONFIG if set (relative to `cwd`), else
 * `./baton.config.yml` if it exists, else the example shipped with Baton.
 */
export function resolveConfigPath(env: Pick<Env, 'batonConfig'>, cwd: string = process.cwd()): string {
  if (env.batonConfig) return path.resolve(cwd, env.batonConfig);
  const local = path.resolve(cwd, defaultConfigFileName);
  if (existsSync(local)) return local;
  return path.join(packageRoot(), exampleConfigFileName);
}
