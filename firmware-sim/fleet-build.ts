// Builds a simulated fleet from options: stores scattered over a city, kiosks in them, customers with
// homes, workplaces and the stores near them, and packs handed to customers, slotted in kiosks or
// left in the depot. Deterministic from the seed.
import { BATTERY } from './battery-curves.ts';
import { F_CHARGE_DONE, MODE_DEPOT, MODE_SLOT } from './battery-model.ts';
import { PackBank } from './pack-bank.ts';
import { CustomerBank } from './customer-model.ts';
import { drawPersona, PERSONAS } from './customer-routine.ts';
import { KioskModel, type KioskOptions } from './kiosk-model.ts';
import { nudgePrefsFor } from './nudge-response.ts';
import { Rng } from './rng.ts';
import { signUpOffsetMs, type Scenario } from './scenarios.ts';

export interface GeoOptions {
  /** City centre. Default central London. */
  centerLat: number;
  centerLon: number;
  /** Spread of the city, km (homes spread about 0.6x this, workplaces 0.25x, stores half of each). */
  spreadKm: number;
}
export const DEFAULT_GEO: GeoOptions = { centerLat: 51.5074, centerLon: -0.1278, spreadKm: 14 };

export interface BuildOptions {
  seed: number | string;
  packs: number;
  customers: number;
  stores: number;
  kiosksPerStore: number;
  slotsPerKiosk: number;
  lotSize: number;
  startMs: number;
  scenario: Scenario;
  kiosk: KioskOptions;
  geo: GeoOptions;
}

export interface StoreSet {
  ids: string[];
  lat: Float64Array;
  lon: Float64Array;
  /** Kiosks of store s are kiosk indexes [s * kiosksPerStore, (s + 1) * kiosksPerStore). */
  kiosksPerStore: number;
}

export interface BuiltFleet {
  packs: PackBank;
  customers: CustomerBank;
  stores: StoreSet;
  kiosks: KioskModel[];
}

const KM_PER_DEG_LAT = 111.32;

/** Nearest-store lookup on a 1 km grid over the stores' positions (in km from the centre). */
class StoreGrid {
  private readonly cells = new Map<number, number[]>();
  constructor(private readonly x: Float64Array, private readonly y: Float64Array) {
    for (let s = 0; s < x.length; s++) {
      const key = StoreGrid.key(Math.floor(x[s] as number), Math.floor(y[s] as number));
      const list = this.cells.get(key);
      if (list) list.push(s);
      else this.cells.set(key, [s]);
    }
  }
  private static key(cx: number, cy: number): number {
    return (cx + 4096) * 8192 + (cy + 4096);
  }
  nearest(px: number, py: number): number {
    const cx = Math.floor(px);
    const cy = Math.floor(py);
    let best = -1;
    let bestD = Infinity;
    // Ring r covers cells at Chebyshev distance r; stop once no closer store can lie further out.
    for (let r = 0; r < 400; r++) {
      for (let dx = -r; dx <= r; dx++) {
        for (let dy = -r; dy <= r; dy++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
          for (const s of this.cells.get(StoreGrid.key(cx + dx, cy + dy)) ?? []) {
            const d = ((this.x[s] as number) - px) ** 2 + ((this.y[s] as number) - py) ** 2;
            if (d < bestD) {
              bestD = d;
              best = s;
            }
          }
        }
      }
      if (best >= 0 && r * r >= bestD) break;
    }
    return best;
  }
}

