import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { createConversationSummarizer } from '../../ai/summary/create-conversation-summarizer';
import { BatonError } from '../../core/errors';
import { cachedPermalinks, type PermalinkSource } from '../../handoff/managers/thread-links';
import { webClientSlackApi } from '../../handoff/slack/slack-api';
import { createSlackWebClient } from '../../handoff/slack/slack-app';
import { startActionFromSlack } from '../../handoff/start-action-from-slack';
import { changeHandoffFromPlayground } from '../../playground/change-handoff-from-playground';
import { loadPlaygroundConversation } from '../../playground/load-playground-conversation';
import { loadPlaygroundInbox } from '../../playground/load-playground-inbox';
import { loadPlaygroundPhone } from '../../playground/load-playground-phone';
import type { PlaygroundSetup } from '../../playground/playground-api';
import { PlaygroundChangeFeed } from '../../playground/playground-change-feed';
import {
  defaultPlaygroundAssetsDir,
  PLAYGROUND_SPECIALIST_ID,
  type PlaygroundOptions,
} from '../../playground/playground-options';
import { databaseChangeMarkers } from '../../playground/read-change-markers';
import { requirePlaygroundConversation } from '../../playground/require-playground-conversation';
import { sendSpecialistReply } from '../../playground/send-specialist-reply';
import { tagConversationFromPlayground } from '../../playground/tag-conversation-from-playground';
import type { Runtime } from '../../runtime/create-runtime';

const ZAddressSchema = z.string().trim().min(1).max(64);
const ZStateCommandSchema = z.object({ command: z.enum(['claim', 'hand_back', 'resolve']) });
const ZTagsSchema = z.object({ tags: z.array(z.string().trim().min(1).max(60)).max(50) });
const ZStartActionSchema = z.object({ actionId: z.string().trim().min(1).max(100) });
const ZReplySchema = z.object({
  text: z.string().trim().min(1).max(4000),
  /** Makes a retried send store the reply once. */
  clientId: z.string().trim().min(1).max(100).optional(),
});
const ZEventsQuerySchema = z.object({
  conversation: z.string().trim().min(1).max(64).optional(),
  phone: ZAddressSchema.optional(),
});

export interface PlaygroundRoutes {
  router: Router;
  /** Ends the open event streams (they would otherwise hold the server open at shutdown). */
  close(): void;
}

/**
 * `/playground`: a simulated traveler's phone beside the specialist's handoff inbox, for
 * trying Baton without accounts. Specialist actions go through the same functions as
 * Slack's buttons and modals. No authentication: off in production unless
 * BATON_PLAYGROUND=1 (`options` null = off).
 */
