import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';

/** Extends the lock only while it still holds our token (another owner's lock is never touched). */
const RENEW_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export type SessionLockLossReason = 'token_changed' | 'renewal_failed';

export interface SessionLockOptions {
  redis: Redis;
  key: string;
  /** How long the lock outlives its owner's last renewal (a crashed owner is replaced after this). */
  ttlMs?: number;
  /** Identifies the owner in Redis; unique per process by default. */
  token?: string;
  /** Called once when the lock is no longer ours: the owner must stop using the session at once. */
  onLost?: (reason: SessionLockLossReason, error?: unknown) => void;
}

/**
 * A Redis lock that makes one process the owner of the WhatsApp session: two
 * browsers on one linked device log each other out. Taken with
 * `SET key token NX PX ttl`, renewed every ttl/3, released only by its owner.
 * Renewal that keeps failing gives the lock up before it can expire under us,
 * so two owners never overlap.
 */
export class SessionLock {
  readonly token: string;
  readonly ttlMs: number;
  private readonly renewEveryMs: number;
  private timer: NodeJS.Timeout | undefined;
  private isHeld = false;
  private lastRenewedAt = 0;
  private renewing = false;

  constructor(private readonly options: SessionLockOptions) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.renewEveryMs = Math.max(Math.floor(this.ttlMs / 3), 1);
    this.token = options.token ?? `${hostname()}:${process.pid}:${randomUUID()}`;
  }

  get held(): boolean {
    return this.isHeld;
  }

  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    const startedAt = Date.now();
    const answer = await this.options.redis.set(this.options.key, this.token, 'PX', this.ttlMs, 'NX');
    if (answer !== 'OK') return false;
    this.isHeld = true;
    this.lastRenewedAt = startedAt;
    this.timer = setInterval(() => void this.renew(), this.renewEveryMs);
    this.timer.unref();
    return true;
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.stopRenewing();
    await this.options.redis.eval(RELEASE_SCRIPT, 1, this.options.key, this.token);
  }

  /**
   * Stands by until the lock is ours (true) or `signal` aborts (false), trying
   * every `retryEveryMs`. Redis errors while standing by are reported and retried.
   */
  async acquireWhenFree(options: {
    signal: AbortSignal;
    retryEveryMs?: number;
    onError?: (error: unknown) => void;
  }): Promise<boolean> {
    const retryEveryMs = options.retryEveryMs ?? this.renewEveryMs;
    while (!options.signal.aborted) {
      try {
        if (await this.tryAcquire()) {
          if (!options.signal.aborted) return true;
          await this.release(); // stopped while the SET was in flight
          return false;
        }
      } catch (error) {
        options.onError?.(error);
      }
      await sleep(retryEveryMs, options.signal);
    }
    return false;
  }

  private async renew(): Promise<void> {
    if (!this.held || this.renewing) return this.checkDeadline();
    this.renewing = true;
    const sentAt = Date.now();
    try {
      const extended = await this.options.redis.eval(RENEW_SCRIPT, 1, this.options.key, this.token, this.ttlMs);
      if (!this.held) return;
      if (extended === 1) this.lastRenewedAt = sentAt;
      else this.lose('token_changed');
    } catch (error) {
      this.checkDeadline(error);
    } finally {
      this.renewing = false;
    }
  }

  /** Gives up when the next renewal would come too late: the lock may expire before then. */
  private checkDeadline(error?: unknown): void {
    if (this.held && Date.now() - this.lastRenewedAt >= this.ttlMs - this.renewEveryMs) {
      this.lose('renewal_failed', error);
    }
  }

  private lose(reason: SessionLockLossReason, error?: unknown): void {
    this.stopRenewing();
    // If Redis still has our token (renewals only failed in transit), free it for the next owner.
    void this.options.redis.eval(RELEASE_SCRIPT, 1, this.options.key, this.token).catch(() => {});
    this.options.onLost?.(reason, error);
  }

  private stopRenewing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.isHeld = false;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
