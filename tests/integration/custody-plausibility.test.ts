// Issue 9, finding 1: one stolen kiosk password must not rewrite custody fleet-wide. Real broker,
// real MQTT kiosks, real DuckDB: a kiosk claims packs that are in another kiosk, in a customer's
// hands and at another store; nothing moves, each claim is an anomaly with a reason code, the
// claimed packs are handed out nowhere until an operator resolves the dispute.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Custody } from '../../domain/fleet-model.ts';
import { v1 } from '../../proto/codec.ts';
import { ScriptedKiosk, type SlotSpec } from '../helpers/kiosk-client.ts';
import { custodyApplied, startTestSystem, type TestSystem } from '../helpers/system.ts';

let t: TestSystem;
let k1: ScriptedKiosk;
let k2: ScriptedKiosk;
const R = v1.SwapReason;

const customer = (id: string, token: string) => ({ id, token, status: 'active', plan: 'unlimited', planActive: true, timeZone: 'Europe/London' });
const pack = (id: string, custody: object) => ({ id, lot: 'L-1', hwRev: 'B', custody });
const FLEET = {
  stores: [
    { id: 'store-a', name: 'A', lat: 51.5, lon: -0.14, timeZone: 'Europe/London' },
    { id: 'store-b', name: 'B', lat: 53.4, lon: -2.24, timeZone: 'Europe/London' },
  ],
  kiosks: [
    { id: 'k1', storeId: 'store-a', slotCount: 8 },
    { id: 'k2', storeId: 'store-a', slotCount: 4 },
    { id: 'k3', storeId: 'store-b', slotCount: 4 },
  ],
  customers: [customer('c1', 'tok-c1'), customer('c2', 'tok-c2'), customer('c3', 'tok-c3'), customer('c4', 'tok-c4')],
  packs: [
    pack('p1', { kind: 'slot', kioskId: 'k1', slot: 0 }),
    pack('p2', { kind: 'slot', kioskId: 'k2', slot: 0 }),
    pack('p3', { kind: 'customer', customerId: 'c1' }),
    pack('p5', { kind: 'slot', kioskId: 'k3', slot: 0 }),
    pack('pw', { kind: 'warehouse', warehouseId: 'store-a' }),
    pack('pt', { kind: 'in_transit', to: 'store-a' }),
    pack('pc', { kind: 'customer', customerId: 'c2' }),
  ],
};

const custodyOf = (id: string): Custody => t.sys.fleet.pack(id)!.custody;
const slot = (index: number, packId?: string, socPct = 100): SlotSpec => (packId ? { index, packId, socPct } : { index });

async function anomalies(): Promise<Array<{ id: number; kind: string; packId: string; reason?: string; status?: string; kioskId: string; slot?: number }>> {
  const res = await t.sys.api.inject({ url: '/v1/anomalies?limit=1000', headers: t.admin });
  expect(res.statusCode).toBe(200);
  return res.json().anomalies;
}
const disputes = async () => (await anomalies()).filter((a) => a.kind === 'custody_implausible');

