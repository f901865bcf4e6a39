// The spooled store against an in-memory remote that fails on demand: retries with backoff
// (fake timers), backpressure past the bound, quarantine of refused readings, replay at open.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CfError, isCfError } from '../../domain/errors.ts';
import type { KioskReading, PackReading } from '../../domain/readings.ts';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../../store/log/backoff.ts';
import { createLoggedStore, type LoggedTelemetryStore, type OwnLogOptions } from '../../store/log/logged-store.ts';
import type { StoreHealth, TelemetryBatch, TelemetryStore, WriteResult } from '../../store/telemetry-store.ts';

const logger = pino({ level: 'silent' });

/** Stands in for InfluxDB in these tests only; the InfluxDB tests use the real server. */
class MemoryRemote implements TelemetryStore {
  readonly kind = 'influx' as const;
  readonly rows = new Map<string, PackReading>();
  attempts = 0;
  /** Fail this many writes (or all while 'down'), with this error. */
  failNext = 0;
  down = false;
  error: () => Error = () => new CfError('CF_ERR_STORE_UNAVAILABLE', 'remote down');
  refuse: (p: PackReading) => boolean = () => false;
  async open(): Promise<void> {}
  async writeBatch(batch: TelemetryBatch): Promise<WriteResult> {
    this.attempts++;
    if (this.down || this.failNext > 0) {
      this.failNext = Math.max(0, this.failNext - 1);
      throw this.error();
    }
    if (batch.packs.some((p) => this.refuse(p))) throw new CfError('CF_ERR_STORE_REJECTED', 'field type conflict');
    for (const p of batch.packs) this.rows.set(`${p.packId}/${p.bootId}/${p.seq}`, p);
    return { written: batch.packs.length, duplicates: 0 };
  }
  async packReadings(): Promise<PackReading[]> { return []; }
  async kioskReadings(): Promise<KioskReading[]> { return []; }
  async kioskEvents(): Promise<never[]> { return []; }
  async aggregatePacks(): Promise<never[]> { return []; }
  async countEvents(): Promise<never[]> { return []; }
  async latestPacks(): Promise<PackReading[]> {
    if (this.down) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'remote down');
    return [];
  }
  async latestKiosks(): Promise<KioskReading[]> { return []; }
  health(): StoreHealth { return { kind: 'influx', ok: true, lastError: null, lastErrorAtMs: null, writeFailures: 0 }; }
  async close(): Promise<void> {}
}

function pack(packId: string, seq: number, atMs = 1_700_000_000_000 + seq): PackReading {
  return {
    packId, bootId: 1, seq, atMs, receivedAtMs: atMs + 3, clockSuspect: false, firmware: '1.0.0',
    socPct: 50, voltageMv: 3800, currentMa: -100, tempC: 25, cycles: 3, sohPct: 99, state: 2, faultFlags: 0,
    latE7: null, lonE7: null, accuracyM: null,
  };
}
const batchOf = (...packs: PackReading[]): TelemetryBatch => ({ packs, kiosks: [], events: [] });

/** Lets real fs I/O run without moving fake time: polls on setImmediate (not faked) with a deadline. */
async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

let dir: string;
let remote: MemoryRemote;
let store: LoggedTelemetryStore | null = null;

