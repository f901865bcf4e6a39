// `chargefleet sim` flags: durations, defaults for an in-process and a running server, and every bad
// flag refused with its reason (all of them at once), through the real command line too.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseDuration, parseSimArgs } from '../../firmware-sim/sim-command.ts';
import { BIN, ROOT } from '../helpers/server-process.ts';

describe('parseDuration', () => {
  it.each([
    ['45s', 45_000],
    ['90m', 5_400_000],
    ['12h', 43_200_000],
    ['2d', 172_800_000],
    ['1d12h', 129_600_000],
    ['1.5h', 5_400_000],
    ['1w', 604_800_000],
    ['250ms', 250],
  ])('%s is %d ms', (raw, ms) => expect(parseDuration(raw)).toBe(ms));

  it.each(['', '2', 'd', '3y', '-1h', '1h 30m', '0s', 'h1'])('refuses %j', (raw) => expect(parseDuration(raw)).toBeNull());
});

describe('parseSimArgs', () => {
  it('runs in-process as fast as the server keeps up, for the scenario\'s own length, by default', () => {
    const r = parseSimArgs({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.args).toMatchObject({ stores: 3, kiosksPerStore: 2, slots: 12, packs: 200, customers: 150, scenario: 'normal-day', speed: Infinity, durationMs: 86_400_000, brokerUrl: null, apiUrl: null, quiet: false, nudges: 'personal', nudgeCap: 2 });
    expect(parseSimArgs({ nudges: 'blanket', 'nudge-cap': '5' })).toMatchObject({ ok: true, args: { nudges: 'blanket', nudgeCap: 5 } });
    expect(r.args.idPrefix).toMatch(/^sim-[a-z0-9]{1,4}-$/);
    const surge = parseSimArgs({ scenario: 'launch-surge', packs: '1000' });
    expect(surge.ok && surge.args).toMatchObject({ durationMs: 5 * 86_400_000, customers: 750 });
  });

  it('keeps real time against a running server, and takes the admin token from the environment', () => {
    const r = parseSimArgs({ broker: 'mqtt://127.0.0.1:1883', api: 'http://127.0.0.1:8080', duration: '2d' }, { CF_ADMIN_TOKEN: 'admin-token-0123456789' });
    expect(r.ok && r.args).toMatchObject({ speed: 1, durationMs: 2 * 86_400_000, token: 'admin-token-0123456789', brokerUrl: 'mqtt://127.0.0.1:1883' });
    const fast = parseSimArgs({ broker: 'mqtt://127.0.0.1:1883', api: 'http://127.0.0.1:8080', token: 'x'.repeat(20), speed: '600' });
    expect(fast.ok && fast.args.speed).toBe(600);
  });

  it('lists every bad flag with a reason', () => {
    const r = parseSimArgs({ packs: '-3', stores: 'many', 'kiosks-per-store': '0', slots: '65', scenario: 'rainy-day', speed: '0', duration: '3y', broker: 'http://x', 'id-prefix': '-bad', token: 'zzz', nudges: 'always', 'nudge-cap': '101' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.errors.join('\n');
    expect(text).toContain('--packs must be between 1 and 1000000, got -3');
    expect(text).toContain('--stores must be a whole number, got "many"');
    expect(text).toContain('--kiosks-per-store must be between 1 and 100, got 0');
    expect(text).toContain('--slots must be between 1 and 64, got 65');
    expect(text).toContain('--scenario must be one of normal-day, launch-surge, lot-recall, kiosk-outage, bad-network, got "rainy-day"');
    expect(text).toContain('--speed must be a number from 1 to 1000000');
    expect(text).toContain('--duration must be like 45s, 90m, 12h, 2d or 1d12h, got "3y"');
    expect(text).toContain('--broker must be mqtt://host:port, got "http://x"');
    expect(text).toContain('--broker and --api go together');
    expect(text).toContain('--id-prefix must be 1-32 of');
    expect(text).toContain('--nudges must be off, blanket or personal, got "always"');
    expect(text).toContain('--nudge-cap must be between 0 and 100, got 101');
    expect(r.errors.length).toBeGreaterThanOrEqual(12);
  });

  it('refuses what makes no sense for the kind of server', () => {
    const remote = parseSimArgs({ broker: 'mqtt://h:1', api: 'http://h:2', speed: 'max', 'data-dir': '/tmp/x' });
    expect(remote.ok ? [] : remote.errors).toEqual([
      'an admin token is needed to provision devices: pass --token or set CF_ADMIN_TOKEN',
      '--data-dir is for the in-process server; a running server keeps its own data',
      '--speed max needs the in-process server; against a running server give a number',
    ]);
    const local = parseSimArgs({ token: 'x'.repeat(20) });
    expect(local.ok ? [] : local.errors).toEqual(['--token is for a running server (--broker and --api); the in-process server makes its own']);
  });
});

describe('chargefleet sim on the command line', () => {
  it('is in the help, and refuses bad flags with reasons and the usage', () => {
    const help = spawnSync(process.execPath, [BIN, '--help'], { cwd: ROOT }).stdout.toString();
    expect(help).toContain('chargefleet sim');
    expect(help).toContain('--kiosks-per-store');
    const bad = spawnSync(process.execPath, [BIN, 'sim', '--packs', 'lots', '--scenario', 'nope', 'extra'], { cwd: ROOT, env: { PATH: process.env.PATH } });
    const err = bad.stderr.toString();
    // A usage error exits 2, like every other one.
    expect(bad.status).toBe(2);
    expect(err).toContain('--packs must be a whole number, got "lots"');
    expect(err).toContain('--scenario must be one of');
    expect(err).toContain('unexpected argument "extra"');
    expect(err).toContain('usage: chargefleet sim');
    const unknown = spawnSync(process.execPath, [BIN, 'sim', '--pack', '3'], { cwd: ROOT, env: { PATH: process.env.PATH } });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.toString()).toContain("Unknown option '--pack'");
  });
});
