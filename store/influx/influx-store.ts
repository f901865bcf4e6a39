// TelemetryStore on InfluxDB: writes line protocol through @influxdata/influxdb-client's v2 write
// API (gzip, batches of ~5,000 lines), reads with InfluxQL over /query. writeBatch resolves only
// once InfluxDB confirmed every line; the durable log (store/log) sits in front of it so ingest never waits on it.
import { InfluxDB, setLogger } from '@influxdata/influxdb-client';
import type { Logger } from 'pino';
import { systemClock, type Clock } from '../../domain/clock.ts';
import { CfError } from '../../domain/errors.ts';
import type { KioskEventRecord, KioskReading, PackNumericField, PackReading } from '../../domain/readings.ts';
import type {
  Bucket, EventCountQuery, EventCountRow, PackAggregateQuery, RangeQuery, StoreHealth, TelemetryBatch, TelemetryStore, WriteResult,
} from '../telemetry-store.ts';
import { dedupeBatch } from '../log/dedupe-batch.ts';
import { InfluxQlClient, ident, lit, timeRange, type Row } from './influxql.ts';
import { LATEST_PERIOD_MS, MEASUREMENT, packBucket } from './line-protocol.ts';
import { LineWriter, describe, toStoreError } from './line-writer.ts';
import { byTimeThenSeq, isNewer, toKioskEvent, toKioskReading, toPackReading } from './row-mapping.ts';
import { dropStoredSuspects } from './suspect-lookup.ts';

export interface InfluxStoreOptions {
  /** Base URL of InfluxDB, e.g. http://127.0.0.1:8086 (no /api/v2 suffix). */
  url: string;
  /** API token (2.x, 3.x), `user:password` (1.8 with auth on), or '' for an open server. */
  token: string;
  /** Organisation for /api/v2/write (2.x); 1.8 and 3.x ignore it but it must not be empty. */
  org: string;
  /** Write target: a 2.x bucket, a 3.x database, or `db` / `db/rp` on 1.8. */
  bucket: string;
  /** Database for InfluxQL reads (2.x: the DBRP-mapped name). Default: the bucket's db part. */
  database?: string;
  logger: Logger;
  /** Lines per write request; InfluxData advises about 5,000. */
  batchLines?: number;
  /** How long the log's store writer lets a partial batch wait before shipping it. */
  flushIntervalMs?: number;
  /** Write requests in flight at once within one writeBatch. */
  writeConcurrency?: number;
  /** HTTP timeout for one write or query. */
  timeoutMs?: number;
  /** latestPacks() covers packs that reported within this many days of the newest one (rounded up to weeks). */
  latestWindowDays?: number;
  clock?: Clock;
}

const FIELD: Record<PackNumericField, string> = {
  socPct: 'soc_pct', voltageMv: 'voltage_mv', currentMa: 'current_ma', tempC: 'temp_c', cycles: 'cycles', sohPct: 'soh_pct',
};

export class InfluxTelemetryStore implements TelemetryStore {
  readonly kind = 'influx' as const;
  readonly batchLines: number;
  readonly flushIntervalMs: number;
  private readonly writer: LineWriter;
  private readonly ql: InfluxQlClient;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly latestWindowDays: number;
  private readonly rp: string | null;
  private writeFailures = 0;
  private lastError: string | null = null;
  private lastErrorAtMs: number | null = null;
  private lastWriteOk = true;

  constructor(private readonly opts: InfluxStoreOptions) {
    this.log = opts.logger.child({ component: 'influx-store' });
    this.clock = opts.clock ?? systemClock;
    this.batchLines = opts.batchLines ?? 5000;
    this.flushIntervalMs = opts.flushIntervalMs ?? 1000;
    this.latestWindowDays = opts.latestWindowDays ?? 28;
    const url = opts.url.replace(/\/+$/, '');
    const [bucketDb = opts.bucket, bucketRp] = opts.bucket.split('/');
    this.rp = opts.database === undefined && bucketRp ? bucketRp : null;
    const timeoutMs = opts.timeoutMs ?? 30_000;
    this.writer = new LineWriter({
      influx: new InfluxDB({ url, timeout: timeoutMs, ...(opts.token ? { token: opts.token } : {}) }),
      org: opts.org,
      bucket: opts.bucket,
      batchLines: this.batchLines,
      concurrency: Math.max(1, opts.writeConcurrency ?? 2),
      onFailure: (err, lines, attempt) => this.recordFailure(err, lines, attempt),
    });
    this.ql = new InfluxQlClient({ url, database: opts.database ?? bucketDb, timeoutMs, ...(opts.token ? { token: opts.token } : {}) });
    // The client logs to console by default; route it through ours (process-wide, we are its only user).
    setLogger({
      error: (message, err) => this.log.error({ err }, message),
      warn: (message, err) => this.log.warn({ err }, message),
    });
  }

