import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { BatonError, httpStatusFor } from '../core/errors';
import type { Runtime } from '../runtime/create-runtime';
import { healthRoutes } from './routes/health.routes';
import { mediaRoutes } from './routes/media.routes';
import type { PlaygroundRoutes } from './routes/playground.routes';
import { simulatorRoutes } from './routes/simulator.routes';
import { twilioRoutes } from './routes/twilio.routes';

const BODY_LIMIT = '256kb';

/** Baton's HTTP surface. Routes only validate, record, enqueue and answer; logic lives in the modules. */
export function createApp(
  runtime: Runtime,
  options: { slackRouter?: express.Router | null; playground?: PlaygroundRoutes | null; simulator?: boolean } = {},
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(timeRequests(runtime));
  app.use(healthRoutes(runtime));
  app.use(mediaRoutes(runtime));
  // Twilio posts forms and Bolt verifies Slack's raw bytes: both parse their own bodies, so
  // they come before the JSON parser.
  app.use(twilioRoutes(runtime));
  if (options.slackRouter) app.use(options.slackRouter);
  app.use(express.json({ limit: BODY_LIMIT }));
  // Anyone reaching these can speak as a traveler: off in production unless BATON_PLAYGROUND=1.
  if (options.simulator !== false) app.use(simulatorRoutes(runtime));
  if (options.playground) app.use(options.playground.router);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'no such route' });
  });
  app.use(handleErrors(runtime));
  return app;
}

function timeRequests(runtime: Runtime): RequestHandler {
  return (req, res, next) => {
    const end = runtime.metrics.httpRequestSeconds.startTimer();
    res.on('finish', () => end({ route: req.route?.path ?? req.path, status: String(res.statusCode) }));
    next();
  };
}

function handleErrors(runtime: Runtime): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    // body-parser's errors (bad JSON, too large, wrong charset) carry their own 4xx status.
    const parserStatus = typeof error?.status === 'number' && error.status < 500 ? error.status : undefined;
    const status = parserStatus ?? httpStatusFor(error);
    if (status >= 500) runtime.logger.error({ err: error }, 'request failed');
    const code = error instanceof BatonError ? error.code : parserStatus ? 'payload_invalid' : 'internal_error';
    const message = status >= 500 ? 'internal error; see the server log' : String(error.message ?? error);
    res.status(status).json({ error: code, message });
  };
}
