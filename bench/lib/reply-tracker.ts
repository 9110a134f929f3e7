import { performance } from 'node:perf_hooks';
import type { ReceivedSend } from './twilio-recorder';

/**
 * Pairs each traveler message with the reply Baton sends back. Baton answers a traveler's
 * messages in order, one reply each, so the n-th reply to an address answers the n-th message
 * to it. An expectation that timed out stays in its queue to absorb its late reply, so the
 * replies after it are still paired with the right messages.
 */
export interface Expectation {
  /** performance.now() of the reply's arrival, or null if none came within the timeout. */
  reply: Promise<number | null>;
  /** The message was never accepted: no reply will come, forget it. */
  cancel(): void;
}

interface Waiting {
  resolve: (at: number | null) => void;
  expired: boolean;
}

export class ReplyTracker {
  private readonly byAddress = new Map<string, Waiting[]>();
  private readonly byToken = new Map<string, (at: number) => void>();
  unexpected = 0;
  lateReplies = 0;

  /** Call before sending: the reply can arrive before the webhook's answer does. */
  expect(address: string, timeoutMs: number): Expectation {
    const queue = this.byAddress.get(address) ?? [];
    this.byAddress.set(address, queue);
    let waiting!: Waiting;
    const reply = new Promise<number | null>((resolve) => {
      waiting = { resolve, expired: false };
    });
    queue.push(waiting);
    const timer = setTimeout(() => {
      waiting.expired = true;
      waiting.resolve(null);
    }, timeoutMs);
    void reply.then(() => clearTimeout(timer));
    return {
      reply,
      cancel: () => {
        const at = queue.indexOf(waiting);
        if (at >= 0) queue.splice(at, 1);
        clearTimeout(timer);
        waiting.resolve(null);
      },
    };
  }

  /** Resolves when a send whose body contains `token` arrives (a relayed specialist reply). */
  expectToken(token: string, timeoutMs: number): Promise<number | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.byToken.delete(token);
        resolve(null);
      }, timeoutMs);
      this.byToken.set(token, (at) => {
        clearTimeout(timer);
        resolve(at);
      });
    });
  }

  onSend = (send: ReceivedSend): void => {
    for (const [token, resolve] of this.byToken) {
      if (send.body.includes(token)) {
        this.byToken.delete(token);
        resolve(send.at);
        return;
      }
    }
    const waiting = this.byAddress.get(send.to)?.shift();
    if (!waiting) {
      this.unexpected += 1;
      return;
    }
    if (waiting.expired) this.lateReplies += 1;
    else waiting.resolve(send.at);
  };

  now(): number {
    return performance.now();
  }
}
