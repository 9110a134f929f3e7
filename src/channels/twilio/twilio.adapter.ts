import { Twilio } from 'twilio';
import { BatonError } from '../../core/errors';
import { type MetricsRecorder, noMetrics } from '../../core/metrics';
import type { ChannelAdapter, InboundMessage, OutboundMessage, SendResult } from '../channel-adapter';
import { DeliveryError } from '../delivery-error';
import { classifyTwilioError } from './twilio-errors';
import { TwilioHttpClient } from './twilio-http-client';
import { parseTwilioInbound } from './twilio-inbound';

export type TwilioChannel = 'twilio_sms' | 'twilio_whatsapp';

export interface TwilioAdapterOptions {
  channel: TwilioChannel;
  accountSid: string;
  authToken: string;
  /** TWILIO_API_URL: Twilio's REST API, a proxy, or a fake server. */
  apiUrl: string;
  /** SMS sender (E.164 or alphanumeric ID); TWILIO_MESSAGING_SERVICE_SID wins when both are set. */
  smsFrom?: string;
  messagingServiceSid?: string;
  /** WhatsApp sender, `whatsapp:+…`. */
  whatsappFrom?: string;
  /** Where Twilio posts delivery updates for one of Baton's messages (signed like any webhook). */
  statusCallbackUrl: (messageId: string) => string;
  timeoutMs?: number;
  /** Times each Messages API call (absent: nothing is recorded). */
  metrics?: MetricsRecorder;
}

const maxTextLength: Record<TwilioChannel, number> = { twilio_sms: 1600, twilio_whatsapp: 4096 };

type Sender = { from: string } | { messagingServiceSid: string };

function senderFor(options: TwilioAdapterOptions): Sender {
  if (options.channel === 'twilio_whatsapp') {
    if (options.whatsappFrom?.startsWith('whatsapp:')) return { from: options.whatsappFrom };
    throw new BatonError(
      'config_invalid',
      'Twilio WhatsApp needs TWILIO_WHATSAPP_FROM set to the WhatsApp sender, e.g. "whatsapp:+14155238886".',
    );
  }
  if (options.messagingServiceSid) return { messagingServiceSid: options.messagingServiceSid };
  if (options.smsFrom) return { from: options.smsFrom };
  throw new BatonError('config_invalid', 'Twilio SMS needs TWILIO_SMS_FROM or TWILIO_MESSAGING_SERVICE_SID.');
}

/** Twilio answers a create with the message's first state; later ones arrive as status callbacks. */
function sendStatus(status: string): SendResult['status'] {
  if (status === 'sent') return 'sent';
  if (status === 'delivered' || status === 'read') return 'delivered';
  return 'queued';
}

/**
 * SMS/MMS or WhatsApp through Twilio's Messages API, one instance per channel. Sends go
 * through the official SDK with its HTTP client pointed at TWILIO_API_URL.
 */
export class TwilioAdapter implements ChannelAdapter {
  readonly channel: TwilioChannel;
  readonly maxTextLength: number;
  private readonly sender: Sender;
  private readonly client: Twilio;
  private readonly statusCallbackUrl: (messageId: string) => string;
  private readonly metrics: MetricsRecorder;

  constructor(options: TwilioAdapterOptions) {
    this.channel = options.channel;
    this.maxTextLength = maxTextLength[options.channel];
    this.sender = senderFor(options);
    this.statusCallbackUrl = options.statusCallbackUrl;
    this.metrics = options.metrics ?? noMetrics;
    const httpClient = new TwilioHttpClient({ apiUrl: options.apiUrl, timeoutMs: options.timeoutMs });
    this.client = new Twilio(options.accountSid, options.authToken, { httpClient });
  }

  parseInbound(payload: unknown): InboundMessage {
    const message = parseTwilioInbound(payload);
    if (message.channel !== this.channel) {
      throw new BatonError(
        'payload_invalid',
        `a ${message.channel} message (from ${message.from}) reached the ${this.channel} adapter`,
      );
    }
    return message;
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    if (message.to.startsWith('whatsapp:') !== (this.channel === 'twilio_whatsapp')) {
      // A stored address from the other channel: sending would reach the wrong app or fail at Twilio.
      throw new DeliveryError(`"${message.to}" is not a ${this.channel} address.`, true);
    }
    try {
      const created = await this.metrics.timeApiCall('twilio', 'messages.create', () =>
        this.client.messages.create({
          to: message.to,
          ...this.sender,
          ...(message.text !== '' && { body: message.text }),
          ...(message.media.length > 0 && { mediaUrl: message.media.map((m) => m.url) }),
          statusCallback: this.statusCallbackUrl(message.messageId),
        }),
      );
      return { providerMessageId: created.sid, status: sendStatus(created.status) };
    } catch (error) {
      throw classifyTwilioError(error);
    }
  }
}
