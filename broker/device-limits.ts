// Per-device limits that outlive a connection. A flooder that reconnects after each cut got a fresh
// token bucket per connection (466 publishes/s against 200/s): the publish bucket is now kept per
// device id, and a device that keeps getting cut is refused at CONNECT for a window that doubles
// with each cut. Time is passed in (monotonic ms); nothing here reads a clock or sets a timer.
import { TokenBucket } from './token-bucket.ts';

/** Devices remembered at once; the least recently used are forgotten first. */
const MAX_DEVICES = 200_000;

/** One publish bucket per device id, shared by all its connections. */
export class DeviceBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
  ) {}

  /** Takes one token from the device's bucket. */
  take(deviceId: string, nowMs: number): boolean {
    let b = this.buckets.get(deviceId);
    if (b) {
      // Map order is insertion order: re-insert to keep the most recently used last.
      this.buckets.delete(deviceId);
    } else {
      b = new TokenBucket(this.ratePerSec, this.burst, nowMs);
      if (this.buckets.size >= MAX_DEVICES) {
        // A full bucket carries no memory worth keeping; an evicted flooder starts full, like a new device.
        this.buckets.delete(this.buckets.keys().next().value as string);
      }
    }
    this.buckets.set(deviceId, b);
    return b.take(nowMs);
  }

  get size(): number {
    return this.buckets.size;
  }
}

export interface CutBackoffPolicy {
  /** Refusal window after the second cut; each further cut doubles it. */
  baseMs: number;
  /** Longest refusal window. */
  maxMs: number;
  /** Strikes are forgotten after this long without a cut. */
  forgetAfterMs: number;
}

export const DEFAULT_CUT_BACKOFF: Readonly<CutBackoffPolicy> = Object.freeze({ baseMs: 1_000, maxMs: 300_000, forgetAfterMs: 600_000 });

interface Strikes {
  count: number;
  lastCutMs: number;
  refuseUntilMs: number;
}

/**
 * Cuts per device (rate exceeded, packet too large, publish outside its topics). The first cut is
 * free: a device flushing a backlog may trip the limit once. From the second cut within
 * forgetAfterMs, CONNECTs are refused for baseMs, 2 × baseMs, 4 × baseMs ... up to maxMs.
 * Only authenticated devices are recorded, so nobody can get another device refused.
 */
export class CutBackoff {
  private readonly strikes = new Map<string, Strikes>();

  constructor(private readonly policy: CutBackoffPolicy = DEFAULT_CUT_BACKOFF) {}

  /** Records a cut; returns the refusal window it starts (0 for a first cut). */
  recordCut(deviceId: string, nowMs: number): number {
    const p = this.policy;
    const prev = this.strikes.get(deviceId);
    const count = prev && nowMs - prev.lastCutMs < p.forgetAfterMs ? prev.count + 1 : 1;
    const windowMs = count < 2 ? 0 : Math.min(p.maxMs, p.baseMs * 2 ** Math.min(30, count - 2));
    this.strikes.delete(deviceId);
    if (this.strikes.size >= MAX_DEVICES) this.strikes.delete(this.strikes.keys().next().value as string);
    this.strikes.set(deviceId, { count, lastCutMs: nowMs, refuseUntilMs: nowMs + windowMs });
    return windowMs;
  }

  /** Milliseconds this device must still wait before a CONNECT is accepted; 0 when it may connect. */
  refusedForMs(deviceId: string, nowMs: number): number {
    const s = this.strikes.get(deviceId);
    if (!s) return 0;
    if (nowMs - s.lastCutMs >= this.policy.forgetAfterMs) {
      this.strikes.delete(deviceId);
      return 0;
    }
    return Math.max(0, s.refuseUntilMs - nowMs);
  }
}
