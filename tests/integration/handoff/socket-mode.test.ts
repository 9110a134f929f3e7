import type { Responder } from '../../../src/core/responder';
import { FakeSlackServer } from '../../support/fake-slack-server';
import { blockActions, eventCallback, signedSlackRequest, threadReply } from '../../support/slack-signing';
import { eventually, phoneOf, startTestBaton, type TestBaton, testHandoffNotice } from '../../support/test-baton';

const HANDOFF_CHANNEL = 'C0HANDOFF1';
const SPECIALIST = 'U0SPECIAL1';

const responder: Responder = {
  async respond({ message }) {
    if (message.text.toLowerCase() === 'agent') return { kind: 'handoff', reason: 'traveler asked for a person' };
    return { kind: 'reply', text: `echo: ${message.text}` };
  },
};

/**
 * Baton with SLACK_APP_TOKEN set: no Request URL, Slack's payloads arrive over a WebSocket
 * (@slack/socket-mode inside Bolt) from a fake Slack that speaks the protocol with `ws`, and
 * the Web API calls go to the same fake. Travelers talk through the simulator channel.
 */
describe('Slack handoff bridge in Socket Mode, end to end', () => {
  let slack: FakeSlackServer;
  let baton: TestBaton;

  beforeAll(async () => {
    slack = await FakeSlackServer.start({ users: [{ id: SPECIALIST, realName: 'Maria Lopez' }] });
    baton = await startTestBaton({
      responder,
      runtime: {
        slack: {
          botToken: slack.botToken,
          appToken: slack.appToken,
          socketMode: true,
          handoffChannel: HANDOFF_CHANNEL,
          apiUrl: slack.apiUrl,
        },
      },
      slack: { handoffChannel: HANDOFF_CHANNEL, privateNotePrefix: '!', signWithFirstName: true },
    });
  });
  afterAll(async () => {
    await baton?.close();
    await slack?.close();
  });

  const travelerSays = async (from: string, text: string) => {
    expect((await baton.post('/simulator/messages', { from, text })).status).toBe(202);
  };
  const conversationOf = (address: string) =>
    baton.runtime.db.conversation.findFirstOrThrow({
      where: { contact: { address } },
      include: { slackThreads: { orderBy: { createdAt: 'asc' } } },
    });
  const phoneTexts = async (address: string) => (await phoneOf(baton, address)).map((m) => m.text);

  const traveler = 'sock-traveler-1';
  let threadTs = '';
  let conversationId = '';

  it('opens the socket with the app token at start: apps.connections.open, then hello', async () => {
    const [open] = slack.calls('apps.connections.open');
    expect(open).toMatchObject({ ok: true, token: slack.appToken });
    expect(open?.body.token).toBeUndefined(); // the app token travels in the Authorization header only
    // Bolt checked the bot token first, and never used the app token for anything else.
    expect(slack.calls('auth.test')[0]).toMatchObject({ ok: true, token: slack.botToken });
    expect(
      slack
        .calls()
        .filter((c) => c.token === slack.appToken)
        .map((c) => c.method),
    ).toEqual(['apps.connections.open']);
    await slack.socketMode.waitForConnection();
    expect(slack.socketMode.openConnections()).toBe(1);
  });

  it('does not serve POST /slack/events: in Socket Mode nothing listens for Slack over HTTP', async () => {
    const signed = signedSlackRequest({ signingSecret: 'any', ...eventCallback({ type: 'app_home_opened' }) });
    const response = await fetch(`${baton.baseUrl}/slack/events`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not_found' });
  });

  it('posts the handoff card through the Web API when a traveler asks for a person', async () => {
    await travelerSays(traveler, 'agent');
    const [card] = await slack.waitForCalls('chat.postMessage', 1, 10_000);
    expect(card).toMatchObject({ ok: true, token: slack.botToken });
    expect(card?.body.channel).toBe(HANDOFF_CHANNEL);
    expect(JSON.stringify(card?.body.blocks)).toContain('traveler asked for a person');
    await eventually(async () => (await phoneTexts(traveler)).includes(testHandoffNotice));
    const conversation = await eventually(async () => {
      const found = await conversationOf(traveler);
      return found.slackThreads.length === 1 && found;
    });
    threadTs = conversation.slackThreads[0]?.threadTs ?? '';
    conversationId = conversation.id;
    expect(conversation.state).toBe('pending');
  });

  it('carries out a Claim click delivered as an `interactive` envelope, and acks it', async () => {
    const click = blockActions({
      actionId: 'handoff_claim',
      value: conversationId,
      user: { id: SPECIALIST },
      channel: HANDOFF_CHANNEL,
      message: { ts: threadTs },
    });
    const envelopeId = slack.socketMode.send(click.payload, 'interactive');
    const ack = await slack.socketMode.waitForAck(envelopeId);
    expect(ack.envelope_id).toBe(envelopeId);
    const claimed = await eventually(async () => {
      const found = await conversationOf(traveler);
      return found.state === 'human' && found;
    });
    expect(claimed.assignee).toBe(SPECIALIST);
    await slack.waitForCalls('chat.update', 1, 10_000); // the card shows who has it
  });

  it('relays a thread reply delivered as an `events_api` envelope to the traveler, after acking it', async () => {
    const reply = eventCallback(
      threadReply({ channel: HANDOFF_CHANNEL, threadTs, user: SPECIALIST, text: '*Good news*: we found your bag' }),
    );
    const envelopeId = slack.socketMode.send(reply.payload, 'events_api');
    const ack = await slack.socketMode.waitForAck(envelopeId);
    // An Events API ack carries no response body.
    expect(ack.payload ?? {}).toEqual({});
    const texts = await eventually(async () => {
      const all = await phoneTexts(traveler);
      return all.some((t) => t.includes('we found your bag')) && all;
    });
    const relayed = texts.filter((t) => t.includes('we found your bag'));
    expect(relayed).toHaveLength(1);
    expect(relayed[0]).toMatch(/^Good news: we found your bag\n.*Maria$/);
  });

  it('relays a redelivered envelope (same event_id and ts, retry_attempt 1) only once', async () => {
    const reply = eventCallback(
      threadReply({ channel: HANDOFF_CHANNEL, threadTs, user: SPECIALIST, text: 'Your bag arrives at 6pm' }),
    );
    const first = slack.socketMode.send(reply.payload, 'events_api');
    await slack.socketMode.waitForAck(first);
    await eventually(async () => (await phoneTexts(traveler)).some((t) => t.includes('arrives at 6pm')));
    const again = slack.socketMode.send(reply.payload, 'events_api', { retryAttempt: 1, retryReason: 'timeout' });
    expect(again).not.toBe(first);
    await slack.socketMode.waitForAck(again);
    // Give a duplicate every chance to go through the queue before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await phoneTexts(traveler)).filter((t) => t.includes('arrives at 6pm'))).toHaveLength(1);
  });

  it('reconnects with a fresh URL when Slack asks for a refresh, and keeps relaying', async () => {
    const opensBefore = slack.calls('apps.connections.open').length;
    slack.socketMode.requestDisconnect('refresh_requested');
    // @slack/socket-mode waits (its clientPingTimeout, 5 s) before reconnecting.
    await slack.waitForCalls('apps.connections.open', opensBefore + 1, 15_000);
    await slack.socketMode.waitForConnection(2, 15_000);
    expect(slack.socketMode.openConnections()).toBe(1);

    const reply = eventCallback(
      threadReply({ channel: HANDOFF_CHANNEL, threadTs, user: SPECIALIST, text: 'Still here after a refresh' }),
    );
    await slack.socketMode.waitForAck(slack.socketMode.send(reply.payload));
    await eventually(async () => (await phoneTexts(traveler)).some((t) => t.includes('Still here after a refresh')));
  }, 30_000);
});
