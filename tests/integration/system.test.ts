// The whole system as a user meets it: provision over HTTP, publish protobuf over real MQTT,
// read it back over HTTP. Real aedes broker on a real socket, real mqtt clients, real DuckDB.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeKioskEvent, encodeKioskStatus, encodePackTelemetry, v1 } from '../../proto/codec.ts';
import { topics } from '../../domain/topics.ts';
import { eventually, startTestSystem, type TestSystem } from '../helpers/system.ts';

let t: TestSystem;
const boot = 4242;
const reading = (seq: number, over: Record<string, unknown> = {}) =>
  encodePackTelemetry({ header: { bootId: boot, seq, sentAtMs: Date.now() - 1000, firmware: 'fw-1' }, socPct: 80 - seq, voltageMv: 3900, currentMa: -1500, tempC: 28.5, cycles: 17, sohPct: 97, state: v1.PackState.PACK_STATE_DISCHARGING, ...over });

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await t?.stop();
  // The restart test reopens the same dir, which the helper then does not own.
  if (t) rmSync(t.dataDir, { recursive: true, force: true });
});

describe('a pack reading, end to end', () => {
  it('is acknowledged only once stored, and readable over HTTP', async () => {
    const { password } = await t.provision('pack', 'pack-e2e-1');
    const c = await t.connect('pack-e2e-1', password);
    await c.publishAsync(topics.packTelemetry('pack-e2e-1'), Buffer.from(reading(1)), { qos: 1 });
    // PUBACK arrived: the row must already be in the store, without waiting.
    const rows = await t.sys.store.packReadings('pack-e2e-1', { fromMs: 0, toMs: Date.now() + 1000 });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ seq: 1, bootId: boot, socPct: 79, tempC: 28.5, cycles: 17 });

    const latest = await t.sys.api.inject({ url: '/v1/packs/pack-e2e-1', headers: t.admin });
    expect(latest.statusCode).toBe(200);
    // One shape: the reading under `latest`, nothing of it repeated at the top level.
    expect(latest.json()).toMatchObject({ id: 'pack-e2e-1', online: true, connected: true, latest: { seq: 1, socPct: 79, cycles: 17, sohPct: 97, tempC: 28.5, state: 'DISCHARGING' } });
    expect(Object.keys(latest.json()).sort()).toEqual(['connected', 'custody', 'flag', 'hwRev', 'id', 'lastSeenAt', 'latest', 'lot', 'online']);
    expect(typeof latest.json().lastSeenAt).toBe('string');

    const hist = await t.sys.api.inject({ url: '/v1/packs/pack-e2e-1/readings?limit=10', headers: t.admin });
    expect(hist.statusCode).toBe(200);
    expect(hist.json().readings).toEqual([expect.objectContaining({ seq: 1, bootId: boot, socPct: 79 })]);
  });

  it('reads the newest first: limit=10 is the last 10 readings, order=asc the first 10', async () => {
    const { password } = await t.provision('pack', 'pack-many');
    const c = await t.connect('pack-many', password);
    const t0 = Date.now() - 60_000;
    for (let seq = 1; seq <= 15; seq++) {
      const bytes = encodePackTelemetry({ header: { bootId: boot, seq, sentAtMs: t0 + seq * 1000, firmware: 'fw-1' }, socPct: 50, voltageMv: 3900, currentMa: -1, tempC: 25, cycles: 1, sohPct: 99, state: v1.PackState.PACK_STATE_DISCHARGING });
      await c.publishAsync(topics.packTelemetry('pack-many'), Buffer.from(bytes), { qos: 1 });
    }
    const seqs = async (qs: string) => ((await t.sys.api.inject({ url: `/v1/packs/pack-many/readings?${qs}`, headers: t.admin })).json().readings as { seq: number }[]).map((r) => r.seq);
    expect(await seqs('limit=10')).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6]);
    expect(await seqs('limit=3&order=desc')).toEqual([15, 14, 13]);
    expect(await seqs('limit=3&order=asc')).toEqual([1, 2, 3]);

    // The same for a kiosk's status reports and events.
    const k = await t.provision('kiosk', 'kiosk-many');
    const kc = await t.connect('kiosk-many', k.password);
    for (let seq = 1; seq <= 4; seq++) {
      const header = { bootId: 7, seq, sentAtMs: t0 + seq * 1000, firmware: 'k' };
      const topic = seq % 2 ? topics.kioskStatus('kiosk-many') : topics.kioskEvents('kiosk-many');
      const bytes = seq % 2 ? encodeKioskStatus({ header, mainsPower: true, door: v1.DoorState.DOOR_STATE_CLOSED, signalDbm: -70, slots: [] }) : encodeKioskEvent({ header, door: { door: v1.DoorState.DOOR_STATE_CLOSED } });
      await kc.publishAsync(topic, Buffer.from(bytes), { qos: 1 });
    }
    const statuses = (await t.sys.api.inject({ url: '/v1/kiosks/kiosk-many/readings?limit=1', headers: t.admin })).json().readings as { seq: number }[];
    expect(statuses.map((r) => r.seq)).toEqual([3]);
    const events = (await t.sys.api.inject({ url: '/v1/kiosks/kiosk-many/events?limit=1', headers: t.admin })).json().events as { seq: number }[];
    expect(events.map((e) => e.seq)).toEqual([4]);
    const doc = (await t.sys.api.inject({ url: '/openapi.json' })).json();
    const order = (doc.paths['/v1/packs/{id}/readings'].get.parameters as { name: string; description?: string }[]).find((p) => p.name === 'order');
    expect(order?.description).toMatch(/newest first/);
  });

  it('stores a redelivered (boot, seq) once and still acknowledges it', async () => {
    const { password } = await t.provision('pack', 'pack-dup');
    const c = await t.connect('pack-dup', password);
    const topic = topics.packTelemetry('pack-dup');
    await Promise.all([1, 1, 2].map((seq) => c.publishAsync(topic, Buffer.from(reading(seq)), { qos: 1 })));
    await c.publishAsync(topic, Buffer.from(reading(1)), { qos: 1, dup: true } as never);
    const rows = await t.sys.store.packReadings('pack-dup', { fromMs: 0, toMs: Date.now() + 1000 });
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(t.sys.pipeline.stats().duplicates).toBeGreaterThanOrEqual(2);
  });

  it('quarantines a malformed payload with its reason, keeps the client, and loses nothing else', async () => {
    const { password } = await t.provision('pack', 'pack-bad');
    const c = await t.connect('pack-bad', password);
    const topic = topics.packTelemetry('pack-bad');
    await c.publishAsync(topic, Buffer.from([0x0a, 0xff, 0xff, 0xff]), { qos: 1 });
    await c.publishAsync(topic, Buffer.from(reading(1, { socPct: 180 })), { qos: 1 });
    await c.publishAsync(topic, Buffer.alloc(0), { qos: 1 });
    await c.publishAsync(topic, Buffer.from(reading(2)), { qos: 1 });
    expect(c.connected).toBe(true);
    const res = await t.sys.api.inject({ url: '/v1/quarantine?limit=50', headers: t.admin });
    expect(res.statusCode).toBe(200);
    const mine = (res.json().items as { deviceId: string; reason: string; payloadBase64: string; topic: string }[]).filter((i) => i.deviceId === 'pack-bad');
    expect(mine.map((i) => i.reason).sort()).toEqual(['CF_ERR_INGEST_DECODE', 'CF_ERR_INGEST_NO_HEADER', 'CF_ERR_INGEST_OUT_OF_RANGE']);
    expect(mine.find((i) => i.reason === 'CF_ERR_INGEST_DECODE')!.payloadBase64).toBe(Buffer.from([0x0a, 0xff, 0xff, 0xff]).toString('base64'));
    expect(mine.length).toBeGreaterThan(0); // .every below is vacuous over nothing
    expect(mine.every((i) => i.topic === topic)).toBe(true);
    const rows = await t.sys.store.packReadings('pack-bad', { fromMs: 0, toMs: Date.now() + 1000 });
    expect(rows.map((r) => r.seq)).toEqual([2]);
    const filtered = await t.sys.api.inject({ url: '/v1/quarantine?reason=CF_ERR_INGEST_OUT_OF_RANGE', headers: t.admin });
    expect((filtered.json().items as unknown[]).length).toBeGreaterThan(0); // .every below is vacuous over nothing
    expect((filtered.json().items as { reason: string }[]).every((i) => i.reason === 'CF_ERR_INGEST_OUT_OF_RANGE')).toBe(true);
  });

  it('quarantines a header-only payload and a KioskStatus on a pack topic: neither becomes the pack state', async () => {
    const { password } = await t.provision('pack', 'pack-hollow');
    const c = await t.connect('pack-hollow', password);
    const topic = topics.packTelemetry('pack-hollow');
    await c.publishAsync(topic, Buffer.from(reading(1)), { qos: 1 });
    await c.publishAsync(topic, Buffer.from([0x0a, 0x00]), { qos: 1 });
    const status = encodeKioskStatus({ header: { bootId: boot, seq: 3, sentAtMs: Date.now(), firmware: 'k' }, mainsPower: true, door: 1, signalDbm: -70, slots: [{ index: 0, state: 3, packId: 'pack-x', socPct: 99, tempC: 25 }] });
    await c.publishAsync(topic, Buffer.from(status), { qos: 1 });
    expect(c.connected).toBe(true);
    const latest = await t.sys.api.inject({ url: '/v1/packs/pack-hollow', headers: t.admin });
    // Still the real reading: SoC 79, SoH 97, DISCHARGING.
    expect(latest.json().latest).toMatchObject({ socPct: 79, sohPct: 97, state: 'DISCHARGING' });
    const rows = await t.sys.store.packReadings('pack-hollow', { fromMs: 0, toMs: Date.now() + 1000 });
    expect(rows.map((r) => r.seq)).toEqual([1]);
    const res = await t.sys.api.inject({ url: '/v1/quarantine?limit=50', headers: t.admin });
    const mine = (res.json().items as { deviceId: string; reason: string }[]).filter((i) => i.deviceId === 'pack-hollow');
    expect(mine.map((i) => i.reason).sort()).toEqual(['CF_ERR_INGEST_DECODE', 'CF_ERR_INGEST_FIELD_MISSING']);
  });

  it('stores nothing published to another device topic, and cuts that client off', async () => {
    const a = await t.provision('pack', 'pack-a');
    await t.provision('pack', 'pack-b');
    const c = await t.connect('pack-a', a.password);
    const closed = new Promise<void>((r) => c.once('close', () => r()));
    c.publish(topics.packTelemetry('pack-b'), Buffer.from(reading(1)), { qos: 1 });
    await closed;
    const rows = await t.sys.store.packReadings('pack-b', { fromMs: 0, toMs: Date.now() + 1000 });
    expect(rows).toHaveLength(0);
  });

  it('shows a kiosk and its slots', async () => {
    const { password } = await t.provision('kiosk', 'kiosk-1');
    const c = await t.connect('kiosk-1', password);
    const payload = encodeKioskStatus({
      header: { bootId: 1, seq: 1, sentAtMs: Date.now(), firmware: 'kiosk-fw' },
      mainsPower: true,
      door: v1.DoorState.DOOR_STATE_CLOSED,
      signalDbm: -71,
      slots: [
        { index: 0, state: v1.SlotState.SLOT_STATE_READY, packId: 'pack-r1', socPct: 98, tempC: 24 },
        { index: 1, state: v1.SlotState.SLOT_STATE_CHARGING, packId: 'pack-r2', socPct: 40, tempC: 31, chargeCurrentMa: 1300 },
        { index: 2, state: v1.SlotState.SLOT_STATE_EMPTY },
      ],
    });
    await c.publishAsync(topics.kioskStatus('kiosk-1'), Buffer.from(payload), { qos: 1 });
    const res = await t.sys.api.inject({ url: '/v1/kiosks/kiosk-1', headers: t.admin });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: 'kiosk-1', online: true, mainsPower: true, door: 'CLOSED', signalDbm: -71, slotCounts: { READY: 1, CHARGING: 1, EMPTY: 1 } });
    expect(body.slots[1]).toEqual({ index: 1, state: 'CHARGING', packId: 'pack-r2', socPct: 40, tempC: 31, chargeCurrentMa: 1300, faultCode: 0 });
    expect(body.slots[2].packId).toBeNull();
  });

  it('revoking a device disconnects it and refuses it afterwards', async () => {
    const { password } = await t.provision('pack', 'pack-rev');
    const c = await t.connect('pack-rev', password);
    const closed = new Promise<void>((r) => c.once('close', () => r()));
    const res = await t.sys.api.inject({ method: 'DELETE', url: '/v1/devices/pack-rev', headers: t.admin });
    expect(res.statusCode).toBe(200);
    await closed;
    await expect(t.connect('pack-rev', password)).rejects.toThrow();
    const list = await t.sys.api.inject({ url: '/v1/devices?kind=pack&limit=1000', headers: t.admin });
    expect(list.json().devices.find((d: { id: string }) => d.id === 'pack-rev')).toMatchObject({ revoked: true, online: false });
  });
});

