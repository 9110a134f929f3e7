import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Responder, ResponderDecision, ResponderInput } from '../../../src/core/responder';
import type {
  PlaygroundConversation,
  PlaygroundInbox,
  PlaygroundPhone,
  PlaygroundSetup,
} from '../../../src/playground/playground-api';
import { type PlaygroundBaton, startPlaygroundBaton } from '../../e2e/support/playground-baton';
import { eventually } from '../../support/test-baton';

/** The playground's API on the example config, with an AI that echoes. */
class Echo implements Responder {
  async respond(input: ResponderInput): Promise<ResponderDecision> {
    return { kind: 'reply', text: `echo: ${input.message.text}` };
  }
}

let baton: PlaygroundBaton;
let assetsDir: string;

beforeAll(async () => {
  assetsDir = await mkdtemp(path.join(os.tmpdir(), 'baton-playground-test-'));
  baton = await startPlaygroundBaton({ assetsDir, responder: new Echo() });
});
afterAll(async () => {
  await baton.close();
  await rm(assetsDir, { recursive: true, force: true });
});

async function call<T>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baton.baseUrl}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const phoneOf = async (address: string) =>
  (await call<PlaygroundPhone>('GET', `/playground/api/phone?address=${address}`)).body;

/** Speaks as the traveler and waits until Baton delivered `replies` more messages to the phone. */
async function travelerSays(address: string, text: string, replies = 1): Promise<PlaygroundPhone> {
  const before = (await phoneOf(address)).messages.length;
  expect((await call('POST', '/simulator/messages', { from: address, text })).status).toBe(202);
  return eventually(async () => {
    const phone = await phoneOf(address);
    return phone.messages.length >= before + 1 + replies ? phone : null;
  });
}

async function conversationOf(address: string): Promise<PlaygroundConversation> {
  const { conversationId } = await phoneOf(address);
  if (!conversationId) throw new Error(`${address} has no conversation`);
  return (await call<PlaygroundConversation>('GET', `/playground/api/conversations/${conversationId}`)).body;
}

describe('the page', () => {
  it('answers 503 with what to run while the front-end is not built, then serves it', async () => {
    const missing = await fetch(`${baton.baseUrl}/playground`);
    expect(missing.status).toBe(503);
    expect(await missing.text()).toContain('npm run build');

    await writeFile(path.join(assetsDir, 'index.html'), '<!doctype html><title>built</title>');
    await mkdir(path.join(assetsDir, 'assets'));
    await writeFile(path.join(assetsDir, 'assets', 'index-abc123.js'), 'console.log(1)');
    const built = await fetch(`${baton.baseUrl}/playground/`);
    expect(built.status).toBe(200);
    expect(built.headers.get('cache-control')).toBe('no-cache');
    expect(await built.text()).toContain('<title>built</title>');

    const script = await fetch(`${baton.baseUrl}/playground/assets/index-abc123.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${baton.baseUrl}/playground/index.html`)).status).toBe(404);
    expect((await fetch(`${baton.baseUrl}/playground/assets/missing.js`)).status).toBe(404);
  });

  it('tells the page what the config offers', async () => {
    const { body } = await call<PlaygroundSetup>('GET', '/playground/api/setup');
    expect(body).toEqual({
      specialistId: 'playground',
      assistant: { name: 'Rosa', company: 'Azure Coast Journeys' },
      tags: expect.arrayContaining([expect.objectContaining({ name: 'urgent', color: '#d93025' })]),
      actions: [
        { id: 'booking_change', title: 'Change a booking' },
        { id: 'group_quote', title: 'Group quote' },
      ],
      slack: null,
    });
  });
});

