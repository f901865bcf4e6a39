// A lot-recall day against the whole system in-process, on one shared virtual clock, with the
// server's plan driving the simulator's couriers: a lot starts overheating, the operator recalls
// it two hours later, and by the next morning every recalled pack is withdrawn or flagged in a
// customer's hand (the next swap takes it back), none was handed out after the recall, and the
// registry's custody of every pack is where the simulated pack really is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MqttFleet } from '../../firmware-sim/mqtt-fleet.ts';
import { scenario } from '../../firmware-sim/scenarios.ts';
import { VirtualClock } from '../../firmware-sim/virtual-clock.ts';
import { ADMIN_TOKEN, startTestSystem, type TestSystem } from '../helpers/system.ts';

const HOUR = 3_600_000;
let t: TestSystem;
let fleet: MqttFleet;
let clock: VirtualClock;
let drained = false;

beforeAll(async () => {
  clock = new VirtualClock();
  t = await startTestSystem({ clock, config: { publishRatePerSec: 5000, publishBurst: 10_000, restockCheckS: 600 } });
  // 60 packs make lots of 50: lot 1 is the last ten. It overheats from 04:00, the operator recalls
  // it at 06:00; the run goes on through the day and the night, until 04:00 the next morning.
  const sc = scenario('lot-recall', { durationMs: 28 * HOUR, recall: { lot: 1, startsAfterMs: 4 * HOUR, overheatPerHour: 0.002, operatorRecallAfterMs: 2 * HOUR } });
  fleet = await MqttFleet.create({
    seed: 'e2e-lot-recall',
    packs: 60,
    customers: 40,
    stores: 2,
    kiosksPerStore: 2,
    scenario: sc,
    brokerUrl: t.sys.mqttUrl,
    api: { baseUrl: t.sys.httpUrl, token: ADMIN_TOKEN },
    clock,
    idPrefix: 'e2r-',
    links: { publishRatePerSec: 2000, publishBurst: 4000 },
    restock: { policy: 'plan' },
  });
  await fleet.run({ speed: Infinity, gateMaxWallMs: 20_000 });
  drained = await fleet.drain(30_000);
  fleet.halt();
  await t.sys.pipeline.flush();
}, 240_000);

afterAll(async () => {
  fleet?.close();
  await t?.stop();
});

const lotPacks = () => fleet.built.packs.ids.filter((_, i) => fleet.built.packs.lotOf(i) === 1);

describe('lot-recall with the plan driving the couriers', () => {
  it('recalled the lot and ran the whole day', () => {
    const r = fleet.report();
    expect(drained).toBe(true);
    expect(r.simulatedHours).toBeGreaterThanOrEqual(28);
    expect(r.recall).not.toBeNull();
    expect(r.recall!.recalledAt).toBe(new Date(fleet.startMs + 6 * HOUR).toISOString());
    expect(r.recall!.packs).toBe(10);
    expect(r.restock).toMatchObject({ policy: 'plan', apiFailures: 0 });
    expect(r.restock!.trips).toBeGreaterThan(0);
  });

  it('ends with every recalled pack withdrawn, or flagged in a customer’s hand', () => {
    const where = lotPacks().map((id) => {
      const p = t.sys.fleet.pack(id)!;
      return p.custody.kind === 'withdrawn' ? 'withdrawn' : p.custody.kind === 'customer' && p.flag === 'recalled' ? 'flagged with customer' : `${p.custody.kind} (flag ${p.flag})`;
    });
    expect(where).toHaveLength(10);
    expect(where.filter((w) => w !== 'withdrawn' && w !== 'flagged with customer')).toEqual([]);
    expect(where.filter((w) => w === 'withdrawn').length).toBeGreaterThan(0);
  });

  it('shows the same in the recall progress', async () => {
    const res = await fetch(`${t.sys.httpUrl}/v1/recalls/e2r-lot-1`, { headers: t.admin });
    const p = (await res.json()) as Record<string, number>;
    expect(p).toMatchObject({ packs: 10, inKiosks: 0, inBackRooms: 0, inTransit: 0, inWarehouses: 0, lost: 0 });
    expect(p['withdrawn']! + p['withCustomers']!).toBe(10);
    expect(p['flaggedWithCustomers']).toBe(p['withCustomers']);
  });

  it('handed out no recalled pack after the recall: neither the kiosks nor the server’s ledger', async () => {
    expect(fleet.report().recall!.handedOutAfterRecall).toBe(0);
    const since = fleet.startMs + 6 * HOUR;
    const res = await fetch(`${t.sys.httpUrl}/v1/swaps?limit=10000&from=${since}&to=${clock.now() + 1}`, { headers: t.admin });
    const swaps = ((await res.json()) as { swaps: { allowed: boolean; packId: string | null; outcome: string }[] }).swaps;
    const lot = new Set(lotPacks());
    expect(swaps.length).toBeGreaterThan(0);
    expect(swaps.filter((s) => s.allowed && s.packId !== null && lot.has(s.packId))).toEqual([]);
  });

  it('keeps every pack in exactly one custody, where the simulated pack really is', () => {
    const w = fleet.restock!;
    const b = fleet.built.packs;
    const differences: string[] = [];
    const slots = new Map<string, string>();
    for (let i = 0; i < b.size; i++) {
      const id = b.ids[i]!;
      const c = t.sys.fleet.pack(id)!.custody;
      const store = w.backroom.findIndex((room) => room.includes(i));
      const truth =
        b.kiosk[i]! >= 0 ? `slot ${fleet.devices.kioskIds[b.kiosk[i]!]}/${b.slot[i]}`
        : b.holder[i]! >= 0 ? `customer ${fleet.built.customers.ids[b.holder[i]!]}`
        : store >= 0 ? `warehouse ${fleet.built.stores.ids[store]}`
        : w.withdrawnAtMs.has(i) ? 'withdrawn'
        : w.warehouse.has(i) ? 'warehouse central'
        : 'in_transit';
      const reg = c.kind === 'slot' ? `slot ${c.kioskId}/${c.slot}` : c.kind === 'customer' ? `customer ${c.customerId}` : c.kind === 'warehouse' ? `warehouse ${c.warehouseId ?? 'central'}` : c.kind;
      if (c.kind === 'slot') {
        expect(slots.get(reg), `${reg} claimed twice`).toBeUndefined();
        slots.set(reg, id);
      }
      if (reg !== truth) differences.push(`${id}: registry ${reg}, simulator ${truth}`);
    }
    expect(differences).toEqual([]);
  });
});
