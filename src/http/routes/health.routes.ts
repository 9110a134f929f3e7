import { Router } from 'express';
import { readWhatsappWebStatus } from '../../channels/whatsapp-web/session-state-store';
import type { Runtime } from '../../runtime/create-runtime';

const CHECK_TIMEOUT_MS = 2000;

async function check(probe: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness (the process answers), readiness (PostgreSQL and Redis answer), Prometheus metrics. */
export function healthRoutes(runtime: Runtime): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [database, redis] = await Promise.all([
      check(() => runtime.db.$queryRaw`SELECT 1 AS ok`),
      check(() => runtime.redis.ping()),
    ]);
    const ready = database.ok && redis.ok;
    // Channel detail informs operators (e.g. a WhatsApp session waiting for its QR scan)
    // without failing readiness: the web process can serve everything else.
    const channels = runtime.options.whatsappWeb
      ? {
          whatsapp_web: (await readWhatsappWebStatus(runtime.redis, runtime.options.redisPrefix).catch(() => null)) ?? {
            state: 'unknown',
          },
        }
      : undefined;
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : 'unavailable', checks: { database, redis }, ...(channels && { channels }) });
  });
  router.get('/metrics', async (_req, res) => {
    res.type(runtime.metrics.registry.contentType).send(await runtime.metrics.registry.metrics());
  });
  return router;
}
