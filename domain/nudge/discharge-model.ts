// How fast one customer's pack runs down, by local hour of the week, learned from the stream of
// their pack's readings (each reading updates one hour bucket; history is never rescanned), shrunk
// toward the population's own hourly profile while the customer has little history. From it: the
// expected time until the pack they carry is empty.
import { HOUR_MS, HOURS_PER_WEEK, MINUTE_MS, hourOfWeekLocal } from './local-time.ts';

/** Modelling choices; see README "Nudges". */
export const DISCHARGE = {
  /** Weight (hours of observation) after which a customer's bucket counts as much as the prior. */
  priorStrengthH: 1,
  /** Observation kept per bucket, hours: beyond it older behaviour fades (an exponential window). */
  maxWeightH: 8,
  /** Discharge (% of charge) a customer must have shown before their overall level departs from the population's. */
  scaleStrengthPct: 20,
  /** A gap longer than this between two readings is not a rate (the pack was off, or the customer swapped). */
  maxGapMs: 6 * HOUR_MS,
  /** A rise of more than this is a charge, not noise. */
  chargeNoisePct: 2,
  /** Floor of an estimated rate, % per hour: no pack lasts forever. */
  minRatePctPerH: 0.05,
  /** Time to empty is not projected past this. */
  horizonH: 72,
} as const;

/**
 * The population prior before anyone has reported: about 8 % an hour while people are up
 * (07:00-23:00 local) and 0.5 % at night. A modelling choice: the population's own profile
 * replaces it as readings arrive.
 */
export function defaultPriorPctPerH(hourOfWeek: number): number {
  const h = hourOfWeek % 24;
  return h >= 7 && h < 23 ? 8 : 0.5;
}

/** The population's hourly discharge profile, learned from every customer's readings. */
export class DischargePrior {
  readonly sum = new Float64Array(HOURS_PER_WEEK);
  readonly weightH = new Float64Array(HOURS_PER_WEEK);
  /** Weight of the default profile, hours per bucket. */
  static readonly DEFAULT_WEIGHT_H = 10;
  /** Beyond this many hours per bucket the population halves its weight: recent weeks count most. */
  static readonly MAX_WEIGHT_H = 100_000;

  ratePctPerH(h: number): number {
    const w = this.weightH[h] as number;
    return ((this.sum[h] as number) + DischargePrior.DEFAULT_WEIGHT_H * defaultPriorPctPerH(h)) / (w + DischargePrior.DEFAULT_WEIGHT_H);
  }

  observe(h: number, ratePctPerH: number, weightH: number): void {
    this.sum[h] = (this.sum[h] as number) + ratePctPerH * weightH;
    this.weightH[h] = (this.weightH[h] as number) + weightH;
    if ((this.weightH[h] as number) > DischargePrior.MAX_WEIGHT_H) {
      this.sum[h] = (this.sum[h] as number) / 2;
      this.weightH[h] = (this.weightH[h] as number) / 2;
    }
  }
}

/** One customer's learned discharge, plus the last reading it was updated from. */
export interface DischargeState {
  /** % of a full charge per hour, by local hour of the week (Monday 00:00 = 0). */
  readonly ratePctPerH: Float32Array;
  /** Hours of observation behind each bucket, capped at DISCHARGE.maxWeightH. */
  readonly weightH: Float32Array;
  lastPackId: string | null;
  lastSocPct: number;
  lastAtMs: number;
}

export function newDischargeState(): DischargeState {
  return { ratePctPerH: new Float32Array(HOURS_PER_WEEK), weightH: new Float32Array(HOURS_PER_WEEK), lastPackId: null, lastSocPct: 0, lastAtMs: 0 };
}

export type ObserveResult = 'first' | 'discharge' | 'charged' | 'gap' | 'stale';

/**
 * Folds one reading of the pack the customer carries into their model. The drop since the previous
 * reading of the same pack, over the time between them, is a rate for the local hour of the
 * midpoint. offsetMs is the customer's zone offset at the reading.
 */
export function observeReading(s: DischargeState, prior: DischargePrior, packId: string, socPct: number, atMs: number, offsetMs: number): ObserveResult {
  if (s.lastPackId === packId && !(atMs > s.lastAtMs)) return 'stale';
  const samePack = s.lastPackId === packId;
  const prevSoc = s.lastSocPct;
  const dtMs = atMs - s.lastAtMs;
  s.lastPackId = packId;
  s.lastSocPct = socPct;
  s.lastAtMs = atMs;
  if (!samePack) return 'first';
  if (dtMs > DISCHARGE.maxGapMs) return 'gap';
  const drop = prevSoc - socPct;
  if (drop < -DISCHARGE.chargeNoisePct) return 'charged';
  const dtH = dtMs / HOUR_MS;
  const rate = Math.max(0, drop) / dtH;
  const h = hourOfWeekLocal(atMs - dtMs / 2 + offsetMs);
  const w = s.weightH[h] as number;
  // An exponentially weighted mean: the new rate counts in proportion to the time it covers.
  s.ratePctPerH[h] = (s.ratePctPerH[h] as number) + (dtH / (w + dtH)) * (rate - (s.ratePctPerH[h] as number));
  s.weightH[h] = Math.min(DISCHARGE.maxWeightH, w + dtH);
  prior.observe(h, rate, dtH);
  return 'discharge';
}

/** The customer's overall level against the population's, shrunk toward 1 until they have shown some discharge. */
export function customerScale(s: DischargeState, prior: DischargePrior): number {
  let own = 0;
  let expected = 0;
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    const w = s.weightH[h] as number;
    if (w === 0) continue;
    own += w * (s.ratePctPerH[h] as number);
    expected += w * prior.ratePctPerH(h);
  }
  const k = DISCHARGE.scaleStrengthPct;
  return Math.min(5, Math.max(0.2, (own + k) / (expected + k)));
}

/** Expected discharge in bucket h, % per hour: the customer's own, shrunk toward their scaled population prior. */
export function expectedRatePctPerH(s: DischargeState, prior: DischargePrior, h: number, scale: number): number {
  const w = s.weightH[h] as number;
  const k = DISCHARGE.priorStrengthH;
  return Math.max(DISCHARGE.minRatePctPerH, (w * (s.ratePctPerH[h] as number) + k * scale * prior.ratePctPerH(h)) / (w + k));
}

/**
 * Minutes until a pack at socPct (measured at atMs) is empty, walking the customer's expected hourly
 * rates forward from atMs; Infinity beyond the horizon. The zone offset of atMs is used for the
 * whole walk: a DST change inside the horizon shifts the estimate by at most an hour.
 */
export function timeToEmptyMin(s: DischargeState, prior: DischargePrior, socPct: number, atMs: number, offsetMs: number, scale = customerScale(s, prior), horizonMin = DISCHARGE.horizonH * 60): number {
  if (!(socPct > 0)) return 0;
  let soc = socPct;
  let local = atMs + offsetMs;
  // A caller that only asks "within the next N minutes?" walks no further than that.
  const end = local + Math.min(DISCHARGE.horizonH * 60, horizonMin) * MINUTE_MS;
  while (local < end) {
    const nextHour = (Math.floor(local / HOUR_MS) + 1) * HOUR_MS;
    const dtH = (nextHour - local) / HOUR_MS;
    const rate = expectedRatePctPerH(s, prior, hourOfWeekLocal(local), scale);
    if (rate * dtH >= soc) return (local - offsetMs - atMs + (soc / rate) * HOUR_MS) / MINUTE_MS;
    soc -= rate * dtH;
    local = nextHour;
  }
  return Infinity;
}
