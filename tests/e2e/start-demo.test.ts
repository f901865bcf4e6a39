// `chargefleet start` as a newcomer meets it: a readable terminal (the banner, the demo's line, no
// JSON), the log in a file, hints that work with non-default ports, a last summary line on Ctrl-C,
// and on a second start in the same data dir a plain word about the earlier fleet, which shows
// offline. `serve`, for production, logs JSON on stdout, and requests only at debug level.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { serverFilePath } from '../../app/server-file.ts';
import { runCli } from '../helpers/cli.ts';
import { BIN, ROOT, startServerProcess } from '../helpers/server-process.ts';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function freshDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'cf-start-'));
  dirs.push(d);
  return d;
}

interface Started {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

function start(dataDir: string, flags: string[] = ['--small']): Started {
  const child = spawn(process.execPath, [BIN, 'start', ...flags], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', CF_DATA_DIR: dataDir, CF_MQTT_PORT: '0', CF_HTTP_PORT: '0', CF_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  return { child, stdout: () => out, stderr: () => err, exited: new Promise((r) => child.once('exit', (code) => r(code))) };
}

async function until(s: Started, re: RegExp, timeoutMs = 120_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = re.exec(s.stdout());
    if (m) return m;
    if (s.child.exitCode !== null || Date.now() > deadline) throw new Error(`no ${re} in:\n${s.stdout()}\n${s.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function api(base: string, token: string, path: string): Promise<Record<string, unknown>> {
  const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()) as Record<string, unknown>;
}

// The small demo provisions 24 packs, 2 kiosks and 12 customer apps; it connects them all but the
// app it leaves for mosquitto_sub (when one of its customers is nudgeable: the holdout is by id).
const SMALL_DEMO_DEVICES = 24 + 2 + 12;
const connectedDevices = (out: string) => SMALL_DEMO_DEVICES - (/be customer \S+'s app/.test(out) ? 1 : 0);

describe('chargefleet start', { timeout: 300_000 }, () => {
  it('keeps the terminal readable, logs to a file, gives working hints, and ends with the summary line', async () => {
    const dataDir = freshDir();
    const s = start(dataDir);
    await until(s, /admin token: (\S+)/);
    // The demo has started once both accounts' one-time passwords are out (scrypt makes them the
    // last lines, after the hints): a Ctrl-C before then is the other test's case.
    await until(s, /one-time password: \S+\n[^\n]*one-time password: \S+\n/);
    const out = s.stdout();
    const http = /HTTP:\s+(http:\/\/\S+)/.exec(out)![1]!;
    const token = /export CF_ADMIN_TOKEN=(\S+)/.exec(out)![1]!;
    // The ports are not the defaults, so every hint names the address.
    const hint = /list devices:\s+npx chargefleet (devices list --api \S+)/.exec(out)![1]!;
    expect(hint).toBe(`devices list --api ${http}`);
    expect(out).toContain(`provision a device:  npx chargefleet devices add --kind pack --id pack-0001 --api ${http}`);
    expect(out).toContain(`log:   ${join(dataDir, 'chargefleet.log')}`);

    // The hint, run as printed (from another directory, as from another terminal), works.
    const listed = await runCli(hint.split(' '), { CF_ADMIN_TOKEN: token, CF_DATA_DIR: tmpdir() });
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^demo-\S+-ki-00000\tkiosk\tonline/m);

    // No JSON on the terminal; the log file has it, without a line per HTTP request.
    expect(out.split('\n').filter((l) => l.startsWith('{'))).toEqual([]);
    const log = readFileSync(join(dataDir, 'chargefleet.log'), 'utf8');
    expect(log).toContain('"msg":"broker listening"');
    expect(log).not.toContain('incoming request');
    expect(log).not.toContain('request completed');

    expect(readFileSync(serverFilePath(dataDir), 'utf8')).toContain(http);
    s.child.kill('SIGINT');
    expect(await s.exited).toBe(0);
    const lines = s.stdout().trimEnd().split('\n');
    expect(lines.at(-1)).toBe('chargefleet stopped');
    expect(lines.at(-2)).toMatch(new RegExp(`^sim \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d x\\S+ \\| conn \\d+/${connectedDevices(out)} \\| msgs `));
    expect(existsSync(serverFilePath(dataDir))).toBe(false);
  });

  it('on the same data dir says a second fleet was added, goes on in time, and shows the first fleet offline', async () => {
    const dataDir = freshDir();
    const first = start(dataDir);
    await until(first, /admin token: (\S+)/);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    const demo = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as { clockMs: number; fleets: { idPrefix: string }[] };
    expect(demo.fleets).toHaveLength(1);
    const firstPrefix = demo.fleets[0]!.idPrefix;
    const s = start(dataDir);
    await until(s, /admin token: (\S+)/);
    const out = s.stdout();
    expect(out).toContain(`this data dir already holds 1 earlier demo fleet (${firstPrefix}*, ${SMALL_DEMO_DEVICES} devices).`);
    expect(out).toMatch(/A second fleet, demo-\S+-\*, is added beside it; the earlier devices are not simulated and show offline\./);
    const from = /Simulated time goes on from (\S+)Z/.exec(out)![1]!;
    expect(Date.parse(`${from}Z`)).toBeGreaterThanOrEqual(Math.floor(demo.clockMs / 60_000) * 60_000);

    const http = /HTTP:\s+(http:\/\/\S+)/.exec(out)![1]!;
    const token = /export CF_ADMIN_TOKEN=(\S+)/.exec(out)![1]!;
    const kiosk = await api(http, token, `/v1/kiosks/${firstPrefix}ki-00000`);
    expect(kiosk).toMatchObject({ online: false, connected: false });
    expect(typeof kiosk.lastSeenAt).toBe('string');
    const devices = (await api(http, token, '/v1/devices?limit=1000')).devices as { id: string; online: boolean }[];
    const earlier = devices.filter((d) => d.id.startsWith(firstPrefix));
    expect(earlier).toHaveLength(SMALL_DEMO_DEVICES);
    expect(earlier.filter((d) => d.online)).toEqual([]);
    expect(devices.filter((d) => !d.id.startsWith(firstPrefix) && d.online).length).toBeGreaterThan(0);

    s.child.kill('SIGINT');
    expect(await s.exited).toBe(0);
  });
  it('stops at once on Ctrl-C while the demo fleet is still being provisioned', async () => {
    const dataDir = freshDir();
    // The full demo: 620 devices take seconds to provision, so the signal lands in the middle.
    const s = start(dataDir, []);
    await until(s, /starting the demo fleet\.\.\./);
    const t0 = Date.now();
    s.child.kill('SIGINT');
    expect(await s.exited).toBe(0);
    expect(s.stdout()).toContain('chargefleet stopped (the demo fleet was still starting)');
    // Stopping does not wait for the half-built fleet's connection timeout (120 s).
    expect(Date.now() - t0).toBeLessThan(60_000);
    expect(s.stderr()).not.toContain('the demo fleet did not start');
    expect(existsSync(serverFilePath(dataDir))).toBe(false);
  });
});

describe('chargefleet serve', { timeout: 120_000 }, () => {
  it('logs JSON lines on stdout, and requests only at debug level', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-serve-log-'));
    const server = await startServerProcess({ CF_DATA_DIR: dir, CF_ADMIN_TOKEN: 'serve-log-token-0123456789', CF_LOG_LEVEL: 'info' });
    try {
      for (let i = 0; i < 3; i++) await fetch(`${server.httpUrl}/healthz`);
      const json = server.stdout().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: number; msg: string });
      expect(json.map((l) => l.msg)).toContain('broker listening');
      expect(json.filter((l) => /request/.test(l.msg))).toEqual([]);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    const debug = mkdtempSync(join(tmpdir(), 'cf-serve-debug-'));
    const verbose = await startServerProcess({ CF_DATA_DIR: debug, CF_ADMIN_TOKEN: 'serve-log-token-0123456789', CF_LOG_LEVEL: 'debug' });
    try {
      await fetch(`${verbose.httpUrl}/healthz`);
      const deadline = Date.now() + 10_000;
      while (!verbose.stdout().includes('"url":"/healthz"') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const lines = verbose.stdout().split('\n').filter((l) => l.includes('"url":"/healthz"'));
      // One line per request, at debug (20).
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ level: 20, msg: 'request', method: 'GET', statusCode: 200 });
    } finally {
      await verbose.stop();
      rmSync(debug, { recursive: true, force: true });
    }
  });
});
