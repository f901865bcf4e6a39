// Whether to nudge one customer now, where to send them, and why not: pure, every outcome with
// reason codes. A nudge is due when the pack's expected time to empty, minus this customer's
// best lead time, is at or before now. Then the rules: consent, one nudge per low-battery episode,
// a cap per rolling 24 h, quiet hours in the customer's zone (deferred, not dropped), a store they
// can reach with a charged pack, and the holdout group, which is logged but never sent.
import { hash32 } from './seeded-random.ts';
import { isQuietAt, quietEndsAtMs, type QuietHours } from './local-time.ts';

/** Why a due nudge was not sent, in the order the rules are checked. */
export const SUPPRESS_REASONS = ['NO_CONSENT', 'ALREADY_NUDGED_THIS_EPISODE', 'CAP_REACHED', 'QUIET_HOURS', 'NO_STOCK_REACHABLE', 'HOLDOUT'] as const;
export type SuppressReason = (typeof SUPPRESS_REASONS)[number];

/** Why a nudge fired, and what it offers. */
export const FIRE_REASONS = ['TIME_TO_EMPTY_WITHIN_LEAD', 'SOC_BELOW_BLANKET_THRESHOLD', 'USUAL_STORE', 'NEAREST_STORE_WITH_STOCK', 'NEAREST_STORE', 'HOLD_PLACED', 'DEFERRED_FROM_QUIET_HOURS'] as const;
export type FireReason = (typeof FIRE_REASONS)[number];

export interface NudgePolicyConfig {
  /** Nudges per customer in any rolling 24 h (CF_NUDGE_MAX_PER_24H). */
  maxPer24h: number;
  /** A store further than this from the pack's last location is out of reach, m. */
  maxDistanceM: number;
}

/** A store the customer could be sent to, as the caller found it at the moment of deciding. */
export interface StoreOption {
  storeId: string;
  storeName: string;
  /** The kiosk with the most packs ready for this customer. */
  kioskId: string;
  /** From the pack's last reported location; null when it reported none. */
  distanceM: number | null;
  /** Packs ready for this customer there (charged, healthy, not held for someone else). */
  chargedPacks: number;
  /** 0 for the customer's most used store, 1 for the next...; null when not one of theirs. */
  usualRank: number | null;
}

export interface NudgeInput {
  nowMs: number;
  customerId: string;
  consent: boolean;
  timeZone: string;
  quietHours: QuietHours | undefined;
  inHoldout: boolean;
  /** A nudge (or the holdout's would-be nudge) already went out for this episode. */
  nudgedThisEpisode: boolean;
  /** Nudges (sent, or logged HOLDOUT) in (now - 24 h, now]. */
  sentInLast24h: number;
  timeToEmptyMin: number;
  leadMin: number;
  socPct: number;
  /** The SoC this customer usually swaps at (their own, shrunk toward the population's). */
  usualSwapSocPct: number;
  /** Candidate stores; only read when the nudge is due. */
  stores: readonly StoreOption[];
}

export type NudgeVerdict =
  | { kind: 'not_due' }
  | { kind: 'send'; store: StoreOption; reasons: FireReason[] }
  | {
      kind: 'suppress';
      /** The first failing rule. */
      reason: SuppressReason;
      /** Every failing rule, in check order. */
      reasons: SuppressReason[];
      /** QUIET_HOURS: when the window ends and the nudge is looked at again. */
      deferUntilMs: number | null;
      /** The store it would have named (HOLDOUT and QUIET_HOURS), when there is one. */
      store: StoreOption | null;
    };

/** A pack this far above the SoC a customer usually swaps at is not low to them yet. */
export const LOW_MARGIN_PCT = 5;

/**
 * Due: the expected empty, minus the lead, is at or before now, and the pack is low by the
 * customer's own standard (near or below the SoC they usually swap at). A phone drawing hard on a
 * full pack empties it fast, but nobody acts on "your pack is low" at 90 %.
 */
export function isDue(timeToEmptyMin: number, leadMin: number, socPct = 0, usualSwapSocPct = 100): boolean {
  return timeToEmptyMin - leadMin <= 0 && socPct <= usualSwapSocPct + LOW_MARGIN_PCT;
}

/**
 * At the moment of sending, after trying to hold a pack: with holds on, a personal nudge goes only
 * with a pack held for the customer (a count of ready packs is no promise at evening rush: in the
 * simulator, nudges sent on "3 ready" without a hold still met empty kiosks). With holds off, one
 * charged pack at the moment of sending is the rule.
 */
export function stockStillThere(heldForCustomer: boolean, chargedPacks: number, holdsEnabled: boolean): boolean {
  return chargedPacks > 0 && (heldForCustomer || !holdsEnabled);
}

/**
 * The store to suggest: a usual store with stock first (most used first), then the nearest with
 * stock. Both must be in reach of where the pack is now (a usual store counts when the pack reports
 * no location: the customer knows the way).
 */
