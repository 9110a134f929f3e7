import OpenAI from 'openai';
import { type AutomationSettings, automationSettingsFrom } from '../../../src/actions/automation-settings';
import { KnowledgeResponder } from '../../../src/ai/kb-responder';
import { LlmResponder } from '../../../src/ai/llm-responder';
import { KnowledgeIndex } from '../../../src/ai/retrieval/knowledge-index';
import { parseBatonConfig } from '../../../src/config/load-baton-config';
import type { Responder } from '../../../src/core/responder';
import { RecordingWebhookReceiver } from '../../../src/testing/recording-webhook-receiver';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../support/fake-openai-server';
import { FakeSlackServer } from '../../support/fake-slack-server';
import { FakeTwilioServer } from '../../support/fake-twilio-server';
import { blockActions, eventCallback, signedSlackRequest, threadReply } from '../../support/slack-signing';
import { eventually, startTestBaton, type TestBaton } from '../../support/test-baton';
import { signedTwilioRequest, twilioInboundParams, twilioStatusParams } from '../../support/twilio-signing';
import { fixtureChunks } from '../../unit/ai/retrieval/fixture-chunks';
import { Scrape } from './scrape-metrics';

/**
 * The live Prometheus counters (docs/insights.md, "Live metrics"), recorded by real flows and
 * read back over HTTP from `GET /metrics`: signed Twilio webhooks in, the LLM (fake OpenAI),
 * replies through the Twilio SDK (fake Twilio), handoffs in Slack (fake Slack), a booking
 * webhook. Web and worker share one process here, so one registry holds everything.
 */
const HANDOFF_CHANNEL = 'C0METRICS1';
const SIGNING_SECRET = 'metrics-signing-secret';
const SMS_NUMBER = '+15005550006';
const SPECIALIST = 'U0SPECIAL1';
const SHUTTLE = 'How often does the shuttle bus leave the airport?';

const api = 'baton_external_api_request_duration_seconds_count';
const apiErrors = 'baton_external_api_errors_total';

