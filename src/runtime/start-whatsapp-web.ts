import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { WhatsappWebChannel } from '../channels/whatsapp-web/whatsapp-web.channel';
import type { WhatsappWebClient } from '../channels/whatsapp-web/whatsapp-web-client';
import { createWhatsappWebClient } from '../channels/whatsapp-web/whatsapp-web-client';
import { acceptInboundMessage } from '../core/inbound/accept-inbound-message';
import { queueNames } from '../core/queues/queue-names';
import { createWhatsappQrPoster } from '../handoff/post-whatsapp-qr';
import { webClientSlackApi } from '../handoff/slack/slack-api';
import { createSlackWebClient } from '../handoff/slack/slack-app';
import type { Runtime } from './create-runtime';
import { outboundProcessorFor } from './start-worker';

export interface WhatsappWebOptions {
  /** Where the linked-device session is kept (a persistent volume in production). */
  dataPath: string;
  executablePath: string;
  /** Tests pass a fake of the library's client; production builds the real one. */
  clientFactory?: () => WhatsappWebClient | Promise<WhatsappWebClient>;
  lock?: { ttlMs?: number; retryEveryMs?: number };
  /** Who else learns that the phone must (re)link Baton, e.g. `whatsappQrToSlack`. */
  linking?: WhatsappLinkingHooks;
  /** Drawing the QR in the terminal (default on); `false` turns it off. */
  printQr?: false;
}

/** Follows the session's linking; only the process owning the session calls these. */
export interface WhatsappLinkingHooks {
  /** Every QR WhatsApp shows while linking is needed (~every 20 s). A credential: never log it. */
  onQr?(qr: string): void;
  /** The session became ready (linked just now, or restored from the saved session). */
  onReady?(): void;
  /** Called once the channel has stopped. */
  close?(): Promise<void>;
}

export interface RunningWhatsappWeb {
  channel: WhatsappWebChannel;
  close(): Promise<void>;
}

/**
 * Runs the whatsapp-web.js channel in this process. Only the process holding
 * the session lock drives the browser; its deliveries have their own queue,
 * which this process consumes only while its session is ready.
 */
export async function startWhatsappWeb(runtime: Runtime, options: WhatsappWebOptions): Promise<RunningWhatsappWeb> {
  const { logger } = runtime;
  const connection = new Redis(runtime.options.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (error) => logger.warn({ err: error }, 'whatsapp-web queue connection error'));
  const deliveries = new Worker(queueNames.outboundWhatsappWeb, outboundProcessorFor(runtime), {
    connection,
    prefix: runtime.options.redisPrefix,
    concurrency: 4,
    autorun: false,
  });
  deliveries.on('error', (error) => logger.warn({ err: error }, 'whatsapp-web delivery worker error'));
  let consuming = false;

  const channel = new WhatsappWebChannel({
    redis: runtime.redis,
    keyPrefix: runtime.options.redisPrefix,
    lock: options.lock,
    clientFactory:
      options.clientFactory ??
      (() =>
        createWhatsappWebClient({
          dataPath: options.dataPath,
          clientId: 'baton',
          executablePath: options.executablePath,
        })),
    mediaStore: runtime.media,
    logger,
    printQr: options.printQr,
    onQr: (qr) => options.linking?.onQr?.(qr),
    onInbound: async (message) => {
      await acceptInboundMessage(runtime, message);
    },
    onStatusChange: (status) => {
      const ready = status.owner && status.state === 'ready';
      if (ready && !consuming) {
        consuming = true;
        options.linking?.onReady?.();
        if (deliveries.isPaused()) deliveries.resume();
        else if (!deliveries.isRunning()) void deliveries.run();
      } else if (!ready && consuming) {
        consuming = false;
        void deliveries.pause(true);
      }
    },
  });
  runtime.channels.whatsapp_web = channel.adapter;
  await channel.start();
  return {
    channel,
    async close() {
      await deliveries.close();
      await channel.stop();
      await options.linking?.close?.();
      connection.disconnect();
    },
  };
}

/**
 * Posts the linking QR to the Slack handoff channel (see `createWhatsappQrPoster`), with a
 * WebClient of its own configured like the bridge's. Needs Slack configured (SLACK_BOT_TOKEN).
 */
export function whatsappQrToSlack(
  runtime: Runtime,
  handoffChannel: string,
  options: { minIntervalMs?: number } = {},
): WhatsappLinkingHooks {
  const env = runtime.options.slack;
  if (!env) throw new Error('Slack is not configured');
  const client = createSlackWebClient({ botToken: env.botToken, apiUrl: env.apiUrl, logger: runtime.logger });
  return createWhatsappQrPoster({
    slack: webClientSlackApi(client, runtime.metrics),
    channel: handoffChannel,
    logger: runtime.logger,
    minIntervalMs: options.minIntervalMs,
  });
}
