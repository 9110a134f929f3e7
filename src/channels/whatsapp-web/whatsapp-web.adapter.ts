import type { MessageMedia } from 'whatsapp-web.js';
import type { ChannelAdapter, InboundMessage, OutboundMessage, SendResult } from '../channel-adapter';
import { DeliveryError } from '../delivery-error';
import { fetchOutboundMedia, type OutboundMediaLoader } from './fetch-outbound-media';
import { parseWhatsappWebMessage } from './parse-whatsapp-web-message';
import { toWhatsappDeliveryError } from './send-error';
import { addressToChatId, isPhoneChatId } from './whatsapp-address';
import type { WhatsappWebClient, WhatsappWebSentMessage } from './whatsapp-web-client';

export { shouldIgnoreWhatsappMessage, whatsappIgnoreReason } from './should-ignore-whatsapp-message';

export interface WhatsappWebAdapterOptions {
  /** The client when it is ready to send, else undefined (sends then fail as transient). */
  getClient: () => WhatsappWebClient | undefined;
  /** Turns an outbound media URL into a library `MessageMedia` (default: download it). */
  loadMedia?: OutboundMediaLoader;
  /** Told about every failed send, e.g. so the runner can restart a browser that died under a "ready" session. */
  onSendFailure?: (error: DeliveryError) => void;
}

/** Registered ids are looked up once per number and kept a while: each lookup is a query to WhatsApp. */
const REGISTERED_ID_TTL_MS = 6 * 3600_000;
const REGISTERED_ID_CAPACITY = 5_000;

/**
 * WhatsApp through a linked device (whatsapp-web.js). Inbound messages arrive
 * as client events, not webhooks: the runner (`WhatsappWebChannel`) decides
 * what to ignore, downloads media and calls `parseInbound`.
 */
export class WhatsappWebAdapter implements ChannelAdapter {
  readonly channel = 'whatsapp_web' as const;
  readonly maxTextLength = 4096;
  private readonly loadMedia: OutboundMediaLoader;
  private readonly registeredIds = new Map<string, { id: string; until: number }>();

  constructor(private readonly options: WhatsappWebAdapterOptions) {
    this.loadMedia = options.loadMedia ?? ((item) => fetchOutboundMedia(item));
  }

  parseInbound(payload: unknown): InboundMessage {
    return parseWhatsappWebMessage(payload);
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const chatId = addressToChatId(message.to);
    if (!chatId) throw new DeliveryError('not a WhatsApp address (expected +<digits>)', true, 'invalid_address');
    if (message.media.length === 0 && message.text.trim() === '') {
      throw new DeliveryError('nothing to send: no text and no media', true, 'empty_message');
    }
    const client = this.options.getClient();
    if (!client) {
      throw new DeliveryError('WhatsApp Web session is not ready in this process; will retry', false, 'not_ready');
    }
    try {
      // Fetch every attachment before sending anything, so a bad URL never leaves a half-sent message.
      const media = await Promise.all(message.media.map((item) => this.loadMedia(item)));
      const target = await this.registeredId(client, chatId);
      const sent = await this.sendAll(client, target, message.text, media);
      return { providerMessageId: sent.id._serialized, status: 'sent' };
    } catch (error) {
      const failure = toWhatsappDeliveryError(error);
      this.options.onSendFailure?.(failure);
      throw failure;
    }
  }

  private async sendAll(
    client: WhatsappWebClient,
    chatId: string,
    text: string,
    media: MessageMedia[],
  ): Promise<WhatsappWebSentMessage> {
    const sends =
      media.length === 0
        ? [() => client.sendMessage(chatId, text, { sendSeen: false })]
        : media.map(
            (item, i) => () =>
              client.sendMessage(chatId, item, { sendSeen: false, ...(i === 0 && text && { caption: text }) }),
          );
    let first: WhatsappWebSentMessage | undefined;
    for (const send of sends) {
      const sent = await send();
      if (!sent?.id?._serialized) {
        // The library returns nothing when WhatsApp Web has no chat for the id. Retrying
        // could deliver twice if the message did leave, so this is final.
        throw new DeliveryError('WhatsApp Web returned no message for this chat', true, 'no_message');
      }
      first ??= sent;
    }
    if (!first) throw new DeliveryError('nothing to send: no text and no media', true, 'empty_message');
    return first;
  }

  /** The id WhatsApp knows the number by; it differs from the typed number in some countries. */
  private async registeredId(client: WhatsappWebClient, chatId: string): Promise<string> {
    if (!client.getNumberId || !isPhoneChatId(chatId)) return chatId;
    const cached = this.registeredIds.get(chatId);
    if (cached && cached.until > Date.now()) return cached.id;
    const found = await client.getNumberId(chatId);
    if (!found) throw new DeliveryError('the number is not a registered WhatsApp user', true, 'not_registered');
    if (this.registeredIds.size >= REGISTERED_ID_CAPACITY) this.registeredIds.clear();
    this.registeredIds.set(chatId, { id: found._serialized, until: Date.now() + REGISTERED_ID_TTL_MS });
    return found._serialized;
  }
}
