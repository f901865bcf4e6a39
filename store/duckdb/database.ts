// One DuckDB database file for the whole process: the telemetry store and the registry each take
// connections from it. DuckDB allows one writer process per file; inside it, many connections.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBValue, JS } from '@duckdb/node-api';
import { CfError } from '../../domain/errors.ts';

export interface DuckDbOptions {
  /** Worker threads DuckDB may use (default 2: the target machine has two cores). */
  threads?: number;
  /** Further DuckDB settings, passed at open (e.g. { memory_limit: '1GB' }). */
  settings?: Record<string, string>;
}

/**
 * Runs async jobs one after another. A DuckDB connection executes one statement at a time, and a
 * transaction spans several awaits, so all work on one connection goes through one of these.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(job: () => Promise<T>): Promise<T> {
    this.pending++;
    const next = this.tail.then(job);
    this.tail = next.then(
      () => this.pending--,
      () => this.pending--,
    );
    return next;
  }

  /** Jobs queued or running. */
  get depth(): number {
    return this.pending;
  }

  /** Resolves once everything queued so far has finished. */
  async drain(): Promise<void> {
    await this.tail;
  }
}

/** A connection whose work is serialised. Use `exclusive` for anything spanning several statements. */
export class DuckConn {
  private readonly queue = new SerialQueue();
  private closed = false;
  private readonly onClose: Array<() => void> = [];

  constructor(
    private readonly raw: DuckDBConnection,
    private readonly release: (c: DuckConn) => void,
    private readonly schemaQueue: SerialQueue,
  ) {}

  /** Runs `fn` with the raw connection while nothing else uses it. */
  exclusive<T>(fn: (raw: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      if (this.closed) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'DuckDB connection is closed');
      return fn(this.raw);
    });
  }

  /**
   * Like `exclusive`, and one at a time across every connection of the database: DuckDB refuses
   * two transactions creating the same table at once (a catalog write-write conflict), so
   * migrations of stores opened side by side take turns.
   */
  schemaChange<T>(fn: (raw: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.schemaQueue.run(() => this.exclusive(fn));
  }

  /** Runs one statement; resolves to the number of rows it changed. */
  run(sql: string, params?: DuckDBValue[]): Promise<number> {
    return this.exclusive(async (c) => (await c.run(sql, params)).rowsChanged);
  }

  /** Runs a query and returns its rows as plain JS objects (BIGINT as bigint). */
  all(sql: string, params?: DuckDBValue[]): Promise<Record<string, JS>[]> {
    return this.exclusive(async (c) => (await c.runAndReadAll(sql, params)).getRowObjectsJS());
  }

  /** BEGIN, fn, COMMIT; ROLLBACK when fn throws. Resolves after COMMIT returned. */
  transaction<T>(fn: (raw: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.exclusive((c) => inTransaction(c, fn));
  }

  /** Called (once) before the raw connection closes: appenders must close first. */
  beforeClose(hook: () => void): void {
    this.onClose.push(hook);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Waits for queued work, then closes. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue.drain();
    if (this.closed) return;
    this.closed = true;
    for (const hook of this.onClose.splice(0)) {
      try {
        hook();
      } catch {
        // an appender left in a failed state throws on close; the connection closes anyway
      }
    }
    this.raw.closeSync();
    this.release(this);
  }
}

/** BEGIN, fn, COMMIT on a raw connection the caller already holds exclusively. */
export async function inTransaction<T>(c: DuckDBConnection, fn: (raw: DuckDBConnection) => Promise<T>): Promise<T> {
  await c.run('BEGIN TRANSACTION');
  let result: T;
  try {
    result = await fn(c);
  } catch (err) {
    await rollbackQuietly(c);
    throw err;
  }
  try {
    await c.run('COMMIT');
  } catch (err) {
    await rollbackQuietly(c);
    throw err;
  }
  return result;
}

export async function rollbackQuietly(c: DuckDBConnection): Promise<void> {
  try {
    await c.run('ROLLBACK');
  } catch {
    // no transaction was active (DuckDB already aborted it): nothing to undo
  }
}

export class DuckDb {
  private readonly conns = new Set<DuckConn>();
  private readonly schemaQueue = new SerialQueue();
  private closed = false;

  constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
  ) {}

  /** A new connection. Each store keeps its own, so reads do not queue behind writes. */
  async connect(): Promise<DuckConn> {
    if (this.closed) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'DuckDB database is closed');
    const conn = new DuckConn(await this.instance.connect(), (c) => this.conns.delete(c), this.schemaQueue);
    this.conns.add(conn);
    return conn;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Closes every connection (after its queued work) and then the database. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.conns].map((c) => c.close()));
    // Closing the instance checkpoints the WAL into the database file.
    this.instance.closeSync();
  }
}

/**
 * Opens (creating if needed) the database file. Throws CF_ERR_STORE_UNAVAILABLE when another
 * process holds the file: DuckDB takes an exclusive lock for a writer.
 *
 * Durability: DuckDB appends each commit to `<path>.wal` and fsyncs it before COMMIT returns, so a
 * resolved commit survives kill -9 and, on a disk that honours fsync, power loss. The WAL is
 * replayed at the next open.
 */
export async function openDuckDb(path: string, opts: DuckDbOptions = {}): Promise<DuckDb> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const settings: Record<string, string> = { threads: String(opts.threads ?? 2), ...opts.settings };
  try {
    return new DuckDb(path, await DuckDBInstance.create(path, settings));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const locked = /lock/i.test(message);
    throw new CfError(
      'CF_ERR_STORE_UNAVAILABLE',
      locked ? `DuckDB file ${path} is in use by another process (one writer per file): ${message}` : `cannot open DuckDB file ${path}: ${message}`,
    );
  }
}
