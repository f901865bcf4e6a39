// `npm run bench -- ingest`: durable ingest of a realistic fleet (≥ 10k pack connections, QoS 1,
// PUBACK after commit) ramped to the highest rate with p99 publish-to-PUBACK ≤ 100 ms, then the
// same load through mosquitto to one wildcard subscriber. Prints both, the ratio, latency and RSS
// per connection; see bench/README.md for what each figure means.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { onExit, openFileLimit, rssBytes, stopChild } from './child-processes.ts';
import { summariseProfile, formatProfileSummary } from './cpu-profile-summary.ts';
import { forkChild, type IpcChild } from './ipc-child.ts';
import { formatStepHeader, runRamp, type Probe, type RampOptions, type StepResult } from './ingest-ramp.ts';
import { printSummary, type TargetResult } from './ingest-report.ts';
import type { ConnectResult } from './load-generator.ts';
import { startMosquitto } from './mosquitto.ts';
import { checkFramesAgainstCodec } from './telemetry-frames.ts';
import { startWildcardSubscriber } from './wildcard-subscriber.ts';
import { influxdVersion, influxSkipReason, startInflux } from '../tests/helpers/influx-server.ts';

const here = (f: string): string => fileURLToPath(new URL(f, import.meta.url));
const DEFAULT_STEPS = '2500,5000,10000,15000,20000,30000,40000,50000,60000,80000,100000';
const print = (line: string): void => void process.stdout.write(line + '\n');

interface Args {
  connections: number;
  steps: number[];
  seconds: number;
  warmup: number;
  repeats: number;
  only: 'ours' | 'mosquitto' | null;
  store: 'duckdb' | 'influx';
  provision: 'fast' | 'api';
  profile: boolean;
  profileDir: string | null;
  rampBudgetS: number;
  concurrency: number;
  perAddress: number;
  verbose: boolean;
  quietWaitS: number;
  serverNodeFlags: string[];
}