  async open(): Promise<void> {
    const res = await fetch(`${this.opts.url.replace(/\/+$/, '')}/ping`, { signal: AbortSignal.timeout(5000) }).catch((err: Error) => {
      throw new CfError('CF_ERR_STORE_UNAVAILABLE', `InfluxDB is not reachable at ${this.opts.url}: ${err.message}`);
    });
    if (res.status !== 204 && res.status !== 200) throw new CfError('CF_ERR_STORE_UNAVAILABLE', `InfluxDB /ping answered ${res.status}`);
    // Fails with "database not found" when the database (or its DBRP mapping) is missing, and with
    // 401 on a bad token. Other statement errors (3.x: no such table yet in a fresh database) are fine.
    await this.ql.query(`SELECT * FROM ${this.from(MEASUREMENT.pack)} LIMIT 1`).catch((err: Error) => {
      if (/database not found|answered 40[13]/.test(err.message)) throw err;
    });
  }

  /**
   * Resolves once InfluxDB confirmed every line. A redelivered reading lands on its own point and
   * overwrites itself, so InfluxDB cannot say it was a duplicate: only repeats inside the batch and
   * stored clock-suspect readings (looked up) are counted as duplicates.
   */
  async writeBatch(input: TelemetryBatch): Promise<WriteResult> {
    const inBatch = dedupeBatch(input);
    let suspects: { batch: TelemetryBatch; duplicates: number };
    try {
      suspects = await dropStoredSuspects(this.ql, (m) => this.from(m), inBatch.batch);
    } catch (err) {
      this.recordFailure(err as Error, 0, 1);
      throw toStoreError(err);
    }
    const batch = suspects.batch;
    await this.writer.writeBatch(batch);
    this.lastWriteOk = true;
    return { written: batch.packs.length + batch.kiosks.length + batch.events.length, duplicates: inBatch.duplicates + suspects.duplicates };
  }

  private recordFailure(err: Error, lineCount: number, attempt: number): void {
    this.writeFailures++;
    this.lastWriteOk = false;
    this.lastError = describe(err);
    this.lastErrorAtMs = this.clock.now();
    this.log.warn({ err: this.lastError, lines: lineCount, attempt, failures: this.writeFailures }, 'InfluxDB write failed');
  }

  private from(measurement: string): string {
    return this.rp ? `${ident(this.rp)}.${ident(measurement)}` : ident(measurement);
  }

  /**
   * Range read ordered by point time then seq. Within one ms the stored order is the hash offset,
   * so when the limit cuts into a millisecond, that millisecond is fetched whole and re-sorted.
   */
  private async range<T extends { atMs: number; seq: number }>(measurement: string, where: string, q: RangeQuery, map: (r: Row) => T): Promise<T[]> {
    const limit = Math.max(1, Math.floor(q.limit ?? 1000));
    const order = q.order ?? 'asc';
    const sql = `SELECT * FROM ${this.from(measurement)} WHERE ${where} AND ${timeRange(q.fromMs, q.toMs)} ORDER BY time ${order.toUpperCase()} LIMIT ${limit}`;
    let out = (await this.ql.rows(sql)).map(map);
    const edge = out[out.length - 1];
    if (out.length === limit && edge) {
      const tie = (await this.ql.rows(`SELECT * FROM ${this.from(measurement)} WHERE ${where} AND ${timeRange(edge.atMs, edge.atMs + 1)}`)).map(map);
      out = out.filter((r) => r.atMs !== edge.atMs).concat(tie);
    }
    return out.sort(byTimeThenSeq(order)).slice(0, limit);
  }

  packReadings(packId: string, q: RangeQuery): Promise<PackReading[]> {
    return this.range(MEASUREMENT.pack, packWhere(packId), q, (r) => toPackReading(r));
  }

  kioskReadings(kioskId: string, q: RangeQuery): Promise<KioskReading[]> {
    return this.range(MEASUREMENT.kiosk, `kiosk_id = ${lit(kioskId)}`, q, (r) => toKioskReading({ ...r, kiosk_id: kioskId }));
  }

  kioskEvents(kioskId: string, q: RangeQuery): Promise<KioskEventRecord[]> {
    return this.range(MEASUREMENT.event, `kiosk_id = ${lit(kioskId)}`, q, (r) => toKioskEvent({ ...r, kiosk_id: kioskId }));
  }

