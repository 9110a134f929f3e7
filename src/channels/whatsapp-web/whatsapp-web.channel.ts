import type { Redis } from 'ioredis';
import qrcode from 'qrcode-terminal';
import type { Logger } from '../../core/logger';
import type { MediaStore } from '../../core/media/media-store';
import type { InboundMessage } from '../channel-adapter';
import type { OutboundMediaLoader } from './fetch-outbound-media';
import { handleIncomingMessage } from './handle-incoming-message';
import { type BackoffOptions, reconnectDelay } from './reconnect-delay';
import { SessionLock, type SessionLockLossReason } from './session-lock';
import {
  clearWhatsappWebQr,
  parkFailedWhatsappWebInbound,
  publishWhatsappWebStatus,
  storeWhatsappWebQr,
  type WhatsappWebState,
  type WhatsappWebStatus,
  whatsappWebKeys,
} from './session-state-store';
import { WhatsappWebAdapter } from './whatsapp-web.adapter';
import type { WhatsappWebClient } from './whatsapp-web-client';

export interface WhatsappWebChannelOptions {
  redis: Redis;
  keyPrefix: string;
  /** `ttlMs` (default 30 s): how soon a crashed owner is replaced; `retryEveryMs`: how often standbys try. */
  lock?: { ttlMs?: number; retryEveryMs?: number; token?: string };
  /** Backoff between reconnects (default 2 s doubling to 5 min, 20 % jitter). */
  reconnect?: Partial<BackoffOptions>;
  /** `onInbound` attempts per message (default 5) and the first retry delay (default 500 ms, doubling). */
  inboundRetry?: { attempts?: number; initialDelayMs?: number };
  /** How long a QR stays readable in Redis; WhatsApp rotates it about every 20 s. Default 60. */
  qrTtlSeconds?: number;
  /** Builds a fresh client; called again for every reconnect (a destroyed client cannot be reused). */
  clientFactory: () => WhatsappWebClient | Promise<WhatsappWebClient>;
  mediaStore: MediaStore;
  /** Takes a normalized message into Baton (store + enqueue). Throwing means "retry". */
  onInbound: (message: InboundMessage) => Promise<void>;
  logger: Logger;
  /** Draws the QR for a person at the terminal; default qrcode-terminal (small). `false` turns it off. */
  printQr?: ((qr: string) => void) | false;
  /**
   * Every QR while linking is needed (e.g. to post it to Slack). The payload is a linking
   * credential: show it only as an image, never log it. A throwing hook changes nothing here.
   */
  onQr?: (qr: string) => void;
  loadMedia?: OutboundMediaLoader;
  onStatusChange?: (status: WhatsappWebStatus) => void;
}

/**
 * Runs the whatsapp-web.js session in the one process that holds the session
 * lock: stands by until it owns the lock, starts the client, follows its
 * events (QR, ready, disconnects with backoff), feeds messages to `onInbound`,
 * and stops the client the moment the lock is lost.
 */
export class WhatsappWebChannel {
  /** Sends through the current client; refuses (transient) unless the session is ready here. */
  readonly adapter: WhatsappWebAdapter;
  private readonly lock: SessionLock;
  private readonly log: Logger;
  private readonly backoff: BackoffOptions;
  private readonly printQr: ((qr: string) => void) | undefined;
  private client: WhatsappWebClient | undefined;
  /** Bumped whenever a client is retired: events from retired clients change nothing. */
  private generation = 0;
  private destroying: Promise<void> = Promise.resolve();
  private running = false;
  private standby: AbortController | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** Building a client (not initializing it: that can take minutes). */
  private starting: Promise<void> | undefined;
  private readonly inflight = new Set<Promise<void>>();
  private current: WhatsappWebStatus = {
    state: 'off',
    since: new Date().toISOString(),
    owner: false,
    reconnectAttempt: 0,
  };

