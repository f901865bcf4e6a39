// Customer personas and their daily routines: where each persona is through the day (home, work,
// commute, errands) and which stores they pass, with per-customer jitter drawn from a seeded Rng.
import type { Rng } from './rng.ts';

export type PersonaName = 'light' | 'heavy' | 'commuter';

export interface Persona {
  name: PersonaName;
  /** Share of customers in the default mix. */
  share: number;
  /** Phone battery drain while awake and away from home, % per hour. */
  phoneDrainPctPerH: number;
  /** Drain while commuting (streaming, navigation), % per hour. */
  commuteDrainPctPerH: number;
  /** Plugs the phone into the pack when the phone falls below this, %. */
  plugBelowPct: number;
  /** Unplugs when the phone reaches this, %. */
  unplugAbovePct: number;
  /** Swaps when passing a store with the pack below this SoC, %. */
  swapBelowPct: number;
  /** Current the phone draws from the pack's 5 V output, mA. */
  outputMa: number;
  /** Wakes and goes to sleep at these minutes of the day; the phone charges on the wall overnight. */
  wakeMin: number;
  sleepMin: number;
  /** Mean probability of acting on a low-battery nudge (used by the nudge issue). */
  nudgeAccept: number;
}

/** Persona numbers are illustrative, chosen so the three differ clearly (see README). */
export const PERSONAS: readonly Persona[] = [
  {
    name: 'light',
    share: 0.4,
    phoneDrainPctPerH: 3,
    commuteDrainPctPerH: 4,
    plugBelowPct: 20,
    unplugAbovePct: 70,
    swapBelowPct: 25,
    outputMa: 1500,
    wakeMin: 7 * 60 + 30,
    sleepMin: 22 * 60 + 30,
    nudgeAccept: 0.25,
  },
  {
    name: 'heavy',
    share: 0.25,
    phoneDrainPctPerH: 7,
    commuteDrainPctPerH: 10,
    plugBelowPct: 35,
    unplugAbovePct: 90,
    swapBelowPct: 50,
    outputMa: 2400,
    wakeMin: 7 * 60,
    sleepMin: 23 * 60 + 59,
    nudgeAccept: 0.55,
  },
  {
    name: 'commuter',
    share: 0.35,
    phoneDrainPctPerH: 4.5,
    commuteDrainPctPerH: 9,
    plugBelowPct: 30,
    unplugAbovePct: 85,
    swapBelowPct: 40,
    outputMa: 2000,
    wakeMin: 6 * 60 + 15,
    sleepMin: 23 * 60,
    nudgeAccept: 0.45,
  },
];

/** Where a customer is. Store kinds are passes: a chance to swap or pick up. */
export const PLACE_HOME = 0;
export const PLACE_WORK = 1;
export const PLACE_COMMUTE = 2;
/** Out on errands in the home neighbourhood. */
export const PLACE_OUT = 3;
export const PLACE_STORE_HOME = 4;
export const PLACE_STORE_WORK = 5;
/** The store at the transit hub between home and work (also "town" at weekends). */
export const PLACE_STORE_COMMUTE = 6;

export function isStorePlace(kind: number): boolean {
  return kind >= PLACE_STORE_HOME;
}

/** Entries a routine day can hold per customer. */
export const MAX_ENTRIES = 20;

/** Appends (minute, place) entries for one customer's day into the flat arrays; returns the count. */
export function buildDay(persona: number, weekend: boolean, rng: Rng, minOut: Int16Array, kindOut: Uint8Array, base: number): number {
  let n = 0;
  const add = (min: number, kind: number): void => {
    if (n >= MAX_ENTRIES) return;
    const m = Math.max(0, Math.min(1439, Math.round(min)));
    // Keep the day in time order even when jitter pushes an entry before the previous one.
    const prev = n > 0 ? (minOut[base + n - 1] as number) : 0;
    minOut[base + n] = Math.max(m, prev);
    kindOut[base + n] = kind;
    n++;
  };
  const j = (sd: number): number => rng.normal(0, sd);
  add(0, PLACE_HOME);
  const name = PERSONAS[persona]?.name ?? 'light';
  if (weekend) {
    const a = 11 * 60 + j(60);
    add(a, PLACE_STORE_HOME);
    add(a + 10, PLACE_OUT);
    add(a + 120 + j(30), PLACE_HOME);
    if (rng.chance(name === 'light' ? 0.4 : 0.7)) {
      const t = 15 * 60 + 30 + j(90);
      add(t, PLACE_COMMUTE);
      add(t + 25, PLACE_STORE_COMMUTE);
      add(t + 35, PLACE_OUT);
      add(t + 180 + j(40), PLACE_STORE_HOME);
      add(t + 190 + j(5), PLACE_HOME);
    }
    return n;
  }
  if (name === 'light') {
    const a = 10 * 60 + j(50);
    add(a, PLACE_STORE_HOME);
    add(a + 10, PLACE_OUT);
    add(a + 150 + j(30), PLACE_HOME);
    if (rng.chance(0.6)) {
      const t = 15 * 60 + 30 + j(60);
      add(t, PLACE_OUT);
      add(t + 60 + j(15), PLACE_STORE_HOME);
      add(t + 150 + j(30), PLACE_HOME);
    }
    return n;
  }
  const commuter = name === 'commuter';
  const leave = (commuter ? 7 * 60 : 8 * 60 + 15) + j(25);
  const legMin = commuter ? 75 : 35;
  if (commuter) add(leave - 5, PLACE_STORE_HOME);
  add(leave, PLACE_COMMUTE);
  add(leave + legMin * 0.5, PLACE_STORE_COMMUTE);
  add(leave + legMin * 0.5 + 5, PLACE_COMMUTE);
  add(leave + legMin, PLACE_STORE_WORK);
  add(leave + legMin + 8, PLACE_WORK);
  if (rng.chance(commuter ? 0.3 : 0.6)) {
    const l = 12 * 60 + 40 + j(25);
    add(l, PLACE_STORE_WORK);
    add(l + 30, PLACE_WORK);
  }
  const back = (commuter ? 17 * 60 + 30 : 18 * 60) + j(35);
  add(back, PLACE_STORE_WORK);
  add(back + 5, PLACE_COMMUTE);
  add(back + legMin * 0.5, PLACE_STORE_COMMUTE);
  add(back + legMin * 0.5 + 5, PLACE_COMMUTE);
  add(back + legMin, PLACE_STORE_HOME);
  add(back + legMin + 8, PLACE_HOME);
  if (name === 'heavy' && rng.chance(0.3)) {
    const t = 20 * 60 + 15 + j(40);
    add(t, PLACE_COMMUTE);
    add(t + 20, PLACE_STORE_COMMUTE);
    add(t + 25, PLACE_OUT);
    add(t + 150, PLACE_HOME);
  }
  return n;
}

/** Picks a persona index by the given shares (default: the PERSONAS mix). */
export function drawPersona(rng: Rng, shares: readonly number[] = PERSONAS.map((p) => p.share)): number {
  const total = shares.reduce((a, b) => a + b, 0);
  let u = rng.next() * total;
  for (let k = 0; k < shares.length; k++) {
    u -= shares[k] as number;
    if (u < 0) return k;
  }
  return shares.length - 1;
}