describe('live metrics from real flows', () => {
  let twilio: FakeTwilioServer;
  let slack: FakeSlackServer;
  let openai: FakeOpenAiServer;
  let booking: RecordingWebhookReceiver;
  let baton: TestBaton;
  let llm: LlmResponder | undefined;
  let sid = 0;

  beforeAll(async () => {
    twilio = await FakeTwilioServer.start();
    slack = await FakeSlackServer.start({ users: [{ id: SPECIALIST, realName: 'Maria Lopez' }] });
    openai = await startFakeOpenAiServer();
    booking = await RecordingWebhookReceiver.start();
    const config = parseBatonConfig(
      `
handoff:
  keywords: [agent]
  askForHuman: false
  aiUnsure: false
actions:
  - id: booking_ref
    title: Booking reference
    fields:
      - name: confirmationNumber
        label: Confirmation number
        type: pattern
        pattern: '^[A-Z0-9]{6}$'
        prompt: What is your confirmation number?
    webhook:
      url: ${booking.urlFor('booking_ref')}
    onComplete:
      handoff: true
rules:
  - id: booking
    when: { keywords: [my booking] }
    then: { startAction: booking_ref }
`,
      'live-metrics.test.ts',
    );
    const automation: AutomationSettings = automationSettingsFrom(config, {});
    // The LLM records into the runtime's metrics, which exist once Baton is up: asked through this.
    const responder: Responder = {
      historyLength: 8,
      respond: (input) => {
        if (!llm) throw new Error('the LLM responder is not ready');
        return llm.respond(input);
      },
    };
    baton = await startTestBaton({
      responder,
      workerOptions: { automation },
      runtime: {
        twilio: { accountSid: twilio.accountSid, authToken: twilio.authToken, apiUrl: twilio.url, smsFrom: SMS_NUMBER },
        slack: {
          botToken: slack.botToken,
          signingSecret: SIGNING_SECRET,
          socketMode: false,
          handoffChannel: HANDOFF_CHANNEL,
          apiUrl: slack.apiUrl,
        },
      },
      slack: { handoffChannel: HANDOFF_CHANNEL, privateNotePrefix: '!', signWithFirstName: true },
    });
    const index = { get: async () => new KnowledgeIndex(fixtureChunks) };
    const unsureText = 'Let me check with a colleague.';
    llm = new LlmResponder({
      client: new OpenAI({ apiKey: 'sk-test', baseURL: openai.url, timeout: 5000, maxRetries: 0 }),
      model: 'gpt-test',
      index,
      fallback: new KnowledgeResponder({ index, unsureText }),
      unsureText,
      assistant: { name: 'Marina', company: 'Azul Travel', defaultLanguage: 'en', languages: ['en'] },
      logger: { warn: () => {} },
      metrics: baton.runtime.metrics,
    });
  });
  afterAll(async () => {
    await baton.close();
    await Promise.all([twilio.close(), slack.close(), openai.close(), booking.close()]);
  });

  const scrape = () => Scrape.from(`${baton.baseUrl}/metrics`);
  /** Scrapes until `ready` holds (the worker records right after the fakes answered). */
  const scrapeWhen = (ready: (metrics: Scrape) => boolean) =>
    eventually(async () => {
      const metrics = await scrape();
      return ready(metrics) && metrics;
    });

  const travelerSays = async (from: string, body: string) => {
    const params = twilioInboundParams({
      accountSid: twilio.accountSid,
      from,
      to: SMS_NUMBER,
      body,
      messageSid: `SM${String(++sid).padStart(32, '0')}`,
    });
    const url = `${baton.baseUrl}/webhooks/twilio/messages`;
    const response = await fetch(url, {
      method: 'POST',
      ...signedTwilioRequest({ authToken: twilio.authToken, url, params }),
    });
    expect(response.status).toBe(200);
  };
  const twilioCallsStatus = async (messageId: string, params: Record<string, string>) => {
    const url = `${baton.baseUrl}/webhooks/twilio/status?mid=${messageId}`;
    const response = await fetch(url, {
      method: 'POST',
      ...signedTwilioRequest({ authToken: twilio.authToken, url, params }),
    });
    expect(response.status).toBe(204);
  };
  const slackSends = (request: {
    body: string;
    contentType: 'application/json' | 'application/x-www-form-urlencoded';
  }) =>
    fetch(`${baton.baseUrl}/slack/events`, {
      method: 'POST',
      ...signedSlackRequest({ signingSecret: SIGNING_SECRET, ...request }),
    });
  const threadOf = (address: string) =>
    baton.runtime.db.conversation.findFirstOrThrow({
      where: { contact: { address } },
      include: { slackThreads: true },
    });

  it('counts a traveler SMS, the AI’s reply, the LLM call that made it and the send to Twilio', async () => {
    await travelerSays('+15553330001', SHUTTLE);
    await twilio.waitForMessages('+15553330001');
    const metrics = await scrapeWhen(
      (m) => m.value(api, { service: 'twilio', method: 'messages.create', outcome: 'ok' }) === 1,
    );

    expect(metrics.value('baton_messages_accepted_total', { channel: 'twilio_sms', duplicate: 'false' })).toBe(1);
    expect(metrics.value('baton_messages_total', { direction: 'inbound', channel: 'twilio_sms' })).toBe(1);
    expect(metrics.series('baton_ai_answers_total')).toEqual(['{"outcome":"reply"} 1']);
    expect(openai.chatRequests()).toHaveLength(1);
    expect(metrics.value(api, { service: 'openai', method: 'chat.completions', outcome: 'ok' })).toBe(1);
    expect(metrics.sum(apiErrors)).toBe(0);
    expect(metrics.sum('baton_handoffs_opened_total')).toBe(0);
  });

  it('counts a failed LLM call by its reason, and the answer the local knowledge base gave instead', async () => {
    openai.queueError({ status: 500 });
    await travelerSays('+15553330002', SHUTTLE);
    await twilio.waitForMessages('+15553330002');
    const metrics = await scrapeWhen((m) => m.sum('baton_ai_answers_total') === 2);

    expect(openai.chatRequests()).toHaveLength(2); // maxRetries 0: one request, answered 500
    expect(metrics.value(api, { service: 'openai', method: 'chat.completions', outcome: 'error' })).toBe(1);
    expect(metrics.value(apiErrors, { service: 'openai', method: 'chat.completions', code: 'server_error' })).toBe(1);
    expect(metrics.value('baton_messages_total', { direction: 'inbound', channel: 'twilio_sms' })).toBe(2);
  });

  it('counts a failure reported by a Twilio status callback once, however often Twilio repeats it', async () => {
    const reply = await baton.runtime.db.message.findFirstOrThrow({
      where: { direction: 'outbound', conversation: { contact: { address: '+15553330001' } } },
    });
    const [sent] = twilio.messagesTo('+15553330001');
    const status = (state: string, errorCode?: string) =>
      twilioStatusParams({ accountSid: twilio.accountSid, messageSid: sent?.sid ?? '', status: state, errorCode });
    await twilioCallsStatus(reply.id, status('sent'));
    expect((await scrape()).sum('baton_delivery_failures_total')).toBe(0);

    await twilioCallsStatus(reply.id, status('undelivered', '30003'));
    await twilioCallsStatus(reply.id, status('undelivered', '30003'));
    await twilioCallsStatus(reply.id, status('failed', '30005'));
    const metrics = await scrape();
    expect(metrics.series('baton_delivery_failures_total')).toEqual(['{"channel":"twilio_sms","code":"30003"} 1']);
  });

  it('counts a keyword handoff, and every Slack call that opened its thread, call for call', async () => {
    await travelerSays('+15553330003', 'agent please');
    await eventually(async () => (await threadOf('+15553330003')).slackThreads.length === 1, 10_000);
    // Every Web API call Baton made (Bolt's own auth.test at start is not Baton's bridge).
    const slackCalls = () => slack.calls().filter((call) => call.method !== 'auth.test');
    const metrics = await scrapeWhen((m) => m.sum(api, { service: 'slack' }) === slackCalls().length);

    expect(metrics.series('baton_handoffs_opened_total')).toEqual(['{"trigger":"keyword"} 1']);
    expect(metrics.sum('baton_ai_answers_total')).toBe(2); // a handoff keyword is not the AI's to answer
    expect(slack.calls('chat.postMessage').length).toBeGreaterThan(0);
    for (const method of new Set(slackCalls().map((call) => call.method))) {
      const calls = slackCalls().filter((call) => call.method === method);
      expect([method, metrics.value(api, { service: 'slack', method, outcome: 'ok' })]).toEqual([
        method,
        calls.filter((call) => call.ok).length,
      ]);
      for (const failed of calls.filter((call) => !call.ok)) {
        expect(metrics.value(apiErrors, { service: 'slack', method, code: failed.error ?? '' })).toBeGreaterThan(0);
      }
    }
  });

  it('counts a specialist replying in the thread of a conversation handed back to the AI as a handoff', async () => {
    const conversation = await threadOf('+15553330003');
    const threadTs = conversation.slackThreads[0]?.threadTs ?? '';
    const handBack = blockActions({
      actionId: 'handoff_hand_back',
      value: conversation.id,
      user: { id: SPECIALIST },
      channel: HANDOFF_CHANNEL,
      message: { ts: threadTs },
    });
    expect((await slackSends(handBack)).status).toBe(200);
    await eventually(async () => (await threadOf('+15553330003')).state === 'bot');

    const reply = threadReply({ channel: HANDOFF_CHANNEL, threadTs, user: SPECIALIST, text: 'I can help with that.' });
    expect((await slackSends(eventCallback(reply))).status).toBe(200);
    await eventually(async () => twilio.messagesTo('+15553330003').some((m) => m.body?.startsWith('I can help')));
    const metrics = await scrapeWhen((m) => m.value('baton_handoffs_opened_total', { trigger: 'specialist' }) === 1);
    expect(metrics.value('baton_handoffs_opened_total', { trigger: 'keyword' })).toBe(1);
  });

  it('times the booking webhook, counts its refusal, and the handoff its completed form opened', async () => {
    booking.answer('/booking_ref', { status: 422, body: { error: 'unknown booking' } });
    const traveler = '+15553330004';
    const exchange = async (text: string, replies: number) => {
      await travelerSays(traveler, text);
      await twilio.waitForMessages(traveler, replies);
    };
    await exchange('about my booking', 1);
    await exchange('K7Q2ZB', 2);
    await exchange('yes', 3);
    await eventually(async () => booking.calls('/booking_ref').length === 1);
    const metrics = await scrapeWhen((m) => m.sum(api, { service: 'webhook' }) === 1);

    expect(metrics.value(api, { service: 'webhook', method: 'booking_ref', outcome: 'error' })).toBe(1);
    expect(metrics.value(apiErrors, { service: 'webhook', method: 'booking_ref', code: '422' })).toBe(1);
    expect(metrics.value('baton_handoffs_opened_total', { trigger: 'action' })).toBe(1);
    expect(metrics.sum('baton_ai_answers_total')).toBe(2); // the form took every message
  });

  it('counts a send Twilio refuses by its error code', async () => {
    twilio.failNext({ status: 400, code: 21211, message: 'Invalid To Phone Number' });
    await travelerSays('+15553330005', SHUTTLE);
    await eventually(
      async () =>
        (await baton.runtime.db.message.findMany({ where: { direction: 'outbound', status: 'failed' } })).length === 1,
    );
    const metrics = await scrapeWhen(
      (m) => m.value(api, { service: 'twilio', method: 'messages.create', outcome: 'error' }) === 1,
    );
    expect(metrics.value(apiErrors, { service: 'twilio', method: 'messages.create', code: '21211' })).toBe(1);
  });

  // Recorded by deliver-outbox (counting each message handed to a provider, and each permanent failure).
  it('counts every message handed to Twilio as outbound, and a permanent send failure as a delivery failure', async () => {
    const accepted = twilio.messages().length;
    const metrics = await scrapeWhen(
      (m) => m.value(api, { service: 'twilio', method: 'messages.create', outcome: 'ok' }) === accepted,
    );
    expect(metrics.value('baton_messages_total', { direction: 'outbound', channel: 'twilio_sms' })).toBe(accepted);
    expect(metrics.value('baton_delivery_failures_total', { channel: 'twilio_sms', code: '21211' })).toBe(1);
  });
});
