// What a networked run provisions: wire ids behind the run's prefix, one card token per customer,
// and a registry import the server's own validator accepts, with custody as the model has it.
import { describe, expect, it } from 'vitest';
import { validateFleetImport } from '../../domain/fleet-import.ts';
import { planFleet } from '../../firmware-sim/fleet-plan.ts';
import { backoffMs, loopbackSource } from '../../firmware-sim/link-pool.ts';

describe('planFleet', () => {
  const plan = planFleet({ seed: 7, packs: 300, customers: 200, stores: 4, kiosksPerStore: 3, idPrefix: 'run1-', startMs: Date.UTC(2025, 0, 6) });

  it('names every device, store and customer behind the prefix, kiosks first', () => {
    expect(plan.devices).toHaveLength(12 + 300);
    expect(plan.devices.slice(12).length).toBeGreaterThan(0); // .every below is vacuous over nothing
    expect(plan.devices.slice(0, 12).every((d) => d.kind === 'kiosk' && d.id.startsWith('run1-ki-'))).toBe(true);
    expect(plan.devices.slice(12).every((d) => d.kind === 'pack' && d.id.startsWith('run1-pk-'))).toBe(true);
    expect(new Set(plan.devices.map((d) => d.id)).size).toBe(312);
    expect(plan.built.customers.ids.length).toBeGreaterThan(0); // .every below is vacuous over nothing
    expect(plan.built.customers.ids.every((id) => id.startsWith('run1-cu-'))).toBe(true);
  });

  it('gives every customer a distinct card token, the same for the same seed and prefix', () => {
    expect(new Set(plan.tokens).size).toBe(200);
    expect(planFleet({ seed: 7, packs: 300, customers: 200, stores: 4, kiosksPerStore: 3, idPrefix: 'run1-', startMs: 0 }).tokens).toEqual(plan.tokens);
    expect(planFleet({ seed: 7, packs: 300, customers: 200, stores: 4, kiosksPerStore: 3, idPrefix: 'run2-', startMs: 0 }).tokens[0]).not.toBe(plan.tokens[0]);
  });

  it('builds a registry import the server accepts, with each pack where the model has it', () => {
    const doc = plan.registry();
    const v = validateFleetImport(doc);
    expect(v.ok ? [] : v.errors).toEqual([]);
    expect(doc.kiosks).toHaveLength(12);
    const b = plan.built.packs;
    const kinds = { slot: 0, customer: 0, warehouse: 0 };
    doc.packs.forEach((p, i) => {
      kinds[p.custody!.kind]++;
      if (p.custody?.kind === 'slot') expect(p.custody).toEqual({ kind: 'slot', kioskId: plan.kioskIds[b.kiosk[i]!], slot: b.slot[i] });
      if (p.custody?.kind === 'customer') expect(p.custody.customerId).toBe(plan.built.customers.ids[b.holder[i]!]);
    });
    expect(kinds.slot).toBeGreaterThan(50);
    expect(kinds.customer).toBeGreaterThan(150);
  });
});

describe('connections', () => {
  it('spread over 127.0.0.0/8, 100 per source address', () => {
    expect(loopbackSource(0, 100)).toBe('127.2.0.1');
    expect(loopbackSource(99, 100)).toBe('127.2.0.1');
    expect(loopbackSource(100, 100)).toBe('127.2.0.2');
    const addrs = new Set(Array.from({ length: 10_500 }, (_, i) => loopbackSource(i, 100)));
    expect(addrs.size).toBe(105);
    for (const a of addrs) expect(a).toMatch(/^127\.\d{1,3}\.\d{1,3}\.([1-9]\d?|1\d\d|2[0-4]\d|25[0-4])$/);
  });

  it('back off from about the minimum, doubling to the cap, with jitter', () => {
    expect(backoffMs(0, 250, 10_000, 0)).toBe(125);
    expect(backoffMs(0, 250, 10_000, 0.999)).toBeLessThanOrEqual(250);
    expect(backoffMs(3, 250, 10_000, 1)).toBe(2000);
    expect(backoffMs(10, 250, 10_000, 1)).toBe(10_000);
    expect(backoffMs(1000, 250, 10_000, 0.5)).toBe(7500);
  });
});
