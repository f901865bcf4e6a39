// Starts a real InfluxDB (Debian's influxd 1.6.7, or whatever `influxd` is on PATH) for tests:
// generated config, loopback ports, data in a temp dir, a /api/v2/write proxy in front of it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { startInfluxV2Proxy, type InfluxV2Proxy } from './influx-v2-proxy.ts';

export interface InfluxServer {
  /** Base URL for the store: serves /api/v2/write (through the proxy), /query and /ping. */
  url: string;
  /** The database created for this server (CREATE DATABASE), also used as the write bucket. */
  db: string;
  /** True when CF_TEST_INFLUX_URL points at a server we did not start: stop/restart are unsupported. */
  external: boolean;
  /** Request counts through the v2 proxy (empty for an external server). */
  proxyCounts: Map<string, number>;
  /** Creates another database (for test isolation). */
  createDatabase(name: string): Promise<void>;
  /** Stops influxd by PID (SIGTERM, or SIGKILL when `hard`); the proxy stays up and answers 502. */
  stop(opts?: { hard?: boolean }): Promise<void>;
  /** Starts influxd again on the same ports and the same data dir. */
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops everything and removes the temp dir. */
  dispose(): Promise<void>;
}

/** Null when InfluxDB can be used; otherwise why not. Under CI=true a missing server throws. */
export function influxSkipReason(): string | null {
  if (process.env.CF_TEST_INFLUX_URL) return null;
  if (findOnPath('influxd')) return null;
  const reason = 'InfluxDB is not installed (no influxd on PATH; `apt-get install influxdb` or set CF_TEST_INFLUX_URL)';
  if (process.env.CI === 'true') throw new Error(`CI=true and ${reason}`);
  return reason;
}

function findOnPath(bin: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, bin))) return join(dir, bin);
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function influxQuery(baseUrl: string, q: string): Promise<void> {
  const res = await fetch(`${baseUrl}/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ q }).toString(),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (!res.ok || text.includes('"error"')) throw new Error(`InfluxDB ${q} failed: ${res.status} ${text}`);
}

/** exitCode stays null for a child killed by a signal; either one set means it is gone. */
function running(child: ChildProcess | null): boolean {
  return !!child && child.exitCode === null && child.signalCode === null;
}

async function waitForPing(baseUrl: string, child: ChildProcess | null, deadlineMs: number, log: () => string): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (let i = 0; i < 10_000 && Date.now() < until; i++) {
    if (child && !running(child)) throw new Error(`influxd exited (${child.exitCode ?? child.signalCode}):\n${log()}`);
    try {
      const res = await fetch(`${baseUrl}/ping`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 204) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`influxd did not answer /ping within ${deadlineMs} ms:\n${log()}`);
}

function configToml(dir: string, rpcPort: number, httpPort: number): string {
  return `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"
[meta]
  dir = "${join(dir, 'meta')}"
  logging-enabled = false
[data]
  dir = "${join(dir, 'data')}"
  wal-dir = "${join(dir, 'wal')}"
  wal-fsync-delay = "0s"
  query-log-enabled = false
  cache-max-memory-size = 268435456
[monitor]
  store-enabled = false
[subscriber]
  enabled = false
[continuous_queries]
  enabled = false
[retention]
  enabled = false
[shard-precreation]
  enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:${httpPort}"
  auth-enabled = false
  log-enabled = false
  pprof-enabled = false
[logging]
  level = "warn"
  suppress-logo = true
`;
}

/**
 * Starts influxd (or uses CF_TEST_INFLUX_URL) and creates `db`. Call dispose() in afterAll.
 * Throws when no server can be had; use influxSkipReason() first to skip cleanly.
 */
export async function startInflux(opts: { db?: string } = {}): Promise<InfluxServer> {
  const db = opts.db ?? `cf_test_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const externalUrl = process.env.CF_TEST_INFLUX_URL;
  if (externalUrl) {
    const url = externalUrl.replace(/\/$/, '');
    await waitForPing(url, null, 5000, () => '');
    await influxQuery(url, `CREATE DATABASE "${db}"`);
    const unsupported = async (): Promise<void> => {
      throw new Error('stop/start is not supported for CF_TEST_INFLUX_URL');
    };
    return {
      url, db, external: true, proxyCounts: new Map(),
      createDatabase: (name) => influxQuery(url, `CREATE DATABASE "${name}"`),
      stop: unsupported, start: unsupported, restart: unsupported,
      dispose: async () => influxQuery(url, `DROP DATABASE "${db}"`).catch(() => undefined),
    };
  }

  const bin = findOnPath('influxd');
  if (!bin) throw new Error('influxd is not on PATH');
  const dir = mkdtempSync(join(tmpdir(), 'cf-influx-'));
  const [rpcPort, httpPort] = [await freePort(), await freePort()];
  const configPath = join(dir, 'influxdb.conf');
  writeFileSync(configPath, configToml(dir, rpcPort, httpPort));
  const directUrl = `http://127.0.0.1:${httpPort}`;
  let child: ChildProcess | null = null;
  let output = '';

  const start = async (): Promise<void> => {
    if (running(child)) return;
    output = '';
    const proc = spawn(bin, ['-config', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-8000);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    await waitForPing(directUrl, proc, 30_000, () => output);
  };

  const stop = async ({ hard = false } = {}): Promise<void> => {
    const proc = child;
    if (!proc || !running(proc) || proc.pid === undefined) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    process.kill(proc.pid, hard ? 'SIGKILL' : 'SIGTERM');
    const timer = setTimeout(() => {
      if (running(proc) && proc.pid !== undefined) process.kill(proc.pid, 'SIGKILL');
    }, 15_000);
    await exited;
    clearTimeout(timer);
  };

  let proxy: InfluxV2Proxy | null = null;
  try {
    await start();
    await influxQuery(directUrl, `CREATE DATABASE "${db}"`);
    proxy = await startInfluxV2Proxy({ upstream: directUrl });
  } catch (err) {
    await stop({ hard: true });
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const p = proxy;
  return {
    url: p.url,
    db,
    external: false,
    proxyCounts: p.counts,
    createDatabase: (name) => influxQuery(directUrl, `CREATE DATABASE "${name}"`),
    stop,
    start,
    restart: async () => {
      await stop();
      await start();
    },
    dispose: async () => {
      await p.close();
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The installed influxd's version line, for test names and bench output. */
export function influxdVersion(): string {
  const bin = findOnPath('influxd');
  if (!bin) return 'none';
  const out = spawnSync(bin, ['version'], { encoding: 'utf8', timeout: 5000 });
  return (out.stdout ?? '').trim() || 'unknown';
}
