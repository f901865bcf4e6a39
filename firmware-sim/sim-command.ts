// `chargefleet sim`: checks the flags (every bad one with a reason), then runs a fleet against a
// server over MQTT and HTTP, printing a live one-line summary to stderr and the JSON report to stdout.
// Against --broker/--api the simulator keeps real time (or, with --speed, replays the last
// --duration); without them an in-process server shares the simulator's virtual clock.
import { SCENARIO_NAMES, isScenarioName, scenario as scenarioByName, type ScenarioName } from './scenarios.ts';
import { RealTimeClock, VirtualClock } from './virtual-clock.ts';
import type { MqttFleet } from './mqtt-fleet.ts';
import type { SimReport } from './sim-report.ts';
import type { NudgePolicyName } from './nudge-tally.ts';

export interface SimArgs {
  stores: number;
  kiosksPerStore: number;
  slots: number;
  packs: number;
  customers: number;
  scenario: ScenarioName;
  /** Simulated ms per wall ms; Infinity: as fast as the server keeps up. */
  speed: number;
  durationMs: number;
  seed: string;
  /** Both set: a remote server. Neither: an in-process one. */
  brokerUrl: string | null;
  apiUrl: string | null;
  token: string | null;
  idPrefix: string;
  dataDir: string | null;
  quiet: boolean;
  /** The nudge policy (in-process: the server runs it; remote: the server's own, and off keeps the apps away). */
  nudges: NudgePolicyName;
  /** Nudges per customer in a rolling 24 h (in-process: the server's cap; both: the report's check). */
  nudgeCap: number;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
const MAX_DURATION_MS = 366 * 86_400_000;

/** "2d", "12h", "90m", "1d12h", "45s": ms, or null when it is not a duration. */
export function parseDuration(raw: string): number | null {
  const s = raw.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d|w))+$/.test(s)) return null;
  let ms = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) ms += Number(m[1]) * UNITS[m[2]!]!;
  return ms > 0 ? Math.round(ms) : null;
}

type Values = Record<string, string | boolean | undefined>;

/** Checks every flag; all the problems at once, each with its reason. */
export function parseSimArgs(v: Values, env: Record<string, string | undefined> = {}): { ok: true; args: SimArgs } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = v[name];
    if (raw === undefined) return def;
    if (typeof raw !== 'string' || !/^-?\d+$/.test(raw)) {
      errors.push(`--${name} must be a whole number, got "${String(raw)}"`);
      return def;
    }
    const n = Number(raw);
    if (n < min || n > max) errors.push(`--${name} must be between ${min} and ${max}, got ${n}`);
    return n;
  };
  const str = (name: string): string | null => (typeof v[name] === 'string' ? (v[name] as string) : null);
  const stores = int('stores', 3, 1, 100_000);
  const kiosksPerStore = int('kiosks-per-store', 2, 1, 100);
  const slots = int('slots', 12, 1, 64);
  const packs = int('packs', 200, 1, 1_000_000);
  const customers = int('customers', Math.round(packs * 0.75), 0, 1_000_000);
  const scName = str('scenario') ?? 'normal-day';
  if (!isScenarioName(scName)) errors.push(`--scenario must be one of ${SCENARIO_NAMES.join(', ')}, got "${scName}"`);
  const scenario: ScenarioName = isScenarioName(scName) ? scName : 'normal-day';
  const brokerUrl = str('broker');
  const apiUrl = str('api');
  if (brokerUrl !== null) {
    try {
      const u = new URL(brokerUrl);
      if (u.protocol !== 'mqtt:' || !u.hostname) errors.push(`--broker must be mqtt://host:port, got "${brokerUrl}"`);
    } catch {
      errors.push(`--broker must be mqtt://host:port, got "${brokerUrl}"`);
    }
  }
  if (apiUrl !== null) {
    try {
      const u = new URL(apiUrl);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') errors.push(`--api must be an http(s) URL, got "${apiUrl}"`);
    } catch {
      errors.push(`--api must be an http(s) URL, got "${apiUrl}"`);
    }
  }
  const remote = brokerUrl !== null || apiUrl !== null;
  if (remote && (brokerUrl === null || apiUrl === null)) errors.push('--broker and --api go together: give both for a running server, or neither for an in-process one');
  const token = str('token') ?? env.CF_ADMIN_TOKEN ?? null;
  if (remote && !token) errors.push('an admin token is needed to provision devices: pass --token or set CF_ADMIN_TOKEN');
  if (!remote && str('token') !== null) errors.push('--token is for a running server (--broker and --api); the in-process server makes its own');
  const dataDir = str('data-dir');
  if (remote && dataDir !== null) errors.push('--data-dir is for the in-process server; a running server keeps its own data');
  const rawSpeed = str('speed');
  let speed = remote ? 1 : Infinity;
  if (rawSpeed !== null) {
    speed = rawSpeed === 'max' ? Infinity : Number(rawSpeed);
    if (rawSpeed.trim() === '' || Number.isNaN(speed) || !(speed >= 1) || (Number.isFinite(speed) && speed > 1_000_000) || (rawSpeed !== 'max' && !Number.isFinite(speed))) {
      errors.push(`--speed must be a number from 1 to 1000000 (simulated seconds per second) or "max", got "${rawSpeed}"`);
      speed = 1;
    } else if (remote && !Number.isFinite(speed)) errors.push('--speed max needs the in-process server; against a running server give a number');
  }
  const rawDuration = str('duration');
  let durationMs = scenarioByName(scenario).durationMs;
  if (rawDuration !== null) {
    const d = parseDuration(rawDuration);
    if (d === null) errors.push(`--duration must be like 45s, 90m, 12h, 2d or 1d12h, got "${rawDuration}"`);
    else if (d > MAX_DURATION_MS) errors.push(`--duration must be at most 366d, got "${rawDuration}"`);
    else durationMs = d;
  }
  const nudgesRaw = str('nudges') ?? 'personal';
  if (nudgesRaw !== 'off' && nudgesRaw !== 'blanket' && nudgesRaw !== 'personal') errors.push(`--nudges must be off, blanket or personal, got "${nudgesRaw}"`);
  const nudges = (['off', 'blanket', 'personal'] as const).find((x) => x === nudgesRaw) ?? 'personal';
  const nudgeCap = int('nudge-cap', 2, 0, 100);
  const idPrefix = str('id-prefix') ?? `sim-${Math.random().toString(36).slice(2, 6)}-`;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/.test(idPrefix)) errors.push(`--id-prefix must be 1-32 of A-Z a-z 0-9 . _ - starting with a letter or digit, got "${idPrefix}"`);
  if (stores * kiosksPerStore > 100_000) errors.push(`--stores × --kiosks-per-store must be at most 100000, got ${stores * kiosksPerStore}`);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, args: { stores, kiosksPerStore, slots, packs, customers, scenario, speed, durationMs, seed: str('seed') ?? '1', brokerUrl, apiUrl, token, idPrefix, dataDir, quiet: v.quiet === true, nudges, nudgeCap } };
}

