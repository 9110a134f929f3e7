import { Redis } from 'ioredis';
import qrcode from 'qrcode-terminal';
import { readWhatsappWebQr, readWhatsappWebStatus } from '../channels/whatsapp-web/session-state-store';
import type { Env } from '../config/env';

/**
 * `baton whatsapp`: the whatsapp-web.js session as the owning worker last
 * reported it, and the QR to scan when it waits for one. Read from Redis, so
 * it works from any machine of the deployment.
 */
export async function showWhatsappWeb(env: Env, write: (text: string) => void): Promise<boolean> {
  const redis = new Redis(env.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const status = await readWhatsappWebStatus(redis, env.redisPrefix);
    if (!status) {
      write(
        env.whatsappWeb
          ? 'No worker has reported a whatsapp-web.js session yet: is a worker running with WHATSAPP_WEB=1?\n'
          : 'whatsapp-web.js is off (set WHATSAPP_WEB=1 on the worker).\n',
      );
      return false;
    }
    write(
      `state: ${status.state} since ${status.since}${status.lastError ? ` (last error: ${status.lastError})` : ''}\n`,
    );
    const qr = await readWhatsappWebQr(redis, env.redisPrefix);
    if (qr) {
      write('Scan this with WhatsApp on the company phone (Settings → Linked devices → Link a device):\n');
      await new Promise<void>((resolve) =>
        qrcode.generate(qr.qr, { small: true }, (drawn) => {
          write(`${drawn}\n`);
          resolve();
        }),
      );
    }
    return status.state === 'ready';
  } finally {
    redis.disconnect();
  }
}
