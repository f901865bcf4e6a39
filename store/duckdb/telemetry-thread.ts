// The DuckDB TelemetryStore as the main thread sees it: every call goes to a worker thread
// (telemetry-worker.ts) that owns the DuckDB file. Log entries travel as their stored bytes in one
// transferred buffer, so the main thread neither encodes nor copies readings for the store.
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { CfError, type ErrorCode } from '../../domain/errors.ts';
import type { KioskEventRecord, KioskReading, PackReading } from '../../domain/readings.ts';
import type { EncodedBatchWriter } from '../log/store-writer.ts';
import type {
  Bucket, EventCountQuery, EventCountRow, PackAggregateQuery, RangeQuery, StoreHealth, TelemetryBatch, TelemetryStore, WriteResult,
} from '../telemetry-store.ts';
import type { WriterStats } from './telemetry-writer.ts';

export interface WorkerInit {
  path: string;
  legacyPath?: string;
  logLevel: string;
}

export type WorkerRequest = { call: number } & (
  | { op: 'open' | 'latestPacks' | 'latestKiosks' | 'writerStats' | 'close' }
  | { op: 'writeEncoded'; buffer: ArrayBuffer; lengths: number[] }
  | { op: 'writeBatch'; batch: TelemetryBatch }
  | { op: 'packReadings' | 'kioskReadings' | 'kioskEvents'; id: string; q: RangeQuery }
  | { op: 'aggregatePacks'; q: PackAggregateQuery }
  | { op: 'countEvents'; q: EventCountQuery }
);

/** A request without its call number, as the proxy builds it. */
type Ask = WorkerRequest extends infer R ? (R extends { call: number } ? Omit<R, 'call'> : never) : never;

export type WorkerReply =
  | { call: number; ok: true; value: unknown; health: StoreHealth }
  | { call: number; ok: false; error: { message: string; code?: string; details?: unknown }; health: StoreHealth };

export interface DuckTelemetryThreadOptions {
  /** The telemetry DuckDB file. */
  path: string;
  /** The shared DuckDB file of older builds, whose readings are moved over at open. */
  legacyPath?: string;
  logger: Logger;
}

const BOOT = new URL('./telemetry-worker-boot.mjs', import.meta.url);
const ENTRY = new URL('./telemetry-worker.ts', import.meta.url).href;
const LEVELS: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

export class DuckTelemetryThread implements TelemetryStore, EncodedBatchWriter {
  readonly kind = 'duckdb' as const;
  private worker: Worker | null = null;
  private opening: Promise<void> | null = null;
  private closed = false;
  private nextCall = 1;
  private readonly calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private lastHealth: StoreHealth = { kind: 'duckdb', ok: true, lastError: null, lastErrorAtMs: null, writeFailures: 0 };
  private exitError: string | null = null;

  constructor(private readonly o: DuckTelemetryThreadOptions) {}

  /** Starts the worker and opens the file there (migrations, the legacy move). Idempotent; after a worker crash it starts a new one. */
  open(): Promise<void> {
    this.opening ??= this.start().catch((err: unknown) => {
      this.opening = null;
      throw err;
    });
    return this.opening;
  }

