import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { MessageMedia } from 'whatsapp-web.js';
import type {
  WhatsappWebClient,
  WhatsappWebMedia,
  WhatsappWebSendOptions,
  WhatsappWebSentMessage,
} from '../../src/channels/whatsapp-web/whatsapp-web-client';

/**
 * A stand-in for whatsapp-web.js's `Client`, since WhatsApp cannot be reached
 * from here: the same event names and message shape, a scriptable
 * `initialize()`, and a record of what was sent.
 */
export type FakeInitializeStep =
  | { event: 'qr'; qr: string }
  | { event: 'authenticated' }
  | { event: 'ready' }
  | { event: 'auth_failure'; message: string }
  | { event: 'disconnected'; reason: string }
  | { event: 'change_state'; state: string }
  /** initialize() rejects here, as it does when web.whatsapp.com cannot be reached. */
  | { fail: string };

export interface FakeSentMessage {
  chatId: string;
  /** The text, or the media's caption. */
  text: string;
  media?: { mimetype: string; data: string; filename?: string | null };
  options?: WhatsappWebSendOptions;
  id: string;
}

/** The library's own failure texts (see send-error.ts). */
export const FAKE_FAILURES = {
  transient: 'Protocol error (Runtime.callFunctionOn): Session closed. Most likely the page has been closed.',
  permanent: 'Evaluation failed: Error: wid error: invalid wid',
} as const;

export class FakeWhatsappWebClient extends EventEmitter implements WhatsappWebClient {
  readonly sent: FakeSentMessage[] = [];
  initializeCalls = 0;
  destroyed = false;
  /** Chat ids (`…@c.us`) that getNumberId reports as not on WhatsApp. */
  readonly unregistered = new Set<string>();
  /** Privacy id → phone chat id, answered by getContactLidAndPhone. */
  readonly lidToPhone = new Map<string, string>();
  private readonly sendFailures: Array<keyof typeof FAKE_FAILURES> = [];

  constructor(
    private readonly steps: FakeInitializeStep[] = [{ event: 'authenticated' }, { event: 'ready' }],
    private readonly stepDelayMs = 5,
  ) {
    super();
  }

  async initialize(): Promise<void> {
    this.initializeCalls++;
    for (const step of this.steps) {
      await new Promise((resolve) => setTimeout(resolve, this.stepDelayMs));
      if (this.destroyed) return;
      if ('fail' in step) throw new Error(step.fail);
      if (step.event === 'qr') this.emit('qr', step.qr);
      else if (step.event === 'auth_failure') this.emit('auth_failure', step.message);
      else if (step.event === 'disconnected') this.emit('disconnected', step.reason);
      else if (step.event === 'change_state') this.emit('change_state', step.state);
      else this.emit(step.event);
    }
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
  }

  /** The next sendMessage throws the library's error for a closed session or an invalid recipient. */
  failNextSend(kind: keyof typeof FAKE_FAILURES): void {
    this.sendFailures.push(kind);
  }

  async sendMessage(
    chatId: string,
    content: string | MessageMedia,
    options?: WhatsappWebSendOptions,
  ): Promise<WhatsappWebSentMessage> {
    if (this.destroyed) throw new Error(FAKE_FAILURES.transient);
    const failure = this.sendFailures.shift();
    if (failure) throw new Error(FAKE_FAILURES[failure]);
    const id = `true_${chatId}_3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
    const media = typeof content === 'string' ? undefined : content;
    this.sent.push({
      chatId,
      text: media ? (options?.caption ?? '') : (content as string),
      ...(media && { media: { mimetype: media.mimetype, data: media.data, filename: media.filename } }),
      options,
      id,
    });
    return { id: { _serialized: id } };
  }

  async getNumberId(number: string): Promise<{ _serialized: string; user: string; server: string } | null> {
    if (this.destroyed) throw new Error(FAKE_FAILURES.transient);
    const chatId = number.endsWith('@c.us') ? number : `${number}@c.us`;
    if (this.unregistered.has(chatId)) return null;
    return { _serialized: chatId, user: chatId.split('@')[0] ?? '', server: 'c.us' };
  }

  async getContactLidAndPhone(userIds: string[]): Promise<Array<{ lid: string; pn: string }>> {
    return userIds.map((lid) => ({ lid, pn: this.lidToPhone.get(lid) ?? '' }));
  }

  /** Delivers a message as WhatsApp would (the `message` event). */
  receive(input: FakeMessageInput): FakeWhatsappMessage {
    const message = createFakeWhatsappMessage(input);
    this.emit('message', message);
    return message;
  }

  disconnect(reason = 'NAVIGATION'): void {
    this.emit('disconnected', reason);
  }
}

export interface FakeMessageInput {
  /** Chat id: `15551234567@c.us`, `…@g.us`, `status@broadcast`, `…@lid`. */
  from: string;
  body?: string;
  /** The message's own id (default random); `id._serialized` is built from it like the library does. */
  id?: string;
  fromMe?: boolean;
  type?: string;
  isStatus?: boolean;
  author?: string;
  notifyName?: string;
  timestamp?: number;
  /** Makes `hasMedia` true; `downloadMedia()` returns it (null: expired on WhatsApp's servers). */
  media?: WhatsappWebMedia | null;
  location?: { latitude: number; longitude: number; name?: string; address?: string };
}

/** The shape of a library `Message` (own properties plus methods on the prototype). */
export class FakeWhatsappMessage {
  readonly id: { fromMe: boolean; remote: string; id: string; _serialized: string };
  readonly from: string;
  readonly to = '15550009999@c.us';
  readonly body: string;
  readonly fromMe: boolean;
  readonly hasMedia: boolean;
  readonly type: string;
  readonly timestamp: number;
  readonly isStatus: boolean;
  readonly author: string | undefined;
  readonly location: FakeMessageInput['location'];
  readonly _data: { notifyName?: string };
  downloadCalls = 0;
  private readonly media: WhatsappWebMedia | null | undefined;

  constructor(input: FakeMessageInput) {
    const own = input.id ?? `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
    this.fromMe = input.fromMe ?? false;
    this.id = { fromMe: this.fromMe, remote: input.from, id: own, _serialized: `${this.fromMe}_${input.from}_${own}` };
    this.from = input.from;
    this.body = input.body ?? '';
    this.type = input.type ?? (input.media === undefined ? 'chat' : 'image');
    this.hasMedia = input.media !== undefined;
    this.media = input.media;
    this.timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
    this.isStatus = input.isStatus ?? input.from === 'status@broadcast';
    this.author = input.author;
    this.location = input.location;
    this._data = input.notifyName ? { notifyName: input.notifyName } : {};
  }

  async downloadMedia(): Promise<WhatsappWebMedia | null | undefined> {
    this.downloadCalls++;
    return this.media;
  }
}

export function createFakeWhatsappMessage(input: FakeMessageInput): FakeWhatsappMessage {
  return new FakeWhatsappMessage(input);
}

/** A clientFactory that builds a new fake per (re)connect and keeps them all. */
export function fakeClientFactory(steps?: (index: number) => FakeInitializeStep[] | undefined, stepDelayMs?: number) {
  const clients: FakeWhatsappWebClient[] = [];
  /** When each client was built (ms since the epoch), to measure reconnect backoff. */
  const createdAt: number[] = [];
  return {
    clients,
    createdAt,
    create: (): FakeWhatsappWebClient => {
      const client = new FakeWhatsappWebClient(steps?.(clients.length), stepDelayMs);
      clients.push(client);
      createdAt.push(Date.now());
      return client;
    },
    latest: (): FakeWhatsappWebClient | undefined => clients.at(-1),
  };
}
