import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signatures of Baton's booking-system webhooks (docs/actions-webhook.md): `v1=` and the hex
 * HMAC-SHA256, keyed with the shared secret, of `${timestamp}.${body}`, where timestamp is the
 * X-Baton-Timestamp header (unix seconds) and body the raw request body. Signing the timestamp
 * lets receivers refuse replayed requests.
 */

export const signatureVersion = 'v1';

export function signBatonPayload(secret: string, timestamp: number | string, body: string): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `${signatureVersion}=${digest}`;
}

export interface VerifyBatonSignatureInput {
  secret: string;
  /** The X-Baton-Timestamp header. */
  timestamp: string | number | undefined;
  /** The raw body, exactly as received (not re-serialised JSON). */
  body: string;
  /** The X-Baton-Signature header; several comma-separated signatures are accepted (secret rotation). */
  signature: string | undefined;
  /** Injectable clock; defaults to now. */
  nowSeconds?: number;
  /** How far the timestamp may be from now, either way. */
  toleranceSeconds?: number;
}

/** True when the request was signed with `secret` within the tolerance. Pure and timing-safe. */
export function verifyBatonSignature({
  secret,
  timestamp,
  body,
  signature,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
}: VerifyBatonSignatureInput): boolean {
  const stamp = typeof timestamp === 'number' ? String(timestamp) : timestamp?.trim();
  if (!stamp || !/^\d{1,12}$/.test(stamp) || !signature) return false;
  if (Math.abs(nowSeconds - Number(stamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signBatonPayload(secret, stamp, body));
  return signature.split(',').some((candidate) => {
    const given = Buffer.from(candidate.trim());
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
