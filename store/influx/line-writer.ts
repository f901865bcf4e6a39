// The write path to InfluxDB: readings to line protocol (with the pack_latest guard), then
// requests of batchLines lines through @influxdata/influxdb-client, gzip on, a few in flight.
import { HttpError, type InfluxDB, type WriteApi, type WriteOptions } from '@influxdata/influxdb-client';
import { CfError, isCfError } from '../../domain/errors.ts';
import type { PackReading } from '../../domain/readings.ts';
import type { TelemetryBatch } from '../telemetry-store.ts';
import { eventLine, kioskLine, packLatestLine, packLine } from './line-protocol.ts';
import { isNewer } from './row-mapping.ts';

// Bounds the memory of the "do not step pack_latest back" guard; past it the guard starts afresh.
const LATEST_GUARD_MAX = 200_000;

export interface LineWriterOptions {
  influx: InfluxDB;
  org: string;
  bucket: string;
  batchLines: number;
  /** Requests in flight at once within one write. */
  concurrency: number;
  /** Every failed request, before it is thrown (for counts, last error and logs). */
  onFailure: (err: Error, lines: number, attempt: number) => void;
}

export class LineWriter {
  private readonly latestSent = new Map<string, { atMs: number; seq: number }>();

  constructor(private readonly o: LineWriterOptions) {}

  async writeBatch(batch: TelemetryBatch): Promise<void> {
    await this.writeChunks(this.toLines(batch));
  }

  /**
   * Requests of batchLines lines, writeConcurrency in flight (InfluxDB parses requests in parallel).
   * Stops at the first failure and waits for the requests in flight, so none outlives the call.
   */
  private async writeChunks(lines: string[]): Promise<void> {
    const chunks: string[][] = [];
    for (let i = 0; i < lines.length; i += this.o.batchLines) chunks.push(lines.slice(i, i + this.o.batchLines));
    let next = 0;
    let failed = false;
    const results = await Promise.allSettled(
      Array.from({ length: Math.min(this.o.concurrency, chunks.length) }, async () => {
        for (let c = next++; c < chunks.length && !failed; c = next++) {
          await this.writeLines(chunks[c]!).catch((err: unknown) => {
            failed = true;
            throw err;
          });
        }
      }),
    );
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason;
  }

  private toLines(batch: TelemetryBatch): string[] {
    const lines: string[] = [];
    const newest = new Map<string, PackReading>();
    for (const r of batch.packs) {
      lines.push(packLine(r));
      const seen = newest.get(r.packId);
      if (!seen || isNewer(r, seen)) newest.set(r.packId, r);
    }
    for (const r of newest.values()) {
      // A redelivered older reading must not step pack_latest back (see README, latestPacks).
      const sent = this.latestSent.get(r.packId);
      if (sent && isNewer(sent, r)) continue;
      if (this.latestSent.size >= LATEST_GUARD_MAX) this.latestSent.clear();
      this.latestSent.set(r.packId, { atMs: r.atMs, seq: r.seq });
      lines.push(packLatestLine(r));
    }
    for (const r of batch.kiosks) lines.push(kioskLine(r));
    for (const e of batch.events) lines.push(eventLine(e));
    return lines;
  }

  /**
   * One request per call, through a fresh WriteApi with no retries of its own: the client's
   * buffer drops its oldest lines when full and its flush() gives up after the first failure,
   * so retrying (and remembering what is unconfirmed) is the log's job (store/log).
   */
  private async writeLines(lines: string[]): Promise<void> {
    if (lines.length === 0) return;
    const options: Partial<WriteOptions> = {
      batchSize: lines.length + 1,
      maxBatchBytes: Number.MAX_SAFE_INTEGER,
      flushInterval: 0,
      maxRetries: 0,
      maxBufferLines: lines.length + 1,
      gzipThreshold: 1024,
      writeFailed: (err: Error, failed: string[], attempt: number) => {
        this.o.onFailure(err, failed.length, attempt);
        // Returning a promise makes it the result of flush(), and stops the client's own retry and log.
        return Promise.reject(err);
      },
      writeRetrySkipped: (entry: { lines: string[] }) => {
        // Cannot happen with maxRetries 0; if it ever does, the log still holds the lines.
        this.o.onFailure(new Error(`client retry buffer skipped ${entry.lines.length} lines`), entry.lines.length, 0);
      },
    };
    const api: WriteApi = this.o.influx.getWriteApi(this.o.org, this.o.bucket, 'ns', options);
    try {
      api.writeRecords(lines);
      await api.flush();
    } catch (err) {
      throw toStoreError(err);
    } finally {
      api.dispose();
    }
  }

}

export function describe(err: unknown): string {
  if (err instanceof HttpError) return `HTTP ${err.statusCode}: ${err.body || err.message}`.slice(0, 500);
  return (err instanceof Error ? err.message : String(err)).slice(0, 500);
}

/**
 * Unavailable (retry: network, 5xx, 429, and 401/403/404 which an operator can fix) or rejected
 * (400/422: InfluxDB refused the data itself, and sending it again cannot help).
 */
export function toStoreError(err: unknown): CfError {
  if (isCfError(err)) return err;
  if (err instanceof HttpError && (err.statusCode === 400 || err.statusCode === 422)) {
    return new CfError('CF_ERR_STORE_REJECTED', `InfluxDB refused the write: ${describe(err)}`);
  }
  const retryAfterMs = err instanceof HttpError ? err.retryAfter() : 0;
  return new CfError('CF_ERR_STORE_UNAVAILABLE', `InfluxDB write failed: ${describe(err)}`, { retryAfterMs });
}

