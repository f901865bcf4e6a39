// A TelemetryStore behind the durable log, for every store (DuckDB and InfluxDB alike): writeBatch
// resolves once the batch is fsynced in the log, so a PUBACK waits for nothing else; a log consumer
// writes the store behind it in large batches; reads merge the log's unstored tail, so an
// acknowledged reading is readable at once.
import { join } from 'node:path';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../../domain/clock.ts';
import { CfError } from '../../domain/errors.ts';
import type { KioskEventRecord, KioskReading, PackReading } from '../../domain/readings.ts';
import type {
  Bucket, EventCountQuery, EventCountRow, PackAggregateQuery, RangeQuery, StoreHealth, TelemetryBatch, TelemetryStore, WriteResult,
} from '../telemetry-store.ts';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { dedupeBatch } from './dedupe-batch.ts';
import type { DurableLog, LogOpenReport } from './durable-log.ts';
import { FileDurableLog } from './file-log.ts';
import { LogConsumer } from './log-consumer.ts';
import { ReadWriteLock } from './read-write-lock.ts';
import { StoreWriter } from './store-writer.ts';
import { bucketsOf, mergeAggregate, mergeEventCounts } from './tail-aggregates.ts';
import { metaOf, telemetryCodec } from './telemetry-codec.ts';
import { UnstoredTail, isNewer, mergeRange } from './unstored-tail.ts';

export const STORE_CONSUMER = 'store';

export interface LoggedStoreOptions {
  log: DurableLog<TelemetryBatch>;
  /** What open() of the log reported, when the caller opened it (for stats). */
  opened?: LogOpenReport;
  /** The log is this store's own: it is opened and closed with the store. */
  ownsLog?: boolean;
  /** Readings logged but not yet stored, held in memory for reads; past it, writes are refused (backpressure). */
  maxUnstoredReadings: number;
  /** Readings per store write at most. */
  batchReadings: number;
  /** Longest wait of a partial batch before it is written. */
  flushIntervalMs: number;
  /** Where readings the store refuses as invalid are kept. */
  rejectedDir: string;
  /** The store is remote and may be down at open (InfluxDB): do not wait for it; writing retries. */
  remote: boolean;
  logger: Logger;
  clock?: Clock;
  backoff?: Partial<BackoffOptions>;
  random?: () => number;
}

export interface LoggedStoreStats {
  /** Readings logged, not yet written to the store. */
  depth: number;
  bytes: number;
  fsyncs: number;
  shippedReadings: number;
  shippedBatches: number;
  failures: number;
  consecutiveFailures: number;
  retryDelayMs: number;
  quarantinedReadings: number;
  backpressureRejections: number;
  replay: LogOpenReport | null;
}

export class LoggedTelemetryStore implements TelemetryStore {
  readonly kind: TelemetryStore['kind'];
  readonly tail = new UnstoredTail();
  private opening: Promise<void> | null = null;
  private consumer: LogConsumer<TelemetryBatch> | null = null;
  private writer: StoreWriter | null = null;
  private replay: LogOpenReport | null;
  private tailFull = false;
  private backpressureRejections = 0;
  private drainWaiters: Array<() => void> = [];
  private unsubscribe: (() => void) | null = null;
  private readonly lock = new ReadWriteLock();
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(readonly backing: TelemetryStore, private readonly o: LoggedStoreOptions) {
    this.kind = backing.kind;
    this.clock = o.clock ?? systemClock;
    this.logger = o.logger;
    this.replay = o.opened ?? null;
  }

  get log(): DurableLog<TelemetryBatch> {
    return this.o.log;
  }

  /** Opens the store (and its own log), loads the unstored tail, starts writing behind the log. Idempotent. */
  open(): Promise<void> {
    this.opening ??= this.doOpen();
    return this.opening;
  }

  private async doOpen(): Promise<void> {
    const { log } = this.o;
    if (this.o.ownsLog) this.replay = await log.open();
    if (this.o.remote) {
      // A remote that is down must not hold up the log: the consumer retries; this only logs.
      this.backing.open().catch((err: Error) => this.logger.warn({ err: err.message }, 'store not reachable at open; writing will retry'));
    } else {
      await this.backing.open();
    }
    // What the store does not have yet is readable from the start.
    for (let after = log.cursor(STORE_CONSUMER); ;) {
      const entries = await log.read(after, 100_000);
      if (entries.length === 0) break;
      for (const e of entries) this.tail.add(e.end, e.value);
      after = entries[entries.length - 1]!.end;
    }
    if (this.tail.readings > 0) this.logger.info({ readings: this.tail.readings }, 'log: readings not yet in the store are replayed into it');
    this.unsubscribe = log.onDurable((entries) => {
      for (const e of entries) this.tail.add(e.end, e.value);
    });
    this.writer = new StoreWriter({ store: this.backing, rejectedDir: this.o.rejectedDir, clock: this.clock, logger: this.logger });
    const writer = this.writer;
    this.consumer = new LogConsumer<TelemetryBatch>({
      log,
      name: STORE_CONSUMER,
      batchReadings: this.o.batchReadings,
      flushIntervalMs: this.o.flushIntervalMs,
      backoff: { ...DEFAULT_BACKOFF, ...this.o.backoff },
      ...(this.o.random ? { random: this.o.random } : {}),
      clock: this.clock,
      logger: this.logger,
      // The write and the tail's release happen under the lock, so an aggregate never counts a reading twice.
      handle: (entries) => this.lock.write(async () => {
        await writer.write(entries);
        this.tail.release(entries[entries.length - 1]!.end);
      }),
      onCommitted: () => this.checkDrained(),
    });
    this.consumer.start();
  }