  async aggregatePacks(q: PackAggregateQuery): Promise<Bucket[]> {
    const field = ident(FIELD[q.field]);
    const where = [q.packId !== undefined ? packWhere(q.packId) : null, timeRange(q.fromMs, q.toMs)].filter(Boolean).join(' AND ');
    const sql = `SELECT ${q.fn}(${field}) AS value, count(${field}) AS n FROM ${this.from(MEASUREMENT.pack)} WHERE ${where} GROUP BY time(${bucketWidth(q.bucketMs)}) fill(none)`;
    const rows = await this.ql.rows(sql);
    return rows
      .filter((r) => typeof r.n === 'number' && r.n > 0)
      .map((r) => ({ startMs: r.time as number, value: r.value as number, count: r.n as number }))
      .sort((a, b) => a.startMs - b.startMs);
  }

  async countEvents(q: EventCountQuery): Promise<EventCountRow[]> {
    const kiosk = q.kioskId !== undefined ? ` AND kiosk_id = ${lit(q.kioskId)}` : '';
    const sql = `SELECT count(seq) AS n FROM ${this.from(MEASUREMENT.event)} WHERE type = ${lit(q.type)}${kiosk} AND ${timeRange(q.fromMs, q.toMs)} GROUP BY time(${bucketWidth(q.bucketMs)}), kiosk_id fill(none)`;
    const rows = await this.ql.rows(sql);
    return rows
      .filter((r) => typeof r.n === 'number' && r.n > 0)
      .map((r) => ({ kioskId: String(r.kiosk_id), startMs: r.time as number, count: r.n as number }))
      .sort((a, b) => a.kioskId.localeCompare(b.kioskId) || a.startMs - b.startMs);
  }

  /**
   * pack_latest holds one point per pack per week. Read the newest weeks that cover
   * latestWindowDays (anchored at the newest point, not the wall clock, so an import of old data
   * still rebuilds), in 16 slices of the pb tag so no one answer holds the whole fleet, and keep
   * each pack's newest reading.
   */
  async latestPacks(): Promise<PackReading[]> {
    const head = await this.ql.rows(`SELECT last(at_ms) FROM ${this.from(MEASUREMENT.packLatest)}`);
    const newestTime = head[0]?.time;
    if (typeof newestTime !== 'number') return [];
    const lastPeriod = Math.floor(newestTime / LATEST_PERIOD_MS);
    const periods = Math.max(1, Math.ceil(this.latestWindowDays / 7));
    const range = timeRange((lastPeriod - periods + 1) * LATEST_PERIOD_MS, (lastPeriod + 1) * LATEST_PERIOD_MS);
    const newest = new Map<string, PackReading>();
    for (let slice = 0; slice < 16; slice++) {
      const rows = await this.ql.rows(`SELECT * FROM ${this.from(MEASUREMENT.packLatest)} WHERE pb =~ /^${slice.toString(16)}/ AND ${range}`);
      for (const row of rows) {
        const r = toPackReading(row, 'latest');
        const seen = newest.get(r.packId);
        if (!seen || isNewer(r, seen)) newest.set(r.packId, r);
      }
    }
    return [...newest.values()].sort((a, b) => a.packId.localeCompare(b.packId));
  }

  /** kiosk_id is a tag, so InfluxDB finds each kiosk's last points itself; 3 cover same-ms ties. */
  async latestKiosks(): Promise<KioskReading[]> {
    const series = await this.ql.query(`SELECT * FROM ${this.from(MEASUREMENT.kiosk)} GROUP BY kiosk_id ORDER BY time DESC LIMIT 3`);
    const out: KioskReading[] = [];
    for (const s of series) {
      const readings = s.rows.map((r) => toKioskReading({ ...r, kiosk_id: s.tags.kiosk_id }));
      const best = readings.reduce<KioskReading | undefined>((a, r) => (!a || isNewer(r, a) ? r : a), undefined);
      if (best) out.push(best);
    }
    return out.sort((a, b) => a.kioskId.localeCompare(b.kioskId));
  }

  health(): StoreHealth {
    return { kind: 'influx', ok: this.lastWriteOk, lastError: this.lastError, lastErrorAtMs: this.lastErrorAtMs, writeFailures: this.writeFailures };
  }

  async close(): Promise<void> {
    // Nothing buffered here: every writeBatch awaited its own requests.
  }
}

function packWhere(packId: string): string {
  return `pb = ${lit(packBucket(packId))} AND pack_id = ${lit(packId)}`;
}

function bucketWidth(bucketMs: number): string {
  const ms = Math.floor(bucketMs);
  if (!(ms >= 1)) throw new CfError('CF_ERR_HTTP_BAD_REQUEST', 'bucketMs must be at least 1');
  return `${ms}ms`;
}

export function createInfluxTelemetryStore(opts: InfluxStoreOptions): InfluxTelemetryStore {
  return new InfluxTelemetryStore(opts);
}