describe('the HTTP API refuses bad requests with a reason', () => {
  it.each([
    ['no token', { method: 'GET', url: '/v1/devices' }, 401, 'CF_ERR_AUTH_MISSING'],
    ['a wrong token', { method: 'GET', url: '/v1/devices', headers: { authorization: 'Bearer nope' } }, 401, 'CF_ERR_AUTH_INVALID'],
    ['an unknown kind', { method: 'POST', url: '/v1/devices', payload: { kind: 'toaster', id: 'x1' }, admin: true }, 400, 'CF_ERR_HTTP_BAD_REQUEST'],
    ['a bad id', { method: 'POST', url: '/v1/devices', payload: { kind: 'pack', id: 'has space' }, admin: true }, 400, 'CF_ERR_DEVICE_ID_INVALID'],
    ['a bad pack id', { method: 'GET', url: '/v1/packs/bad!id', admin: true }, 400, 'CF_ERR_DEVICE_ID_INVALID'],
    ['a bad kiosk id', { method: 'GET', url: '/v1/kiosks/-dash/events', admin: true }, 400, 'CF_ERR_DEVICE_ID_INVALID'],
    ['rotating an unknown device', { method: 'POST', url: '/v1/devices/ghost/rotate', admin: true }, 404, 'CF_ERR_DEVICE_NOT_FOUND'],
    ['an extra field', { method: 'POST', url: '/v1/devices', payload: { kind: 'pack', id: 'x2', owner: 'me' }, admin: true }, 400, 'CF_ERR_HTTP_BAD_REQUEST'],
    ['broken JSON', { method: 'POST', url: '/v1/devices', payload: '{"kind":', headers: { 'content-type': 'application/json' }, admin: true }, 400, 'CF_ERR_HTTP_BAD_REQUEST'],
    ['an unknown pack', { method: 'GET', url: '/v1/packs/never-seen', admin: true }, 404, 'CF_ERR_PACK_NOT_FOUND'],
    ['an unknown kiosk', { method: 'GET', url: '/v1/kiosks/never-seen', admin: true }, 404, 'CF_ERR_KIOSK_NOT_FOUND'],
    ['revoking an unknown device', { method: 'DELETE', url: '/v1/devices/ghost', admin: true }, 404, 'CF_ERR_DEVICE_NOT_FOUND'],
    ['a bad time range', { method: 'GET', url: '/v1/packs/p/readings?from=yesterday', admin: true }, 400, 'CF_ERR_HTTP_BAD_REQUEST'],
    ['an unknown route', { method: 'GET', url: '/v1/nothing', admin: true }, 404, 'CF_ERR_HTTP_NOT_FOUND'],
  ] as const)('%s → %i %s', async (_name, req, status, code) => {
    const { admin, ...rest } = req as typeof req & { admin?: boolean; headers?: Record<string, string> };
    const headers = { ...(rest.headers ?? {}), ...(admin ? t.admin : {}) };
    const res = await t.sys.api.inject({ ...(rest as object), headers } as never);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message.length).toBeGreaterThan(5);
  });

  it('says the id rule in words, once per field, never the raw pattern', async () => {
    const long = await t.sys.api.inject({ method: 'POST', url: '/v1/devices', headers: t.admin, payload: { kind: 'pack', id: `p${'x'.repeat(64)}` } });
    expect(long.json().error.code).toBe('CF_ERR_DEVICE_ID_INVALID');
    expect(long.json().error.message).toBe("Invalid body: /id must be 1-64 letters, digits, '.', '-' and '_', starting with a letter or digit");
    expect(long.json().error.details).toHaveLength(1);
    // Not a device: the same words, under the generic code.
    const customer = await t.sys.api.inject({ url: '/v1/customers/no%20such', headers: t.admin });
    expect(customer.statusCode).toBe(400);
    expect(customer.json().error).toMatchObject({ code: 'CF_ERR_HTTP_BAD_REQUEST', message: expect.stringContaining('letters, digits') });
    // A mix of an id and another mistake keeps the generic code, and says both.
    const mixed = await t.sys.api.inject({ method: 'POST', url: '/v1/devices', headers: t.admin, payload: { kind: 'toaster', id: 'bad id' } });
    expect(mixed.json().error.code).toBe('CF_ERR_HTTP_BAD_REQUEST');
    expect(mixed.json().error.message).toMatch(/kind.*must be equal to one of the allowed values|allowed values/);
    expect(mixed.json().error.message).toContain('letters, digits');
    expect(mixed.json().error.message).not.toContain('^[A-Za-z0-9]');
  });

  it('refuses a duplicate device id with 409 and shows the password only once', async () => {
    const first = await t.sys.api.inject({ method: 'POST', url: '/v1/devices', headers: t.admin, payload: { kind: 'pack', id: 'pack-once' } });
    expect(first.statusCode).toBe(201);
    expect(first.json().password).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const again = await t.sys.api.inject({ method: 'POST', url: '/v1/devices', headers: t.admin, payload: { kind: 'pack', id: 'pack-once' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CF_ERR_DEVICE_EXISTS');
    const list = await t.sys.api.inject({ url: '/v1/devices', headers: t.admin });
    expect(JSON.stringify(list.json())).not.toContain(first.json().password);
  });

  it('serves /healthz without a token (details only with one) and an OpenAPI document', async () => {
    const h = await t.sys.api.inject({ url: '/healthz' });
    expect(h.statusCode).toBe(200);
    expect(Object.keys(h.json()).sort()).toEqual(['now', 'status', 'uptimeS', 'version']);
    expect(h.json().status).toBe('ok');
    const detailed = await t.sys.api.inject({ url: '/healthz', headers: t.admin });
    expect(detailed.json()).toMatchObject({ status: 'ok', store: { kind: 'duckdb', ok: true } });
    const doc = await t.sys.api.inject({ url: '/openapi.json' });
    expect(Object.keys(doc.json().paths)).toEqual(expect.arrayContaining(['/v1/devices', '/v1/packs/{id}', '/v1/packs/{id}/readings', '/v1/kiosks/{id}', '/v1/quarantine', '/healthz']));
  });
});

describe('restart', () => {
  it('rebuilds live state from the store', async () => {
    const { password } = await t.provision('pack', 'pack-restart');
    const c = await t.connect('pack-restart', password);
    await c.publishAsync(topics.packTelemetry('pack-restart'), Buffer.from(reading(5, { socPct: 42 })), { qos: 1 });
    await c.endAsync();
    const dataDir = t.dataDir;
    await t.sys.stop();
    const again = await startTestSystem({ dataDir });
    try {
      const res = await again.sys.api.inject({ url: '/v1/packs/pack-restart', headers: again.admin });
      // Rebuilt from the store: the reading and when it was seen, but not online (nobody heard it since).
      expect(res.json()).toMatchObject({ latest: { socPct: 42, seq: 5 }, connected: false, online: false });
      expect(typeof res.json().lastSeenAt).toBe('string');
      // And the replay window is gone, but the store still refuses the duplicate.
      const c2 = await again.connect('pack-restart', password);
      await c2.publishAsync(topics.packTelemetry('pack-restart'), Buffer.from(reading(5, { socPct: 42 })), { qos: 1 });
      const rows = await again.sys.store.packReadings('pack-restart', { fromMs: 0, toMs: Date.now() + 1000 });
      expect(rows).toHaveLength(1);
      await eventually(() => again.sys.live.online('pack-restart', Date.now()).connected, 2000, 'connected');
    } finally {
      await again.stop();
    }
    t = await startTestSystem({ dataDir });
  });
});
