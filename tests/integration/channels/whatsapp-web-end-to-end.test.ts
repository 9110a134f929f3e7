import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningWhatsappWeb, startWhatsappWeb } from '../../../src/runtime/start-whatsapp-web';
import { fakeClientFactory } from '../../support/fake-whatsapp-web-client';
import { EchoResponder } from '../../support/scripted-responders';
import { eventually, startTestBaton, type TestBaton } from '../../support/test-baton';

/**
 * WhatsApp itself cannot be reached here, so the library's client is a fake
 * with the same events and message shape; everything from its `message` event
 * to the stored message, and from the delivery job to `sendMessage`, is real.
 */
describe('whatsapp-web.js, end to end through Baton', () => {
  let baton: TestBaton;
  let whatsapp: RunningWhatsappWeb;
  const clients = fakeClientFactory();

  beforeAll(async () => {
    baton = await startTestBaton({ responder: new EchoResponder(), runtime: { whatsappWeb: true } });
    whatsapp = await startWhatsappWeb(baton.runtime, {
      dataPath: mkdtempSync(path.join(tmpdir(), 'baton-wa-')),
      executablePath: '/nonexistent/chromium',
      clientFactory: clients.create,
      lock: { ttlMs: 3000, retryEveryMs: 100 },
    });
    await eventually(async () => whatsapp.channel.status().state === 'ready');
  });
  afterAll(async () => {
    await whatsapp.close();
    await baton.close();
  });

  const client = () => {
    const latest = clients.latest();
    if (!latest) throw new Error('no client');
    return latest;
  };

  it('stores a traveler’s message and answers through sendMessage on the session-owning process', async () => {
    client().receive({ from: '15551234567@c.us', body: 'Where do we meet?', notifyName: 'Sam' });
    const sent = await eventually(async () => client().sent.length > 0 && client().sent);
    expect(sent.map((m) => [m.chatId, m.text])).toEqual([['15551234567@c.us', 'echo: Where do we meet?']]);

    const conversation = await baton.runtime.db.conversation.findFirstOrThrow({
      where: { channel: 'whatsapp_web' },
      include: { contact: true, messages: { orderBy: { seq: 'asc' } } },
    });
    expect(conversation.contact).toMatchObject({ address: '+15551234567', displayName: 'Sam' });
    expect(conversation.messages.map((m) => [m.direction, m.text, m.status])).toEqual([
      ['inbound', 'Where do we meet?', 'received'],
      ['outbound', 'echo: Where do we meet?', 'sent'],
    ]);
    expect(conversation.messages[1]?.providerMessageId).toBe(sent[0]?.id);
  });

  it('ignores group chats, status broadcasts and its own messages', async () => {
    const before = await baton.runtime.db.inboundEvent.count();
    client().receive({ from: '120363025555555555@g.us', author: '15550001111@c.us', body: 'group hello' });
    client().receive({ from: 'status@broadcast', body: 'my story' });
    client().receive({ from: '15551234567@c.us', body: 'sent from the linked phone', fromMe: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await baton.runtime.db.inboundEvent.count()).toBe(before);
  });

  it('keeps received media behind Baton’s signed URL', async () => {
    const image = Buffer.from('fake-jpeg-bytes');
    client().receive({
      from: '15557654321@c.us',
      body: 'my passport page',
      media: { mimetype: 'image/jpeg', data: image.toString('base64'), filename: 'passport.jpg' },
    });
    const stored = await eventually(() =>
      baton.runtime.db.message.findFirst({ where: { channel: 'whatsapp_web', text: 'my passport page' } }),
    );
    const [item] = stored.media as Array<{ url: string; contentType: string }>;
    expect(item?.contentType).toBe('image/jpeg');
    expect(item?.url.startsWith(`${baton.baseUrl}/media/`)).toBe(true);
    const served = await fetch(item?.url ?? '');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(image);
  });

  it('retries a delivery while the session is briefly closed', async () => {
    client().failNextSend('transient');
    client().receive({ from: '15550002222@c.us', body: 'hello again' });
    const sent = await eventually(async () => {
      const mine = client().sent.filter((m) => m.chatId === '15550002222@c.us');
      return mine.length > 0 && mine;
    }, 15_000);
    expect(sent.map((m) => m.text)).toEqual(['echo: hello again']);
  });

  it('shows the session state in /readyz detail', async () => {
    const body = (await (await baton.get('/readyz')).json()) as { channels?: { whatsapp_web?: { state: string } } };
    expect(body.channels?.whatsapp_web?.state).toBe('ready');
  });
});
