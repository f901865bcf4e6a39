// Rare pack faults, drawn per lot rather than per pack so a fleet of 100k costs a few draws a step:
// overheating episodes (an internal short that heats the cell; a recall lot has a high rate) and swelling.
import { PackFaultBit } from '../proto/codec.ts';
import { F_OVERHEATING, MODE_DEPOT } from './battery-model.ts';
import type { PackBank } from './pack-bank.ts';
import type { Rng } from './rng.ts';

export interface FaultRates {
  /** An overheating episode lasts uniformly between these, ms. */
  overheatMinMs: number;
  overheatMaxMs: number;
  /** Chance that an overheating episode leaves the pack swollen. */
  swellAfterOverheat: number;
  /** Idle packs (no current) are this much less likely to start an episode than working ones. */
  idleHazardShare: number;
  /** Swelling hazard per pack-hour for worn packs (SoH below wornBelowSoh). */
  wornSwellPerHour: number;
  wornBelowSoh: number;
}

export const DEFAULT_FAULT_RATES: FaultRates = {
  overheatMinMs: 10 * 60_000,
  overheatMaxMs: 40 * 60_000,
  swellAfterOverheat: 0.25,
  idleHazardShare: 0.25,
  wornSwellPerHour: 2e-5,
  wornBelowSoh: 0.75,
};

export interface FaultTally {
  overheatEpisodes: number;
  swellings: number;
}

/**
 * Starts the overheating episodes and swellings due in a step of dtMs ending at nowMs. Events per lot
 * are Poisson with mean lotSize x hazard x hours; each lands on a random pack of the lot and is kept
 * with probability 1 for a pack under current, idleHazardShare otherwise (thinning).
 */
export function injectFaults(b: PackBank, nowMs: number, dtMs: number, rng: Rng, rates: FaultRates = DEFAULT_FAULT_RATES): FaultTally {
  const dtH = dtMs / 3_600_000;
  const tally: FaultTally = { overheatEpisodes: 0, swellings: 0 };
  for (let lot = 0; lot < b.lotCount; lot++) {
    const first = lot * b.lotSize;
    const count = Math.min(b.lotSize, b.size - first);
    const n = rng.poisson(count * (b.lotOverheatPerHour[lot] as number) * dtH);
    for (let k = 0; k < n; k++) {
      const i = first + rng.int(0, count);
      if (b.mode[i] === MODE_DEPOT || (b.overheatUntilMs[i] as number) > nowMs) continue;
      const working = (b.currentMa[i] as number) !== 0;
      if (!working && !rng.chance(rates.idleHazardShare)) continue;
      b.overheatUntilMs[i] = nowMs + rng.uniform(rates.overheatMinMs, rates.overheatMaxMs);
      b.flags[i] = (b.flags[i] as number) | F_OVERHEATING;
      b.markActive(i);
      tally.overheatEpisodes++;
      if (rng.chance(rates.swellAfterOverheat) && ((b.faultFlags[i] as number) & PackFaultBit.PACK_FAULT_SWELLING) === 0) {
        b.faultFlags[i] = (b.faultFlags[i] as number) | PackFaultBit.PACK_FAULT_SWELLING;
        tally.swellings++;
      }
    }
  }
  // Worn packs swell now and then: draw over the whole fleet, keep only hits on worn packs.
  const worn = rng.poisson(b.size * rates.wornSwellPerHour * dtH);
  for (let k = 0; k < worn; k++) {
    const i = rng.int(0, b.size);
    if ((b.soh[i] as number) >= rates.wornBelowSoh || ((b.faultFlags[i] as number) & PackFaultBit.PACK_FAULT_SWELLING) !== 0) continue;
    b.faultFlags[i] = (b.faultFlags[i] as number) | PackFaultBit.PACK_FAULT_SWELLING;
    b.markActive(i);
    tally.swellings++;
  }
  return tally;
}
