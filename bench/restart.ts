// `npm run bench -- restart`: time from starting `chargefleet serve` on a data dir with a long
// history (default 50M stored readings of 100k packs, a 100k-pack registry and an unstored log
// backlog) until /healthz answers ok. Target ≤ 10 s. The data dir is built once (DuckDB bulk
// INSERT..SELECT from range(), timed and printed) and kept for later runs; each run starts from the
// same log backlog and ends with SIGKILL, so the next start also replays DuckDB's WAL, as after a crash.
import { spawn } from 'node:child_process';
import { randomBytes, scryptSync } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import pino from 'pino';
import { CUSTODY_CONSUMER } from '../ingest/kiosk-event-consumer.ts';
import { DuckRegistry, DuckTelemetryStore, duckDbPath, openDuckDb } from '../store/duckdb/index.ts';
import { DuckFleetRegistry } from '../store/duckdb/fleet-registry.ts';
import { FileDurableLog } from '../store/log/file-log.ts';
import { STORE_CONSUMER } from '../store/log/logged-store.ts';
import { metaOf, telemetryCodec } from '../store/log/telemetry-codec.ts';
import type { TelemetryBatch } from '../store/telemetry-store.ts';
import { track, cpuMs, stopChild } from './child-processes.ts';
import { median, othersPct, waitForQuiet } from './ingest-ramp.ts';

const print = (line: string): void => void process.stdout.write(line + '\n');
const BIN = fileURLToPath(new URL('../bin/chargefleet.js', import.meta.url));
const TOKEN = 'restart-bench-admin-token-0123456789';
const T0 = Date.UTC(2026, 0, 1);
const TARGET_S = 10;
const n = (s: string): number => Number(s.replace(/k$/i, '000').replace(/M$/i, '000000'));

interface Args {
  readings: number;
  packs: number;
  kiosks: number;
  unstored: number;
  runs: number;
  dir: string;
  rebuild: boolean;
  quietWaitS: number;
}

function parse(argv: string[]): Args {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      readings: { type: 'string', default: '50M' },
      packs: { type: 'string', default: '100k' },
      kiosks: { type: 'string', default: '3000' },
      unstored: { type: 'string', default: '20k' },
      runs: { type: 'string', default: '3' },
      dir: { type: 'string' },
      rebuild: { type: 'boolean', default: false },
      'quiet-wait-s': { type: 'string', default: '20' },
    },
  });
  const a = { readings: n(v.readings!), packs: n(v.packs!), kiosks: n(v.kiosks!), unstored: n(v.unstored!), runs: n(v.runs!), quietWaitS: n(v['quiet-wait-s']!) };
  for (const [k, x] of Object.entries(a)) if (!Number.isInteger(x) || x < 0) throw new Error(`--${k} must be a non-negative integer (k and M allowed)`);
  if (a.packs < 1 || a.readings < a.packs || a.runs < 1) throw new Error('need --packs ≥ 1, --readings ≥ --packs, --runs ≥ 1');
  return { ...a, dir: v.dir ?? join(tmpdir(), `cf-restart-${v.readings}-${v.packs}`), rebuild: v.rebuild === true };
}

const packId = (i: number): string => `pack-${String(i).padStart(7, '0')}`;
const PACK_SQL = (i: string): string => `'pack-' || lpad((${i})::VARCHAR, 7, '0')`;

