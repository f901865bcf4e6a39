// The time-series seam. DuckDB (store/duckdb) is the embedded default, InfluxDB (store/influx)
// the production store; tests/contract/telemetry-store runs one suite against both.
import type { KioskEventRecord, KioskEventType, KioskReading, PackNumericField, PackReading } from '../domain/readings.ts';
import type { LogHealth } from './log/durable-log.ts';

/** One group commit: everything the pipeline accepted in a few milliseconds. */
export interface TelemetryBatch {
  packs: PackReading[];
  kiosks: KioskReading[];
  events: KioskEventRecord[];
}

export interface WriteResult {
  /** Rows that were new. */
  written: number;
  /** Rows whose (device, bootId, seq) was already stored: skipped, not duplicated. */
  duplicates: number;
}

export interface RangeQuery {
  /** Inclusive, epoch ms. */
  fromMs: number;
  /** Exclusive, epoch ms. */
  toMs: number;
  /** At most this many rows (default 1000). */
  limit?: number;
  /** By point time, then seq. Default 'asc'. */
  order?: 'asc' | 'desc';
}

export type AggregateFn = 'mean' | 'min' | 'max' | 'count' | 'first' | 'last';

export interface PackAggregateQuery {
  field: PackNumericField;
  fn: AggregateFn;
  /** One pack, or every pack when absent. */
  packId?: string;
  fromMs: number;
  toMs: number;
  /** Bucket width; buckets start at multiples of bucketMs since the epoch. */
  bucketMs: number;
}

export interface EventCountQuery {
  type: KioskEventType;
  /** One kiosk, or every kiosk when absent. */
  kioskId?: string;
  fromMs: number;
  toMs: number;
  bucketMs: number;
}

export interface Bucket {
  /** Start of the bucket, epoch ms. Only buckets with data are returned, ascending. */
  startMs: number;
  value: number;
  /** Readings in the bucket. */
  count: number;
}

export interface EventCountRow {
  kioskId: string;
  startMs: number;
  count: number;
}

export interface SpoolHealth {
  /** Readings durable in the log and not yet written to the store. */
  depth: number;
  /** Bytes the log retains (not yet consumed by every consumer). */
  bytes: number;
  /** Receive time of the oldest reading not yet in the store, or null when it has them all. */
  oldestUnshippedAtMs: number | null;
  /** True while ingest holds back PUBACKs because the log passed its bound or its disk is full. */
  backpressure: boolean;
}

export interface StoreHealth {
  kind: 'duckdb' | 'influx';
  ok: boolean;
  lastError: string | null;
  lastErrorAtMs: number | null;
  /** Write failures since start. */
  writeFailures: number;
  /** The store behind the durable log: what it has not written yet (name kept from the InfluxDB spool). */
  spool?: SpoolHealth;
  /** The durable log itself: bound, consumers' lag, corrupt stretches set aside. */
  log?: LogHealth;
}

export interface TelemetryStore {
  readonly kind: 'duckdb' | 'influx';
  /** Creates schema or checks the connection. Idempotent. */
  open(): Promise<void>;
  /**
   * Commits a batch. Idempotent on (device, bootId, seq): a row already stored is skipped.
   * Resolves only once the batch is durable (behind the log: durable in the log).
   */
  writeBatch(batch: TelemetryBatch): Promise<WriteResult>;
  packReadings(packId: string, q: RangeQuery): Promise<PackReading[]>;
  kioskReadings(kioskId: string, q: RangeQuery): Promise<KioskReading[]>;
  kioskEvents(kioskId: string, q: RangeQuery): Promise<KioskEventRecord[]>;
  aggregatePacks(q: PackAggregateQuery): Promise<Bucket[]>;
  countEvents(q: EventCountQuery): Promise<EventCountRow[]>;
  /** The latest reading of every pack (by point time), for rebuilding live state. */
  latestPacks(): Promise<PackReading[]>;
  /** The latest status of every kiosk. */
  latestKiosks(): Promise<KioskReading[]>;
  health(): StoreHealth;
  close(): Promise<void>;
}
