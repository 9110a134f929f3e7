import { z } from 'zod';
import { BatonError } from '../../core/errors';
import { maskPhoneNumbers } from '../../core/logger';
import { describeTwilioErrorCode, twilioErrorCodes } from './twilio-errors';

/** Every `MessageStatus` Twilio documents (twilio-node's `MessageStatus` type). */
export const twilioMessageStatuses = [
  'accepted',
  'scheduled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'receiving',
  'received',
  'undelivered',
  'failed',
  'canceled',
  'partially_delivered',
] as const;
export type TwilioMessageStatus = (typeof twilioMessageStatuses)[number];

/** The delivery states Baton stores on a message. */
export type TwilioDeliveryStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered';

export interface TwilioStatusUpdate {
  messageSid: string;
  status: TwilioDeliveryStatus;
  errorCode?: string;
  /** Why delivery failed, worded for the specialist. */
  errorMessage?: string;
}

/** Status callback fields Baton reads; Twilio adds others without notice, so they pass through. */
export const ZTwilioStatusCallbackSchema = z.looseObject({
  MessageSid: z.string().regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/, 'must be a Twilio message SID (SM… or MM…)'),
  MessageStatus: z.enum(twilioMessageStatuses, { error: `must be one of ${twilioMessageStatuses.join(', ')}` }),
  ErrorCode: z.string().optional(),
  ErrorMessage: z.string().optional(),
});
export type TTwilioStatusCallback = z.infer<typeof ZTwilioStatusCallbackSchema>;

function toDeliveryStatus(status: TwilioMessageStatus): TwilioDeliveryStatus {
  switch (status) {
    // Twilio has the message but it has not left yet. (Baton's own `queued` means it has not
    // reached the provider at all, so these are `accepted`.)
    case 'accepted': // a Messaging Service accepted it and is choosing a sender
    case 'scheduled':
    case 'queued':
    case 'sending':
    case 'receiving': // inbound-only state: never expected on Baton's outbound messages
      return 'accepted';
    case 'sent':
      return 'sent';
    case 'delivered':
    case 'received':
      return 'delivered';
    case 'read':
      return 'read';
    case 'undelivered':
    case 'partially_delivered': // some segments or media did not arrive
      return 'undelivered';
    case 'failed':
    case 'canceled': // a scheduled message canceled before sending: it will never arrive
      return 'failed';
  }
}

const reasonWithoutCode: Partial<Record<TwilioMessageStatus, string>> = {
  canceled: 'Twilio canceled the message before sending it.',
  partially_delivered: 'Only part of the message reached the traveler (some segments or media failed).',
};

/**
 * Parses a delivery status callback (`POST /webhooks/twilio/status`, already authenticated)
 * into the state stored on the message. Throws `payload_invalid` naming the bad fields.
 */
export function parseTwilioStatusCallback(params: unknown): TwilioStatusUpdate {
  const parsed = ZTwilioStatusCallbackSchema.safeParse(params);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new BatonError('payload_invalid', `invalid Twilio status callback: ${problems}`);
  }
  const { MessageSid, MessageStatus, ErrorCode, ErrorMessage } = parsed.data;
  const errorCode = ErrorCode?.trim() || undefined;
  let errorMessage: string | undefined;
  if (errorCode !== undefined) {
    errorMessage =
      twilioErrorCodes[errorCode] === undefined && ErrorMessage?.trim()
        ? // Twilio's own text may name the recipient: stored and shown masked, like send errors.
          `${maskPhoneNumbers(ErrorMessage.trim())} (Twilio ${errorCode})`
        : describeTwilioErrorCode(errorCode);
  } else {
    errorMessage = reasonWithoutCode[MessageStatus];
  }
  return {
    messageSid: MessageSid,
    status: toDeliveryStatus(MessageStatus),
    ...(errorCode !== undefined && { errorCode }),
    ...(errorMessage !== undefined && { errorMessage }),
  };
}
