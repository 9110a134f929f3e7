import type { Responder } from '../../../src/core/responder';
import type { PlaygroundConversation, PlaygroundSetup } from '../../../src/playground/playground-api';
import { type PlaygroundBaton, startPlaygroundBaton } from '../../e2e/support/playground-baton';
import { FakeSlackServer } from '../../support/fake-slack-server';
import { eventually } from '../../support/test-baton';

/** With Slack configured the playground mirrors the handoff thread; its buttons still act (fake Slack). */
const HANDOFF_CHANNEL = 'C0PLAYGRND';

const echo: Responder = {
  async respond({ message }) {
    return { kind: 'reply', text: `echo: ${message.text}` };
  },
};

let slack: FakeSlackServer;
let baton: PlaygroundBaton;

beforeAll(async () => {
  slack = await FakeSlackServer.start();
  baton = await startPlaygroundBaton({
    responder: echo,
    runtime: {
      slack: {
        botToken: slack.botToken,
        signingSecret: 'test-signing-secret',
        socketMode: false,
        handoffChannel: HANDOFF_CHANNEL,
        apiUrl: slack.apiUrl,
      },
    },
  });
});
afterAll(async () => {
  await baton.close();
  await slack.close();
});

async function get<T>(route: string): Promise<T> {
  return (await (await fetch(`${baton.baseUrl}${route}`)).json()) as T;
}

it('shows the Slack thread of a handoff and changes it from the playground', async () => {
  expect((await get<PlaygroundSetup>('/playground/api/setup')).slack).toEqual({ handoffChannel: HANDOFF_CHANNEL });
  await fetch(`${baton.baseUrl}/simulator/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: 'pg-slack', text: 'I want to speak to someone about my lost luggage' }),
  });
  const conversationId = await eventually(
    async () => (await get<{ conversationId?: string }>('/playground/api/phone?address=pg-slack')).conversationId,
  );
  const card = await eventually(async () => {
    const current = await get<PlaygroundConversation>(`/playground/api/conversations/${conversationId}`);
    return current.slack ? current : null;
  });
  const [opened] = slack.posts(HANDOFF_CHANNEL);
  expect(card.slack).toEqual({
    channelId: HANDOFF_CHANNEL,
    threadTs: opened?.ts,
    link: expect.stringMatching(/^https:\/\/baton-test\.slack\.com\/archives\/C0PLAYGRND\/p/),
    closed: false,
  });
  // Slack's card carries the summary written when the thread opened; the playground shows that one.
  expect(card.summary).toEqual({ text: expect.stringContaining('lost luggage'), stored: true });

  const claimed = await fetch(`${baton.baseUrl}/playground/api/conversations/${conversationId}/state`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ command: 'claim' }),
  });
  expect(await claimed.json()).toEqual({ changed: true, state: 'human' });
  // The card in Slack is brought up to date like after a click on its own Claim button.
  const updates = await slack.waitForCalls('chat.update');
  expect(JSON.stringify(updates.at(-1)?.body)).toContain('playground');
});
