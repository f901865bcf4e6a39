// The ingest hot path: one transaction per batch, idempotent on (device, bootId, seq).
// Rows above their device's committed seq are taken as new. The few that may be redeliveries
// are looked up by key (index probes, whatever the table's size) and dropped when stored. In one
// transaction the rows are staged in memory tables and moved by INSERT..SELECT into the keyed
// tables, so the index work runs on DuckDB's threads, not on the JS thread the broker shares.
// Should a row taken as new be stored already (a watermark the writer did not have), the primary
// key refuses it, all rolls back, and the batch is planned again with every key looked up.
// Figures and the alternatives measured: bench/duckdb-write.ts.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TelemetryBatch, WriteResult } from '../telemetry-store.ts';
import type { DuckConn } from './database.ts';
import { rollbackQuietly } from './database.ts';
import { SeqWatermark } from './seq-watermark.ts';
import type { KeyedRow, Marks } from './seq-watermark.ts';
import { RowsRejectedError, TableSink } from './table-sink.ts';
import { EVENT_TABLE, KIOSK_TABLE, PACK_TABLE } from './telemetry-schema.ts';
import type { TableSpec } from './telemetry-schema.ts';

export interface WriterOptions {
  /** Bound on remembered (device, boot) watermarks; past it they are forgotten (default 2M). */
  maxWatermarks?: number;
}

/** Told, after each COMMIT, which rows of which table were inserted (the latest tables follow them). */
export type CommittedRows = (table: string, rows: readonly KeyedRow[]) => void;

export interface WriterStats {
  /** Batches committed on the first attempt. */
  fastBatches: number;
  /** Batches committed on the second attempt, every key looked up, after a conflict. */
  exactBatches: number;
  /** First attempts rolled back because a row taken for new was already stored. */
  conflicts: number;
  /** Rows looked up by key on a first attempt (at or below their device's watermark). */
  suspectRows: number;
}

/** The rows of one table that a transaction will insert. */
interface Planned {
  sink: TableSink<KeyedRow>;
  rows: readonly KeyedRow[];
}

/** A table's sink and the watermarks of its devices. */
interface Table {
  sink: TableSink<KeyedRow>;
  marks: SeqWatermark;
}

export class TelemetryWriter {
  private readonly tables: readonly Table[];
  /** A failed batch may have left rows in a staging table that could not be cleared then. */
  private stagesDirty = false;
  readonly stats: WriterStats = { fastBatches: 0, exactBatches: 0, conflicts: 0, suspectRows: 0 };

  constructor(
    private readonly conn: DuckConn,
    opts: WriterOptions = {},
    private readonly onCommitted: CommittedRows = () => undefined,
  ) {
    const specs = [PACK_TABLE, KIOSK_TABLE, EVENT_TABLE] as TableSpec<KeyedRow>[];
    this.tables = specs.map((spec) => ({ sink: new TableSink(spec), marks: new SeqWatermark(opts.maxWatermarks) }));
    conn.beforeClose(() => this.reset());
  }

  /**
   * Loads each device's newest (boot, seq) among devices heard in the last `windowMs` before the
   * newest row, from the latest tables (one row per device, so this costs the same whatever the
   * history): after a crash, the log replays rows the store may have committed already, and
   * redeliveries follow; those are then looked up at once instead of failing a first attempt.
   * A hint only (events have no latest table): the primary key decides.
   */
  async seed(windowMs: number): Promise<number> {
    return this.conn.exclusive(async (c) => {
      let n = 0;
      for (const { sink: { spec }, marks } of this.tables) {
        if (!spec.latestTable) continue;
        const rows = (
          await c.runAndReadAll(
            `SELECT ${spec.idColumn} AS id, boot_id, seq FROM ${spec.latestTable}
             WHERE received_at_ms >= (SELECT max(received_at_ms) FROM ${spec.latestTable}) - $1`,
            [BigInt(windowMs)],
          )
        ).getRowsJS();
        for (const [id, boot, seq] of rows) marks.seed(String(id), Number(boot), Number(seq));
        n += rows.length;
      }
      return n;
    });
  }

