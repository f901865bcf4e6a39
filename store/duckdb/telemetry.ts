// The embedded TelemetryStore: readings in one DuckDB file, written by the hot-path writer and
// read over a second connection so that dashboards do not queue behind ingest.
import type { DuckDBValue, JS } from '@duckdb/node-api';
import type { Logger } from 'pino';
import { CfError, isCfError } from '../../domain/errors.ts';
import { PACK_NUMERIC_FIELDS } from '../../domain/readings.ts';
import type { KioskEventRecord, KioskReading, PackNumericField, PackReading } from '../../domain/readings.ts';
import type {
  Bucket,
  EventCountQuery,
  EventCountRow,
  PackAggregateQuery,
  RangeQuery,
  StoreHealth,
  TelemetryBatch,
  TelemetryStore,
  WriteResult,
} from '../telemetry-store.ts';
import { openDuckDb } from './database.ts';
import type { DuckConn, DuckDb } from './database.ts';
import { LatestTables } from './latest-tables.ts';
import { importLegacyTelemetry } from './legacy-telemetry.ts';
import { migrate } from './migrations.ts';
import { EVENT_TABLE, KIOSK_TABLE, PACK_TABLE, TELEMETRY_COMPONENT, TELEMETRY_MIGRATIONS, toKioskEvent, toKioskReading, toPackReading } from './telemetry-schema.ts';
import type { TableSpec } from './telemetry-schema.ts';
import { RowsRejectedError } from './table-sink.ts';
import { TelemetryWriter } from './telemetry-writer.ts';
import type { WriterOptions, WriterStats } from './telemetry-writer.ts';

export interface DuckTelemetryOptions extends WriterOptions {
  /** Child logger; the store logs state changes only, never per batch. */
  log?: Logger;
  /** A DuckDB file that may still hold readings from before telemetry had a file of its own: they are moved here at open. */
  legacyPath?: string;
  /** Clock for health timestamps (tests pass a fixed one). */
  nowMs?: () => number;
  /** How often the latest tables take the newest readings (default 5 s; see latest-tables.ts). */
  latestFlushMs?: number;
}

const DEFAULT_LIMIT = 1000;
/** Redeliveries after a restart are of messages sent shortly before it: seed watermarks from these. */
const SEED_WINDOW_MS = 15 * 60_000;

const FIELD_COLUMNS: Record<PackNumericField, string> = {
  socPct: 'soc_pct',
  voltageMv: 'voltage_mv',
  currentMa: 'current_ma',
  tempC: 'temp_c',
  cycles: 'cycles',
  sohPct: 'soh_pct',
};

export class DuckTelemetryStore implements TelemetryStore {
  readonly kind = 'duckdb' as const;
  private db: DuckDb | null;
  private readonly ownsDb: boolean;
  private writeConn: DuckConn | null = null;
  private readConn: DuckConn | null = null;
  private writer: TelemetryWriter | null = null;
  private readonly latest = new LatestTables();
  private latestTimer: NodeJS.Timeout | null = null;
  private opening: Promise<void> | null = null;
  private readonly nowMs: () => number;
  private readonly status: StoreHealth = { kind: 'duckdb', ok: true, lastError: null, lastErrorAtMs: null, writeFailures: 0 };

  /** Pass the shared DuckDb (the app does), or a file path to own a database of its own. */
  constructor(
    private readonly dbOrPath: DuckDb | string,
    private readonly opts: DuckTelemetryOptions = {},
  ) {
    this.ownsDb = typeof dbOrPath === 'string';
    this.db = typeof dbOrPath === 'string' ? null : dbOrPath;
    this.nowMs = opts.nowMs ?? Date.now;
  }

  open(): Promise<void> {
    this.opening ??= this.doOpen().catch(async (err: unknown) => {
      await this.close().catch(() => undefined); // release what was opened, the file lock with it
      throw err;
    });
    return this.opening;
  }