  /** Resolves once the batch is durable in the log. Refuses (CF_ERR_STORE_BACKPRESSURE) past the log's or the tail's bound. */
  async writeBatch(input: TelemetryBatch): Promise<WriteResult> {
    if (!this.consumer) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'The store is not open');
    const { batch, duplicates } = dedupeBatch(input);
    const meta = metaOf(batch, this.clock.now());
    if (meta.readings === 0) return { written: 0, duplicates };
    if (this.tail.readings + meta.readings > this.o.maxUnstoredReadings) {
      if (!this.tailFull) this.logger.warn({ unstored: this.tail.readings, max: this.o.maxUnstoredReadings }, 'store behind its log by the most readings memory may hold; ingest stops acknowledging until it catches up');
      this.tailFull = true;
      this.backpressureRejections++;
      throw new CfError('CF_ERR_STORE_BACKPRESSURE', undefined, { unstoredReadings: this.tail.readings, maxUnstoredReadings: this.o.maxUnstoredReadings });
    }
    this.tailFull = false;
    try {
      await this.o.log.append(batch, meta);
    } catch (err) {
      if (err instanceof CfError && err.code === 'CF_ERR_STORE_BACKPRESSURE') this.backpressureRejections++;
      throw err;
    }
    // Repeats of stored readings are found by the store's idempotent write, behind the log.
    return { written: meta.readings, duplicates };
  }

  private checkDrained(): void {
    if (this.consumer?.caughtUp) for (const w of this.drainWaiters.splice(0)) w();
  }

  /** Resolves when the store has every durable reading; rejects after `timeoutMs`. */
  whenDrained(timeoutMs: number): Promise<void> {
    if (!this.consumer) return Promise.reject(new CfError('CF_ERR_STORE_UNAVAILABLE', 'The store is not open'));
    if (this.consumer.caughtUp) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.drainWaiters = this.drainWaiters.filter((w) => w !== done);
        reject(new Error(`the store did not catch up with the log within ${timeoutMs} ms (${this.tail.readings} readings behind)`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.drainWaiters.push(done);
    });
  }

  async packReadings(packId: string, q: RangeQuery): Promise<PackReading[]> {
    const unstored = this.tail.packReadings(packId, q);
    return mergeRange(await this.backing.packReadings(packId, q), unstored, q, (r) => r.packId);
  }
  async kioskReadings(kioskId: string, q: RangeQuery): Promise<KioskReading[]> {
    const unstored = this.tail.kioskReadings(kioskId, q);
    return mergeRange(await this.backing.kioskReadings(kioskId, q), unstored, q, (r) => r.kioskId);
  }
  async kioskEvents(kioskId: string, q: RangeQuery): Promise<KioskEventRecord[]> {
    const unstored = this.tail.kioskEvents(kioskId, q);
    return mergeRange(await this.backing.kioskEvents(kioskId, q), unstored, q, (r) => r.kioskId);
  }
  aggregatePacks(q: PackAggregateQuery): Promise<Bucket[]> {
    return this.lock.read(async () => {
      const unstored = this.tail.packsIn(q.fromMs, q.toMs, q.packId);
      const stored = await this.backing.aggregatePacks(q);
      if (unstored.length === 0 || (q.fn !== 'first' && q.fn !== 'last') || q.packId === undefined) return mergeAggregate(stored, unstored, q);
      // first/last of one pack: the stored edge reading of each bucket the unstored ones touch decides.
      const edges = new Map<number, PackReading | null>();
      for (const start of bucketsOf(unstored, q.bucketMs)) {
        const range = { fromMs: Math.max(start, q.fromMs), toMs: Math.min(start + q.bucketMs, q.toMs), limit: 1, order: q.fn === 'first' ? ('asc' as const) : ('desc' as const) };
        edges.set(start, (await this.backing.packReadings(q.packId, range))[0] ?? null);
      }
      return mergeAggregate(stored, unstored, q, edges);
    });
  }
  countEvents(q: EventCountQuery): Promise<EventCountRow[]> {
    return this.lock.read(async () => mergeEventCounts(await this.backing.countEvents(q), this.tail.eventsIn(q.fromMs, q.toMs, q.kioskId), q));
  }

  /** The store's latest per device, overtaken by newer unstored readings. */
  async latestPacks(): Promise<PackReading[]> {
    const merged = new Map((await this.backing.latestPacks()).map((p) => [p.packId, p]));
    for (const p of this.tail.latestPacks()) if (isNewer(p, merged.get(p.packId))) merged.set(p.packId, p);
    return [...merged.values()].sort((a, b) => byId(a.packId, b.packId));
  }
  async latestKiosks(): Promise<KioskReading[]> {
    const merged = new Map((await this.backing.latestKiosks()).map((k) => [k.kioskId, k]));
    for (const k of this.tail.latestKiosks()) if (isNewer(k, merged.get(k.kioskId))) merged.set(k.kioskId, k);
    return [...merged.values()].sort((a, b) => byId(a.kioskId, b.kioskId));
  }

  health(): StoreHealth {
    const backing = this.backing.health();
    const log = this.o.log.health();
    const c = this.consumer;
    if (this.tailFull && this.tail.readings < this.o.maxUnstoredReadings * 0.9) this.tailFull = false;
    const backpressure = log.backpressure || this.tailFull;
    const refusedAtMs = this.writer?.lastRefusalAtMs ?? null;
    const failedAtMs = c?.lastErrorAtMs ?? null;
    const lastIsRefusal = refusedAtMs !== null && (failedAtMs === null || refusedAtMs > failedAtMs);
    return {
      kind: this.kind,
      // ok = ingest can have its PUBACKs: the log takes appends. A store that is down shows as
      // lastError, writeFailures and a tail that grows and ages, not as !ok.
      ok: c !== null && !backpressure,
      lastError: (lastIsRefusal ? this.writer?.lastRefusal : c?.lastError) ?? backing.lastError,
      lastErrorAtMs: (lastIsRefusal ? refusedAtMs : failedAtMs) ?? backing.lastErrorAtMs,
      writeFailures: (c?.failures ?? 0) + (this.writer?.quarantinedReadings ? 1 : 0),
      spool: {
        depth: this.tail.readings,
        bytes: log.bytes,
        oldestUnshippedAtMs: this.tail.oldestReceivedAtMs(),
        backpressure,
      },
      log,
    };
  }

  stats(): LoggedStoreStats {
    const c = this.consumer;
    const log = this.o.log.health();
    return {
      depth: this.tail.readings,
      bytes: log.bytes,
      fsyncs: log.fsyncs,
      shippedReadings: this.writer?.writtenReadings ?? 0,
      shippedBatches: c?.handledBatches ?? 0,
      failures: c?.failures ?? 0,
      consecutiveFailures: c?.consecutiveFailures ?? 0,
      retryDelayMs: c?.retryDelayMs ?? 0,
      quarantinedReadings: this.writer?.quarantinedReadings ?? 0,
      backpressureRejections: this.backpressureRejections,
      replay: this.replay,
    };
  }

  /** Stops writing (a write in hand finishes), closes the log when it is ours, then the store. */
  async close(): Promise<void> {
    this.unsubscribe?.();
    await this.consumer?.stop();
    if (this.o.ownsLog) await this.o.log.close();
    await this.backing.close();
  }
}

