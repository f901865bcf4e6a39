// The pack model against the numbers documented in firmware-sim/README.md: charge time, the CC/CV
// shape, cycle counting from throughput, fade (room and hot), self-discharge, discharge, heat, faults.
import { describe, expect, it } from 'vitest';
import { PackFaultBit, PackState } from '../../proto/codec.ts';
import { BATTERY, FULL_CHARGE_HOURS } from '../../firmware-sim/battery-curves.ts';
import { MODE_CARRIED, MODE_SLOT, newPackCell, step, type PackCell, type PackLoad } from '../../firmware-sim/battery-model.ts';
import { PackBank } from '../../firmware-sim/pack-bank.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Steps a pack under one load until `until` holds or maxSteps pass; returns the pack and elapsed ms. */
function runUntil(p0: PackCell, load: PackLoad, dtMs: number, until: (p: PackCell) => boolean, maxSteps = 100_000, t0 = 0): { p: PackCell; ms: number } {
  let p = p0;
  let t = t0;
  for (let k = 0; k < maxSteps; k++) {
    t += dtMs;
    p = step(p, dtMs, load, t);
    if (until(p)) return { p, ms: t - t0 };
  }
  throw new Error('condition not reached');
}

/** Full charge then discharge at outputMa, repeated until `cycles` full-equivalent cycles have been counted. */
function cycle(cycles: number, ambientC: number, outputMa = 2000): PackCell {
  let p = newPackCell({ socPct: 0, tempC: ambientC });
  let t = 0;
  for (let n = 0; n < 5000 && p.cycles < cycles; n++) {
    const c = runUntil(p, { kind: 'charge', ambientC }, MIN, (x) => x.chargeDone, 2000, t);
    t += c.ms;
    const d = runUntil(c.p, { kind: 'discharge', outputMa, ambientC }, MIN, (x) => x.outputCut, 2000, t);
    t += d.ms;
    p = d.p;
  }
  return p;
}

describe('charging (CC/CV)', () => {
  it('takes about 4 h from flat to full: within 10 % at 60 s steps and at 1 s steps', () => {
    for (const dt of [60_000, 1_000]) {
      const { p, ms } = runUntil(newPackCell({ socPct: 0 }), { kind: 'charge' }, dt, (x) => x.chargeDone, 40_000);
      expect(ms / HOUR).toBeGreaterThan(3.6);
      expect(ms / HOUR).toBeLessThan(4.4);
      expect(p.socPct).toBe(100);
      expect(p.state).toBe(PackState.PACK_STATE_FULL);
    }
    expect(FULL_CHARGE_HOURS).toBeCloseTo(4, 0);
  });

  it('reaches 80 % well before full (CC phase) and charges slowly after', () => {
    const full = runUntil(newPackCell({ socPct: 0 }), { kind: 'charge' }, MIN, (x) => x.chargeDone).ms;
    const to80 = runUntil(newPackCell({ socPct: 0 }), { kind: 'charge' }, MIN, (x) => x.socPct >= 80).ms;
    expect(to80 / full).toBeLessThan(0.6);
    expect(to80 / HOUR).toBeCloseTo(1.6, 1);
    // 0 -> 80 % at a steady 0.5C; the last 20 % takes longer than the first 80 %.
    expect(full - to80).toBeGreaterThan(to80);
  });

  it('charges at 0.5C (1,300 mA) in CC, tapers in CV, and sits at 4.2 V while tapering', () => {
    const cc = step(newPackCell({ socPct: 30 }), MIN, { kind: 'charge' });
    expect(cc.currentMa).toBeCloseTo(BATTERY.ratedMah * BATTERY.ccRateC, 0);
    expect(cc.state).toBe(PackState.PACK_STATE_CHARGING);
    const cv = step(newPackCell({ socPct: 93 }), MIN, { kind: 'charge' });
    expect(cv.currentMa).toBeGreaterThan(52);
    expect(cv.currentMa).toBeLessThan(400);
    expect(cv.voltageMv).toBe(4200);
  });

  it('shows READY-level charge (90 %) after about 2.3 h from flat', () => {
    const { ms } = runUntil(newPackCell({ socPct: 0 }), { kind: 'charge' }, MIN, (x) => x.socPct >= 90);
    expect(ms / HOUR).toBeGreaterThan(2);
    expect(ms / HOUR).toBeLessThan(2.6);
  });

  it('does not charge in an unpowered slot, and pauses when the cell is too hot', () => {
    const off = step(newPackCell({ socPct: 40 }), MIN, { kind: 'charge', powered: false });
    expect(off.currentMa).toBe(0);
    const hot = step(newPackCell({ socPct: 40, tempC: 47 }), MIN, { kind: 'charge', ambientC: 46 });
    expect(hot.chargePaused).toBe(true);
    expect(hot.currentMa).toBe(0);
  });
});

describe('cycles and state of health', () => {
  it('counts cycles from charge throughput: 2,600 mAh charged is one cycle', () => {
    const b = new PackBank(1);
    b.mode[0] = MODE_SLOT;
    for (let k = 0; k < 5; k++) {
      b.soc[0] = 0;
      let t = k * 10 * HOUR;
      while ((b.soc[0] as number) < 0.7) b.stepAll((t += MIN), MIN);
    }
    // Five charges of 0 -> 70 % of 2,600 mAh (minus a hair of fade) = about 9,100 mAh = 3.5 cycles.
    expect(b.chargedMah[0]).toBeGreaterThan(9_050);
    expect(b.chargedMah[0]).toBeLessThan(9_200);
    expect(b.cycles(0)).toBe(3);
  });

  it('fades to about 80 % SoH after 500 cycles at room temperature', () => {
    const p = cycle(500, 25);
    expect(p.cycles).toBe(500);
    expect(p.sohPct).toBeGreaterThan(79);
    expect(p.sohPct).toBeLessThan(81);
  });

  it('fades faster when hot (38 C ambient) than at room temperature', () => {
    const room = cycle(200, 25);
    const hot = cycle(200, 38);
    expect(room.sohPct).toBeCloseTo(100 - 200 * 0.04, 0);
    expect(hot.sohPct).toBeLessThan(room.sohPct - 3);
  });

  it('a worn pack holds less: the same 2 A load empties it sooner', () => {
    const load: PackLoad = { kind: 'discharge', outputMa: 2000 };
    const fresh = runUntil(newPackCell(), load, MIN, (x) => x.outputCut).ms;
    const worn = runUntil(newPackCell({ sohPct: 80 }), load, MIN, (x) => x.outputCut).ms;
    expect(worn / fresh).toBeCloseTo(0.8, 1);
  });
});

