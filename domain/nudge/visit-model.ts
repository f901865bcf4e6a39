// Where and when one customer swaps, learned from their swaps as they happen: their usual stores
// (a decayed count per store, a few kept), the local hours of the week they swap in, and the state
// of charge they usually swap at.
import { HOURS_PER_WEEK } from './local-time.ts';

export const VISITS = {
  /** Stores remembered per customer. */
  maxStores: 5,
  /** Each swap multiplies every store's weight by this before adding 1 to the store used. */
  decay: 0.85,
  /** A store is "usual" from this weight: about one swap there among the last few. */
  usualWeight: 0.7,
  /** Population swaps per hour bucket that count as much as one of the customer's own. */
  priorStrength: 2,
  /** Before anyone swapped: people hand packs in at about a third full (a modelling choice). */
  defaultSwapSocPct: 35,
  /** Swaps of their own before a customer's swap SoC counts as much as the population's. */
  swapSocStrength: 3,
} as const;

export interface StoreVisits {
  storeId: string;
  /** Decayed count of swaps there. */
  weight: number;
  swaps: number;
  lastAtMs: number;
}

export interface VisitState {
  /** Swaps by local hour of the week (Monday 00:00 = 0), saturating. */
  readonly swapsByHour: Uint16Array;
  stores: StoreVisits[];
  swaps: number;
  /** Mean SoC of the packs they handed in, % (NaN until one is known). */
  swapSocPct: number;
  swapSocCount: number;
}

export function newVisitState(): VisitState {
  return { swapsByHour: new Uint16Array(HOURS_PER_WEEK), stores: [], swaps: 0, swapSocPct: Number.NaN, swapSocCount: 0 };
}

/** The population's swaps by hour of the week and the SoC it swaps at: the prior for a customer with few swaps. */
export class VisitPrior {
  readonly swapsByHour = new Float64Array(HOURS_PER_WEEK);
  total = 0;
  /** Mean SoC of packs handed in, % (an exponentially weighted mean over the last few thousand swaps). */
  swapSocPct: number = VISITS.defaultSwapSocPct;
  observe(h: number, returnedSocPct: number | null = null): void {
    this.swapsByHour[h] = (this.swapsByHour[h] as number) + 1;
    this.total++;
    if (returnedSocPct !== null && Number.isFinite(returnedSocPct)) this.swapSocPct += (returnedSocPct - this.swapSocPct) / Math.min(this.total, 2000);
  }
  share(h: number): number {
    return ((this.swapsByHour[h] as number) + 1) / (this.total + HOURS_PER_WEEK);
  }
}

/** Folds one swap (or first issue) at storeId into the customer's visits. returnedSocPct is null for a first issue. */
export function observeSwap(s: VisitState, prior: VisitPrior, storeId: string, atMs: number, hourOfWeek: number, returnedSocPct: number | null): void {
  s.swaps++;
  s.swapsByHour[hourOfWeek] = Math.min(65_535, (s.swapsByHour[hourOfWeek] as number) + 1);
  prior.observe(hourOfWeek, returnedSocPct);
  let found = false;
  for (const v of s.stores) {
    v.weight *= VISITS.decay;
    if (v.storeId === storeId) {
      v.weight += 1;
      v.swaps++;
      v.lastAtMs = atMs;
      found = true;
    }
  }
  if (!found) s.stores.push({ storeId, weight: 1, swaps: 1, lastAtMs: atMs });
  s.stores.sort((a, b) => b.weight - a.weight || b.lastAtMs - a.lastAtMs);
  if (s.stores.length > VISITS.maxStores) s.stores.length = VISITS.maxStores;
  if (returnedSocPct !== null && Number.isFinite(returnedSocPct)) {
    s.swapSocCount++;
    s.swapSocPct = s.swapSocCount === 1 ? returnedSocPct : s.swapSocPct + (returnedSocPct - s.swapSocPct) / Math.min(s.swapSocCount, 20);
  }
}

/** The SoC this customer usually swaps at, %: their own mean shrunk toward the population's while they have few swaps. */
export function usualSwapSocPct(s: VisitState, prior: VisitPrior): number {
  const n = s.swapSocCount;
  const k = VISITS.swapSocStrength;
  return n === 0 ? prior.swapSocPct : (n * s.swapSocPct + k * prior.swapSocPct) / (n + k);
}

/** The customer's usual stores, most used first. */
export function usualStores(s: VisitState): string[] {
  const out: string[] = [];
  for (const v of s.stores) if (v.weight >= VISITS.usualWeight) out.push(v.storeId);
  return out;
}

/** Share of this customer's swaps that fall in hour bucket h, shrunk toward the population's share. */
export function swapShareAt(s: VisitState, prior: VisitPrior, h: number): number {
  const k = VISITS.priorStrength;
  return ((s.swapsByHour[h] as number) + k * prior.share(h)) / (s.swaps + k);
}