/** The data dir, built once: telemetry history, latest tables, registry with devices and fleet, and a log backlog. */
async function build(a: Args): Promise<Record<string, number>> {
  rmSync(a.dir, { recursive: true, force: true });
  mkdirSync(a.dir, { recursive: true });
  const took: Record<string, number> = {};
  const lap = async (name: string, fn: () => Promise<void>): Promise<void> => {
    const t = performance.now();
    await fn();
    took[name] = Math.round(performance.now() - t);
    print(`  build: ${name} in ${(took[name]! / 1000).toFixed(1)} s`);
  };
  const telemetry = join(a.dir, 'telemetry.duckdb');
  await lap('telemetry schema', async () => {
    const s = new DuckTelemetryStore(telemetry);
    await s.open();
    await s.close();
  });
  const inst = await DuckDBInstance.create(telemetry, { threads: '2' });
  const c = await inst.connect();
  const perPack = Math.floor(a.readings / a.packs);
  const CHUNK = 5_000_000;
  await lap(`${a.readings.toLocaleString('en-US')} pack readings (INSERT..SELECT from range(), ${CHUNK.toLocaleString('en-US')} per transaction)`, async () => {
    for (let off = 0; off < a.readings; off += CHUNK) {
      const to = Math.min(a.readings, off + CHUNK);
      // Reading i belongs to pack i % packs, the (i / packs)-th of that pack: one a minute each, in time order.
      await c.run(
        `INSERT INTO pack_readings SELECT ${PACK_SQL(`i % ${a.packs}`)} || '/1/' || (i // ${a.packs}), ${PACK_SQL(`i % ${a.packs}`)}, 1, i // ${a.packs},
          ${T0} + (i // ${a.packs}) * 60000 + (i % ${a.packs}) % 60000, ${T0} + (i // ${a.packs}) * 60000 + (i % ${a.packs}) % 60000 + 40, false, 'fw-2.4.1',
          20 + (i % 80), 3600 + (i % 500), -900 + (i % 1800), 18 + (i % 20), 10 + (i // ${a.packs}) // 10, 90 + (i % 10), 1 + (i % 3), 0, NULL, NULL, NULL
         FROM range(${off}, ${to}) t(i)`,
      );
      if ((to / CHUNK) % 2 === 0 || to === a.readings) print(`    ... ${to.toLocaleString('en-US')} rows`);
    }
  });
  await lap(`kiosk statuses (${a.kiosks} kiosks x 50)`, async () => {
    await c.run(
      `INSERT INTO kiosk_status SELECT 'kiosk-' || lpad((i % ${a.kiosks})::VARCHAR, 5, '0') || '/1/' || (i // ${a.kiosks}), 'kiosk-' || lpad((i % ${a.kiosks})::VARCHAR, 5, '0'), 1, i // ${a.kiosks},
        ${T0} + (i // ${a.kiosks}) * 30000, ${T0} + (i // ${a.kiosks}) * 30000 + 20, false, 'k-1.0', true, 1, -70,
        [{'slot_index': 0, 'state': 4, 'pack_id': '', 'soc_pct': 0.0, 'temp_c': 20.0, 'charge_current_ma': 0, 'fault_code': 0}]
       FROM range(${a.kiosks * 50}) t(i)`,
    );
  });
  // The scan of all history that live state used to be rebuilt from at every start: the anchor.
  await lap('latest tables from a DISTINCT ON scan of all history (what every start used to do)', async () => {
    await c.run('DELETE FROM pack_latest');
    await c.run('INSERT INTO pack_latest SELECT DISTINCT ON (pack_id) * EXCLUDE (rk) FROM pack_readings ORDER BY pack_id, at_ms DESC, seq DESC');
    await c.run('DELETE FROM kiosk_latest');
    await c.run('INSERT INTO kiosk_latest SELECT DISTINCT ON (kiosk_id) * EXCLUDE (rk) FROM kiosk_status ORDER BY kiosk_id, at_ms DESC, seq DESC');
    await c.run('UPDATE latest_sync SET received_at_ms = (SELECT max(received_at_ms) FROM pack_latest)');
  });
  await lap('checkpoint', async () => void (await c.run('CHECKPOINT')));
  c.closeSync();
  inst.closeSync();

  await lap(`registry: ${a.packs.toLocaleString('en-US')} pack devices and a fleet of ${a.kiosks} kiosks and ${a.packs.toLocaleString('en-US')} packs`, async () => {
    const db = await openDuckDb(duckDbPath(a.dir));
    const registry = new DuckRegistry(db);
    const fleet = new DuckFleetRegistry(db, { log: pino({ level: 'silent' }) });
    try {
      await registry.open();
      await fleet.open();
      // Cheap hashes, as the ingest bench does: the restart does not verify them.
      const salt = randomBytes(16);
      const hash = `scrypt$16$8$1$${salt.toString('base64url')}$${scryptSync('x', salt, 32, { N: 16, r: 8, p: 1 }).toString('base64url')}`;
      const conn = await db.connect();
      for (let i = 0; i < a.packs; i += 10_000) {
        await conn.run(`INSERT INTO devices (id, kind, secret_hash, created_at_ms, revoked_at_ms) SELECT ${PACK_SQL('i')}, 'pack', '${hash}', ${T0}, NULL FROM range(${i}, ${Math.min(a.packs, i + 10_000)}) t(i)`);
      }
      await conn.close();
      const stores = Math.max(1, Math.ceil(a.kiosks / 3));
      await fleet.importFleet(
        {
          stores: Array.from({ length: stores }, (_, i) => ({ id: `store-${i}`, name: `Store ${i}`, lat: 51 + (i % 100) / 100, lon: -1 + (i % 100) / 100, timeZone: 'Europe/London' })),
          kiosks: Array.from({ length: a.kiosks }, (_, i) => ({ id: `kiosk-${String(i).padStart(5, '0')}`, storeId: `store-${Math.floor(i / 3)}`, slotCount: 12 })),
          packs: Array.from({ length: a.packs }, (_, i) => ({ id: packId(i), lot: `LOT-${i % 40}`, hwRev: 'B2' })),
        },
        T0,
      );
    } finally {
      await fleet.close();
      await registry.close();
      await db.close();
    }
  });
  await lap(`log backlog: ${a.unstored.toLocaleString('en-US')} readings logged, not yet stored (as after a crash)`, async () => {
    const log = new FileDurableLog<TelemetryBatch>({ dir: join(a.dir, 'log'), codec: telemetryCodec, consumers: [STORE_CONSUMER, CUSTODY_CONSUMER], maxBytes: 1 << 30, logger: pino({ level: 'silent' }) });
    await log.open();
    const at = T0 + perPack * 60_000;
    for (let done = 0; done < a.unstored; done += 1000) {
      const packs = Array.from({ length: Math.min(1000, a.unstored - done) }, (_, k) => {
        const i = done + k;
        return { packId: packId(i % a.packs), bootId: 1, seq: perPack + Math.floor(i / a.packs), atMs: at + i, receivedAtMs: at + i + 40, clockSuspect: false, firmware: 'fw-2.4.1', socPct: 50, voltageMv: 3800, currentMa: -500, tempC: 21, cycles: 60, sohPct: 95, state: 2, faultFlags: 0, latE7: null, lonE7: null, accuracyM: null };
      });
      const b: TelemetryBatch = { packs, kiosks: [], events: [] };
      await log.append(b, metaOf(b, at));
    }
    await log.close();
  });
  cpSync(join(a.dir, 'log'), join(a.dir, 'log.pristine'), { recursive: true });
  writeFileSync(join(a.dir, 'built.json'), JSON.stringify({ readings: a.readings, packs: a.packs, kiosks: a.kiosks, unstored: a.unstored, took }));
  return took;
}

