import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { WhatsappWebChannel } from '../channels/whatsapp-web/whatsapp-web.channel';
import type { WhatsappWebClient } from '../channels/whatsapp-web/whatsapp-web-client';
import { createWhatsappWebClient } from '../channels/whatsapp-web/whatsapp-web-client';
import { acceptInboundMessage } from '../core/inbound/accept-inbound-message';
import { createOutboundProcessor } from '../core/queues/processors';
import { queueNames } from '../core/queues/queue-names';
import type { Runtime } from './create-runtime';

export interface WhatsappWebOptions {
  /** Where the linked-device session is kept (a persistent volume in production). */
  dataPath: string;
  executablePath: string;
  /** Tests pass a fake of the library's client; production builds the real one. */
  clientFactory?: () => WhatsappWebClient | Promise<WhatsappWebClient>;
  lock?: { ttlMs?: number; retryEveryMs?: number };
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
  const deliveries = new Worker(
    queueNames.outboundWhatsappWeb,
    createOutboundProcessor({ db: runtime.db, channels: runtime.channels, logger, dispatcher: runtime.dispatcher }),
    { connection, prefix: runtime.options.redisPrefix, concurrency: 4, autorun: false },
  );
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
    onInbound: async (message) => {
      await acceptInboundMessage(runtime, message);
    },
    onStatusChange: (status) => {
      const ready = status.owner && status.state === 'ready';
      if (ready && !consuming) {
        consuming = true;
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
      connection.disconnect();
    },
  };
}
