// The store projection, one row per rule: no demand, running out, charging packs becoming ready
// on the curve, a stalled charger, returns filling slots, a delivery on its way, a planned pickup,
// surplus, the safety margin, and determinism.
import { describe, expect, it } from 'vitest';
import { projectStore } from '../../domain/restock/projection.ts';
import type { OpenJob } from '../../domain/restock/restock-model.ts';
import { HOUR, NOW, flatForecast, policy, slot, store } from './restock-fixtures.ts';

const HOUR0 = NOW; // NOW is on the hour
const demand = (perHour: number, returnShare = 1) => {
  const f = flatForecast('s', perHour, 48, returnShare);
  return { hourStartMs: HOUR0, takes: f.takes, returns: f.returns };
};
const job = (over: Partial<OpenJob>): OpenJob => ({ id: 'j1', from: { kind: 'warehouse', warehouseId: 'central' }, to: { kind: 'store', storeId: 's' }, packIds: [], status: 'planned', etaMs: NOW + HOUR, pickupAtMs: NOW, courierId: 'c1', servable: 0, ...over });
// Most rows leave the floor out (minReadyPerKiosk 0) to show one rule at a time; the floor has its own row.
const P = policy({ horizonH: 24, minReadyPerKiosk: 0 });

describe('projectStore', () => {
  it('no demand: nothing runs out and every ready pack is spare', () => {
    const p = projectStore(store('s', 0, 0, { ready: 6 }), demand(0), [], P, NOW);
    expect(p.stockOutAtMs).toBeNull();
    expect(p.slotsFullAtMs).toBeNull();
    expect(p.deficit).toBe(0);
    expect(p.surplus).toBe(6);
    expect(p.readyNow).toBe(6);
    expect(p.freeSlotsNow).toBe(6);
    expect(p.hours).toHaveLength(24);
  });

  it('first issues only (no returns): 4 ready packs at 1 an hour run out in the fifth hour', () => {
    const p = projectStore(store('s', 0, 0, { ready: 4 }), demand(1, 0), [], P, NOW);
    expect(p.stockOutAtMs).toBe(NOW + 4 * HOUR);
    // 24 takes + 1.28 × √24 ≈ 30.3, less the 4 ready: 27 packs; the margin bites in hour 2 (3 + 1.28 √3 > 4).
    expect(p.deficit).toBe(27);
    expect(p.needByMs).toBe(NOW + 2 * HOUR);
    expect(p.surplus).toBe(0);
  });

  it('swaps: a returned pack is ready again about 1.7 h later, so a store with a buffer keeps going', () => {
    const p = projectStore(store('s', 0, 0, { ready: 4 }), demand(1, 1), [], P, NOW);
    expect(p.stockOutAtMs).toBeNull();
    expect(p.hours.length).toBe(24);
    expect(p.hours.filter((h) => h.unmetTakes > 0)).toEqual([]);
  });

  it('charging packs become ready when the curve says: 4 packs at 50 % are ready in hour 1 (1.32 h)', () => {
    const p = projectStore(store('s', 0, 0, { ready: 0, charging: 4, chargingSoc: 50 }), demand(0), [], P, NOW);
    expect(p.chargingNow).toHaveLength(4);
    for (const c of p.chargingNow) expect(Math.abs(c.readyAtMs! - (NOW + 1.3226 * HOUR))).toBeLessThan(1000);
    expect(p.hours[0]!.ready).toBe(0);
    expect(p.hours[1]!.ready).toBe(4);
  });

  it('a charger that has stopped (no current) never makes its pack ready', () => {
    const s = store('s', 0, 0, { extra: [slot('x', 0, 'stuck', 40, { chargeCurrentMa: 0 })] });
    const p = projectStore(s, demand(0), [], P, NOW);
    expect(p.chargingNow).toEqual([expect.objectContaining({ packId: 'stuck', readyAtMs: null })]);
    expect(p.hours.at(-1)!.ready).toBe(0);
  });

  it('return slots filling: more packs coming back than going out fill the kiosk', () => {
    // 11 of 12 slots taken, 2 returns an hour against 1 take: the kiosk fills in the first hours.
    const p = projectStore(store('s', 0, 0, { ready: 6, charging: 5, chargingSoc: 20 }), { hourStartMs: HOUR0, takes: new Array(48).fill(1), returns: new Array(48).fill(2) }, [], P, NOW);
    expect(p.slotsFullAtMs).toBe(NOW);
    expect(p.flatExcess).toBeGreaterThan(0);
    expect(p.hours.some((h) => h.refusedReturns > 0)).toBe(true);
  });

  it('a delivery on its way arrives in the back room and is loaded: the stock-out goes away', () => {
    const s = store('s', 0, 0, { ready: 3 });
    const without = projectStore(s, demand(1, 0), [], P, NOW);
    const withJob = projectStore(s, demand(1, 0), [job({ packIds: Array.from({ length: 30 }, (_, i) => `w${i}`), servable: 30, etaMs: NOW + HOUR })], P, NOW);
    expect(without.stockOutAtMs).toBe(NOW + 3 * HOUR);
    // The kiosk has 9 free slots and keeps 2 for returns: 7 load at once, the rest as slots free.
    expect(withJob.stockOutAtMs).toBeNull();
    expect(withJob.deficit).toBe(0);
  });

  it('a planned pickup from the store takes its ready packs away at the pickup time', () => {
    const s = store('s', 0, 0, { ready: 5 });
    const p = projectStore(s, demand(0), [job({ from: { kind: 'store', storeId: 's' }, to: { kind: 'store', storeId: 'other' }, packIds: ['s-r0', 's-r1', 's-r2'], pickupAtMs: NOW + 2 * HOUR })], P, NOW);
    expect(p.hours[1]!.ready).toBe(5);
    expect(p.hours[2]!.ready).toBe(2);
    expect(p.surplus).toBe(2);
  });

  it('the safety margin: covering the mean is not enough', () => {
    const tight = projectStore(store('s', 0, 0, { ready: 12 }), demand(0.5, 0), [], P, NOW);
    // 12 takes expected over 24 h: 12 ready packs cover the mean but not 12 + 1.28 √12 ≈ 16.4.
    expect(tight.stockOutAtMs).toBeNull();
    expect(tight.deficit).toBe(5);
    expect(projectStore(store('s', 0, 0, { ready: 12 }), demand(0.5, 0), [], policy({ horizonH: 24, serviceZ: 0, minReadyPerKiosk: 0 }), NOW).deficit).toBe(0);
  });

  it('the floor: a store keeps minReadyPerKiosk ready packs on top of what its forecast needs', () => {
    const quiet = store('s', 0, 0, { ready: 1 });
    expect(projectStore(quiet, demand(0), [], P, NOW).deficit).toBe(0);
    const floored = projectStore(quiet, demand(0), [], policy({ horizonH: 24, minReadyPerKiosk: 2 }), NOW);
    expect(floored.deficit).toBe(1);
    expect(floored.needByMs).toBe(NOW);
    expect(projectStore(store('s', 0, 0, { ready: 6 }), demand(0), [], policy({ horizonH: 24, minReadyPerKiosk: 2 }), NOW).surplus).toBe(4);
  });

  it('packs in the back room count as supply: staff load them as slots free', () => {
    const back = Array.from({ length: 20 }, (_, i) => ({ packId: `b${i}`, socPct: 100, servable: true, withdraw: null }));
    // 0.8 first issues an hour: 19.2 takes, each freeing a slot for the back room; 23 packs cover
    // them, and only the margin (19.2 + 1.28 √19.2 ≈ 24.8) asks for 2 more.
    const p = projectStore(store('s', 0, 0, { ready: 3, backroom: back }), demand(0.8, 0), [], P, NOW);
    expect(p.backroomNow).toBe(20);
    expect(p.stockOutAtMs).toBeNull();
    expect(p.deficit).toBe(2);
    expect(projectStore(store('s', 0, 0, { ready: 3 }), demand(0.8, 0), [], P, NOW).deficit).toBe(22);
  });

  it('packs that must not go out take slots but are no supply', () => {
    const s = store('s', 0, 0, { ready: 1, extra: [slot('x', 0, 'bad', 100, { servable: false, withdraw: 'recalled' })] });
    const p = projectStore(s, demand(0), [], P, NOW);
    expect(p.readyNow).toBe(1);
    expect(p.blockedNow).toBe(1);
    expect(p.freeSlotsNow).toBe(10);
  });

  it('is deterministic', () => {
    const s = store('s', 0, 0, { ready: 3, charging: 4 });
    expect(projectStore(s, demand(1.3, 0.7), [], P, NOW + 17 * 60_000)).toEqual(projectStore(s, demand(1.3, 0.7), [], P, NOW + 17 * 60_000));
  });
});