export function chooseStore(stores: readonly StoreOption[], maxDistanceM: number): { store: StoreOption; why: 'USUAL_STORE' | 'NEAREST_STORE_WITH_STOCK' } | null {
  let usual: StoreOption | null = null;
  let near: StoreOption | null = null;
  for (const s of stores) {
    if (!(s.chargedPacks > 0)) continue;
    if (s.usualRank !== null && (s.distanceM === null || s.distanceM <= maxDistanceM)) {
      if (usual === null || s.usualRank < (usual.usualRank as number)) usual = s;
    } else if (s.usualRank === null && s.distanceM !== null && s.distanceM <= maxDistanceM) {
      if (near === null || s.distanceM < (near.distanceM as number) || (s.distanceM === near.distanceM && s.storeId < near.storeId)) near = s;
    }
  }
  if (usual) return { store: usual, why: 'USUAL_STORE' };
  if (near) return { store: near, why: 'NEAREST_STORE_WITH_STOCK' };
  return null;
}

/** Decides for one due-or-not customer. Holdout is checked last, so it logs exactly what would have been sent. */
export function decideNudge(i: NudgeInput, cfg: NudgePolicyConfig): NudgeVerdict {
  if (!isDue(i.timeToEmptyMin, i.leadMin, i.socPct, i.usualSwapSocPct)) return { kind: 'not_due' };
  const reasons: SuppressReason[] = [];
  if (!i.consent) reasons.push('NO_CONSENT');
  if (i.nudgedThisEpisode) reasons.push('ALREADY_NUDGED_THIS_EPISODE');
  if (i.sentInLast24h >= cfg.maxPer24h) reasons.push('CAP_REACHED');
  const quiet = isQuietAt(i.quietHours, i.timeZone, i.nowMs);
  if (quiet) reasons.push('QUIET_HOURS');
  const chosen = chooseStore(i.stores, cfg.maxDistanceM);
  if (!chosen) reasons.push('NO_STOCK_REACHABLE');
  if (i.inHoldout) reasons.push('HOLDOUT');
  if (reasons.length === 0 && chosen) return { kind: 'send', store: chosen.store, reasons: ['TIME_TO_EMPTY_WITHIN_LEAD', chosen.why] };
  const reason = reasons[0] as SuppressReason;
  return { kind: 'suppress', reason, reasons, deferUntilMs: reason === 'QUIET_HOURS' ? quietEndsAtMs(i.quietHours, i.timeZone, i.nowMs) : null, store: chosen?.store ?? null };
}

/**
 * The holdout: a stable CF_NUDGE_HOLDOUT_PCT percent of customers, by a hash of the id alone, so a
 * customer stays in or out across restarts, nodes and versions.
 */
export function inHoldout(customerId: string, holdoutPct: number): boolean {
  if (!(holdoutPct > 0)) return false;
  return hash32(`nudge-holdout:${customerId}`) % 10_000 < Math.round(holdoutPct * 100);
}

/** The blanket campaign's threshold: every pack that crosses it gets a message at once. */
export const BLANKET_THRESHOLD_PCT = 20;

/** The "scattergun" baseline: due when the pack crosses the threshold, whatever its time to empty, stock, hour or cap. */
export function blanketDue(previousSocPct: number | null, socPct: number, thresholdPct = BLANKET_THRESHOLD_PCT): boolean {
  return previousSocPct !== null && previousSocPct >= thresholdPct && socPct < thresholdPct;
}

/** The blanket campaign names a store without looking at stock: a usual one, else the nearest. */
export function blanketStore(stores: readonly StoreOption[]): StoreOption | null {
  let best: StoreOption | null = null;
  for (const s of stores) {
    if (best === null) best = s;
    else if (s.usualRank !== null && (best.usualRank === null || s.usualRank < best.usualRank)) best = s;
    else if (s.usualRank === null && best.usualRank === null && s.distanceM !== null && (best.distanceM === null || s.distanceM < best.distanceM)) best = s;
  }
  return best;
}

/** The short text of a nudge, for the app and the gateway. */
export function nudgeText(n: { socPct: number; timeToEmptyMin: number; storeName: string; distanceM: number | null; chargedPacks: number; holdUntilLocal: string | null }): string {
  const soc = Math.max(0, Math.round(n.socPct));
  const when = Number.isFinite(n.timeToEmptyMin) ? ` and should last about ${formatDuration(n.timeToEmptyMin)}` : '';
  const where = n.distanceM !== null ? `${n.storeName} (${formatDistance(n.distanceM)} away)` : n.storeName;
  const stock = n.chargedPacks > 0 ? ` has ${n.chargedPacks} charged pack${n.chargedPacks === 1 ? '' : 's'}` : ' swaps packs';
  const hold = n.holdUntilLocal ? `; one is held for you until ${n.holdUntilLocal}` : '';
  return `Your pack is at ${soc}%${when}. ${where}${stock}${hold}.`;
}

function formatDuration(min: number): string {
  if (min < 60) return `${Math.max(1, Math.round(min))} min`;
  const h = Math.floor(min / 60);
  const m = Math.round(min - h * 60);
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

function formatDistance(m: number): string {
  return m < 1000 ? `${Math.round(m / 10) * 10} m` : `${(m / 1000).toFixed(1)} km`;
}

/** Great-circle distance in metres (haversine); good to a few metres at city scale. */
export function distanceM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(a)));
}
