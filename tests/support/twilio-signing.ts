import { createHash, createHmac } from 'node:crypto';

/**
 * What Twilio sends to Baton's webhooks, built for tests: signatures computed the way Twilio
 * documents it (https://www.twilio.com/docs/usage/security#validating-requests), written
 * without the SDK so tests check Baton's verification against an independent implementation,
 * plus builders for the inbound-message and status-callback forms.
 *
 *   computeTwilioSignature(authToken, url, params)  → X-Twilio-Signature value
 *   signedTwilioRequest({ authToken, url, params }) → { headers, body } ready to POST
 *   twilioSid('SM', 'seed')                         → deterministic 34-character SID
 *   twilioInboundParams({ accountSid, from, to, body?, messageSid?, profileName?, media? })
 *   twilioStatusParams({ accountSid, messageSid, status, errorCode?, to?, from? })
 */

/**
 * Twilio's algorithm: take the full URL (with query string), append every POST field name
 * immediately followed by its value, fields sorted by name (case-sensitive, byte order),
 * HMAC-SHA1 the result with the auth token as key, base64-encode.
 */
export function computeTwilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const names = Object.keys(params).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let data = url;
  for (const name of names) data += name + params[name];
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** A form POST exactly as Twilio makes it: urlencoded body plus its signature header. */
export function signedTwilioRequest(input: { authToken: string; url: string; params: Record<string, string> }): {
  headers: { 'content-type': string; 'x-twilio-signature': string };
  body: string;
} {
  return {
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': computeTwilioSignature(input.authToken, input.url, input.params),
    },
    body: new URLSearchParams(input.params).toString(),
  };
}

/** A syntactically valid SID (`prefix` + 32 hex), the same for the same seed. */
export function twilioSid(prefix: 'AC' | 'SM' | 'MM' | 'MG' | 'ME', seed: string): string {
  return prefix + createHash('sha256').update(`${prefix}:${seed}`).digest('hex').slice(0, 32);
}

export interface TwilioInboundInput {
  accountSid: string;
  /** `+15551234567` for SMS, `whatsapp:+447700900123` for WhatsApp. */
  from: string;
  /** Baton's number (same channel form as `from`). */
  to: string;
  body?: string;
  messageSid?: string;
  profileName?: string;
  media?: Array<{ url: string; contentType: string }>;
}

/** The form fields of Twilio's incoming-message webhook (the fields Twilio sends for SMS/MMS/WhatsApp). */
export function twilioInboundParams(input: TwilioInboundInput): Record<string, string> {
  const media = input.media ?? [];
  const whatsapp = input.from.startsWith('whatsapp:');
  const messageSid = input.messageSid ?? twilioSid(media.length > 0 ? 'MM' : 'SM', `${input.from}:${input.body}`);
  const params: Record<string, string> = {
    ToCountry: 'US',
    SmsMessageSid: messageSid,
    NumMedia: String(media.length),
    SmsSid: messageSid,
    SmsStatus: 'received',
    Body: input.body ?? '',
    To: input.to,
    NumSegments: '1',
    MessageSid: messageSid,
    AccountSid: input.accountSid,
    From: input.from,
    ApiVersion: '2010-04-01',
  };
  media.forEach((item, i) => {
    params[`MediaContentType${i}`] = item.contentType;
    params[`MediaUrl${i}`] = item.url;
  });
  if (whatsapp) {
    params.WaId = input.from.replace(/^whatsapp:\+?/, '');
    params.MessageType = media.length > 0 ? 'image' : 'text';
    if (input.profileName !== undefined) params.ProfileName = input.profileName;
  }
  return params;
}

/** The form fields of a message status callback. */
export function twilioStatusParams(input: {
  accountSid: string;
  messageSid: string;
  status: string;
  errorCode?: string;
  to?: string;
  from?: string;
}): Record<string, string> {
  return {
    AccountSid: input.accountSid,
    ApiVersion: '2010-04-01',
    MessageSid: input.messageSid,
    SmsSid: input.messageSid,
    MessageStatus: input.status,
    SmsStatus: input.status,
    ...(input.to !== undefined && { To: input.to }),
    ...(input.from !== undefined && { From: input.from }),
    ...(input.errorCode !== undefined && { ErrorCode: input.errorCode }),
  };
}