function parse(argv: string[]): Args {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      connections: { type: 'string' },
      steps: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      repeats: { type: 'string' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      store: { type: 'string', default: 'duckdb' },
      provision: { type: 'string', default: 'fast' },
      profile: { type: 'boolean', default: false },
      'profile-dir': { type: 'string' },
      'ramp-budget-s': { type: 'string', default: '300' },
      concurrency: { type: 'string', default: '256' },
      'per-address': { type: 'string', default: '100' },
      verbose: { type: 'boolean', default: false },
      'quiet-wait-s': { type: 'string' },
      'server-node-flags': { type: 'string', default: process.env.CF_BENCH_SERVER_NODE_FLAGS ?? '' },
    },
  });
  const q = v.quick === true;
  const intOf = (s: string | undefined, def: number, min: number, max: number, name: string): number => {
    const n = s === undefined ? def : Number(s);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer in ${min}..${max}`);
    return n;
  };
  const steps = (v.steps ?? (q ? '5000,10000,20000,40000' : DEFAULT_STEPS)).split(',').map((s) => Number(s.replace(/k$/i, '000')));
  if (steps.length === 0 || steps.length > 50 || steps.some((s) => !Number.isInteger(s) || s < 1 || s > 1_000_000)) throw new Error('--steps: 1..50 comma-separated rates, each 1..1000000 (e.g. 10k,20k)');
  if (v.only !== undefined && v.only !== 'ours' && v.only !== 'mosquitto') throw new Error('--only is ours or mosquitto');
  if (v.store !== 'duckdb' && v.store !== 'influx') throw new Error('--store is duckdb or influx');
  if (v.provision !== 'fast' && v.provision !== 'api') throw new Error('--provision is fast or api');
  return {
    connections: intOf(v.connections, q ? 2000 : 10_000, 1, 200_000, 'connections'),
    steps,
    seconds: intOf(v.seconds, q ? 3 : 5, 1, 600, 'seconds'),
    warmup: intOf(v.warmup, q ? 1 : 2, 0, 600, 'warmup'),
    repeats: intOf(v.repeats, q ? 1 : 3, 1, 20, 'repeats'),
    only: (v.only as Args['only']) ?? null,
    store: v.store,
    provision: v.provision,
    profile: v.profile === true,
    profileDir: v['profile-dir'] ?? null,
    rampBudgetS: intOf(v['ramp-budget-s'], 300, 10, 3600, 'ramp-budget-s'),
    concurrency: intOf(v.concurrency, 256, 1, 10_000, 'concurrency'),
    perAddress: intOf(v['per-address'], 100, 1, 20_000, 'per-address'),
    verbose: v.verbose === true,
    serverNodeFlags: (v['server-node-flags'] ?? '').split(/\s+/).filter((f) => f.length > 0),
    quietWaitS: intOf(v['quiet-wait-s'], q ? 0 : 20, 0, 600, 'quiet-wait-s'),
  };
}

function rampOptions(a: Args): RampOptions {
  return { steps: a.steps, warmupS: a.warmup, windowS: a.seconds, repeats: a.repeats, drainS: 5, failStop: 2, deadlineMs: performance.now() + a.rampBudgetS * 1000, quietWaitS: a.quietWaitS };
}

async function startGenerator(): Promise<IpcChild> {
  const gen = forkChild(here('./load-generator.ts'), [], { name: 'load generator' });
  await gen.once('ready', 30_000);
  return gen;
}

async function connectFleet(gen: IpcChild, a: Args, port: number, credsFile: string): Promise<ConnectResult> {
  const onProgress = (m: { connected: number; failed: number; of: number }): void => print(`  ... ${m.connected}/${m.of} connected${m.failed ? `, ${m.failed} failed` : ''}`);
  gen.events.on('progress', onProgress);
  try {
    const r = await gen.request<ConnectResult>('connect', { host: '127.0.0.1', port, credsFile, count: a.connections, concurrency: a.concurrency, perAddress: a.perAddress, keepaliveS: 300 }, 900_000);
    print(`  ${r.connected} connections up in ${(r.ms / 1000).toFixed(1)} s from ${r.sourceAddresses} source addresses${r.failed ? `; ${r.failed} failed: ${JSON.stringify(r.errors)}` : ''}`);
    return r;
  } finally {
    gen.events.off('progress', onProgress);
  }
}

const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** CF_INFLUX_* for the server: from the environment, or a local influxd started for the run. */
async function influxEnv(): Promise<{ env: Record<string, string>; stop: () => Promise<void>; what: string }> {
  if (process.env.CF_INFLUX_URL) return { env: {}, stop: async () => {}, what: `InfluxDB at ${process.env.CF_INFLUX_URL} (from CF_INFLUX_URL)` };
  const why = influxSkipReason();
  if (why) throw new Error(`--store influx: ${why}`);
  const srv = await startInflux({ db: 'chargefleet_bench' });
  onExit(() => void srv.stop({ hard: true }).catch(() => {}));
  return {
    env: { CF_INFLUX_URL: srv.url, CF_INFLUX_BUCKET: srv.db, CF_INFLUX_DATABASE: srv.db },
    stop: () => srv.dispose(),
    what: `${influxdVersion()} started for this run (behind the tests' /api/v2/write proxy, which runs in the orchestrator)`,
  };
}

async function runOurs(a: Args, dir: string, credsFile: string): Promise<TargetResult> {
  print(`\n== chargefleet (store ${a.store}): ${a.connections} devices ==`);
  const dataDir = join(dir, 'data');
  const influx = a.store === 'influx' ? await influxEnv() : null;
  if (influx) print(`  ${influx.what}`);
  try {
    return await runOursWith(a, dataDir, credsFile, influx?.env ?? {});
  } finally {
    await influx?.stop();
  }
}

