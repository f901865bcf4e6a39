// The system under test for the ingest benchmark, in its own process (forked with IPC by
// bench/ingest.ts): startSystem on loopback with a temp data dir, N provisioned packs whose
// credentials go to a JSON file, and IPC commands for stats, idle RSS and CPU profiles.
//   argv: --data-dir DIR --creds FILE --devices N [--provision fast|api]
import { randomBytes, scryptSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../app/config.ts';
import { startSystem, type RunningSystem } from '../app/system.ts';
import { generateSecret } from '../domain/secrets.ts';
import { DuckRegistry, duckDbPath, openDuckDb } from '../store/duckdb/index.ts';

export type ServerCommand =
  | { cmd: 'stats'; id: number }
  | { cmd: 'rss'; id: number }
  | { cmd: 'profile-start'; id: number }
  | { cmd: 'profile-stop'; id: number; file: string }
  | { cmd: 'stop'; id: number };

const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    creds: { type: 'string' },
    devices: { type: 'string', default: '10000' },
    provision: { type: 'string', default: 'fast' },
  },
});

function send(msg: object, then?: () => void): void {
  if (process.send) process.send(msg, undefined, undefined, () => then?.());
  else then?.();
}

interface DeviceSecret {
  id: string;
  password: string;
}

function deviceId(i: number): string {
  return `pack-b${String(i).padStart(6, '0')}`;
}

/**
 * Fast: writes the devices straight into the registry table before the system opens the file, each
 * with its own secret but hashed with a cheap scrypt cost (N=16). The hash string carries its
 * parameters, so connect-time verification follows them: authentication, which the benchmark does
 * not measure, then costs microseconds instead of ~40 ms of CPU per device on this machine.
 */
async function preseedDevices(dataDir: string, n: number): Promise<DeviceSecret[]> {
  mkdirSync(dataDir, { recursive: true });
  const db = await openDuckDb(duckDbPath(dataDir));
  const registry = new DuckRegistry(db);
  const out: DeviceSecret[] = [];
  try {
    await registry.open(); // creates the tables (migrations) as the system would
    const conn = await db.connect();
    const createdAtMs = Date.now();
    const ROWS = 1000;
    for (let i = 0; i < n; i += ROWS) {
      const values: string[] = [];
      for (let k = i; k < Math.min(n, i + ROWS); k++) {
        const id = deviceId(k);
        const password = generateSecret();
        const salt = randomBytes(16);
        const key = scryptSync(password, salt, 32, { N: 16, r: 8, p: 1 });
        // Ids, base64url and digits only: safe as SQL literals.
        values.push(`('${id}', 'pack', 'scrypt$16$8$1$${salt.toString('base64url')}$${key.toString('base64url')}', ${createdAtMs}, NULL)`);
        out.push({ id, password });
      }
      await conn.run(`INSERT INTO devices (id, kind, secret_hash, created_at_ms, revoked_at_ms) VALUES ${values.join(',')}`);
    }
  } finally {
    await registry.close();
    await db.close();
  }
  return out;
}

/** The operator's path: POST /v1/devices does the same, one full-cost scrypt hash per device. */
async function provisionApi(sys: RunningSystem, n: number): Promise<DeviceSecret[]> {
  const out: DeviceSecret[] = [];
  const BATCH = 64;
  for (let i = 0; i < n; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, n - i) }, (_, k) => sys.devices.provision('pack', deviceId(i + k)));
    for (const d of await Promise.all(batch)) out.push({ id: d.id, password: d.password });
  }
  return out;
}

async function main(): Promise<void> {
  const n = Number(args.devices);
  const config = loadConfig(process.env, {
    dataDir: args['data-dir']!,
    mqttHost: '127.0.0.1',
    mqttPort: 0,
    httpHost: '127.0.0.1',
    httpPort: 0,
    adminToken: BENCH_ADMIN_TOKEN,
    logLevel: process.env.CF_BENCH_LOG ?? 'warn',
    // The benchmark offers steady load above the per-device defaults (200/s) on purpose.
    publishRatePerSec: 1_000_000,
    publishBurst: 1_000_000,
    kioskLedgerRatePerSec: 1_000_000,
    kioskLedgerBurst: 1_000_000,
    maxConnections: n + 1000,
  });
  const logger = pino({ level: config.logLevel }, pino.destination({ fd: 2, sync: false }));
  const t0 = performance.now();
  const mode = args.provision ?? 'fast';
  let creds: DeviceSecret[] = mode === 'fast' ? await preseedDevices(config.dataDir, n) : [];
  let sys: RunningSystem;
  try {
    sys = await startSystem({ config, logger });
  } catch (err) {
    send({ event: 'error', message: err instanceof Error ? err.message : String(err) }, () => process.exit(1));
    return;
  }
  if (mode === 'api') creds = await provisionApi(sys, n);
  writeFileSync(args.creds!, JSON.stringify(creds));
  const port = Number(new URL(sys.mqttUrl).port);
  send({ event: 'ready', mqttPort: port, provisionMs: Math.round(performance.now() - t0), store: config.store, pid: process.pid });

  let session: Session | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const gc = (globalThis as { gc?: () => void }).gc;
  process.on('message', (raw: unknown) => {
    const m = raw as ServerCommand;
    const handle = async (): Promise<object> => {
      switch (m.cmd) {
        case 'stats':
          return { ingest: sys.pipeline.stats(), broker: sys.broker.metrics(), rss: process.memoryUsage().rss, store: sys.store.health() };
        case 'rss': {
          // Two full collections and a turn of the loop, so the figure is live memory, not garbage.
          gc?.();
          await new Promise((r) => setImmediate(r));
          gc?.();
          const mu = process.memoryUsage();
          return { rss: mu.rss, heapUsed: mu.heapUsed, external: mu.external, gc: gc !== undefined };
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
          writeFileSync(m.file, JSON.stringify(profile));
          return { file: m.file };
        }
        case 'stop':
          await sys.stop();
          setImmediate(() => process.exit(0));
          return {};
      }
    };
    // One command at a time, in order: a profile stop must not overtake its start.
    queue = queue.then(handle).then(
      (r) => send({ reply: m.id, ...r }),
      (err: unknown) => send({ reply: m.id, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  // The parent is gone: stop cleanly (the data dir is the parent's to remove).
  process.on('disconnect', () => {
    sys.stop().finally(() => process.exit(0));
  });
  process.on('SIGTERM', () => {
    sys.stop().finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  send({ event: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }, () => process.exit(1));
});
