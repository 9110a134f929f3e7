import { App, ExpressReceiver, LogLevel, SocketModeReceiver, webApi } from '@slack/bolt';
import express, { type RequestHandler } from 'express';
import { BatonError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { createBoltLogger, summarizeError } from './bolt-logger';
import { slackAuthRemedy, slackErrorInfo } from './slack-error-info';

export { type SlackAuthErrorCode, type SlackErrorInfo, slackAuthRemedy, slackErrorInfo } from './slack-error-info';

/** Where Slack sends events, interactivity (buttons, modals), shortcuts and options in HTTP mode. */
export const slackEventsPath = '/slack/events';

const defaultRequestTimeoutMs = 10_000;

export interface SlackAppOptions {
  botToken: string;
  /** Required in HTTP mode: Bolt checks every request's signature and timestamp with it. */
  signingSecret?: string;
  /** App-level token (xapp-…); Socket Mode needs it. */
  appToken?: string;
  socketMode: boolean;
  /** Web API base URL ending with "/" (`SlackEnv.apiUrl`); tests point it at a fake server. */
  apiUrl: string;
  logger: Logger;
  /** Abort a Web API call after this long (a transient error). Default 10 s. */
  requestTimeoutMs?: number;
}

export interface SlackApp {
  /** Register listeners here (`app.event`, `app.action`, `app.shortcut`, `app.view`); `app.client` posts. */
  app: App;
  /**
   * HTTP mode: serves `POST /slack/events`. Mount it before any body parser — Bolt verifies the
   * signature over the raw bytes, so a request whose body was already read cannot be verified.
   * `null` in Socket Mode.
   */
  router: express.Router | null;
  /**
   * Checks the bot token (auth.test, which also tells Bolt its own bot ids so it drops its own
   * echoes) and, in Socket Mode, opens the socket. Until it resolves the router answers 503, which
   * Slack retries. Rejects with a BatonError naming the variable to fix.
   */
  start(): Promise<void>;
  /** HTTP mode: new Slack requests get 503 (Slack retries them); Socket Mode: closes the socket. */
  stop(): Promise<void>;
}

/**
 * Bolt wired into Baton: Web API calls go to `apiUrl` with Bolt's retries off (Baton's Slack
 * queue retries, honouring Retry-After, so a 429 surfaces at once as an error `slackErrorInfo`
 * reads), Bolt's logs go to pino, and a failing listener is logged without failing the request.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const logger = options.logger.child({ component: 'slack' });
  const boltLogger = createBoltLogger(options.logger);
  const clientOptions = webClientOptions(options);
  const socketMode = options.socketMode && options.appToken !== undefined;
  if (options.socketMode && !socketMode) {
    throw new BatonError(
      'config_invalid',
      'Slack Socket Mode needs an app-level token. Fix: set SLACK_APP_TOKEN (xapp-…).',
    );
  }
  if (!socketMode && !options.signingSecret) {
    throw new BatonError(
      'config_invalid',
      'Slack over HTTP needs the signing secret to verify requests. Fix: set SLACK_SIGNING_SECRET (Basic Information → App Credentials), or SLACK_APP_TOKEN for Socket Mode.',
    );
  }

  let ready = false;
  let router: express.Router | null = null;
  let receiver: ExpressReceiver | SocketModeReceiver;
  if (socketMode) {
    receiver = new SocketModeReceiver({
      appToken: options.appToken as string,
      logger: boltLogger,
      logLevel: LogLevel.WARN,
      // The socket's own client (apps.connections.open) keeps a few retries: reconnecting after
      // a network blip must not need a restart.
      installerOptions: { clientOptions: { ...clientOptions, retryConfig: { retries: 5, factor: 1.5 } } },
    });
  } else {
    router = express.Router();
    router.post(
      slackEventsPath,
      refuseUntilReady(() => ready, logger),
    );
    receiver = new ExpressReceiver({
      signingSecret: options.signingSecret as string,
      logger: boltLogger,
      logLevel: LogLevel.WARN,
      endpoints: slackEventsPath,
      router,
      // Listeners persist and enqueue before Slack gets its 200: an event is answered only once
      // it is safe, and Slack's retry covers a crash in between (listeners must stay well
      // under Slack's 3-second limit — real work goes to queues).
      processBeforeResponse: true,
    });
  }

  const app = new App({
    token: options.botToken,
    receiver,
    socketMode,
    logger: boltLogger,
    logLevel: LogLevel.WARN,
    clientOptions,
    // auth.test runs in start(), awaited, instead of as a floating promise in the constructor
    // (an unreachable Slack would otherwise be an unhandled rejection).
    deferInitialization: true,
    extendedErrorHandler: true,
  });

  // Bolt's extended error handler (extendedErrorHandler: true) also gets the request body.
  app.error(async ({ error, body }: { error: Error; body?: unknown }) => {
    try {
      const cause = (error as { original?: unknown }).original ?? error;
      logger.error(
        { err: summarizeError(cause), slack: slackErrorInfo(cause), request: describeRequest(body) },
        'slack listener failed',
      );
    } catch {
      // Logging must never turn into a failed Slack request.
    }
  });

  let starting: Promise<void> | undefined;
  let socketStarted = false;
  return {
    app,
    router,
    start() {
      starting ??= (async () => {
        await initialize(app);
        if (socketMode) {
          await app.start().catch((error: unknown) => {
            throw startError(error, 'SLACK_APP_TOKEN', 'open the Socket Mode connection');
          });
          socketStarted = true;
        }
        ready = true;
      })().catch((error: unknown) => {
        starting = undefined;
        throw error;
      });
      return starting;
    },
    async stop() {
      ready = false;
      starting = undefined;
      if (socketStarted) {
        socketStarted = false;
        await app.stop();
      }
    },
  };
}

/**
 * A WebClient configured exactly like the app's (`apiUrl`, no retries, 429 rejected at once,
 * timeout, logs to pino), for a process that posts to Slack without receiving from it (a worker).
 */
export function createSlackWebClient(
  options: Pick<SlackAppOptions, 'botToken' | 'apiUrl' | 'logger' | 'requestTimeoutMs'>,
): webApi.WebClient {
  return new webApi.WebClient(options.botToken, {
    ...webClientOptions(options),
    logger: createBoltLogger(options.logger),
  });
}

function webClientOptions(options: Pick<SlackAppOptions, 'apiUrl' | 'requestTimeoutMs'>): webApi.WebClientOptions {
  return {
    slackApiUrl: options.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.requestTimeoutMs ?? defaultRequestTimeoutMs,
  };
}

async function initialize(app: App): Promise<void> {
  try {
    await app.init();
  } catch (error) {
    throw startError(error, 'SLACK_BOT_TOKEN', 'check the bot token (auth.test)');
  }
}

function startError(error: unknown, variable: string, what: string): BatonError {
  const info = slackErrorInfo(error);
  const fix =
    info.kind === 'auth'
      ? `Slack answered ${info.code}. Fix: check ${variable}; ${slackAuthRemedy(info.code)}`
      : info.kind === 'permanent'
        ? `Slack answered ${info.code}. Fix: check ${variable} and SLACK_API_URL.`
        : 'Slack is unreachable or busy. Fix: check the network and SLACK_API_URL, then start again.';
  return new BatonError('dependency_unavailable', `cannot ${what}: ${fix}`, { cause: error });
}

/**
 * Before start() has checked the token Bolt cannot authorize a request and would drop it with a
 * 200; a 503 makes Slack retry it instead. Also catches a body parser mounted in front of the
 * router, which would make every request fail verification.
 */
function refuseUntilReady(isReady: () => boolean, logger: Logger): RequestHandler {
  return (req, res, next) => {
    if (req.readableEnded) {
      logger.error('the Slack router is mounted after a body parser; mount it before express.json()');
      res.status(500).json({ error: 'internal_error', message: 'Slack request body already consumed' });
      return;
    }
    if (!isReady()) {
      res.status(503).set('Retry-After', '1').json({ error: 'dependency_unavailable', message: 'Slack is starting' });
      return;
    }
    next();
  };
}

/** Ids that say which request failed, never its text. */
function describeRequest(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null) return {};
  const b = body as Record<string, unknown> & {
    event?: { type?: unknown; subtype?: unknown };
    actions?: Array<{ action_id?: unknown }>;
    view?: { callback_id?: unknown };
  };
  return {
    type: b.type,
    ...(b.event_id !== undefined && { eventId: b.event_id }),
    ...(b.event?.type !== undefined && { eventType: b.event.type, subtype: b.event.subtype }),
    ...(b.callback_id !== undefined && { callbackId: b.callback_id }),
    ...(b.view?.callback_id !== undefined && { callbackId: b.view.callback_id }),
    ...(Array.isArray(b.actions) && { actionIds: b.actions.map((a) => a.action_id) }),
  };
}