export function buildFleet(o: BuildOptions): BuiltFleet {
  const root = new Rng(o.seed);
  const geoRng = root.fork('geo');
  const cosLat = Math.cos((o.geo.centerLat * Math.PI) / 180);
  const toLat = (yKm: number): number => o.geo.centerLat + yKm / KM_PER_DEG_LAT;
  const toLon = (xKm: number): number => o.geo.centerLon + xKm / (KM_PER_DEG_LAT * cosLat);

  // Stores.
  const sx = new Float64Array(o.stores);
  const sy = new Float64Array(o.stores);
  const stores: StoreSet = { ids: [], lat: new Float64Array(o.stores), lon: new Float64Array(o.stores), kiosksPerStore: o.kiosksPerStore };
  for (let s = 0; s < o.stores; s++) {
    // Stores go where people are: half among workplaces (central), half among homes.
    const sd = o.geo.spreadKm * (s % 2 === 0 ? 0.25 : 0.6);
    sx[s] = geoRng.normal(0, sd);
    sy[s] = geoRng.normal(0, sd);
    stores.lat[s] = toLat(sy[s] as number);
    stores.lon[s] = toLon(sx[s] as number);
    stores.ids.push(`st-${String(s).padStart(5, '0')}`);
  }
  const grid = new StoreGrid(sx, sy);

  // Packs: a spread of ages, so some are worn.
  const packs = new PackBank(o.packs, { lotSize: o.lotSize });
  const ageRng = root.fork('pack-age');
  for (let i = 0; i < o.packs; i++) {
    const cycles = ageRng.uniform(0, 150);
    packs.chargedMah[i] = cycles * BATTERY.ratedMah;
    packs.soh[i] = 1 - cycles * BATTERY.fadePerCycle * ageRng.uniform(0.9, 1.15);
  }

  // Kiosks.
  const kiosks: KioskModel[] = [];
  const kioskRng = root.fork('kiosks');
  for (let k = 0; k < o.stores * o.kiosksPerStore; k++) {
    const id = `ki-${String(k).padStart(5, '0')}`;
    kiosks.push(new KioskModel(packs, k, id, kioskRng.fork(id), { ...o.kiosk, slots: o.slotsPerKiosk }, o.startMs));
  }

  // Customers: persona, places, the stores near them, and when they sign up.
  const customers = new CustomerBank(o.customers);
  const cuRng = root.fork('customers');
  for (let c = 0; c < o.customers; c++) {
    const persona = drawPersona(cuRng);
    customers.persona[c] = persona;
    const hx = cuRng.normal(0, o.geo.spreadKm * 0.6);
    const hy = cuRng.normal(0, o.geo.spreadKm * 0.6);
    const wx = cuRng.normal(0, o.geo.spreadKm * 0.25);
    const wy = cuRng.normal(0, o.geo.spreadKm * 0.25);
    customers.homeLat[c] = toLat(hy);
    customers.homeLon[c] = toLon(hx);
    customers.workLat[c] = toLat(wy);
    customers.workLon[c] = toLon(wx);
    customers.homeStore[c] = grid.nearest(hx, hy);
    customers.workStore[c] = grid.nearest(wx, wy);
    customers.commuteStore[c] = grid.nearest(hx + (wx - hx) * 0.4, hy + (wy - hy) * 0.4);
    customers.drainFactor[c] = Math.exp(cuRng.normal(0, 0.3));
    const mean = (PERSONAS[persona] as (typeof PERSONAS)[number]).nudgeAccept;
    customers.nudgeAccept[c] = Math.min(0.95, Math.max(0.02, cuRng.normal(mean, 0.12)));
    customers.phoneSoc[c] = cuRng.uniform(0.5, 1);
  }
  // Nudge preferences from a stream of their own, so drawing them shifts no other draw.
  const prefsRng = root.fork('nudge-prefs');
  for (let c = 0; c < o.customers; c++) {
    const p = nudgePrefsFor(customers.persona[c] as number, prefsRng);
    customers.consent[c] = p.consent ? 1 : 0;
    customers.quietStartHour[c] = p.quietHours.startHour;
    customers.quietEndHour[c] = p.quietHours.endHour;
  }
  // Sign-up order is a random permutation, so early adopters are spread over the city.
  const order = shuffled(o.customers, cuRng);
  for (let r = 0; r < o.customers; r++) {
    customers.activeAtMs[order[r] as number] = o.startMs + signUpOffsetMs(o.scenario.demand, r, o.customers);
  }

  // Packs, in random order so lots mix: customers signed up at the start get one each, then kiosks
  // are filled (at most fillShare of slots, so returns have room), and the rest wait in the depot.
  const allocRng = root.fork('alloc');
  const packOrder = shuffled(o.packs, allocRng);
  let next = 0;
  for (let c = 0; c < o.customers && next < o.packs; c++) {
    if ((customers.activeAtMs[c] as number) > o.startMs) continue;
    const p = packOrder[next++] as number;
    customers.pack[c] = p;
    packs.holder[p] = c;
    // As a previous day would leave them: most above their swap threshold, one in ten already low.
    const swapBelow = (PERSONAS[customers.persona[c] as number] as (typeof PERSONAS)[number]).swapBelowPct / 100;
    packs.soc[p] = allocRng.chance(0.1) ? allocRng.uniform(0.05, swapBelow) : allocRng.uniform(swapBelow, 1);
  }
  const fillShare = 0.8;
  const perKiosk = Math.max(1, Math.floor(o.slotsPerKiosk * fillShare));
  for (let round = 0; round < perKiosk; round++) {
    for (let k = 0; k < kiosks.length && next < o.packs; k++) {
      const p = packOrder[next++] as number;
      const kiosk = kiosks[k] as KioskModel;
      // The run starts at midnight, so most kiosk packs have charged overnight.
      const ready = allocRng.chance(0.85);
      packs.soc[p] = ready ? allocRng.uniform(0.9, 1) : allocRng.uniform(0.1, 0.9);
      if (ready && allocRng.chance(0.5)) {
        packs.soc[p] = 1;
        packs.flags[p] = F_CHARGE_DONE;
      }
      kiosk.insert(p, o.startMs);
      packs.mode[p] = MODE_SLOT;
    }
  }
  for (const k of kiosks) {
    k.takeEvents();
    k.takeStatusDue();
    for (let s = 0; s < k.slotCount; s++) k.lastState[s] = k.slotState(s);
  }
  while (next < o.packs) {
    const p = packOrder[next++] as number;
    packs.mode[p] = MODE_DEPOT;
    packs.soc[p] = 0.6;
    packs.tempC[p] = 18;
  }
  return { packs, customers, stores, kiosks };
}

function shuffled(n: number, rng: Rng): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i + 1);
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
  return a;
}
