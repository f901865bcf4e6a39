import { describe, expect, it } from 'vitest';
import { CommittedFeed, type CommittedBatch } from '../../ingest/committed-feed.ts';
import type { PackReading } from '../../domain/readings.ts';

const reading = (seq: number): PackReading => ({
  packId: 'p1', bootId: 1, seq, atMs: 1_000 + seq, receivedAtMs: 1_000 + seq, clockSuspect: false, firmware: 't',
  socPct: 50, voltageMv: 3800, currentMa: -500, tempC: 25, cycles: 3, sohPct: 99, state: 2, faultFlags: 0, latE7: null, lonE7: null, accuracyM: null,
});

describe('CommittedFeed', () => {
  it('delivers each batch to every rule, and a throwing rule neither stops the others nor the caller', () => {
    const feed = new CommittedFeed();
    const seen: number[] = [];
    feed.subscribe('broken', () => {
      throw new Error('boom');
    });
    feed.subscribe('counter', (b) => seen.push(...b.packs.map((p) => p.seq)));
    const batch: CommittedBatch = { packs: [reading(1), reading(2)], kiosks: [], events: [] };
    expect(() => feed.publish(batch)).not.toThrow();
    feed.publish({ packs: [reading(3)], kiosks: [], events: [] });
    expect(seen).toEqual([1, 2, 3]);
    expect(feed.failures.get('broken')).toBe(2);
  });

  it('skips empty batches and lets a rule unsubscribe', () => {
    const feed = new CommittedFeed();
    let calls = 0;
    const off = feed.subscribe('r', () => calls++);
    feed.publish({ packs: [], kiosks: [], events: [] });
    expect(calls).toBe(0);
    feed.publish({ packs: [reading(1)], kiosks: [], events: [] });
    off();
    feed.publish({ packs: [reading(2)], kiosks: [], events: [] });
    expect(calls).toBe(1);
    expect(feed.size).toBe(0);
  });
});
