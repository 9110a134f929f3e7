import { Router } from 'express';
import { z } from 'zod';
import { BatonError } from '../../core/errors';
import { acceptInboundMessage } from '../../core/inbound/accept-inbound-message';
import type { Runtime } from '../../runtime/create-runtime';

const ZPhoneQuerySchema = z.object({ address: z.string().trim().min(1).max(64) });

/**
 * The simulator channel over HTTP: `POST /simulator/messages {from, text}`
 * speaks as a traveler; `GET /simulator/messages?address=` reads what Baton sent
 * to that traveler's simulated phone.
 */
export function simulatorRoutes(runtime: Runtime): Router {
  const router = Router();
  router.post('/simulator/messages', async (req, res) => {
    const message = runtime.simulator.parseInbound(req.body);
    const result = await acceptInboundMessage(runtime, message);
    runtime.metrics.messagesAccepted.inc({ channel: message.channel, duplicate: String(result.duplicate) });
    res.status(202).json({ accepted: true, duplicate: result.duplicate, id: message.providerMessageId });
  });
  router.get('/simulator/messages', async (req, res) => {
    const query = ZPhoneQuerySchema.safeParse(req.query);
    if (!query.success)
      throw new BatonError('payload_invalid', 'address: give the traveler address, e.g. ?address=alice');
    res.json({ address: query.data.address, messages: await runtime.simulator.readPhone(query.data.address) });
  });
  return router;
}