  private async doOpen(): Promise<void> {
    this.db ??= await openDuckDb(this.dbOrPath as string);
    this.writeConn = await this.db.connect();
    this.readConn = await this.db.connect();
    const applied = await migrate(this.writeConn, TELEMETRY_COMPONENT, TELEMETRY_MIGRATIONS);
    const legacy = this.opts.legacyPath ? await importLegacyTelemetry(this.writeConn, this.opts.legacyPath, this.opts.log) : null;
    for (const spec of [PACK_TABLE, KIOSK_TABLE, EVENT_TABLE] as TableSpec<unknown>[]) {
      await this.checkColumns(spec.table, ['rk', ...spec.columns.map((c) => c.name)]);
      if (spec.latestTable) await this.checkColumns(spec.latestTable, spec.columns.map((c) => c.name));
    }
    const writeConn = this.writeConn;
    await writeConn.exclusive((c) => this.latest.repair(c));
    this.writer = new TelemetryWriter(writeConn, this.opts, (table, rows) => this.latest.note(table, rows));
    const watermarks = await this.writer.seed(SEED_WINDOW_MS);
    this.latestTimer = setInterval(() => void this.flushLatest(), this.opts.latestFlushMs ?? 5000);
    this.latestTimer.unref();
    this.opts.log?.info({ path: this.db.path, applied, watermarks, legacyRows: legacy?.rows ?? 0 }, 'duckdb telemetry store open');
  }

  /** Staging and INSERT..SELECT go by column position: refuse to start if a table drifted from its spec. */
  private async checkColumns(table: string, expected: string[]): Promise<void> {
    const rows = await this.conn('read').all(`SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = $1 ORDER BY column_index`, [table]);
    const actual = rows.map((r) => String(r['column_name']));
    if (actual.join(',') !== expected.join(',')) {
      throw new Error(`DuckDB table ${table} has columns [${actual.join(', ')}], expected [${expected.join(', ')}]`);
    }
  }

