import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { webApi } from '@slack/bolt';
import express from 'express';
import pino from 'pino';
import { parse as parseYaml } from 'yaml';
import { BatonError } from '../../../src/core/errors';
import {
  createSlackApp,
  createSlackWebClient,
  type SlackApp,
  slackErrorInfo,
  slackEventsPath,
} from '../../../src/handoff/slack/slack-app';
import { FakeSlackServer } from '../../support/fake-slack-server';
import {
  appHomeOpened,
  blockActions,
  botMessage,
  channelMessage,
  eventCallback,
  globalShortcut,
  messageChanged,
  messageDeleted,
  messageShortcut,
  type SlackRequestBody,
  signedSlackRequest,
  threadReply,
  urlVerification,
  viewSubmission,
} from '../../support/slack-signing';

/**
 * Bolt mounted the way Baton mounts it: `createSlackApp(...).router` on an Express app before
 * any JSON parser, every Web API call going to a real local fake Slack server.
 */

const signingSecret = 'wiring-test-signing-secret';
const channel = 'C0HANDOFF1';

function captureLogs() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines, text: () => lines.map((l) => JSON.stringify(l)).join('\n') };
}

async function listen(app: express.Express): Promise<{ server: Server; base: string }> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A small Express app shaped like Baton's: Slack router first, then the JSON parser, then 404. */
function webApp(slack: SlackApp, order: 'slack-first' | 'json-first' = 'slack-first'): express.Express {
  const app = express();
  if (order === 'json-first') app.use(express.json());
  if (slack.router) app.use(slack.router);
  if (order === 'slack-first') app.use(express.json());
  app.post('/echo', (req, res) => {
    res.json(req.body);
  });
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  return app;
}

