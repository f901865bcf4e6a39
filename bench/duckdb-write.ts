// DuckDB write throughput for pack readings: the store's hot path at several batch sizes, with
// redeliveries, and the idempotent alternatives it was chosen over. Prints rows/s medians of 5 runs.
//   node --import tsx bench/duckdb-write.ts [--preload 1000000] [--rows 100000] [--runs 5]
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { VARCHAR, version as duckdbVersion } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PackReading } from '../domain/readings.ts';
import { DuckTelemetryStore, openDuckDb } from '../store/duckdb/index.ts';
import type { DuckDb } from '../store/duckdb/index.ts';
import { PACK_TABLE, TELEMETRY_MIGRATIONS } from '../store/duckdb/telemetry-schema.ts';
import type { TableSpec } from '../store/duckdb/telemetry-schema.ts';
import { appendRows } from '../store/duckdb/table-sink.ts';

const { values: args } = parseArgs({
  options: {
    preload: { type: 'string', default: '1000000' },
    rows: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
  },
});
const PRELOAD = Number(args.preload);
const ROWS = Number(args.rows);
const RUNS = Number(args.runs);
const PACKS = 10_000;
const BASE_MS = Date.UTC(2026, 3, 1);

/** Measured readings: PACKS packs in turn, one ms apart, after the preloaded history. */
class Readings {
  private n = 0;
  private readonly seqs = new Array<number>(PACKS).fill(0);
  next(count: number): PackReading[] {
    const out: PackReading[] = [];
    for (let i = 0; i < count; i++, this.n++) {
      const p = this.n % PACKS;
      const at = BASE_MS + PRELOAD + this.n;
      out.push({
        packId: `pack-${String(p).padStart(6, '0')}`, bootId: 1000 + p, seq: ++this.seqs[p]!, atMs: at, receivedAtMs: at + 40,
        clockSuspect: false, firmware: 'pack-fw 2.4.1', socPct: 20 + (this.n % 80) + 0.5, voltageMv: 3700 + (this.n % 400),
        currentMa: -800 + (this.n % 1600), tempC: 21.25 + (this.n % 20), cycles: 100 + (p % 400), sohPct: 96.5, state: 2, faultFlags: 0,
        latE7: p % 3 ? 515_000_000 + p : null, lonE7: p % 3 ? -1_200_000 - p : null, accuracyM: p % 3 ? 50 : null,
      });
    }
    return out;
  }
}

/** History older than the measured rows, of other packs, inserted in bulk so the key index is not empty. */
async function preload(c: DuckDBConnection): Promise<void> {
  if (PRELOAD === 0) return;
  await c.run(`INSERT INTO pack_readings SELECT 'old-' || (i % ${PACKS}) || '/1/' || (i // ${PACKS}), 'old-' || (i % ${PACKS}), 1, i // ${PACKS}, ${BASE_MS} + i, ${BASE_MS} + i + 40, false,
    'pack-fw 2.4.0', 50.5, 3800, -500, 25.25, 100, 97.0, 2, 0, 515000000, -1200000, 50 FROM range(${PRELOAD}) r(i)`);
  await c.run('CHECKPOINT');
}

/** The alternatives append whole rows, rk included (the store computes rk in SQL instead). */
const WITH_KEY: TableSpec<PackReading> = { ...PACK_TABLE, columns: [{ name: 'rk', type: VARCHAR, get: PACK_TABLE.key }, ...PACK_TABLE.columns] };

type WriteFn = (rows: PackReading[]) => Promise<void>;
interface Setup { write: WriteFn; close(): Promise<void> }

async function rawTable(withKey: boolean): Promise<{ db: DuckDb; c: DuckDBConnection; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cf-bench-duck-'));
  const db = await openDuckDb(join(dir, 'bench.duckdb'));
  const conn = await db.connect();
  const c = await conn.exclusive(async (raw) => raw);
  let ddl = TELEMETRY_MIGRATIONS[0]!.statements[0]!;
  if (!withKey) ddl = ddl.replace('rk VARCHAR PRIMARY KEY', 'rk VARCHAR NOT NULL');
  await c.run(ddl);
  await preload(c);
  await c.run(`CREATE TEMP TABLE stage AS SELECT * FROM pack_readings LIMIT 0`);
  return { db, c, dir };
}

