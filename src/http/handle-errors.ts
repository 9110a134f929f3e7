import type { ErrorRequestHandler, Response } from 'express';
import { BatonError, httpStatusFor } from '../core/errors';
import { databaseUnavailableReason } from '../db/database-unavailable';
import type { Runtime } from '../runtime/create-runtime';

/** Seconds a client is told to wait before retrying a 503 (Twilio retries on its own schedule). */
export const RETRY_AFTER_SECONDS = 5;

/** 503 with Retry-After: "not now, try again", which providers retry and never count as a rejection. */
export function answerUnavailable(res: Response, message: string): void {
  res.status(503).set('Retry-After', String(RETRY_AFTER_SECONDS)).json({ error: 'dependency_unavailable', message });
}

/**
 * The last middleware: maps an error to a status and a JSON body `{ error: code, message }`.
 * PostgreSQL being away (restarting, unreachable, too slow) is 503, not 500: nothing is wrong
 * with the request, the sender should retry, and the log line says what to look at.
 */
export function handleErrors(runtime: Runtime): ErrorRequestHandler {
  return (error, req, res, _next) => {
    // The answer already went (a webhook deadline answered 503 first): nothing left to say.
    if (res.headersSent) {
      runtime.logger.debug({ err: error, route: req.route?.path }, 'request failed after it was answered');
      return;
    }
    const unavailable = databaseUnavailableReason(error);
    if (unavailable) {
      // The reason is a code or pg's message about the connection, never the query or its values.
      runtime.logger.warn(
        { reason: unavailable, method: req.method, route: req.route?.path },
        'database unavailable: answered 503 so the sender retries. Fix: check that PostgreSQL is up and reachable (DATABASE_URL), see /readyz',
      );
      answerUnavailable(res, 'database unavailable; retry later');
      return;
    }
    // body-parser's errors (bad JSON, too large, wrong charset) carry their own 4xx status.
    const parserStatus = typeof error?.status === 'number' && error.status < 500 ? error.status : undefined;
    const status = parserStatus ?? httpStatusFor(error);
    if (status >= 500) runtime.logger.error({ err: error }, 'request failed');
    const code = error instanceof BatonError ? error.code : parserStatus ? 'payload_invalid' : 'internal_error';
    const message = status >= 500 ? 'internal error; see the server log' : String(error.message ?? error);
    if (status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(status).json({ error: code, message });
  };
}
