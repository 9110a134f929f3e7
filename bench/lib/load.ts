import { performance } from 'node:perf_hooks';
import type { ReplyTracker } from './reply-tracker';
import { type Summary, sleep, summarize } from './stats';
import type { TwilioWebhookSender } from './webhook-sender';

/** The figures of one load phase. Latencies in ms; rates per second. */
export interface LoadResult {
  generator: 'closed-loop' | 'open-loop';
  travelers: number;
  seconds: number;
  sent: number;
  /** Webhooks answered 2xx. */
  accepted: number;
  /** Replies received at the fake Twilio within the phase window, per second. */
  repliesPerSecond: number | null;
  targetRate?: number;
  /** Webhooks sent per second during the window. */
  sentPerSecond: number;
  /** Webhooks answered 2xx per second within the window: what the web process kept up with. */
  ackedPerSecond: number;
  ackMs: Summary | null;
  /** Webhook sent → reply's send request received at the fake Twilio. */
  e2eMs: Summary | null;
  errors: { webhookStatus: Record<string, number>; webhookFailed: number; noReply: number };
  /** How late the open-loop generator fired, behind its schedule (its own health). */
  generatorLagMs?: Summary | null;
}

export interface Traffic {
  sender: TwilioWebhookSender;
  tracker: ReplyTracker;
  questions: readonly string[];
  replyTimeoutMs: number;
}

class Recorder {
  sent = 0;
  accepted = 0;
  ackedInWindow = 0;
  repliesInWindow = 0;
  webhookFailed = 0;
  noReply = 0;
  readonly status: Record<string, number> = {};
  readonly ack: number[] = [];
  readonly e2e: number[] = [];
  readonly lag: number[] = [];
  private next = 0;

  constructor(
    private readonly traffic: Traffic,
    private readonly window: { start: number; end: number },
    private readonly trackReplies: boolean,
  ) {}

  /** One traveler message: webhook, then (if tracked) its reply. */
  async message(address: string): Promise<void> {
    const text = this.traffic.questions[this.next++ % this.traffic.questions.length] as string;
    const expectation = this.trackReplies
      ? this.traffic.tracker.expect(address, this.traffic.replyTimeoutMs)
      : undefined;
    this.sent += 1;
    const ack = await this.traffic.sender.send(address, text);
    if (ack.status >= 200 && ack.status < 300) {
      this.accepted += 1;
      this.ack.push(ack.ackMs);
      if (ack.sentAt + ack.ackMs <= this.window.end) this.ackedInWindow += 1;
    } else {
      expectation?.cancel();
      if (ack.status === 0) this.webhookFailed += 1;
      else this.status[ack.status] = (this.status[ack.status] ?? 0) + 1;
      return;
    }
    if (!expectation) return;
    const at = await expectation.reply;
    if (at === null) {
      this.noReply += 1;
      return;
    }
    this.e2e.push(at - ack.sentAt);
    if (at >= this.window.start && at <= this.window.end) this.repliesInWindow += 1;
  }

  result(generator: LoadResult['generator'], travelers: number, extra: Partial<LoadResult> = {}): LoadResult {
    const seconds = (this.window.end - this.window.start) / 1000;
    return {
      generator,
      travelers,
      seconds: Math.round(seconds * 100) / 100,
      sent: this.sent,
      accepted: this.accepted,
      repliesPerSecond: this.trackReplies ? Math.round((this.repliesInWindow / seconds) * 10) / 10 : null,
      sentPerSecond: Math.round((this.sent / seconds) * 10) / 10,
      ackedPerSecond: Math.round((this.ackedInWindow / seconds) * 10) / 10,
      ackMs: summarize(this.ack),
      e2eMs: summarize(this.e2e),
      errors: { webhookStatus: this.status, webhookFailed: this.webhookFailed, noReply: this.noReply },
      ...extra,
    };
  }
}

/**
 * Closed loop: each traveler sends a message, waits for Baton's reply at the fake Twilio, and
 * sends the next at once (no think time). With enough travelers the queues never run dry, so
 * replies per second is the throughput Baton sustains at saturation.
 */
export async function runClosedLoop(traffic: Traffic, travelers: readonly string[], durationMs: number) {
  const start = performance.now();
  const window = { start, end: start + durationMs };
  const recorder = new Recorder(traffic, window, true);
  await Promise.all(
    travelers.map(async (address) => {
      while (performance.now() < window.end) await recorder.message(address);
    }),
  );
  return recorder.result('closed-loop', travelers.length);
}

/**
 * Open loop: messages leave on a fixed schedule (`rate` per second, travelers in turn),
 * whether or not earlier ones were answered, so a slow Baton shows as latency, not as a
 * slower generator. The loop sleeps until the next send is due and sends every overdue one.
 */
export async function runOpenLoop(
  traffic: Traffic,
  travelers: readonly string[],
  options: { rate: number; durationMs: number; trackReplies: boolean },
): Promise<LoadResult> {
  const start = performance.now();
  const window = { start, end: start + options.durationMs };
  const recorder = new Recorder(traffic, window, options.trackReplies);
  const interval = 1000 / options.rate;
  const total = Math.floor(options.durationMs / interval);
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    recorder.lag.push(Math.max(0, performance.now() - due));
    inFlight.push(recorder.message(travelers[i % travelers.length] as string));
  }
  const lastSend = performance.now();
  if (lastSend < window.end) await sleep(window.end - lastSend);
  await Promise.all(inFlight);
  return recorder.result('open-loop', travelers.length, {
    targetRate: Math.round(options.rate * 10) / 10,
    generatorLagMs: summarize(recorder.lag),
  });
}

/** E.164 numbers in a range of their own per phase, so no reply of one phase is taken for another's. */
export function travelerAddresses(phase: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `+1555${String(phase).padStart(2, '0')}${String(i).padStart(5, '0')}`);
}
