// domain/custody-plausibility.ts: one row per rule and per reason code, the window's edges, and the
// attack from issue 9 (a kiosk claiming packs in another kiosk, a customer's hands, another store).
import { describe, expect, it } from 'vitest';
import { IMPLAUSIBLE_BY_CUSTODY, PLAUSIBLE_RULES, placementVerdict, type CustodyStep, type PlacementFacts } from '../../domain/custody-plausibility.ts';
import type { Custody } from '../../domain/fleet-model.ts';

const NOW = Date.UTC(2026, 10, 24, 12);
const MIN = 60_000;
const k1Slot = (slot = 0): Custody => ({ kind: 'slot', kioskId: 'k1', slot });
const facts = (custody: Custody, over: Partial<PlacementFacts> = {}): PlacementFacts => ({
  nowMs: NOW, packId: 'p', custody, kioskId: 'k1', via: 'status', storeId: 'store-a', history: [], customersInSwapHere: new Set(), ...over,
});
const step = (agoMin: number, from: Custody | null, to: Custody, cause: string): CustodyStep => ({ atMs: NOW - agoMin * MIN, from, to, cause });

describe('placementVerdict: plausible moves', () => {
  it.each<[string, PlacementFacts, string]>([
    ['another slot of the same kiosk', facts(k1Slot(3)), 'same_kiosk'],
    ['released from this kiosk 5 min ago (the customer put it back)', facts({ kind: 'customer', customerId: 'c9' }, { history: [step(5, k1Slot(2), { kind: 'customer', customerId: 'c9' }, 'release')] }), 'recent_activity_here'],
    ['inserted here 10 min ago, since moved by a status elsewhere', facts({ kind: 'slot', kioskId: 'k2', slot: 0 }, { history: [step(10, { kind: 'customer', customerId: 'c1' }, k1Slot(1), 'insert')] }), 'recent_activity_here'],
    ['with a customer who has a swap here', facts({ kind: 'customer', customerId: 'c1' }, { customersInSwapHere: new Set(['c1']) }), 'customer_in_swap_here'],
    ["a customer's pack inserted (walk-up return)", facts({ kind: 'customer', customerId: 'c1' }, { via: 'insert' }), 'walk_up_return'],
    ["in this store's back room", facts({ kind: 'warehouse', warehouseId: 'store-a' }), 'store_warehouse'],
    ['in transit to this store', facts({ kind: 'in_transit', to: 'store-a' }), 'in_transit_here'],
    ['lost from this kiosk, found again', facts({ kind: 'lost' }, { history: [step(600, k1Slot(4), { kind: 'lost' }, 'status')] }), 'lost_here'],
  ])('%s', (_name, f, rule) => {
    expect(placementVerdict(f)).toEqual({ plausible: true, rule });
  });

  it('every rule of the table has a row above', () => {
    expect(PLAUSIBLE_RULES.map((r) => r.rule).sort()).toEqual(['customer_in_swap_here', 'in_transit_here', 'lost_here', 'recent_activity_here', 'same_kiosk', 'store_warehouse', 'walk_up_return']);
  });
});

describe('placementVerdict: anomalies, custody does not move', () => {
  it.each<[string, PlacementFacts, string]>([
    // The issue's attack: p2 in kiosk k2, p3 in customer c1's hands, p5 in kiosk k3 at another store.
    ['a pack in another kiosk', facts({ kind: 'slot', kioskId: 'k2', slot: 0 }), 'in_other_kiosk'],
    ['a pack in a customer’s hands, no swap here', facts({ kind: 'customer', customerId: 'c1' }), 'with_customer'],
    ['a pack in a kiosk at another store', facts({ kind: 'slot', kioskId: 'k3', slot: 7 }), 'in_other_kiosk'],
    ['a customer’s pack whose customer swaps here, but another customer', facts({ kind: 'customer', customerId: 'c1' }, { customersInSwapHere: new Set(['c2']) }), 'with_customer'],
    ['the central warehouse', facts({ kind: 'warehouse' }), 'in_other_warehouse'],
    ["another store's back room", facts({ kind: 'warehouse', warehouseId: 'store-b' }), 'in_other_warehouse'],
    ['in transit to another store', facts({ kind: 'in_transit', to: 'store-b' }), 'in_transit_elsewhere'],
    ['in transit, destination unknown', facts({ kind: 'in_transit' }), 'in_transit_elsewhere'],
    ['withdrawn', facts({ kind: 'withdrawn', reason: 'recalled' }), 'withdrawn'],
    ['lost from another kiosk', facts({ kind: 'lost' }, { history: [step(5, { kind: 'slot', kioskId: 'k2', slot: 0 }, { kind: 'lost' }, 'status')] }), 'lost_elsewhere'],
    ['lost, no history', facts({ kind: 'lost' }), 'lost_elsewhere'],
    ['released from this kiosk 16 min ago: outside the window', facts({ kind: 'customer', customerId: 'c9' }, { history: [step(16, k1Slot(2), { kind: 'customer', customerId: 'c9' }, 'release')] }), 'with_customer'],
    ['released from another kiosk 1 min ago', facts({ kind: 'customer', customerId: 'c9' }, { history: [step(1, { kind: 'slot', kioskId: 'k2', slot: 2 }, { kind: 'customer', customerId: 'c9' }, 'release')] }), 'with_customer'],
    ['a status (not an insertion) of a customer’s pack', facts({ kind: 'customer', customerId: 'c1' }, { via: 'status' }), 'with_customer'],
    ['a kiosk the registry does not know, pack in a warehouse named null', facts({ kind: 'warehouse', warehouseId: 'store-a' }, { storeId: null }), 'in_other_warehouse'],
  ])('%s', (_name, f, reason) => {
    const v = placementVerdict(f);
    expect(v.plausible).toBe(false);
    if (!v.plausible) {
      expect(v.reason).toBe(reason);
      expect(v.detail).toContain('kiosk k1 reported pack p');
    }
  });

  it('every custody kind has a reason code', () => {
    expect(Object.keys(IMPLAUSIBLE_BY_CUSTODY).sort()).toEqual(['customer', 'in_transit', 'lost', 'slot', 'warehouse', 'withdrawn']);
  });

  it('the window edge: exactly 15 min ago still counts', () => {
    const f = facts({ kind: 'customer', customerId: 'c9' }, { history: [step(15, k1Slot(2), { kind: 'customer', customerId: 'c9' }, 'release')] });
    expect(placementVerdict(f)).toEqual({ plausible: true, rule: 'recent_activity_here' });
    expect(placementVerdict(f, { recentWindowMs: 14 * MIN }).plausible).toBe(false);
  });
});
