// Customers: personas use their phones differently, routines pass the stores near home and work,
// a low pack makes them want a swap, and some act on nudges.
import { describe, expect, it } from 'vitest';
import { MODE_CARRIED } from '../../firmware-sim/battery-model.ts';
import { PackBank } from '../../firmware-sim/pack-bank.ts';
import { collectDetours, collectPasses, CustomerBank, stepPhones, type PhoneTally } from '../../firmware-sim/customer-model.ts';
import {
  buildDay,
  MAX_ENTRIES,
  PERSONAS,
  PLACE_HOME,
  PLACE_STORE_COMMUTE,
  PLACE_STORE_HOME,
  PLACE_STORE_WORK,
  PLACE_WORK,
} from '../../firmware-sim/customer-routine.ts';
import { Rng } from '../../firmware-sim/rng.ts';

const LIGHT = PERSONAS.findIndex((p) => p.name === 'light');
const HEAVY = PERSONAS.findIndex((p) => p.name === 'heavy');
const COMMUTER = PERSONAS.findIndex((p) => p.name === 'commuter');
const DAY_START = Date.UTC(2025, 0, 6); // a Monday

function day(persona: number, weekend: boolean, seed = 1): Array<[number, number]> {
  const min = new Int16Array(MAX_ENTRIES);
  const kind = new Uint8Array(MAX_ENTRIES);
  const n = buildDay(persona, weekend, new Rng(seed), min, kind, 0);
  return Array.from({ length: n }, (_, k) => [min[k] as number, kind[k] as number]);
}

/** Customers of one persona each, all at work (away from a wall charger), each holding a full pack. */
function fleetOf(personas: number[]): { cb: CustomerBank; packs: PackBank } {
  const cb = new CustomerBank(personas.length);
  const packs = new PackBank(personas.length);
  personas.forEach((p, c) => {
    cb.persona[c] = p;
    cb.place[c] = PLACE_WORK;
    cb.pack[c] = c;
    packs.holder[c] = c;
    packs.mode[c] = MODE_CARRIED;
  });
  return { cb, packs };
}

describe('routines', () => {
  it('a commuter passes the home, transit and work stores in the morning and the reverse in the evening', () => {
    const stores = day(COMMUTER, false)
      .filter(([, k]) => k >= PLACE_STORE_HOME)
      .map(([m, k]) => [m < 12 * 60 ? 'am' : 'pm', k]);
    const am = stores.filter(([h]) => h === 'am').map(([, k]) => k);
    const pm = stores.filter(([h]) => h === 'pm').map(([, k]) => k);
    expect(am).toEqual([PLACE_STORE_HOME, PLACE_STORE_COMMUTE, PLACE_STORE_WORK]);
    expect(pm.slice(-3)).toEqual([PLACE_STORE_WORK, PLACE_STORE_COMMUTE, PLACE_STORE_HOME]);
  });

  it('keeps every day in time order, starting at home, and goes to work only on weekdays', () => {
    for (const persona of [LIGHT, HEAVY, COMMUTER]) {
      for (const weekend of [false, true]) {
        for (let seed = 0; seed < 50; seed++) {
          const d = day(persona, weekend, seed);
          expect(d[0]).toEqual([0, PLACE_HOME]);
          expect(d.length).toBeGreaterThan(0); // .every below is vacuous over nothing
          expect(d.every(([m], k) => k === 0 || m >= (d[k - 1] as [number, number])[0])).toBe(true);
          expect(d.every(([m]) => m >= 0 && m < 1440)).toBe(true);
          if (weekend || persona === LIGHT) expect(d.some(([, k]) => k === PLACE_WORK)).toBe(false);
          else expect(d.some(([, k]) => k === PLACE_WORK)).toBe(true);
        }
      }
    }
  });

  it('reports store passes at their times, with the customer\'s own stores', () => {
    const cb = new CustomerBank(1);
    cb.persona[0] = COMMUTER;
    cb.homeStore[0] = 7;
    cb.commuteStore[0] = 8;
    cb.workStore[0] = 9;
    cb.buildDay(false, new Rng(3));
    const out = new Int32Array(64);
    const seen: number[] = [];
    for (let m = 0; m < 1440; m++) {
      const n = collectPasses(cb, DAY_START + m * 60_000, m, out);
      for (let k = 0; k < n; k++) seen.push(out[2 * k + 1] as number);
    }
    expect(seen.slice(0, 3)).toEqual([7, 8, 9]);
    expect(seen.slice(-3)).toEqual([9, 8, 7]);
  });
});

describe('phone use', () => {
  it('heavy users drain their phones faster, plug in sooner, and empty their packs more than light users', () => {
    const personas = [...Array<number>(50).fill(LIGHT), ...Array<number>(50).fill(HEAVY)];
    const { cb, packs } = fleetOf(personas);
    const tally: PhoneTally = { packsHitZero: 0, phoneDeadMinutes: 0 };
    // 08:00 to 20:00 at work.
    for (let m = 8 * 60; m < 20 * 60; m++) {
      const now = DAY_START + m * 60_000;
      packs.stepAll(now, 60_000);
      stepPhones(cb, packs, now, m, 1 / 60, tally);
    }
    const meanSoc = (from: number, to: number): number => {
      let s = 0;
      for (let c = from; c < to; c++) s += packs.soc[c] as number;
      return s / (to - from);
    };
    expect(meanSoc(50, 100)).toBeLessThan(meanSoc(0, 50) - 0.3);
    expect(tally.packsHitZero).toBeGreaterThan(0);
  });

  it('wants a swap once the pack is below the persona threshold', () => {
    const { cb, packs } = fleetOf([HEAVY, LIGHT]);
    packs.soc[0] = 0.45; // heavy swaps below 50 %
    packs.soc[1] = 0.45; // light only below 25 %
    expect(cb.wantsSwap(0, packs)).toBe(true);
    expect(cb.wantsSwap(1, packs)).toBe(false);
  });

  it('the phone charges on the wall overnight', () => {
    const { cb, packs } = fleetOf([HEAVY]);
    cb.phoneSoc[0] = 0.1;
    stepPhones(cb, packs, DAY_START + 3 * 3_600_000, 3 * 60, 1 / 60, { packsHitZero: 0, phoneDeadMinutes: 0 });
    expect(cb.phoneSoc[0]).toBe(1);
  });
});

describe('nudges', () => {
  it('a detour a nudge planned becomes a visit at its time, with the kiosk the nudge named', () => {
    const cb = new CustomerBank(2);
    cb.planDetour(1, 42, DAY_START + 60_000, 7);
    const out = new Int32Array(9);
    expect(collectDetours(cb, DAY_START, out)).toBe(0);
    expect(collectDetours(cb, DAY_START + 60_000, out)).toBe(1);
    expect([...out.subarray(0, 3)]).toEqual([1, 42, 7]);
    expect(collectDetours(cb, DAY_START + 120_000, out)).toBe(0);
    expect(cb.detoursPending).toBe(0);
    // A customer who swapped the pack on their way drops the trip.
    cb.pack[1] = 5;
    cb.planDetour(1, 42, DAY_START + 180_000, 7);
    cb.pack[1] = 6;
    expect(collectDetours(cb, DAY_START + 180_000, out)).toBe(0);
    expect(cb.detoursPending).toBe(0);
    // Detours are not routine passes.
    cb.planDetour(0, 3, DAY_START);
    expect(collectPasses(cb, DAY_START, 0, new Int32Array(8))).toBe(0);
  });
});
