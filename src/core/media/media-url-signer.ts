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
 * The signing key: MEDIA_SIGNING_SECRET when set; otherwise derived from a
 * secret every Baton process of a deployment already shares, so URLs signed by
 * one process verify in another.
 */
export function deriveMediaSecret(input: {
  mediaSigningSecret?: string;
  twilioAuthToken?: string;
  databaseUrl: string;
}): string {
  if (input.mediaSigningSecret) return input.mediaSigningSecret;
  return createHmac('sha256', input.twilioAuthToken ?? input.databaseUrl)
    .update('baton-media-urls')
    .digest('hex');
}
