// The README's quick start, run as a newcomer would: `chargefleet serve` in a child process,
// `chargefleet devices add`, protoc --encode, mosquitto_pub, then the reading over HTTP.
// Needs Debian's protobuf-compiler and mosquitto-clients; skips locally without them, fails under CI.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const have = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const tools = have('protoc') && have('mosquitto_pub');
if (!tools && process.env.CI === 'true') throw new Error('CI: protoc and mosquitto_pub must be installed (.ci/run installs protobuf-compiler and mosquitto-clients)');
if (!tools) console.warn('skipping the README quick-start test: install protobuf-compiler and mosquitto-clients to run it');

const TOKEN = 'readme-admin-token-0123456789';
const dataDir = mkdtempSync(join(tmpdir(), 'cf-readme-'));
let server: ServerProcess | null = null;
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!tools)('README quick start', () => {
  it('provisions a pack, publishes with mosquitto_pub, and reads the reading back', async () => {
    server = await startServerProcess({ CF_DATA_DIR: dataDir, CF_ADMIN_TOKEN: TOKEN });
    const port = new URL(server.mqttUrl).port;
    const api = server.httpUrl;
    const cliEnv = { ...process.env, CF_ADMIN_TOKEN: TOKEN };
    const added = execFileSync(process.execPath, [BIN, 'devices', 'add', '--kind', 'pack', '--id', 'pack-0001', '--api', api], { env: cliEnv, cwd: ROOT }).toString();
    const password = /MQTT password:\s+(\S+)/.exec(added)?.[1];
    expect(password, added).toBeTruthy();

    const text = `header { boot_id: 1 seq: 1 sent_at_ms: ${Date.now()} firmware: "demo" }\nsoc_pct: 81.5 voltage_mv: 3950 current_ma: -1200 temp_c: 27 cycles: 42 soh_pct: 96\nstate: PACK_STATE_DISCHARGING\n`;
    const bin = execFileSync('protoc', ['-I', 'proto', '--encode=fleet.v1.PackTelemetry', 'proto/fleet/v1/pack.proto'], { cwd: ROOT, input: text });
    const file = join(dataDir, 'reading.bin');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, bin);
    const pub = spawnSync('mosquitto_pub', ['-h', '127.0.0.1', '-p', port, '-V', 'mqttv311', '-q', '1', '-i', 'pack-0001', '-u', 'pack-0001', '-P', password!, '-t', 'fleet/v1/packs/pack-0001/telemetry', '-f', file], { timeout: 10_000 });
    expect(pub.status, pub.stderr.toString()).toBe(0);

    const res = await fetch(`${api}/v1/packs/pack-0001`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'pack-0001', socPct: 81.5, cycles: 42, sohPct: 96, tempC: 27, state: 'DISCHARGING' });

    // A wrong password is refused by the broker: mosquitto_pub exits non-zero.
    const bad = spawnSync('mosquitto_pub', ['-h', '127.0.0.1', '-p', port, '-q', '1', '-i', 'pack-0001', '-u', 'pack-0001', '-P', 'wrong', '-t', 'fleet/v1/packs/pack-0001/telemetry', '-f', file], { timeout: 10_000 });
    expect(bad.status).not.toBe(0);

    const list = execFileSync(process.execPath, [BIN, 'devices', 'list', '--api', api], { env: cliEnv, cwd: ROOT }).toString();
    expect(list).toMatch(/pack-0001\tpack\t(online|offline)/);
    const revoked = execFileSync(process.execPath, [BIN, 'devices', 'revoke', 'pack-0001', '--api', api], { env: cliEnv, cwd: ROOT }).toString();
    expect(revoked).toContain('revoked pack-0001');
  }, 120_000);
});

describe('chargefleet CLI', () => {
  it('explains every command with --help and refuses a bad flag with a reason', () => {
    const help = execFileSync(process.execPath, [BIN, '--help'], { cwd: ROOT }).toString();
    for (const c of ['serve', 'devices add', 'devices list', 'devices revoke', 'config']) expect(help).toContain(`chargefleet ${c}`);
    const bad = spawnSync(process.execPath, [BIN, 'devices', 'add', '--kind', 'pack', '--idd', 'x'], { cwd: ROOT });
    expect(bad.status).toBe(2);
    expect(bad.stderr.toString()).toContain("Unknown option '--idd'");
    const badCfg = spawnSync(process.execPath, [BIN, 'serve'], { cwd: ROOT, env: { PATH: process.env.PATH, CF_MQTT_PORT: 'eighty', CF_HTTP_PORT: '99999' } });
    expect(badCfg.status).toBe(78);
    expect(badCfg.stderr.toString()).toContain('CF_MQTT_PORT: "eighty" is not an integer');
    expect(badCfg.stderr.toString()).toContain('CF_HTTP_PORT: 99999 is outside 0..65535');
  });
});
