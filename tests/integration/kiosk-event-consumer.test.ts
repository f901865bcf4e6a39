// Custody's consumer of the log, on a real file log: a failing tracker is retried from the cursor
// on the backoff schedule (fake timers), later entries wait behind the failing one (order per
// kiosk holds), nothing moves the cursor until the tracker succeeded, and a restart in the middle
// replays what was not applied.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskEventRecord, KioskReading } from '../../domain/readings.ts';
import { CUSTODY_CONSUMER, kioskEventConsumer } from '../../ingest/kiosk-event-consumer.ts';
import { FileDurableLog } from '../../store/log/file-log.ts';
import type { LogConsumer } from '../../store/log/log-consumer.ts';
import { metaOf, telemetryCodec } from '../../store/log/telemetry-codec.ts';
import type { TelemetryBatch } from '../../store/telemetry-store.ts';

const logger = pino({ level: 'silent' });
let dir: string;
let log: FileDurableLog<TelemetryBatch>;
let consumer: LogConsumer<TelemetryBatch> | null = null;

const ev = (seq: number): KioskEventRecord => ({
  kioskId: 'k1', bootId: 1, seq, atMs: 1000 + seq, receivedAtMs: 2000 + seq, clockSuspect: false, type: 'pack_inserted', slot: seq % 4, packId: `p${seq}`, commandId: '', requestId: '', detail: '',
});

async function openLog(): Promise<FileDurableLog<TelemetryBatch>> {
  log = new FileDurableLog<TelemetryBatch>({ dir, codec: telemetryCodec, consumers: ['store', CUSTODY_CONSUMER], maxBytes: 1 << 24, logger, cursorSyncMs: 1 });
  await log.open();
  return log;
}
const append = async (...events: KioskEventRecord[]) => {
  const b: TelemetryBatch = { packs: [], kiosks: [], events };
  await log.append(b, metaOf(b, 0));
};

/** Lets real fs I/O run without moving fake time. */
async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

/** A tracker that fails its first `failures` calls, and records what it applied. */
function tracker(failures: number) {
  const applied: number[] = [];
  let calls = 0;
  return {
    applied,
    calls: () => calls,
    onCommitted: async (b: { kiosks: KioskReading[]; events: KioskEventRecord[] }) => {
      calls++;
      if (calls <= failures) throw new Error(`registry down (call ${calls})`);
      for (const e of b.events) applied.push(e.seq);
    },
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cf-custody-consumer-'));
});
afterEach(async () => {
  vi.useRealTimers();
  await consumer?.stop();
  consumer = null;
  await log?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('custody consumer of the log', () => {
  it('retries a failing tracker from its cursor on the backoff schedule, then applies every event once, in order', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await openLog();
    await append(ev(1), ev(2));
    const t = tracker(3);
    consumer = kioskEventConsumer({ log, onCommitted: t.onCommitted, logger, random: () => 0, backoff: { initialMs: 100, maxMs: 10_000, factor: 2, jitter: 0 } });
    consumer.start();
    await until(() => t.calls() === 1, 'first attempt');
    await append(ev(3)); // arrives while the first entry is failing: it must wait behind it
    for (const [call, delay] of [[2, 100], [3, 200], [4, 400]] as const) {
      expect(log.cursor(CUSTODY_CONSUMER)).toBe(log.cursor('store')); // not moved while failing
      await vi.advanceTimersByTimeAsync(delay - 1);
      for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
      expect(t.calls()).toBe(call - 1); // not a moment early
      await vi.advanceTimersByTimeAsync(1);
      await until(() => t.calls() === call, `attempt ${call}`);
    }
    await until(() => t.applied.length === 3, 'all applied');
    expect(t.applied).toEqual([1, 2, 3]);
    expect(consumer).toMatchObject({ failures: 3, consecutiveFailures: 0, lastError: 'registry down (call 3)' });
    expect(log.lag(CUSTODY_CONSUMER)).toEqual({ readings: 0, oldestAtMs: null });
  });

  it('replays what was not applied after a restart, and not what was', async () => {
    await openLog();
    const first = tracker(0);
    consumer = kioskEventConsumer({ log, onCommitted: first.onCommitted, logger });
    consumer.start();
    await append(ev(1));
    await until(() => first.applied.length === 1, 'first applied');
    await consumer.stop();
    // Down while these come in: they are durable in the log, acknowledged, not applied.
    const down = tracker(1_000_000);
    consumer = kioskEventConsumer({ log, onCommitted: down.onCommitted, logger, backoff: { initialMs: 5, maxMs: 5 } });
    consumer.start();
    await append(ev(2), ev(3));
    await until(() => down.calls() >= 2, 'failing attempts');
    await consumer.stop();
    consumer = null;
    await log.close();

    await openLog();
    const after = tracker(0);
    consumer = kioskEventConsumer({ log, onCommitted: after.onCommitted, logger });
    consumer.start();
    await until(() => after.applied.length === 2, 'replayed');
    expect(after.applied).toEqual([2, 3]);
  });
});