  async writeBatch(batch: TelemetryBatch): Promise<WriteResult> {
    if (!this.writer) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'DuckDB telemetry store is not open');
    try {
      const result = await this.writer.write(batch);
      if (!this.status.ok) {
        this.status.ok = true;
        this.opts.log?.info('duckdb writes recovered');
      }
      return result;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.status.writeFailures++;
      this.status.lastError = message;
      this.status.lastErrorAtMs = this.nowMs();
      if (err instanceof RowsRejectedError) {
        // The store is fine; the batch is not. Nothing of it was written.
        this.opts.log?.warn({ table: err.table, reason: err.reason }, 'duckdb refused a batch');
        throw new CfError('CF_ERR_STORE_REJECTED', `DuckDB refused the batch: ${message}`, { table: err.table, reason: err.reason });
      }
      if (this.status.ok) this.opts.log?.error({ err }, 'duckdb write failed');
      this.status.ok = false;
      if (isCfError(err)) throw err;
      throw new CfError('CF_ERR_STORE_UNAVAILABLE', `DuckDB write failed: ${message}`, { cause: message });
    }
  }

  /** Fast and exact batch counts since open (for metrics). */
  writerStats(): WriterStats {
    return { ...(this.writer?.stats ?? { fastBatches: 0, exactBatches: 0, conflicts: 0, suspectRows: 0 }) };
  }

  async packReadings(packId: string, q: RangeQuery): Promise<PackReading[]> {
    const rows = await this.range('pack_readings', 'pack_id', packId, q);
    return rows.map(toPackReading);
  }

  async kioskReadings(kioskId: string, q: RangeQuery): Promise<KioskReading[]> {
    const rows = await this.range('kiosk_status', 'kiosk_id', kioskId, q);
    return rows.map(toKioskReading);
  }

  async kioskEvents(kioskId: string, q: RangeQuery): Promise<KioskEventRecord[]> {
    const rows = await this.range('kiosk_events', 'kiosk_id', kioskId, q);
    return rows.map(toKioskEvent);
  }

  private range(table: string, idColumn: string, id: string, q: RangeQuery): Promise<Record<string, JS>[]> {
    const dir = q.order === 'desc' ? 'DESC' : 'ASC';
    const limit = limitOf(q.limit);
    return this.conn('read').all(
      `SELECT * EXCLUDE (rk) FROM ${table} WHERE ${idColumn} = $1 AND at_ms >= $2 AND at_ms < $3 ORDER BY at_ms ${dir}, seq ${dir} LIMIT ${limit}`,
      [id, ms(q.fromMs), ms(q.toMs)],
    );
  }

  async aggregatePacks(q: PackAggregateQuery): Promise<Bucket[]> {
    if (!PACK_NUMERIC_FIELDS.includes(q.field)) throw new CfError('CF_ERR_HTTP_BAD_REQUEST', `unknown pack field ${String(q.field)}`);
    const col = FIELD_COLUMNS[q.field];
    const value: Record<typeof q.fn, string> = {
      mean: `avg(${col})`,
      min: `min(${col})`,
      max: `max(${col})`,
      count: 'count(*)',
      first: `first(${col} ORDER BY at_ms, seq)`,
      last: `last(${col} ORDER BY at_ms, seq)`,
    };
    const expr = value[q.fn];
    if (!expr) throw new CfError('CF_ERR_HTTP_BAD_REQUEST', `unknown aggregate ${String(q.fn)}`);
    const params: DuckDBValue[] = [bucketOf(q.bucketMs), ms(q.fromMs), ms(q.toMs)];
    if (q.packId !== undefined) params.push(q.packId);
    const rows = await this.conn('read').all(
      `SELECT ${BUCKET} AS start_ms, ${expr}::DOUBLE AS value, count(*) AS n FROM pack_readings
       WHERE at_ms >= $2 AND at_ms < $3 ${q.packId !== undefined ? 'AND pack_id = $4' : ''}
       GROUP BY start_ms ORDER BY start_ms`,
      params,
    );
    return rows.map((r) => ({ startMs: Number(r['start_ms']), value: Number(r['value']), count: Number(r['n']) }));
  }

  async countEvents(q: EventCountQuery): Promise<EventCountRow[]> {
    const params: DuckDBValue[] = [bucketOf(q.bucketMs), ms(q.fromMs), ms(q.toMs), q.type];
    if (q.kioskId !== undefined) params.push(q.kioskId);
    const rows = await this.conn('read').all(
      `SELECT kiosk_id, ${BUCKET} AS start_ms, count(*) AS n FROM kiosk_events
       WHERE at_ms >= $2 AND at_ms < $3 AND type = $4 ${q.kioskId !== undefined ? 'AND kiosk_id = $5' : ''}
       GROUP BY kiosk_id, start_ms ORDER BY kiosk_id, start_ms`,
      params,
    );
    return rows.map((r) => ({ kioskId: String(r['kiosk_id']), startMs: Number(r['start_ms']), count: Number(r['n']) }));
  }

  /** One row per pack (pack_latest and what is not flushed to it yet): the cost follows the fleet's size, not its history. In no particular order. */
  async latestPacks(): Promise<PackReading[]> {
    const rows = await this.conn('read').all('SELECT * FROM pack_latest');
    return this.latest.merged('packs', rows.map(toPackReading));
  }

  async latestKiosks(): Promise<KioskReading[]> {
    const rows = await this.conn('read').all('SELECT * FROM kiosk_latest');
    return this.latest.merged('kiosks', rows.map(toKioskReading));
  }

  /** Upserts the newest readings into the latest tables; a failure is retried at the next flush. */
  private async flushLatest(): Promise<void> {
    const conn = this.writeConn;
    if (!conn) return;
    try {
      await this.latest.flush(conn);
    } catch (err) {
      this.opts.log?.warn({ err: (err as Error).message }, 'latest tables not flushed; retrying');
    }
  }

  health(): StoreHealth {
    return { ...this.status };
  }

  /** Closes this store's connections, and the database when the store opened it itself. */
  async close(): Promise<void> {
    if (this.latestTimer) clearInterval(this.latestTimer);
    this.latestTimer = null;
    await this.flushLatest();
    const conns = [this.writeConn, this.readConn];
    this.writer = null;
    this.writeConn = null;
    this.readConn = null;
    this.opening = null;
    await Promise.all(conns.map((c) => c?.close()));
    if (this.ownsDb && this.db) {
      await this.db.close();
      this.db = null;
    }
  }

  private conn(which: 'read' | 'write'): DuckConn {
    const c = which === 'read' ? this.readConn : this.writeConn;
    if (!c) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'DuckDB telemetry store is not open');
    return c;
  }
}

/** Bucket start: floor(at_ms / bucket) * bucket, exact for negative times too. $1 is the width. */
const BUCKET = 'at_ms - (((at_ms % $1) + $1) % $1)';

function ms(v: number): bigint {
  if (!Number.isFinite(v)) throw new CfError('CF_ERR_HTTP_BAD_REQUEST', `time ${v} is not a finite number of ms`);
  return BigInt(Math.trunc(v));
}

function bucketOf(bucketMs: number): bigint {
  if (!Number.isInteger(bucketMs) || bucketMs <= 0) throw new CfError('CF_ERR_HTTP_BAD_REQUEST', `bucketMs must be a positive integer, got ${bucketMs}`);
  return BigInt(bucketMs);
}

function limitOf(limit: number | undefined): number {
  const n = limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(n) || n < 0) throw new CfError('CF_ERR_HTTP_BAD_REQUEST', `limit must be a non-negative integer, got ${n}`);
  return n;
}
