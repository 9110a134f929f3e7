import type { Logger } from '../core/logger';
import type { PlaygroundChange } from './playground-api';
import type { ReadChangeMarkers } from './read-change-markers';

/** What one open event stream shows. */
export interface ChangeWatch {
  conversationId?: string;
  phone?: string;
}

export interface ChangeListener {
  /** Some view of this stream changed; the first call (all true) follows the subscription. */
  change(change: PlaygroundChange): void;
  /** The feed closed (the server is stopping): end the stream. */
  close(): void;
}

interface Subscriber {
  watch: ChangeWatch;
  listener: ChangeListener;
  last?: { inbox: string; conversation: string; phone: string };
}

/**
 * Live updates for the playground's event streams, across web and worker processes:
 * while at least one stream is open, one timer per process reads the change markers of
 * everything watched (one query, `databaseChangeMarkers`) and tells each stream which of
 * its views changed. The database is where every process writes, so nothing in the
 * message path has to publish anything.
 */
export class PlaygroundChangeFeed {
  private readonly subscribers = new Set<Subscriber>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private failing = false;
  private closed = false;

  constructor(private readonly deps: { read: ReadChangeMarkers; logger: Logger; intervalMs: number }) {}

  /** Returns the unsubscribe function. */
  subscribe(watch: ChangeWatch, listener: ChangeListener): () => void {
    const subscriber: Subscriber = { watch, listener };
    if (this.closed) {
      listener.close();
      return () => {};
    }
    this.subscribers.add(subscriber);
    this.schedule();
    return () => {
      this.subscribers.delete(subscriber);
    };
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** Ends every stream and stops polling. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const subscriber of this.subscribers) subscriber.listener.close();
    this.subscribers.clear();
  }

  /** One look for changes (the timer calls it; tests may too). */
  async tick(): Promise<void> {
    if (this.ticking || this.subscribers.size === 0) return;
    this.ticking = true;
    try {
      const subscribers = [...this.subscribers];
      const markers = await this.deps.read({
        conversationIds: unique(subscribers.map((s) => s.watch.conversationId)),
        phones: unique(subscribers.map((s) => s.watch.phone)),
      });
      if (this.failing) this.deps.logger.info('playground: change feed reading the database again');
      this.failing = false;
      for (const subscriber of subscribers) {
        const { conversationId, phone } = subscriber.watch;
        const now = {
          inbox: markers.inbox,
          conversation: (conversationId && markers.conversations.get(conversationId)) || '-',
          phone: (phone && markers.phones.get(phone)) || '-',
        };
        const last = subscriber.last;
        subscriber.last = now;
        const change = {
          inbox: last?.inbox !== now.inbox,
          conversation: last?.conversation !== now.conversation,
          phone: last?.phone !== now.phone,
        };
        if (change.inbox || change.conversation || change.phone) subscriber.listener.change(change);
      }
    } catch (error) {
      // Logged once per outage: streams stay open and catch up when the database answers again.
      if (!this.failing) this.deps.logger.warn({ err: error }, 'playground: change feed cannot read the database');
      this.failing = true;
    } finally {
      this.ticking = false;
    }
  }

  private schedule(): void {
    if (this.timer || this.subscribers.size === 0) return;
    this.timer = setTimeout(async () => {
      await this.tick();
      this.timer = undefined;
      this.schedule();
    }, this.deps.intervalMs);
    this.timer.unref();
  }
}

function unique(values: Array<string | undefined>): string[] {
  return [...new Set(values.filter((value): value is string => value !== undefined))];
}
