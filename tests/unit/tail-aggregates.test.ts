// Unstored readings folded into a store's aggregates: each function per bucket, with the stored
// edge reading deciding first and last when a late, older reading is still unstored.
import { describe, expect, it } from 'vitest';
import type { PackReading } from '../../domain/readings.ts';
import { mergeAggregate, mergeEventCounts } from '../../store/log/tail-aggregates.ts';

const r = (seq: number, atMs: number, socPct: number): PackReading => ({
  packId: 'p', bootId: 1, seq, atMs, receivedAtMs: atMs, clockSuspect: false, firmware: 'f', socPct, voltageMv: 1, currentMa: 0, tempC: 1, cycles: 1, sohPct: 90, state: 1, faultFlags: 0, latE7: null, lonE7: null, accuracyM: null,
});
const q = (fn: 'mean' | 'min' | 'max' | 'count' | 'first' | 'last') => ({ field: 'socPct' as const, fn, packId: 'p', fromMs: 0, toMs: 1000, bucketMs: 100 });

describe('unstored readings in aggregates', () => {
  // Stored: bucket 0 holds 2 readings (soc 50 at 10, soc 70 at 50), nothing in bucket 100.
  const stored = { mean: 60, min: 50, max: 70, count: 2, first: 50, last: 70 } as const;
  const edges = (fn: 'first' | 'last') => new Map<number, PackReading | null>([[0, fn === 'first' ? r(1, 10, 50) : r(2, 50, 70)], [100, null]]);
  // Unstored: one older than everything stored in bucket 0 (at 5), one newer (at 60), one in bucket 100.
  const unstored = [r(3, 60, 90), r(4, 5, 10), r(5, 150, 40)];
  it.each([
    ['mean', [{ startMs: 0, value: (50 + 70 + 90 + 10) / 4, count: 4 }, { startMs: 100, value: 40, count: 1 }]],
    ['min', [{ startMs: 0, value: 10, count: 4 }, { startMs: 100, value: 40, count: 1 }]],
    ['max', [{ startMs: 0, value: 90, count: 4 }, { startMs: 100, value: 40, count: 1 }]],
    ['count', [{ startMs: 0, value: 4, count: 4 }, { startMs: 100, value: 1, count: 1 }]],
    ['first', [{ startMs: 0, value: 10, count: 4 }, { startMs: 100, value: 40, count: 1 }]],
    ['last', [{ startMs: 0, value: 90, count: 4 }, { startMs: 100, value: 40, count: 1 }]],
  ] as const)('%s', (fn, expected) => {
    const got = mergeAggregate([{ startMs: 0, value: stored[fn], count: 2 }], unstored, q(fn), fn === 'first' || fn === 'last' ? edges(fn) : undefined);
    expect(got.map((b) => ({ ...b, value: Math.round(b.value * 1000) / 1000 }))).toEqual(expected.map((b) => ({ ...b, value: Math.round(b.value * 1000) / 1000 })));
  });

  it('leaves the stored buckets alone when nothing is unstored', () => {
    const s = [{ startMs: 0, value: 1, count: 1 }];
    expect(mergeAggregate(s, [], q('mean'))).toBe(s);
  });

  it('counts unstored events per kiosk and bucket, of the asked type only', () => {
    const ev = (kioskId: string, atMs: number, type: 'pack_released' | 'door') => ({ kioskId, bootId: 1, seq: atMs, atMs, receivedAtMs: atMs, clockSuspect: false, type, slot: 0, packId: '', commandId: '', requestId: '', detail: '' });
    const got = mergeEventCounts([{ kioskId: 'k1', startMs: 0, count: 2 }], [ev('k1', 10, 'pack_released'), ev('k2', 120, 'pack_released'), ev('k1', 20, 'door')], { type: 'pack_released', fromMs: 0, toMs: 1000, bucketMs: 100 });
    expect(got).toEqual([{ kioskId: 'k1', startMs: 0, count: 3 }, { kioskId: 'k2', startMs: 100, count: 1 }]);
  });
});