/** A server started in this process on the simulator's clock (app/ provides it). */
export interface InProcessServer {
  mqttUrl: string;
  httpUrl: string;
  adminToken: string;
  stop(): Promise<void>;
}

export interface SimIo {
  startServer(clock: VirtualClock, dataDir: string | null, nudges: { policy: NudgePolicyName; capPer24h: number }): Promise<InProcessServer>;
  out(line: string): void;
  err(line: string): void;
  /** Whether stderr is a terminal (the live line then redraws in place with write). */
  tty: boolean;
  write?(s: string): void;
  signal?: AbortSignal;
}

/** Runs the command; resolves with the exit code once the report is printed. */
export async function runSimCommand(a: SimArgs, io: SimIo): Promise<number> {
  const { MqttFleet } = await import('./mqtt-fleet.ts');
  const remote = a.brokerUrl !== null && a.apiUrl !== null;
  // Remote at speed 1: real time. Remote faster: replay the last --duration so that device clocks
  // never run ahead of the server's. In-process: the server shares this virtual clock.
  const clock = remote && a.speed === 1 ? new RealTimeClock({ unref: true }) : new VirtualClock(remote ? Date.now() - a.durationMs : undefined);
  let server: InProcessServer | null = null;
  let fleet: MqttFleet | null = null;
  let live: NodeJS.Timeout | null = null;
  try {
    if (!remote) server = await io.startServer(clock as VirtualClock, a.dataDir, { policy: a.nudges, capPer24h: a.nudgeCap });
    const brokerUrl = remote ? a.brokerUrl! : server!.mqttUrl;
    const api = { baseUrl: (remote ? a.apiUrl! : server!.httpUrl).replace(/\/$/, ''), token: remote ? a.token! : server!.adminToken };
    io.err(`chargefleet sim: ${a.scenario}, ${a.stores} stores × ${a.kiosksPerStore} kiosks, ${a.packs} packs, ${a.customers} customers, nudges ${a.nudges}, ${Number.isFinite(a.speed) ? `speed ${a.speed}` : 'as fast as the server keeps up'}${remote ? ` against ${brokerUrl} and ${api.baseUrl}` : ' on an in-process server'}`);
    fleet = await MqttFleet.create({ seed: a.seed, packs: a.packs, customers: a.customers, stores: a.stores, kiosksPerStore: a.kiosksPerStore, slotsPerKiosk: a.slots, scenario: a.scenario, brokerUrl, api, clock, idPrefix: a.idPrefix, nudges: a.nudges, nudgeCapPer24h: a.nudgeCap, log: (l) => io.err(`  ${l}`), ...(remote ? {} : { links: { publishRatePerSec: 2000, publishBurst: 4000 } }) });
    const f = fleet;
    if (!a.quiet) live = liveLine(() => f.summary(), io);
    await f.run({ untilMs: f.startMs + a.durationMs, speed: a.speed, ...(io.signal ? { signal: io.signal } : {}) });
    f.halt();
    await f.drain(10_000);
    if (live) clearInterval(live);
    if (io.tty && !a.quiet) io.err('');
    io.err(f.summary());
    const report: SimReport = f.report();
    io.out(JSON.stringify(report, null, 2));
    return 0;
  } finally {
    if (live) clearInterval(live);
    fleet?.close();
    await server?.stop();
  }
}

/** Redraws the summary every second on a terminal; elsewhere prints it every 10 s. */
export function liveLine(summary: () => string, io: Pick<SimIo, 'err' | 'tty' | 'write'>): NodeJS.Timeout {
  let last = 0;
  const t = setInterval(() => {
    if (io.tty && io.write) io.write(`\r${summary().slice(0, 200)}\x1b[K`);
    else if (Date.now() - last >= 10_000) {
      last = Date.now();
      io.err(summary());
    }
  }, 1000);
  t.unref();
  return t;
}
