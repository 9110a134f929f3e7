import { maskPhoneNumbers } from '../../core/logger';
import { DeliveryError } from '../delivery-error';

export interface TwilioErrorCodeInfo {
  /** What happened, worded for the Slack specialist who sees it, with what they can do. */
  reason: string;
  /** Overrides the HTTP-status rule: some codes are final whatever the status, some worth retrying. */
  permanent?: boolean;
}

/**
 * Twilio error codes a specialist or operator can act on. The same codes arrive from the REST
 * API (HTTP errors) and in status callbacks (`ErrorCode`, e.g. the 30xxx carrier errors).
 * Full dictionary: https://www.twilio.com/docs/api/errors
 */
export const twilioErrorCodes: Readonly<Record<string, TwilioErrorCodeInfo>> = {
  '20003': {
    reason: 'Twilio rejected Baton’s credentials: an operator must check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.',
    permanent: true,
  },
  '20429': { reason: 'Twilio is rate-limiting Baton; the message will be retried.', permanent: false },
  '21211': {
    reason: 'The traveler’s number is not a valid phone number: check it for typos or a missing country code.',
  },
  '21408': {
    reason:
      'Sending to this country is not enabled on the Twilio account (Geo Permissions): ask an operator, or reach the traveler another way.',
  },
  '21606': {
    reason: 'Baton’s sender number cannot send SMS from this account: an operator must check TWILIO_SMS_FROM.',
  },
  '21608': { reason: 'A Twilio trial account can only text verified numbers: an operator must verify this one.' },
  '21610': {
    reason: 'The traveler unsubscribed (replied STOP): nothing can be sent until they text START.',
    permanent: true,
  },
  '21612': {
    reason:
      'Twilio cannot route a message to this number from Baton’s sender (region or carrier not supported): reach the traveler another way.',
  },
  '21614': { reason: 'The traveler’s number is not a mobile number (a landline?), so it cannot receive texts.' },
  '21617': { reason: 'The message is longer than Twilio’s 1600-character limit.' },
  '63003': { reason: 'WhatsApp could not find this recipient: the number may not have a WhatsApp account.' },
  '63007': {
    reason: 'Twilio does not know Baton’s WhatsApp sender: an operator must check TWILIO_WHATSAPP_FROM.',
  },
  '63016': {
    reason:
      'WhatsApp allows free-form replies only within 24 hours of the traveler’s last message: wait for them to write again, or send an approved template.',
    permanent: true,
  },
  '63018': { reason: 'WhatsApp is rate-limiting Baton’s sender; the message will be retried.', permanent: false },
  '63024': { reason: 'Invalid WhatsApp recipient: this number cannot receive WhatsApp messages.' },
  '30003': {
    reason: 'The traveler’s phone is unreachable (switched off or out of coverage); try again later.',
    permanent: true,
  },
  '30004': {
    reason: 'The message was blocked: the traveler may have blocked the sender, or their carrier blocks it.',
    permanent: true,
  },
  '30005': { reason: 'The traveler’s number is unknown to their carrier or no longer in service.', permanent: true },
  '30006': { reason: 'The number is a landline or its carrier cannot receive texts.', permanent: true },
  '30007': {
    reason:
      'The carrier filtered the message as spam; rephrase it (avoid link shorteners) or reach the traveler another way.',
    permanent: true,
  },
  '30008': { reason: 'The carrier reported an unknown delivery error; try again later.', permanent: true },
};

/** A specialist-readable reason for a Twilio error code, known or not. */
export function describeTwilioErrorCode(code: string | number): string {
  return (
    twilioErrorCodes[String(code)]?.reason ??
    `Twilio error ${code} (see https://www.twilio.com/docs/api/errors/${code}).`
  );
}

/** What a REST failure carries: the SDK's RestException and TwilioServiceException both have it. */
interface TwilioApiFailure {
  status: number;
  code?: number | string;
  message?: string;
}

function isTwilioApiFailure(error: unknown): error is TwilioApiFailure {
  return typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number';
}

const timeoutCodes = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Twilio's own text names the recipient ("The 'To' number +15551234567 is not a valid phone
 * number."), and what is classified here reaches the logs, the stored message and the Slack
 * thread: every phone-like number is masked once, here. The SDK error kept as the cause is
 * masked in place too, since pino prints a cause's message and stack with the error.
 */
function maskCause(error: unknown): void {
  if (!(error instanceof Error)) return;
  error.message = maskPhoneNumbers(error.message);
  if (error.stack) error.stack = maskPhoneNumbers(error.stack);
}

/**
 * Turns whatever a Twilio call threw into a `DeliveryError`: 429, 5xx, timeouts and network
 * failures are transient (the queue retries with backoff); other 4xx are permanent. Codes in
 * `twilioErrorCodes` override that rule and give the reason stored on the message. Phone
 * numbers in Twilio's text are masked.
 */
export function classifyTwilioError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  maskCause(error);
  if (isTwilioApiFailure(error)) {
    const code = error.code === undefined || error.code === null ? undefined : String(error.code);
    const info = code === undefined ? undefined : twilioErrorCodes[code];
    const retryable = error.status === 429 || error.status === 408 || error.status >= 500 || error.status < 400;
    const permanent = info?.permanent ?? !retryable;
    const reason = info?.reason ?? `Twilio refused the message (HTTP ${error.status}).`;
    const detail = [code && `Twilio ${code}`, error.message && maskPhoneNumbers(error.message)]
      .filter(Boolean)
      .join(': ');
    return new DeliveryError(detail ? `${reason} [${detail}]` : reason, permanent, code, { cause: error });
  }
  const errorCode = (error as { code?: unknown } | null)?.code;
  const message = maskPhoneNumbers(error instanceof Error ? error.message : String(error));
  if ((typeof errorCode === 'string' && timeoutCodes.has(errorCode)) || /timeout/i.test(message)) {
    return new DeliveryError(
      `Twilio did not answer in time; the message will be retried. [${message}]`,
      false,
      undefined,
      {
        cause: error,
      },
    );
  }
  // Network failures (ECONNREFUSED, ECONNRESET, ENOTFOUND…) and anything unforeseen: retrying is
  // bounded by the queue's attempts, while a wrong "permanent" would silently drop the reply.
  return new DeliveryError(`Could not reach Twilio; the message will be retried. [${message}]`, false, undefined, {
    cause: error,
  });
}
