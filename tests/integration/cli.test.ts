// The `chargefleet` command as an operator meets it in the first hour: it finds the running server,
// explains itself, exits 2 for a usage error and 78 for a configuration error, pages, rotates and
// re-provisions credentials, and says when an import changed nothing. A real server (in this
// process, on loopback) answers; the CLI runs in child processes; devices connect over real MQTT.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../app/cli.ts';
import { readServerFile, serverFilePath } from '../../app/server-file.ts';
import { VERSION } from '../../app/version.ts';
import { SCENARIO_NAMES } from '../../firmware-sim/scenarios.ts';
import { runCli, runShell } from '../helpers/cli.ts';
import { ADMIN_TOKEN, startTestSystem, type TestSystem } from '../helpers/system.ts';

let t: TestSystem;
let env: Record<string, string>;
const scratch = mkdtempSync(join(tmpdir(), 'cf-cli-'));
/** Each CLI run is a node process loading tsx: 1-3 s, more on a shared machine; some tests run six. */
const SLOW = 180_000;

beforeAll(async () => {
  t = await startTestSystem();
  // The server's data dir and the token: what an operator's second terminal has after `export`.
  env = { CF_DATA_DIR: t.dataDir, CF_ADMIN_TOKEN: ADMIN_TOKEN };
}, 60_000);
afterAll(async () => {
  await t?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const password = (out: string): string => {
  const m = /MQTT password:\s+(\S+)/.exec(out);
  if (!m) throw new Error(`no password in:\n${out}`);
  return m[1]!;
};

describe('finding the server', { timeout: SLOW }, () => {
  it('reads server.json from the data dir, takes --api without a scheme, and says where it looked when nothing answers', async () => {
    const info = readServerFile(t.dataDir);
    expect(info).toMatchObject({ pid: process.pid, httpUrl: t.sys.httpUrl, mqttUrl: t.sys.mqttUrl, dataDir: t.dataDir });
    await t.provision('pack', 'find-me');

    const viaFile = await runCli(['devices', 'list'], env);
    expect(viaFile.status, viaFile.stderr).toBe(0);
    expect(viaFile.stdout).toMatch(/^find-me\tpack\toffline\t-$/m);

    const hostPort = t.sys.httpUrl.replace('http://', '');
    const viaFlag = await runCli(['devices', 'list', '--api', hostPort], { CF_ADMIN_TOKEN: ADMIN_TOKEN, CF_DATA_DIR: scratch });
    expect(viaFlag.status, viaFlag.stderr).toBe(0);
    expect(viaFlag.stdout).toContain('find-me');

    // Nothing listens on port 1; the message names the address and where it came from.
    const nobody = await runCli(['devices', 'list'], { CF_ADMIN_TOKEN: ADMIN_TOKEN, CF_DATA_DIR: scratch, CF_HTTP_PORT: '1' });
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toContain('cannot reach the chargefleet API at http://127.0.0.1:1 (from CF_HTTP_HOST/CF_HTTP_PORT)');
  });

  it('ignores a server.json left behind by a process that is gone (kill -9)', async () => {
    const dir = mkdtempSync(join(scratch, 'stale-'));
    const gone = spawn(process.execPath, ['-e', '']);
    const pid = gone.pid!;
    await new Promise((r) => gone.once('exit', r));
    writeFileSync(serverFilePath(dir), JSON.stringify({ pid, version: VERSION, startedAt: new Date().toISOString(), dataDir: dir, httpUrl: t.sys.httpUrl, mqttUrl: t.sys.mqttUrl, mqttsUrl: null }));
    expect(readServerFile(dir)).toBeNull();
    const res = await runCli(['devices', 'list'], { CF_ADMIN_TOKEN: ADMIN_TOKEN, CF_DATA_DIR: dir, CF_HTTP_PORT: '' });
    // It fell back to the default address, and said so.
    expect(res.stderr).toContain(`(from the default; no running server's ${serverFilePath(dir)})`);
  });
});

describe('devices', { timeout: SLOW }, () => {
  // Only this test makes kiosks, so the kiosk listing is exactly these five.
  it('lists a page at a time: a "more:" line with the next command, none on the last page, --all for everything', async () => {
    for (const id of ['kp-1', 'kp-2', 'kp-3', 'kp-4', 'kp-5']) await t.provision('kiosk', id);
    const rows = (out: string) => out.split('\n').slice(1).filter(Boolean).map((l) => l.split('\t')[0]);

    const first = await runCli(['devices', 'list', '--kind', 'kiosk', '--limit', '2'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(rows(first.stdout)).toEqual(['kp-1', 'kp-2']);
    expect(first.stderr.trim()).toBe('more: chargefleet devices list --kind kiosk --limit 2 --cursor kp-2   (or --all)');

    const second = await runCli(['devices', 'list', '--kind', 'kiosk', '--limit', '2', '--cursor', 'kp-2'], env);
    expect(rows(second.stdout)).toEqual(['kp-3', 'kp-4']);
    const last = await runCli(['devices', 'list', '--kind', 'kiosk', '--limit', '2', '--cursor', 'kp-4'], env);
    expect(rows(last.stdout)).toEqual(['kp-5']);
    expect(last.stderr).toBe('');
    // Exactly one page's worth: there is no next page, so no cursor and no hint.
    const exact = await runCli(['devices', 'list', '--kind', 'kiosk', '--limit', '5', '--json'], env);
    expect(JSON.parse(exact.stdout)).toMatchObject({ nextCursor: null });
    expect(exact.stderr).toBe('');

    const all = await runCli(['devices', 'list', '--kind', 'kiosk', '--limit', '2', '--all'], env);
    expect(rows(all.stdout)).toEqual(['kp-1', 'kp-2', 'kp-3', 'kp-4', 'kp-5']);
    expect(all.stderr).toBe('');
  });

  it('rotate: a new password works, the old one is refused, and the connected device is cut off', async () => {
    const old = await t.provision('pack', 'rot-1');
    const c = await t.connect('rot-1', old.password);
    const closed = new Promise<void>((r) => c.once('close', () => r()));
    const res = await runCli(['devices', 'rotate', 'rot-1'], env);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain('new password for pack rot-1; the old one no longer works');
    const fresh = password(res.stdout);
    expect(fresh).not.toBe(old.password);
    await closed;
    await expect(t.connect('rot-1', old.password)).rejects.toThrow(/Bad username or password|Not authorized/i);
    const again = await t.connect('rot-1', fresh);
    expect(again.connected).toBe(true);
    await again.endAsync();

    const revokedFirst = await t.provision('pack', 'rot-2');
    await t.sys.api.inject({ method: 'DELETE', url: '/v1/devices/rot-2', headers: t.admin });
    const refused = await runCli(['devices', 'rotate', 'rot-2'], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('CF_ERR_DEVICE_REVOKED');
    expect(refused.stderr).toContain('devices add --kind pack --id rot-2 --replace');
    await expect(t.connect('rot-2', revokedFirst.password)).rejects.toThrow();
  });

  it('add --replace provisions a revoked id again; its old credentials never work again', async () => {
    const first = await t.provision('pack', 'rep-1');
    await t.sys.api.inject({ method: 'DELETE', url: '/v1/devices/rep-1', headers: t.admin });
    const taken = await runCli(['devices', 'add', '--kind', 'pack', '--id', 'rep-1'], env);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('CF_ERR_DEVICE_EXISTS');
    expect(taken.stderr).toContain('rep-1 is taken by a revoked pack; to provision it again, pass replace (`chargefleet devices add --kind pack --id rep-1 --replace`)');

    const wrongKind = await runCli(['devices', 'add', '--kind', 'kiosk', '--id', 'rep-1', '--replace'], env);
    expect(wrongKind.status).toBe(1);
    expect(wrongKind.stderr).toContain('rep-1 was a pack; replace keeps the kind');

    const res = await runCli(['devices', 'add', '--kind', 'pack', '--id', 'rep-1', '--replace'], env);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain('re-provisioned pack rep-1');
    const fresh = password(res.stdout);
    await expect(t.connect('rep-1', first.password)).rejects.toThrow();
    const c = await t.connect('rep-1', fresh);
    expect(c.connected).toBe(true);
    await c.endAsync();
    const listed = await t.sys.api.inject({ url: '/v1/devices?kind=pack&cursor=rep-0&limit=1', headers: t.admin });
    expect(listed.json().devices[0]).toMatchObject({ id: 'rep-1', revoked: false, revokedAt: null });

    // An active device is never replaced behind its back.
    const active = await runCli(['devices', 'add', '--kind', 'pack', '--id', 'rep-1', '--replace'], env);
    expect(active.status).toBe(1);
    expect(active.stderr).toContain('rep-1 is active; replace is for a revoked id');
    const still = await t.connect('rep-1', fresh);
    expect(still.connected).toBe(true);
    await still.endAsync();
  });
});

describe('registry import', { timeout: SLOW }, () => {
  it('says what it imported, and "unchanged" when the same file comes again', async () => {
    const file = join(scratch, 'fleet.json');
    writeFileSync(file, JSON.stringify({
      stores: [{ id: 'cli-store', name: 'CLI store', lat: 51.5, lon: -0.1, timeZone: 'Europe/London' }],
      kiosks: [{ id: 'cli-kiosk', storeId: 'cli-store', slotCount: 4 }],
      packs: [{ id: 'cli-pack', lot: 'L1', hwRev: 'A', custody: { kind: 'slot', kioskId: 'cli-kiosk', slot: 0 } }],
    }));
    const first = await runCli(['registry', 'import', file], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout.trim()).toBe('imported 1 store, 1 kiosk, 1 pack');
    const second = await runCli(['registry', 'import', file], env);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout.trim()).toBe(`unchanged: ${file} matches the registry (1 store, 1 kiosk, 1 pack)`);
  });
});

describe('help, version and exit codes', { timeout: SLOW }, () => {
  it('prints the version, the devices group, and every flag and scenario of sim on a line each', async () => {
    const version = await runCli(['--version']);
    expect(version).toMatchObject({ status: 0, stdout: `chargefleet ${VERSION}\n` });

    const devices = await runCli(['devices', '--help']);
    expect(devices.status).toBe(0);
    for (const sub of ['add', 'list', 'rotate', 'revoke']) expect(devices.stdout).toContain(`chargefleet devices ${sub}`);

    const sim = await runCli(['sim', '--help']);
    expect(sim.status).toBe(0);
    const lines = sim.stdout.split('\n');
    for (const flag of Object.keys(COMMANDS.sim!.options)) expect(lines.filter((l) => l.trimStart().startsWith(`--${flag} `)), flag).toHaveLength(1);
    for (const name of SCENARIO_NAMES) expect(lines.filter((l) => l.trimStart().startsWith(`${name} `)), name).toHaveLength(1);
  });

  const usage: [string, string[], RegExp][] = [
    ['no command', [], /Usage:/],
    ['an unknown command', ['nope'], /unknown command "nope"/],
    ['a group without a subcommand', ['devices'], /which one\?/],
    ['an unknown flag', ['devices', 'add', '--kind', 'pack', '--idd', 'x'], /Unknown option '--idd'/],
    ['a missing flag', ['devices', 'add', '--kind', 'pack'], /--id is required/],
    ['a bad kind', ['devices', 'add', '--kind', 'toaster', '--id', 'x1'], /--kind must be pack, kiosk or customer/],
    ['a bad device id', ['devices', 'add', '--kind', 'pack', '--id', 'has space'], /is not a valid device id: 1-64 letters, digits/],
    ['a negative --limit', ['devices', 'list', '--limit', '-5'], /--limit must be ≥ 1, got -5/],
    ['a zero --limit', ['devices', 'list', '--limit=0'], /--limit must be ≥ 1, got 0/],
    ['a --limit past a page', ['devices', 'list', '--limit', '5000'], /--limit must be at most 1000 \(page with --cursor or --all\), got 5000/],
    ['a --limit that is not a number', ['devices', 'list', '--limit', 'ten'], /--limit must be a whole number, got "ten"/],
    ['an --api that is not a URL', ['devices', 'list', '--api', 'ftp://x'], /--api must be a URL like http:\/\/127\.0\.0\.1:8080/],
    ['a missing id', ['devices', 'revoke'], /the device id is required/],
    ['an extra argument', ['devices', 'rotate', 'a1', 'b2'], /unexpected argument: b2/],
    ['an argument serve does not take', ['serve', 'now'], /unexpected argument: now/],
    ['a bad sim flag', ['sim', '--stores', '-1'], /--stores must be between 1 and 100000, got -1/],
    ['no admin token', ['devices', 'list'], /an admin token is needed/],
  ];
  it.each(usage)('%s exits 2 with a reason', async (_name, args, reason) => {
    const res = await runCli(args, { CF_DATA_DIR: scratch });
    expect(res.stderr).toMatch(reason);
    expect(res.status).toBe(2);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('sim takes --broker and --api without a scheme: it goes on to reach them, and says it could not', async () => {
    const res = await runCli(['sim', '--broker', '127.0.0.1:1', '--api', '127.0.0.1:1', '--token', ADMIN_TOKEN, '--duration', '1m', '--quiet'], { CF_DATA_DIR: scratch });
    expect(res.stderr).not.toMatch(/must be/);
    expect(res.stderr).toContain('against mqtt://127.0.0.1:1 and http://127.0.0.1:1');
    expect(res.status).toBe(1);
  });

  const config: [string, string[], Record<string, string>, RegExp][] = [
    ['a bad CF_HTTP_PORT for a device command', ['devices', 'list', '--token', ADMIN_TOKEN], { CF_HTTP_PORT: 'abc' }, /CF_HTTP_PORT: "abc" is not an integer/],
    ['a misspelt variable for config', ['config'], { CF_MQTT_PROT: '1' }, /CF_MQTT_PROT: not a known setting \(did you mean CF_MQTT_PORT\?\)/],
    ['a bad store for serve', ['serve'], { CF_STORE: 'postgres' }, /CF_STORE: "postgres" is not one of duckdb, influx/],
    ['a misspelt variable for sim', ['sim', '--duration', '1h'], { CF_OFLINE_AFTER_S: '5' }, /CF_OFLINE_AFTER_S: not a known setting/],
  ];
  it.each(config)('%s exits 78 with a reason', async (_name, args, vars, reason) => {
    const res = await runCli(args, { CF_DATA_DIR: scratch, ...vars });
    expect(res.stderr).toMatch(reason);
    expect(res.status).toBe(78);
  });

  it('config --markdown into a pipe that closes early prints no EPIPE trace', async () => {
    // `true` exits without reading: every write after that is EPIPE. `head -1` closes after a line.
    for (const reader of ['true', 'head -1']) {
      const res = await runShell('bash', ['-c', `"${process.execPath}" bin/chargefleet.js config --markdown | ${reader}; echo "status=\${PIPESTATUS[0]}"`]);
      expect(res.stderr, reader).toBe('');
      expect(res.stdout, reader).toMatch(/status=0\n$/);
    }
  });
});

describe('serve on a port that is taken', { timeout: SLOW }, () => {
  let holder: Server;
  let port = 0;
  beforeAll(async () => {
    holder = createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', () => r()));
    port = (holder.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => holder.close(() => r())));

  it.each([
    ['MQTT', 'CF_MQTT_PORT', { CF_HTTP_PORT: '0' }],
    ['HTTP', 'CF_HTTP_PORT', { CF_MQTT_PORT: '0' }],
  ] as const)('%s: names the port and the variable, exits 78, no stack trace', async (what, variable, others) => {
    const dir = mkdtempSync(join(scratch, 'busy-'));
    const res = await runCli(['serve'], { CF_DATA_DIR: dir, CF_ADMIN_TOKEN: ADMIN_TOKEN, CF_LOG_LEVEL: 'warn', ...others, [variable]: String(port) });
    expect(res.stderr).toContain(`${what} port ${port} on 127.0.0.1 is already in use by another program`);
    expect(res.stderr).toContain(`Set ${variable} to a free port, or to 0 to pick one.`);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(res.status).toBe(78);
    // It never ran, so it left no server.json behind.
    expect(readServerFile(dir)).toBeNull();
  });
});
