// Bad-network faults on what simulated devices publish: damage the server can always detect, second
// copies that keep their boot id and seq, readings held back behind later ones, and kiosk status
// reports that are never moved.
import { describe, expect, it } from 'vitest';
import { decodePackTelemetry, encodePackTelemetry } from '../../proto/codec.ts';
import { DeviceOutbox } from '../../firmware-sim/device-outbox.ts';
import type { Uplink, UplinkKind, UplinkMessage } from '../../firmware-sim/device-link.ts';
import { Rng } from '../../firmware-sim/rng.ts';
import { CLEAN_NETWORK, scenario } from '../../firmware-sim/scenarios.ts';
import { UplinkFaults, detectableCorruption } from '../../firmware-sim/uplink-faults.ts';
import { FleetDevices } from '../../firmware-sim/fleet-devices.ts';

const decodes = (kind: UplinkKind, b: Uint8Array): boolean => FleetDevices.decodes(kind, b);

function reading(ob: DeviceOutbox<Uplink>, kind: UplinkKind = 'telemetry', nowMs = 1_000): UplinkMessage {
  return ob.make(`fleet/v1/packs/pk-1/${kind}`, 1, nowMs, (h) => ({ bytes: encodePackTelemetry({ header: h, socPct: 55.5, voltageMv: 3800, currentMa: -900, tempC: 27, cycles: 12, sohPct: 97, state: 3 }), kind, corrupt: false, duplicate: false, sends: 0 }));
}

describe('detectableCorruption', () => {
  it('never hands back bytes that still decode', () => {
    const rng = new Rng('damage');
    const ob = new DeviceOutbox<Uplink>({ rng: new Rng('d'), firmware: 'f' });
    for (let i = 0; i < 500; i++) {
      const bytes = reading(ob, 'telemetry', i * 1000).payload.bytes;
      const bad = detectableCorruption(bytes, rng, (b) => decodes('telemetry', b));
      expect(() => decodePackTelemetry(bad)).toThrow();
    }
  });
});

describe('UplinkFaults', () => {
  it('passes messages through untouched on a clean network', () => {
    const f = new UplinkFaults(CLEAN_NETWORK, new Rng(1), decodes);
    const ob = new DeviceOutbox<Uplink>({ rng: new Rng('d'), firmware: 'f' });
    const m = reading(ob);
    expect(f.apply(0, m)).toEqual([m]);
    expect(f.applyBatch([m])).toEqual([m]);
  });

  it('duplicates keep the boot id, seq and bytes; held readings follow one to three later ones; damage is flagged', () => {
    const net = { ...scenario('bad-network').network, duplicateRate: 0.2, reorderRate: 0.2, corruptRate: 0.1 };
    const f = new UplinkFaults(net, new Rng('faults'), decodes);
    const ob = new DeviceOutbox<Uplink>({ rng: new Rng('d'), firmware: 'f' });
    const wire: UplinkMessage[] = [];
    for (let i = 0; i < 2000; i++) wire.push(...f.apply(0, reading(ob, 'telemetry', i)));
    for (const { msg } of f.release()) wire.push(msg);
    expect(f.tally.duplicated).toBeGreaterThan(250);
    expect(f.tally.reordered).toBeGreaterThan(150);
    expect(f.tally.corrupted).toBeGreaterThan(120);
    // Every seq made goes out (none lost), and only duplicates go out twice.
    const bySeq = new Map<number, UplinkMessage[]>();
    for (const m of wire) bySeq.set(m.header.seq, [...(bySeq.get(m.header.seq) ?? []), m]);
    expect([...bySeq.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    for (const copies of bySeq.values()) {
      expect(copies.length).toBeLessThanOrEqual(2);
      if (copies.length === 2) {
        expect(copies[1]!.payload.duplicate).toBe(true);
        expect(copies[1]!.header).toBe(copies[0]!.header);
        expect(copies[1]!.payload.bytes).toBe(copies[0]!.payload.bytes);
      }
      for (const c of copies) expect(decodes('telemetry', c.payload.bytes)).toBe(!c.payload.corrupt);
    }
    // A held reading is overtaken by at most three later ones.
    const order = wire.filter((m) => !m.payload.duplicate).map((m) => m.header.seq);
    let late = 0;
    for (let i = 0; i < order.length; i++) {
      const overtakenBy = order.slice(0, i).filter((s) => s > order[i]!).length;
      expect(overtakenBy).toBeLessThanOrEqual(3);
      if (overtakenBy > 0) late++;
    }
    expect(late).toBeGreaterThan(100);
  });

  it('never moves a kiosk status report, nor damages events and swap requests', () => {
    const net = { ...scenario('bad-network').network, reorderRate: 0.5, corruptRate: 0.5, duplicateRate: 0 };
    const f = new UplinkFaults(net, new Rng('kiosk'), decodes);
    const ob = new DeviceOutbox<Uplink>({ rng: new Rng('k'), firmware: 'f' });
    for (let round = 0; round < 300; round++) {
      const batch = [reading(ob, 'event'), reading(ob, 'event'), reading(ob, 'request'), reading(ob, 'status')];
      const out = f.applyBatch(batch);
      expect(out).toHaveLength(4);
      const statusAt = out.findIndex((m) => m.payload.kind === 'status');
      // Events may move behind the status, never the status behind anything that followed it.
      expect(out.slice(statusAt + 1).every((m) => m.payload.kind === 'event')).toBe(true);
      for (const m of out) if (m.payload.kind !== 'status') expect(m.payload.corrupt).toBe(false);
    }
    expect(f.tally.reordered).toBeGreaterThan(100);
  });
});
