// The DuckDB registry on a temp file: device ids stay unique through revocation, lists page by
// cursor, quarantined payloads come back byte for byte, and everything survives a reopen of the
// file it shares with the telemetry store.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { DeviceAuth } from '../../app/device-auth.ts';
import { systemClock } from '../../domain/clock.ts';
import { isCfError } from '../../domain/errors.ts';
import { DuckRegistry, DuckTelemetryStore, duckDbPath, migrate, openDuckDb, REGISTRY_MIGRATIONS } from '../../store/duckdb/index.ts';
import type { DeviceCredential, QuarantineRecord } from '../../store/registry.ts';
import { T0, pack } from '../contract/telemetry-fixtures.ts';

const dirs: string[] = [];
const open: Array<{ close(): Promise<void> }> = [];
function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cf-duck-reg-'));
  dirs.push(dir);
  return duckDbPath(dir);
}
async function openRegistry(path: string): Promise<DuckRegistry> {
  const reg = new DuckRegistry(path);
  open.push(reg);
  await reg.open();
  return reg;
}
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const device = (id: string, over: Partial<DeviceCredential> = {}): DeviceCredential => ({
  id,
  kind: 'pack',
  secretHash: `scrypt$16384$8$1$${id}-salt$${id}-hash`,
  createdAtMs: T0,
  revokedAtMs: null,
  ...over,
});

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => null,
    (e: unknown) => e,
  );
}