export function playgroundRoutes(runtime: Runtime, options: PlaygroundOptions | null): PlaygroundRoutes {
  const router = Router();
  if (!options) {
    router.use('/playground', (_req, res) => {
      res.status(404).json({
        error: 'playground_off',
        message:
          'the playground is off (it is off with NODE_ENV=production or BATON_PLAYGROUND=0). It has no authentication: turn it on with BATON_PLAYGROUND=1 only where nobody else can reach it.',
      });
    });
    return { router, close: () => {} };
  }
  const assetsDir = options.assetsDir ?? defaultPlaygroundAssetsDir();
  const deps = {
    db: runtime.db,
    dispatcher: runtime.dispatcher,
    logger: runtime.logger,
    automation: options.automation,
    limits: options.limits,
  };
  const view = {
    db: runtime.db,
    automation: options.automation,
    summarize: createConversationSummarizer(runtime.db),
    slack: slackPermalinks(runtime),
  };
  const feed = new PlaygroundChangeFeed({
    read: databaseChangeMarkers(runtime.db),
    logger: runtime.logger,
    intervalMs: options.pollIntervalMs ?? 400,
  });
  const { config } = options.automation;
  const setup: PlaygroundSetup = {
    specialistId: PLAYGROUND_SPECIALIST_ID,
    assistant: { name: config.assistant.name, company: config.assistant.company },
    tags: config.tags,
    actions: config.actions.map((action) => ({ id: action.id, title: action.title })),
    slack: runtime.options.slack ? { handoffChannel: runtime.options.slack.handoffChannel } : null,
  };

  router.get(['/playground', '/playground/'], (_req, res) => {
    const index = path.join(assetsDir, 'index.html');
    if (!existsSync(index)) {
      res.status(503).type('html').send(notBuiltPage);
      return;
    }
    res.sendFile(index, { headers: { 'cache-control': 'no-cache' } });
  });
  // Every conversation route: simulator conversations only.
  router.param('id', async (_req, _res, next, id: string) => {
    await requirePlaygroundConversation(runtime.db, id);
    next();
  });
  router.get('/playground/api/setup', (_req, res) => {
    res.json(setup);
  });
  router.get('/playground/api/inbox', async (_req, res) => {
    res.json(await loadPlaygroundInbox(runtime.db));
  });
  router.get('/playground/api/conversations/:id', async (req, res) => {
    res.json(await loadPlaygroundConversation(view, req.params.id));
  });
  router.post('/playground/api/conversations/:id/state', async (req, res) => {
    const { command } = parse(ZStateCommandSchema, req.body);
    const change = await changeHandoffFromPlayground(deps, {
      conversationId: req.params.id,
      command,
      specialistId: PLAYGROUND_SPECIALIST_ID,
    });
    res.json({ changed: change.changed, state: change.to });
  });
  router.put('/playground/api/conversations/:id/tags', async (req, res) => {
    const { tags } = parse(ZTagsSchema, req.body);
    const changes = await tagConversationFromPlayground(deps, {
      conversationId: String(req.params.id),
      tags,
      specialistId: PLAYGROUND_SPECIALIST_ID,
    });
    res.json(changes);
  });
  router.post('/playground/api/conversations/:id/actions', async (req, res) => {
    const { actionId } = parse(ZStartActionSchema, req.body);
    const outcome = await startActionFromSlack(deps, {
      conversationId: String(req.params.id),
      actionId,
      userId: PLAYGROUND_SPECIALIST_ID,
    });
    if (!outcome.started) throw new BatonError('conflict', `not started: ${outcome.reason}.`);
    res.json(outcome);
  });
  router.post('/playground/api/conversations/:id/replies', async (req, res) => {
    const reply = parse(ZReplySchema, req.body);
    const result = await sendSpecialistReply(deps, {
      conversationId: String(req.params.id),
      specialistId: PLAYGROUND_SPECIALIST_ID,
      text: reply.text,
      clientId: reply.clientId ?? randomUUID(),
    });
    res.status(result.sent ? 201 : 200).json({ sent: result.sent, claimed: result.claimed });
  });
  router.get('/playground/api/phone', async (req, res) => {
    const address = ZAddressSchema.safeParse(req.query.address);
    if (!address.success)
      throw new BatonError('payload_invalid', 'address: give the traveler address, e.g. ?address=alice');
    res.json(await loadPlaygroundPhone(runtime, address.data));
  });
  router.get('/playground/api/events', (req, res) => streamChanges(feed, req, res));
  // Vite names built files by content: they never change under their name.
  const assets = express.static(path.join(assetsDir, 'assets'), { index: false, immutable: true, maxAge: '365d' });
  router.use('/playground/assets', assets);
  return { router, close: () => feed.close() };
}

/** Server-sent events: `change` names the views to fetch again (see PlaygroundChange). */
function streamChanges(feed: PlaygroundChangeFeed, req: Request, res: Response): void {
  const watch = parse(ZEventsQuerySchema, req.query);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // Proxies such as nginx would otherwise hold the events back.
    'x-accel-buffering': 'no',
  });
  res.write('retry: 2000\n\n');
  // A comment now and then keeps idle proxies and load balancers from dropping the stream.
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  heartbeat.unref();
  const unsubscribe = feed.subscribe(
    { conversationId: watch.conversation, phone: watch.phone },
    {
      change: (change) => res.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`),
      close: () => res.end(),
    },
  );
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
  throw new BatonError('payload_invalid', problems);
}

/** Thread links on the card, when handoffs go to Slack. */
function slackPermalinks(runtime: Runtime): PermalinkSource | undefined {
  const slack = runtime.options.slack;
  if (!slack) return undefined;
  const client = createSlackWebClient({ botToken: slack.botToken, apiUrl: slack.apiUrl, logger: runtime.logger });
  return cachedPermalinks(webClientSlackApi(client));
}

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Baton playground: not built</title></head>
<body style="font: 16px/1.5 system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem">
<h1>The playground is not built yet</h1>
<p>Run <code>npm run build</code> (or only <code>npm run build:playground</code>) in Baton's folder, then reload this page.</p>
</body></html>`;