async function openStore(opts: Partial<OwnLogOptions> = {}): Promise<LoggedTelemetryStore> {
  store = createLoggedStore(remote, { dir, maxBytes: 1 << 20, logger, flushIntervalMs: 0, batchReadings: 100, random: () => 0, ...opts });
  await store.open();
  return store;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cf-spool-'));
  remote = new MemoryRemote();
});
afterEach(async () => {
  vi.useRealTimers();
  remote.down = false;
  remote.failNext = 0;
  await store?.close();
  store = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('backoff delays', () => {
  it.each([
    [1, 0, 250], [2, 0, 500], [3, 0, 1000], [8, 0, 30_000], [20, 0, 30_000],
    [1, 1, 200], [3, 0.5, 900],
  ])('retry %i with random %f waits %i ms', (attempt, random, expected) => {
    expect(backoffDelayMs(attempt, DEFAULT_BACKOFF, () => random)).toBe(expected);
  });
  it('honours a longer Retry-After from the server, capped at the max', () => {
    expect(backoffDelayMs(1, DEFAULT_BACKOFF, () => 0, 5000)).toBe(5000);
    expect(backoffDelayMs(1, DEFAULT_BACKOFF, () => 0, 600_000)).toBe(30_000);
  });
});

describe('spooled store', () => {
  it('acknowledges before shipping, then ships every reading exactly once', async () => {
    const s = await openStore();
    for (let i = 0; i < 40; i++) await s.writeBatch(batchOf(pack('P1', i), pack('P2', i)));
    await s.whenDrained(10_000);
    expect(remote.rows.size).toBe(80);
    expect(s.health()).toMatchObject({ ok: true, writeFailures: 0, spool: { depth: 0, bytes: 0, oldestUnshippedAtMs: null, backpressure: false } });
  });

  it('retries a failing remote on the backoff schedule, then drains', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    remote.failNext = 3;
    const s = await openStore();
    await s.writeBatch(batchOf(pack('P1', 1)));
    await until(() => remote.attempts === 1, 'first attempt');
    // Still taking readings (ok), while the failure and the backlog show.
    expect(s.health()).toMatchObject({ ok: true, writeFailures: 1, lastError: 'remote down', spool: { depth: 1, backpressure: false } });
    expect(s.stats().consecutiveFailures).toBe(1);
    expect(s.health().spool?.oldestUnshippedAtMs).toBe(1_700_000_000_004);

    for (const [attempt, delay] of [[2, 250], [3, 500], [4, 1000]] as const) {
      await vi.advanceTimersByTimeAsync(delay - 1);
      for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
      expect(remote.attempts).toBe(attempt - 1); // not a moment early
      await vi.advanceTimersByTimeAsync(1);
      await until(() => remote.attempts === attempt, `attempt ${attempt}`);
    }
    await until(() => s.health().spool?.depth === 0, 'drain');
    expect(remote.rows.size).toBe(1);
    expect(s.health()).toMatchObject({ ok: true, writeFailures: 3, lastError: 'remote down' });
    expect(s.stats().consecutiveFailures).toBe(0);
  });

  it('waits at least the Retry-After the remote asked for', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    remote.failNext = 1;
    remote.error = () => new CfError('CF_ERR_STORE_UNAVAILABLE', 'busy', { retryAfterMs: 5000 });
    const s = await openStore();
    await s.writeBatch(batchOf(pack('P1', 1)));
    await until(() => remote.attempts === 1, 'first attempt');
    await vi.advanceTimersByTimeAsync(4999);
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(remote.attempts).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => remote.rows.size === 1, 'retry after 5 s');
  });

  it('stops acknowledging past its bound while the remote is down, and resumes once drained', async () => {
    remote.down = true;
    const s = await openStore({ maxBytes: 8 * 1024, backoff: { initialMs: 5, maxMs: 20 } });
    let accepted = 0;
    let refusal: unknown = null;
    for (let i = 0; i < 200 && refusal === null; i++) {
      try {
        await s.writeBatch(batchOf(pack('P1', i)));
        accepted++;
      } catch (err) {
        refusal = err;
      }
    }
    expect(isCfError(refusal) && refusal.code).toBe('CF_ERR_STORE_BACKPRESSURE');
    expect(accepted).toBeGreaterThan(5);
    const h = s.health();
    expect(h).toMatchObject({ ok: false, spool: { depth: accepted, backpressure: true } });
    expect(h.spool!.bytes).toBeLessThanOrEqual(8 * 1024);
    expect(h.writeFailures).toBeGreaterThan(0);

    remote.down = false;
    await s.whenDrained(10_000);
    expect(s.health().spool).toMatchObject({ depth: 0, backpressure: false });
    // Exactly the acknowledged readings arrived; the refused one is the device's to resend.
    expect([...remote.rows.values()].map((p) => p.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: accepted }, (_, i) => i));
    await s.writeBatch(batchOf(pack('P1', 9999)));
    await s.whenDrained(10_000);
    expect(remote.rows.has('P1/1/9999')).toBe(true);
  });

  it('quarantines only the readings the remote refuses and ships their batch-mates', async () => {
    remote.refuse = (p) => p.packId === 'BAD';
    const s = await openStore({ flushIntervalMs: 50 });
    await Promise.all([
      s.writeBatch(batchOf(pack('P1', 1), pack('BAD', 2), pack('P1', 3))),
      s.writeBatch(batchOf(pack('P2', 4), pack('P2', 5))),
    ]);
    await s.whenDrained(10_000);
    expect([...remote.rows.keys()].sort()).toEqual(['P1/1/1', 'P1/1/3', 'P2/1/4', 'P2/1/5']);
    expect(s.stats().quarantinedReadings).toBe(1);
    expect(s.health().lastError).toContain('field type conflict');
    const files = readdirSync(join(dir, 'rejected'));
    expect(files).toHaveLength(1);
    const kept = JSON.parse(readFileSync(join(dir, 'rejected', files[0]!), 'utf8')) as { batch: TelemetryBatch };
    expect(kept.batch.packs.map((p) => p.packId)).toEqual(['BAD']);
  });

  it('replays unshipped readings after a restart and counts them in latestPacks before they ship', async () => {
    remote.down = true;
    const first = await openStore({ backoff: { initialMs: 5, maxMs: 20 } });
    await first.writeBatch(batchOf(pack('P1', 1), pack('P1', 2), pack('P2', 7)));
    await first.close();
    store = null;

    // Remote readable but still refusing writes: the replayed readings are live state already.
    remote.down = false;
    remote.failNext = 1_000_000;
    const second = await openStore({ backoff: { initialMs: 5, maxMs: 20 } });
    expect(second.stats().replay).toMatchObject({ readings: 3, truncatedBytes: 0 });
    expect(second.health().spool?.depth).toBe(3);
    expect((await second.latestPacks()).map((p) => [p.packId, p.seq])).toEqual([['P1', 2], ['P2', 7]]);
    remote.failNext = 0;
    await second.whenDrained(10_000);
    expect(remote.rows.size).toBe(3);
  });
});
