// The system under test for the swap benchmark (forked with IPC by bench/swaps.ts): startSystem on
// loopback with a temp data dir, N background packs and K kiosks provisioned, a fleet imported
// (kiosks with full slots, customers with tokens and packs), and timers around the ledger writes.
//   argv: --data-dir DIR --pack-creds FILE --plan FILE --packs N --kiosks K --customers-per-kiosk C
import { randomBytes, scryptSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../app/config.ts';
import { startSystem, type RunningSystem } from '../app/system.ts';
import { generateSecret } from '../domain/secrets.ts';
import type { FleetImport } from '../store/fleet-registry.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DuckConn } from '../store/duckdb/database.ts';
import { DuckRegistry, duckDbPath, openDuckDb } from '../store/duckdb/index.ts';
import { LatencyHistogram } from './latency-histogram.ts';

/** What the kiosk side needs to play one kiosk (written to --plan as JSON). */
export interface KioskPlan {
  id: string;
  password: string;
  slotCount: number;
  /** Pack per slot at the start (null = empty). */
  slots: (string | null)[];
  /** Warehouse packs staff may put in when first issues thin the kiosk out (restocking). */
  reserve: string[];
  /** Active customers whose home kiosk this is, and the pack each holds (null: none yet). */
  customers: { token: string; packId: string | null }[];
  suspendedTokens: string[];
  /** Customers whose own fair-use limit is 0: always FAIR_USE_EXCEEDED. */
  limitedTokens: string[];
  /** A warehouse pack nobody holds: returning it is PACK_NOT_IN_CUSTODY. */
  strayPackId: string;
}

export interface SwapFleetPlan {
  kiosks: KioskPlan[];
  /** One-row DuckDB transactions on this disk with nothing else running: the floor under recordDecision. */
  commitProbe: { n: number; p50Ms: number | null; p99Ms: number | null; maxMs: number | null };
}

/** Server-side timings, ms, since the last reset. */
export interface ServerTimings {
  /** SwapService.decide: the per-kiosk queue, eligibility, the ledger commit, publishing decision and command. */
  decide: ReturnType<LatencyHistogram['summary']>;
  /** FleetRegistry.recordDecision: waiting for the registry's one write connection, then BEGIN..COMMIT. */
  recordDecision: ReturnType<LatencyHistogram['summary']>;
  /** applyEvent + moveCustody: the other writes on that connection (releases, insertions, status fixes). */
  otherLedgerWrites: ReturnType<LatencyHistogram['summary']>;
  /** Registry write transactions by the method that asked, from holding the connection to COMMIT: no queueing. */
  registryTx: Record<string, ReturnType<LatencyHistogram['summary']>>;
  /** Time each registry write waited for the connection, by the method that asked. */
  registryWait: Record<string, ReturnType<LatencyHistogram['summary']>>;
  /** The server's event-loop delay (perf_hooks), ms: a blocked loop delays every socket and timer. */
  loopDelay: { p50Ms: number; p99Ms: number; maxMs: number };
  /** Since the reset: these figures cover the measured window and the drain after it. */
  sinceResetMs: number;
}

export const SLOTS_PER_KIOSK = 12;
/** Packs in each kiosk at the start; two slots stay empty so a returned pack can go in first. */
export const FILLED_SLOTS = 10;
const RESERVE_PER_KIOSK = 60;
const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789';

const kioskId = (k: number): string => `kiosk-s${String(k).padStart(4, '0')}`;
const packDeviceId = (i: number): string => `pack-b${String(i).padStart(6, '0')}`;

/** The fleet: 4 kiosks per store, full kiosks, customers of whom ~80 % hold a pack, 1 % suspended, 1 % limited. */
export function buildFleet(kiosks: number, customersPerKiosk: number, passwords: Map<string, string>): { doc: FleetImport; plans: KioskPlan[] } {
  const doc: Required<FleetImport> = { stores: [], kiosks: [], customers: [], packs: [], recalls: [] };
  const plans: KioskPlan[] = [];
  const lot = 'LOT-2026-01A';
  for (let s = 0; s < Math.ceil(kiosks / 4); s++) {
    doc.stores.push({ id: `store-s${String(s).padStart(3, '0')}`, name: `Bench store ${s}`, lat: 51.4 + (s % 20) * 0.01, lon: -0.2 + Math.floor(s / 20) * 0.01, timeZone: 'Europe/London' });
  }
  for (let k = 0; k < kiosks; k++) {
    const id = kioskId(k);
    const kk = String(k).padStart(4, '0');
    doc.kiosks.push({ id, storeId: `store-s${String(Math.floor(k / 4)).padStart(3, '0')}`, slotCount: SLOTS_PER_KIOSK });
    const plan: KioskPlan = { id, password: passwords.get(id)!, slotCount: SLOTS_PER_KIOSK, slots: [], reserve: [], customers: [], suspendedTokens: [], limitedTokens: [], strayPackId: `px-${kk}` };
    for (let s = 0; s < SLOTS_PER_KIOSK; s++) {
      const packId = s < FILLED_SLOTS ? `pk-${kk}-${s}` : null;
      plan.slots.push(packId);
      if (packId) doc.packs.push({ id: packId, lot, hwRev: 'B2', custody: { kind: 'slot', kioskId: id, slot: s } });
    }
    for (let r = 0; r < RESERVE_PER_KIOSK; r++) {
      plan.reserve.push(`pr-${kk}-${r}`);
      doc.packs.push({ id: `pr-${kk}-${r}`, lot, hwRev: 'B2', custody: { kind: 'warehouse' } });
    }
    doc.packs.push({ id: plan.strayPackId, lot, hwRev: 'B2', custody: { kind: 'warehouse' } });
    for (let j = 0; j < customersPerKiosk; j++) {
      const customerId = `c-${kk}-${j}`;
      const token = `card-${kk}-${j}-${randomBytes(6).toString('hex')}`;
      const kind = j % 100 === 0 ? 'suspended' : j % 100 === 1 ? 'limited' : 'normal';
      doc.customers.push({
        id: customerId, token, plan: 'unlimited', planActive: true, timeZone: 'Europe/London',
        ...(kind === 'suspended' ? { status: 'suspended' as const } : {}),
        ...(kind === 'limited' ? { fairUseLimitPer24h: 0 } : {}),
      });
      if (kind === 'suspended') plan.suspendedTokens.push(token);
      else if (kind === 'limited') plan.limitedTokens.push(token);
      else {
        // One in five has never had a pack: their first visit is a first issue.
        const packId = j % 5 === 0 ? null : `pc-${kk}-${j}`;
        if (packId) doc.packs.push({ id: packId, lot, hwRev: 'B2', custody: { kind: 'customer', customerId } });
        plan.customers.push({ token, packId });
      }
    }
    plans.push(plan);
  }
  return { doc, plans };
}

function cheapHash(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$16$8$1$${salt.toString('base64url')}$${scryptSync(password, salt, 32, { N: 16, r: 8, p: 1 }).toString('base64url')}`;
}

/**
 * Writes the device rows before the system opens the file, each with its own secret hashed at a
 * cheap scrypt cost (as bench/ingest-server.ts does: connects are not what is measured), and times
 * one-row transactions on the same file while nothing else runs.
 */
async function preseed(dataDir: string, devices: { id: string; kind: 'pack' | 'kiosk' }[]): Promise<{ passwords: Map<string, string>; probe: SwapFleetPlan['commitProbe'] }> {
  mkdirSync(dataDir, { recursive: true });
  const db = await openDuckDb(duckDbPath(dataDir));
  const registry = new DuckRegistry(db);
  const passwords = new Map<string, string>();
  const hist = new LatencyHistogram();
  try {
    await registry.open();
    const conn = await db.connect();
    const createdAtMs = Date.now();
    for (let i = 0; i < devices.length; i += 1000) {
      const values = devices.slice(i, i + 1000).map((d) => {
        const password = generateSecret();
        passwords.set(d.id, password);
        return `('${d.id}', '${d.kind}', '${cheapHash(password)}', ${createdAtMs}, NULL)`; // ids, base64url: safe literals
      });
      await conn.run(`INSERT INTO devices (id, kind, secret_hash, created_at_ms, revoked_at_ms) VALUES ${values.join(',')}`);
    }
    await conn.run('CREATE TABLE IF NOT EXISTS bench_commit_probe (i INTEGER)');
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      await conn.run('BEGIN TRANSACTION');
      await conn.run(`INSERT INTO bench_commit_probe VALUES (${i})`);
      await conn.run('COMMIT');
      hist.record(performance.now() - t0);
    }
    await conn.run('DROP TABLE bench_commit_probe'); // nothing of the probe stays in the file
    await conn.close();
  } finally {
    await registry.close();
    await db.close();
  }
  const s = hist.summary();
  return { passwords, probe: { n: s.count, p50Ms: s.p50Ms, p99Ms: s.p99Ms, maxMs: s.maxMs } };
}

/** The registry method being called right now: its write is queued synchronously inside the call. */
let calling = 'other';

/** Replaces an instance method with one that records how long its promise took. */
function timeMethod(obj: object, name: string, hist: LatencyHistogram): void {
  const target = obj as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const orig = target[name]!.bind(obj);
  target[name] = (...a: unknown[]) => {
    const t0 = performance.now();
    calling = name;
    const p = orig(...a);
    calling = 'other';
    void p.then(() => hist.record(performance.now() - t0), () => hist.record(performance.now() - t0));
    return p;
  };
}

function send(msg: object, then?: () => void): void {
  if (process.send) process.send(msg, undefined, undefined, () => then?.());
  else then?.();
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'pack-creds': { type: 'string' },
      plan: { type: 'string' },
      packs: { type: 'string', default: '2000' },
      kiosks: { type: 'string', default: '100' },
      'customers-per-kiosk': { type: 'string', default: '200' },
    },
  });
  const nPacks = Number(args.packs);
  const nKiosks = Number(args.kiosks);
  const config = loadConfig(process.env, {
    dataDir: args['data-dir']!,
    mqttHost: '127.0.0.1',
    mqttPort: 0,
    httpHost: '127.0.0.1',
    httpPort: 0,
    adminToken: BENCH_ADMIN_TOKEN,
    logLevel: process.env.CF_BENCH_LOG ?? 'error', // warn would log every downlink refused while the broker stops
    publishRatePerSec: 1_000_000,
    publishBurst: 1_000_000,
    kioskLedgerRatePerSec: 1_000_000,
    kioskLedgerBurst: 1_000_000,
    maxConnections: nPacks + nKiosks + 1000,
    // Customers rotate, but a long run would still reach the default 6; fair use is checked all the
    // same, and the customers with their own limit of 0 are refused by it.
    fairUsePer24h: 1000,
  });
  const logger = pino({ level: config.logLevel }, pino.destination({ fd: 2, sync: false }));
  const t0 = performance.now();
  const devices = [
    ...Array.from({ length: nPacks }, (_, i) => ({ id: packDeviceId(i), kind: 'pack' as const })),
    ...Array.from({ length: nKiosks }, (_, k) => ({ id: kioskId(k), kind: 'kiosk' as const })),
  ];
  const { passwords, probe } = await preseed(config.dataDir, devices);
  let sys: RunningSystem;
  try {
    sys = await startSystem({ config, logger });
  } catch (err) {
    send({ event: 'error', message: err instanceof Error ? err.message : String(err) }, () => process.exit(1));
    return;
  }
  const { doc, plans } = buildFleet(nKiosks, Number(args['customers-per-kiosk']), passwords);
  const imported = await sys.fleet.importFleet(doc, Date.now());
  writeFileSync(args['pack-creds']!, JSON.stringify(devices.filter((d) => d.kind === 'pack').map((d) => ({ id: d.id, password: passwords.get(d.id)! }))));
  writeFileSync(args.plan!, JSON.stringify({ kiosks: plans, commitProbe: probe } satisfies SwapFleetPlan));

  const hDecide = new LatencyHistogram();
  const hRecord = new LatencyHistogram();
  const hOther = new LatencyHistogram();
  timeMethod(sys.swaps, 'decide', hDecide);
  timeMethod(sys.fleet, 'recordDecision', hRecord);
  timeMethod(sys.fleet, 'applyEvent', hOther);
  timeMethod(sys.fleet, 'moveCustody', hOther);
  timeMethod(sys.fleet, 'expireCommands', new LatencyHistogram()); // only so its transactions are named below
  // The registry serialises its writes on one DuckDB connection (a private field): timing the jobs
  // it runs there separates the transaction itself from the wait for the connection.
  const hTx = new Map<string, LatencyHistogram>();
  const hWait = new Map<string, LatencyHistogram>();
  const into = (m: Map<string, LatencyHistogram>, k: string, v: number): void => {
    let h = m.get(k);
    if (!h) m.set(k, (h = new LatencyHistogram()));
    h.record(v);
  };
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const writeConn = (sys.fleet as unknown as { writeConn?: DuckConn | null }).writeConn;
  if (writeConn) {
    const exclusive = writeConn.exclusive.bind(writeConn);
    writeConn.exclusive = <T>(fn: (raw: DuckDBConnection) => Promise<T>): Promise<T> => {
      const kind = calling;
      const queuedAt = performance.now();
      return exclusive(async (raw) => {
        const t1 = performance.now();
        into(hWait, kind, t1 - queuedAt);
        try {
          return await fn(raw);
        } finally {
          into(hTx, kind, performance.now() - t1);
        }
      });
    };
  }

  send({ event: 'ready', mqttPort: Number(new URL(sys.mqttUrl).port), setupMs: Math.round(performance.now() - t0), imported, pid: process.pid });

  let resetAt = performance.now();
  let session: Session | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  process.on('message', (raw: unknown) => {
    const m = raw as { cmd: string; id: number; file?: string; kioskIds?: string[] };
    const handle = async (): Promise<object> => {
      switch (m.cmd) {
        case 'kiosks-ready': {
          // Online and with a status in live state: what eligibility needs before the first request.
          const now = Date.now();
          return { ready: (m.kioskIds ?? []).filter((id) => sys.live.kiosk(id) && sys.live.online(id, now).online).length };
        }
        case 'timings-reset':
          hDecide.reset();
          hRecord.reset();
          hOther.reset();
          hTx.clear();
          hWait.clear();
          loop.reset();
          resetAt = performance.now();
          return {};
        case 'stats': {
          const timings: ServerTimings = { decide: hDecide.summary(), recordDecision: hRecord.summary(), otherLedgerWrites: hOther.summary(), registryTx: Object.fromEntries([...hTx].map(([k, h]) => [k, h.summary()])),
            registryWait: Object.fromEntries([...hWait].map(([k, h]) => [k, h.summary()])),
            loopDelay: { p50Ms: loop.percentile(50) / 1e6, p99Ms: loop.percentile(99) / 1e6, maxMs: loop.max / 1e6 },
            sinceResetMs: performance.now() - resetAt,
          };
          return { timings, ingest: sys.pipeline.stats(), swaps: { ...sys.swaps.counters }, custody: { ...sys.custody.counters }, broker: sys.broker.metrics() };
        }
        case 'profile-start':
          session = new Session();
          session.connect();
          await session.post('Profiler.enable');
          await session.post('Profiler.setSamplingInterval', { interval: 200 });
          await session.post('Profiler.start');
          return {};
        case 'profile-stop': {
          if (!session) throw new Error('no profile running');
          const { profile } = await session.post('Profiler.stop');
          session.disconnect();
          session = null;
          writeFileSync(m.file!, JSON.stringify(profile));
          return { file: m.file };
        }
        case 'stop':
          await sys.stop();
          setImmediate(() => process.exit(0));
          return {};
        default:
          throw new Error(`unknown command ${m.cmd}`);
      }
    };
    queue = queue.then(handle).then(
      (r) => send({ reply: m.id, ...r }),
      (err: unknown) => send({ reply: m.id, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  process.on('disconnect', () => void sys.stop().finally(() => process.exit(0)));
  process.on('SIGTERM', () => void sys.stop().finally(() => process.exit(0)));
}

// Only as a forked script: bench/swaps.ts imports this module's types.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    send({ event: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }, () => process.exit(1));
  });
}