  constructor(private readonly options: WhatsappWebChannelOptions) {
    this.log = options.logger.child({ channel: 'whatsapp_web' });
    this.backoff = { initialDelayMs: 2_000, maxDelayMs: 300_000, jitter: 0.2, ...options.reconnect };
    this.printQr = options.printQr === false ? undefined : (options.printQr ?? printSmallQr);
    this.lock = new SessionLock({
      redis: options.redis,
      key: whatsappWebKeys(options.keyPrefix).lock,
      ttlMs: options.lock?.ttlMs,
      token: options.lock?.token,
      onLost: (reason, error) => this.onLockLost(reason, error),
    });
    this.adapter = new WhatsappWebAdapter({
      getClient: () => (this.current.state === 'ready' ? this.client : undefined),
      loadMedia: options.loadMedia,
      onSendFailure: (error) => {
        // Chromium can die without the library noticing: the session looks ready, every send fails.
        if (error.providerCode === 'session_closed' && this.current.state === 'ready') {
          this.reconnectLater('disconnected', `browser session closed: ${error.message}`);
        }
      },
    });
  }

  status(): WhatsappWebStatus {
    return { ...this.current, owner: this.lock.held };
  }

  /** Returns at once; the session starts in the background when this process gets the lock. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.enterStandby();
  }

  /** Finishes messages in hand, closes the browser, then frees the lock for another process. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.standby?.abort();
    this.standby = undefined;
    this.clearReconnect();
    await this.starting;
    await this.drain();
    await this.stopClient();
    if (this.lock.held) {
      await clearWhatsappWebQr(this.options.redis, this.options.keyPrefix).catch(() => {});
      await this.lock.release().catch((error) => this.log.warn({ err: error }, 'could not release the session lock'));
    }
    this.setState('off');
  }

  /** Resolves when every message received so far has been handed over (or parked). */
  async drain(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  private enterStandby(): void {
    this.setState('standby');
    const standby = new AbortController();
    this.standby = standby;
    this.lock
      .acquireWhenFree({
        signal: standby.signal,
        retryEveryMs: this.options.lock?.retryEveryMs,
        onError: (error) => this.log.warn({ err: error }, 'could not reach Redis for the session lock; retrying'),
      })
      .then(async (acquired) => {
        if (!acquired || this.standby !== standby) return;
        this.standby = undefined;
        this.log.info('this process now owns the WhatsApp Web session');
        this.launch();
      })
      .catch((error) => this.log.error({ err: error }, 'whatsapp-web standby failed'));
  }

  private launch(): void {
    const starting: Promise<void> = this.startClient()
      .catch((error) => this.log.error({ err: error }, 'whatsapp-web client start failed'))
      .finally(() => {
        if (this.starting === starting) this.starting = undefined;
      });
    this.starting = starting;
  }

  private async startClient(): Promise<void> {
    if (!this.running || !this.lock.held) return;
    const generation = ++this.generation;
    this.setState('starting');
    // Two browsers must never share the session folder: wait for the previous one to close.
    await this.destroying;
    let client: WhatsappWebClient;
    try {
      client = await this.options.clientFactory();
    } catch (error) {
      if (generation === this.generation)
        this.reconnectLater('disconnected', `client could not be built: ${text(error)}`);
      return;
    }
    if (!this.running || generation !== this.generation) {
      this.destroying = this.destroying.then(() => client.destroy().catch(() => {}));
      return;
    }
    this.client = client;
    this.listen(client, generation);
    client.initialize().catch((error) => {
      if (generation === this.generation) this.reconnectLater('disconnected', `initialize failed: ${text(error)}`);
    });
  }

  private listen(client: WhatsappWebClient, generation: number): void {
    const live = () => generation === this.generation;
    const { redis, keyPrefix } = this.options;
    client.on('qr', (qr: string) => {
      if (!live()) return;
      if (this.current.state !== 'qr_required') {
        this.log.warn('WhatsApp Web needs linking: scan the QR (WhatsApp > Linked devices > Link a device)');
      }
      this.setState('qr_required');
      this.printQr?.(qr);
      try {
        this.options.onQr?.(qr);
      } catch (error) {
        this.log.warn({ err: error }, 'the WhatsApp Web QR hook failed');
      }
      storeWhatsappWebQr(redis, keyPrefix, qr, this.options.qrTtlSeconds ?? 60).catch((error) =>
        this.log.warn({ err: error }, 'could not store the WhatsApp Web QR in Redis'),
      );
    });
    client.on('authenticated', () => {
      if (!live()) return;
      this.setState('authenticated');
      clearWhatsappWebQr(redis, keyPrefix).catch(() => {});
    });
    client.on('ready', () => {
      if (!live()) return;
      this.current.reconnectAttempt = 0;
      this.setState('ready');
      clearWhatsappWebQr(redis, keyPrefix).catch(() => {});
    });
    client.on('auth_failure', (message: string) => {
      if (live()) this.reconnectLater('auth_failed', `authentication failed: ${message}`);
    });
    client.on('disconnected', (reason: string) => {
      if (live()) this.reconnectLater('disconnected', `disconnected: ${reason}`);
    });
    client.on('change_state', (waState: string) => {
      if (!live()) return;
      this.current.waState = waState;
      this.log.info({ waState }, 'WhatsApp Web connection state');
      this.publish();
    });
    // Messages are real whichever client brought them, so even a retiring client's are kept.
    client.on('message', (message: unknown) => this.track(this.receive(client, message)));
  }

  private async receive(client: WhatsappWebClient, message: unknown): Promise<void> {
    const { redis, keyPrefix, inboundRetry } = this.options;
    await handleIncomingMessage(
      {
        adapter: this.adapter,
        client,
        mediaStore: this.options.mediaStore,
        onInbound: this.options.onInbound,
        park: (inbound) => parkFailedWhatsappWebInbound(redis, keyPrefix, inbound),
        logger: this.log,
        retry: { attempts: inboundRetry?.attempts ?? 5, initialDelayMs: inboundRetry?.initialDelayMs ?? 500 },
      },
      message,
    );
  }

  private reconnectLater(state: 'disconnected' | 'auth_failed', reason: string): void {
    this.current.lastError = reason;
    this.setState(state);
    void this.stopClient();
    if (!this.running || !this.lock.held) return;
    const attempt = ++this.current.reconnectAttempt;
    const delayMs = reconnectDelay(attempt, this.backoff);
    this.log.warn({ attempt, delayMs }, 'whatsapp-web will reconnect after a pause');
    this.clearReconnect();
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.launch();
    }, delayMs);
  }

  private onLockLost(reason: SessionLockLossReason, error: unknown): void {
    this.log.error({ reason, err: error }, 'whatsapp-web session lock lost: stopping the client now');
    this.current.lastError = `session lock lost (${reason})`;
    this.clearReconnect();
    const stopped = this.stopClient();
    if (!this.running) return;
    this.setState('standby');
    void stopped.then(() => {
      if (this.running && !this.lock.held && !this.standby) this.enterStandby();
    });
  }

  /** Retires the current client at once (sends are refused from here on) and closes it. */
  private stopClient(): Promise<void> {
    this.generation++;
    const client = this.client;
    this.client = undefined;
    if (!client) return this.destroying;
    const previous = this.destroying;
    this.destroying = previous.then(() =>
      client.destroy().catch((error) => this.log.warn({ err: error }, 'closing the WhatsApp Web browser failed')),
    );
    return this.destroying;
  }

  private clearReconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error) => this.log.error({ err: error }, 'whatsapp-web message handling failed'));
    this.inflight.add(tracked);
    void tracked.finally(() => this.inflight.delete(tracked));
  }

  private setState(state: WhatsappWebState): void {
    if (state === this.current.state) return;
    const previous = this.current.state;
    this.current = { ...this.current, state, since: new Date().toISOString() };
    const status = this.status();
    this.log.info(
      { state, previous, owner: status.owner, lastError: status.lastError, reconnectAttempt: status.reconnectAttempt },
      'whatsapp-web state changed',
    );
    this.publish();
    this.options.onStatusChange?.(status);
  }

  /** Shares the owner's status with the other processes (see `readWhatsappWebStatus`). */
  private publish(): void {
    if (!this.lock.held) return;
    publishWhatsappWebStatus(this.options.redis, this.options.keyPrefix, this.status(), this.lock.token).catch(
      (error) => this.log.warn({ err: error }, 'could not publish the WhatsApp Web status'),
    );
  }
}

function printSmallQr(qr: string): void {
  qrcode.generate(qr, { small: true });
}

function text(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
