import { createHash } from 'node:crypto';
import { addressToChatId } from '../../src/channels/whatsapp-web/whatsapp-address';
import { WhatsappWebAdapter } from '../../src/channels/whatsapp-web/whatsapp-web.adapter';
import { createFakeWhatsappMessage, FakeWhatsappWebClient } from '../support/fake-whatsapp-web-client';
import { describeChannelAdapterConformance } from './adapter-conformance';

/** The provider is a fake of the library's client: what was "sent" is in its record. */
const client = new FakeWhatsappWebClient();

/** "alice" → "+1555" + 7 digits, stable per name. */
function address(name: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(name).digest('hex').slice(0, 12)}`) % 10_000_000n;
  return `+1555${digits.toString().padStart(7, '0')}`;
}

describeChannelAdapterConformance('whatsapp-web.js', {
  async setup() {
    return new WhatsappWebAdapter({ getClient: () => client });
  },
  async teardown() {},
  address,
  inboundPayload: ({ from, text, id }) =>
    createFakeWhatsappMessage({ from: addressToChatId(from) ?? 'not-a-chat', body: text, id }),
  sentTo: async (to) =>
    client.sent.filter((m) => m.chatId === addressToChatId(to)).map((m) => ({ text: m.text, providerMessageId: m.id })),
  failNextSend: (kind) => client.failNextSend(kind),
});
