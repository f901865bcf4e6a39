// The time-series store's log consumer: writes log entries to the store (DuckDB on its worker
// thread, or InfluxDB) in large batches. When the store refuses the data itself, it bisects to find
// the refused readings and keeps them in rejected/ for diagnosis, so one bad reading does not hold
// back its batch-mates; any other failure propagates and the consumer retries from its cursor.
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Clock } from '../../domain/clock.ts';
import { isCfError } from '../../domain/errors.ts';
import type { TelemetryBatch, TelemetryStore, WriteResult } from '../telemetry-store.ts';
import type { LogEntry } from './durable-log.ts';
import { concatEntries, readingsIn } from './telemetry-codec.ts';

/** A store that takes log entries' bytes as they are (the DuckDB worker decodes them on its own thread). */
export interface EncodedBatchWriter {
  writeEncoded(payloads: readonly Buffer[]): Promise<WriteResult>;
}

export function takesEncoded(store: TelemetryStore): store is TelemetryStore & EncodedBatchWriter {
  return typeof (store as Partial<EncodedBatchWriter>).writeEncoded === 'function';
}

export interface Refused {
  error: string;
  batch: TelemetryBatch;
}

/** Splits a batch into two halves by reading count (packs, then kiosks, then events). */
export function halves(b: TelemetryBatch): [TelemetryBatch, TelemetryBatch] {
  let left = Math.floor(readingsIn(b) / 2);
  const cut = <T>(xs: T[]): [T[], T[]] => {
    const n = Math.min(left, xs.length);
    left -= n;
    return [xs.slice(0, n), xs.slice(n)];
  };
  const [p1, p2] = cut(b.packs);
  const [k1, k2] = cut(b.kiosks);
  const [e1, e2] = cut(b.events);
  return [{ packs: p1, kiosks: k1, events: e1 }, { packs: p2, kiosks: k2, events: e2 }];
}

export class StoreWriter {
  writtenReadings = 0;
  quarantinedReadings = 0;
  lastRefusal: string | null = null;
  lastRefusalAtMs: number | null = null;
  private quarantineSeq = 0;

  constructor(private readonly o: { store: TelemetryStore; rejectedDir: string; clock: Clock; logger: Logger }) {}

  async write(entries: readonly LogEntry<TelemetryBatch>[]): Promise<void> {
    const { store } = this.o;
    const readings = entries.reduce((n, e) => n + e.readings, 0);
    if (takesEncoded(store)) {
      try {
        await store.writeEncoded(entries.map((e) => e.bytes));
        this.writtenReadings += readings;
        return;
      } catch (err) {
        if (!(isCfError(err) && err.code === 'CF_ERR_STORE_REJECTED')) throw err;
        // Some reading does not fit the store: find it below, by halves.
      }
    }
    const refused: TelemetryBatch = { packs: [], kiosks: [], events: [] };
    const refusal = await this.ship(concatEntries(entries), refused);
    const n = readingsIn(refused);
    if (n > 0) {
      await this.keep({ error: refusal, batch: refused });
      this.quarantinedReadings += n;
      this.lastRefusal = refusal;
      this.lastRefusalAtMs = this.o.clock.now();
      this.o.logger.error({ err: refusal, readings: n }, 'store refused readings; kept in rejected/');
    }
    this.writtenReadings += readings - n;
  }

  private async ship(batch: TelemetryBatch, refused: TelemetryBatch): Promise<string> {
    try {
      await this.o.store.writeBatch(batch);
      return '';
    } catch (err) {
      if (!(isCfError(err) && err.code === 'CF_ERR_STORE_REJECTED')) throw err;
      if (readingsIn(batch) <= 1) {
        refused.packs.push(...batch.packs);
        refused.kiosks.push(...batch.kiosks);
        refused.events.push(...batch.events);
        return err.message;
      }
      const [a, b] = halves(batch);
      const ra = await this.ship(a, refused);
      const rb = await this.ship(b, refused);
      return ra || rb;
    }
  }

  /** Writes refused readings to rejected/ (fsynced); throws when it cannot, so nothing is dropped. */
  private async keep(r: Refused): Promise<void> {
    const dir = this.o.rejectedDir;
    await mkdir(dir, { recursive: true });
    const now = this.o.clock.now();
    const fh = await open(join(dir, `rejected-${now}-${this.quarantineSeq++}.json`), 'wx');
    try {
      await fh.writeFile(`${JSON.stringify({ atMs: now, ...r })}\n`);
      await fh.datasync();
    } finally {
      await fh.close();
    }
  }
}
