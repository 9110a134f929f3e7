import express, { type Request, Router } from 'express';
import { z } from 'zod';
import { assertTwilioAccount, parseTwilioInbound } from '../../channels/twilio/twilio-inbound';
import { verifyTwilioSignature } from '../../channels/twilio/twilio-signature';
import { parseTwilioStatusCallback } from '../../channels/twilio/twilio-status';
import { applyDeliveryStatus } from '../../core/delivery/apply-delivery-status';
import { BatonError } from '../../core/errors';
import { queueInboundEvent, storeInboundEvent } from '../../core/inbound/accept-inbound-message';
import type { Runtime } from '../../runtime/create-runtime';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const formBody = express.urlencoded({ extended: false, limit: '64kb' });
const ZMessageIdSchema = z.uuid();

/**
 * Twilio's webhooks. Every request must carry a valid X-Twilio-Signature for
 * PUBLIC_URL + the path it was sent to: anything else is refused with 403
 * before it is parsed or stored.
 */
export function twilioRoutes(runtime: Runtime): Router {
  const router = Router();
  const twilio = runtime.options.twilio;
  if (!twilio) return router;

  const verify = (req: Request) => {
    const url = `${runtime.options.publicUrl}${req.originalUrl}`;
    const valid = verifyTwilioSignature({
      authToken: twilio.authToken,
      url,
      params: req.body ?? {},
      signature: req.header('x-twilio-signature'),
    });
    if (!valid) {
      runtime.logger.warn({ path: req.path }, 'rejected a Twilio webhook with a missing or wrong signature');
      throw new BatonError(
        'signature_invalid',
        'X-Twilio-Signature is missing or does not match. Fix: PUBLIC_URL must be the base URL Twilio calls, and TWILIO_AUTH_TOKEN the account’s token.',
      );
    }
    assertTwilioAccount(req.body, twilio.accountSid);
  };

  router.post('/webhooks/twilio/messages', formBody, async (req, res) => {
    verify(req);
    const message = parseTwilioInbound(req.body);
    const stored = await storeInboundEvent(runtime, message);
    runtime.metrics.messagesAccepted.inc({ channel: message.channel, duplicate: String(stored.duplicate) });
    // Twilio is answered as soon as the message is durable; queueing it follows, off Twilio's
    // clock: a round trip to a busy Redis no longer lengthens the acknowledgement, and an
    // enqueue that fails is left to the recovery sweep, as when Redis is down.
    res.type('text/xml').send(EMPTY_TWIML);
    await queueInboundEvent(runtime, stored);
  });

  router.post('/webhooks/twilio/status', formBody, async (req, res) => {
    verify(req);
    const update = parseTwilioStatusCallback(req.body);
    // Baton puts its own message id in the callback URL (covered by the signature).
    const messageId = ZMessageIdSchema.safeParse(req.query.mid);
    if (messageId.success) {
      const applied = await applyDeliveryStatus(
        runtime.db,
        { messageId: messageId.data, providerMessageId: update.messageSid, ...update },
        runtime.metrics,
      );
      // A specialist's relayed reply shows its outcome in the Slack thread.
      const shown = ['delivered', 'read', 'failed', 'undelivered'].includes(update.status);
      if (applied.changed && applied.slackTs && shown)
        await runtime.dispatcher.showDelivery(messageId.data, update.status);
    }
    res.status(204).end();
  });
  return router;
}
