import path from 'node:path';
import type { MessageMedia } from 'whatsapp-web.js';
import type { MediaItem } from '../channel-adapter';
import { DeliveryError } from '../delivery-error';

export type OutboundMediaLoader = (item: MediaItem) => Promise<MessageMedia>;

/**
 * Downloads one outbound attachment (usually Baton's own short-lived signed
 * URL) into the library's `MessageMedia`. Not `MessageMedia.fromUrl`: that
 * sends whatever the server answered, error pages included, and guesses the
 * type from the URL's extension, which signed URLs do not have.
 */
export async function fetchOutboundMedia(item: MediaItem, timeoutMs = 30_000): Promise<MessageMedia> {
  // Loaded here so that importing the adapter does not load the library and puppeteer.
  const { MessageMedia } = await import('whatsapp-web.js');
  const where = describe(item.url);
  let response: Response;
  try {
    response = await fetch(item.url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new DeliveryError(`could not download outbound media from ${where}`, false, 'media_unavailable', {
      cause: error,
    });
  }
  if (!response.ok) {
    // 4xx (expired signature, deleted file) will not heal by retrying; 408/429/5xx may.
    const permanent = response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status);
    throw new DeliveryError(`outbound media at ${where} answered ${response.status}`, permanent, 'media_unavailable');
  }
  const data = Buffer.from(await response.arrayBuffer()).toString('base64');
  const contentType = item.contentType || response.headers.get('content-type') || 'application/octet-stream';
  const filename = path.posix.basename(new URL(item.url).pathname) || null;
  return new MessageMedia(contentType, data, filename);
}

/** The URL without its query: a signed URL's signature is a credential. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
