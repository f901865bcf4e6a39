// May this customer swap at this kiosk now, and which slot opens? A pure function of its inputs:
// the caller looks everything up, stores the verdict by request id and replays it on redelivery.
import type { fleet } from '../proto/gen/fleet.js';
import { PackFaultBit } from '../proto/codec.ts';
import type { Custody, Customer, Hold, KioskView } from './fleet-model.ts';
import { choosePack } from './pack-choice.ts';
import type { PackChoice, PackChoicePolicy } from './pack-choice.ts';
import { REASON_SENTENCE, RELEASE_SENTENCE, reasonsToProto } from './reasons.ts';
import type { DenialReason, InformationalReason, ReasonCode } from './reasons.ts';

export interface EligibilityPolicy extends PackChoicePolicy {
  /** A returned pack at or above this temperature is unsafe: kept, its slot locked, °C. Default 60. */
  hotReturnTempC: number;
  /** Fair-use limit for customers whose own limit is null. Default 6. */
  defaultFairUseLimitPer24h: number;
  /** Packs a customer may hold at once when their plan is not in maxPacksHeldByPlan. Default 1. */
  maxPacksHeld: number;
  /** Plan name → packs a customer on that plan may hold at once. */
  maxPacksHeldByPlan: Readonly<Record<string, number>>;
}

export const DEFAULT_ELIGIBILITY_POLICY: Readonly<EligibilityPolicy> = Object.freeze({
  chargedThresholdPct: 90,
  sohFloorPct: 80,
  maxReleaseTempC: 50,
  socTieBandPct: 1,
  hotReturnTempC: 60,
  defaultFairUseLimitPer24h: 6,
  maxPacksHeld: 1,
  maxPacksHeldByPlan: Object.freeze({}),
});

/** How many packs a customer on this plan may hold at once. */
export function maxPacksHeldFor(plan: string | null, policy: Pick<EligibilityPolicy, 'maxPacksHeld' | 'maxPacksHeldByPlan'>): number {
  // Own-property lookup: a plan named "constructor" must not find Object.prototype's.
  return plan !== null && Object.hasOwn(policy.maxPacksHeldByPlan, plan) ? policy.maxPacksHeldByPlan[plan]! : policy.maxPacksHeld;
}

/** What the returned pack last said about itself (its telemetry, or the slot it went into). */
export interface ReturnedPackTelemetry {
  tempC: number;
  /** Bitwise OR of fleet.v1.PackFaultBit. */
  faultFlags: number;
}

export interface SwapInput {
  /** Decision time, Unix epoch ms; holds lapse against it and it becomes decidedAtMs. */
  nowMs: number;
  requestId: string;
  /** The kiosk the request came from (its authenticated id); must match kiosk.kioskId. */
  kioskId: string;
  /** Looked up by the customer token; null when no customer has that token. */
  customer: Customer | null;
  /** The customer's swaps (and first issues) in the 24 h before nowMs, counted by the caller. */
  swapsInLast24h: number;
  /**
   * Packs the customer holds now: in their custody, plus packs promised to them by a release not
   * yet done. Counted by the caller; 0 when the customer is unknown.
   */
  packsHeld: number;
  /** Null (or empty) for a first issue. */
  returnedPackId: string | null;
  /** Registry custody of the returned pack; null when the registry does not know the pack. */
  returnedPackCustody: Custody | null;
  returnedPackLot: string | null;
  /** Null when nothing is known; the pack then counts as safe. */
  returnedPackTelemetry: ReturnedPackTelemetry | null;
  kiosk: KioskView;
  recalledLots: ReadonlySet<string>;
  /** packId → lot for the packs in the kiosk's slots. */
  packLots: ReadonlyMap<string, string>;
  holds: readonly Hold[];
  /** Packs promised to pending release commands at this kiosk. */
  reservedPackIds: ReadonlySet<string>;
}

export type PackRelease = Pick<PackChoice, 'slot' | 'packId' | 'heldForCustomer'>;

