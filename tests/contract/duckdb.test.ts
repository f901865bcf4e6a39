// The TelemetryStore contract on DuckDB in a temp dir, plus what only the embedded store promises:
// data survives reopen and kill -9 after an acknowledged write, the file is one writer's, and the
// fast and exact write paths agree.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { isCfError } from '../../domain/errors.ts';
import pino from 'pino';
import { DuckTelemetryStore, openDuckDb, duckDbPath } from '../../store/duckdb/index.ts';
import { DuckTelemetryThread } from '../../store/duckdb/telemetry-thread.ts';
import { createLoggedStore } from '../../store/log/logged-store.ts';
import { telemetryStoreContract } from './telemetry-store.suite.ts';
import { HOUR, T0, event, kiosk, pack } from './telemetry-fixtures.ts';

const logger = pino({ level: 'silent' });
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cf-duck-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

telemetryStoreContract('duckdb (own file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-duck-contract-'));
  const store = new DuckTelemetryStore(duckDbPath(dir));
  return {
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

telemetryStoreContract('duckdb (shared DuckDb handle)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-duck-contract-'));
  const db = await openDuckDb(duckDbPath(dir));
  const store = new DuckTelemetryStore(db);
  return {
    store,
    async cleanup() {
      await store.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

telemetryStoreContract('duckdb on its worker thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-duck-contract-'));
  const store = new DuckTelemetryThread({ path: join(dir, 'telemetry.duckdb'), logger });
  return {
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

// Behind the log, the store writer never runs during the suite (it waits a minute for a full
// batch): every read is answered from the log's unstored tail merged with an empty store.
telemetryStoreContract(
  'duckdb behind the log, read before anything is stored (the unstored tail)',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-duck-contract-'));
    const store = createLoggedStore(new DuckTelemetryThread({ path: join(dir, 'telemetry.duckdb'), logger }), {
      dir: join(dir, 'log'), maxBytes: 256 * 1024 * 1024, logger, remote: false, batchReadings: 10_000_000, flushIntervalMs: 60_000,
    });
    return {
      store,
      async cleanup() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { countsStoredDuplicates: false },
);

// And writing as fast as it can: reads race the writer, some rows stored, some still in the tail.
telemetryStoreContract(
  'duckdb behind the log, read while the store writer runs',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-duck-contract-'));
    const store = createLoggedStore(new DuckTelemetryThread({ path: join(dir, 'telemetry.duckdb'), logger }), {
      dir: join(dir, 'log'), maxBytes: 256 * 1024 * 1024, logger, remote: false, batchReadings: 3, flushIntervalMs: 0,
    });
    return {
      store,
      async cleanup() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { countsStoredDuplicates: false },
);

const all = { fromMs: T0 - HOUR, toMs: T0 + 100 * HOUR, limit: 100_000 };

describe('DuckDB telemetry store', () => {
  it('finds every committed reading after the file is closed and opened again', async () => {
    const path = duckDbPath(tempDir());
    const first = new DuckTelemetryStore(path);
    await first.open();
    const r = pack('p-reopen', 1, T0);
    const k = kiosk('k-reopen', 1, T0);
    const e = event('k-reopen', 2, T0 + 1);
    await first.writeBatch({ packs: [r], kiosks: [k], events: [e] });
    await first.close();

    const second = new DuckTelemetryStore(path);
    await second.open();
    expect(await second.packReadings('p-reopen', all)).toEqual([r]);
    expect(await second.kioskReadings('k-reopen', all)).toEqual([k]);
    expect(await second.kioskEvents('k-reopen', all)).toEqual([e]);
    expect(await second.writeBatch({ packs: [r], kiosks: [k], events: [e] })).toEqual({ written: 0, duplicates: 3 });
    await second.close();
  });

  it('loses no acknowledged batch when the writing process is killed with SIGKILL', async () => {
    const path = duckDbPath(tempDir());
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'duckdb-ack-writer.ts'), path, 'p-crash'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let acked = 0;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`child acked only ${acked} readings in 20 s`)), 20_000);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const m = /^acked (\d+)$/.exec(line);
        if (m) acked = Number(m[1]);
        if (acked >= 20 * 500) {
          clearTimeout(deadline);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    child.kill('SIGKILL'); // mid-stream: a batch is usually in flight
    await exited;

    const store = new DuckTelemetryStore(path);
    await store.open();
    const rows = await store.packReadings('p-crash', { fromMs: 0, toMs: Date.UTC(2027, 0, 1), limit: 10_000_000 });
    expect(rows.length).toBeGreaterThanOrEqual(acked);
    // Every acknowledged seq is there, in one unbroken run: no hole, no duplicate.
    expect(acked).toBeGreaterThan(0); // .every below is vacuous over nothing
    expect(rows.slice(0, acked).every((r, i) => r.seq === i + 1)).toBe(true);
    expect(rows.length % 500).toBe(0); // whole batches only: a transaction is all or nothing
    await store.close();
  });

  it('refuses a second process on the same file with CF_ERR_STORE_UNAVAILABLE', async () => {
    const path = duckDbPath(tempDir());
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'duckdb-ack-writer.ts'), path, 'p-lock', '1000000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await new Promise<void>((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error('child did not open the store in 20 s')), 20_000);
        createInterface({ input: child.stdout! }).on('line', (line) => {
          if (line === 'open') {
            clearTimeout(deadline);
            resolve();
          }
        });
      });
      const err = await openDuckDb(path).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isCfError(err) && err.code).toBe('CF_ERR_STORE_UNAVAILABLE');
      expect(String((err as Error).message)).toMatch(/in use by another process/);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  });

  it('serialises concurrent batches and checks only the rows that may be redeliveries', async () => {
    const store = new DuckTelemetryStore(duckDbPath(tempDir()));
    await store.open();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, b) => store.writeBatch({ packs: Array.from({ length: 100 }, (_, i) => pack('p-conc', b * 100 + i + 1, T0 + b * 100 + i)), kiosks: [], events: [] })),
    );
    expect(results.length).toBeGreaterThan(0); // .every below is vacuous over nothing
    expect(results.every((r) => r.written === 100 && r.duplicates === 0)).toBe(true);
    expect(store.writerStats()).toEqual({ fastBatches: 20, exactBatches: 0, conflicts: 0, suspectRows: 0 });

    // seq 1995..2000 are at or below the committed watermark (2000): checked; 2001..2004 appended.
    const overlap = Array.from({ length: 10 }, (_, i) => pack('p-conc', 1995 + i, T0 + 1994 + i));
    expect(await store.writeBatch({ packs: overlap, kiosks: [], events: [] })).toEqual({ written: 4, duplicates: 6 });
    expect(store.writerStats()).toEqual({ fastBatches: 21, exactBatches: 0, conflicts: 0, suspectRows: 6 });
    const rows = await store.packReadings('p-conc', all);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 2004 }, (_, i) => i + 1));
    await store.close();
  });

  it('knows the newest committed readings after a reopen, so their redeliveries are checked, not appended', async () => {
    const path = duckDbPath(tempDir());
    const first = new DuckTelemetryStore(path);
    await first.open();
    const rows = [pack('p-seed', 1, T0), pack('p-seed', 2, T0 + 1)];
    const k = kiosk('k-seed', 9, T0);
    await first.writeBatch({ packs: rows, kiosks: [k], events: [] });
    await first.close();

    const second = new DuckTelemetryStore(path);
    await second.open();
    expect(await second.writeBatch({ packs: [...rows, pack('p-seed', 3, T0 + 2)], kiosks: [k], events: [] })).toEqual({ written: 1, duplicates: 3 });
    expect(second.writerStats()).toEqual({ fastBatches: 1, exactBatches: 0, conflicts: 0, suspectRows: 3 });
    await second.close();
  });

  it('computes the same key in SQL as in JS, up to the largest boot id and seq', async () => {
    const store = new DuckTelemetryStore(duckDbPath(tempDir()), { maxWatermarks: 0 });
    await store.open();
    const edge = [pack('p-edge', Number.MAX_SAFE_INTEGER, T0, { bootId: 4_294_967_295 }), pack('p-edge', 0, T0, { bootId: 0 })];
    expect(await store.writeBatch({ packs: edge, kiosks: [], events: [] })).toEqual({ written: 2, duplicates: 0 });
    await store.writeBatch({ packs: [pack('p-other', 1, T0)], kiosks: [], events: [] }); // forget p-edge's watermark
    // Looked up by the JS key: a mismatch with the stored key would append, and then duplicate.
    expect(await store.writeBatch({ packs: edge, kiosks: [], events: [] })).toEqual({ written: 0, duplicates: 2 });
    expect(await store.packReadings('p-edge', all)).toEqual([edge[1], edge[0]]); // same time: seq 0 first
    await store.close();
  });

  it('rolls back and writes the whole batch exactly when an appended row turns out to be stored', async () => {
    // No room for watermarks: each batch forgets the devices of the one before.
    const store = new DuckTelemetryStore(duckDbPath(tempDir()), { maxWatermarks: 0 });
    await store.open();
    await store.writeBatch({ packs: [pack('p-forgot', 1, T0)], kiosks: [], events: [event('k-forgot', 1, T0)] });
    await store.writeBatch({ packs: [pack('p-other', 1, T0)], kiosks: [], events: [] });
    const again = { packs: [pack('p-forgot', 2, T0 + 1), pack('p-forgot', 1, T0)], kiosks: [], events: [event('k-forgot', 1, T0), event('k-forgot', 2, T0 + 1)] };
    expect(await store.writeBatch(again)).toEqual({ written: 2, duplicates: 2 });
    expect(store.writerStats()).toMatchObject({ exactBatches: 1, conflicts: 1 });
    expect((await store.packReadings('p-forgot', all)).map((r) => r.seq)).toEqual([1, 2]);
    expect((await store.kioskEvents('k-forgot', all)).map((r) => r.seq)).toEqual([1, 2]);
    // The appenders failed with the conflict: the next batch must still take the fast path.
    expect(await store.writeBatch({ packs: [pack('p-forgot', 3, T0 + 2)], kiosks: [], events: [] })).toEqual({ written: 1, duplicates: 0 });
    expect(store.writerStats()).toMatchObject({ fastBatches: 3, exactBatches: 1, conflicts: 1 });
    await store.close();
  });

  it('refuses a batch with a value that does not fit its column, writes none of it, and keeps working', async () => {
    const store = new DuckTelemetryStore(duckDbPath(tempDir()), { nowMs: () => T0 });
    await store.open();
    const good = pack('p-bad', 1, T0);
    for (const bad of [pack('p-bad', 2, T0 + 1, { voltageMv: -5 }), pack('p-bad', 3, T0 + 2, { cycles: 1.5 }), { ...pack('p-bad', 4, T0 + 3), firmware: null as unknown as string }]) {
      const err = await store.writeBatch({ packs: [good, bad], kiosks: [], events: [] }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isCfError(err) && err.code).toBe('CF_ERR_STORE_REJECTED');
      expect(isCfError(err) && err.canRetry()).toBe(false);
    }
    expect(store.health()).toMatchObject({ kind: 'duckdb', ok: true, lastErrorAtMs: T0, writeFailures: 3 });
    expect(await store.packReadings('p-bad', all)).toEqual([]);
    expect(await store.writeBatch({ packs: [good], kiosks: [], events: [] })).toEqual({ written: 1, duplicates: 0 });
    expect(await store.packReadings('p-bad', all)).toEqual([good]);
    await store.close();
  });

  it('reports itself unavailable, not the data refused, once its database is closed under it', async () => {
    const db = await openDuckDb(duckDbPath(tempDir()));
    const store = new DuckTelemetryStore(db, { nowMs: () => T0 });
    await store.open();
    await db.close();
    const err = await store.writeBatch({ packs: [pack('p-gone', 1, T0)], kiosks: [], events: [] }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isCfError(err) && err.code).toBe('CF_ERR_STORE_UNAVAILABLE');
    expect(store.health()).toMatchObject({ ok: false, writeFailures: 1 });
    await store.close();
  });
});
