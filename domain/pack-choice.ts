// Which packs in a kiosk may be released now, and which one to release: a held pack for this
// customer first, then the fullest, then the fewest cycles, then the lowest slot index.
import { SlotState } from '../proto/codec.ts';
import type { Hold, SlotView } from './fleet-model.ts';

export interface PackChoicePolicy {
  /** A pack is charged at or above this state of charge, %. Default 90. */
  chargedThresholdPct: number;
  /** A pack is healthy at or above this state of health, %. Default 80. */
  sohFloorPct: number;
  /** A pack at or above this temperature stays in its slot, °C. Default 50. */
  maxReleaseTempC: number;
  /**
   * SoC values within the same band count as equal, so the cycle rule can apply. Slot readings are
   * float32 with sensor noise: compared exactly, 97.2 % would beat 97.6 %'s twin by accident and
   * the fewest-cycles rule would almost never fire. Default 1 (whole percent); 0 compares exactly.
   */
  socTieBandPct: number;
}

/** What pack choice needs besides the slots. Everything is passed in: no clock, no lookups. */
export interface PackChoiceContext {
  /** Unix epoch ms; holds lapse against it. */
  nowMs: number;
  /** The customer asking; null when unknown (then every active hold counts as someone else's). */
  customerId: string | null;
  policy: PackChoicePolicy;
  recalledLots: ReadonlySet<string>;
  /** Lot of each pack in the kiosk, from the registry. A pack missing here is never released. */
  packLots: ReadonlyMap<string, string>;
  holds: readonly Hold[];
  /** Packs already promised to pending release commands (the caller serialises per kiosk). */
  reservedPackIds: ReadonlySet<string>;
  /** The pack the customer just returned: never handed straight back. */
  returnedPackId: string | null;
}

/** Why a slot's pack may not be released; first failing rule, safety rules first. */
export type NotReadyWhy =
  | 'empty'
  | 'slot_state'
  | 'returned_pack'
  | 'unknown_pack'
  | 'recalled_lot'
  | 'fault'
  | 'too_hot'
  | 'soh_below_floor'
  | 'below_threshold'
  | 'reserved'
  | 'held_for_other';

export type Readiness = { ready: true; heldForCustomer: boolean } | { ready: false; why: NotReadyWhy };

/** The pack to release. */
export interface PackChoice {
  slot: number;
  packId: string;
  socPct: number;
  cycles: number | null;
  /** The pack was held for this customer (a nudge promised it). */
  heldForCustomer: boolean;
}

export type HoldState = 'none' | 'mine' | 'other';

/**
 * Active holds on a pack, from this customer's side. Holds match by packId (a held pack cannot
 * leave its slot, so its kiosk is implied). Two active holds for different customers should not
 * exist; if they do, the asking customer's own hold wins, and reservedPackIds settles the race.
 */
export function holdStateFor(packId: string, holds: readonly Hold[], nowMs: number, customerId: string | null): HoldState {
  let state: HoldState = 'none';
  for (const h of holds) {
    if (h.packId !== packId || !(nowMs < h.untilMs)) continue;
    if (customerId !== null && h.customerId === customerId) return 'mine';
    state = 'other';
  }
  return state;
}

// A charging pack above the threshold is as good as a ready one: that is what the threshold is for.
const RELEASABLE_STATES: ReadonlySet<number> = new Set([SlotState.SLOT_STATE_READY, SlotState.SLOT_STATE_CHARGING]);