describe('the traveler and the specialist', () => {
  it('shows a handoff in the inbox and on its card, with reason, tag and summary', async () => {
    const phone = await travelerSays('pg-luggage', 'I want to speak to someone about my lost luggage');
    expect(phone.messages.map((m) => [m.from, m.text])).toEqual([
      ['traveler', 'I want to speak to someone about my lost luggage'],
      ['baton', "Thanks! I'm connecting you to one of our travel specialists. They will reply right here shortly."],
    ]);
    const { body: inbox } = await call<PlaygroundInbox>('GET', '/playground/api/inbox');
    expect(inbox.conversations).toContainEqual(
      expect.objectContaining({
        traveler: 'pg-luggage',
        state: 'pending',
        reason: 'traveler asked for a person',
        tags: ['urgent'],
      }),
    );
    const card = await conversationOf('pg-luggage');
    expect(card).toMatchObject({
      state: 'pending',
      reason: 'traveler asked for a person',
      tags: [{ name: 'urgent', color: '#d93025' }],
      collected: {},
      summary: { stored: false, text: expect.stringContaining('lost luggage') },
    });
    expect(card.slack).toBeUndefined();
    expect(card.messages.map((m) => [m.author, m.status])).toEqual([
      ['traveler', 'received'],
      ['ai', 'delivered'],
    ]);
  });

  it('claims, hands back and resolves through the state path, recording the playground specialist', async () => {
    await travelerSays('pg-states', 'agent please, I need a person');
    const { conversationId } = await conversationOf('pg-states');
    const route = `/playground/api/conversations/${conversationId}/state`;

    expect((await call('POST', route, { command: 'claim' })).body).toEqual({ changed: true, state: 'human' });
    expect((await call('POST', route, { command: 'claim' })).body).toEqual({ changed: false, state: 'human' });
    expect(await conversationOf('pg-states')).toMatchObject({ state: 'human', assignee: 'playground' });
    expect((await call('POST', route, { command: 'hand_back' })).body).toEqual({ changed: true, state: 'bot' });
    expect((await call('POST', route, { command: 'resolve' })).body).toEqual({ changed: true, state: 'resolved' });

    const events = await baton.runtime.db.conversationEvent.findMany({
      where: { conversationId, actorKind: 'specialist' },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => [e.type, e.actorId, e.reason])).toEqual([
      ['claimed', 'playground', 'from the playground'],
      ['handed_back', 'playground', 'from the playground'],
      ['resolved', 'playground', 'from the playground'],
    ]);
    expect((await call('POST', route, { command: 'shelve' })).status).toBe(400);
    const unknown = await call('POST', '/playground/api/conversations/not-a-uuid/state', { command: 'claim' });
    expect(unknown).toEqual({ status: 404, body: expect.objectContaining({ error: 'not_found' }) });
  });

  it('applies tags as Slack does, and a handoff tag hands off through the rules', async () => {
    await travelerSays('pg-tags', 'Hello there');
    const { conversationId, state } = await conversationOf('pg-tags');
    expect(state).toBe('bot');
    const route = `/playground/api/conversations/${conversationId}/tags`;

    const refused = await call('PUT', route, { tags: ['vip'] });
    expect(refused).toEqual({ status: 400, body: expect.objectContaining({ error: 'payload_invalid' }) });

    // "local emergency" is listed under handoff.tags in the example config.
    const added = await call('PUT', route, { tags: ['local emergency'] });
    expect(added.body).toEqual({ added: ['local emergency'], removed: [] });
    const card = await eventually(async () => {
      const current = await conversationOf('pg-tags');
      return current.state === 'pending' ? current : null;
    });
    expect(card.tags.map((t) => t.name)).toEqual(['local emergency']);
    expect(card.reason).toContain('local emergency');
    await eventually(async () =>
      (await phoneOf('pg-tags')).messages.some((m) => m.text.includes('connecting you to one of our travel')),
    );

    expect((await call('PUT', route, { tags: [] })).body).toEqual({ added: [], removed: ['local emergency'] });
    const tagEvents = await baton.runtime.db.conversationEvent.findMany({
      where: { conversationId, type: { in: ['tag_added', 'tag_removed'] } },
      orderBy: { seq: 'asc' },
    });
    expect(tagEvents.map((e) => [e.type, e.actorKind, e.actorId])).toEqual([
      ['tag_added', 'specialist', 'playground'],
      ['tag_removed', 'specialist', 'playground'],
    ]);
  });

  it('asks the traveler for details with a custom action, once at a time', async () => {
    await travelerSays('pg-action', 'Hi');
    const { conversationId } = await conversationOf('pg-action');
    const route = `/playground/api/conversations/${conversationId}/actions`;

    const started = await call('POST', route, { actionId: 'booking_change' });
    expect(started).toEqual({ status: 200, body: { started: true, title: 'Change a booking' } });
    await eventually(async () =>
      (await phoneOf('pg-action')).messages.some((m) => m.text.startsWith('What is your confirmation number?')),
    );
    expect((await conversationOf('pg-action')).collecting).toEqual({
      actionId: 'booking_change',
      title: 'Change a booking',
    });
    expect((await call('POST', route, { actionId: 'group_quote' })).status).toBe(409);
    expect((await call('POST', route, { actionId: 'nope' })).status).toBe(404);
  });

  it('delivers a specialist reply once per client id, claiming the conversation', async () => {
    await travelerSays('pg-reply', 'Is anyone there?');
    const { conversationId } = await conversationOf('pg-reply');
    const route = `/playground/api/conversations/${conversationId}/replies`;
    const reply = { text: 'Hi, *Ana* here. How can I help?', clientId: 'reply-1' };

    expect(await call('POST', route, reply)).toEqual({ status: 201, body: { sent: true, claimed: true } });
    expect(await call('POST', route, reply)).toEqual({ status: 200, body: { sent: false, claimed: false } });
    const phone = await eventually(async () => {
      const current = await phoneOf('pg-reply');
      return current.messages.some((m) => m.text === 'Hi, Ana here. How can I help?') ? current : null;
    });
    expect(phone.messages.filter((m) => m.text.includes('Ana here'))).toHaveLength(1);

    const card = await conversationOf('pg-reply');
    expect(card).toMatchObject({ state: 'human', assignee: 'playground' });
    expect(card.messages.at(-1)).toMatchObject({ author: 'specialist', authorId: 'playground' });
    expect((await call('POST', route, { text: '   ' })).status).toBe(400);
  });
});

