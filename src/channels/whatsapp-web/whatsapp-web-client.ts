import type { EventEmitter } from 'node:events';
import path from 'node:path';
import type { MessageMedia } from 'whatsapp-web.js';

/**
 * The part of whatsapp-web.js's `Client` Baton uses, so the runner and the
 * adapter can be driven by a fake in tests. The real `Client` satisfies it.
 *
 * Events: `qr` (qr: string), `authenticated`, `auth_failure` (message: string),
 * `ready`, `disconnected` (reason: WAState | 'LOGOUT'), `change_state`
 * (state: WAState), `message` (message: WhatsappWebIncomingMessage).
 */
export interface WhatsappWebClient extends EventEmitter {
  /** Launches the browser and opens WhatsApp Web; rejects when the page cannot be reached. */
  initialize(): Promise<void>;
  /** Closes the browser. The instance cannot be initialized again: build a new one. */
  destroy(): Promise<void>;
  sendMessage(
    chatId: string,
    content: string | MessageMedia,
    options?: WhatsappWebSendOptions,
  ): Promise<WhatsappWebSentMessage | undefined>;
  /** The registered id for a number (`15551234567@c.us`), or null when the number has no WhatsApp. */
  getNumberId?(number: string): Promise<{ _serialized: string } | null>;
  /** Phone ids behind privacy ids (`…@lid`), which WhatsApp uses for some senders. */
  getContactLidAndPhone?(userIds: string[]): Promise<Array<{ lid?: string; pn?: string }>>;
}

export interface WhatsappWebSendOptions {
  caption?: string;
  /** The library's "mark chat as seen" step breaks with some WhatsApp Web versions; Baton turns it off. */
  sendSeen?: boolean;
}

export interface WhatsappWebSentMessage {
  id: { _serialized: string };
}

/** A downloaded attachment, as `message.downloadMedia()` returns it. */
export interface WhatsappWebMedia {
  mimetype: string;
  /** base64 */
  data: string;
  filename?: string | null;
}

/** The fields of a library `Message` Baton reads (validated again with zod when parsed). */
export interface WhatsappWebIncomingMessage {
  id: { _serialized: string; id?: string };
  from: string;
  to?: string;
  body: string;
  fromMe: boolean;
  hasMedia: boolean;
  type: string;
  timestamp?: number;
  isStatus?: boolean;
  author?: string;
  downloadMedia(): Promise<WhatsappWebMedia | undefined | null>;
}

export interface CreateWhatsappWebClientOptions {
  /** Directory holding the linked-device session (and the WhatsApp Web version cache). */
  dataPath: string;
  /** Names the session folder (`session-<clientId>`): letters, digits, `_` and `-`. */
  clientId: string;
  /** Debian's Chromium; Baton never downloads a browser. */
  executablePath?: string;
  headless?: boolean;
}

/**
 * Flags for a server without a display. `--no-sandbox` is needed when Chromium
 * runs as root (containers); the rest stop background traffic Baton has no use for.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/**
 * The real client: LocalAuth keeps the session under `dataPath`, so a restart
 * reconnects without a new QR scan as long as the phone keeps the device linked.
 */
export function createWhatsappWebClient(options: CreateWhatsappWebClientOptions): WhatsappWebClient {
  // Loaded here, not at startup: whatsapp-web.js and puppeteer are 11 MB of heap that a process
  // without WHATSAPP_WEB never needs (docs/performance.md).
  const { Client, LocalAuth } = require('whatsapp-web.js') as typeof import('whatsapp-web.js');
  const dataPath = path.resolve(options.dataPath);
  return new Client({
    authStrategy: new LocalAuth({ dataPath, clientId: options.clientId }),
    // The library caches WhatsApp Web's page in ./.wwebjs_cache by default; keep it with the session.
    webVersionCache: { type: 'local', path: path.join(dataPath, 'web-cache') },
    puppeteer: {
      executablePath: options.executablePath ?? '/usr/bin/chromium',
      headless: options.headless ?? true,
      args: [...CHROMIUM_ARGS],
    },
  });
}
