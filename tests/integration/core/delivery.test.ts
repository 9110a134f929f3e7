import { ScriptedFailingAdapter } from '../../support/scripted-adapter';
import { EchoResponder } from '../../support/scripted-responders';
import { eventually, phoneOf, startTestBaton, type TestBaton } from '../../support/test-baton';

describe('outbound delivery', () => {
  let baton: TestBaton;
  beforeAll(async () => {
    baton = await startTestBaton({ responder: new EchoResponder() });
  });
  afterAll(() => baton.close());

  const script = (steps: Array<'transient' | 'permanent'>) => {
    const adapter = new ScriptedFailingAdapter(baton.runtime.simulator, steps);
    baton.runtime.channels.simulator = adapter;
    return adapter;
  };
  afterEach(() => {
    baton.runtime.channels.simulator = baton.runtime.simulator;
  });

  const replyTo = (text: string) =>
    eventually(() => baton.runtime.db.message.findFirst({ where: { direction: 'outbound', text: `echo: ${text}` } }));

  it('retries a transient provider failure with backoff and delivers once', async () => {
    const adapter = script(['transient', 'transient']);
    await baton.post('/simulator/messages', { from: 'flaky', text: 'retry me' });
    await eventually(async () => (await phoneOf(baton, 'flaky')).length === 1, 15_000);
    // The phone gets the text a moment before the worker records the delivery.
    const reply = await eventually(async () => {
      const found = await replyTo('retry me');
      return found.status === 'delivered' && found;
    });
    expect(reply).toMatchObject({ attempts: 3, errorCode: null });
    expect(adapter.attempts).toHaveLength(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await phoneOf(baton, 'flaky')).toHaveLength(1);
  });

  it('fails a permanent provider error at once, keeping the reason', async () => {
    const adapter = script(['permanent']);
    await baton.post('/simulator/messages', { from: 'invalid', text: 'to nowhere' });
    const reply = await eventually(async () => {
      const found = await replyTo('to nowhere');
      return found.status === 'failed' && found;
    });
    expect(reply).toMatchObject({ attempts: 1, errorCode: '21211', errorMessage: 'invalid recipient' });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // past the first backoff: no retry happened
    expect(adapter.attempts).toHaveLength(1);
    expect(await phoneOf(baton, 'invalid')).toHaveLength(0);
  });

  it('does not send a queued reply to a traveler who has since opted out, but does send a compliance reply', async () => {
    await baton.post('/simulator/messages', { from: 'optout', text: 'first' });
    await eventually(async () => (await phoneOf(baton, 'optout')).length === 1);
    const contact = await baton.runtime.db.contact.update({
      where: { channel_address: { channel: 'simulator', address: 'optout' } },
      data: { optedOutAt: new Date() },
      include: { conversation: true },
    });
    const conversationId = contact.conversation?.id ?? '';
    const queued = (text: string, bypassOptOut: boolean) =>
      baton.runtime.db.message.create({
        data: {
          conversationId,
          direction: 'outbound',
          author: 'ai',
          text,
          channel: 'simulator',
          status: 'queued',
          bypassOptOut,
        },
      });
    const blocked = await queued('late reply', false);
    const compliance = await queued('You are unsubscribed.', true);
    await baton.runtime.dispatcher.deliver(blocked.id, 'simulator');
    await baton.runtime.dispatcher.deliver(compliance.id, 'simulator');

    const final = await eventually(async () => {
      const rows = await baton.runtime.db.message.findMany({ where: { id: { in: [blocked.id, compliance.id] } } });
      return rows.every((row) => !['queued', 'sending'].includes(row.status)) && rows;
    });
    expect(final.find((m) => m.id === blocked.id)).toMatchObject({ status: 'suppressed', errorCode: 'opted_out' });
    expect(final.find((m) => m.id === compliance.id)).toMatchObject({ status: 'delivered' });
    expect((await phoneOf(baton, 'optout')).map((m) => m.text)).toEqual(['echo: first', 'You are unsubscribed.']);
  });

  it('holds later replies behind an earlier one that is being retried', async () => {
    script(['transient']);
    for (const text of ['a', 'b', 'c']) await baton.post('/simulator/messages', { from: 'queue', text });
    const phone = await eventually(async () => {
      const messages = await phoneOf(baton, 'queue');
      return messages.length === 3 && messages;
    }, 15_000);
    expect(phone.map((m) => m.text)).toEqual(['echo: a', 'echo: b', 'echo: c']);
  });
});
