// Ships the spool to the remote store in order: a batch of up to `batchReadings` (or whatever
// waited `flushIntervalMs`), retried with backoff until the remote confirms, and only then removed.
import type { Logger } from 'pino';
import type { Clock } from '../../domain/clock.ts';
import { isCfError } from '../../domain/errors.ts';
import type { TelemetryBatch, TelemetryStore } from '../telemetry-store.ts';
import { backoffDelayMs, type BackoffOptions } from './backoff.ts';
import type { ScannedRecord } from './record-format.ts';
import type { Peeked, SpoolLog } from './spool-log.ts';

export interface ShipperOptions {
  log: SpoolLog;
  remote: TelemetryStore;
  batchReadings: number;
  flushIntervalMs: number;
  backoff: BackoffOptions;
  random: () => number;
  clock: Clock;
  logger: Logger;
  /** Keeps readings the remote refused outright (HTTP 400/422), or records that do not decode, for diagnosis. */
  quarantine: (q: Quarantined) => Promise<void>;
  /** After each confirmed batch (for drain waiters). */
  onShipped: () => void;
}

export interface Quarantined {
  error: string;
  /** The refused readings, found by bisecting the batch. */
  batch?: TelemetryBatch;
  /** Records whose payload did not decode. */
  raw?: string[];
}

function size(b: TelemetryBatch): number {
  return b.packs.length + b.kiosks.length + b.events.length;
}

/** Splits a batch into two halves by reading count (packs, then kiosks, then events). */
export function halves(b: TelemetryBatch): [TelemetryBatch, TelemetryBatch] {
  let left = Math.floor(size(b) / 2);
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

export function decodeRecords(records: ScannedRecord[]): TelemetryBatch {
  const out: TelemetryBatch = { packs: [], kiosks: [], events: [] };
  for (const r of records) {
    const b = JSON.parse(r.payload.toString('utf8')) as Partial<TelemetryBatch>;
    for (const p of b.packs ?? []) out.packs.push(p);
    for (const k of b.kiosks ?? []) out.kiosks.push(k);
    for (const e of b.events ?? []) out.events.push(e);
  }
  return out;
}

export class Shipper {
  /** Ship attempts that failed (every one counted, retried or not). */
  failures = 0;
  /** Failed attempts in a row, reset by a success; drives the backoff. */
  consecutiveFailures = 0;
  shippedReadings = 0;
  shippedBatches = 0;
  quarantinedReadings = 0;
  lastError: string | null = null;
  lastErrorAtMs: number | null = null;
  /** Delay of the backoff in progress, for tests and health. */
  retryDelayMs = 0;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wake: { onData: boolean; fire: () => void } | null = null;

  constructor(private readonly o: ShipperOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** New durable records: ends a wait for data (never a backoff). */
  notify(): void {
    if (this.wake?.onData) this.wake.fire();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.fire();
    await this.loop;
  }

  private sleep(ms: number, onData: boolean): Promise<void> {
    return new Promise((resolve) => {
      const fire = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(fire, ms);
      this.wake = { onData, fire };
    });
  }

  private async run(): Promise<void> {
    let windowStartMs: number | null = null;
    // Bounded: each pass either ships, fails into a backoff sleep, or sleeps waiting for data.
    while (!this.stopped) {
      if (this.o.log.depth === 0) {
        windowStartMs = null;
        await this.sleep(60_000, true);
        continue;
      }
      if (this.o.log.depth < this.o.batchReadings && this.consecutiveFailures === 0) {
        // A partial batch waits up to flushIntervalMs for company (fewer, larger writes).
        windowStartMs ??= Date.now();
        const leftMs = windowStartMs + this.o.flushIntervalMs - Date.now();
        if (leftMs > 0) {
          await this.sleep(leftMs, true);
          continue;
        }
      }
      windowStartMs = null;
      try {
        await this.shipOnce();
      } catch (err) {
        await this.fail(err as Error);
      }
    }
  }

  private async shipOnce(): Promise<void> {
    const peeked = await this.o.log.peek(this.o.batchReadings);
    if (!peeked) {
      // Counted depth but nothing readable yet: do not spin; wait for the next commit.
      await this.sleep(100, true);
      return;
    }
    let batch: TelemetryBatch;
    try {
      batch = decodeRecords(peeked.records);
    } catch (err) {
      await this.reject(peeked, { error: `undecodable spool records: ${(err as Error).message}`, raw: peeked.records.map((r) => r.payload.toString('utf8')) });
      return;
    }
    const refused: TelemetryBatch = { packs: [], kiosks: [], events: [] };
    let refusal = '';
    try {
      refusal = await this.ship(batch, refused);
    } catch (err) {
      await this.fail(err as Error);
      return;
    }
    if (size(refused) > 0) {
      await this.reject(peeked, { error: refusal, batch: refused });
      return;
    }
    await this.o.log.confirm(peeked);
    if (this.consecutiveFailures > 0) {
      this.o.logger.info({ afterFailures: this.consecutiveFailures, depth: this.o.log.depth }, 'spool: shipping again');
    }
    this.consecutiveFailures = 0;
    this.retryDelayMs = 0;
    this.shippedReadings += peeked.readings;
    this.shippedBatches++;
    this.o.onShipped();
  }

  /**
   * Writes a batch. When the remote refuses the data itself, bisects to find the refused readings
   * (collected in `refused`) so one bad reading does not take its batch-mates with it. Any other
   * error propagates: the whole peeked run is retried, which is safe because writes are idempotent.
   */
  private async ship(batch: TelemetryBatch, refused: TelemetryBatch): Promise<string> {
    try {
      await this.o.remote.writeBatch(batch);
      return '';
    } catch (err) {
      if (!(isCfError(err) && err.code === 'CF_ERR_STORE_REJECTED')) throw err;
      if (size(batch) <= 1) {
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

  private async fail(err: Error): Promise<void> {
    this.failures++;
    this.consecutiveFailures++;
    this.lastError = err.message;
    this.lastErrorAtMs = this.o.clock.now();
    const details = isCfError(err) ? (err.details as { retryAfterMs?: number } | undefined) : undefined;
    this.retryDelayMs = backoffDelayMs(this.consecutiveFailures, this.o.backoff, this.o.random, details?.retryAfterMs ?? 0);
    // One line per attempt: the backoff bounds the rate (at most one per maxMs once it saturates).
    this.o.logger.warn({ err: err.message, attempt: this.consecutiveFailures, retryInMs: this.retryDelayMs, depth: this.o.log.depth }, 'spool: ship failed');
    await this.sleep(this.retryDelayMs, false);
  }

  /** The remote refused some data itself: keep it in quarantine, count it, confirm the run. */
  private async reject(peeked: Peeked, q: Quarantined): Promise<void> {
    this.failures++;
    this.lastError = q.error;
    this.lastErrorAtMs = this.o.clock.now();
    try {
      await this.o.quarantine(q);
    } catch (qErr) {
      // Cannot keep it for diagnosis: do not drop it either; retry like any failure.
      await this.fail(qErr as Error);
      return;
    }
    const count = q.batch ? size(q.batch) : peeked.readings;
    this.quarantinedReadings += count;
    this.shippedReadings += peeked.readings - count;
    this.o.logger.error({ err: q.error, readings: count }, 'spool: remote refused readings; quarantined');
    await this.o.log.confirm(peeked);
    this.consecutiveFailures = 0;
    this.o.onShipped();
  }
}
