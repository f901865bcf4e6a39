// `chargefleet serve` / `start` / `sim`: load config, start the system, print where it lives, stop
// cleanly on signals. `start` also runs the demo fleet on the server's virtual clock; `sim` runs a
// simulated fleet against a running server or an in-process one.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CfError, ERRORS, type ErrorCode } from '../domain/errors.ts';
import { VirtualClock } from '../firmware-sim/virtual-clock.ts';
import { loadConfig } from './config.ts';
import { createRootLogger } from './logger.ts';
import { startSystem } from './system.ts';

const out = (s: string) => process.stdout.write(s + '\n');

export async function serve(opts: { demo: boolean }): Promise<number> {
  // The demo provisions its fleet through the API, so it needs the admin token in clear: without
  // CF_ADMIN_TOKEN it makes one for this run (a stored token from `serve` does not work meanwhile).
  const demoToken = opts.demo && !process.env.CF_ADMIN_TOKEN ? `cfdemo_${randomBytes(24).toString('base64url')}` : undefined;
  // The demo fleet runs in this process: its work would look like ingest load to the overload
  // guard, which cannot tell the two apart, so the guard is off unless asked for.
  const inProcessFleet = opts.demo && !process.env.CF_INGEST_MAX_LOOP_LAG_MS ? { ingestMaxLoopLagMs: 0 } : {};
  const config = loadConfig(process.env, { ...(demoToken ? { adminToken: demoToken } : {}), ...inProcessFleet });
  const demo = opts.demo ? await import('../firmware-sim/demo.ts') : null;
  const clock = demo ? new VirtualClock(demo.demoStartMs()) : undefined;
  const sys = await startSystem({ config, ...(clock ? { clock } : {}) });
  out('chargefleet is running');
  out(`  MQTT:  ${sys.mqttUrl}${sys.mqttsUrl ? `   (TLS: ${sys.mqttsUrl})` : ''}`);
  out(`  HTTP:  ${sys.httpUrl}   (health: ${sys.httpUrl}/healthz, API description: ${sys.httpUrl}/openapi.json)`);
  out(`  data:  ${sys.dataDir}   (store: ${config.store})`);
  if (sys.generatedAdminToken) {
    out('');
    out(`  admin token (shown only this once; only its hash is stored): ${sys.generatedAdminToken}`);
    out(`  export CF_ADMIN_TOKEN=${sys.generatedAdminToken}`);
  }
  out('');
  out('  provision a device:  npx chargefleet devices add --kind pack --id pack-0001');
  out('  stop: Ctrl-C');
  const stopDemo = demo && clock ? await startDemo(demo, clock, sys.mqttUrl, sys.httpUrl, config.adminToken!) : null;
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      sys.logger.info({ component: 'system', signal }, 'stopping');
      void (stopDemo ? stopDemo() : Promise.resolve()).then(() => sys.stop()).then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

/** Provisions, connects and runs the demo fleet; returns how to stop it. The system keeps serving if the demo fails. */
async function startDemo(demo: typeof import('../firmware-sim/demo.ts'), clock: VirtualClock, mqttUrl: string, httpUrl: string, token: string): Promise<() => Promise<void>> {
  const { liveLine } = await import('../firmware-sim/sim-command.ts');
  out('');
  out('starting the demo fleet...');
  let fleet;
  try {
    fleet = await demo.createDemoFleet({ brokerUrl: mqttUrl, httpUrl, adminToken: token, clock, log: (l) => out(`  ${l}`) });
  } catch (err) {
    process.stderr.write(`the demo fleet did not start: ${(err as Error).message}\n(the system keeps running without it)\n`);
    return async () => {};
  }
  out('');
  for (const line of demo.whereToLook(httpUrl, token, fleet)) out(line);
  out('');
  const f = fleet;
  const live = liveLine(() => f.summary(), { tty: process.stdout.isTTY === true, err: out, write: (s) => process.stdout.write(s) });
  const ac = new AbortController();
  const running = f.run({ untilMs: Infinity, speed: demo.DEMO_SPEED, signal: ac.signal }).catch((err: unknown) => {
    process.stderr.write(`\nthe demo fleet stopped: ${(err as Error).message}\n`);
  });
  return async () => {
    clearInterval(live);
    ac.abort();
    await running;
    f.close();
    if (process.stdout.isTTY) out('');
  };
}

/** `chargefleet sim`: flags checked by the simulator; an in-process server when no --broker/--api. */
export async function sim(values: Record<string, string | boolean | undefined>, positionals: string[] = []): Promise<number> {
  const { parseSimArgs, runSimCommand } = await import('../firmware-sim/sim-command.ts');
  const parsed = parseSimArgs(values, process.env);
  const errors = [...(parsed.ok ? [] : parsed.errors), ...positionals.map((p) => `unexpected argument "${p}": every setting is a --flag`)];
  if (!parsed.ok || errors.length > 0) throw new CfError('CF_ERR_HTTP_BAD_REQUEST', errors.join('\n  '), { usage: true });
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
async function startInProcessServer(clock: VirtualClock, dataDir: string | null) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'cf-sim-'));
  const adminToken = `cfsim_${randomBytes(24).toString('base64url')}`;
  // Simulated time runs fast, and so do the kiosks' 30 s reports: the per-connection limit is raised.
  // The simulator shares this process: no overload guard (it would take the simulator's work for load).
  const config = loadConfig(process.env, { dataDir: dir, mqttHost: '127.0.0.1', mqttPort: 0, httpHost: '127.0.0.1', httpPort: 0, adminToken, publishRatePerSec: 100_000, publishBurst: 200_000, ingestMaxLoopLagMs: 0 });
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
