// Which packs should leave service, and why: a recalled lot, an unsafe flag (hot or swelling),
// repeated faults, SoH below the floor, or a health score below a threshold. The score combines
// wear (cycles against the rated 500), temperature excursions, and charge-time drift:
//
//   score = 100 × (1 − 0.50·min(1, cycles / 500) − 0.25·min(1, excursions / 10) − 0.25·min(1, |drift| / 0.30))
//
// An excursion is a reading at or above 45 °C (the top of the charge range) starting a new hot
// episode; drift is observed / expected constant-current charge time − 1, smoothed over charges.
// A new pack scores 100; a pack at 500 cycles 50; add ten excursions and it is at 25.
import type { WithdrawReason } from '../fleet-model.ts';
import { chargeClockH } from './charge-time.ts';

export interface HealthPolicy {
  sohFloorPct: number;
  /** Withdraw below this score (CF_HEALTH_SCORE_MIN). */
  scoreMin: number;
  /** Withdraw at this many fault episodes within faultWindowDays. */
  faultsToWithdraw: number;
  faultWindowDays: number;
  ratedCycles: number;
  excursionTempC: number;
}

export const DEFAULT_HEALTH_POLICY: HealthPolicy = { sohFloorPct: 80, scoreMin: 40, faultsToWithdraw: 3, faultWindowDays: 30, ratedCycles: 500, excursionTempC: 45 };

/** What the server has learnt about one pack's health from its readings. */
export interface PackHealthRecord {
  packId: string;
  /** Start times of fault episodes (a fault flag rising from none), newest last, within the window. */
  faultEpisodesMs: number[];
  /** Hot episodes (a reading at or above the excursion temperature after one below it). */
  tempExcursions: number;
  /** Smoothed constant-current charge-time drift, or null before the first measured charge. */
  chargeTimeDrift: number | null;
  charges: number;
  /** Internal: the pack is in a hot episode / a fault episode now. */
  hot: boolean;
  faulted: boolean;
  /** Internal: where the current constant-current charge started. */
  chargeFrom: { socPct: number; atMs: number } | null;
}

export interface HealthInput {
  lot: string;
  flag: 'recalled' | 'unsafe' | null;
  sohPct: number | null;
  cycles: number | null;
  record: PackHealthRecord | undefined;
}

export interface HealthScore {
  score: number;
  wear: number;
  heat: number;
  drift: number;
}

export function healthScore(cycles: number | null, record: PackHealthRecord | undefined, policy: HealthPolicy = DEFAULT_HEALTH_POLICY): HealthScore {
  const wear = Math.min(1, Math.max(0, (cycles ?? 0) / policy.ratedCycles));
  const heat = Math.min(1, (record?.tempExcursions ?? 0) / 10);
  const drift = Math.min(1, Math.abs(record?.chargeTimeDrift ?? 0) / 0.3);
  const score = Math.round(Math.max(0, Math.min(100, 100 * (1 - 0.5 * wear - 0.25 * heat - 0.25 * drift))));
  return { score, wear: round3(wear), heat: round3(heat), drift: round3(drift) };
}

/** Why the pack should leave service, the most serious reason first; null when it may stay. */
export function withdrawReason(p: HealthInput, recalledLots: ReadonlySet<string>, nowMs: number, policy: HealthPolicy = DEFAULT_HEALTH_POLICY): WithdrawReason | null {
  if (recalledLots.has(p.lot) || p.flag === 'recalled') return 'recalled';
  if (p.flag === 'unsafe') return 'unsafe';
  const since = nowMs - policy.faultWindowDays * 86_400_000;
  if ((p.record?.faultEpisodesMs.filter((t) => t >= since).length ?? 0) >= policy.faultsToWithdraw) return 'faulty';
  if (p.sohPct !== null && p.sohPct < policy.sohFloorPct) return 'worn';
  if (healthScore(p.cycles, p.record, policy).score < policy.scoreMin) return 'retired';
  return null;
}

export function newHealthRecord(packId: string): PackHealthRecord {
  return { packId, faultEpisodesMs: [], tempExcursions: 0, chargeTimeDrift: null, charges: 0, hot: false, faulted: false, chargeFrom: null };
}

/** Learns from one pack reading (its own telemetry): fault episodes and hot episodes. Returns whether anything changed. */
export function observePackReading(r: PackHealthRecord, faultFlags: number, tempC: number, atMs: number, policy: HealthPolicy = DEFAULT_HEALTH_POLICY): boolean {
  let changed = false;
  const faulted = faultFlags !== 0;
  if (faulted && !r.faulted) {
    r.faultEpisodesMs.push(atMs);
    const since = atMs - policy.faultWindowDays * 86_400_000;
    while (r.faultEpisodesMs.length > 0 && r.faultEpisodesMs[0]! < since) r.faultEpisodesMs.shift();
    // Bounded whatever a device claims: more than this is withdrawn long before.
    if (r.faultEpisodesMs.length > 32) r.faultEpisodesMs.splice(0, r.faultEpisodesMs.length - 32);
    changed = true;
  }
  if (faulted !== r.faulted) r.faulted = faulted;
  const hot = tempC >= policy.excursionTempC;
  if (hot && !r.hot) {
    r.tempExcursions = Math.min(1_000_000, r.tempExcursions + 1);
    changed = true;
  }
  r.hot = hot;
  return changed;
}

/**
 * Learns from a slot reading of a charging pack: the time from a constant-current start (below 70 %)
 * to the 80 % knee against the curve's, scaled by health. Returns whether the drift changed.
 */
export function observeCharging(r: PackHealthRecord, socPct: number, chargeCurrentMa: number, sohPct: number | null, atMs: number): boolean {
  if (!(chargeCurrentMa > 0)) {
    r.chargeFrom = null;
    return false;
  }
  if (r.chargeFrom === null || socPct < r.chargeFrom.socPct) {
    r.chargeFrom = socPct < 70 ? { socPct, atMs } : null;
    return false;
  }
  if (socPct < 80) return false;
  const from = r.chargeFrom;
  r.chargeFrom = null;
  const soh = sohPct === null ? 1 : Math.min(1, Math.max(0.3, sohPct / 100));
  const expectedMs = (chargeClockH(socPct) - chargeClockH(from.socPct)) * soh * 3_600_000;
  const observedMs = atMs - from.atMs;
  // Reports every few minutes: a span under 15 minutes says too little.
  if (expectedMs < 15 * 60_000 || observedMs <= 0) return false;
  const d = observedMs / expectedMs - 1;
  r.chargeTimeDrift = r.chargeTimeDrift === null ? d : 0.7 * r.chargeTimeDrift + 0.3 * d;
  r.charges++;
  return true;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