const setups: Record<string, () => Promise<Setup>> = {
  /** The store as shipped: append into the keyed table, exact path on a conflict. */
  async store() {
    const dir = mkdtempSync(join(tmpdir(), 'cf-bench-duck-'));
    const db = await openDuckDb(join(dir, 'bench.duckdb'));
    const store = new DuckTelemetryStore(db);
    await store.open();
    const side = await db.connect();
    await side.exclusive(preload);
    await side.close();
    return {
      write: async (rows) => void (await store.writeBatch({ packs: rows, kiosks: [], events: [] })),
      close: async () => {
        await store.close();
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  /** Alternative: PRIMARY KEY, appender into a temp staging table, INSERT OR IGNORE. */
  async 'alt:stage+insert-or-ignore'() {
    const { db, c, dir } = await rawTable(true);
    const stage = await c.createAppender('stage', 'main', 'temp');
    return {
      write: async (rows) => {
        await c.run('BEGIN');
        appendRows(stage, WITH_KEY, rows);
        await c.run('INSERT OR IGNORE INTO pack_readings SELECT * FROM temp.main.stage');
        await c.run('DELETE FROM temp.main.stage');
        await c.run('COMMIT');
      },
      close: async () => closeRaw(db, dir, stage),
    };
  },
  /** Alternative: PRIMARY KEY, appender into a temp staging table, plain INSERT (index work off the JS thread). */
  async 'alt:stage+insert'() {
    const { db, c, dir } = await rawTable(true);
    const stage = await c.createAppender('stage', 'main', 'temp');
    return {
      write: async (rows) => {
        await c.run('BEGIN');
        appendRows(stage, WITH_KEY, rows);
        await c.run('INSERT INTO pack_readings SELECT * FROM temp.main.stage');
        await c.run('DELETE FROM temp.main.stage');
        await c.run('COMMIT');
      },
      close: async () => closeRaw(db, dir, stage),
    };
  },
  /** Alternative: no index; staged rows deduplicated, then an anti-join against the table. */
  async 'alt:stage+anti-join'() {
    const { db, c, dir } = await rawTable(false);
    const stage = await c.createAppender('stage', 'main', 'temp');
    return {
      write: async (rows) => {
        await c.run('BEGIN');
        appendRows(stage, WITH_KEY, rows);
        await c.run(`INSERT INTO pack_readings SELECT s.* FROM (SELECT DISTINCT ON (rk) * FROM temp.main.stage) s
          WHERE NOT EXISTS (SELECT 1 FROM pack_readings p WHERE p.rk = s.rk)`);
        await c.run('DELETE FROM temp.main.stage');
        await c.run('COMMIT');
      },
      close: async () => closeRaw(db, dir, stage),
    };
  },
  /** Alternative: appender straight into the keyed table, no fallback (fails on any duplicate). */
  async 'alt:append-into-keyed-table'() {
    const { db, c, dir } = await rawTable(true);
    const appender = await c.createAppender('pack_readings');
    return {
      write: async (rows) => {
        await c.run('BEGIN');
        appendRows(appender, WITH_KEY, rows);
        await c.run('COMMIT');
      },
      close: async () => closeRaw(db, dir, appender),
    };
  },
};

async function closeRaw(db: DuckDb, dir: string, appender: { closeSync(): void }): Promise<void> {
  appender.closeSync();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}

interface Case { name: string; setup: string; batch: number; redeliverPct: number }
const cases: Case[] = [
  { name: 'store, batch 500', setup: 'store', batch: 500, redeliverPct: 0 },
  { name: 'store, batch 2000', setup: 'store', batch: 2000, redeliverPct: 0 },
  { name: 'store, batch 5000', setup: 'store', batch: 5000, redeliverPct: 0 },
  { name: 'store, batch 20000 (CF_STORE_BATCH_MAX)', setup: 'store', batch: 20_000, redeliverPct: 0 },
  { name: 'store, batch 2000, 1% redelivered', setup: 'store', batch: 2000, redeliverPct: 1 },
  { name: 'alt: PK + staged INSERT OR IGNORE, batch 2000', setup: 'alt:stage+insert-or-ignore', batch: 2000, redeliverPct: 0 },
  { name: 'alt: PK + staged plain INSERT (no dedup), batch 2000', setup: 'alt:stage+insert', batch: 2000, redeliverPct: 0 },
  { name: 'alt: no index + staged anti-join, batch 2000', setup: 'alt:stage+anti-join', batch: 2000, redeliverPct: 0 },
  { name: 'alt: appender into PK table (no fallback), batch 2000', setup: 'alt:append-into-keyed-table', batch: 2000, redeliverPct: 0 },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

interface Running { c: Case; s: Setup; gen: Readings; previous: PackReading[]; perRun: number[]; batchMs: number[]; elu: number[]; cpuUsPerRow: number[]; jsUsPerRow: number[] }

/** Makes one run's batches: fresh readings, plus some of the previous batch again (a reconnect). */
function batchesFor(r: Running, rows: number): PackReading[][] {
  const out: PackReading[][] = [];
  for (let n = 0; n < rows; n += r.c.batch) {
    const fresh = r.gen.next(Math.min(r.c.batch, rows - n));
    const again = r.previous.slice(0, Math.round((r.c.batch * r.c.redeliverPct) / 100));
    out.push([...fresh.slice(0, fresh.length - again.length), ...again]);
    r.previous = fresh;
  }
  return out;
}

async function timedRun(r: Running): Promise<void> {
  const batches = batchesFor(r, ROWS);
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const b of batches) {
    const tb = performance.now();
    await r.s.write(b);
    r.batchMs.push(performance.now() - tb);
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const elu = performance.eventLoopUtilization(elu0);
  r.perRun.push(ROWS / (wallMs / 1000));
  r.elu.push(elu.utilization);
  // CPU time is what a noisy neighbour distorts least: all threads, and the JS thread alone.
  r.cpuUsPerRow.push((cpu.user + cpu.system) / ROWS);
  r.jsUsPerRow.push((elu.active * 1000) / ROWS);
}

function report(r: Running): void {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(9);
  const m = median(r.perRun);
  console.log(
    `${r.c.name.padEnd(56)} median ${fmt(m)} rows/s  (min ${fmt(Math.min(...r.perRun))}, max ${fmt(Math.max(...r.perRun))})  ` +
      `batch p50 ${median(r.batchMs).toFixed(1)} ms, p99 ${pct(r.batchMs, 0.99).toFixed(1)} ms; CPU ${median(r.cpuUsPerRow).toFixed(1)} us/row, ` +
      `of it JS thread ${median(r.jsUsPerRow).toFixed(1)} us/row`,
  );
}

console.log(`DuckDB ${duckdbVersion()} on ${availableParallelism()} cores, node ${process.version}; ${PRELOAD.toLocaleString('en-US')} rows preloaded, ` +
  `${RUNS} runs of ${ROWS.toLocaleString('en-US')} rows per case. One stage alone (the store behind the log): an upper bound for that stage, not an ingest figure; the readings/s target is end to end (npm run bench -- ingest)`);
const chosen = cases.filter((c) => !args.only || c.name.includes(args.only) || c.setup.includes(args.only));
const running: Running[] = [];
for (const c of chosen) running.push({ c, s: await setups[c.setup]!(), gen: new Readings(), previous: [], perRun: [], batchMs: [], elu: [], cpuUsPerRow: [], jsUsPerRow: [] });
try {
  // Warm up (JIT, appenders), then interleave the runs so that a noisy neighbour hits every case alike.
  for (const r of running) for (const b of batchesFor(r, Math.min(ROWS, 10 * r.c.batch))) await r.s.write(b);
  for (let run = 0; run < RUNS; run++) for (const r of running) await timedRun(r);
  for (const r of running) report(r);
} finally {
  for (const r of running) await r.s.close();
}
