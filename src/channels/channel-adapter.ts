/**
 * The one contract every channel implements (Twilio SMS/MMS/WhatsApp,
 * whatsapp-web.js, the simulator). Adapters turn provider payloads into an
 * `InboundMessage` at the edge and deliver `OutboundMessage`s; nothing past
 * `src/channels/` sees a provider payload. Adapters take credentials in their
 * constructor and never touch the database.
 */
export type ChannelKind = 'simulator' | 'twilio_sms' | 'twilio_whatsapp' | 'whatsapp_web';

export interface MediaItem {
  url: string;
  contentType: string;
}

export interface InboundMessage {
  channel: ChannelKind;
  /** The traveler's address on this channel (E.164, "whatsapp:+…", simulator handle). */
  from: string;
  displayName?: string;
  /** The provider's id for this message: the idempotency key for retries. */
  providerMessageId: string;
  text: string;
  media: MediaItem[];
  receivedAt: string;
}

export interface OutboundMessage {
  /** Baton's own message id, for correlating status callbacks. */
  messageId: string;
  to: string;
  text: string;
  media: MediaItem[];
}

export interface SendResult {
  providerMessageId: string;
  status: 'queued' | 'sent' | 'delivered';
}

export interface ChannelAdapter {
  readonly channel: ChannelKind;
  /** Longest text one message may carry on this channel. */
  readonly maxTextLength: number;
  /** Parses a provider payload (already authenticated) into a message; throws `payload_invalid`. */
  parseInbound(payload: unknown): InboundMessage;
  /**
   * Delivers one message. Throws `DeliveryError` with `permanent: true` when
   * retrying cannot help (invalid number, opted out), `permanent: false` otherwise.
   */
  send(message: OutboundMessage): Promise<SendResult>;
}
