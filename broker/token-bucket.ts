// A token bucket: `burst` tokens at most, refilled at `ratePerSec`. Time is passed in (monotonic
// milliseconds), so tests drive it without fake timers and the hot path reads the clock once per chunk.

export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    readonly ratePerSec: number,
    readonly burst: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.lastMs = nowMs;
  }

  /** Takes one token if there is one. */
  take(nowMs: number): boolean {
    if (nowMs > this.lastMs) {
      this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.lastMs) * this.ratePerSec) / 1000);
      this.lastMs = nowMs;
    }
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /** Tokens available now, without taking any (for tests and metrics). */
  available(nowMs: number): number {
    const refill = nowMs > this.lastMs ? ((nowMs - this.lastMs) * this.ratePerSec) / 1000 : 0;
    return Math.min(this.burst, this.tokens + refill);
  }
}