describe('Slack wiring over HTTP (POST /slack/events)', () => {
  let fake: FakeSlackServer;
  let slack: SlackApp;
  let server: Server;
  let base: string;
  const logs = captureLogs();
  const seen = {
    messages: [] as Array<Record<string, unknown>>,
    homeOpened: [] as string[],
    actions: [] as Array<{ actionId: string; value?: string; user: string; channel?: string; messageTs?: string }>,
    shortcuts: [] as Array<{ type: string; callbackId: string; messageTs?: string }>,
    views: [] as Array<{ callbackId: string; privateMetadata: string; values: unknown }>,
    retryNums: [] as Array<number | undefined>,
  };

  const post = async (built: SlackRequestBody, options: { timestamp?: number; secret?: string } = {}) => {
    const signed = signedSlackRequest({
      signingSecret: options.secret ?? signingSecret,
      ...built,
      ...(options.timestamp !== undefined && { timestamp: options.timestamp }),
    });
    return fetch(`${base}/slack/events`, { method: 'POST', headers: signed.headers, body: signed.body });
  };

  beforeAll(async () => {
    fake = await FakeSlackServer.start();
    slack = createSlackApp({
      botToken: fake.botToken,
      signingSecret,
      socketMode: false,
      apiUrl: fake.apiUrl,
      logger: logs.logger,
    });
    slack.app.message(async ({ message, client, context }) => {
      // Slow enough that a listener still running when Slack gets its answer would be seen.
      await new Promise((resolve) => setTimeout(resolve, 25));
      seen.messages.push(message as unknown as Record<string, unknown>);
      seen.retryNums.push(context.retryNum);
      const m = message as { text?: string; thread_ts?: string; channel: string };
      if (m.text === 'explode') throw new Error('listener bug');
      if (m.thread_ts !== undefined) {
        await client.chat.postMessage({ channel: m.channel, thread_ts: m.thread_ts, text: 'noted' });
      }
    });
    slack.app.event('app_home_opened', async ({ event }) => {
      seen.homeOpened.push(event.user);
    });
    slack.app.action('claim', async ({ ack, body, action }) => {
      await ack();
      const b = body as { user: { id: string }; channel?: { id: string }; message?: { ts: string } };
      seen.actions.push({
        actionId: (action as { action_id: string }).action_id,
        value: (action as { value?: string }).value,
        user: b.user.id,
        channel: b.channel?.id,
        messageTs: b.message?.ts,
      });
    });
    slack.app.shortcut('tag_conversation', async ({ ack, shortcut }) => {
      await ack();
      seen.shortcuts.push({
        type: shortcut.type,
        callbackId: shortcut.callback_id,
        messageTs: shortcut.type === 'message_action' ? shortcut.message_ts : undefined,
      });
    });
    slack.app.shortcut('find_conversation', async ({ ack, shortcut }) => {
      await ack();
      seen.shortcuts.push({ type: shortcut.type, callbackId: shortcut.callback_id });
    });
    slack.app.view('tag_modal', async ({ ack, view }) => {
      await ack();
      seen.views.push({
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: view.state.values,
      });
    });
    ({ server, base } = await listen(webApp(slack)));
    await slack.start();
  });

  afterAll(async () => {
    await slack.stop();
    await close(server);
    await fake.close();
  });

  beforeEach(() => {
    for (const list of Object.values(seen)) list.length = 0;
  });

  it('checks the bot token with auth.test at start, on the configured API URL', async () => {
    const [call] = fake.calls('auth.test');
    expect(call).toMatchObject({ method: 'auth.test', token: fake.botToken, ok: true });
  });

  it('delivers a correctly signed event to its listener exactly once and answers 200', async () => {
    const reply = threadReply({ channel, text: 'on it', user: 'U0ANA00001', threadTs: '1700000000.000100' });
    const response = await post(eventCallback(reply, { eventId: 'Ev0WIRING01' }));
    expect(response.status).toBe(200);
    // processBeforeResponse: the listener has finished by the time Slack gets its answer.
    expect(seen.messages).toHaveLength(1);
    expect(seen.messages[0]).toMatchObject({ ts: reply.ts, thread_ts: '1700000000.000100', user: 'U0ANA00001' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.messages).toHaveLength(1);
  });

  it("sends a listener's client.chat.postMessage to the fake, with the bot token and Slack's form body", async () => {
    fake.reset();
    const response = await post(
      eventCallback(threadReply({ channel, text: 'reply', user: 'U0ANA00001', threadTs: '1700000000.000900' })),
    );
    expect(response.status).toBe(200);
    const [call] = await fake.waitForCalls('chat.postMessage', 1);
    expect(call?.token).toBe(fake.botToken);
    expect(call?.body).toMatchObject({ channel, thread_ts: '1700000000.000900', text: 'noted' });
    const [posted] = fake.posts(channel);
    expect(posted).toMatchObject({ channel, threadTs: '1700000000.000900', text: 'noted' });
    expect(posted?.ts).toMatch(/^\d{10}\.\d{6}$/);
  });

  it('passes Slack retry headers through to the listener context', async () => {
    const built = eventCallback(channelMessage({ channel, text: 'hello again' }), { eventId: 'Ev0RETRY001' });
    const signed = signedSlackRequest({ signingSecret, ...built, retryNum: 2 });
    const response = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
    expect(response.status).toBe(200);
    expect(seen.retryNums).toEqual([2]);
  });

  it('answers 401 to a wrong signature and runs no listener', async () => {
    const response = await post(eventCallback(channelMessage({ channel, text: 'forged' })), {
      secret: 'not-the-secret',
    });
    expect(response.status).toBe(401);
    expect(seen.messages).toHaveLength(0);
    // Bolt's own warning reaches pino through the bridge.
    expect(logs.lines).toContainEqual(
      expect.objectContaining({ level: 40, component: 'slack', msg: expect.stringContaining('verification failed') }),
    );
  });

  it('answers 401 to a body changed after signing', async () => {
    const signed = signedSlackRequest({ signingSecret, ...eventCallback(channelMessage({ channel, text: 'a' })) });
    const response = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body.replace('"text":"a"', '"text":"b"'),
    });
    expect(response.status).toBe(401);
    expect(seen.messages).toHaveLength(0);
  });

  it('answers 401 to a replay with a 10-minute-old timestamp', async () => {
    const response = await post(eventCallback(channelMessage({ channel, text: 'old' })), {
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    expect(response.status).toBe(401);
    expect(seen.messages).toHaveLength(0);
  });

  it('answers 401 to an unsigned request', async () => {
    const response = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: eventCallback(channelMessage({ channel, text: 'unsigned' })).body,
    });
    expect(response.status).toBe(401);
    expect(seen.messages).toHaveLength(0);
  });

  it('answers the url_verification challenge', async () => {
    const response = await post(urlVerification('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it('delivers app_home_opened', async () => {
    const response = await post(eventCallback(appHomeOpened({ user: 'U0MANAGER1' })));
    expect(response.status).toBe(200);
    expect(seen.homeOpened).toEqual(['U0MANAGER1']);
  });

  it("drops Baton's own posts before any listener (Bolt knows its bot ids from auth.test)", async () => {
    const response = await post(
      eventCallback(botMessage({ channel, text: 'card', threadTs: '1700000000.000100', fromBaton: true })),
    );
    expect(response.status).toBe(200);
    expect(seen.messages).toHaveLength(0);
    // Another app's message still reaches listeners; the bridge decides what to do with it.
    await post(eventCallback(botMessage({ channel, text: 'other bot', legacySubtype: true })));
    expect(seen.messages).toHaveLength(1);
  });

  it('delivers edits and deletions as message events with their subtype (the bridge decides not to relay them)', async () => {
    const edited = await post(
      eventCallback(
        messageChanged({ channel, messageTs: '1710000000.000001', text: 'new', previousText: 'old', threadTs: '1.1' }),
      ),
    );
    const deleted = await post(
      eventCallback(messageDeleted({ channel, deletedTs: '1710000000.000001', previousText: 'new', threadTs: '1.1' })),
    );
    expect([edited.status, deleted.status]).toEqual([200, 200]);
    expect(
      seen.messages.map((m) => [m.subtype, (m.message as { ts?: string } | undefined)?.ts ?? m.deleted_ts]),
    ).toEqual([
      ['message_changed', '1710000000.000001'],
      ['message_deleted', '1710000000.000001'],
    ]);
  });

  it('delivers a block_actions button click to app.action', async () => {
    const response = await post(
      blockActions({
        actionId: 'claim',
        value: 'conversation-42',
        user: { id: 'U0ANA00001', username: 'ana' },
        channel,
        message: { ts: '1700000000.000100', text: 'handoff card' },
      }),
    );
    expect(response.status).toBe(200);
    expect(seen.actions).toEqual([
      { actionId: 'claim', value: 'conversation-42', user: 'U0ANA00001', channel, messageTs: '1700000000.000100' },
    ]);
  });

  it('delivers a message shortcut and a global shortcut to app.shortcut', async () => {
    const tag = await post(
      messageShortcut({
        callbackId: 'tag_conversation',
        user: { id: 'U0MANAGER1' },
        channel,
        message: { ts: '1700000000.000100' },
      }),
    );
    const find = await post(globalShortcut({ callbackId: 'find_conversation', user: { id: 'U0MANAGER1' } }));
    expect([tag.status, find.status]).toEqual([200, 200]);
    expect(seen.shortcuts).toEqual([
      { type: 'message_action', callbackId: 'tag_conversation', messageTs: '1700000000.000100' },
      { type: 'shortcut', callbackId: 'find_conversation' },
    ]);
  });

  it('delivers a view_submission with its state values and private_metadata', async () => {
    const values = {
      tags: { tags_select: { type: 'multi_static_select', selected_options: [{ value: 'vip' }] } },
    };
    const response = await post(
      viewSubmission({ callbackId: 'tag_modal', user: { id: 'U0MANAGER1' }, values, privateMetadata: '{"c":"42"}' }),
    );
    expect(response.status).toBe(200);
    expect(seen.views).toEqual([{ callbackId: 'tag_modal', privateMetadata: '{"c":"42"}', values }]);
  });

  it('logs a failing listener with its ids but not the message text, and still answers 200', async () => {
    const response = await post(
      eventCallback(channelMessage({ channel, text: 'explode' }), { eventId: 'Ev0EXPLODE1' }),
    );
    expect(response.status).toBe(200);
    const line = logs.lines.find((l) => l.msg === 'slack listener failed');
    expect(line).toMatchObject({
      level: 50,
      component: 'slack',
      err: { message: 'listener bug' },
      request: { type: 'event_callback', eventId: 'Ev0EXPLODE1', eventType: 'message' },
    });
    expect(logs.text()).not.toContain('"explode"');
  });

  it('never logs the bot token, the signing secret or message text', () => {
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.text()).not.toContain(fake.botToken);
    expect(logs.text()).not.toContain(signingSecret);
    expect(logs.text()).not.toContain('on it');
  });

  it('leaves other routes to the app behind it', async () => {
    const response = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(await response.json()).toEqual({ a: 1 });
  });

  describe('errors, read by slackErrorInfo', () => {
    beforeEach(() => fake.reset());

    it('surfaces a 429 at once as rate_limited with the Retry-After seconds (no Bolt retry)', async () => {
      fake.rateLimitNext('chat.postMessage', { retryAfterSeconds: 7 });
      const started = Date.now();
      const error = await slack.app.client.chat.postMessage({ channel, text: 'x' }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(slackErrorInfo(error)).toEqual({ kind: 'rate_limited', retryAfterSeconds: 7 });
      expect(fake.calls('chat.postMessage')).toHaveLength(1);
    });

    it('classifies a rejected token as auth (invalid_auth)', async () => {
      const error = await slack.app.client.chat
        .postMessage({ channel, text: 'x', token: 'xoxb-not-the-token' })
        .catch((e: unknown) => e);
      expect(slackErrorInfo(error)).toEqual({ kind: 'auth', code: 'invalid_auth' });
    });

    it('classifies channel_not_found as auth, so the queue stops instead of retrying', async () => {
      fake.failNext('chat.postMessage', { error: 'channel_not_found' });
      const error = await slack.app.client.chat.postMessage({ channel, text: 'x' }).catch((e: unknown) => e);
      expect(slackErrorInfo(error)).toEqual({ kind: 'auth', code: 'channel_not_found' });
    });

    it('classifies a 500 as transient, after a single attempt', async () => {
      fake.failNext('chat.update', { status: 500 });
      const error = await slack.app.client.chat.update({ channel, ts: '1.2', text: 'x' }).catch((e: unknown) => e);
      expect(slackErrorInfo(error)).toEqual({ kind: 'transient' });
      expect(fake.calls('chat.update')).toHaveLength(1);
    });

    it('classifies an unreachable Slack as transient', async () => {
      const offline = createSlackApp({
        botToken: 'xoxb-1',
        signingSecret,
        socketMode: false,
        apiUrl: 'http://127.0.0.1:1/api/',
        logger: pino({ level: 'silent' }),
      });
      const error = await offline.app.client.auth.test().catch((e: unknown) => e);
      expect(slackErrorInfo(error)).toEqual({ kind: 'transient' });
    });

    it('classifies other platform errors as permanent with their code', async () => {
      const error = await slack.app.client.chat.update({ channel, ts: '9.9', text: 'x' }).catch((e: unknown) => e);
      expect(slackErrorInfo(error)).toEqual({ kind: 'permanent', code: 'message_not_found' });
    });
  });

  it('uploads a file into a thread with files.uploadV2', async () => {
    fake.reset();
    const data = Buffer.from('%PDF-1.4 itinerary');
    await slack.app.client.files.uploadV2({
      channel_id: channel,
      thread_ts: '1700000000.000100',
      file: data,
      filename: 'itinerary.pdf',
      title: 'Itinerary',
    });
    expect(fake.uploads()).toEqual([
      expect.objectContaining({
        filename: 'itinerary.pdf',
        length: data.length,
        data,
        completed: true,
        channelId: channel,
        threadTs: '1700000000.000100',
        title: 'Itinerary',
      }),
    ]);
  });
});

describe('slackErrorInfo (the WebClient error classes)', () => {
  const platform = (error: string, extra: Record<string, unknown> = {}) =>
    new webApi.WebAPIPlatformError({ ok: false, error, ...extra });
  it.each<[string, unknown, ReturnType<typeof slackErrorInfo>]>([
    ['rate limited', new webApi.WebAPIRateLimitedError(30), { kind: 'rate_limited', retryAfterSeconds: 30 }],
    ['invalid_auth', platform('invalid_auth'), { kind: 'auth', code: 'invalid_auth' }],
    ['account_inactive', platform('account_inactive'), { kind: 'auth', code: 'account_inactive' }],
    ['token_revoked', platform('token_revoked'), { kind: 'auth', code: 'token_revoked' }],
    ['not_authed', platform('not_authed'), { kind: 'auth', code: 'not_authed' }],
    ['channel_not_found', platform('channel_not_found'), { kind: 'auth', code: 'channel_not_found' }],
    ['not_in_channel', platform('not_in_channel'), { kind: 'auth', code: 'not_in_channel' }],
    ['missing_scope', platform('missing_scope', { needed: 'chat:write' }), { kind: 'auth', code: 'missing_scope' }],
    ['internal_error', platform('internal_error'), { kind: 'transient' }],
    [
      'ratelimited as a platform error',
      platform('ratelimited', { response_metadata: { retryAfter: 4 } }),
      { kind: 'rate_limited', retryAfterSeconds: 4 },
    ],
    ['msg_too_long', platform('msg_too_long'), { kind: 'permanent', code: 'msg_too_long' }],
    ['HTTP 503', new webApi.WebAPIHTTPError(503, 'Service Unavailable', {}), { kind: 'transient' }],
    [
      'HTTP 429 seen as an HTTP error',
      new webApi.WebAPIHTTPError(429, 'Too Many Requests', { 'retry-after': '12' }),
      { kind: 'rate_limited', retryAfterSeconds: 12 },
    ],
    ['HTTP 404', new webApi.WebAPIHTTPError(404, 'Not Found', {}), { kind: 'permanent', code: 'http_404' }],
    ['network', new webApi.WebAPIRequestError(new Error('ECONNRESET')), { kind: 'transient' }],
    [
      'wrapped by Bolt',
      Object.assign(new Error('x'), { code: 'slack_bolt_unknown_error', original: platform('not_in_channel') }),
      { kind: 'auth', code: 'not_in_channel' },
    ],
    ['a plain error', new Error('bug'), { kind: 'permanent', code: 'unknown_error' }],
    ['not an error', 'boom', { kind: 'permanent', code: 'unknown_error' }],
  ])('%s', (_name, error, expected) => {
    expect(slackErrorInfo(error)).toEqual(expected);
  });
});

describe('Slack wiring lifecycle', () => {
  let fake: FakeSlackServer;
  beforeAll(async () => {
    fake = await FakeSlackServer.start();
  });
  afterAll(() => fake.close());

  it('answers 503 until start() has checked the token, so Slack retries instead of losing the event', async () => {
    const slack = createSlackApp({
      botToken: fake.botToken,
      signingSecret,
      socketMode: false,
      apiUrl: fake.apiUrl,
      logger: pino({ level: 'silent' }),
    });
    const { server, base } = await listen(webApp(slack));
    try {
      const built = eventCallback(channelMessage({ channel, text: 'early' }));
      const send = () => {
        const signed = signedSlackRequest({ signingSecret, ...built });
        return fetch(`${base}/slack/events`, { method: 'POST', headers: signed.headers, body: signed.body });
      };
      expect((await send()).status).toBe(503);
      await slack.start();
      expect((await send()).status).toBe(200);
      await slack.stop();
      expect((await send()).status).toBe(503);
    } finally {
      await close(server);
    }
  });

  it('rejects start() with a BatonError naming SLACK_BOT_TOKEN when Slack refuses the token', async () => {
    const slack = createSlackApp({
      botToken: 'xoxb-revoked',
      signingSecret,
      socketMode: false,
      apiUrl: fake.apiUrl,
      logger: pino({ level: 'silent' }),
    });
    const error = await slack.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatonError);
    expect((error as BatonError).message).toMatch(/invalid_auth.*SLACK_BOT_TOKEN/);
  });

  it('refuses loudly when mounted after a JSON body parser', async () => {
    const logs = captureLogs();
    const slack = createSlackApp({
      botToken: fake.botToken,
      signingSecret,
      socketMode: false,
      apiUrl: fake.apiUrl,
      logger: logs.logger,
    });
    await slack.start();
    const { server, base } = await listen(webApp(slack, 'json-first'));
    try {
      const signed = signedSlackRequest({ signingSecret, ...eventCallback(channelMessage({ channel, text: 'x' })) });
      const response = await fetch(`${base}/slack/events`, {
        method: 'POST',
        headers: signed.headers,
        body: signed.body,
      });
      expect(response.status).toBe(500);
      expect(logs.lines.some((l) => String(l.msg).includes('mounted after a body parser'))).toBe(true);
    } finally {
      await close(server);
    }
  });

  it('gives a worker a WebClient configured like the app: same API URL and token, 429 surfaced at once', async () => {
    fake.reset();
    const client = createSlackWebClient({
      botToken: fake.botToken,
      apiUrl: fake.apiUrl,
      logger: pino({ level: 'silent' }),
    });
    await client.chat.postMessage({ channel, text: 'from the worker' });
    expect(fake.calls('chat.postMessage')[0]).toMatchObject({
      token: fake.botToken,
      body: { text: 'from the worker' },
    });
    fake.rateLimitNext('chat.postMessage', { retryAfterSeconds: 3 });
    const error = await client.chat.postMessage({ channel, text: 'x' }).catch((e: unknown) => e);
    expect(slackErrorInfo(error)).toEqual({ kind: 'rate_limited', retryAfterSeconds: 3 });
  });

  it('needs the signing secret over HTTP and the app token for Socket Mode', () => {
    const base = { botToken: 'xoxb-1', apiUrl: fake.apiUrl, logger: pino({ level: 'silent' }) };
    expect(() => createSlackApp({ ...base, socketMode: false })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => createSlackApp({ ...base, socketMode: true })).toThrow(/SLACK_APP_TOKEN/);
  });
});

