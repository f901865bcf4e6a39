// Card guessing through a kiosk: a kiosk token could try 200 card tokens a second, and each guess
// left a permanent ledger row. Unknown-card answers now come out of a token bucket per kiosk; when
// it is empty the kiosk is throttled (every request gets KIOSK_THROTTLED, so a valid card cannot be
// told from an invalid one while it lasts), and the first throttled request of an episode raises an
// anomaly. Time is passed in.
import { TokenBucket } from '../broker/token-bucket.ts';

export interface GuessThrottleLimits {
  /** Unknown-card answers a kiosk may get per minute, sustained. */
  perMinute: number;
  /** Unknown-card answers a kiosk may get in a row (a queue of customers with worn cards). */
  burst: number;
}

export const DEFAULT_GUESS_LIMITS: Readonly<GuessThrottleLimits> = Object.freeze({ perMinute: 6, burst: 10 });

/** Kiosks tracked at once; the least recently seen are forgotten first. */
const MAX_KIOSKS = 100_000;

export class GuessThrottle {
  private readonly buckets = new Map<string, { bucket: TokenBucket; episode: boolean }>();
  readonly counters = { unknownAnswers: 0, throttled: 0, episodes: 0 };

  constructor(private readonly limits: GuessThrottleLimits = DEFAULT_GUESS_LIMITS) {}

  /** True while this kiosk has no unknown-card answer left: it gets KIOSK_THROTTLED. */
  throttled(kioskId: string, nowMs: number): boolean {
    const s = this.buckets.get(kioskId);
    if (!s || s.bucket.available(nowMs) >= 1) {
      if (s) s.episode = false;
      return false;
    }
    this.counters.throttled++;
    return true;
  }

  /**
   * Spends one unknown-card answer. Returns true when this spends the last one, i.e. a burst of
   * guesses just began an episode (the caller raises one anomaly per episode).
   */
  unknownAnswered(kioskId: string, nowMs: number): boolean {
    this.counters.unknownAnswers++;
    let s = this.buckets.get(kioskId);
    if (s) this.buckets.delete(kioskId);
    else {
      s = { bucket: new TokenBucket(this.limits.perMinute / 60, this.limits.burst, nowMs), episode: false };
      if (this.buckets.size >= MAX_KIOSKS) this.buckets.delete(this.buckets.keys().next().value as string);
    }
    this.buckets.set(kioskId, s);
    s.bucket.take(nowMs);
    if (s.episode || s.bucket.available(nowMs) >= 1) return false;
    s.episode = true;
    this.counters.episodes++;
    return true;
  }
}