  /** Commits the batch in one transaction; resolves after COMMIT returned (WAL fsynced). */
  write(batch: TelemetryBatch): Promise<WriteResult> {
    const parts: readonly (readonly KeyedRow[])[] = [batch.packs, batch.kiosks, batch.events];
    const total = parts.reduce((n, rows) => n + rows.length, 0);
    if (total === 0) return Promise.resolve({ written: 0, duplicates: 0 });
    return this.conn.exclusive(async (c) => {
      if (this.stagesDirty) await this.clearStages(c);
      let pending = this.tables.map((): Marks => new Map());
      try {
        const planned = await this.plan(c, parts, pending, false);
        const written = await this.commit(c, planned);
        this.applyMarks(pending);
        this.told(planned);
        this.stats.fastBatches++;
        return { written, duplicates: total - written };
      } catch (err) {
        await this.recover(c);
        // Anything but a key conflict (a bad value, I/O) would fail the second attempt too.
        if (!isDuplicateKeyError(err)) throw asRejection(err);
        this.stats.conflicts++;
      }
      pending = this.tables.map((): Marks => new Map());
      try {
        const planned = await this.plan(c, parts, pending, true);
        const written = await this.commit(c, planned);
        this.applyMarks(pending);
        this.told(planned);
        this.stats.exactBatches++;
        return { written, duplicates: total - written };
      } catch (err) {
        await this.recover(c);
        throw asRejection(err);
      }
    });
  }

  /** Decides, table by table, which rows to insert: each key not yet stored, once. */
  private async plan(c: DuckDBConnection, parts: readonly (readonly KeyedRow[])[], pending: Marks[], lookUpAll: boolean): Promise<Planned[]> {
    const planned: Planned[] = [];
    for (const [i, { sink, marks }] of this.tables.entries()) {
      const rows = parts[i] ?? [];
      if (rows.length === 0) continue;
      const { deviceId, key } = sink.spec;
      if (lookUpAll) {
        marks.note(deviceId, rows, pending[i]!);
        planned.push({ sink, rows: await sink.unknown(c, rows) });
        continue;
      }
      const { fresh, suspect } = marks.split(deviceId, rows, pending[i]!);
      if (suspect.length === 0) {
        planned.push({ sink, rows: fresh });
        continue;
      }
      this.stats.suspectRows += suspect.length;
      // A suspect may repeat a fresh row of this very batch: those keys count as taken.
      const taken = new Set(fresh.map((r) => key(r)));
      planned.push({ sink, rows: [...fresh, ...(await sink.unknown(c, suspect, taken))] });
    }
    return planned;
  }

  /** BEGIN, stage the rows, INSERT them per table, clear the stages, COMMIT. */
  private async commit(c: DuckDBConnection, planned: Planned[]): Promise<number> {
    const used = planned.filter((p) => p.rows.length > 0);
    if (used.length === 0) return 0; // every row was stored already
    await c.run('BEGIN TRANSACTION');
    for (const p of used) await p.sink.stageRows(c, p.rows);
    for (const p of used) await p.sink.moveStaged();
    for (const p of used) await p.sink.clearStaged();
    await c.run('COMMIT');
    return used.reduce((n, p) => n + p.rows.length, 0);
  }

  /** After a failure: roll back, and empty the staging tables before the next batch. */
  private async recover(c: DuckDBConnection): Promise<void> {
    await rollbackQuietly(c);
    this.reset();
    await this.clearStages(c);
  }

  private told(planned: Planned[]): void {
    for (const p of planned) if (p.rows.length > 0) this.onCommitted(p.sink.spec.table, p.rows);
  }

  private applyMarks(pending: Marks[]): void {
    this.tables.forEach(({ marks }, i) => marks.commit(pending[i]!));
  }

  private async clearStages(c: DuckDBConnection): Promise<void> {
    this.stagesDirty = true;
    try {
      // Dropped, not emptied: the appenders are gone and the next batch makes fresh ones.
      for (const { sink } of this.tables) await c.run(sink.dropSql);
      this.stagesDirty = false;
    } catch {
      // the database is failing; the next batch tries again first
    }
  }

  private reset(): void {
    for (const { sink } of this.tables) sink.reset();
  }
}

/** A NOT NULL violation is the data's fault; DuckDB reports it from the INSERT. */
function asRejection(err: unknown): unknown {
  if (err instanceof RowsRejectedError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const table = /NOT NULL constraint failed: (\w+)\./.exec(message)?.[1];
  return table ? new RowsRejectedError(table, message) : err;
}

/** DuckDB words a key violation differently for stored keys and for keys repeated in one statement. */
export function isDuplicateKeyError(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /duplicate key|constraint violation/i.test(message);
}