export interface SwapVerdict {
  requestId: string;
  kioskId: string;
  /** The customer decided for, or null when unknown. */
  customerId: string | null;
  decidedAtMs: number;
  allowed: boolean;
  /** Denials in check order, then informational notes. reasons[0] is the first failing check. */
  reasons: ReasonCode[];
  /** For the kiosk screen: the first denial (or the release), then each note. */
  message: string;
  /** Slot to open when allowed; null otherwise. */
  release: PackRelease | null;
  /** Lock the slot the returned pack went into (hot or swelling); set whatever the decision. */
  lockReturnedSlot: boolean;
  /** Mark the returned pack for withdrawal; 'unsafe' wins over 'recalled' when both apply. */
  flagReturnedPack: 'recalled' | 'unsafe' | null;
}

interface ReturnAssessment {
  recalled: boolean;
  unsafe: boolean;
  custodyDenial: 'PACK_NOT_IN_CUSTODY' | 'PACK_REPORTED_LOST' | null;
}

const UNSAFE_BITS = PackFaultBit.PACK_FAULT_OVER_TEMP | PackFaultBit.PACK_FAULT_SWELLING;

function assessReturn(input: SwapInput, policy: EligibilityPolicy): ReturnAssessment {
  const lot = input.returnedPackLot;
  const recalled = lot !== null && input.recalledLots.has(lot);
  const t = input.returnedPackTelemetry;
  const unsafe = t !== null && (t.tempC >= policy.hotReturnTempC || (t.faultFlags & UNSAFE_BITS) !== 0);
  let custodyDenial: ReturnAssessment['custodyDenial'] = null;
  const custody = input.returnedPackCustody;
  const customer = input.customer;
  // With no customer there is no one to compare custody against; CUSTOMER_UNKNOWN says it all.
  if (customer !== null) {
    if (custody === null) custodyDenial = 'PACK_NOT_IN_CUSTODY';
    else if (custody.kind === 'lost') custodyDenial = 'PACK_REPORTED_LOST';
    else if (!(custody.kind === 'customer' && custody.customerId === customer.id)) custodyDenial = 'PACK_NOT_IN_CUSTODY';
  }
  return { recalled, unsafe, custodyDenial };
}

function badRequest(input: SwapInput): SwapVerdict {
  return {
    requestId: input.requestId,
    kioskId: input.kioskId,
    customerId: input.customer?.id ?? null,
    decidedAtMs: input.nowMs,
    allowed: false,
    reasons: ['BAD_REQUEST'],
    message: REASON_SENTENCE.BAD_REQUEST,
    release: null,
    lockReturnedSlot: false,
    flagReturnedPack: null,
  };
}

/**
 * Decides one swap request. Checks run in the design's order: customer known, active, with a plan
 * → fair use → packs held (a request without a returned pack adds one) → returned pack (custody,
 * lost, recalled, unsafe) → kiosk online, its slots reported, not faulty → a ready pack.
 *
 * We collect every failing check rather than stop at the first: a support agent looking at a
 * denial wants to know that the kiosk was also empty, not only that the plan had lapsed, and the
 * checks are all cheap. reasons[0] is still the first failing check in order, and the kiosk shows
 * only its sentence. A check is skipped only when an earlier failure leaves it meaningless: fair
 * use and custody need a known customer; the ready-pack check needs a kiosk that is online and
 * sound and that has reported its slots (an offline kiosk's slot view is stale, and a kiosk that
 * has not reported yet has none: "no ready pack" would be a guess).
 *
 * A recalled returned pack is always taken back and replaced: the recall waives fair use and the
 * custody and lost checks (we want every recalled pack back), though not the customer's account
 * checks or the physical ones. A hot or swelling returned pack is accepted, its slot locked and
 * the pack flagged, whatever else is decided, because it is already inside the kiosk.
 *
 * Deterministic: no clock, no randomness, and a total order on pack choice. Same input, same verdict.
 */