async function runOursWith(a: Args, dataDir: string, credsFile: string, extraEnv: Record<string, string>): Promise<TargetResult> {
  const server = forkChild(here('./ingest-server.ts'), ['--data-dir', dataDir, '--creds', credsFile, '--devices', String(a.connections), '--provision', a.provision], {
    name: 'bench server',
    execArgv: ['--expose-gc', ...a.serverNodeFlags],
    env: { ...process.env, ...extraEnv, CF_STORE: a.store },
  });
  let gen: IpcChild | null = null;
  try {
    const ready = await new Promise<{ mqttPort: number; provisionMs: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('bench server: not ready within 30 minutes')), 1_800_000);
      server.events.once('ready', (m: { mqttPort: number; provisionMs: number }) => (clearTimeout(timer), resolve(m)));
      server.events.once('error', (m: { message: string }) => (clearTimeout(timer), reject(new Error(m.message))));
      server.events.once('exit', (m: { reason: string }) => (clearTimeout(timer), reject(new Error(m.reason))));
    });
    print(`  server pid ${server.pid} on 127.0.0.1:${ready.mqttPort}; provisioned ${a.connections} devices (${a.provision}) in ${(ready.provisionMs / 1000).toFixed(1)} s (setup, not measured)`);
    gen = await startGenerator();
    const rss0 = (await server.request<{ rss: number }>('rss')).rss;
    const conn = await connectFleet(gen, a, ready.mqttPort, credsFile);
    await settle(2000);
    const rss1 = (await server.request<{ rss: number }>('rss')).rss;
    const rssPerConnBytes = conn.connected > 0 ? (rss1 - rss0) / conn.connected : NaN;
    print(`  server RSS ${(rss0 / 1048576).toFixed(0)} MiB idle without connections, ${(rss1 / 1048576).toFixed(0)} MiB with ${conn.connected}: ${(rssPerConnBytes / 1024).toFixed(1)} KiB per connection`);
    const profDir = a.profile ? (a.profileDir ?? mkdtempSync(join(tmpdir(), 'cf-bench-prof-'))) : null;
    if (profDir) mkdirSync(profDir, { recursive: true });
    const profiles: { rate: number; file: string }[] = [];
    let last = { accepted: 0, batches: 0, overload: 0 };
    const probe: Probe = {
      cpuPid: server.pid,
      onWindowStart: (_rate, w) => {
        if (profDir && w === 0) void server.request('profile-start').catch((e: Error) => print(`  profile: ${e.message}`));
      },
      onWindowEnd: async (rate, w) => {
        if (!profDir || w !== 0) return;
        const file = join(profDir, `ours-${rate}.cpuprofile`);
        await server.request('profile-stop', { file }).then(() => profiles.push({ rate, file }), (e: Error) => print(`  profile: ${e.message}`));
      },
      afterStep: async () => {
        const s = await server.request<{
          ingest: { accepted: number; batches: number; commitP99Ms: number | null; rejectedBackpressure: number; rejectedOverload: number; pending: number };
          store: { spool?: { depth: number }; log?: { diskP99Ms: number | null } };
        }>('stats');
        if (a.verbose) print(`  server stats: ${JSON.stringify(s)}`);
        const batches = s.ingest.batches - last.batches;
        const rows = s.ingest.accepted - last.accepted;
        const refused = s.ingest.rejectedOverload - last.overload;
        last = { accepted: s.ingest.accepted, batches: s.ingest.batches, overload: s.ingest.rejectedOverload };
        return {
          rowsPerAppend: batches > 0 ? rows / batches : 0,
          appendP99Ms: s.ingest.commitP99Ms ?? 0,
          diskP99Ms: s.store.log?.diskP99Ms ?? 0,
          unstored: s.store.spool?.depth ?? 0,
          refusedForLoad: refused,
          backpressureNacks: s.ingest.rejectedBackpressure,
        };
      },
    };
    print(formatStepHeader() + '   (sut cpu = server process; notes from the server\'s pipeline counters)');
    const steps = await runRamp(gen, probe, rampOptions(a), print);
    if (profiles.length > 0) {
      const top = profiles[profiles.length - 1]!;
      print(`\n  CPU profiles (one measured window per step) in ${profDir}; top self time at ${top.rate}/s:`);
      print(formatProfileSummary(summariseProfile(top.file), 25));
    }
    return { name: 'chargefleet', connections: conn.connected, rssPerConnBytes, steps, note: `PUBACK after the log's fsync; store ${a.store} written behind it` };
  } finally {
    if (gen) {
      await gen.request('close', {}, 10_000).catch(() => {});
      await stopChild(gen.child, 5000);
    }
    await server.request('stop', {}, 60_000).catch(() => {});
    await stopChild(server.child, 10_000);
  }
}

