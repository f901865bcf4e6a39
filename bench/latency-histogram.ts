// Fixed-bucket latency histogram: 0.1 ms buckets up to 10 s, then one overflow bucket (also used
// for messages never acknowledged). Recording is one array increment; percentiles walk the buckets.

const BUCKET_MS = 0.1;
const BUCKETS = 100_000;

export interface LatencySummary {
  count: number;
  /** Of those, never acknowledged (counted as infinitely late). */
  lost: number;
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export class LatencyHistogram {
  private readonly buckets = new Uint32Array(BUCKETS + 1);
  private n = 0;
  private lostCount = 0;
  private max = 0;

  record(ms: number): void {
    const i = ms <= 0 ? 0 : Math.floor(ms / BUCKET_MS);
    this.buckets[i < BUCKETS ? i : BUCKETS]!++;
    this.n++;
    if (ms > this.max) this.max = ms;
  }

  /** A message that was never acknowledged: it sits above every measured latency. */
  recordLost(count = 1): void {
    this.n += count;
    this.lostCount += count;
  }

  reset(): void {
    this.buckets.fill(0);
    this.n = 0;
    this.lostCount = 0;
    this.max = 0;
  }

  /** Upper edge of the bucket holding the p-th percentile; Infinity when it falls among the overflow. */
  percentile(p: number): number | null {
    if (this.n === 0) return null;
    const rank = Math.ceil((p / 100) * this.n);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.buckets[i]!;
      if (seen >= rank) return Math.round((i + 1) * BUCKET_MS * 10) / 10;
    }
    // Measured but over 10 s, then the lost ones.
    return seen + this.buckets[BUCKETS]! >= rank ? Math.round(this.max * 10) / 10 : Infinity;
  }

  summary(): LatencySummary {
    return {
      count: this.n,
      lost: this.lostCount,
      p50Ms: this.percentile(50),
      p90Ms: this.percentile(90),
      p99Ms: this.percentile(99),
      maxMs: this.n === 0 ? null : this.lostCount > 0 ? Infinity : Math.round(this.max * 10) / 10,
    };
  }
}
