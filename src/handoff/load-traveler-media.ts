import { fetchTwilioMedia } from '../channels/twilio/twilio-media';
import type { TwilioEnv } from '../config/env';
import type { PostgresMediaStore } from '../core/media/postgres-media-store';

export interface LoadedMedia {
  data: Buffer;
  contentType: string;
  filename: string;
}

/** Fetches a traveler's attachment so it can be shared in Slack; null for a source Baton does not fetch. */
export type TravelerMediaLoader = (item: { url: string; contentType: string }) => Promise<LoadedMedia | null>;

const extensions: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'video/mp4': 'mp4',
  'text/vcard': 'vcf',
};

function filenameFor(contentType: string, index: string): string {
  return `attachment-${index}.${extensions[contentType.split(';')[0]?.trim() ?? ''] ?? 'bin'}`;
}

/**
 * Only two sources are fetched: Baton's own media store (whatsapp-web.js media)
 * and Twilio's media URLs, with the account's credentials (they may require
 * them). Anything else stays a link: Baton does not fetch arbitrary URLs.
 */
export function createTravelerMediaLoader(options: {
  publicUrl: string;
  media: Pick<PostgresMediaStore, 'load'>;
  twilio?: Pick<TwilioEnv, 'accountSid' | 'authToken' | 'apiUrl'>;
}): TravelerMediaLoader {
  const ownPrefix = `${options.publicUrl}/media/`;
  return async (item) => {
    if (item.url.startsWith(ownPrefix)) {
      const id = decodeURIComponent(item.url.slice(ownPrefix.length).split('?')[0] ?? '');
      const stored = await options.media.load(id);
      return stored
        ? {
            data: stored.data,
            contentType: stored.contentType,
            filename: stored.filename ?? filenameFor(stored.contentType, id.slice(0, 8)),
          }
        : null;
    }
    const { twilio } = options;
    const url = new URL(item.url);
    const fromTwilio = twilio && (url.hostname.endsWith('.twilio.com') || url.origin === new URL(twilio.apiUrl).origin);
    if (!fromTwilio) return null;
    const fetched = await fetchTwilioMedia(item.url, {
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      apiUrl: twilio.apiUrl,
    });
    return {
      ...fetched,
      filename: filenameFor(fetched.contentType, url.pathname.split('/').pop()?.slice(0, 12) ?? 'file'),
    };
  };
}
