import { DeliveryError } from '../delivery-error';

/**
 * What a failed whatsapp-web.js call means for the outbound job. The library
 * has no error codes: failures are puppeteer errors or WhatsApp Web's own,
 * recognised by their text.
 */
const PERMANENT: Array<[RegExp, string]> = [
  [/not a registered whatsapp user/i, 'not_registered'],
  // WhatsApp Web refuses to build an id from the number ("wid error: invalid wid").
  [/invalid wid|wid error/i, 'invalid_wid'],
];

const TRANSIENT: Array<[RegExp, string]> = [
  [/session closed|target closed|page has been closed|browser has disconnected/i, 'session_closed'],
  [/execution context was destroyed|navigation|detached frame/i, 'page_reloading'],
  [/not ready|disconnected/i, 'not_ready'],
  [/timed? ?out/i, 'timeout'],
];

export function toWhatsappDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const summary = scrub(raw);
  for (const [pattern, code] of PERMANENT) {
    if (pattern.test(raw)) {
      return new DeliveryError(`WhatsApp refused the recipient (${summary})`, true, code, { cause: error });
    }
  }
  for (const [pattern, code] of TRANSIENT) {
    if (pattern.test(raw)) {
      return new DeliveryError(`WhatsApp Web session unavailable (${summary}); will retry`, false, code, {
        cause: error,
      });
    }
  }
  // Unknown failures are retried: the outbound queue caps attempts.
  return new DeliveryError(`whatsapp-web.js send failed (${summary})`, false, 'unknown', { cause: error });
}

/** First line only (no browser stack), and no phone numbers: the reason is stored and shown in Slack. */
function scrub(message: string): string {
  const firstLine = message.split('\n', 1)[0] ?? '';
  return firstLine.replace(/\d{6,}/g, '…').slice(0, 200);
}