export function decideSwap(input: SwapInput, policy: EligibilityPolicy = DEFAULT_ELIGIBILITY_POLICY): SwapVerdict {
  // A request we cannot attribute cannot be replayed by request id or trusted for its kiosk.
  if (input.requestId === '' || input.kioskId === '' || input.kiosk.kioskId !== input.kioskId) return badRequest(input);

  const denials: DenialReason[] = [];
  const notes: InformationalReason[] = [];
  const customer = input.customer;
  const returnedPackId = input.returnedPackId === '' ? null : input.returnedPackId;

  // 1. The customer.
  if (customer === null) denials.push('CUSTOMER_UNKNOWN');
  else {
    if (customer.status !== 'active') denials.push('CUSTOMER_SUSPENDED');
    if (customer.plan === null || !customer.planActive) denials.push('NO_ACTIVE_PLAN');
  }

  // Assessed before fair use because a recall waives fair use.
  const ret: ReturnAssessment = returnedPackId === null
    ? { recalled: false, unsafe: false, custodyDenial: null }
    : assessReturn(input, policy);

  // 2. Fair use. The negated comparison fails closed on a NaN count.
  if (customer !== null && !ret.recalled) {
    const limit = customer.fairUseLimitPer24h ?? policy.defaultFairUseLimitPer24h;
    if (!(input.swapsInLast24h < limit)) denials.push('FAIR_USE_EXCEEDED');
  }

  // 2b. Packs held. A swap takes one back for the one it gives; only a request without a returned
  // pack (a first issue) adds to what the customer holds. Negated like fair use: NaN fails closed.
  if (customer !== null && returnedPackId === null && !(input.packsHeld < maxPacksHeldFor(customer.plan, policy))) denials.push('PACK_LIMIT_REACHED');

  // 3. The returned pack.
  if (ret.custodyDenial !== null && !ret.recalled) denials.push(ret.custodyDenial);
  if (ret.recalled) notes.push('RETURNED_PACK_RECALLED');
  if (ret.unsafe) notes.push('RETURNED_PACK_UNSAFE');

  // 4. The kiosk.
  const kiosk = input.kiosk;
  if (!kiosk.online) denials.push('KIOSK_OFFLINE');
  else if (!kiosk.statusReported) denials.push('KIOSK_NOT_REPORTED');
  if (kiosk.faulty) denials.push('KIOSK_FAULT');

  // 5. A ready pack.
  let choice: PackChoice | null = null;
  if (kiosk.online && kiosk.statusReported && !kiosk.faulty) {
    choice = choosePack(kiosk.slots, {
      nowMs: input.nowMs,
      customerId: customer?.id ?? null,
      policy,
      recalledLots: input.recalledLots,
      packLots: input.packLots,
      holds: input.holds,
      reservedPackIds: input.reservedPackIds,
      returnedPackId,
    });
    if (choice === null) denials.push('NO_READY_PACK');
  }

  const allowed = denials.length === 0 && choice !== null;
  const head = allowed ? RELEASE_SENTENCE : REASON_SENTENCE[denials[0] ?? 'NO_READY_PACK'];
  return {
    requestId: input.requestId,
    kioskId: input.kioskId,
    customerId: customer?.id ?? null,
    decidedAtMs: input.nowMs,
    allowed,
    reasons: [...denials, ...notes],
    message: [head, ...notes.map((n) => REASON_SENTENCE[n])].join(' '),
    release: allowed && choice !== null ? { slot: choice.slot, packId: choice.packId, heldForCustomer: choice.heldForCustomer } : null,
    lockReturnedSlot: ret.unsafe,
    flagReturnedPack: ret.unsafe ? 'unsafe' : ret.recalled ? 'recalled' : null,
  };
}

/**
 * The fleet.v1.SwapDecision for a verdict. `command` is the release command the caller issued
 * for an allowed verdict (null for a denial).
 */
export function verdictToDecision(
  v: SwapVerdict,
  command: { commandId: string; expiresAtMs: number } | null,
): fleet.v1.SwapDecision.$Properties {
  return {
    requestId: v.requestId,
    allowed: v.allowed,
    reasons: reasonsToProto(v.reasons),
    slot: v.release?.slot ?? 0,
    packId: v.release?.packId ?? '',
    commandId: command?.commandId ?? '',
    expiresAtMs: command?.expiresAtMs ?? 0,
    message: v.message,
    decidedAtMs: v.decidedAtMs,
  };
}
