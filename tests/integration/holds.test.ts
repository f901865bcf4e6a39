// Holds are chosen and placed by the swap service inside the kiosk's decision order: a hold and a
// swap decision racing for a kiosk's only ready pack cannot both win. Holds are capped per kiosk,
// and a nudge's hold never takes the last ready pack nobody holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../helpers/system.ts';
import { ScriptedKiosk } from '../helpers/kiosk-client.ts';
import { customer, STORE } from '../helpers/nudge-fixtures.ts';
import { v1 } from '../../proto/codec.ts';

let t: TestSystem;
const kiosks: Record<string, ScriptedKiosk> = {};
const slot = (id: string, kioskId: string, s: number) => ({ id, lot: 'L-1', hwRev: 'B', custody: { kind: 'slot', kioskId, slot: s } });
const CUSTOMERS = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6', 'c-7', 'c-8'];

beforeAll(async () => {
  t = await startTestSystem({ config: { holdsMaxPerKiosk: 2 } });
  const res = await t.sys.api.inject({
    method: 'POST', url: '/v1/registry/import', headers: t.admin,
    payload: {
      stores: [STORE],
      kiosks: [{ id: 'k-cap', storeId: STORE.id, slotCount: 6 }, { id: 'k-one', storeId: STORE.id, slotCount: 2 }, { id: 'k-two', storeId: STORE.id, slotCount: 2 }],
      customers: CUSTOMERS.map((id) => customer(id)),
      packs: [slot('cap-a', 'k-cap', 0), slot('cap-b', 'k-cap', 1), slot('cap-c', 'k-cap', 2), slot('cap-d', 'k-cap', 3), slot('one-a', 'k-one', 0), slot('two-a', 'k-two', 0), slot('two-b', 'k-two', 1)],
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  const status: Record<string, string[]> = { 'k-cap': ['cap-a', 'cap-b', 'cap-c', 'cap-d'], 'k-one': ['one-a'], 'k-two': ['two-a', 'two-b'] };
  for (const [id, packs] of Object.entries(status)) {
    const { password } = await t.provision('kiosk', id);
    kiosks[id] = await ScriptedKiosk.attach(id, await t.connect(id, password));
    await kiosks[id]!.status(packs.map((packId, index) => ({ index, packId, socPct: 97 })));
  }
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

const hold = (payload: object) => t.sys.api.inject({ method: 'POST', url: '/v1/holds', headers: t.admin, payload });

describe('holds', () => {
  it('caps the holds a kiosk carries', async () => {
    const a = await hold({ kioskId: 'k-cap', customerId: 'c-1', ttlS: 600 });
    const b = await hold({ kioskId: 'k-cap', customerId: 'c-2', ttlS: 600 });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().packId).not.toBe(b.json().packId);
    const c = await hold({ kioskId: 'k-cap', customerId: 'c-3', ttlS: 600 });
    expect([c.statusCode, c.json().error.code]).toEqual([409, 'CF_ERR_HOLD_CAP_REACHED']);
    const byPack = await hold({ packId: 'cap-d', customerId: 'c-3', ttlS: 600 });
    expect(byPack.statusCode).toBe(409);
    expect(t.sys.fleet.holds(Date.now(), { kioskId: 'k-cap' })).toHaveLength(2);
    const unknown = await hold({ kioskId: 'k-nowhere', customerId: 'c-3', ttlS: 600 });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'CF_ERR_KIOSK_NOT_FOUND']);
  });

  it('never lets a nudge hold the last ready pack nobody holds', async () => {
    await expect(t.sys.swaps.placeHold({ kioskId: 'k-one', customerId: 'c-4', ttlMs: 600_000, purpose: 'nudge' })).rejects.toMatchObject({ code: 'CF_ERR_HOLD_CAP_REACHED' });
    const first = await t.sys.swaps.placeHold({ kioskId: 'k-two', customerId: 'c-4', ttlMs: 600_000, purpose: 'nudge' });
    expect(first.readyForCustomer).toBe(2);
    await expect(t.sys.swaps.placeHold({ kioskId: 'k-two', customerId: 'c-5', ttlMs: 600_000, purpose: 'nudge' })).rejects.toMatchObject({ code: 'CF_ERR_HOLD_CAP_REACHED' });
    // A second nudge for the same customer keeps the hold they have.
    const again = await t.sys.swaps.placeHold({ kioskId: 'k-two', customerId: 'c-4', ttlMs: 600_000, purpose: 'nudge' });
    expect(again.hold).toEqual(first.hold);
    expect(t.sys.fleet.holds(Date.now(), { kioskId: 'k-two' })).toHaveLength(1);
  });

  it('a hold and a swap decision racing for the only ready pack: exactly one wins', async () => {
    const k = kiosks['k-one']!;
    const [h, d] = await Promise.all([hold({ kioskId: 'k-one', customerId: 'c-6', ttlS: 600 }), k.ask('race-1', 'tok-c-7')]);
    const holdWon = h.statusCode === 201;
    expect([holdWon, d.allowed].filter(Boolean)).toHaveLength(1);
    expect(holdWon ? d.reasons : [h.json().error.code]).toEqual(holdWon ? [v1.SwapReason.SWAP_REASON_NO_READY_PACK] : ['CF_ERR_HOLD_INVALID']);
    expect(k.commands.filter((c) => c.release)).toHaveLength(d.allowed ? 1 : 0);
  });
});
