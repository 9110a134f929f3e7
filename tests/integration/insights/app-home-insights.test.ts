import pino from 'pino';
import { registerManagerHandlers } from '../../../src/handoff/managers/register-manager-handlers';
import { webClientSlackApi } from '../../../src/handoff/slack/slack-api';
import { createSlackApp, type SlackApp } from '../../../src/handoff/slack/slack-app';
import type { Runtime } from '../../../src/runtime/create-runtime';
import { type RunningWeb, startWeb } from '../../../src/runtime/start-web';
import { FakeSlackServer } from '../../support/fake-slack-server';
import { appHomeOpened, eventCallback, type SlackRequestBody, signedSlackRequest } from '../../support/slack-signing';
import { createTestRuntime } from '../../support/test-baton';
import type { TestDatabase, TestRedisNamespace } from '../../support/test-services';
import { InsightsSeeder } from './seed-insights';

const SIGNING_SECRET = 'insights-signing-secret';
const MANAGER = 'U0MANAGER9';
const logger = pino({ level: 'silent' });

type HomeBlock = { type: string; text?: { text: string }; fields?: Array<{ text: string }> };

/**
 * The App Home's headline figures, through Baton's own web server and the fake Slack: the
 * last 7 days (up to the real clock, as the handler uses it) above the unchanged inbox.
 */
describe('App Home insights (fake Slack, signed events)', () => {
  let slack: FakeSlackServer;
  let database: TestDatabase;
  let redis: TestRedisNamespace;
  let runtime: Runtime;
  let slackApp: SlackApp;
  let web: RunningWeb;
  let baseUrl: string;

  beforeAll(async () => {
    slack = await FakeSlackServer.start();
    ({ runtime, database, redis } = await createTestRuntime({
      logger,
      dbPoolSize: 5,
    }));
    slackApp = createSlackApp({
      botToken: slack.botToken,
      signingSecret: SIGNING_SECRET,
      socketMode: false,
      apiUrl: slack.apiUrl,
      logger,
    });
    registerManagerHandlers(slackApp.app, {
      db: runtime.db,
      slack: webClientSlackApi(slackApp.app.client),
      logger,
      configuredTags: [{ name: 'urgent' }],
      dispatcher: runtime.dispatcher,
    });
    await slackApp.start();
    web = await startWeb(runtime, { port: 0, host: '127.0.0.1', slackRouter: slackApp.router });
    baseUrl = `http://127.0.0.1:${web.port}`;

    // Yesterday: an SMS traveler the AI was unsure about, handed off, answered 12 min later;
    // a WhatsApp traveler the AI answered. Ten days ago: outside the 7 days.
    const seed = new InsightsSeeder(runtime.db);
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    const day = 24 * 60;
    const sms = await seed.conversation({ address: '+15553330001' });
    const question = await seed.inbound(sms, ago(day + 1), 'Can I bring my dog on the ferry?');
    await seed.event(sms, ago(day + 1), { type: 'ai_unsure', actorKind: 'ai', data: { messageId: question } });
    await seed.event(sms, ago(day), {
      type: 'handoff_opened',
      from: 'bot',
      to: 'pending',
      actorKind: 'ai',
      reason: 'AI unsure 1 time',
    });
    await seed.outbound(sms, ago(day - 12), { author: 'specialist' });
    await seed.tag(sms, 'urgent', ago(day));
    const whatsapp = await seed.conversation({ address: 'whatsapp:+15553330002', channel: 'twilio_whatsapp' });
    await seed.inbound(whatsapp, ago(60), 'What time is check-in?');
    const old = await seed.conversation({ address: '+15553330003' });
    await seed.inbound(old, ago(10 * day), 'Is my old dog welcome on the boat?');
  }, 60_000);

  afterAll(async () => {
    await slackApp?.stop();
    await web?.close();
    await runtime?.close();
    await redis?.clear();
    await database?.drop();
    await slack?.close();
  });

  const slackSends = async (request: SlackRequestBody) => {
    const signed = signedSlackRequest({ signingSecret: SIGNING_SECRET, ...request });
    return fetch(`${baseUrl}/slack/events`, { method: 'POST', headers: signed.headers, body: signed.body });
  };
  const openHome = async (view?: Record<string, unknown>) => {
    const before = slack.calls('views.publish').length;
    expect((await slackSends(eventCallback(appHomeOpened({ user: MANAGER, view })))).status).toBe(200);
    await slack.waitForCalls('views.publish', before + 1);
    return (slack.homeView(MANAGER) as { blocks: HomeBlock[] }).blocks;
  };
  const textOf = (block: HomeBlock | undefined) =>
    [block?.text?.text ?? '', ...(block?.fields ?? []).map((field) => field.text)].join('\n');

  it('shows the last 7 days and the top knowledge gaps above the inbox', async () => {
    const blocks = await openHome();
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Last 7 days' } });
    const figures = textOf(blocks[1]);
    expect(figures).toContain('*Conversations*\n2');
    expect(figures).toContain('*Handed off*\n50% (1)');
    expect(figures).toContain('*Median time to a specialist*\n12 min');
    expect(figures).toContain('*Top tags*\nurgent *1*');
    const gaps = textOf(blocks[2]);
    expect(gaps).toContain('*Knowledge gaps*');
    expect(gaps).toContain('1. *bring, dog, ferry* (1) — _“Can I bring my dog on the ferry?”_');
    expect(gaps).not.toContain('old dog');
    // The inbox follows, as before.
    const inboxAt = blocks.findIndex((block) => block.type === 'header' && block.text?.text === 'Shared inbox');
    expect(inboxAt).toBe(4);
    expect(blocks.length).toBeLessThanOrEqual(100);
  });

  it('filters the figures like the inbox', async () => {
    const blocks = await openHome({
      id: 'VHOME00009',
      type: 'home',
      private_metadata: '{"channel":"twilio_whatsapp"}',
    });
    expect(blocks[0]?.text?.text).toBe('Last 7 days · WhatsApp');
    const figures = textOf(blocks[1]);
    expect(figures).toContain('*Conversations*\n1');
    expect(figures).toContain('*Handed off*\n0% (0)');
    expect(figures).toContain('*Median time to a specialist*\n—');
    expect(textOf(blocks[2])).toContain('None this week.');
  });
});