async function runMosquitto(a: Args, credsFile: string): Promise<TargetResult> {
  if (!existsSync(credsFile)) {
    // mosquitto alone: anonymous, but the same client ids, user names and frame sizes as ours.
    writeFileSync(credsFile, JSON.stringify(Array.from({ length: a.connections }, (_, i) => ({ id: `pack-b${String(i).padStart(6, '0')}`, password: 'x'.repeat(43) }))));
  }
  const m = await startMosquitto();
  print(`\n== mosquitto ${m.version}: ${a.connections} devices, one wildcard subscriber (fleet/v1/#, QoS 1) ==`);
  print(`  pid ${m.pid} on 127.0.0.1:${m.port}; config: ${m.configText.trim().split('\n').join('; ')}`);
  const sub = await startWildcardSubscriber('127.0.0.1', m.port);
  const gen = await startGenerator();
  try {
    const rss0 = rssBytes(m.pid);
    const conn = await connectFleet(gen, a, m.port, credsFile);
    await settle(2000);
    const rss1 = rssBytes(m.pid);
    const rssPerConnBytes = conn.connected > 0 ? (rss1 - rss0) / conn.connected : NaN;
    print(`  mosquitto RSS ${(rss0 / 1048576).toFixed(1)} MiB idle, ${(rss1 / 1048576).toFixed(1)} MiB with ${conn.connected}: ${(rssPerConnBytes / 1024).toFixed(1)} KiB per connection`);
    const probe: Probe = {
      cpuPid: m.pid,
      delivered: () => sub.received(),
      includeSelfCpu: true,
    };
    print(formatStepHeader() + '   (delivered = received by the subscriber; sut cpu = mosquitto + subscriber)');
    const steps: StepResult[] = await runRamp(gen, probe, rampOptions(a), print);
    return { name: `mosquitto ${m.version}`, connections: conn.connected, rssPerConnBytes, steps, note: 'PUBACK on receipt, no persistence; delivered = subscriber receive rate' };
  } finally {
    await gen.request('close', {}, 10_000).catch(() => {});
    await stopChild(gen.child, 5000);
    sub.close();
    await m.stop();
  }
}

export async function run(argv: string[]): Promise<number> {
  const a = parse(argv);
  checkFramesAgainstCodec();
  const limit = openFileLimit();
  // Each process holds one socket per connection (server and generator are separate processes).
  if (a.connections + 200 > limit) {
    print(`--connections ${a.connections} needs about ${a.connections + 200} open files per process, but the limit here is ${limit} (ulimit -n; raise the hard limit or pass fewer connections)`);
    return 2;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cf-bench-ingest-'));
  onExit(() => rmSync(dir, { recursive: true, force: true }));
  const credsFile = join(dir, 'creds.json');
  const startedAt = new Date();
  const t0 = performance.now();
  print(`ingest benchmark ${startedAt.toISOString()}: ${a.connections} connections, steps ${a.steps.join(',')}/s, warm-up ${a.warmup} s, ${a.repeats} x ${a.seconds} s windows per step, open-files limit ${limit}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  let ours: TargetResult | null = null;
  let mosq: TargetResult | null = null;
  try {
    if (a.only !== 'mosquitto') {
      try {
        ours = await runOurs(a, dir, credsFile);
      } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        if (a.store === 'influx' && /influx/i.test(msg)) {
          print(`\n--store influx: the system could not run with CF_STORE=influx: ${msg}\nInstall influxd (apt-get install influxdb) or set CF_INFLUX_URL (and CF_INFLUX_TOKEN etc.) to a running InfluxDB.`);
          return 3;
        }
        throw err;
      }
    }
    if (a.only !== 'ours') mosq = await runMosquitto(a, credsFile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printSummary({ ours, mosquitto: mosq, args: a as unknown as Record<string, unknown>, startedAt, wallS: (performance.now() - t0) / 1000, argv, store: a.store }, print);
  return 0;
}
