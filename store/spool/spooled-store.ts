// TelemetryStore in front of a remote one (InfluxDB): writeBatch resolves once the batch is
// fsynced in the local spool, so a PUBACK never waits for the network yet never lies; a shipper
// moves the spool to the remote. Reads go to the remote: unshipped readings are not yet visible.
import { mkdir, open } from 'node:fs/promises';
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
import { HEADER_BYTES, type ScannedRecord } from './record-format.ts';
import { Shipper, decodeRecords, type Quarantined } from './shipper.ts';
import { SpoolLog, type ReplayReport } from './spool-log.ts';

export interface SpoolOptions {
  /** Spool directory; the app uses `${dataDir}/spool`. */
  dir: string;
  /** Bound on unshipped bytes (CF_SPOOL_MAX_BYTES). Past it writeBatch rejects with CF_ERR_STORE_BACKPRESSURE. */
  maxBytes: number;
  logger: Logger;
  /** For timestamps in health (last error). Timers use the real clock. */
  clock?: Clock;
  /** Segment file size before a new one starts. */
  segmentBytes?: number;
  /** Readings per shipped batch. Default: the remote's batchLines, else 5,000. */
  batchReadings?: number;
  /** Longest wait of a partial batch. Default: the remote's flushIntervalMs, else 1,000. */
  flushIntervalMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** Jitter source (tests pass a constant). */
  random?: () => number;
}

/** Tuning a remote store may advertise (InfluxTelemetryStore does). */
interface ShipTuning {
  batchLines?: number;
  flushIntervalMs?: number;
}

export interface SpoolStats {
  depth: number;
  bytes: number;
  segments: number;
  fsyncs: number;
  shippedReadings: number;
  shippedBatches: number;
  failures: number;
  consecutiveFailures: number;
  retryDelayMs: number;
  quarantinedReadings: number;
  backpressureRejections: number;
  replay: ReplayReport | null;
}

/** Once backpressure is on, it stays on until the spool is back under this share of the bound. */
const RESUME_FRACTION = 0.9;

function newer<T extends { atMs: number; seq: number }>(a: T, b: T | undefined): boolean {
  return !b || a.atMs > b.atMs || (a.atMs === b.atMs && a.seq > b.seq);
}

export class SpooledTelemetryStore implements TelemetryStore {
  readonly kind: TelemetryStore['kind'];
  private log: SpoolLog | null = null;
  private opening: Promise<void> | null = null;
  private shipper: Shipper | null = null;
  private replay: ReplayReport | null = null;
  private backpressure = false;
  private backpressureRejections = 0;
  private quarantineSeq = 0;
  private drainWaiters: Array<() => void> = [];
  private readonly replayedPacks = new Map<string, PackReading>();
  private readonly replayedKiosks = new Map<string, KioskReading>();
  private readonly clock: Clock;
  private readonly logger: Logger;

  constructor(readonly remote: TelemetryStore, private readonly opts: SpoolOptions) {
    this.kind = remote.kind;
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger.child({ component: 'spool' });
  }

  /** Replays the spool and starts shipping. Idempotent. */
  open(): Promise<void> {
    this.opening ??= this.doOpen();
    return this.opening;
  }

  private async doOpen(): Promise<void> {
    const { log, replay } = await SpoolLog.open({
      dir: this.opts.dir,
      segmentBytes: this.opts.segmentBytes ?? 32 * 1024 * 1024,
      logger: this.logger,
      onReplay: (rec) => this.remember(rec),
    });
    this.log = log;
    this.replay = replay;
    if (replay.readings > 0 || replay.truncatedBytes > 0) this.logger.info(replay, 'spool: replaying unshipped readings');
    const tuning = this.remote as TelemetryStore & ShipTuning;
    this.shipper = new Shipper({
      log,
      remote: this.remote,
      batchReadings: this.opts.batchReadings ?? tuning.batchLines ?? 5000,
      flushIntervalMs: this.opts.flushIntervalMs ?? tuning.flushIntervalMs ?? 1000,
      backoff: { ...DEFAULT_BACKOFF, ...this.opts.backoff },
      random: this.opts.random ?? Math.random,
      clock: this.clock,
      logger: this.logger,
      quarantine: (q) => this.quarantine(q),
      onShipped: () => this.checkDrained(),
    });
    log.onDurable = () => this.shipper?.notify();
    this.shipper.start();
    // Not awaited: a remote that is down must not hold up the spool. The shipper retries; this only logs.
    this.remote.open().catch((err: Error) => this.logger.warn({ err: err.message }, 'spool: remote store not reachable at open; shipping will retry'));
  }

