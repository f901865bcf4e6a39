// What a store manager reads, fed by a real kiosk over MQTT: store stock (charged, charging with a
// ready time, free return slots), the store page's slot grid, and ready packs over time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../../domain/topics.ts';
import { encodeKioskStatus, v1 } from '../../proto/codec.ts';
import { ADMIN, newSession, TWO_STORES, type Session } from '../helpers/accounts.ts';
import { startTestSystem, type TestSystem } from '../helpers/system.ts';

let t: TestSystem;
let mgr: Session;
const S = v1.SlotState;

beforeAll(async () => {
  t = await startTestSystem();
  expect((await t.sys.api.inject({ method: 'POST', url: '/v1/registry/import', headers: ADMIN, payload: TWO_STORES })).statusCode).toBe(200);
  mgr = await newSession(t.sys.api, 'manager', ['st-own']);
  const { password } = await t.provision('kiosk', 'k-own');
  const kiosk = await t.connect('k-own', password);
  const status = encodeKioskStatus({
    header: { bootId: 1, seq: 1, sentAtMs: Date.now(), firmware: 'kfw' },
    mainsPower: true,
    door: v1.DoorState.DOOR_STATE_CLOSED,
    signalDbm: -60,
    slots: [
      { index: 0, state: S.SLOT_STATE_READY, packId: 'p-own', socPct: 98, tempC: 24 },
      { index: 1, state: S.SLOT_STATE_CHARGING, packId: 'p-own-2', socPct: 60, tempC: 30, chargeCurrentMa: 1300 },
      { index: 2, state: S.SLOT_STATE_EMPTY },
      { index: 3, state: S.SLOT_STATE_FAULT, faultCode: 17 },
    ],
  });
  await kiosk.publishAsync(topics.kioskStatus('k-own'), Buffer.from(status), { qos: 1 });
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

describe('store stock', () => {
  it('shows charged packs now, charging packs with their ready time, and free return slots', async () => {
    const res = await t.sys.api.inject({ url: '/v1/stores', headers: mgr.headers });
    expect(res.statusCode).toBe(200);
    const [own] = res.json().stores;
    expect(own).toMatchObject({ id: 'st-own', name: 'Own Street', kioskIds: ['k-own'], stock: { kiosks: 1, kiosksOnline: 1, ready: 1, held: 0, charging: 1, freeReturnSlots: 1, outOfService: 1, toWithdraw: 0 }, stockOutAt: null });
    const readyIn = Date.parse(own.charging[0].readyAt) - Date.now();
    expect(own.charging[0]).toMatchObject({ packId: 'p-own-2', kioskId: 'k-own', slot: 1, socPct: 60 });
    // 60 → 80 % at 0.5C is 0.8 h, then the CV taper to 90 %: between 0.8 h and 3 h.
    expect(readyIn).toBeGreaterThan(0.79 * 3_600_000);
    expect(readyIn).toBeLessThan(3 * 3_600_000);
    expect(own.stock.nextReadyAt).toBe(own.charging[0].readyAt);
  });

  it('counts a held pack as promised, not free', async () => {
    const hold = await t.sys.api.inject({ method: 'POST', url: '/v1/holds', headers: ADMIN, payload: { packId: 'p-own', customerId: 'c-1', ttlS: 600 } });
    expect(hold.statusCode).toBe(201);
    const page = await t.sys.api.inject({ url: '/v1/stores/st-own', headers: mgr.headers });
    expect(page.json().stock).toMatchObject({ ready: 0, held: 1 });
    expect(page.json().kiosks[0].slots[0]).toMatchObject({ packId: 'p-own', held: true });
  });

  it('gives the store page a slot grid per kiosk and the store\'s alerts', async () => {
    const page = await t.sys.api.inject({ url: '/v1/stores/st-own', headers: mgr.headers });
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.kiosks).toHaveLength(1);
    const k = body.kiosks[0];
    expect(k).toMatchObject({ id: 'k-own', storeId: 'st-own', slotCount: 4, online: true, connected: true, mainsPower: true, door: 'CLOSED', signalDbm: -60, slotCounts: { READY: 1, CHARGING: 1, EMPTY: 1, FAULT: 1 } });
    expect(k.slots.map((s: { state: string }) => s.state)).toEqual(['READY', 'CHARGING', 'EMPTY', 'FAULT']);
    expect(k.slots[1].readyAt).toBe(body.charging[0].readyAt);
    expect(k.slots[3]).toMatchObject({ packId: null, faultCode: 17, readyAt: null });
    expect(Array.isArray(body.alerts)).toBe(true);
  });

  it('charts ready packs over time from the kiosks\' reports', async () => {
    const from = new Date(Date.now() - 30 * 60_000).toISOString();
    const res = await t.sys.api.inject({ url: `/v1/stores/st-own/stock-history?from=${from}&stepMin=10`, headers: mgr.headers });
    expect(res.statusCode).toBe(200);
    const points = res.json().points as { ready: number; charging: number; freeReturnSlots: number; kiosksReporting: number }[];
    // Every 10 minutes from `from`, and a last point at `to` (now).
    expect(points.length).toBeGreaterThanOrEqual(3);
    expect(points.length).toBeLessThanOrEqual(4);
    // The report came in just now: only the last point has it.
    expect(points.at(-1)).toEqual(expect.objectContaining({ ready: 1, charging: 1, freeReturnSlots: 1, kiosksReporting: 1 }));
    expect(points[0]).toEqual(expect.objectContaining({ ready: 0, kiosksReporting: 0 }));
  });
});
