import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '../../support/fake-openai-server';
import { FakeSlackServer } from '../../support/fake-slack-server';
import { FakeTwilioServer } from '../../support/fake-twilio-server';
import { cardsByConversation, freePort, HANDOFF_CHANNEL, waitFor } from '../../support/fault-harness';
import { eventCallback, signedSlackRequest, threadReply } from '../../support/slack-signing';
import { createTestDatabase, databaseUrl, type TestDatabase } from '../../support/test-services';
import { signedTwilioRequest, twilioInboundParams, twilioSid, twilioStatusParams } from '../../support/twilio-signing';

/**
 * The real `baton start` process (CLI, env, pino with Baton's redaction, LOG_LEVEL=debug) runs
 * a traveler through an LLM answer, an LLM failure, a Twilio refusal, a handoff through Slack
 * 429/500s, a specialist's reply, a forged webhook and a failed-delivery callback, against
 * fake Twilio, Slack and OpenAI servers. Everything it wrote to stdout and stderr is then
 * searched: no token, secret, auth header, database password, full phone number or message
 * text may appear.
 */
jest.setTimeout(90_000);

const root = path.resolve(__dirname, '../../..');
const SMS_FROM = '+15005550006';
const TRAVELER = '+15557654321';
const SPECIALIST_TEXT = 'Your bag QZX-SPECIALIST-4417 is at the lost and found desk';
const secrets = {
  twilioAuthToken: 'twiliotokenZX81d0a2f7c4e9b3',
  slackBotToken: 'xoxb-1111-2222-SLACKBOTZX93',
  slackSigningSecret: 'slacksigningZX5531ab',
  openAiKey: 'sk-openaiZX77aa00bb11',
  mediaSecret: 'mediasecretZX4420',
  databasePassword: 'dbpasswordZX9911',
};

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('logs of a full run carry no secrets and no traveler data', () => {
  let twilio: FakeTwilioServer;
  let slack: FakeSlackServer;
  let openai: FakeOpenAiServer;
  let database: TestDatabase;
  let child: ChildProcess;
  let baseUrl = '';
  let output = '';

  beforeAll(async () => {
    twilio = await FakeTwilioServer.start({ authToken: secrets.twilioAuthToken });
    slack = await FakeSlackServer.start({ botToken: secrets.slackBotToken });
    openai = await startFakeOpenAiServer({ apiKey: secrets.openAiKey });
    database = await createTestDatabase();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const dir = mkdtempSync(path.join(tmpdir(), 'baton-logs-'));
    writeFileSync(
      path.join(dir, 'baton.config.yml'),
      'version: 1\nassistant: { name: Rosa, company: Test Travel, defaultLanguage: en, languages: [en] }\nhandoff:\n  keywords: { en: [refund] }\n',
    );
    const dbUrl = new URL(databaseUrl(database.name));
    dbUrl.password = secrets.databasePassword; // the shared server trusts local connections: ignored, but logged if leaked
    child = spawn(
      process.execPath,
      ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(root, 'src/cli/main.ts'), 'start'],
      {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '',
          DATABASE_URL: dbUrl.toString(),
          REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
          REDIS_PREFIX: `baton-logs-${port}`,
          PORT: String(port),
          PUBLIC_URL: baseUrl,
          LOG_LEVEL: 'debug',
          MEDIA_SIGNING_SECRET: secrets.mediaSecret,
          TWILIO_ACCOUNT_SID: twilio.accountSid,
          TWILIO_AUTH_TOKEN: secrets.twilioAuthToken,
          TWILIO_SMS_FROM: SMS_FROM,
          TWILIO_API_URL: twilio.url,
          SLACK_BOT_TOKEN: secrets.slackBotToken,
          SLACK_SIGNING_SECRET: secrets.slackSigningSecret,
          SLACK_HANDOFF_CHANNEL: HANDOFF_CHANNEL,
          SLACK_API_URL: slack.apiUrl,
          OPENAI_API_KEY: secrets.openAiKey,
          OPENAI_BASE_URL: openai.url,
          OPENAI_MODEL: 'fake-model',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await waitFor(
      async () => (await fetch(`${baseUrl}/readyz`).catch(() => null))?.status === 200,
      45_000,
      () => `baton start did not become ready:\n${output.slice(-2000)}`,
    );
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await twilio?.close();
    await slack?.close();
    await openai?.close();
    await database?.drop();
  });

  let sid = 0;
  const travelerSays = async (body: string, signWith = secrets.twilioAuthToken) => {
    const url = `${baseUrl}/webhooks/twilio/messages`;
    const params = twilioInboundParams({
      accountSid: twilio.accountSid,
      from: TRAVELER,
      to: SMS_FROM,
      body,
      messageSid: twilioSid('SM', `logs-${++sid}`),
    });
    const signed = signedTwilioRequest({ authToken: signWith, url, params });
    return (await fetch(url, { method: 'POST', ...signed })).status;
  };

  it('runs the whole story, then finds none of it in the logs', async () => {
    // 1. The LLM answers.
    expect(await travelerSays('Do I need a visa QZX-TRAVELER-0001?')).toBe(200);
    await twilio.waitForMessages(TRAVELER, 1, 20_000);
    // 2. The LLM fails (500), the local answerer steps in; Twilio refuses that reply, naming the number as it does.
    openai.queueError({ status: 500, times: 3 });
    twilio.failNext({ status: 400, code: 21211, message: `The 'To' number ${TRAVELER} is not a valid phone number.` });
    expect(await travelerSays('Where is the shuttle QZX-TRAVELER-0002?')).toBe(200);
    await waitFor(
      async () => twilio.requests.some((r) => r.status === 400),
      20_000,
      () => 'refused send',
    );
    // 3. A handoff, with Slack rate limiting and failing on the way.
    slack.rateLimitNext('chat.postMessage', { retryAfterSeconds: 1 });
    slack.failNext('chat.postMessage', { status: 500 });
    expect(await travelerSays('I want a refund QZX-TRAVELER-0003')).toBe(200);
    await waitFor(
      async () => cardsByConversation(slack).size === 1,
      30_000,
      () => 'card',
    );
    const card = slack.posts(HANDOFF_CHANNEL).find((p) => !p.threadTs);
    // Baton records the thread just after Slack took the card: replies before that are not relayed.
    await waitFor(
      async () => {
        const rows = await withClient(database.url, (client) => client.query('SELECT 1 FROM "SlackThread"'));
        return (rows.rowCount ?? 0) > 0;
      },
      10_000,
      () => 'thread recorded',
    );
    // 4. A specialist answers in the thread: Twilio refuses the first reply (naming the number),
    // takes the second, whose delivery then fails at the carrier.
    const specialistSays = async (text: string) => {
      const reply = signedSlackRequest({
        signingSecret: secrets.slackSigningSecret,
        ...eventCallback(threadReply({ channel: HANDOFF_CHANNEL, threadTs: card?.ts ?? '', text })),
      });
      expect((await fetch(`${baseUrl}/slack/events`, { method: 'POST', ...reply })).status).toBe(200);
    };
    twilio.failNext({ status: 400, code: 21211, message: `The 'To' number ${TRAVELER} is not a valid phone number.` });
    await specialistSays('First try QZX-SPECIALIST-0001');
    await waitFor(
      async () => twilio.requests.filter((r) => r.status === 400).length === 2,
      20_000,
      () => 'refused reply',
    );
    await specialistSays(SPECIALIST_TEXT);
    const sent = await waitFor(
      async () => twilio.messagesTo(TRAVELER).find((m) => m.body?.includes('QZX-SPECIALIST-4417')),
      20_000,
      () => 'specialist reply',
    );
    const callbackUrl = sent.statusCallback ?? '';
    const status = twilioStatusParams({
      accountSid: twilio.accountSid,
      messageSid: sent.sid,
      status: 'undelivered',
      errorCode: '30003',
      to: TRAVELER,
    });
    const signedStatus = signedTwilioRequest({ authToken: secrets.twilioAuthToken, url: callbackUrl, params: status });
    expect((await fetch(callbackUrl, { method: 'POST', ...signedStatus })).status).toBe(204);
    // 5. A forged webhook (wrong token) and a Slack request with a bad signature.
    expect(await travelerSays('forged QZX-TRAVELER-0004', 'not-the-token')).toBe(403);
    const forged = signedSlackRequest({ signingSecret: 'wrong', ...eventCallback({ type: 'app_mention', text: 'x' }) });
    expect((await fetch(`${baseUrl}/slack/events`, { method: 'POST', ...forged })).status).toBe(401);
    // Both failures are shown in the thread (two notes after the card).
    await waitFor(
      async () =>
        slack.posts(HANDOFF_CHANNEL).filter((p) => JSON.stringify(p.blocks ?? p.text ?? '').includes('30003')).length >
        0,
      15_000,
      () => 'delivery notes in Slack',
    );

    child.kill('SIGTERM');
    await waitFor(
      async () => child.exitCode !== null || child.signalCode !== null,
      35_000,
      () => 'graceful stop',
    );

    // The run did what it should, so the logs below cover it.
    for (const marker of [
      'handoff thread opened',
      'LLM answer failed',
      'delivery failed',
      'Slack rate limit',
      'rejected a Twilio webhook',
      'stopped',
    ]) {
      expect({ marker, logged: output.includes(marker) }).toEqual({ marker, logged: true });
    }
    const basic = Buffer.from(`${twilio.accountSid}:${secrets.twilioAuthToken}`).toString('base64');
    const forbidden: Record<string, string> = {
      ...secrets,
      twilioBasicAuth: basic,
      travelerNumber: TRAVELER,
      travelerNumberEncoded: encodeURIComponent(TRAVELER),
      travelerDigits: TRAVELER.slice(2),
      travelerText1: 'QZX-TRAVELER-0001',
      travelerText2: 'QZX-TRAVELER-0002',
      travelerText3: 'QZX-TRAVELER-0003',
      travelerText4: 'QZX-TRAVELER-0004',
      specialistText: 'QZX-SPECIALIST-4417',
      specialistText1: 'QZX-SPECIALIST-0001',
    };
    const found = Object.entries(forbidden)
      .filter(([, value]) => output.includes(value))
      .map(([name, value]) => {
        const at = output.indexOf(value);
        return `${name}: …${output.slice(Math.max(0, at - 160), at + value.length + 40).replace(/\n/g, '⏎')}…`;
      });
    // The Slack card masks the traveler's number; the delivery notes in the thread must not undo that.
    const slackText = slack
      .posts()
      .map((post) => JSON.stringify(post.blocks ?? post.text ?? ''))
      .join('\n');
    expect(slackText).toContain('30003'); // the thread has the notes to search
    expect({ inLogs: found, fullNumberInSlack: slackText.includes(TRAVELER.slice(2)) }).toEqual({
      inLogs: [],
      fullNumberInSlack: false,
    });
  });
});