describe('DuckDB registry', () => {
  it('stores a device with its hashed secret and refuses the same id again, even after revocation', async () => {
    const reg = await openRegistry(tempPath());
    await reg.addDevice(device('pack-001'));
    expect(await reg.getDevice('pack-001')).toEqual(device('pack-001'));
    expect(await reg.getDevice('pack-404')).toBeNull();

    const dup = await rejection(reg.addDevice(device('pack-001', { kind: 'kiosk', secretHash: 'other' })));
    expect(isCfError(dup) && dup.code).toBe('CF_ERR_DEVICE_EXISTS');
    expect(await reg.getDevice('pack-001')).toEqual(device('pack-001')); // untouched

    expect(await reg.revokeDevice('pack-001', T0 + 1000)).toBe(true);
    const again = await rejection(reg.addDevice(device('pack-001')));
    expect(isCfError(again) && again.code).toBe('CF_ERR_DEVICE_EXISTS');
  });

  it('rotates the secret of an active device only, and re-provisions a revoked id only on purpose, with its kind', async () => {
    const reg = await openRegistry(tempPath());
    await reg.addDevice(device('pack-r'));
    expect(await reg.setDeviceSecret('pack-r', 'new-hash')).toBe(true);
    expect(await reg.getDevice('pack-r')).toMatchObject({ secretHash: 'new-hash', revokedAtMs: null });
    expect(await reg.setDeviceSecret('pack-404', 'x')).toBe(false);
    // An active device is not re-provisioned.
    expect(await reg.reprovisionDevice(device('pack-r', { secretHash: 'taken-over', createdAtMs: T0 + 5 }))).toBe(false);
    expect(await reg.getDevice('pack-r')).toMatchObject({ secretHash: 'new-hash' });

    await reg.revokeDevice('pack-r', T0 + 1000);
    // A revoked device keeps its old secret out of reach: no rotation, no kind change.
    expect(await reg.setDeviceSecret('pack-r', 'sneaky')).toBe(false);
    expect(await reg.reprovisionDevice(device('pack-r', { kind: 'kiosk', secretHash: 'as-kiosk' }))).toBe(false);
    expect(await reg.reprovisionDevice(device('pack-r', { secretHash: 'fresh', createdAtMs: T0 + 2000 }))).toBe(true);
    expect(await reg.getDevice('pack-r')).toEqual(device('pack-r', { secretHash: 'fresh', createdAtMs: T0 + 2000 }));
  });

  it('refuses a password checked while the device was rotated (the check in flight is void)', async () => {
    const reg = await openRegistry(tempPath());
    const silent = pino({ level: 'silent' });
    // The registry as the broker's authentication sees it, except that the first read is held
    // after it returned the old hash: a rotation lands while that check is still running.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    let reads = 0;
    const slow = Object.assign(Object.create(reg) as DuckRegistry, {
      getDevice: async (id: string) => {
        const first = reads++ === 0;
        const dev = await reg.getDevice(id);
        if (first) await held;
        return dev;
      },
    });
    const auth = new DeviceAuth(slow, systemClock, silent);
    const { password } = await new DeviceAuth(reg, systemClock, silent).provision('pack', 'pack-race');
    reads = 0;
    const inFlight = auth.authenticate('pack-race', password);
    const rotated = await auth.rotate('pack-race');
    release();
    expect(await inFlight).toEqual({ ok: false, code: 'CF_ERR_MQTT_BAD_CREDENTIALS' });
    expect(await auth.authenticate('pack-race', password)).toEqual({ ok: false, code: 'CF_ERR_MQTT_BAD_CREDENTIALS' });
    expect(await auth.authenticate('pack-race', rotated!.password)).toEqual({ ok: true, kind: 'pack' });
  });

  it('revokes once: a second revocation keeps the first time, an unknown id is reported', async () => {
    const reg = await openRegistry(tempPath());
    await reg.addDevice(device('kiosk-01', { kind: 'kiosk' }));
    expect(await reg.revokeDevice('kiosk-01', T0 + 5000)).toBe(true);
    expect(await reg.revokeDevice('kiosk-01', T0 + 9000)).toBe(true);
    expect(await reg.getDevice('kiosk-01')).toMatchObject({ revokedAtMs: T0 + 5000 });
    expect(await reg.revokeDevice('kiosk-99', T0)).toBe(false);
    expect(await reg.getDevice('kiosk-99')).toBeNull();
  });

  it('lists devices by id, page by page, optionally of one kind, without secrets', async () => {
    const reg = await openRegistry(tempPath());
    const ids = ['p-03', 'k-01', 'p-01', 'k-02', 'p-02'];
    for (const id of ids) await reg.addDevice(device(id, { kind: id.startsWith('k') ? 'kiosk' : 'pack', createdAtMs: T0 + ids.indexOf(id) }));
    await reg.revokeDevice('p-02', T0 + 60_000);

    const page1 = await reg.listDevices({ limit: 2 });
    expect(page1.map((d) => d.id)).toEqual(['k-01', 'k-02']);
    const page2 = await reg.listDevices({ limit: 2, cursor: page1.at(-1)!.id });
    expect(page2.map((d) => d.id)).toEqual(['p-01', 'p-02']);
    const page3 = await reg.listDevices({ limit: 2, cursor: page2.at(-1)!.id });
    expect(page3.map((d) => d.id)).toEqual(['p-03']);
    expect(await reg.listDevices({ limit: 2, cursor: 'p-03' })).toEqual([]);

    expect(page2[1]).toEqual({ id: 'p-02', kind: 'pack', createdAtMs: T0 + 4, revokedAtMs: T0 + 60_000 });
    expect(Object.keys(page2[0]!).sort()).toEqual(['createdAtMs', 'id', 'kind', 'revokedAtMs']);
    expect((await reg.listDevices({ kind: 'kiosk' })).map((d) => d.id)).toEqual(['k-01', 'k-02']);
    expect((await reg.listDevices({ kind: 'pack', cursor: 'p-01' })).map((d) => d.id)).toEqual(['p-02', 'p-03']);
  });

  it('keeps settings, overwriting on set', async () => {
    const reg = await openRegistry(tempPath());
    expect(await reg.getSetting('admin.token.hash')).toBeNull();
    await reg.setSetting('admin.token.hash', 'first');
    await reg.setSetting('admin.token.hash', 'second');
    await reg.setSetting('empty', '');
    expect(await reg.getSetting('admin.token.hash')).toBe('second');
    expect(await reg.getSetting('empty')).toBe('');
  });

  it('returns quarantined payloads byte for byte, newest first, by reason and by cursor', async () => {
    const reg = await openRegistry(tempPath());
    const big = randomBytes(64 * 1024);
    const records: QuarantineRecord[] = [
      { atMs: T0, deviceId: 'pack-001', topic: 'fleet/v1/packs/pack-001/telemetry', reason: 'CF_ERR_INGEST_DECODE', detail: 'truncated varint', payload: Uint8Array.from([0x0a, 0x00, 0xff, 0x80, 0x00]) },
      { atMs: T0 + 1, deviceId: null, topic: 'fleet/v1/bogus', reason: 'CF_ERR_INGEST_TOPIC_UNKNOWN', detail: '', payload: new Uint8Array(0) },
      { atMs: T0 + 2, deviceId: 'pack-002', topic: 'fleet/v1/packs/pack-002/telemetry', reason: 'CF_ERR_INGEST_DECODE', detail: 'wire type 7', payload: big },
    ];
    await reg.addQuarantine(records.slice(0, 2));
    await reg.addQuarantine(records.slice(2));
    await reg.addQuarantine([]);
    expect(await reg.countQuarantine()).toBe(3);

    const listed = await reg.listQuarantine();
    expect(listed.map((r) => r.atMs)).toEqual([T0 + 2, T0 + 1, T0]);
    const ids = listed.map((r) => r.id!);
    expect(ids[0]! > ids[1]! && ids[1]! > ids[2]!).toBe(true);
    expect(listed.map(({ id: _id, ...rest }) => ({ ...rest, payload: Buffer.from(rest.payload).toString('hex') }))).toEqual(
      [...records].reverse().map((r) => ({ ...r, payload: Buffer.from(r.payload).toString('hex'), payloadBytes: r.payload.length })),
    );

    expect((await reg.listQuarantine({ reason: 'CF_ERR_INGEST_DECODE' })).map((r) => r.atMs)).toEqual([T0 + 2, T0]);
    expect((await reg.listQuarantine({ limit: 1, cursor: ids[0] })).map((r) => r.atMs)).toEqual([T0 + 1]);
    expect((await reg.listQuarantine({ cursor: ids[1], reason: 'CF_ERR_INGEST_DECODE' })).map((r) => r.atMs)).toEqual([T0]);
    expect(await reg.listQuarantine({ cursor: ids[2] })).toEqual([]);
  });

  it('finds devices, settings, quarantine and telemetry again after the shared file is closed and reopened', async () => {
    const path = tempPath();
    const db = await openDuckDb(path);
    const reg = new DuckRegistry(db);
    const store = new DuckTelemetryStore(db);
    await reg.open();
    await store.open();
    await reg.addDevice(device('pack-keep'));
    await reg.revokeDevice('pack-keep', T0 + 7);
    await reg.addDevice(device('kiosk-keep', { kind: 'kiosk' }));
    await reg.setSetting('k', 'v');
    await reg.addQuarantine([{ atMs: T0, deviceId: 'pack-keep', topic: 't', reason: 'CF_ERR_INGEST_DECODE', detail: 'd', payload: Uint8Array.from([1, 2, 3]) }]);
    await store.writeBatch({ packs: [pack('pack-keep', 1, T0)], kiosks: [], events: [] });
    await store.close();
    await reg.close();
    await db.close();

    const again = await openRegistry(path);
    expect(await again.getDevice('pack-keep')).toEqual(device('pack-keep', { revokedAtMs: T0 + 7 }));
    expect((await again.listDevices()).map((d) => d.id)).toEqual(['kiosk-keep', 'pack-keep']);
    expect(await again.getSetting('k')).toBe('v');
    const [q] = await again.listQuarantine();
    expect(q && Array.from(q.payload)).toEqual([1, 2, 3]);
    // Ids keep rising across restarts, so cursors stay valid.
    await again.addQuarantine([{ atMs: T0 + 1, deviceId: null, topic: 't', reason: 'CF_ERR_INGEST_DECODE', detail: '', payload: new Uint8Array(0) }]);
    const [newest] = await again.listQuarantine({ limit: 1 });
    expect(newest!.id! > q!.id!).toBe(true);
    const dup = await rejection(again.addDevice(device('pack-keep')));
    expect(isCfError(dup) && dup.code).toBe('CF_ERR_DEVICE_EXISTS');
    await again.close();

    const telemetry = new DuckTelemetryStore(path);
    open.push(telemetry);
    await telemetry.open();
    expect(await telemetry.packReadings('pack-keep', { fromMs: T0, toMs: T0 + 1 })).toEqual([pack('pack-keep', 1, T0)]);
  });

  it('opens the registry and the telemetry store side by side on one new file', async () => {
    const db = await openDuckDb(tempPath());
    open.push(db);
    const reg = new DuckRegistry(db);
    const store = new DuckTelemetryStore(db);
    // Both create schema_version at once: DuckDB would refuse one of them without the turn-taking.
    await Promise.all([reg.open(), store.open()]);
    await reg.setSetting('k', 'v');
    expect(await store.writeBatch({ packs: [pack('pack-side', 1, T0)], kiosks: [], events: [] })).toEqual({ written: 1, duplicates: 0 });
  });

  it('records schema versions per component and refuses a file from a newer build', async () => {
    const path = tempPath();
    const db = await openDuckDb(path);
    const reg = new DuckRegistry(db);
    await reg.open();
    const conn = await db.connect();
    expect(await migrate(conn, 'registry', REGISTRY_MIGRATIONS)).toEqual([]); // already applied
    expect(await conn.all('SELECT component, version FROM schema_version ORDER BY component, version')).toEqual([{ component: 'registry', version: 1 }, { component: 'registry', version: 2 }]);
    await conn.run(`INSERT INTO schema_version VALUES ('registry', 99, 'from the future', 0)`);
    await reg.close();
    await db.close();

    const older = new DuckRegistry(path);
    open.push(older);
    const err = await rejection(older.open());
    expect(String((err as Error).message)).toMatch(/newer than this build/);
  });
});
