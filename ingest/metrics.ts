// Counters and a commit-latency sample for the ingest pipeline; read by /healthz and /v1/metrics.

/** Keeps the last N samples; percentiles over them. Cheap enough to record once per batch. */
export class LatencySample {
  private readonly buf: Float64Array;
  private n = 0;
  constructor(size = 2048) {
    this.buf = new Float64Array(size);
  }
  record(ms: number): void {
    this.buf[this.n % this.buf.length] = ms;
    this.n++;
  }
  percentile(p: number): number | null {
    const count = Math.min(this.n, this.buf.length);
    if (count === 0) return null;
    const sorted = Array.from(this.buf.subarray(0, count)).sort((a, b) => a - b);
    return sorted[Math.min(count - 1, Math.floor((p / 100) * count))] ?? null;
  }
}

export interface IngestCounters {
  received: number;
  accepted: number;
  duplicates: number;
  quarantined: number;
  quarantinedByReason: Record<string, number>;
  batches: number;
  commitFailures: number;
  rejectedBackpressure: number;
  /** Pack messages refused because ingest was past its capacity (CF_ERR_INGEST_OVERLOADED). */
  rejectedOverload: number;
  lastCommitError: string | null;
}

export function newCounters(): IngestCounters {
  return { received: 0, accepted: 0, duplicates: 0, quarantined: 0, quarantinedByReason: {}, batches: 0, commitFailures: 0, rejectedBackpressure: 0, rejectedOverload: 0, lastCommitError: null };
}
