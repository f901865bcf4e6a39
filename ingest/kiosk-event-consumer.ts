// Custody and the kiosk ledgers consume the log behind the PUBACK: each durable batch's kiosk
// statuses and events go to the custody tracker from a durable cursor. A failure is retried from
// the cursor with backoff until it succeeds, so no event is lost; the tracker applies each event
// once by (kiosk, boot, seq), so a replay after a crash changes nothing twice.
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import type { KioskEventRecord, KioskReading } from '../domain/readings.ts';
import { DEFAULT_BACKOFF, type BackoffOptions } from '../store/log/backoff.ts';
import type { DurableLog } from '../store/log/durable-log.ts';
import { LogConsumer } from '../store/log/log-consumer.ts';
import type { TelemetryBatch } from '../store/telemetry-store.ts';

export const CUSTODY_CONSUMER = 'custody';

export interface KioskEventConsumerOptions {
  log: DurableLog<TelemetryBatch>;
  /** CustodyTracker.onCommitted: idempotent per (kiosk, boot, seq), may be retried. */
  onCommitted(batch: { kiosks: KioskReading[]; events: KioskEventRecord[] }): Promise<void>;
  logger: Logger;
  clock?: Clock;
  backoff?: Partial<BackoffOptions>;
  random?: () => number;
}

export function kioskEventConsumer(o: KioskEventConsumerOptions): LogConsumer<TelemetryBatch> {
  return new LogConsumer<TelemetryBatch>({
    log: o.log,
    name: CUSTODY_CONSUMER,
    // Entries are mostly pack readings, which this consumer skips: take many at once.
    batchReadings: 50_000,
    flushIntervalMs: 0,
    backoff: { ...DEFAULT_BACKOFF, initialMs: 100, maxMs: 10_000, ...o.backoff },
    ...(o.random ? { random: o.random } : {}),
    ...(o.clock ? { clock: o.clock } : {}),
    logger: o.logger.child({ component: 'custody-consumer' }),
    handle: async (entries) => {
      const kiosks: KioskReading[] = [];
      const events: KioskEventRecord[] = [];
      for (const { value } of entries) {
        for (const k of value.kiosks) kiosks.push(k);
        for (const e of value.events) events.push(e);
      }
      if (kiosks.length + events.length > 0) await o.onCommitted({ kiosks, events });
    },
  });
}
