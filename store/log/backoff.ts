// Retry delays for shipping to a remote store: exponential, capped, with jitter so that many
// nodes coming back after an outage do not hit InfluxDB in step.

export interface BackoffOptions {
  /** Delay before the first retry. */
  initialMs: number;
  /** Longest delay. */
  maxMs: number;
  factor: number;
  /** Fraction of the delay taken off at random: 0 = none, 0.2 = up to 20 % shorter. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 30_000, factor: 2, jitter: 0.2 };

/** Delay before retry number `attempt` (1 = the first retry). `retryAfterMs` (from the server) wins when longer. */
export function backoffDelayMs(attempt: number, o: BackoffOptions, random: () => number = Math.random, retryAfterMs = 0): number {
  const n = Math.max(1, Math.floor(attempt));
  const base = Math.min(o.maxMs, o.initialMs * o.factor ** (n - 1));
  const delay = Math.round(base * (1 - o.jitter * Math.min(1, Math.max(0, random()))));
  return Math.max(delay, Math.min(retryAfterMs, o.maxMs));
}