function readinessWith(slot: SlotView, ctx: PackChoiceContext, hold: HoldState): Readiness {
  const p = ctx.policy;
  const packId = slot.packId;
  if (packId === null || packId === '' || slot.state === SlotState.SLOT_STATE_EMPTY) return { ready: false, why: 'empty' };
  // LOCKED and FAULT slots, and anything the kiosk did not classify, stay shut.
  if (!RELEASABLE_STATES.has(slot.state)) return { ready: false, why: 'slot_state' };
  if (packId === ctx.returnedPackId) return { ready: false, why: 'returned_pack' };
  // Without a registry record we can neither check the lot nor record the custody change.
  const lot = ctx.packLots.get(packId);
  if (lot === undefined) return { ready: false, why: 'unknown_pack' };
  if (ctx.recalledLots.has(lot)) return { ready: false, why: 'recalled_lot' };
  if (slot.faultFlags !== 0 || slot.faultCode !== 0) return { ready: false, why: 'fault' };
  // Negated comparisons so that a NaN reading fails closed.
  if (!(slot.tempC < p.maxReleaseTempC)) return { ready: false, why: 'too_hot' };
  // Unknown SoH (the pack has not reported yet) passes: SoH is about capacity, not safety.
  if (slot.sohPct !== null && !(slot.sohPct >= p.sohFloorPct)) return { ready: false, why: 'soh_below_floor' };
  if (!(slot.socPct >= p.chargedThresholdPct)) return { ready: false, why: 'below_threshold' };
  if (ctx.reservedPackIds.has(packId)) return { ready: false, why: 'reserved' };
  if (hold === 'other') return { ready: false, why: 'held_for_other' };
  return { ready: true, heldForCustomer: hold === 'mine' };
}

/** Whether this slot's pack may be released to ctx.customerId now, and if not, why. */
export function packReadiness(slot: SlotView, ctx: PackChoiceContext): Readiness {
  const hold = slot.packId ? holdStateFor(slot.packId, ctx.holds, ctx.nowMs, ctx.customerId) : 'none';
  return readinessWith(slot, ctx, hold);
}

export function isReadyPack(slot: SlotView, ctx: PackChoiceContext): boolean {
  return packReadiness(slot, ctx).ready;
}

function socKey(socPct: number, bandPct: number): number {
  return bandPct > 0 ? Math.floor(socPct / bandPct) : socPct;
}

/** Best first; a total order, so the result never depends on the order slots arrive in. */
function compareChoices(a: PackChoice, b: PackChoice, bandPct: number): number {
  if (a.heldForCustomer !== b.heldForCustomer) return a.heldForCustomer ? -1 : 1;
  const soc = socKey(b.socPct, bandPct) - socKey(a.socPct, bandPct);
  if (soc !== 0) return soc;
  // Unknown cycle counts sort after known ones: we prefer the pack we know is young.
  const cyc = (a.cycles ?? Number.POSITIVE_INFINITY) - (b.cycles ?? Number.POSITIVE_INFINITY);
  if (cyc !== 0 && !Number.isNaN(cyc)) return cyc;
  if (a.slot !== b.slot) return a.slot - b.slot;
  return a.packId < b.packId ? -1 : a.packId > b.packId ? 1 : 0;
}

/** Every releasable pack, best first. Nudges and restock can count these as "charged packs here". */
export function rankReadyPacks(slots: readonly SlotView[], ctx: PackChoiceContext): PackChoice[] {
  // Index the holds once: a kiosk may have dozens of slots and the hold list is scanned per pack.
  const holdsByPack = new Map<string, Hold[]>();
  for (const h of ctx.holds) {
    const list = holdsByPack.get(h.packId);
    if (list) list.push(h);
    else holdsByPack.set(h.packId, [h]);
  }
  const ready: PackChoice[] = [];
  for (const slot of slots) {
    if (!slot.packId) continue;
    const hold = holdStateFor(slot.packId, holdsByPack.get(slot.packId) ?? [], ctx.nowMs, ctx.customerId);
    const r = readinessWith(slot, ctx, hold);
    if (!r.ready) continue;
    ready.push({ slot: slot.index, packId: slot.packId, socPct: slot.socPct, cycles: slot.cycles, heldForCustomer: r.heldForCustomer });
  }
  const band = ctx.policy.socTieBandPct;
  return ready.sort((a, b) => compareChoices(a, b, band));
}

/** The pack to release, or null when the kiosk has no ready pack for this customer. */
export function choosePack(slots: readonly SlotView[], ctx: PackChoiceContext): PackChoice | null {
  return rankReadyPacks(slots, ctx)[0] ?? null;
}
