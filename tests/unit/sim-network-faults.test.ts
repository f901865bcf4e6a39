// The bad-network mangler: duplicates, reordering and damaged payloads, as the server will receive them.
import { describe, expect, it } from 'vitest';
import { decodePackTelemetry, encodePackTelemetry } from '../../proto/codec.ts';
import { corruptPayload, mangleBatch, pickSkewedDevices, type MangleTally, type WireMessage } from '../../firmware-sim/network-faults.ts';
import { Rng } from '../../firmware-sim/rng.ts';
import { CLEAN_NETWORK, scenario } from '../../firmware-sim/scenarios.ts';

const batch = (n: number): WireMessage[] =>
  Array.from({ length: n }, (_, k) => ({
    topic: 'fleet/v1/packs/pk-1/telemetry',
    qos: 1 as const,
    payload: encodePackTelemetry({ header: { bootId: 7, seq: k + 1, sentAtMs: 1_000 + k, firmware: 'f' }, socPct: 50 }),
  }));

describe('network faults', () => {
  it('a clean network delivers the batch unchanged', () => {
    const msgs = batch(50);
    expect(mangleBatch(msgs, CLEAN_NETWORK, new Rng(1))).toEqual(msgs);
  });

  it('duplicates and reorders at about the scenario rates, without losing a message', () => {
    const f = scenario('bad-network').network;
    const tally: MangleTally = { duplicated: 0, reordered: 0, corrupted: 0 };
    const msgs = batch(10_000);
    const out = mangleBatch(msgs, { ...f, corruptRate: 0 }, new Rng(2), tally);
    expect(out.length).toBe(10_000 + tally.duplicated);
    expect(tally.duplicated / 10_000).toBeCloseTo(0.02, 2);
    expect(tally.reordered).toBeGreaterThan(300);
    const seqs = new Set(out.map((m) => decodePackTelemetry(m.payload).header.seq));
    expect(seqs.size).toBe(10_000);
    expect(out.length).toBeGreaterThan(0); // .every below is vacuous over nothing
    const inOrder = out.every((m, k) => k === 0 || decodePackTelemetry(m.payload).header.seq >= decodePackTelemetry((out[k - 1] as WireMessage).payload).header.seq);
    expect(inOrder).toBe(false);
  });

  it('damages payloads so they differ from the original, and leaves the input intact', () => {
    const rng = new Rng(3);
    const original = batch(1)[0]?.payload as Uint8Array;
    const keep = original.slice();
    let undecodable = 0;
    for (let k = 0; k < 300; k++) {
      const bad = corruptPayload(original, rng);
      expect(Buffer.from(bad).equals(Buffer.from(original))).toBe(false);
      try {
        decodePackTelemetry(bad);
      } catch {
        undecodable++;
      }
    }
    expect(original).toEqual(keep);
    expect(undecodable).toBeGreaterThan(50);
  });

  it('skews about the scenario share of device clocks', () => {
    const f = scenario('bad-network').network;
    const skewed = pickSkewedDevices(100_000, f, new Rng(4)).reduce((a, b) => a + b, 0);
    expect(skewed / 100_000).toBeCloseTo(f.clockSkewShare, 2);
    expect(f.clockSkewMs).toBeGreaterThanOrEqual(3_600_000);
  });
});