describe('self-discharge', () => {
  it('loses about 2.5 % a month at 25 C, and more when warm', () => {
    const month = (ambientC: number): number => {
      let p = newPackCell({ socPct: 80, tempC: ambientC });
      for (let h = 0; h < 30 * 24; h++) p = step(p, HOUR, { kind: 'idle', ambientC });
      return 80 - p.socPct;
    };
    const loss25 = month(25);
    expect(loss25).toBeGreaterThan(2.2);
    expect(loss25).toBeLessThan(2.8);
    expect(month(35)).toBeCloseTo(2 * loss25, 1);
  });
});

describe('discharging into a phone', () => {
  it('a full pack runs a 2 A (5 V) phone charge for about 50 minutes and warms up, staying below 45 C', () => {
    const { p, ms } = runUntil(newPackCell(), { kind: 'discharge', outputMa: 2000, ambientC: 25 }, MIN, (x) => x.outputCut);
    expect(ms / MIN).toBeGreaterThan(40);
    expect(ms / MIN).toBeLessThan(60);
    expect(p.socPct).toBe(0);
    const mid = runUntil(newPackCell(), { kind: 'discharge', outputMa: 2000, ambientC: 25 }, MIN, () => true, 1, 0);
    expect(mid.p.currentMa).toBeLessThan(-2500);
    expect(mid.p.state).toBe(PackState.PACK_STATE_DISCHARGING);
    const warm = runUntil(newPackCell(), { kind: 'discharge', outputMa: 2000, ambientC: 25 }, MIN, (x) => x.socPct < 20);
    expect(warm.p.tempC).toBeGreaterThan(32);
    expect(warm.p.tempC).toBeLessThan(45);
  });

  it('a heavier load drains faster than a lighter one', () => {
    const light = runUntil(newPackCell(), { kind: 'discharge', outputMa: 1500 }, MIN, (x) => x.outputCut).ms;
    const heavy = runUntil(newPackCell(), { kind: 'discharge', outputMa: 2400 }, MIN, (x) => x.outputCut).ms;
    expect(light / heavy).toBeCloseTo(2400 / 1500, 1);
  });
});

describe('faults', () => {
  it('an overheating episode trips OVER_TEMP (bit 1), stops charging, and clears once the cell cools', () => {
    let p = newPackCell({ socPct: 50, overheatUntilMs: 40 * MIN });
    let t = 0;
    for (let k = 0; k < 30; k++) p = step(p, MIN, { kind: 'charge' }, (t += MIN));
    expect(p.tempC).toBeGreaterThan(BATTERY.overTempTripC);
    expect(p.faultFlags & PackFaultBit.PACK_FAULT_OVER_TEMP).toBe(1);
    expect(p.state).toBe(PackState.PACK_STATE_FAULT);
    expect(p.currentMa).toBe(0);
    for (let k = 0; k < 120; k++) p = step(p, MIN, { kind: 'charge' }, (t += MIN));
    expect(p.faultFlags).toBe(0);
    expect(p.state).not.toBe(PackState.PACK_STATE_FAULT);
  });

  it('a swollen pack (bit 2) neither charges nor discharges', () => {
    const sw = newPackCell({ socPct: 50, faultFlags: PackFaultBit.PACK_FAULT_SWELLING });
    expect(step(sw, MIN, { kind: 'charge' }).currentMa).toBe(0);
    expect(step(sw, MIN, { kind: 'discharge', outputMa: 2000 }).currentMa).toBe(0);
    expect(step(sw, MIN, { kind: 'idle' }).state).toBe(PackState.PACK_STATE_FAULT);
  });
});

describe('step() and PackBank agree', () => {
  it('is pure: the input is not changed', () => {
    const p = newPackCell({ socPct: 42 });
    const copy = { ...p };
    step(p, MIN, { kind: 'charge' });
    expect(p).toEqual(copy);
  });

  it('gives the same result as the bank for the same loads', () => {
    const b = new PackBank(2);
    b.restStrideMs = 0;
    b.soc[0] = 0.3;
    b.soc[1] = 0.9;
    b.mode[0] = MODE_SLOT;
    b.mode[1] = MODE_CARRIED;
    b.outMa[1] = 2000;
    let a = newPackCell({ socPct: 30 });
    let d = newPackCell({ socPct: 90 });
    let t = 0;
    for (let k = 0; k < 30; k++) {
      t += MIN;
      b.stepAll(t, MIN);
      a = step(a, MIN, { kind: 'charge', ambientC: 26 }, t);
      d = step(d, MIN, { kind: 'discharge', outputMa: 2000, ambientC: 25 }, t);
    }
    expect((b.soc[0] as number) * 100).toBeCloseTo(a.socPct, 9);
    expect((b.soc[1] as number) * 100).toBeCloseTo(d.socPct, 9);
    expect(b.tempC[1]).toBeCloseTo(d.tempC, 9);
  });
});
