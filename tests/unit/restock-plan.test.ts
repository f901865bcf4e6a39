// The restock plan, one row per rule: a store short with surplus nearby, surplus too far away, the
// warehouse in loads of the courier's capacity, one route dropping at several stores, topping up on
// the way, courier capacity exhausted, a recall, worn packs, return slots filling, an exchange to
// make room, open jobs counted, small transfers, urgency ranking, no supply, determinism.
import { describe, expect, it } from 'vitest';
import { planRestock, type PlanInput } from '../../domain/restock/plan.ts';
import type { CourierInput, RestockPolicy, StoreInput } from '../../domain/restock/restock-model.ts';
import type { StoreForecast } from '../../domain/restock/forecast.ts';
import { HOUR, NOW, flatForecast, north, policy, slot, store, warehouse } from './restock-fixtures.ts';

const LAT = 51.5;
const LON = -0.12;
const WH = warehouse('central', LAT, LON, 200);

function couriers(n: number, at = { lat: LAT, lon: LON }): CourierInput[] {
  return Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}`, freeAtMs: NOW, at }));
}

/** Rules one at a time: no floor and no top-up unless a row asks for them. */
const plain = (over: Partial<RestockPolicy> = {}, courier: Partial<RestockPolicy['courier']> = {}) => policy({ horizonH: 24, minReadyPerKiosk: 0, topUpOnVisit: false, ...over }, courier);

function input(stores: StoreInput[], forecasts: StoreForecast[], over: Partial<PlanInput> = {}): PlanInput {
  return {
    nowMs: NOW,
    stores,
    forecast: { hourStartMs: NOW, byStore: new Map(forecasts.map((f) => [f.storeId, f])) },
    warehouses: [WH],
    couriers: couriers(4),
    openJobs: [],
    policy: plain(),
    ...over,
  };
}

/** A busy store: 2 ready packs in a 30-slot kiosk (room for a day's delivery), first issues at 1 an hour (no returns). */
const short = (id: string, lat: number) => store(id, lat, LON, { ready: 2, slots: 30 });
const busy = (id: string) => flatForecast(id, 1, 48, 0);
const quiet = (id: string) => flatForecast(id, 0, 48, 0);
const storeLines = (plan: ReturnType<typeof planRestock>, id: string) => plan.lines.filter((l) => l.to.kind === 'store' && l.to.storeId === id);

describe('planRestock', () => {
  it('a store short with surplus nearby gets it from the nearest store first, then the warehouse', () => {
    const near = store('near', north(LAT, 3), LON, { ready: 9 });
    const nearer = store('nearer', north(LAT, 2), LON, { ready: 7 });
    const s = short('short', north(LAT, 1));
    const plan = planRestock(input([s, near, nearer], [busy('short'), quiet('near'), quiet('nearer')]));
    const to = storeLines(plan, 'short');
    expect(to.map((l) => [l.kind, l.from])).toEqual([
      ['transfer', { kind: 'store', storeId: 'nearer' }],
      ['transfer', { kind: 'store', storeId: 'near' }],
      ['restock', { kind: 'warehouse', warehouseId: 'central' }],
    ]);
    // Each spares every ready pack (no demand of its own, no floor asked for); the nearest first.
    expect(to[0]!.packIds).toHaveLength(7);
    expect(to[1]!.packIds).toHaveLength(9);
    expect(to[0]!.reasons).toEqual(['STOCK_OUT_PROJECTED', 'FROM_NEARBY_SURPLUS']);
    expect(to[2]!.reasons).toContain('FROM_WAREHOUSE');
    expect(to[0]!.numbers.distanceKm).toBeCloseTo(1.3, 1);
    expect(to[0]!.arriveAtMs).toBeLessThan(to[0]!.numbers.stockOutAtMs!);
    // Packs moved cover the deficit exactly.
    const p = plan.stores.find((v) => v.storeId === 'short')!.projection;
    expect(to.reduce((n, l) => n + l.packIds.length, 0)).toBe(p.deficit);
    // A transfer is a trip of its own: two stops.
    expect(plan.routes.find((r) => r.id === to[0]!.routeId)!.stops.map((x) => x.place)).toEqual([{ kind: 'store', storeId: 'nearer' }, { kind: 'store', storeId: 'short' }]);
  });

  it('surplus beyond the transfer distance is left alone: the warehouse sends instead', () => {
    const far = store('far', north(LAT + 0.2, 20), LON, { ready: 11 });
    const plan = planRestock(input([short('short', LAT + 0.2), far], [busy('short'), quiet('far')]));
    expect(plan.lines.map((l) => l.kind)).toEqual(['restock']);
  });

  it('a transfer of a handful of packs waits while the warehouse has stock, and goes when it has none', () => {
    const s = short('short', north(LAT, 1));
    const near = store('near', north(LAT, 2), LON, { ready: 4 });
    const withStock = planRestock(input([s, near], [flatForecast('short', 0.1, 48, 0), quiet('near')]));
    expect(withStock.lines.filter((l) => l.kind === 'transfer')).toEqual([]);
    const empty = planRestock(input([s, near], [flatForecast('short', 0.1, 48, 0), quiet('near')], { warehouses: [warehouse('central', LAT, LON, 0)] }));
    expect(empty.lines.map((l) => [l.kind, l.packIds.length])).toEqual([['transfer', 3]]);
  });

  it('the warehouse sends loads of at most the courier capacity', () => {
    // A 64-slot kiosk with 6 charging packs: room for the delivery without an exchange.
    const big = store('big', LAT, LON, { ready: 0, charging: 6, chargingSoc: 10, slots: 64 });
    const plan = planRestock(input([big], [flatForecast('big', 2.5, 48, 0)], { policy: plain({}, { capacityPacks: 25 }) }));
    const sizes = plan.lines.filter((l) => l.kind === 'restock').map((l) => l.packIds.length);
    expect(sizes).toEqual([25, 25, plan.stores[0]!.projection.deficit - 50]);
    expect(plan.routes).toHaveLength(3);
    expect(plan.routes.filter((r) => r.packs > 25)).toEqual([]);
    expect(plan.lines.filter((l) => l.kind === 'clear_flat')).toEqual([]);
  });

  it('one route drops at several stores, nearest next, in one trip', () => {
    const a = short('a', north(LAT, 4));
    const b = short('b', north(LAT, 5));
    const c = short('c', north(LAT, 6));
    const plan = planRestock(input([c, a, b], [busy('a'), busy('b'), busy('c')], { policy: plain({}, { capacityPacks: 100 }) }));
    expect(plan.routes).toHaveLength(1);
    const r = plan.routes[0]!;
    expect(r.stops.map((x) => (x.place.kind === 'store' ? x.place.storeId : 'W'))).toEqual(['W', 'a', 'b', 'c']);
    expect(r.lineIds).toHaveLength(3);
    expect(plan.totals.trips).toBe(1);
    // Stops are timed in order.
    for (let i = 1; i < r.stops.length; i++) expect(r.stops[i]!.arriveAtMs).toBeGreaterThan(r.stops[i - 1]!.arriveAtMs);
  });

  it('a route tops up a passing store’s free slots when asked to', () => {
    const a = short('a', north(LAT, 4));
    const b = store('b', north(LAT, 4.5), LON, { ready: 5 });
    const off = planRestock(input([a, b], [busy('a'), quiet('b')]));
    expect(storeLines(off, 'b')).toEqual([]);
    const on = planRestock(input([a, b], [busy('a'), quiet('b')], { policy: plain({ topUpOnVisit: true }) }));
    const toB = storeLines(on, 'b');
    // 7 free slots, one kept free for returns.
    expect(toB.map((l) => [l.packIds.length, l.reasons])).toEqual([[6, ['TOP_UP_ON_ROUTE', 'FROM_WAREHOUSE']]]);
    expect(on.routes).toHaveLength(1);
  });

  it('courier capacity exhausted: one courier and a short horizon cannot reach every store', () => {
    const stores = [0, 1, 2, 3].map((i) => short(`s${i}`, north(LAT, 12 + i * 3)));
    const plan = planRestock(input(stores, stores.map((s) => busy(s.id)), { couriers: couriers(1), policy: plain({ horizonH: 3, routeMaxMin: 1 }) }));
    expect(plan.routes.length).toBeGreaterThan(0);
    expect(plan.routes.length).toBeLessThan(4);
    expect(plan.unmet.flatMap((u) => u.reasons)).toContain('COURIER_CAPACITY_EXHAUSTED');
    // One courier: its trips follow one another.
    const legs = plan.routes.map((r) => [r.departAtMs, r.stops.at(-1)!.arriveAtMs] as const);
    for (let i = 1; i < legs.length; i++) expect(legs[i]![0]).toBeGreaterThanOrEqual(legs[i - 1]![1]);
  });

  it('a recall: the recalled packs in a store are picked up for the warehouse', () => {
    const s = store('s', LAT, LON, { ready: 6, extra: [slot('', 0, 'bad-1', 100, { servable: false, withdraw: 'recalled' }), slot('', 0, 'bad-2', 60, { servable: false, withdraw: 'recalled' })] });
    const plan = planRestock(input([s], [quiet('s')]));
    expect(plan.lines).toHaveLength(1);
    const l = plan.lines[0]!;
    expect(l.kind).toBe('withdraw');
    expect(l.from).toEqual({ kind: 'store', storeId: 's' });
    expect(l.to).toEqual({ kind: 'warehouse', warehouseId: 'central' });
    expect([...l.packIds].sort()).toEqual(['bad-1', 'bad-2']);
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
    const plan = planRestock(input([s], [flatForecast('s', 1, 48, 2)]));
    const clear = plan.lines.filter((l) => l.kind === 'clear_flat');
    expect(clear).toHaveLength(1);
    expect(clear[0]!.reasons).toEqual(['RETURN_SLOTS_FULL_PROJECTED']);
    expect(clear[0]!.packIds[0]).toBe('flattest');
    expect(plan.stores[0]!.projection.slotsFullAtMs).not.toBeNull();
  });

  it('an exchange: a full kiosk of charging packs gets ready packs and gives flat ones back on the same trip', () => {
    const s = store('s', LAT, LON, { ready: 0, charging: 11, chargingSoc: 15 });
    const plan = planRestock(input([s], [flatForecast('s', 2, 48, 1)]));
    expect(plan.routes).toHaveLength(1);
    const inbound = plan.lines.filter((l) => l.to.kind === 'store');
    const outbound = plan.lines.filter((l) => l.from.kind === 'store');
    expect(inbound.map((l) => l.kind)).toEqual(['restock']);
    expect(outbound.map((l) => [l.kind, l.reasons])).toEqual([['clear_flat', ['EXCHANGE_FOR_ROOM']]]);
    // Every pack beyond the room displaces a flat one, collected at the same stop.
    expect(outbound[0]!.packIds.length).toBe(inbound[0]!.packIds.length - plan.stores[0]!.projection.roomSoon);
    expect(outbound[0]!.fromStop).toBe(inbound[0]!.toStop);
    expect(plan.routes[0]!.stops.map((x) => x.place.kind)).toEqual(['warehouse', 'store', 'warehouse']);
  });

  it('an open job already on its way is counted: no second line for the same need', () => {
    const s = short('s', LAT);
    const first = planRestock(input([s], [busy('s')]));
    const l = first.lines[0]!;
    const open = { id: 'j1', from: l.from, to: l.to, packIds: l.packIds, status: 'picked_up' as const, etaMs: l.arriveAtMs, pickupAtMs: l.pickupAtMs, courierId: l.courierId, servable: l.packIds.length };
    const again = planRestock(input([s], [busy('s')], { openJobs: [open], warehouses: [{ ...WH, stock: WH.stock.filter((p) => !l.packIds.includes(p.packId)) }] }));
    expect(again.lines).toEqual([]);
  });

  it('the floor: a quiet store below two ready packs per kiosk is stocked though its forecast is nil', () => {
    const s = store('s', LAT, LON, { ready: 0 });
    expect(planRestock(input([s], [quiet('s')])).lines).toEqual([]);
    const plan = planRestock(input([s], [quiet('s')], { policy: plain({ minReadyPerKiosk: 2 }) }));
    expect(plan.lines.map((l) => [l.kind, l.packIds.length])).toEqual([['restock', 2]]);
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
    const a = planRestock(input(stores, fc, { policy: policy({ horizonH: 24 }) }));
    const b = planRestock(input([...stores].reverse(), [...fc].reverse(), { policy: policy({ horizonH: 24 }) }));
    expect(a.lines.length).toBeGreaterThan(0);
    expect(b.lines).toEqual(a.lines);
    expect(b.routes).toEqual(a.routes);
    expect(b.stores.map((s) => s.storeId)).toEqual(a.stores.map((s) => s.storeId));
    expect(planRestock(input(stores, fc, { policy: policy({ horizonH: 24 }) }))).toEqual(a);
  });
});
