// Stock in reach: the grid search finds exactly the stores a scan of every store would, nearest
// first, within reach; usual stores come first whatever their distance; each store names its kiosk
// with the most packs ready for the customer.
import { describe, expect, it } from 'vitest';
import { distanceM } from '../../domain/nudge/nudge-policy.ts';
import type { Kiosk, Store } from '../../domain/fleet-model.ts';
import { FleetStock } from '../../services/nudge-stock.ts';

function city(n: number, seed: number): Store[] {
  let a = seed;
  const r = () => ((a = (a * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, (_, i) => ({ id: `st-${i}`, name: `Store ${i}`, lat: 51.4 + r() * 0.2, lon: -0.3 + r() * 0.3, timeZone: 'Europe/London' }));
}

function stock(stores: Store[], ready: (kioskId: string) => number, maxDistanceM = 3000) {
  const byId = new Map(stores.map((s) => [s.id, s]));
  const kiosks = (storeId: string): Kiosk[] => [{ id: `${storeId}-a`, storeId, slotCount: 12 }, { id: `${storeId}-b`, storeId, slotCount: 12 }];
  return new FleetStock({ fleet: { stores: () => stores, store: (id) => byId.get(id), kiosks }, readyPacksFor: (k) => ready(k), maxDistanceM });
}

describe('FleetStock', () => {
  it.each([1, 2, 3, 4, 5])('finds the same nearest stores as a scan of all (city %i)', (seed) => {
    const stores = city(800, seed);
    const s = stock(stores, () => 1);
    for (let q = 0; q < 40; q++) {
      const at = { lat: 51.42 + ((q * 37) % 100) / 600, lon: -0.28 + ((q * 53) % 100) / 370 };
      const got = s.options('c', [], at, 0).map((o) => o.storeId);
      const want = stores.map((st) => ({ id: st.id, d: distanceM(at.lat, at.lon, st.lat, st.lon) })).filter((x) => x.d <= 3000).sort((a, b) => a.d - b.d).slice(0, 5).map((x) => x.id);
      expect(got).toEqual(want);
    }
  });

  it('puts usual stores first, however far, and names the kiosk with the most packs for the customer', () => {
    const stores = city(50, 9);
    const s = stock(stores, (k) => (k.endsWith('-b') ? 4 : 1));
    const far = stores.reduce((a, b) => (b.lat > a.lat ? b : a));
    const opts = s.options('c', [far.id], { lat: 51.4, lon: -0.3 }, 0);
    expect(opts[0]).toMatchObject({ storeId: far.id, usualRank: 0, kioskId: `${far.id}-b`, chargedPacks: 4 });
    expect(opts.slice(1).length).toBeGreaterThan(0); // .every below is vacuous over nothing
    expect(opts.slice(1).every((o) => o.usualRank === null && o.distanceM !== null && o.distanceM <= 3000)).toBe(true);
    expect(opts.length).toBeGreaterThan(1);
  });

  it('knows no store near a pack that reported no location, only the usual ones', () => {
    const stores = city(50, 3);
    expect(stock(stores, () => 2).options('c', ['st-7'], null, 0)).toEqual([{ storeId: 'st-7', storeName: 'Store 7', kioskId: 'st-7-a', chargedPacks: 2, distanceM: null, usualRank: 0 }]);
  });
});
