import { EchoResponder } from '../../support/scripted-responders';
import { eventually, phoneOf, startTestBaton, type TestBaton } from '../../support/test-baton';

describe('inbound pipeline on real PostgreSQL and Redis', () => {
  let baton: TestBaton;
  beforeAll(async () => {
    baton = await startTestBaton({ responder: new EchoResponder() });
  });
  afterAll(() => baton.close());

  const send = (from: string, text: string, id?: string) => baton.post('/simulator/messages', { from, text, id });

  it('accepts a provider retry once: one stored message, one reply', async () => {
    const first = await send('dup', 'hello', 'provider-id-1');
    const [second, third] = await Promise.all([
      send('dup', 'hello', 'provider-id-1'),
      send('dup', 'hello', 'provider-id-1'),
    ]);
    const duplicateOf = async (r: Response) => ((await r.json()) as { duplicate: boolean }).duplicate;
    expect(await duplicateOf(first)).toBe(false);
    expect([await duplicateOf(second), await duplicateOf(third)]).toEqual([true, true]);

    await eventually(async () => (await phoneOf(baton, 'dup')).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a second reply would have arrived by now
    expect((await phoneOf(baton, 'dup')).map((m) => m.text)).toEqual(['echo: hello']);
    const conversation = await baton.runtime.db.conversation.findFirstOrThrow({
      where: { contact: { address: 'dup' } },
      include: { messages: true },
    });
    expect(conversation.messages).toHaveLength(2);
    expect(await baton.runtime.db.inboundEvent.count({ where: { externalId: 'provider-id-1' } })).toBe(1);
  });

  it('makes one conversation when a new traveler’s first messages arrive together', async () => {
    const texts = Array.from({ length: 20 }, (_, i) => `first ${i}`);
    const responses = await Promise.all(texts.map((text) => send('racer', text)));
    expect(responses.every((r) => r.status === 202)).toBe(true);

    await eventually(async () => (await phoneOf(baton, 'racer')).length === 20, 15_000);
    expect(await baton.runtime.db.contact.count({ where: { address: 'racer' } })).toBe(1);
    const conversations = await baton.runtime.db.conversation.findMany({ where: { contact: { address: 'racer' } } });
    expect(conversations).toHaveLength(1);
    const inbound = await baton.runtime.db.message.count({
      where: { conversationId: conversations[0]?.id, direction: 'inbound' },
    });
    expect(inbound).toBe(20);
  });

  it('keeps each traveler’s order: messages stored and replies delivered as sent', async () => {
    const texts = Array.from({ length: 30 }, (_, i) => `step ${i}`);
    // Sent one after the other (each accepted before the next), processed by 16 concurrent jobs.
    for (const text of texts) expect((await send('orderly', text)).status).toBe(202);

    const phone = await eventually(async () => {
      const messages = await phoneOf(baton, 'orderly');
      return messages.length === texts.length && messages;
    }, 15_000);
    expect(phone.map((m) => m.text)).toEqual(texts.map((t) => `echo: ${t}`));
    const stored = await baton.runtime.db.message.findMany({
      where: { conversation: { contact: { address: 'orderly' } }, direction: 'inbound' },
      orderBy: { seq: 'asc' },
    });
    expect(stored.map((m) => m.text)).toEqual(texts);
  });

  it('keeps travelers apart: interleaved senders each get their own replies in order', async () => {
    const senders = ['t1', 't2', 't3'];
    await Promise.all(
      senders.map(async (from) => {
        for (let i = 0; i < 5; i++) await send(from, `${from}-${i}`);
      }),
    );
    for (const from of senders) {
      const phone = await eventually(async () => {
        const messages = await phoneOf(baton, from);
        return messages.length === 5 && messages;
      });
      expect(phone.map((m) => m.text)).toEqual([0, 1, 2, 3, 4].map((i) => `echo: ${from}-${i}`));
    }
  });

  it('reopens a resolved conversation in bot, recording why', async () => {
    await send('returning', 'hi');
    await eventually(async () => (await phoneOf(baton, 'returning')).length === 1);
    const conversation = await baton.runtime.db.conversation.findFirstOrThrow({
      where: { contact: { address: 'returning' } },
    });
    await baton.runtime.db.conversation.update({ where: { id: conversation.id }, data: { state: 'resolved' } });

    await send('returning', 'one more question');
    await eventually(async () => (await phoneOf(baton, 'returning')).length === 2);
    const reopened = await baton.runtime.db.conversation.findUniqueOrThrow({
      where: { id: conversation.id },
      include: { events: { orderBy: { seq: 'asc' } } },
    });
    expect(reopened.state).toBe('bot');
    expect(reopened.events.map((e) => [e.type, e.fromState, e.toState, e.actorKind])).toEqual([
      ['conversation_opened', null, 'bot', 'traveler'],
      ['state_changed', 'resolved', 'bot', 'traveler'],
    ]);
  });

  it('stays silent while a human has the conversation, but stores every message', async () => {
    await send('handled', 'hello');
    await eventually(async () => (await phoneOf(baton, 'handled')).length === 1);
    const conversation = await baton.runtime.db.conversation.findFirstOrThrow({
      where: { contact: { address: 'handled' } },
    });
    await baton.runtime.db.conversation.update({ where: { id: conversation.id }, data: { state: 'human' } });

    await send('handled', 'are you there?');
    const stored = await eventually(() =>
      baton.runtime.db.message.findFirst({ where: { text: 'are you there?', respondedAt: { not: null } } }),
    );
    expect(stored.conversationId).toBe(conversation.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await phoneOf(baton, 'handled')).toHaveLength(1);
  });
});