/** Starts the server; resolves with ms to "chargefleet is running" and to /healthz ok, then SIGKILLs it. */
async function oneRestart(a: Args): Promise<{ runningMs: number; healthyMs: number; cpuMs: number; status: string }> {
  rmSync(join(a.dir, 'log'), { recursive: true, force: true });
  cpSync(join(a.dir, 'log.pristine'), join(a.dir, 'log'), { recursive: true });
  const t0 = performance.now();
  const child = track(
    spawn(process.execPath, [BIN, 'serve'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', CF_DATA_DIR: a.dir, CF_MQTT_PORT: '0', CF_HTTP_PORT: '0', CF_ADMIN_TOKEN: TOKEN, CF_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    'restart server',
  );
  let out = '';
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  try {
    const http = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not running after 300 s:\n${out}`)), 300_000);
      child.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /HTTP:\s+(http:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
    });
    const runningMs = performance.now() - t0;
    let status = '';
    for (;;) {
      const res = await fetch(`${http}/healthz`).catch(() => null);
      status = res ? String(((await res.json()) as { status: string }).status) : 'unreachable';
      if (status === 'ok' || performance.now() - t0 > 300_000) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const healthyMs = performance.now() - t0;
    return { runningMs, healthyMs, cpuMs: cpuMs(child.pid!), status };
  } finally {
    child.kill('SIGKILL');
    await stopChild(child, 5000);
  }
}

export async function run(argv: string[]): Promise<number> {
  const a = parse(argv);
  print(`restart benchmark ${new Date().toISOString()}: ${a.readings.toLocaleString('en-US')} stored readings of ${a.packs.toLocaleString('en-US')} packs, ${a.kiosks} kiosks, ${a.unstored.toLocaleString('en-US')} readings in the log not yet stored; ${a.runs} runs; data dir ${a.dir}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const marker = join(a.dir, 'built.json');
  let took: Record<string, number>;
  const built = existsSync(marker) ? (JSON.parse(readFileSync(marker, 'utf8')) as { readings: number; packs: number; kiosks: number; unstored: number; took: Record<string, number> }) : null;
  if (!a.rebuild && built && built.readings === a.readings && built.packs === a.packs && built.kiosks === a.kiosks && built.unstored === a.unstored) {
    took = built.took;
    print(`  reusing the data dir built earlier (--rebuild to build it again); it took ${Object.entries(took).map(([k, v]) => `${k}: ${(v / 1000).toFixed(1)} s`).join('; ')}`);
  } else {
    print('  building the data dir (once; kept for later runs):');
    took = await build(a);
  }
  const results: { runningMs: number; healthyMs: number; cpuMs: number; othersPct: number; status: string }[] = [];
  for (let r = 0; r < a.runs; r++) {
    if (a.quietWaitS > 0) {
      const q = await waitForQuiet([], a.quietWaitS);
      if (q.waitedS > 1) print(`  (waited ${q.waitedS} s for a quieter machine; others at ${q.othersPct} % of a core)`);
    }
    const others = othersPct([], 1000); // sampled during the first second of the start
    const res = await oneRestart(a);
    results.push({ ...res, othersPct: Math.round(await others) });
    print(`  run ${r + 1}: running after ${(res.runningMs / 1000).toFixed(2)} s, /healthz ${res.status} after ${(res.healthyMs / 1000).toFixed(2)} s, server CPU ${(res.cpuMs / 1000).toFixed(2)} s, others ${Math.round(await others)} % of a core`);
  }
  const healthyS = median(results.map((x) => x.healthyMs)) / 1000;
  const ok = results.every((x) => x.status === 'ok');
  print(`\n== summary: restart to healthy, ${a.readings.toLocaleString('en-US')} stored readings ==`);
  print(`  median time to /healthz ok: ${healthyS.toFixed(2)} s over ${a.runs} runs (target ≤ ${TARGET_S} s: ${ok && healthyS <= TARGET_S ? 'MET' : 'NOT met'})`);
  const scan = Object.entries(took).find(([k]) => k.startsWith('latest tables'))?.[1];
  if (scan !== undefined) print(`  anchor: the DISTINCT ON scan of all history that every start used to run took ${(scan / 1000).toFixed(1)} s when the data dir was built`);
  print(`  others: median ${median(results.map((x) => x.othersPct))} % of a core during the starts${median(results.map((x) => x.othersPct)) > 25 ? ' (a NOISY machine: these figures overstate the time)' : ''}`);
  print(`RESTART_BENCH_JSON ${JSON.stringify({ bench: 'restart', date: new Date().toISOString(), command: `npm run bench -- restart ${argv.join(' ')}`.trim(), args: a, build: took, runs: results, medianHealthyS: healthyS, targetS: TARGET_S })}`);
  return 0;
}
