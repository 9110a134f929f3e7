import express, { type Express, type RequestHandler } from 'express';
import type { Runtime } from '../runtime/create-runtime';
import { answerWithin, WEBHOOK_DEADLINE_MS } from './answer-within';
import { handleErrors } from './handle-errors';
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
  // A provider waiting on a webhook gets an answer in time, even from a server whose database hangs.
  app.use('/webhooks', answerWithin(WEBHOOK_DEADLINE_MS, runtime.logger));
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
