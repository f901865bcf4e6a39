// The README's "Provision a device and publish a reading", run from the README itself as a newcomer
// would: `chargefleet serve` in a child process on non-default ports, then the section's shell
// blocks through bash (devices add, protoc --encode + mosquitto_pub, curl), the publish and the
// read twice in a row. The second publish must be stored, not dropped as a duplicate, and the
// banner's hints must work with those ports. Needs Debian's protobuf-compiler and
// mosquitto-clients (and curl); skips locally without them, fails under CI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, runShell } from '../helpers/cli.ts';
import { ROOT, startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const have = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const tools = have('protoc') && have('mosquitto_pub') && have('curl');
if (!tools && process.env.CI === 'true') throw new Error('CI: protoc, mosquitto_pub and curl must be installed (.ci/run installs protobuf-compiler and mosquitto-clients)');
if (!tools) console.warn('skipping the README quick-start test: install protobuf-compiler, mosquitto-clients and curl to run it');

const TOKEN = 'readme-admin-token-0123456789';
const dataDir = mkdtempSync(join(tmpdir(), 'cf-readme-'));
let server: ServerProcess | null = null;
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The fenced shell blocks of one README section, in order. */
function shellBlocks(section: string): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`## ${section}\n`);
  if (start < 0) throw new Error(`README has no section "${section}"`);
  const end = readme.indexOf('\n## ', start + 1);
  return [...readme.slice(start, end < 0 ? undefined : end).matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** Replaces a literal the README must contain; a README that drifted fails here, by name. */
function fill(block: string, literal: string, value: string): string {
  expect(block, `the README block should contain ${literal}`).toContain(literal);
  return block.split(literal).join(value);
}

describe.skipIf(!tools)('README quick start', { timeout: 180_000 }, () => {
  it('runs the README blocks on non-default ports: provision, publish twice, both readings stored, newest first', async () => {
    server = await startServerProcess({ CF_DATA_DIR: dataDir, CF_ADMIN_TOKEN: TOKEN });
    const mqttPort = new URL(server.mqttUrl).port;
    const api = server.httpUrl;
    expect(mqttPort).not.toBe('1883');
    // The banner's hints name this address, and the one that lists devices works as printed.
    const banner = server.stdout();
    expect(banner).toContain(`provision a device:  npx chargefleet devices add --kind pack --id pack-0001 --api ${api}`);
    const listHint = /list devices:\s+npx chargefleet (devices list --api \S+)/.exec(banner)![1]!;
    const hinted = await runCli(listHint.split(' '), { CF_ADMIN_TOKEN: TOKEN, CF_DATA_DIR: tmpdir() });
    expect(hinted.status, hinted.stderr).toBe(0);
    expect(hinted.stdout).toContain('ID\tKIND\tSTATE\tLAST SEEN');

    const [provision, publish, read] = shellBlocks('Provision a device and publish a reading');
    expect([provision, publish, read].map((b) => typeof b)).toEqual(['string', 'string', 'string']);
    // The operator's second terminal: the server's data dir (the CLI finds it through server.json), bash, a temp dir.
    const env = { CF_DATA_DIR: dataDir, TMPDIR: dataDir };
    const bash = (script: string) => runShell('bash', ['-euo', 'pipefail', '-c', script], env);

    const rootBefore = readdirSync(ROOT).sort();
    const added = await bash(fill(provision!, 'cfadm_...', TOKEN));
    expect(added.status, added.stderr).toBe(0);
    const password = /MQTT password:\s+(\S+)/.exec(added.stdout)?.[1];
    expect(password, added.stdout).toBeTruthy();

    const publishScript = fill(fill(publish!, 'PASSWORD=...', `PASSWORD='${password!}'`), '-p 1883', `-p ${mqttPort}`);
    // One curl per line, each answering one JSON document (curl -s adds no newline between them).
    const reads = fill(read!, 'http://127.0.0.1:8080', api).split('\n').filter((l) => l.trim() !== '');
    expect(reads).toHaveLength(2);
    const seqs: number[][] = [];
    for (let run = 1; run <= 2; run++) {
      const pub = await bash(publishScript);
      expect(pub.status, `publish #${run}: ${pub.stderr}`).toBe(0);
      const [latestRes, readingsRes] = await Promise.all(reads.map((line) => bash(`export CF_ADMIN_TOKEN='${TOKEN}'\n${line}`)));
      expect([latestRes!.status, readingsRes!.status], latestRes!.stderr + readingsRes!.stderr).toEqual([0, 0]);
      const latest = JSON.parse(latestRes!.stdout) as { id: string; latest: { socPct: number; seq: number } };
      expect(latest).toMatchObject({ id: 'pack-0001', latest: { socPct: 81.5 } });
      const readings = (JSON.parse(readingsRes!.stdout) as { readings: { seq: number }[] }).readings.map((r) => r.seq);
      expect(readings[0]).toBe(latest.latest.seq);
      seqs.push(readings);
      // Two runs within one millisecond would share a seq; a step this slow never does.
      await new Promise((r) => setTimeout(r, 5));
    }
    // The blocks wrote nothing into the repository (the reading goes to a temp file).
    expect(readdirSync(ROOT).sort()).toEqual(rootBefore);
    // The second publish is a new reading: stored, and first in the newest-first list.
    expect(seqs[0]).toHaveLength(1);
    expect(seqs[1]).toHaveLength(2);
    expect(seqs[1]![1]).toBe(seqs[0]![0]);
    expect(seqs[1]![0]).toBeGreaterThan(seqs[0]![0]!);

    // The same bytes again: acknowledged, not stored twice, and counted where the README says.
    const health = async () => ((await (await fetch(`${api}/healthz`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { ingest: { duplicates: number } }).ingest.duplicates;
    const before = await health();
    const file = join(dataDir, 'again.bin');
    const text = `header { boot_id: 1 seq: ${seqs[1]![0]} sent_at_ms: ${Date.now()} firmware: "demo" }\nsoc_pct: 81.5 voltage_mv: 3950 current_ma: -1200 temp_c: 27 cycles: 42 soh_pct: 96\nstate: PACK_STATE_DISCHARGING\n`;
    const encoded = spawnSync('protoc', ['-I', 'proto', '--encode=fleet.v1.PackTelemetry', 'proto/fleet/v1/pack.proto'], { cwd: ROOT, input: text });
    expect(encoded.status, encoded.stderr.toString()).toBe(0);
    writeFileSync(file, encoded.stdout);
    const pub = await runShell('mosquitto_pub', ['-h', '127.0.0.1', '-p', mqttPort, '-V', 'mqttv311', '-q', '1', '-i', 'pack-0001', '-u', 'pack-0001', '-P', password!, '-t', 'fleet/v1/packs/pack-0001/telemetry', '-f', file]);
    expect(pub.status, pub.stderr).toBe(0);
    expect(await health()).toBe(before + 1);
    const res = await fetch(`${api}/v1/packs/pack-0001/readings?limit=10`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(((await res.json()) as { readings: unknown[] }).readings).toHaveLength(2);

    // A wrong password is refused by the broker: mosquitto_pub exits non-zero.
    const bad = await runShell('mosquitto_pub', ['-h', '127.0.0.1', '-p', mqttPort, '-q', '1', '-i', 'pack-0001', '-u', 'pack-0001', '-P', 'wrong', '-t', 'fleet/v1/packs/pack-0001/telemetry', '-f', file]);
    expect(bad.status).not.toBe(0);

    const revoked = await runCli(['devices', 'revoke', 'pack-0001'], { CF_DATA_DIR: dataDir, CF_ADMIN_TOKEN: TOKEN });
    expect(revoked.stdout).toContain('revoked pack-0001');
  });
});
