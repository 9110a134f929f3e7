import { randomUUID } from 'node:crypto';
import type {
  ChannelAdapter,
  ChannelKind,
  InboundMessage,
  OutboundMessage,
  SendResult,
} from '../channels/channel-adapter';

/** What a recorded traveler's phone received. */
export interface RecordedDelivery {
  messageId: string;
  to: string;
  text: string;
  media: OutboundMessage['media'];
  sentAt: string;
}

/** The longest message each provider takes (as the real adapters declare it). */
const maxTextLengthByChannel: Record<ChannelKind, number> = {
  simulator: 4096,
  twilio_sms: 1600,
  twilio_whatsapp: 4096,
  whatsapp_web: 4096,
};

/**
 * A stand-in for a provider channel (Twilio SMS, WhatsApp) that delivers into memory: Baton
 * renders, splits and delivers to it exactly as to the real adapter, so rules that test the
 * channel and the per-channel text limits run, but no provider is ever called. `baton flows`
 * uses it for `channel: sms | whatsapp`. Inbound messages are made with `inbound()`, already
 * normalized: the provider's own webhook parsing is covered by each adapter's contract test.
 */
export class RecordingChannelAdapter implements ChannelAdapter {
  readonly maxTextLength: number;
  private readonly phones = new Map<string, RecordedDelivery[]>();

  constructor(readonly channel: ChannelKind) {
    this.maxTextLength = maxTextLengthByChannel[channel];
  }

  /** A traveler's message on this channel, as the real adapter would have parsed it. */
  inbound(input: { from: string; text: string; name?: string }): InboundMessage {
    return {
      channel: this.channel,
      from: input.from,
      ...(input.name !== undefined && { displayName: input.name }),
      providerMessageId: `rec-in-${randomUUID()}`,
      text: input.text,
      media: [],
      receivedAt: new Date().toISOString(),
    };
  }

  parseInbound(payload: unknown): InboundMessage {
    const body = (payload ?? {}) as { from?: unknown; text?: unknown; name?: unknown };
    if (typeof body.from !== 'string' || typeof body.text !== 'string') {
      throw new TypeError('a recorded inbound message needs `from` and `text` strings');
    }
    return this.inbound({
      from: body.from,
      text: body.text,
      ...(typeof body.name === 'string' && { name: body.name }),
    });
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const delivered: RecordedDelivery = {
      messageId: message.messageId,
      to: message.to,
      text: message.text,
      media: message.media,
      sentAt: new Date().toISOString(),
    };
    const phone = this.phones.get(message.to) ?? [];
    phone.push(delivered);
    this.phones.set(message.to, phone);
    return { providerMessageId: `rec-out-${randomUUID()}`, status: 'delivered' };
  }

  /** What the traveler at `address` received, oldest first. */
  readPhone(address: string): RecordedDelivery[] {
    return [...(this.phones.get(address) ?? [])];
  }
}