  private async start(): Promise<void> {
    if (this.closed) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'DuckDB telemetry store is closed');
    const init: WorkerInit = { path: this.o.path, logLevel: this.o.logger.level, ...(this.o.legacyPath ? { legacyPath: this.o.legacyPath } : {}) };
    // No inherited node flags (the boot file registers its own TypeScript loader; flags such as
    // --input-type from a parent started with -e would stop the thread).
    const w = new Worker(BOOT, { workerData: { entry: ENTRY, ...init }, execArgv: [] });
    this.worker = w;
    w.on('message', (m: WorkerReply | { log: string }) => ('log' in m ? this.relayLog(m.log) : this.settle(m)));
    w.on('error', (err) => this.lost(w, `telemetry worker failed: ${err.message}`));
    w.on('exit', (code) => this.lost(w, `telemetry worker exited with code ${code}`));
    await this.send({ op: 'open' });
  }

  private relayLog(line: string): void {
    try {
      const { level, msg, ...rest } = JSON.parse(line) as { level: number; msg?: string; [k: string]: unknown };
      delete rest.time;
      delete rest.pid;
      delete rest.hostname;
      delete rest.component; // the child logger given to this store carries it
      this.o.logger[LEVELS[level] ?? 'info'](rest, msg ?? '');
    } catch {
      this.o.logger.info(line.trim());
    }
  }

  private lost(w: Worker, why: string): void {
    if (this.worker !== w) return;
    this.worker = null;
    this.opening = null;
    if (!this.closed) {
      this.exitError = why;
      this.lastHealth = { ...this.lastHealth, ok: false, lastError: why, lastErrorAtMs: Date.now() };
      this.o.logger.error({ component: 'telemetry' }, why);
    }
    const err = new CfError('CF_ERR_STORE_UNAVAILABLE', why);
    for (const c of this.calls.values()) c.reject(err);
    this.calls.clear();
  }

  private settle(m: WorkerReply): void {
    this.lastHealth = m.health;
    const c = this.calls.get(m.call);
    if (!c) return;
    this.calls.delete(m.call);
    if (m.ok) c.resolve(m.value);
    else c.reject(m.error.code ? new CfError(m.error.code as ErrorCode, m.error.message, m.error.details) : new Error(m.error.message));
  }

  private send(ask: Ask, transfer: ArrayBuffer[] = []): Promise<unknown> {
    const w = this.worker;
    if (!w) return Promise.reject(new CfError('CF_ERR_STORE_UNAVAILABLE', this.exitError ?? 'DuckDB telemetry store is not open'));
    const call = this.nextCall++;
    return new Promise((resolve, reject) => {
      this.calls.set(call, { resolve, reject });
      w.postMessage({ ...ask, call } as WorkerRequest, transfer);
    });
  }

  /** Calls the worker, starting it again first if it died. */
  private async ask<T>(ask: Ask, transfer: ArrayBuffer[] = []): Promise<T> {
    if (!this.worker && !this.closed) await this.open();
    return (await this.send(ask, transfer)) as T;
  }

  /** The log's entries as stored: packed into one buffer that moves to the worker without a copy. */
  writeEncoded(payloads: readonly Buffer[]): Promise<WriteResult> {
    const lengths = payloads.map((p) => p.length);
    const buffer = new ArrayBuffer(lengths.reduce((a, b) => a + b, 0));
    const view = new Uint8Array(buffer);
    let off = 0;
    for (const p of payloads) {
      view.set(p, off);
      off += p.length;
    }
    return this.ask<WriteResult>({ op: 'writeEncoded', buffer, lengths }, [buffer]);
  }

  writeBatch(batch: TelemetryBatch): Promise<WriteResult> {
    return this.ask<WriteResult>({ op: 'writeBatch', batch });
  }
  packReadings(id: string, q: RangeQuery): Promise<PackReading[]> {
    return this.ask({ op: 'packReadings', id, q });
  }
  kioskReadings(id: string, q: RangeQuery): Promise<KioskReading[]> {
    return this.ask({ op: 'kioskReadings', id, q });
  }
  kioskEvents(id: string, q: RangeQuery): Promise<KioskEventRecord[]> {
    return this.ask({ op: 'kioskEvents', id, q });
  }
  aggregatePacks(q: PackAggregateQuery): Promise<Bucket[]> {
    return this.ask({ op: 'aggregatePacks', q });
  }
  countEvents(q: EventCountQuery): Promise<EventCountRow[]> {
    return this.ask({ op: 'countEvents', q });
  }
  latestPacks(): Promise<PackReading[]> {
    return this.ask({ op: 'latestPacks' });
  }
  latestKiosks(): Promise<KioskReading[]> {
    return this.ask({ op: 'latestKiosks' });
  }
  writerStats(): Promise<WriterStats> {
    return this.ask({ op: 'writerStats' });
  }

  /** As of the worker's last answer (health must not wait for the worker). */
  health(): StoreHealth {
    return { ...this.lastHealth };
  }

  /** Closes the file (a checkpoint) in the worker, then ends the thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    const w = this.worker;
    if (w) await this.send({ op: 'close' }).catch(() => undefined);
    this.closed = true;
    this.worker = null;
    if (w) await w.terminate();
  }
}