  /** Replayed readings feed latestPacks()/latestKiosks(): they may not have reached the remote yet. */
  private remember(rec: ScannedRecord): void {
    const batch = decodeRecords([rec]);
    for (const p of batch.packs) if (newer(p, this.replayedPacks.get(p.packId))) this.replayedPacks.set(p.packId, p);
    for (const k of batch.kiosks) if (newer(k, this.replayedKiosks.get(k.kioskId))) this.replayedKiosks.set(k.kioskId, k);
  }

  /** Resolves once the batch is fsynced in the spool. Rejects with CF_ERR_STORE_BACKPRESSURE past the bound. */
  async writeBatch(input: TelemetryBatch): Promise<WriteResult> {
    const log = this.requireOpen();
    const { batch, duplicates } = dedupeBatch(input);
    const readings = batch.packs.length + batch.kiosks.length + batch.events.length;
    if (readings === 0) return { written: 0, duplicates };
    const payload = Buffer.from(JSON.stringify(batch), 'utf8');
    const used = log.bytes + log.pendingBytes;
    const over = used + payload.length + HEADER_BYTES > this.opts.maxBytes;
    if (over || (this.backpressure && used > this.opts.maxBytes * RESUME_FRACTION)) {
      if (!this.backpressure) this.logger.warn({ bytes: used, maxBytes: this.opts.maxBytes, depth: log.depth }, 'spool: full; ingest stops acknowledging');
      this.backpressure = true;
      this.backpressureRejections++;
      throw new CfError('CF_ERR_STORE_BACKPRESSURE', undefined, { spoolBytes: used, maxBytes: this.opts.maxBytes });
    }
    if (this.backpressure) {
      this.backpressure = false;
      this.logger.info({ bytes: used, depth: log.depth }, 'spool: below its bound again; acknowledging');
    }
    let oldest = Number.POSITIVE_INFINITY;
    for (const r of batch.packs) if (r.receivedAtMs < oldest) oldest = r.receivedAtMs;
    for (const r of batch.kiosks) if (r.receivedAtMs < oldest) oldest = r.receivedAtMs;
    for (const r of batch.events) if (r.receivedAtMs < oldest) oldest = r.receivedAtMs;
    await log.append(payload, { readings, oldestReceivedAtMs: Number.isFinite(oldest) ? oldest : this.clock.now() });
    // Repeats of stored readings cannot be told here: the remote overwrites them (same point).
    return { written: readings, duplicates };
  }