describe('real travelers', () => {
  it('are neither listed nor reachable: the playground acts on simulator conversations only', async () => {
    const contact = await baton.runtime.db.contact.create({
      data: { channel: 'twilio_sms', address: '+15005550006' },
    });
    const conversation = await baton.runtime.db.conversation.create({
      data: { contactId: contact.id, channel: 'twilio_sms', state: 'pending', handoffReason: 'keyword "refund"' },
    });
    const { body: inbox } = await call<PlaygroundInbox>('GET', '/playground/api/inbox');
    expect(inbox.conversations.map((item) => item.conversationId)).not.toContain(conversation.id);
    const route = `/playground/api/conversations/${conversation.id}`;
    for (const [method, path, body] of [
      ['GET', route, undefined],
      ['POST', `${route}/state`, { command: 'claim' }],
      ['PUT', `${route}/tags`, { tags: ['urgent'] }],
      ['POST', `${route}/actions`, { actionId: 'booking_change' }],
      ['POST', `${route}/replies`, { text: 'hello' }],
    ] as const) {
      expect(await call(method, path, body)).toEqual({
        status: 404,
        body: expect.objectContaining({ error: 'not_found' }),
      });
    }
    const untouched = await baton.runtime.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(untouched).toMatchObject({ state: 'pending', assignee: null });
  });
});

describe('live updates', () => {
  it('tells an open stream which views changed, without a reload', async () => {
    await travelerSays('pg-live', 'First message');
    const { conversationId } = await conversationOf('pg-live');
    const stream = await openStream(`/playground/api/events?conversation=${conversationId}&phone=pg-live`);
    try {
      // The first event follows the subscription: everything is to be fetched.
      expect(await stream.next()).toEqual({ inbox: true, conversation: true, phone: true });
      await call('POST', '/simulator/messages', { from: 'pg-live', text: 'Second message' });
      const change = await stream.next();
      expect(change.conversation && change.phone).toBe(true);
    } finally {
      stream.close();
    }
  });
});

/** Reads `change` events from a server-sent event stream. */
async function openStream(route: string) {
  const controller = new AbortController();
  const response = await fetch(`${baton.baseUrl}${route}`, { signal: controller.signal });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<{ inbox: boolean; conversation: boolean; phone: boolean }> {
      for (;;) {
        const match = /event: change\ndata: (.*)\n\n/.exec(buffer);
        if (match) {
          buffer = buffer.slice((match.index ?? 0) + match[0].length);
          return JSON.parse(match[1] as string);
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
    close: () => controller.abort(),
  };
}