describe('Slack wiring in Socket Mode', () => {
  let fake: FakeSlackServer;
  beforeAll(async () => {
    fake = await FakeSlackServer.start();
  });
  afterAll(() => fake.close());

  it('connects with the app token, delivers an event to its listener and acks the envelope', async () => {
    const slack = createSlackApp({
      botToken: fake.botToken,
      appToken: fake.appToken,
      socketMode: true,
      apiUrl: fake.apiUrl,
      logger: pino({ level: 'silent' }),
    });
    expect(slack.router).toBeNull();
    const seen: string[] = [];
    slack.app.event('app_home_opened', async ({ event }) => {
      seen.push(event.user);
    });
    await slack.start();
    try {
      const [open] = fake.calls('apps.connections.open');
      expect(open).toMatchObject({ token: fake.appToken, ok: true });
      await fake.waitForSocket();
      const envelopeId = fake.sendSocketEnvelope(eventCallback(appHomeOpened({ user: 'U0MANAGER1' })).payload);
      await fake.waitForSocketAck(envelopeId);
      expect(seen).toEqual(['U0MANAGER1']);
    } finally {
      await slack.stop();
    }
  });

  it('rejects start() with a BatonError naming SLACK_APP_TOKEN when Slack refuses the app token', async () => {
    const slack = createSlackApp({
      botToken: fake.botToken,
      appToken: 'xapp-1-wrong',
      socketMode: true,
      apiUrl: fake.apiUrl,
      logger: pino({ level: 'silent' }),
    });
    const error = await slack.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatonError);
    expect((error as BatonError).message).toMatch(/invalid_auth.*SLACK_APP_TOKEN/);
  });
});

describe('slack-app-manifest.yml', () => {
  const manifest = parseYaml(readFileSync(path.join(__dirname, '../../../slack-app-manifest.yml'), 'utf8'));

  it('points events and interactivity at the path the router serves', () => {
    expect(manifest.settings.event_subscriptions.request_url).toBe(`https://YOUR-BATON-HOST${slackEventsPath}`);
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: `https://YOUR-BATON-HOST${slackEventsPath}`,
    });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('declares the shortcuts, events, App Home and scopes the bridge uses', () => {
    expect(manifest.display_information.name).toBe('Baton');
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: 'tag_conversation', name: 'Tag conversation' }),
      expect.objectContaining({
        type: 'global',
        callback_id: 'find_conversation',
        name: 'Find a traveler conversation',
      }),
    ]);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: false });
    expect(manifest.features.bot_user.display_name).toBe('Baton');
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      'message.channels',
      'message.groups',
      'app_home_opened',
    ]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      [
        'chat:write',
        'chat:write.customize',
        'channels:history',
        'groups:history',
        'channels:read',
        'groups:read',
        'reactions:write',
        'files:read',
        'files:write',
        'users:read',
        'usergroups:read',
        'commands',
      ].sort(),
    );
  });
});
