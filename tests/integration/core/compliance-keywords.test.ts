import { EchoResponder } from '../../support/scripted-responders';
import { eventually, phoneOf, startTestBaton, type TestBaton, testComplianceReplies } from '../../support/test-baton';

describe('STOP, START and HELP', () => {
  let baton: TestBaton;
  beforeAll(async () => {
    baton = await startTestBaton({ responder: new EchoResponder() });
  });
  afterAll(() => baton.close());

  const send = (text: string) => baton.post('/simulator/messages', { from: 'carol', text });
  const phoneTexts = async () => (await phoneOf(baton, 'carol')).map((m) => m.text);
  const waitForPhone = (count: number) => eventually(async () => (await phoneTexts()).length === count && phoneTexts());

  it('opts out on STOP: a confirmation, then nothing until START; HELP is always answered', async () => {
    await send('hello');
    await waitForPhone(1);

    await send('STOP');
    expect(await waitForPhone(2)).toEqual(['echo: hello', testComplianceReplies.optOut]);
    const contact = await baton.runtime.db.contact.findUniqueOrThrow({
      where: { channel_address: { channel: 'simulator', address: 'carol' } },
    });
    expect(contact.optedOutAt).not.toBeNull();

    await send('are you still there?');
    await eventually(() =>
      baton.runtime.db.message.findFirst({ where: { text: 'are you still there?', respondedAt: { not: null } } }),
    );
    await send('help');
    expect(await waitForPhone(3)).toEqual(['echo: hello', testComplianceReplies.optOut, testComplianceReplies.help]);

    await send('Start');
    expect((await waitForPhone(4))[3]).toBe(testComplianceReplies.optIn);
    await send('back again');
    expect((await waitForPhone(5))[4]).toBe('echo: back again');

    const events = await baton.runtime.db.conversationEvent.findMany({
      where: { conversation: { contact: { address: 'carol' } } },
      orderBy: { seq: 'asc' },
    });
    expect(events.map((e) => e.type)).toEqual(['conversation_opened', 'opted_out', 'opted_in']);
    const unanswered = await baton.runtime.db.message.findFirstOrThrow({
      where: { text: 'are you still there?' },
      include: { replies: true },
    });
    expect(unanswered.replies).toEqual([]);
  });
});
