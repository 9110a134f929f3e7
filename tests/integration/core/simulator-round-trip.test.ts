import { eventually, phoneOf, startTestBaton, type TestBaton } from '../../support/test-baton';

describe('a simulator message, end to end', () => {
  let baton: TestBaton;
  beforeAll(async () => {
    baton = await startTestBaton();
  });
  afterAll(() => baton.close());

  it('is stored once, answered, and the answer reaches the traveler', async () => {
    const accepted = await baton.post('/simulator/messages', { from: 'alice', text: 'Is breakfast included?' });
    expect(accepted.status).toBe(202);

    const phone = await eventually(async () => {
      const messages = await phoneOf(baton, 'alice');
      return messages.length > 0 && messages;
    });
    expect(phone.map((m) => m.text)).toEqual(['Thanks, we got your message.']);

    // The phone gets the text a moment before the worker records the delivery.
    const stored = await eventually(async () => {
      const rows = await baton.runtime.db.message.findMany({ orderBy: { seq: 'asc' } });
      return rows[1]?.status === 'delivered' && rows;
    });
    expect(stored.map((m) => [m.direction, m.author, m.status, m.text])).toEqual([
      ['inbound', 'traveler', 'received', 'Is breakfast included?'],
      ['outbound', 'ai', 'delivered', 'Thanks, we got your message.'],
    ]);
    expect(stored[1]?.inReplyToId).toBe(stored[0]?.id);
    const conversation = await baton.runtime.db.conversation.findFirstOrThrow({
      include: { contact: true, events: true },
    });
    expect(conversation.state).toBe('bot');
    expect(conversation.contact.address).toBe('alice');
    expect(conversation.events.map((e) => e.type)).toEqual(['conversation_opened']);
  });

  it('rejects a malformed message with a clear 400 and stores nothing', async () => {
    const before = await baton.runtime.db.inboundEvent.count();
    const missing = await baton.post('/simulator/messages', { text: 'no sender' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'payload_invalid', message: expect.stringContaining('from') });
    const badJson = await baton.post('/simulator/messages', '{"from": ');
    expect(badJson.status).toBe(400);
    expect(await baton.runtime.db.inboundEvent.count()).toBe(before);
  });
});