/** Code-unit order: deterministic, and far cheaper than localeCompare over a fleet. */
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface OwnLogOptions extends Omit<LoggedStoreOptions, 'log' | 'ownsLog' | 'opened' | 'rejectedDir' | 'maxUnstoredReadings' | 'batchReadings' | 'flushIntervalMs' | 'remote'> {
  /** The log's directory. */
  dir: string;
  /** Bound on the log's retained bytes. */
  maxBytes: number;
  segmentBytes?: number;
  maxUnstoredReadings?: number;
  batchReadings?: number;
  flushIntervalMs?: number;
  remote?: boolean;
}

/** A store with a log of its own (one consumer: the store), as the InfluxDB spool was. */
export function createLoggedStore(backing: TelemetryStore, o: OwnLogOptions): LoggedTelemetryStore {
  const tuning = backing as TelemetryStore & { batchLines?: number; flushIntervalMs?: number };
  const log = new FileDurableLog<TelemetryBatch>({
    dir: o.dir,
    codec: telemetryCodec,
    consumers: [STORE_CONSUMER],
    maxBytes: o.maxBytes,
    logger: o.logger,
    ...(o.segmentBytes ? { segmentBytes: o.segmentBytes } : {}),
  });
  return new LoggedTelemetryStore(backing, {
    ...o,
    log,
    ownsLog: true,
    rejectedDir: join(o.dir, 'rejected'),
    maxUnstoredReadings: o.maxUnstoredReadings ?? 1_000_000,
    batchReadings: o.batchReadings ?? tuning.batchLines ?? 5000,
    flushIntervalMs: o.flushIntervalMs ?? tuning.flushIntervalMs ?? 1000,
    remote: o.remote ?? true,
  });
}
