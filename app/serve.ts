// `chargefleet serve` / `start` / `sim`: load config, start the system, print where it lives, stop
// cleanly on signals. `start` also runs the demo fleet on the server's virtual clock; `sim` runs a
// simulated fleet against a running server or an in-process one.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CfError, ERRORS, type ErrorCode } from '../domain/errors.ts';
import { VirtualClock } from '../firmware-sim/virtual-clock.ts';
import type { InProcessServerOptions } from '../firmware-sim/sim-command.ts';
import { UsageError } from './cli-args.ts';
import { loadConfig } from './config.ts';
import { connectableUrl } from './cli-api.ts';
import { readDemoState, writeDemoState, type DemoState } from './demo-state.ts';
import { createRootLogger, fileLogger, stdoutLogger } from './logger.ts';
import { startSystem } from './system.ts';
import { inHoldout } from '../domain/nudge/nudge-policy.ts';
import { demoAccounts } from './demo-accounts.ts';
import type { AccountAdmin } from '../services/account-admin.ts';

const out = (s: string) => process.stdout.write(s + '\n');

export async function serve(opts: { demo: boolean; small?: boolean }): Promise<number> {
  // Files this process creates (DuckDB, its WAL, the spool, secrets, the log) are for its owner only.
  process.umask(0o077);
  // The demo provisions its fleet through the API, so it needs the admin token in clear: without
  // CF_ADMIN_TOKEN it makes one for this run (a stored token from `serve` does not work meanwhile).
  const demoToken = opts.demo && !process.env.CF_ADMIN_TOKEN ? `cfdemo_${randomBytes(24).toString('base64url')}` : undefined;
  // The demo fleet runs in this process: its work would look like ingest load to the overload
  // guard, which cannot tell the two apart, so the guard is off unless asked for.
  const inProcessFleet = opts.demo && !process.env.CF_INGEST_MAX_LOOP_LAG_MS ? { ingestMaxLoopLagMs: 0 } : {};
  const config = loadConfig(process.env, { ...(demoToken ? { adminToken: demoToken } : {}), ...inProcessFleet });
  const dataDir = resolve(config.dataDir);
  // `serve` is for production: JSON lines on stdout. `start` is for a person at a terminal: the
  // log goes to a file, and the banner and the demo's line stay readable.
  const logFile = opts.demo ? join(dataDir, 'chargefleet.log') : null;
  const logger = logFile ? fileLogger(config.logLevel, logFile) : stdoutLogger(config.logLevel);
  const demo = opts.demo ? await import('../firmware-sim/demo.ts') : null;
  const earlier = demo ? readDemoState(dataDir) : null;
  // On a data dir with an earlier demo, simulated time goes on from where it stopped, never back.
  const clock = demo ? new VirtualClock(Math.max(demo.demoStartMs(), earlier?.clockMs ?? 0)) : undefined;
  const sys = await startSystem({ config, logger, ...(clock ? { clock } : {}) });
  const http = connectable(sys.httpUrl);
  out('chargefleet is running');
  out(`  MQTT:  ${sys.mqttUrl}${sys.mqttsUrl ? `   (TLS: ${sys.mqttsUrl})` : ''}`);
  out(`  HTTP:  ${sys.httpUrl}   (health: ${http}/healthz, API docs: ${http}/docs)`);
  out(`  data:  ${sys.dataDir}   (store: ${config.store})`);
  if (logFile) out(`  log:   ${logFile}   (CF_LOG_LEVEL=${config.logLevel}; warnings also here)`);
  const b = sys.connectionBudget;
  out(b.descriptorLimit === null
    ? `  limits: up to ${b.maxConnections} MQTT connections (CF_MAX_CONNECTIONS; the open-file limit is unknown here)`
    : `  limits: up to ${b.maxConnections} MQTT connections (open-file limit ${b.descriptorLimit}, ${b.reserve} kept for HTTP, the database and the log; raise it with ulimit -n)`);
  out('');
  if (sys.generatedAdminToken) out(`  admin token (shown only this once; only its hash is stored): ${sys.generatedAdminToken}`);
  if (sys.generatedAdminToken || demoToken) out(`  export CF_ADMIN_TOKEN=${sys.generatedAdminToken ?? demoToken}${demoToken ? '   (the admin token for this run)' : ''}`);
  // The CLI finds this server by itself only from this data dir, with these variables: the hints
  // name the address whenever it is not the default, so they work from any shell.
  const apiFlag = http === DEFAULT_API ? '' : ` --api ${http}`;
  out(`  provision a device:  npx chargefleet devices add --kind pack --id pack-0001${apiFlag}`);
  out(`  list devices:        npx chargefleet devices list${apiFlag}`);
  out(`  publish readings:    any MQTT 3.1.1 client to ${connectable(sys.mqttUrl)} (README: "Provision a device and publish a reading")`);
  out('  stop: Ctrl-C');

  let stopDemo: (() => Promise<void>) | null = null;
  let demoStarting = false;
  let stopping = false;
  // Whether the demo was still starting when the signal came (it may fail fast once the API is gone).
  let stoppedWhileStarting = false;
  const stopped = new Promise<void>((resolveStopped) => {
    const stop = (signal: string) => {
      // A second Ctrl-C does not wait for a clean stop.
      if (stopping) process.exit(130);
      stopping = true;
      stoppedWhileStarting = demoStarting;
      sys.logger.info({ component: 'system', signal }, 'stopping');
      void (async () => {
        await stopDemo?.();
        await sys.stop();
        resolveStopped();
      })();
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
  if (demo && clock) {
    demoStarting = true;
    // Not awaited before `stopped`: Ctrl-C while the demo is being provisioned stops the system now.
    void startDemo(demo, { clock, mqttUrl: sys.mqttUrl, httpUrl: http, token: config.adminToken!, dataDir, earlier, small: opts.small === true, holdoutPct: config.nudgeHoldoutPct, accounts: sys.accounts, stopping: () => stopping }).then((stopNow) => {
      demoStarting = false;
      if (stopping) void stopNow();
      else stopDemo = stopNow;
    });
  }
  await stopped;
  if (stoppedWhileStarting) {
    // The half-built demo fleet would keep retrying a server that is gone: the data is closed, so go.
    out('chargefleet stopped (the demo fleet was still starting)');
    process.exit(0);
  }
  out('chargefleet stopped');
  return 0;
}

const DEFAULT_API = 'http://127.0.0.1:8080';

/** The address a client uses for a listen URL (0.0.0.0 means this machine). */
function connectable(listenUrl: string): string {
  const u = new URL(listenUrl);
  return connectableUrl(u.protocol.slice(0, -1), u.hostname.replace(/^\[|\]$/g, ''), Number(u.port));
}

interface DemoRun {
  clock: VirtualClock;
  mqttUrl: string;
  httpUrl: string;
  token: string;
  dataDir: string;
  earlier: DemoState | null;
  small: boolean;
  /** CF_NUDGE_HOLDOUT_PCT: the demo's watched customer must be one the server would nudge. */
  holdoutPct: number;
  accounts: AccountAdmin;
  stopping(): boolean;
}

/** Provisions, connects and runs the demo fleet; returns how to stop it. The system keeps serving if the demo fails. */
async function startDemo(demo: typeof import('../firmware-sim/demo.ts'), r: DemoRun): Promise<() => Promise<void>> {
  const { liveLine } = await import('../firmware-sim/sim-command.ts');
  const idPrefix = demo.newDemoPrefix();
  const fleets = r.earlier?.fleets ?? [];
  out('');
  if (fleets.length > 0) {
    // Two fleets in one data dir are easy to mistake for one: say so, once, plainly.
    out(`this data dir already holds ${fleets.length} earlier demo fleet${fleets.length === 1 ? '' : 's'} (${fleets.map((f) => `${f.idPrefix}*, ${f.devices} devices`).join('; ')}).`);
    out(`A second fleet, ${idPrefix}*, is added beside ${fleets.length === 1 ? 'it' : 'them'}; the earlier devices are not simulated and show offline.`);
    out(`Simulated time goes on from ${new Date(r.clock.now()).toISOString().slice(0, 16)}Z. For a clean start, use a fresh CF_DATA_DIR.`);
    out('');
  }
  out('starting the demo fleet...');
  let fleet;
  try {
    fleet = await demo.createDemoFleet({ brokerUrl: r.mqttUrl, httpUrl: r.httpUrl, adminToken: r.token, clock: r.clock, idPrefix, log: (l) => out(`  ${l}`), nudgeable: (id) => !inHoldout(id, r.holdoutPct), ...(r.small ? { size: demo.SMALL_DEMO_FLEET } : {}) });
  } catch (err) {
    if (!r.stopping()) process.stderr.write(`the demo fleet did not start: ${(err as Error).message}\n(the system keeps running without it)\n`);
    return async () => {};
  }
  const f = fleet;
  const state: DemoState = { clockMs: r.clock.now(), fleets: [...fleets, { idPrefix, devices: f.pool.links.length + f.appPasswords.size /* the app left for mosquitto_sub too */, addedAt: new Date().toISOString() }] };
  const save = () => {
    state.clockMs = Math.max(state.clockMs, r.clock.now());
    writeDemoState(r.dataDir, state);
  };
  save();
  const saver = setInterval(save, 5000);
  saver.unref();
  out('');
  for (const line of demo.whereToLook(r.httpUrl, r.token, f)) out(line);
  try {
    out(`  dashboard: open ${r.httpUrl}/ and log in with (you choose your own password at first login):`);
    for (const a of await demoAccounts(r.accounts, f.built.stores.ids[0]!)) out(`    ${a.role.padEnd(8)} ${a.email}   one-time password: ${a.oneTimePassword}`);
  } catch (err) {
    process.stderr.write(`the demo accounts were not created: ${(err as Error).message}\n`);
  }
  out('');
  const tty = process.stdout.isTTY === true;
  const live = liveLine(() => f.summary(), { tty, err: out, write: (s) => process.stdout.write(s) });
  const ac = new AbortController();
  const running = f.run({ untilMs: Infinity, speed: demo.DEMO_SPEED, signal: ac.signal }).catch((err: unknown) => {
    process.stderr.write(`\nthe demo fleet stopped: ${(err as Error).message}\n`);
  });
  return async () => {
    clearInterval(live);
    clearInterval(saver);
    ac.abort();
    await running;
    f.close();
    save();
    // The last word on the run, where the live line was.
    out(`${tty ? '\r' : ''}${f.summary()}${tty ? '\x1b[K' : ''}`);
  };
}

/** `chargefleet sim`: flags checked by the simulator; an in-process server when no --broker/--api. */
export async function sim(values: Record<string, string | boolean | undefined>, positionals: string[] = []): Promise<number> {
  const { parseSimArgs, runSimCommand } = await import('../firmware-sim/sim-command.ts');
  const parsed = parseSimArgs(values, process.env);
  const errors = [...(parsed.ok ? [] : parsed.errors), ...positionals.map((p) => `unexpected argument "${p}": every setting is a --flag`)];
  if (!parsed.ok || errors.length > 0) throw new UsageError(errors.join('\n  '));
  const ac = new AbortController();
  const onSignal = () => ac.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await runSimCommand(parsed.args, {
      startServer: startInProcessServer,
      out,
      err: (s) => process.stderr.write(s + '\n'),
      write: (s) => process.stderr.write(s),
      tty: process.stderr.isTTY === true,
      signal: ac.signal,
    });
  } catch (err) {
    const e = err as Error & { status?: number; code?: string };
    if (e.name !== 'ApiError') throw err;
    // The API said no, or could not be reached: a reason, not a stack trace.
    const code: ErrorCode = e.status === 0 ? 'CF_ERR_STORE_UNAVAILABLE' : e.code && e.code in ERRORS ? (e.code as ErrorCode) : 'CF_ERR_HTTP_INTERNAL';
    throw new CfError(code, e.message);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** A system on ephemeral loopback ports sharing the simulator's clock, its data in a temp dir unless told. */
async function startInProcessServer(clock: VirtualClock, dataDir: string | null, opts: InProcessServerOptions) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'cf-sim-'));
  const adminToken = `cfsim_${randomBytes(24).toString('base64url')}`;
  // Simulated time runs fast, and so do the kiosks' 30 s reports: the per-connection limit is raised.
  // The simulator shares this process: no overload guard (it would take the simulator's work for load).
  const config = loadConfig(process.env, { dataDir: dir, mqttHost: '127.0.0.1', mqttPort: 0, httpHost: '127.0.0.1', httpPort: 0, adminToken, publishRatePerSec: 100_000, publishBurst: 200_000, kioskLedgerRatePerSec: 100_000, kioskLedgerBurst: 200_000, ingestMaxLoopLagMs: 0, couriers: opts.couriers, nudgePolicy: opts.nudges.policy, nudgeMaxPer24h: opts.nudges.capPer24h });
  const sys = await startSystem({ config, clock, logger: createRootLogger(process.env.CF_LOG_LEVEL ?? 'warn') });
  return {
    mqttUrl: sys.mqttUrl,
    httpUrl: sys.httpUrl,
    adminToken,
    async stop() {
      await sys.stop();
      if (dataDir === null) rmSync(dir, { recursive: true, force: true });
    },
  };
}
