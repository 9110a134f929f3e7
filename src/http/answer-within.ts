import type { RequestHandler } from 'express';
import type { Logger } from '../core/logger';
import { answerUnavailable } from './handle-errors';

/**
 * A webhook is answered within 4 s whatever happens below it. Storing a message takes
 * milliseconds; when it takes seconds PostgreSQL is not answering (a partition, an overloaded
 * server), and waiting up to the pool's own limits (5 s to connect, 35 s per query) would run
 * past the provider's timeout (Twilio gives up after 15 s) and pile up requests. Answering 503
 * then is safe: if the message does get stored later, the provider's retry is a duplicate
 * (same MessageSid), taken once and answered 200.
 */
export const WEBHOOK_DEADLINE_MS = 4000;

export function answerWithin(ms: number, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      logger.warn(
        { path: req.baseUrl + req.path, deadlineMs: ms },
        'webhook not done in time (is PostgreSQL answering? see /readyz): answered 503 so the sender retries',
      );
      answerUnavailable(res, `not answered within ${ms} ms; retry later`);
    }, ms);
    timer.unref();
    res.on('finish', () => clearTimeout(timer));
    res.on('close', () => clearTimeout(timer));
    next();
  };
}
