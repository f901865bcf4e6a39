import { describe, expect, it } from 'vitest';
import { RecentReturns } from '../../services/recent-returns.ts';
import type { Custody } from '../../domain/fleet-model.ts';

const cust: Custody = { kind: 'customer', customerId: 'c1' };
const slot3: Custody = { kind: 'slot', kioskId: 'k1', slot: 3 };

describe('RecentReturns', () => {
  it('judges a pack just handed into this slot as still the customer’s', () => {
    const r = new RecentReturns(60_000);
    r.record('p1', cust, slot3, 1000);
    expect(r.custodyForReturn('p1', slot3, 'k1', 2000)).toEqual(cust);
  });

  it.each([
    ['another kiosk asks', slot3, 'k2', 2000],
    ['the pack moved on since', { kind: 'slot', kioskId: 'k1', slot: 4 } as Custody, 'k1', 2000],
    ['the memory has lapsed', slot3, 'k1', 62_000],
  ])('keeps the registry custody when %s', (_name, current, kioskId, now) => {
    const r = new RecentReturns(60_000);
    r.record('p1', cust, slot3, 1000);
    expect(r.custodyForReturn('p1', current, kioskId, now)).toEqual(current);
  });

  it('forgets a pack that came from somewhere else than a customer (a restock)', () => {
    const r = new RecentReturns(60_000);
    r.record('p1', cust, slot3, 1000);
    r.record('p1', { kind: 'warehouse' }, slot3, 1500);
    expect(r.custodyForReturn('p1', slot3, 'k1', 2000)).toEqual(slot3);
  });
});
