// The ingest hot path: one transaction per batch, idempotent on (device, bootId, seq).
// Fast path: append straight into the keyed tables; the primary key refuses a duplicate and the
// whole transaction rolls back. Exact path: stage the batch in temp tables, INSERT OR IGNORE.
// Redeliveries are rare, so nearly every batch takes the fast path (figures: bench/duckdb-write.ts).
import { DuckDBDataChunk } from '@duckdb/node-api';
import type { DuckDBAppender, DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { TelemetryBatch, WriteResult } from '../telemetry-store.ts';
import type { DuckConn } from './database.ts';
import { inTransaction } from './database.ts';
import { EVENT_TABLE, KIOSK_TABLE, PACK_TABLE } from './telemetry-schema.ts';
import type { TableSpec } from './telemetry-schema.ts';

/** DuckDB's vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;

export interface WriterOptions {
  /**
   * After a batch hit a stored key, this many following batches go straight to the exact path:
   * redeliveries come in bursts (a reconnecting device resends its unacknowledged window).
   */
  exactAfterConflictBatches?: number;
}

export interface WriterStats {
  /** Batches committed by appending straight into the tables. */
  fastBatches: number;
  /** Batches committed by INSERT OR IGNORE from staging. */
  exactBatches: number;
  /** Fast attempts rolled back because a row was already stored or repeated in the batch. */
  conflicts: number;
}

export function appendRows<R>(appender: DuckDBAppender, spec: TableSpec<R>, rows: readonly R[]): void {
  const types = spec.columns.map((c) => c.type);
  for (let off = 0; off < rows.length; off += CHUNK_ROWS) {
    const n = Math.min(CHUNK_ROWS, rows.length - off);
    const chunk = DuckDBDataChunk.create(types, n);
    chunk.setColumns(
      spec.columns.map((col) => {
        const values = new Array<DuckDBValue>(n);
        for (let i = 0; i < n; i++) values[i] = col.get(rows[off + i] as R);
        return values;
      }),
    );
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
}

/** Drops an appender without letting it flush: closing flushes, and that would autocommit leftovers. */
function discard(appender: DuckDBAppender | null): void {
  if (!appender) return;
  try {
    appender.clear();
  } catch {
    // already in a failed state
  }
  try {
    appender.closeSync();
  } catch {
    // a failed appender repeats its error on close; it is released either way
  }
}

/** One keyed table with its direct appender and its staging table. */
class TableSink<R> {
  private direct: DuckDBAppender | null = null;
  private stage: DuckDBAppender | null = null;
  private readonly stageTable: string;

  constructor(readonly spec: TableSpec<R>) {
    this.stageTable = `stage_${spec.table}`;
  }

  /** Appends into the table itself; throws when a key is already stored or repeats. */
  async appendDirect(c: DuckDBConnection, rows: readonly R[]): Promise<void> {
    this.direct ??= await c.createAppender(this.spec.table);
    appendRows(this.direct, this.spec, rows);
  }

  /** Inserts the rows whose key is not stored yet (first of any repeats); returns how many. */
  async insertNew(c: DuckDBConnection, rows: readonly R[]): Promise<number> {
    if (!this.stage) {
      // A temp table lives in memory, is private to this connection and has no key to check.
      await c.run(`CREATE TEMP TABLE IF NOT EXISTS ${this.stageTable} AS SELECT * FROM main.${this.spec.table} LIMIT 0`);
      this.stage = await c.createAppender(this.stageTable, 'main', 'temp');
    }
    appendRows(this.stage, this.spec, rows);
    const written = (await c.run(`INSERT OR IGNORE INTO main.${this.spec.table} SELECT * FROM temp.main.${this.stageTable}`)).rowsChanged;
    await c.run(`DELETE FROM temp.main.${this.stageTable}`);
    return written;
  }

  reset(): void {
    discard(this.direct);
    discard(this.stage);
    this.direct = null;
    this.stage = null;
  }
}

export class TelemetryWriter {
  private readonly packs = new TableSink(PACK_TABLE);
  private readonly kiosks = new TableSink(KIOSK_TABLE);
  private readonly events = new TableSink(EVENT_TABLE);
  private readonly exactAfterConflict: number;
  private exactLeft = 0;
  readonly stats: WriterStats = { fastBatches: 0, exactBatches: 0, conflicts: 0 };

  constructor(
    private readonly conn: DuckConn,
    opts: WriterOptions = {},
  ) {
    this.exactAfterConflict = opts.exactAfterConflictBatches ?? 8;
    conn.beforeClose(() => this.reset());
  }

  /** Commits the batch in one transaction; resolves after COMMIT returned (WAL fsynced). */
  write(batch: TelemetryBatch): Promise<WriteResult> {
    const total = batch.packs.length + batch.kiosks.length + batch.events.length;
    if (total === 0) return Promise.resolve({ written: 0, duplicates: 0 });
    return this.conn.exclusive(async (c) => {
      if (this.exactLeft > 0) {
        this.exactLeft--;
      } else {
        try {
          await inTransaction(c, async () => {
            if (batch.packs.length) await this.packs.appendDirect(c, batch.packs);
            if (batch.kiosks.length) await this.kiosks.appendDirect(c, batch.kiosks);
            if (batch.events.length) await this.events.appendDirect(c, batch.events);
          });
          this.stats.fastBatches++;
          return { written: total, duplicates: 0 };
        } catch (err) {
          // Rolled back. A failed appender cannot be reused; any other failure (a bad value,
          // I/O) fails the exact path too and is reported from there.
          this.reset();
          if (isDuplicateKeyError(err)) {
            this.stats.conflicts++;
            this.exactLeft = this.exactAfterConflict;
          }
        }
      }
      try {
        const written = await inTransaction(c, async () => {
          let n = 0;
          if (batch.packs.length) n += await this.packs.insertNew(c, batch.packs);
          if (batch.kiosks.length) n += await this.kiosks.insertNew(c, batch.kiosks);
          if (batch.events.length) n += await this.events.insertNew(c, batch.events);
          return n;
        });
        this.stats.exactBatches++;
        return { written, duplicates: total - written };
      } catch (err) {
        this.reset();
        throw err;
      }
    });
  }

  private reset(): void {
    this.packs.reset();
    this.kiosks.reset();
    this.events.reset();
  }
}

/** DuckDB words a key violation differently for stored keys and for keys repeated in one append. */
export function isDuplicateKeyError(err: unknown): boolean {
  const message = err instanceof Error ? err.message : String(err);
  return /duplicate key|constraint violation/i.test(message);
}