beforeAll(async () => {
  t = await startTestSystem();
  const res = await t.sys.api.inject({ method: 'POST', url: '/v1/registry/import', headers: t.admin, payload: FLEET });
  expect(res.statusCode, res.body).toBe(200);
  for (const id of ['k1', 'k2']) {
    const { password } = await t.provision('kiosk', id);
    const k = await ScriptedKiosk.attach(id, await t.connect(id, password));
    if (id === 'k1') k1 = k;
    else k2 = k;
  }
  await k2.status([slot(0, 'p2'), slot(1), slot(2), slot(3)]);
  await custodyApplied(t);
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

describe('a kiosk status claiming packs it cannot have', () => {
  it('moves none of them, and records one anomaly per pack with its reason code', async () => {
    // Custody applies statuses from the log, behind the PUBACK: each step waits for it.
    await k1.status([slot(0, 'p1', 50), slot(1, 'p2'), slot(2, 'p3'), slot(3, 'p5'), slot(4), slot(5), slot(6), slot(7)]);
    await custodyApplied(t);
    expect(custodyOf('p2')).toEqual({ kind: 'slot', kioskId: 'k2', slot: 0 });
    expect(custodyOf('p3')).toEqual({ kind: 'customer', customerId: 'c1' });
    expect(custodyOf('p5')).toEqual({ kind: 'slot', kioskId: 'k3', slot: 0 });
    const d = await disputes();
    expect(d.map((a) => [a.packId, a.reason, a.status, a.kioskId, a.slot]).sort()).toEqual([
      ['p2', 'in_other_kiosk', 'open', 'k1', 1],
      ['p3', 'with_customer', 'open', 'k1', 2],
      ['p5', 'in_other_kiosk', 'open', 'k1', 3],
    ]);
  });

  it('a repeated status adds no second anomaly', async () => {
    await k1.status([slot(0, 'p1', 50), slot(1, 'p2'), slot(2, 'p3'), slot(3, 'p5'), slot(4), slot(5), slot(6), slot(7)]);
    await custodyApplied(t);
    expect(await disputes()).toHaveLength(3);
    expect(t.sys.placement.counters.repeated).toBeGreaterThanOrEqual(3);
  });

  it('k1 cannot hand out a claimed pack, and k2 does not hand out the disputed p2 either', async () => {
    const at1 = await k1.ask('req-k1-1', 'tok-c3');
    expect(at1.allowed).toBe(false);
    expect(at1.reasons).toContain(R.SWAP_REASON_NO_READY_PACK);
    const at2 = await k2.ask('req-k2-1', 'tok-c3');
    expect(at2.allowed).toBe(false);
    expect(at2.reasons).toContain(R.SWAP_REASON_NO_READY_PACK);
  });

  it('an insertion event of a pack in another kiosk is disputed too, and moves nothing', async () => {
    await k1.inserted(4, 'p2');
    await custodyApplied(t);
    expect(custodyOf('p2')).toEqual({ kind: 'slot', kioskId: 'k2', slot: 0 });
    // Same pack at the same kiosk: the open dispute covers it.
    expect(await disputes()).toHaveLength(3);
  });

  it('only an admin resolves; a kiosk token is refused', async () => {
    const tok = await t.sys.api.inject({ method: 'POST', url: '/v1/kiosks/k1/tokens', headers: t.admin });
    const id = (await disputes()).find((a) => a.packId === 'p2')!.id;
    const res = await t.sys.api.inject({ method: 'POST', url: `/v1/anomalies/${id}/resolve`, headers: { authorization: `Bearer ${tok.json().token}` }, payload: { resolution: 'accepted' } });
    expect(res.statusCode).toBe(403);
    const anon = await t.sys.api.inject({ method: 'POST', url: `/v1/anomalies/${id}/resolve`, payload: { resolution: 'accepted' } });
    expect(anon.statusCode).toBe(401);
    expect(custodyOf('p2')).toEqual({ kind: 'slot', kioskId: 'k2', slot: 0 });
  });

  it('dismissed: custody stays and the pack is handed out again where it really is', async () => {
    const id = (await disputes()).find((a) => a.packId === 'p2')!.id;
    const res = await t.sys.api.inject({ method: 'POST', url: `/v1/anomalies/${id}/resolve`, headers: t.admin, payload: { resolution: 'dismissed', note: 'k1 was compromised' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'resolved', resolution: 'dismissed', note: 'k1 was compromised', packId: 'p2' });
    expect(custodyOf('p2')).toEqual({ kind: 'slot', kioskId: 'k2', slot: 0 });
    const again = await t.sys.api.inject({ method: 'POST', url: `/v1/anomalies/${id}/resolve`, headers: t.admin, payload: { resolution: 'accepted' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CF_ERR_ANOMALY_NOT_OPEN');
    const d = await k2.ask('req-k2-2', 'tok-c3');
    expect(d.allowed).toBe(true);
    expect(d.packId).toBe('p2');
  });

  it('accepted: the pack moves into the slot the kiosk reported', async () => {
    const id = (await disputes()).find((a) => a.packId === 'p5')!.id;
    const res = await t.sys.api.inject({ method: 'POST', url: `/v1/anomalies/${id}/resolve`, headers: t.admin, payload: { resolution: 'accepted' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(custodyOf('p5')).toEqual({ kind: 'slot', kioskId: 'k1', slot: 3 });
    const hist = await t.sys.api.inject({ url: '/v1/packs/p5/custody', headers: t.admin });
    expect(hist.json().changes[0]).toMatchObject({ cause: 'dispute_accepted', to: { kind: 'slot', kioskId: 'k1', slot: 3 } });
  });

  it('an unknown anomaly id is a 404, a bad body a 400', async () => {
    const res = await t.sys.api.inject({ method: 'POST', url: '/v1/anomalies/999999/resolve', headers: t.admin, payload: { resolution: 'accepted' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('CF_ERR_ANOMALY_NOT_FOUND');
    const bad = await t.sys.api.inject({ method: 'POST', url: '/v1/anomalies/1/resolve', headers: t.admin, payload: { resolution: 'maybe' } });
    expect(bad.statusCode).toBe(400);
  });
});

describe('a claim that was early, not false', () => {
  it('is judged again once the registry moved the pack, and the dispute closes itself', async () => {
    // After an outage devices flush in any order: k1 reports p6 before k2's release of it arrived.
    await t.sys.fleet.importFleet({ packs: [pack('p6', { kind: 'slot', kioskId: 'k2', slot: 3 })] }, Date.now());
    await k1.status([slot(0, 'p1', 50), slot(1), slot(2), slot(3, 'p5'), slot(4), slot(5), slot(6), slot(7, 'p6')]);
    await custodyApplied(t);
    const d = (await disputes()).find((a) => a.packId === 'p6')!;
    expect(d).toMatchObject({ status: 'open', reason: 'in_other_kiosk' });
    // The release reaches the registry (c4 took p6), and c4 asks at k1: now the claim is plausible.
    await t.sys.fleet.moveCustody([{ packId: 'p6', to: { kind: 'customer', customerId: 'c4' }, cause: 'release' }], Date.now());
    await k1.ask('req-c4', 'tok-c4');
    await k1.status([slot(0, 'p1', 50), slot(1), slot(2), slot(3, 'p5'), slot(4), slot(5), slot(6), slot(7, 'p6')]);
    await custodyApplied(t);
    expect(custodyOf('p6')).toEqual({ kind: 'slot', kioskId: 'k1', slot: 7 });
    expect((await disputes()).find((a) => a.packId === 'p6')).toMatchObject({ status: 'resolved', resolution: 'accepted' });
  });
});

describe('plausible reports still move custody', () => {
  it("packs from this store's back room and in transit to this store go into the reported slots", async () => {
    await k1.status([slot(0, 'p1', 50), slot(1), slot(2), slot(3, 'p5'), slot(4, 'pw'), slot(5, 'pt'), slot(6), slot(7)]);
    await custodyApplied(t);
    expect(custodyOf('pw')).toEqual({ kind: 'slot', kioskId: 'k1', slot: 4 });
    expect(custodyOf('pt')).toEqual({ kind: 'slot', kioskId: 'k1', slot: 5 });
  });

  it("a customer's pack, when that customer is in a swap at this kiosk", async () => {
    const d = await k1.ask('req-c2', 'tok-c2', { packId: 'pc', slot: 6 });
    expect(d.allowed, JSON.stringify(d.reasons)).toBe(true);
    await k1.status([slot(0, 'p1', 50), slot(1), slot(2), slot(3, 'p5'), slot(4, 'pw'), slot(5, 'pt'), slot(6, 'pc', 10), slot(7)]);
    await custodyApplied(t);
    expect(custodyOf('pc')).toEqual({ kind: 'slot', kioskId: 'k1', slot: 6 });
    // Nothing new was disputed by these reports.
    expect((await disputes()).filter((a) => a.status === 'open').map((a) => a.packId)).toEqual(['p3']);
  });
});
