// The restock plan, one row per rule: a store short with surplus nearby, surplus too far away,
// the warehouse in trips of the courier's capacity, courier capacity exhausted, a recall,
// return slots filling, an exchange to make room, open jobs counted, urgency ranking, determinism.
import { describe, expect, it } from 'vitest';
import { planRestock, type PlanInput } from '../../domain/restock/plan.ts';
import type { CourierInput, StoreInput, WarehouseInput } from '../../domain/restock/restock-model.ts';
import type { StoreForecast } from '../../domain/restock/forecast.ts';
import { HOUR, NOW, flatForecast, north, policy, slot, store, warehouse } from './restock-fixtures.ts';

const LAT = 51.5;
const LON = -0.12;
const WH = warehouse('central', LAT, LON, 200);

function couriers(n: number, at = { lat: LAT, lon: LON }): CourierInput[] {
  return Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}`, freeAtMs: NOW, at }));
}

function input(stores: StoreInput[], forecasts: StoreForecast[], over: Partial<PlanInput> = {}): PlanInput {
  return {
    nowMs: NOW,
    stores,
    forecast: { hourStartMs: NOW, byStore: new Map(forecasts.map((f) => [f.storeId, f])) },
    warehouses: [WH],
    couriers: couriers(4),
    openJobs: [],
    policy: policy({ horizonH: 24 }),
    ...over,
  };
}

/** A busy store: 2 ready packs, first issues at 1 an hour (no returns). */
const short = (id: string, lat: number) => store(id, lat, LON, { ready: 2 });
const busy = (id: string) => flatForecast(id, 1, 48, 0);
const quiet = (id: string) => flatForecast(id, 0, 48, 0);

describe('planRestock', () => {
  it('a store short with surplus nearby gets it from the nearest store first, then the warehouse', () => {
    const near = store('near', north(LAT, 3), LON, { ready: 9 });
    const nearer = store('nearer', north(LAT, 2), LON, { ready: 7 });
    const s = short('short', north(LAT, 1));
    const plan = planRestock(input([s, near, nearer], [busy('short'), quiet('near'), quiet('nearer')]));
    const to = plan.lines.filter((l) => l.to.kind === 'store' && l.to.storeId === 'short');
    expect(to.map((l) => [l.kind, l.from])).toEqual([
      ['transfer', { kind: 'store', storeId: 'nearer' }],
      ['transfer', { kind: 'store', storeId: 'near' }],
      ['restock', { kind: 'warehouse', warehouseId: 'central' }],
    ]);
    // Each spares all but one ready pack (it has no demand of its own); the nearest first.
    expect(to[0]!.packIds).toHaveLength(6);
    expect(to[1]!.packIds).toHaveLength(8);
    expect(to[0]!.reasons).toEqual(['STOCK_OUT_PROJECTED', 'FROM_NEARBY_SURPLUS']);
    expect(to[0]!.arriveAtMs).toBeLessThan(to[0]!.numbers.stockOutAtMs!);
    expect(to[2]!.reasons).toContain('FROM_WAREHOUSE');
    expect(to[0]!.numbers.distanceKm).toBeCloseTo(1.3, 1);
    // Packs moved plus ready ones cover the deficit, and a delivery never takes the returns reserve.
    const p = plan.stores.find((v) => v.storeId === 'short')!.projection;
    expect(to.reduce((n, l) => n + l.packIds.length, 0)).toBe(p.deficit);
  });

  it('surplus beyond the transfer distance is left alone: the warehouse sends instead', () => {
    const far = store('far', north(LAT + 0.2, 20), LON, { ready: 11 });
    const plan = planRestock(input([short('short', LAT + 0.2), far], [busy('short'), quiet('far')]));
    expect(plan.lines.map((l) => l.kind)).toEqual(['restock']);
  });

  it('the warehouse sends in trips of at most the courier capacity, and makes room by taking flat packs', () => {
    // An empty 64-slot kiosk... with 6 charging packs: room for the delivery without an exchange.
    const big = store('big', LAT, LON, { ready: 0, charging: 6, chargingSoc: 10, slots: 64 });
    const plan = planRestock(input([big], [flatForecast('big', 4, 48, 0)], { policy: policy({ horizonH: 24 }, { capacityPacks: 25 }) }));
    const sizes = plan.lines.filter((l) => l.kind === 'restock').map((l) => l.packIds.length);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBe(25);
    expect(plan.lines.filter((l) => l.kind === 'clear_flat')).toEqual([]);
  });

  it('courier capacity exhausted: one courier and a short horizon cannot reach every store', () => {
    const stores = [0, 1, 2, 3].map((i) => short(`s${i}`, north(LAT, 12 + i * 3)));
    const plan = planRestock(input(stores, stores.map((s) => busy(s.id)), { couriers: couriers(1), policy: policy({ horizonH: 3 }) }));
    expect(plan.lines.length).toBeGreaterThan(0);
    expect(plan.lines.length).toBeLessThan(4);
    expect(plan.unmet.flatMap((u) => u.reasons)).toContain('COURIER_CAPACITY_EXHAUSTED');
    // One courier: its legs follow one another.
    const legs = plan.lines.map((l) => [l.departAtMs, l.arriveAtMs] as const);
    for (let i = 1; i < legs.length; i++) expect(legs[i]![0]).toBeGreaterThanOrEqual(legs[i - 1]![1]);
  });

  it('a recall: the recalled packs in a store are picked up for the warehouse, safety first', () => {
    const s = store('s', LAT, LON, { ready: 6, extra: [slot('', 0, 'bad-1', 100, { servable: false, withdraw: 'recalled' }), slot('', 0, 'bad-2', 60, { servable: false, withdraw: 'recalled' })] });
    const plan = planRestock(input([s], [quiet('s')]));
    expect(plan.lines).toHaveLength(1);
    const l = plan.lines[0]!;
    expect(l.kind).toBe('withdraw');
    expect(l.from).toEqual({ kind: 'store', storeId: 's' });
    expect(l.to).toEqual({ kind: 'warehouse', warehouseId: 'central' });
    expect(l.packIds.sort()).toEqual(['bad-1', 'bad-2']);
    expect(l.withdraw).toEqual({ 'bad-1': 'recalled', 'bad-2': 'recalled' });
    expect(l.reasons).toEqual(['WITHDRAW_RECALLED']);
    expect(plan.totals.withdrawals).toBe(2);
    expect(plan.stores[0]!.withdrawals).toHaveLength(2);
  });

  it('a worn pack alone is not worth a trip; six are', () => {
    const worn = (n: number) => Array.from({ length: n }, (_, i) => slot('', 0, `w${i}`, 100, { servable: false, withdraw: 'worn' }));
    expect(planRestock(input([store('s', LAT, LON, { ready: 4, extra: worn(1) })], [quiet('s')])).lines).toEqual([]);
    const six = planRestock(input([store('s', LAT, LON, { ready: 4, extra: worn(6) })], [quiet('s')]));
    expect(six.lines.map((l) => [l.kind, l.packIds.length, l.reasons])).toEqual([['withdraw', 6, ['WITHDRAW_WORN']]]);
  });

  it('return slots filling: the flattest packs go to the warehouse', () => {
    const s = store('s', LAT, LON, { ready: 6, charging: 5, chargingSoc: 20, extra: [slot('', 0, 'flattest', 5)] });
    const plan = planRestock(input([s], [{ ...flatForecast('s', 1, 48, 2) }]));
    const clear = plan.lines.filter((l) => l.kind === 'clear_flat');
    expect(clear).toHaveLength(1);
    expect(clear[0]!.reasons).toEqual(['RETURN_SLOTS_FULL_PROJECTED']);
    expect(clear[0]!.packIds[0]).toBe('flattest');
    expect(plan.stores[0]!.projection.slotsFullAtMs).not.toBeNull();
  });

  it('an exchange: a full kiosk of charging packs gets ready packs and gives flat ones back', () => {
    const s = store('s', LAT, LON, { ready: 0, charging: 11, chargingSoc: 15 });
    const plan = planRestock(input([s], [flatForecast('s', 2, 48, 1)]));
    const inbound = plan.lines.filter((l) => l.to.kind === 'store');
    const outbound = plan.lines.filter((l) => l.from.kind === 'store');
    expect(inbound.map((l) => l.kind)).toEqual(['restock']);
    expect(outbound.map((l) => [l.kind, l.reasons])).toEqual([['clear_flat', ['EXCHANGE_FOR_ROOM']]]);
    // Room for the delivery: one free slot above the reserve would hold nothing; every pack beyond it displaces a flat one.
    expect(outbound[0]!.packIds.length).toBe(inbound[0]!.packIds.length - plan.stores[0]!.projection.roomNow);
    expect(outbound[0]!.courierId).toBe(inbound[0]!.courierId);
  });

  it('an open job already on its way is counted: no second line for the same need', () => {
    const s = short('s', LAT);
    const first = planRestock(input([s], [busy('s')]));
    const l = first.lines[0]!;
    const open = { id: 'j1', from: l.from, to: l.to, packIds: l.packIds, status: 'picked_up' as const, etaMs: l.arriveAtMs, pickupAtMs: l.pickupAtMs, courierId: l.courierId, servable: l.packIds.length };
    const again = planRestock(input([s], [busy('s')], { openJobs: [open], warehouses: [{ ...WH, stock: WH.stock.filter((p) => !l.packIds.includes(p.packId)) }] }));
    expect(again.lines).toEqual([]);
  });

  it('ranks stores by urgency: the one running out first is first', () => {
    const a = store('a', LAT, LON, { ready: 8 });
    const b = store('b', north(LAT, 1), LON, { ready: 1 });
    const c = store('c', north(LAT, 2), LON, { ready: 11 });
    const plan = planRestock(input([a, b, c], [busy('a'), busy('b'), quiet('c')]));
    expect(plan.stores.map((v) => [v.storeId, v.rank])).toEqual([['b', 1], ['a', 2], ['c', 3]]);
    expect(plan.stores[0]!.projection.stockOutAtMs).toBe(NOW + HOUR);
  });

  it('no supply anywhere: the need is reported, not silently dropped', () => {
    const plan = planRestock(input([short('s', LAT)], [busy('s')], { warehouses: [warehouse('central', LAT, LON, 0)] }));
    expect(plan.lines).toEqual([]);
    expect(plan.unmet).toEqual([{ storeId: 's', packs: expect.any(Number), reasons: ['STOCK_OUT_PROJECTED', 'NO_SUPPLY'] }]);
  });

  it('is deterministic: the same inputs in any order give the same plan', () => {
    const stores = [short('s1', LAT), store('s2', north(LAT, 1), LON, { ready: 10 }), short('s3', north(LAT, 3)), store('s4', north(LAT, 4), LON, { ready: 3, charging: 8 })];
    const fc = [busy('s1'), quiet('s2'), busy('s3'), flatForecast('s4', 2, 48, 1)];
    const a = planRestock(input(stores, fc));
    const b = planRestock(input([...stores].reverse(), [...fc].reverse()));
    expect(a.lines.length).toBeGreaterThan(0);
    expect(b.lines).toEqual(a.lines);
    expect(b.stores.map((s) => s.storeId)).toEqual(a.stores.map((s) => s.storeId));
    expect(planRestock(input(stores, fc))).toEqual(a);
  });
});
