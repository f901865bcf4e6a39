// One keyed telemetry table as the writer uses it: rows converted to DuckDB data chunks, appended
// to a private in-memory staging table, and keys looked up in the table's primary-key index.
import { DuckDBDataChunk } from '@duckdb/node-api';
import type { DuckDBAppender, DuckDBConnection, DuckDBPreparedStatement, DuckDBValue } from '@duckdb/node-api';
import type { KeyedRow } from './seq-watermark.ts';
import type { TableSpec } from './telemetry-schema.ts';

/** DuckDB's vector size: a data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;
/** Keys per `rk IN (...)` probe; DuckDB uses the index while a probe matches under 2,048 rows. */
const PROBE_KEYS = 1000;

/** Rows whose values do not fit the table (out of range, not an integer, missing): retrying cannot help. */
export class RowsRejectedError extends Error {
  override readonly name = 'RowsRejectedError';
  constructor(
    readonly table: string,
    readonly reason: string,
  ) {
    super(`${table}: ${reason}`);
  }
}

/** Appends rows to a table through its appender, as data chunks (one native copy per column). */
export function appendRows<R>(appender: DuckDBAppender, spec: TableSpec<R>, rows: readonly R[]): void {
  const types = spec.columns.map((c) => c.type);
  for (let off = 0; off < rows.length; off += CHUNK_ROWS) {
    const n = Math.min(CHUNK_ROWS, rows.length - off);
    const chunk = DuckDBDataChunk.create(types, n);
    try {
      chunk.setColumns(
        spec.columns.map((col) => {
          const values = new Array<DuckDBValue>(n);
          for (let i = 0; i < n; i++) values[i] = col.get(rows[off + i] as R);
          return values;
        }),
      );
    } catch (err) {
      // Thrown while converting values, before DuckDB saw anything: the data itself is wrong.
      throw new RowsRejectedError(spec.table, err instanceof Error ? err.message : String(err));
    }
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
}

/** Drops an appender without letting it flush: closing flushes, and that would write leftovers. */
export function discard(appender: DuckDBAppender | null): void {
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

export class TableSink<R extends KeyedRow> {
  private stage: DuckDBAppender | null = null;
  /** Prepared once: planning them again for every batch cost about a millisecond of CPU. */
  private moves: { insert: DuckDBPreparedStatement; clear: DuckDBPreparedStatement } | null = null;
  private readonly stageTable: string;
  /** Moves the staged rows into the table; the index work runs on DuckDB's threads. */
  readonly insertSql: string;
  readonly clearSql: string;
  readonly dropSql: string;

  constructor(readonly spec: TableSpec<R>) {
    this.stageTable = `stage_${spec.table}`;
    this.insertSql = `INSERT INTO main.${spec.table} SELECT ${spec.keySql}, * FROM temp.main.${this.stageTable}`;
    this.clearSql = `DELETE FROM temp.main.${this.stageTable}`;
    this.dropSql = `DROP TABLE IF EXISTS temp.main.${this.stageTable}`;
  }

  /**
   * Stages rows for the next insertSql, inside the caller's transaction. A temp table lives in
   * memory, is private to this connection and has no index, so this flush on the JS thread is
   * cheap; flushed outside a transaction it would pay a commit of its own.
   */
  async stageRows(c: DuckDBConnection, rows: readonly R[]): Promise<void> {
    if (!this.stage || !this.moves) {
      await c.run(`CREATE TEMP TABLE IF NOT EXISTS ${this.stageTable} AS SELECT * EXCLUDE (rk) FROM main.${this.spec.table} LIMIT 0`);
      this.stage = await c.createAppender(this.stageTable, 'main', 'temp');
      this.moves = { insert: await c.prepare(this.insertSql), clear: await c.prepare(this.clearSql) };
    }
    appendRows(this.stage, this.spec, rows);
  }

  /** INSERT..SELECT of the staged rows into the table; throws on a stored key. */
  async moveStaged(): Promise<void> {
    if (!this.moves) throw new Error(`nothing staged for ${this.spec.table}`);
    await this.moves.insert.run();
  }

  async clearStaged(): Promise<void> {
    await this.moves?.clear.run();
  }

  /** Rows of `rows` not stored yet, each key once (the first not in `taken`). */
  async unknown(c: DuckDBConnection, rows: readonly R[], taken = new Set<string>()): Promise<R[]> {
    const keys = rows.map((r) => this.spec.key(r));
    const stored = await this.storedKeys(c, [...new Set(keys)]);
    const out: R[] = [];
    rows.forEach((r, i) => {
      const k = keys[i]!;
      if (stored.has(k) || taken.has(k)) return;
      taken.add(k);
      out.push(r);
    });
    return out;
  }

  /** Keys among `keys` already in the table: index probes, whatever the table's size. */
  private async storedKeys(c: DuckDBConnection, keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let off = 0; off < keys.length; off += PROBE_KEYS) {
      const part = keys.slice(off, off + PROBE_KEYS);
      const marks = part.map((_, i) => `$${i + 1}`).join(', ');
      const reader = await c.runAndReadAll(`SELECT rk FROM main.${this.spec.table} WHERE rk IN (${marks})`, part);
      for (const [rk] of reader.getRowsJS()) found.add(String(rk));
    }
    return found;
  }

  /** Forgets the appender and statements (after a failure, or before the connection closes). */
  reset(): void {
    discard(this.stage);
    this.stage = null;
    for (const p of [this.moves?.insert, this.moves?.clear]) {
      try {
        p?.destroySync();
      } catch {
        // already released
      }
    }
    this.moves = null;
  }
}
