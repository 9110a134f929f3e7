import { validateRequest } from 'twilio';

export interface TwilioSignatureInput {
  /** TWILIO_AUTH_TOKEN: Twilio signs every webhook with the account's auth token. */
  authToken: string;
  /**
   * The full URL Twilio requested, query string included, exactly as configured in the
   * console: build it from PUBLIC_URL + path, never from the Host header a proxy rewrote.
   */
  url: string;
  /** The form fields of the POST body (a field sent twice arrives as an array). */
  params: Readonly<Record<string, string | readonly string[]>>;
  /** The `X-Twilio-Signature` header; absent or empty never verifies. */
  signature: string | undefined | null;
}

/**
 * Checks `X-Twilio-Signature` on a form-encoded webhook: HMAC-SHA1, keyed with the auth
 * token, over the URL followed by every field name and value sorted by name, in base64.
 *
 * Delegates to the SDK's `validateRequest`, which compares in constant time and also accepts
 * the URL with or without its default port (Twilio signs whichever the console holds).
 * Twilio adds webhook fields without notice, so every field received must be passed, not
 * only the ones Baton reads.
 */
export function verifyTwilioSignature({ authToken, url, params, signature }: TwilioSignatureInput): boolean {
  if (!signature || !authToken) return false;
  try {
    return validateRequest(authToken, signature, url, params);
  } catch {
    // The SDK parses the URL with `new URL()`, which throws on a malformed one.
    return false;
  }
}
