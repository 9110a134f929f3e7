import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger, maskAddress } from '../../core/logger';
import type { MediaStore } from '../../core/media/media-store';
import type { InboundMessage, MediaItem } from '../channel-adapter';
import { whatsappIgnoreReason } from './should-ignore-whatsapp-message';
import { chatIdToAddress } from './whatsapp-address';
import type { WhatsappWebAdapter } from './whatsapp-web.adapter';
import type { WhatsappWebClient, WhatsappWebIncomingMessage } from './whatsapp-web-client';

export interface IncomingMessageDeps {
  adapter: WhatsappWebAdapter;
  /** The client that emitted the message (for privacy-id lookups). */
  client: WhatsappWebClient;
  mediaStore: MediaStore;
  onInbound: (message: InboundMessage) => Promise<void>;
  /** Keeps a message that `onInbound` refused on every attempt, so it is not lost. */
  park: (message: InboundMessage) => Promise<void>;
  logger: Logger;
  retry: { attempts: number; initialDelayMs: number };
}

export type IncomingMessageOutcome = 'ignored' | 'invalid' | 'delivered' | 'parked' | 'lost';

/**
 * From a client `message` event to `onInbound`: drop what is not a traveler
 * writing to us, normalize, store media, and hand over, retrying a failing
 * `onInbound`. Never throws: it runs inside an event listener.
 */
export async function handleIncomingMessage(deps: IncomingMessageDeps, raw: unknown): Promise<IncomingMessageOutcome> {
  const { logger } = deps;
  const ignored = whatsappIgnoreReason(raw);
  if (ignored) {
    logger.debug({ reason: ignored }, 'whatsapp-web message ignored');
    return 'ignored';
  }
  let parsed: InboundMessage;
  try {
    parsed = deps.adapter.parseInbound(raw);
  } catch (error) {
    logger.warn({ err: error }, 'whatsapp-web message could not be parsed; dropped');
    return 'invalid';
  }
  const message = raw as WhatsappWebIncomingMessage;
  const ref = { ref: messageRef(parsed.providerMessageId), type: message.type };
  const from = await resolvePhoneAddress(deps, message.from, parsed.from);
  const media = message.hasMedia ? await storeMedia(deps, message, ref) : [];
  const inbound: InboundMessage = { ...parsed, from, media };
  const log = logger.child({ ...ref, from: maskAddress(from) });

  for (let attempt = 1; attempt <= deps.retry.attempts; attempt++) {
    try {
      await deps.onInbound(inbound);
      log.info({ media: media.length }, 'whatsapp-web message accepted');
      return 'delivered';
    } catch (error) {
      const last = attempt === deps.retry.attempts;
      log.warn(
        { err: error, attempt },
        last ? 'whatsapp-web message not accepted' : 'accepting message failed; retrying',
      );
      if (!last) await sleep(deps.retry.initialDelayMs * 2 ** (attempt - 1));
    }
  }
  try {
    await deps.park(inbound);
    log.error('whatsapp-web message parked in Redis after failed attempts: replay it once Baton is healthy');
    return 'parked';
  } catch (error) {
    log.error({ err: error }, 'whatsapp-web message LOST: could not be accepted nor parked');
    return 'lost';
  }
}

/** WhatsApp hides some senders' numbers behind a privacy id (`…@lid`); ask the client for the phone. */
async function resolvePhoneAddress(deps: IncomingMessageDeps, chatId: string, address: string): Promise<string> {
  if (!chatId.endsWith('@lid') || !deps.client.getContactLidAndPhone) return address;
  try {
    const [found] = await deps.client.getContactLidAndPhone([chatId]);
    const phone = found?.pn ? chatIdToAddress(found.pn) : null;
    return phone?.startsWith('+') ? phone : address;
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not resolve a WhatsApp privacy id to a phone number; keeping the id');
    return address;
  }
}

async function storeMedia(
  deps: IncomingMessageDeps,
  message: WhatsappWebIncomingMessage,
  ref: Record<string, string>,
): Promise<MediaItem[]> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const media = await message.downloadMedia();
      if (!media?.data) {
        // WhatsApp deletes media from its servers after a while; the text still matters.
        deps.logger.warn(ref, 'whatsapp-web media no longer downloadable; message kept without it');
        return [];
      }
      const stored = await deps.mediaStore.save(Buffer.from(media.data, 'base64'), media.mimetype, {
        ...(media.filename && { filename: media.filename }),
      });
      return [{ url: stored.url, contentType: stored.contentType }];
    } catch (error) {
      deps.logger.warn({ ...ref, err: error, attempt }, 'whatsapp-web media download or storage failed');
      if (attempt < 3) await sleep(deps.retry.initialDelayMs * attempt);
    }
  }
  deps.logger.error(ref, 'whatsapp-web media dropped after 3 attempts; message kept without it');
  return [];
}

/** The message's own id, without the chat id (which holds the phone number). */
export function messageRef(providerMessageId: string): string {
  return providerMessageId.split('_').at(-1) ?? 'unknown';
}
