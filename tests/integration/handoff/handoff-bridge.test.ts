import type { Responder } from '../../../src/core/responder';
import { FakeSlackServer } from '../../support/fake-slack-server';
import { FakeTwilioServer } from '../../support/fake-twilio-server';
import {
  blockActions,
  botMessage,
  channelMessage,
  eventCallback,
  messageChanged,
  signedSlackRequest,
  threadReply,
} from '../../support/slack-signing';
import { eventually, startTestBaton, type TestBaton, testHandoffNotice } from '../../support/test-baton';
import { signedTwilioRequest, twilioInboundParams, twilioStatusParams } from '../../support/twilio-signing';

const HANDOFF_CHANNEL = 'C0HANDOFF1';
const SIGNING_SECRET = 'test-signing-secret';
const SMS_NUMBER = '+15005550006';
const SPECIALIST = 'U0SPECIAL1';

const responder: Responder = {
  async respond({ message }) {
    if (message.text.toLowerCase() === 'agent') return { kind: 'handoff', reason: 'traveler asked for a person' };
    return { kind: 'reply', text: `echo: ${message.text}` };
  },
};

describe('Slack handoff bridge, end to end (fake Slack + fake Twilio, real SDKs)', () => {
  let slack: FakeSlackServer;
  let twilio: FakeTwilioServer;
  let baton: TestBaton;
  let sid = 0;

  beforeAll(async () => {
    slack = await FakeSlackServer.start({ users: [{ id: SPECIALIST, realName: 'Maria Lopez' }] });
    twilio = await FakeTwilioServer.start();
    baton = await startTestBaton({
      responder,
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
  });
  afterAll(async () => {
    await baton.close();
    await twilio.close();
    await slack.close();
  });

  const travelerSays = async (from: string, body: string) => {
    const params = twilioInboundParams({
      accountSid: twilio.accountSid,
      from,
      to: SMS_NUMBER,
      body,
      messageSid: `SM${String(++sid).padStart(32, '0')}`,
    });
    const request = signedTwilioRequest({
      authToken: twilio.authToken,
      url: `${baton.baseUrl}/webhooks/twilio/messages`,
      params,
    });
    const response = await fetch(`${baton.baseUrl}/webhooks/twilio/messages`, { method: 'POST', ...request });
    expect(response.status).toBe(200);
  };
  const slackSends = (
    request: { body: string; contentType: 'application/json' | 'application/x-www-form-urlencoded' },
    extra: { retryNum?: number; secret?: string } = {},
  ) => {
    const signed = signedSlackRequest({
      signingSecret: extra.secret ?? SIGNING_SECRET,
      ...request,
      retryNum: extra.retryNum,
    });
    return fetch(`${baton.baseUrl}/slack/events`, { method: 'POST', headers: signed.headers, body: signed.body });
  };
  const threadOf = async (address: string) => {
    const conversation = await baton.runtime.db.conversation.findFirstOrThrow({
      where: { contact: { address } },
      include: { slackThreads: { orderBy: { createdAt: 'asc' } } },
    });
    return { conversation, threads: conversation.slackThreads };
  };
  const sentTo = (to: string) => twilio.messagesTo(to).map((m) => m.body);

  const traveler = '+15552220001';
  let threadTs = '';

  it('opens a thread with a card in the shared inbox, and tells the traveler', async () => {
    await travelerSays(traveler, 'agent');
    const [card] = await slack.waitForCalls('chat.postMessage', 1, 10_000);
    expect(card?.body.channel).toBe(HANDOFF_CHANNEL);
    expect(JSON.stringify(card?.body.blocks)).toContain('traveler asked for a person');
    expect(JSON.stringify(card?.body.blocks)).not.toContain('5552220001'); // masked number
    const [notice] = await twilio.waitForMessages(traveler);
    expect(notice?.body).toBe(testHandoffNotice);
    const { threads } = await eventually(async () => {
      const found = await threadOf(traveler);
      return found.threads.length === 1 && found;
    });
    threadTs = threads[0]?.threadTs ?? '';
    expect(threads[0]).toMatchObject({ channelId: HANDOFF_CHANNEL, cardTs: threadTs, closedAt: null });
  });

  it('posts the traveler’s later messages into the thread, each once, one post per second at most', async () => {
    await travelerSays(traveler, 'my bag is lost');
    await travelerSays(traveler, 'flight AF123');
    const posts = await eventually(async () => {
      const inThread = slack.posts(HANDOFF_CHANNEL).filter((p) => p.threadTs === threadTs);
      const text = inThread.map((p) => JSON.stringify(p.blocks ?? p.text)).join('\n');
      return text.includes('my bag is lost') && text.includes('flight AF123') && inThread;
    }, 10_000);
    const all = posts.map((p) => JSON.stringify(p.blocks ?? p.text)).join('\n');
    expect(all.split('my bag is lost')).toHaveLength(2);
    expect(all.split('flight AF123')).toHaveLength(2);
    const times = slack
      .calls('chat.postMessage')
      .filter((c) => c.ok)
      .map((c) => c.at);
    // The gate grants one slot per second; arrival times at the fake carry the posts' own
    // jitter (a loaded machine delays one post more than the next), hence the two checks.
    const gaps = times.slice(1).map((at, i) => at - (times[i] ?? 0));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(700);
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual((times.length - 1) * 950);
  });

  it('shares the traveler’s photos in the thread as files (fetched with Twilio’s credentials)', async () => {
    const photo = Buffer.from('jpeg-bytes-of-a-damaged-suitcase');
    const url = twilio.addMedia({ data: photo, contentType: 'image/jpeg', auth: true });
    const params = twilioInboundParams({
      accountSid: twilio.accountSid,
      from: traveler,
      to: SMS_NUMBER,
      body: 'this is my suitcase',
      messageSid: `MM${String(++sid).padStart(32, '0')}`,
      media: [{ url, contentType: 'image/jpeg' }],
    });
    const request = signedTwilioRequest({
      authToken: twilio.authToken,
      url: `${baton.baseUrl}/webhooks/twilio/messages`,
      params,
    });
    await fetch(`${baton.baseUrl}/webhooks/twilio/messages`, { method: 'POST', ...request });
    const upload = await eventually(
      async () => slack.uploads().find((u) => u.completed && u.threadTs === threadTs),
      10_000,
    );
    expect(upload.channelId).toBe(HANDOFF_CHANNEL);
    expect(upload.data).toEqual(photo);
    expect(twilio.mediaRequests.at(-1)?.authorization).toMatch(/^Basic /);
  });

  it('relays a specialist’s thread reply to the traveler (plain text, signed with the first name) and claims', async () => {
    const reply = eventCallback(
      threadReply({
        channel: HANDOFF_CHANNEL,
        threadTs,
        user: SPECIALIST,
        text: '*Good news*: we found <https://track.example/1|your bag> :tada:',
      }),
    );
    const response = await slackSends(reply);
    expect(response.status).toBe(200);
    const messages = await twilio.waitForMessages(traveler, 2, 10_000);
    // SMS gets GSM-7 punctuation: the en dash of the signature becomes a hyphen.
    expect(messages[1]?.body).toBe('Good news: we found your bag (https://track.example/1) 🎉\n- Maria');
    const { conversation } = await threadOf(traveler);
    expect(conversation).toMatchObject({ state: 'human', assignee: SPECIALIST });
    await slack.waitForCalls('chat.update', 1, 10_000); // the card shows who has it

    // Slack retries the same event: it is relayed once.
    expect((await slackSends(reply, { retryNum: 1 })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sentTo(traveler)).toHaveLength(2);
  });

  it('shows delivery in the thread: a reaction when delivered, the provider’s reason when it failed', async () => {
    const first = eventCallback(
      threadReply({ channel: HANDOFF_CHANNEL, threadTs, user: SPECIALIST, text: 'Your bag arrives at 6pm' }),
    );
    await slackSends(first);
    const messages = await twilio.waitForMessages(traveler, 3, 10_000);
    const sent = messages[2];
    const callback = new URL(sent?.statusCallback ?? '');
    const status = twilioStatusParams({
      accountSid: twilio.accountSid,
      messageSid: sent?.sid ?? '',
      status: 'delivered',
    });
    const path = `${callback.pathname}${callback.search}`;
    const request = signedTwilioRequest({
      authToken: twilio.authToken,
      url: `${baton.baseUrl}${path}`,
      params: status,
    });
    expect((await fetch(`${baton.baseUrl}${path}`, { method: 'POST', ...request })).status).toBe(204);
    const replyTs = (first.payload.event as { ts: string }).ts;
    await eventually(
      async () => slack.reactions().some((r) => r.timestamp === replyTs && r.name === 'white_check_mark'),
      10_000,
    );

    twilio.failNext({ status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    await slackSends(
      eventCallback(threadReply({ channel: HANDOFF_CHANNEL, threadTs, user: SPECIALIST, text: 'Are you there?' })),
    );
    const note = await eventually(
      async () =>
        slack
          .posts(HANDOFF_CHANNEL)
          .find((p) => p.threadTs === threadTs && JSON.stringify(p.blocks ?? p.text).includes('21610')),
      10_000,
    );
    expect(JSON.stringify(note.blocks ?? note.text)).toMatch(/unsubscribed|STOP/i);
  });

  it('never relays bot echoes, private notes, channel-level messages or unsigned requests; edits get a note', async () => {
    const before = sentTo(traveler).length;
    await slackSends(eventCallback(botMessage({ channel: HANDOFF_CHANNEL, text: 'echo', threadTs, fromBaton: true })));
    await slackSends(
      eventCallback(
        threadReply({ channel: HANDOFF_CHANNEL, threadTs, user: SPECIALIST, text: '! call the airline first' }),
      ),
    );
    await slackSends(eventCallback(channelMessage({ channel: HANDOFF_CHANNEL, user: SPECIALIST, text: 'lunch?' })));
    const unsigned = await slackSends(
      eventCallback(threadReply({ channel: HANDOFF_CHANNEL, threadTs, user: SPECIALIST, text: 'forged' })),
      { secret: 'wrong-secret' },
    );
    expect(unsigned.status).toBe(401);
    const edit = messageChanged({
      channel: HANDOFF_CHANNEL,
      threadTs,
      user: SPECIALIST,
      ts: '1710000099.000001',
      oldText: 'a',
      newText: 'b',
    } as never);
    await slackSends(eventCallback(edit));
    await eventually(async () =>
      slack
        .posts(HANDOFF_CHANNEL)
        .some((p) => p.threadTs === threadTs && String(p.text).includes('Edits are not relayed')),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sentTo(traveler)).toHaveLength(before);
  });

  it('Hand back to AI: the AI answers again; Resolve closes the episode; a new handoff opens a new thread', async () => {
    const { conversation } = await threadOf(traveler);
    const press = (actionId: string) =>
      slackSends(
        blockActions({
          actionId,
          value: conversation.id,
          user: { id: SPECIALIST },
          channel: HANDOFF_CHANNEL,
          message: { ts: threadTs },
        }),
      );

    expect((await press('handoff_hand_back')).status).toBe(200);
    await eventually(async () => (await threadOf(traveler)).conversation.state === 'bot');
    await travelerSays(traveler, 'thanks');
    await eventually(async () => sentTo(traveler).includes('echo: thanks'));

    expect((await press('handoff_resolve')).status).toBe(200);
    const resolved = await eventually(async () => {
      const found = await threadOf(traveler);
      return found.threads[0]?.closedAt && found;
    }, 10_000);
    expect(resolved.conversation.state).toBe('resolved');

    await travelerSays(traveler, 'agent');
    const reopened = await eventually(async () => {
      const found = await threadOf(traveler);
      return found.threads.length === 2 && found;
    }, 10_000);
    expect(reopened.threads[1]?.previousThreadId).toBe(reopened.threads[0]?.id);
    expect(reopened.threads[1]?.threadTs).not.toBe(threadTs);
  });

  it('waits out a 429 storm as Slack asks, dropping nothing', async () => {
    slack.rateLimitNext('chat.postMessage', { retryAfterSeconds: 1, times: 2 });
    await travelerSays('+15552220002', 'agent');
    const { threads } = await eventually(async () => {
      const found = await threadOf('+15552220002');
      return found.threads.length === 1 && found;
    }, 15_000);
    expect(threads).toHaveLength(1);
    const limited = slack.calls('chat.postMessage').filter((c) => !c.ok && c.error === 'ratelimited');
    expect(limited.length).toBeGreaterThanOrEqual(2);
  });

  it('stops the Slack queue on an auth or channel error instead of retrying forever, keeping the work', async () => {
    slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    await travelerSays('+15552220003', 'agent');
    const queue = baton.runtime.queues.slack;
    await eventually(async () => queue?.isPaused(), 10_000);
    const { conversation, threads } = await threadOf('+15552220003');
    expect(conversation.state).toBe('pending'); // the handoff stands; only its Slack post waits
    expect(threads).toHaveLength(0);

    // After the operator fixes it and Baton restarts, the queue resumes and the card is posted.
    await queue?.resume();
    await baton.runtime.dispatcher.syncHandoff(conversation.id, { revive: true });
    await eventually(async () => (await threadOf('+15552220003')).threads.length === 1, 15_000);
  });
});