  /** Writes refused readings to `${dir}/rejected/` (fsynced) for diagnosis; they are not retried. */
  private async quarantine(q: Quarantined): Promise<void> {
    const dir = join(this.opts.dir, 'rejected');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `rejected-${this.clock.now()}-${this.quarantineSeq++}.json`);
    const body = `${JSON.stringify({ atMs: this.clock.now(), ...q })}\n`;
    const fh = await open(path, 'wx');
    try {
      await fh.writeFile(body);
      await fh.datasync();
    } finally {
      await fh.close();
    }
  }

  private checkDrained(): void {
    if (this.log && this.log.depth === 0 && this.log.pendingBytes === 0) {
      for (const w of this.drainWaiters.splice(0)) w();
    }
  }

  /** Resolves when every durable reading has been shipped; rejects after `timeoutMs`. */
  whenDrained(timeoutMs: number): Promise<void> {
    const log = this.requireOpen();
    if (log.depth === 0 && log.pendingBytes === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.drainWaiters = this.drainWaiters.filter((w) => w !== done);
        reject(new Error(`spool did not drain within ${timeoutMs} ms (depth ${log.depth})`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.drainWaiters.push(done);
    });
  }

  private requireOpen(): SpoolLog {
    if (!this.log) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'The spool is not open');
    return this.log;
  }

  packReadings(packId: string, q: RangeQuery): Promise<PackReading[]> {
    return this.remote.packReadings(packId, q);
  }
  kioskReadings(kioskId: string, q: RangeQuery): Promise<KioskReading[]> {
    return this.remote.kioskReadings(kioskId, q);
  }
  kioskEvents(kioskId: string, q: RangeQuery): Promise<KioskEventRecord[]> {
    return this.remote.kioskEvents(kioskId, q);
  }
  aggregatePacks(q: PackAggregateQuery): Promise<Bucket[]> {
    return this.remote.aggregatePacks(q);
  }
  countEvents(q: EventCountQuery): Promise<EventCountRow[]> {
    return this.remote.countEvents(q);
  }

  /** The remote's latest, merged with readings replayed from the spool at open (maybe unshipped). */
  async latestPacks(): Promise<PackReading[]> {
    const merged = new Map((await this.remote.latestPacks()).map((p) => [p.packId, p]));
    for (const p of this.replayedPacks.values()) if (newer(p, merged.get(p.packId))) merged.set(p.packId, p);
    return [...merged.values()].sort((a, b) => a.packId.localeCompare(b.packId));
  }

  async latestKiosks(): Promise<KioskReading[]> {
    const merged = new Map((await this.remote.latestKiosks()).map((k) => [k.kioskId, k]));
    for (const k of this.replayedKiosks.values()) if (newer(k, merged.get(k.kioskId))) merged.set(k.kioskId, k);
    return [...merged.values()].sort((a, b) => a.kioskId.localeCompare(b.kioskId));
  }

  health(): StoreHealth {
    const remote = this.remote.health();
    const log = this.log;
    const sh = this.shipper;
    if (this.backpressure && log && log.bytes + log.pendingBytes <= this.opts.maxBytes * RESUME_FRACTION) this.backpressure = false;
    return {
      kind: this.kind,
      // ok = ingest can have its PUBACKs: the spool is open and has room. A remote that is down
      // shows as lastError, writeFailures and a spool that grows and ages, not as !ok.
      ok: !!log && !this.backpressure,
      lastError: sh?.lastError ?? remote.lastError,
      lastErrorAtMs: sh?.lastErrorAtMs ?? remote.lastErrorAtMs,
      writeFailures: sh?.failures ?? 0,
      spool: {
        depth: log?.depth ?? 0,
        bytes: log?.bytes ?? 0,
        oldestUnshippedAtMs: log && log.depth > 0 ? log.oldestUnshippedAtMs : null,
        backpressure: this.backpressure,
      },
    };
  }

  stats(): SpoolStats {
    const log = this.log;
    const sh = this.shipper;
    return {
      depth: log?.depth ?? 0,
      bytes: log?.bytes ?? 0,
      segments: log?.segmentCount ?? 0,
      fsyncs: log?.fsyncs ?? 0,
      shippedReadings: sh?.shippedReadings ?? 0,
      shippedBatches: sh?.shippedBatches ?? 0,
      failures: sh?.failures ?? 0,
      consecutiveFailures: sh?.consecutiveFailures ?? 0,
      retryDelayMs: sh?.retryDelayMs ?? 0,
      quarantinedReadings: sh?.quarantinedReadings ?? 0,
      backpressureRejections: this.backpressureRejections,
      replay: this.replay,
    };
  }

  /** Stops shipping (an in-flight write finishes), closes the spool and the remote. */
  async close(): Promise<void> {
    await this.shipper?.stop();
    await this.log?.close();
    await this.remote.close();
  }
}

export function createSpooledStore(remote: TelemetryStore, opts: SpoolOptions): SpooledTelemetryStore {
  return new SpooledTelemetryStore(remote, opts);
}
