import { z } from 'zod';
import { BatonError } from '../../core/errors';
import type { InboundMessage, MediaItem } from '../channel-adapter';

/** Twilio sends at most 10 media items with one message. */
const maxMedia = 10;
const messageSidPattern = /^[A-Z]{2}[0-9a-fA-F]{32}$/;
const accountSidPattern = /^AC[0-9a-fA-F]{32}$/;

/**
 * The form fields of Twilio's incoming-message webhook that Baton reads. Twilio adds fields
 * without notice (and they are all covered by the signature), so unknown fields pass through.
 */
export const ZTwilioInboundSchema = z.looseObject({
  MessageSid: z.string().regex(messageSidPattern, 'must be a Twilio message SID (SM… or MM…, 34 characters)'),
  AccountSid: z.string().regex(accountSidPattern, 'must be a Twilio account SID (AC…, 34 characters)'),
  From: z.string().trim().min(1, 'must not be empty'),
  To: z.string().trim().min(1, 'must not be empty'),
  /** Absent or empty for a media-only message. */
  Body: z.string().default(''),
  NumMedia: z
    .string()
    .regex(/^(?:\d|10)$/, `must be a whole number from 0 to ${maxMedia}`)
    .default('0'),
  /** WhatsApp: the traveler's profile name. */
  ProfileName: z.string().optional(),
  /** WhatsApp: the traveler's WhatsApp id (their number without "+"). */
  WaId: z.string().optional(),
  MessagingServiceSid: z.string().optional(),
});
export type TTwilioInbound = z.infer<typeof ZTwilioInboundSchema>;

const mediaUrlField = /^MediaUrl(\d+)$/;

function collectMedia(fields: Record<string, unknown>, count: number): { media: MediaItem[]; problems: string[] } {
  const media: MediaItem[] = [];
  const problems: string[] = [];
  for (let i = 0; i < count; i++) {
    const url = fields[`MediaUrl${i}`];
    const contentType = fields[`MediaContentType${i}`];
    if (typeof url !== 'string' || !/^https?:\/\//i.test(url) || !URL.canParse(url)) {
      problems.push(`MediaUrl${i}: NumMedia is ${count} but MediaUrl${i} is missing or not an http(s) URL`);
    } else if (typeof contentType !== 'string' || contentType.trim() === '') {
      problems.push(`MediaContentType${i}: missing for MediaUrl${i}`);
    } else {
      media.push({ url, contentType: contentType.trim() });
    }
  }
  for (const key of Object.keys(fields)) {
    const index = mediaUrlField.exec(key)?.[1];
    if (index !== undefined && Number(index) >= count) {
      problems.push(`${key}: present but NumMedia is ${count}`);
    }
  }
  return { media, problems };
}

function invalid(problems: string[]): BatonError {
  return new BatonError('payload_invalid', `invalid Twilio inbound message: ${problems.join('; ')}`);
}

/**
 * Normalizes Twilio's incoming-message webhook (SMS, MMS, WhatsApp) into an `InboundMessage`.
 * `whatsapp:`-prefixed senders are WhatsApp, plain numbers SMS; `from` keeps Twilio's form
 * because that is the address replies go to. Throws `payload_invalid` naming every bad field.
 */
export function parseTwilioInbound(params: unknown, now: () => Date = () => new Date()): InboundMessage {
  const parsed = ZTwilioInboundSchema.safeParse(params);
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`));
  }
  const fields = parsed.data;
  const channelPrefix = /^([a-z]+):/i.exec(fields.From)?.[1];
  if (channelPrefix !== undefined && channelPrefix.toLowerCase() !== 'whatsapp') {
    // Twilio also relays other channels (messenger:, rcs:…) whose replies Baton cannot address.
    throw invalid([`From: channel "${channelPrefix}" is not supported (only SMS/MMS and whatsapp:)`]);
  }
  const { media, problems } = collectMedia(fields, Number(fields.NumMedia));
  if (problems.length > 0) throw invalid(problems);
  const displayName = fields.ProfileName?.trim();
  return {
    channel: channelPrefix === undefined ? 'twilio_sms' : 'twilio_whatsapp',
    from: fields.From,
    ...(displayName && { displayName }),
    providerMessageId: fields.MessageSid,
    text: fields.Body,
    media,
    receivedAt: now().toISOString(),
  };
}

/** True when a webhook's `AccountSid` is the configured account. */
export function isFromTwilioAccount(params: unknown, accountSid: string): boolean {
  const got = (params as { AccountSid?: unknown } | null)?.AccountSid;
  return typeof got === 'string' && got === accountSid;
}

/**
 * Refuses a (correctly signed) webhook meant for another Twilio account, e.g. a number moved
 * to a subaccount whose webhooks still point here. Throws `signature_invalid` (HTTP 403).
 */
export function assertTwilioAccount(params: unknown, accountSid: string): void {
  if (isFromTwilioAccount(params, accountSid)) return;
  const got = (params as { AccountSid?: unknown } | null)?.AccountSid;
  throw new BatonError(
    'signature_invalid',
    `Twilio webhook is for account ${typeof got === 'string' ? got : '(none)'}, not TWILIO_ACCOUNT_SID ${accountSid}: ` +
      'point this number’s webhooks at the Baton deployment of that account, or fix TWILIO_ACCOUNT_SID.',
  );
}
