import type { MessageMedia } from 'whatsapp-web.js';
import type { MediaItem, OutboundMessage } from '../../../../src/channels/channel-adapter';
import { DeliveryError } from '../../../../src/channels/delivery-error';
import { WhatsappWebAdapter } from '../../../../src/channels/whatsapp-web/whatsapp-web.adapter';
import type { WhatsappWebClient } from '../../../../src/channels/whatsapp-web/whatsapp-web-client';
import { FakeWhatsappWebClient } from '../../../support/fake-whatsapp-web-client';

const to = '+15551234567';
const chatId = '15551234567@c.us';

function outbound(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return { messageId: 'm-1', to, text: 'Your pickup is at 9:00', media: [], ...overrides };
}

/** Stands in for the download: the media's bytes are its URL, so each item is recognisable. */
const loadMedia = async (item: MediaItem) =>
  ({ mimetype: item.contentType, data: Buffer.from(item.url).toString('base64'), filename: null }) as MessageMedia;

describe('WhatsappWebAdapter.send', () => {
  let client: FakeWhatsappWebClient;
  let adapter: WhatsappWebAdapter;
  beforeEach(() => {
    client = new FakeWhatsappWebClient();
    adapter = new WhatsappWebAdapter({ getClient: () => client, loadMedia });
  });

  it('sends the text to the chat id without marking the chat as seen', async () => {
    const result = await adapter.send(outbound());
    expect(client.sent).toEqual([
      { chatId, text: 'Your pickup is at 9:00', options: { sendSeen: false }, id: result.providerMessageId },
    ]);
    expect(result.status).toBe('sent');
  });

  it('sends each media item, with the text as caption of the first only, and returns the first id', async () => {
    const result = await adapter.send(
      outbound({
        text: 'Your vouchers',
        media: [
          { url: 'https://baton.example/m/1', contentType: 'application/pdf' },
          { url: 'https://baton.example/m/2', contentType: 'image/png' },
        ],
      }),
    );
    expect(client.sent.map((m) => [m.text, m.media?.mimetype, m.options?.caption])).toEqual([
      ['Your vouchers', 'application/pdf', 'Your vouchers'],
      ['', 'image/png', undefined],
    ]);
    expect(Buffer.from(client.sent[1]?.media?.data ?? '', 'base64').toString()).toBe('https://baton.example/m/2');
    expect(result.providerMessageId).toBe(client.sent[0]?.id);
  });

  it('refuses, as transient, while the session is not ready', async () => {
    const notReady = new WhatsappWebAdapter({ getClient: () => undefined });
    await expect(notReady.send(outbound())).rejects.toMatchObject({ permanent: false, providerCode: 'not_ready' });
  });

  it('fails permanently for a number that is not on WhatsApp, sending nothing', async () => {
    client.unregistered.add(chatId);
    const attempt = adapter.send(outbound());
    await expect(attempt).rejects.toBeInstanceOf(DeliveryError);
    await expect(attempt).rejects.toMatchObject({ permanent: true, providerCode: 'not_registered' });
    expect(client.sent).toEqual([]);
  });

  it('sends to the id WhatsApp registered the number under, and asks only once per number', async () => {
    let lookups = 0;
    const remapping = Object.assign(new FakeWhatsappWebClient(), {
      getNumberId: async () => {
        lookups++;
        return { _serialized: '551187654321@c.us' };
      },
    });
    const remapped = new WhatsappWebAdapter({ getClient: () => remapping });
    await remapped.send(outbound({ to: '+5511987654321' }));
    await remapped.send(outbound({ to: '+5511987654321' }));
    expect(remapping.sent.map((m) => m.chatId)).toEqual(['551187654321@c.us', '551187654321@c.us']);
    expect(lookups).toBe(1);
  });

  it('works with a client that cannot look numbers up', async () => {
    const plain = new FakeWhatsappWebClient();
    const bare: WhatsappWebClient = Object.assign(plain, { getNumberId: undefined });
    await new WhatsappWebAdapter({ getClient: () => bare }).send(outbound());
    expect(plain.sent.map((m) => m.chatId)).toEqual([chatId]);
  });

  it.each(['15551234567', 'whatsapp:+15551234567', 'alice'])('fails permanently for the address %j', async (bad) => {
    await expect(adapter.send(outbound({ to: bad }))).rejects.toMatchObject({
      permanent: true,
      providerCode: 'invalid_address',
    });
  });

  it('fails permanently for a message with neither text nor media', async () => {
    await expect(adapter.send(outbound({ text: '  ' }))).rejects.toMatchObject({ permanent: true });
    expect(client.sent).toEqual([]);
  });

  it('sends nothing when one attachment cannot be fetched', async () => {
    const failing = new WhatsappWebAdapter({
      getClient: () => client,
      loadMedia: async (item) => {
        if (item.url.endsWith('/2')) throw new DeliveryError('media answered 404', true, 'media_unavailable');
        return loadMedia(item);
      },
    });
    const media = [
      { url: 'https://baton.example/m/1', contentType: 'image/png' },
      { url: 'https://baton.example/m/2', contentType: 'image/png' },
    ];
    await expect(failing.send(outbound({ media }))).rejects.toMatchObject({ providerCode: 'media_unavailable' });
    expect(client.sent).toEqual([]);
  });

  it('fails permanently when the library returns no message (no chat for the id)', async () => {
    const silent = Object.assign(new FakeWhatsappWebClient(), { sendMessage: async () => undefined });
    await expect(new WhatsappWebAdapter({ getClient: () => silent }).send(outbound())).rejects.toMatchObject({
      permanent: true,
      providerCode: 'no_message',
    });
  });

  it('maps a lookup that fails on a closed session to a transient failure', async () => {
    const closed = Object.assign(new FakeWhatsappWebClient(), {
      getNumberId: async () => {
        throw new Error('Protocol error (Runtime.callFunctionOn): Session closed.');
      },
    });
    await expect(new WhatsappWebAdapter({ getClient: () => closed }).send(outbound())).rejects.toMatchObject({
      permanent: false,
      providerCode: 'session_closed',
    });
  });

  it('sends to a privacy-id address as is', async () => {
    await adapter.send(outbound({ to: 'lid:98765432109876' }));
    expect(client.sent.map((m) => m.chatId)).toEqual(['98765432109876@lid']);
  });
});
