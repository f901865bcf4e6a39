// InfluxDB write path, stage by stage: log append+fsync throughput (what a PUBACK waits for), log ->
// InfluxDB writing with the backlog over time, and the store's direct writes. Medians of runs. Each
// is one stage alone, an upper bound for it; the readings/s target is end to end (bench: ingest).
//   node --import tsx bench/influx-write.ts [--readings 100000] [--runs 3] [--batch 200] [--writers 8]
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { PackReading } from '../domain/readings.ts';
import { createInfluxTelemetryStore } from '../store/influx/influx-store.ts';
import { createLoggedStore } from '../store/log/logged-store.ts';
import { influxdVersion, influxSkipReason, startInflux, type InfluxServer } from '../tests/helpers/influx-server.ts';

const { values: args } = parseArgs({
  options: {
    readings: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '3' },
    batch: { type: 'string', default: '200' },
    writers: { type: 'string', default: '8' },
  },
});
const READINGS = Number(args.readings);
const RUNS = Number(args.runs);
const BATCH = Number(args.batch);
const WRITERS = Number(args.writers);
const PACKS = 10_000;
const logger = pino({ level: 'silent' });

class Readings {
  private n = 0;
  private readonly seqs = new Array<number>(PACKS).fill(0);
  constructor(private readonly baseMs: number) {}
  next(count: number): PackReading[] {
    const out: PackReading[] = [];
    for (let i = 0; i < count; i++, this.n++) {
      const p = this.n % PACKS;
      const at = this.baseMs + this.n;
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

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(9);

interface RunResult { appendPerS: number; fsyncsPerS: number; bytesPerReading: number; shipPerS: number; directPerS: number; depth: string[] }

async function oneRun(srv: InfluxServer, run: number): Promise<RunResult> {
  const db = `${srv.db}_run${run}`;
  await srv.createDatabase(db);
  const dir = mkdtempSync(join(tmpdir(), 'cf-bench-spool-'));
  const gen = new Readings(Date.UTC(2026, 3, 1) + run * 86_400_000);
  try {
    // 1. Append: the remote is unreachable, so the store writer only backs off and every cycle is the log's.
    const down = createInfluxTelemetryStore({ url: 'http://127.0.0.1:9', token: '', org: 'cf', bucket: db, logger });
    const spool = createLoggedStore(down, { dir, maxBytes: 4 * 1024 ** 3, logger, backoff: { initialMs: 60_000, maxMs: 60_000 } });
    await spool.open();
    const batches = Array.from({ length: Math.ceil(READINGS / BATCH) }, () => gen.next(BATCH));
    let next = 0;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: WRITERS }, async () => {
      for (let b = next++; b < batches.length; b = next++) await spool.writeBatch({ packs: batches[b]!, kiosks: [], events: [] });
    }));
    const appendS = (performance.now() - t0) / 1000;
    const st = spool.stats();
    await spool.close();

    // 2. Write behind the log: reopen on the real server; time from the end of replay to a caught-up store.
    const remote = createInfluxTelemetryStore({ url: srv.url, token: '', org: 'cf', bucket: db, logger, batchLines: 5000, flushIntervalMs: 1000 });
    const shipper = createLoggedStore(remote, { dir, maxBytes: 4 * 1024 ** 3, logger });
    await shipper.open();
    const t1 = performance.now();
    const depth: string[] = [];
    const sampler = setInterval(() => depth.push(`${((performance.now() - t1) / 1000).toFixed(1)}s:${shipper.health().spool?.depth}`), 500);
    await shipper.whenDrained(600_000);
    const shipS = (performance.now() - t1) / 1000;
    clearInterval(sampler);
    depth.push(`${shipS.toFixed(1)}s:0`);
    await shipper.close();

    // 3. Direct: the store's own writeBatch (what the log's store writer calls), 5,000 readings a call.
    const direct = createInfluxTelemetryStore({ url: srv.url, token: '', org: 'cf', bucket: db, logger, batchLines: 5000, timeoutMs: 120_000 });
    const directBatches = Array.from({ length: Math.ceil(READINGS / 5000) }, () => gen.next(5000));
    const t2 = performance.now();
    for (const b of directBatches) await direct.writeBatch({ packs: b, kiosks: [], events: [] });
    const directS = (performance.now() - t2) / 1000;
    return {
      appendPerS: READINGS / appendS, fsyncsPerS: st.fsyncs / appendS, bytesPerReading: st.bytes / READINGS,
      shipPerS: READINGS / shipS, directPerS: READINGS / directS, depth,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const skip = influxSkipReason();
if (skip) {
  console.log(`skipped: ${skip}`);
} else {
  console.log(`command: node --import tsx bench/influx-write.ts --readings ${READINGS} --runs ${RUNS} --batch ${BATCH} --writers ${WRITERS}`);
  console.log(`${influxdVersion()} (behind the v2-write test proxy) on ${availableParallelism()} cores, node ${process.version}; ` +
    `${PACKS.toLocaleString('en-US')} packs, ${RUNS} runs of ${READINGS.toLocaleString('en-US')} readings; InfluxData advises ~5,000 lines per write. ` +
    'Each line is one stage alone (an upper bound for it), not an ingest figure: the readings/s target is end to end (npm run bench -- ingest --store influx)');
  const srv = await startInflux();
  try {
    await oneRun(srv, 0); // warm-up: JIT, first shards
    const results: RunResult[] = [];
    for (let r = 1; r <= RUNS; r++) results.push(await oneRun(srv, r));
    const col = (f: (r: RunResult) => number): string => `median ${fmt(median(results.map(f)))}  (min ${fmt(Math.min(...results.map(f)))}, max ${fmt(Math.max(...results.map(f)))})`;
    console.log(`log append+fsync, ${WRITERS} writers x ${BATCH}/batch     ${col((r) => r.appendPerS)} readings/s`);
    console.log(`  group commits                          ${col((r) => r.fsyncsPerS)} fsyncs/s; ${median(results.map((r) => r.bytesPerReading)).toFixed(0)} log bytes/reading`);
    console.log(`log -> InfluxDB writing (5,000/write)    ${col((r) => r.shipPerS)} readings/s`);
    console.log(`store writeBatch direct (5,000/call)     ${col((r) => r.directPerS)} readings/s`);
    console.log(`unstored readings while writing (last run): ${results[results.length - 1]!.depth.join('  ')}`);
  } finally {
    await srv.dispose();
  }
}
