export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Up to this fraction is taken off at random, so restarted processes do not retry in step. */
  jitter?: number;
}

/** Delay before reconnect attempt `attempt` (1-based): doubling from `initialDelayMs`, capped at `maxDelayMs`. */
export function reconnectDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const base = Math.min(options.initialDelayMs * 2 ** exponent, options.maxDelayMs);
  return Math.round(base * (1 - (options.jitter ?? 0) * random()));
}
