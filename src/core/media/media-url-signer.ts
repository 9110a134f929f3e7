import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived signed URLs for media Baton serves: `…/media/<id>?expires=<unix s>&signature=<hmac>`.
 * Pure, with an injectable clock, so it is tested without a server.
 */
export interface MediaUrlSigner {
  sign(id: string, options?: { ttlSeconds?: number; nowMs?: number }): string;
  verify(input: { id: string; expires: string | undefined; signature: string | undefined; nowMs?: number }): boolean;
}

const DEFAULT_TTL_SECONDS = 3600;

export function createMediaUrlSigner(options: { secret: string; publicUrl: string }): MediaUrlSigner {
  const mac = (id: string, expires: string) =>
    createHmac('sha256', options.secret).update(`${id}.${expires}`).digest('base64url');
  const base = options.publicUrl.replace(/\/+$/, '');
  return {
    sign(id, signOptions = {}) {
      const now = signOptions.nowMs ?? Date.now();
      const expires = String(Math.floor(now / 1000) + (signOptions.ttlSeconds ?? DEFAULT_TTL_SECONDS));
      return `${base}/media/${encodeURIComponent(id)}?expires=${expires}&signature=${mac(id, expires)}`;
    },
    verify({ id, expires, signature, nowMs }) {
      if (!expires || !signature || !/^\d+$/.test(expires)) return false;
      if (Number(expires) * 1000 < (nowMs ?? Date.now())) return false;
      const expected = Buffer.from(mac(id, expires));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

/**
 * The signing key from configuration: MEDIA_SIGNING_SECRET when set, otherwise derived from
 * the Twilio auth token, a secret every process of a Twilio deployment already shares.
 * Null when neither is set: the runtime then uses a random key stored in the database
 * (`instanceSecret`), never one derived from something public such as the DATABASE_URL.
 */
export function configuredMediaSecret(input: { mediaSigningSecret?: string; twilioAuthToken?: string }): string | null {
  if (input.mediaSigningSecret) return input.mediaSigningSecret;
  if (!input.twilioAuthToken) return null;
  return createHmac('sha256', input.twilioAuthToken).update('baton-media-urls').digest('hex');
}

/** Name of the stored media key in `InstanceSecret`. */
export const MEDIA_SECRET_NAME = 'media-url-signing';
