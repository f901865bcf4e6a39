// May a kiosk's status report move a pack into one of its slots? A stolen kiosk password must not
// rewrite custody fleet-wide, so a report is believed only where the pack could physically be at
// this kiosk. Pure and table-driven: the caller gathers the facts, time is passed in.
import { describeCustody, type Custody } from './fleet-model.ts';

/** Why a move is plausible: the first rule of PLAUSIBLE_RULES that holds. */
export type PlausibleRule = 'same_kiosk' | 'recent_activity_here' | 'customer_in_swap_here' | 'walk_up_return' | 'store_warehouse' | 'in_transit_here' | 'lost_here';

/** Why it is not: named for where the registry has the pack. */
export type ImplausibleReason = 'in_other_kiosk' | 'with_customer' | 'in_other_warehouse' | 'in_transit_elsewhere' | 'withdrawn' | 'lost_elsewhere';

/** One custody-ledger row of the pack, as the rule needs it. */
export interface CustodyStep {
  atMs: number;
  from: Custody | null;
  to: Custody;
  /** 'release', 'insert', 'status', 'import', ... */
  cause: string;
}

/** Everything the rule looks at, gathered by the caller. */
export interface PlacementFacts {
  nowMs: number;
  packId: string;
  /** Where the registry has the pack now. */
  custody: Custody;
  /** The reporting kiosk. */
  kioskId: string;
  /** A periodic status report, or a PackInserted event (the kiosk saw a pack go in). */
  via: 'status' | 'insert';
  /** Its store, or null when the registry does not know the kiosk. */
  storeId: string | null;
  /** The pack's recent custody changes, any order (a handful is enough). */
  history: readonly CustodyStep[];
  /** Customers whose swap request this kiosk sent within the window (any outcome: their card was read here). */
  customersInSwapHere: ReadonlySet<string>;
}

export interface PlausibilityPolicy {
  /** A release from or an insertion at this kiosk counts for this long. */
  recentWindowMs: number;
}

export const DEFAULT_PLAUSIBILITY_POLICY: Readonly<PlausibilityPolicy> = Object.freeze({ recentWindowMs: 15 * 60_000 });

export type PlacementVerdict = { plausible: true; rule: PlausibleRule } | { plausible: false; reason: ImplausibleReason; detail: string };

const atKiosk = (c: Custody | null, kioskId: string): boolean => c !== null && c.kind === 'slot' && c.kioskId === kioskId;

/**
 * The rule table, in order; the first that holds makes the move plausible. README "Security",
 * "Custody plausibility" shows the same table.
 */
export const PLAUSIBLE_RULES: readonly { rule: PlausibleRule; when: string; holds(f: PlacementFacts, p: PlausibilityPolicy): boolean }[] = [
  { rule: 'same_kiosk', when: 'the pack is already in another slot of this kiosk', holds: (f) => atKiosk(f.custody, f.kioskId) },
  {
    rule: 'recent_activity_here',
    when: 'the pack was released from, or inserted at, this kiosk within the window',
    holds: (f, p) =>
      f.history.some((h) => f.nowMs - h.atMs <= p.recentWindowMs && ((h.cause === 'release' && atKiosk(h.from, f.kioskId)) || (h.cause === 'insert' && atKiosk(h.to, f.kioskId)))),
  },
  { rule: 'customer_in_swap_here', when: 'the pack is with a customer who has a swap at this kiosk within the window', holds: (f) => f.custody.kind === 'customer' && f.customersInSwapHere.has(f.custody.customerId) },
  // A customer may return a pack at any kiosk: an insertion of a customer's pack is how a swap starts.
  { rule: 'walk_up_return', when: 'an insertion event (not a status) of a pack that is with a customer', holds: (f) => f.via === 'insert' && f.custody.kind === 'customer' },
  { rule: 'store_warehouse', when: "the pack is in this store's back room (warehouse named by the store id)", holds: (f) => f.custody.kind === 'warehouse' && f.storeId !== null && f.custody.warehouseId === f.storeId },
  { rule: 'in_transit_here', when: 'the pack is in transit to this store', holds: (f) => f.custody.kind === 'in_transit' && f.storeId !== null && f.custody.to === f.storeId },
  {
    rule: 'lost_here',
    when: 'the pack is lost, and it went missing from this kiosk',
    holds: (f) => {
      if (f.custody.kind !== 'lost') return false;
      const last = [...f.history].filter((h) => h.to.kind === 'lost').sort((a, b) => b.atMs - a.atMs)[0];
      return last !== undefined && atKiosk(last.from, f.kioskId);
    },
  },
];

/** Reason code per custody kind, when no rule holds. */
export const IMPLAUSIBLE_BY_CUSTODY: Readonly<Record<Custody['kind'], ImplausibleReason>> = {
  slot: 'in_other_kiosk',
  customer: 'with_customer',
  warehouse: 'in_other_warehouse',
  in_transit: 'in_transit_elsewhere',
  withdrawn: 'withdrawn',
  lost: 'lost_elsewhere',
};

export function placementVerdict(f: PlacementFacts, policy: PlausibilityPolicy = DEFAULT_PLAUSIBILITY_POLICY): PlacementVerdict {
  for (const r of PLAUSIBLE_RULES) if (r.holds(f, policy)) return { plausible: true, rule: r.rule };
  return { plausible: false, reason: IMPLAUSIBLE_BY_CUSTODY[f.custody.kind], detail: `kiosk ${f.kioskId} reported pack ${f.packId}, but the registry has it at: ${describeCustody(f.custody)}` };
}
