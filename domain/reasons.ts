// Swap reason codes: machine-readable names (fleet.v1.SwapReason without the prefix), their proto
// numbers, and the sentence a kiosk screen or support agent shows for each.
import { SwapReason } from '../proto/codec.ts';

/** In check order: the order decideSwap evaluates them (BAD_REQUEST stops everything). */
export const REASON_CODES = [
  'BAD_REQUEST',
  'KIOSK_THROTTLED',
  'CUSTOMER_UNKNOWN',
  'CUSTOMER_SUSPENDED',
  'NO_ACTIVE_PLAN',
  'FAIR_USE_EXCEEDED',
  'PACK_LIMIT_REACHED',
  'PACK_NOT_IN_CUSTODY',
  'PACK_REPORTED_LOST',
  'RETURNED_PACK_RECALLED',
  'RETURNED_PACK_UNSAFE',
  'KIOSK_OFFLINE',
  'KIOSK_NOT_REPORTED',
  'KIOSK_FAULT',
  'NO_READY_PACK',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

/** Codes that note something about an allowed (or denied) swap without denying it. */
export type InformationalReason = 'RETURNED_PACK_RECALLED' | 'RETURNED_PACK_UNSAFE';
export type DenialReason = Exclude<ReasonCode, InformationalReason>;

const INFORMATIONAL: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['RETURNED_PACK_RECALLED', 'RETURNED_PACK_UNSAFE']);

export function isDenialReason(code: ReasonCode): code is DenialReason {
  return !INFORMATIONAL.has(code);
}

/** fleet.v1.SwapReason number for each code. */
export const REASON_TO_PROTO: Readonly<Record<ReasonCode, number>> = Object.freeze({
  BAD_REQUEST: SwapReason.SWAP_REASON_BAD_REQUEST,
  KIOSK_THROTTLED: SwapReason.SWAP_REASON_KIOSK_THROTTLED,
  CUSTOMER_UNKNOWN: SwapReason.SWAP_REASON_CUSTOMER_UNKNOWN,
  CUSTOMER_SUSPENDED: SwapReason.SWAP_REASON_CUSTOMER_SUSPENDED,
  NO_ACTIVE_PLAN: SwapReason.SWAP_REASON_NO_ACTIVE_PLAN,
  FAIR_USE_EXCEEDED: SwapReason.SWAP_REASON_FAIR_USE_EXCEEDED,
  PACK_LIMIT_REACHED: SwapReason.SWAP_REASON_PACK_LIMIT_REACHED,
  PACK_NOT_IN_CUSTODY: SwapReason.SWAP_REASON_PACK_NOT_IN_CUSTODY,
  PACK_REPORTED_LOST: SwapReason.SWAP_REASON_PACK_REPORTED_LOST,
  RETURNED_PACK_RECALLED: SwapReason.SWAP_REASON_RETURNED_PACK_RECALLED,
  RETURNED_PACK_UNSAFE: SwapReason.SWAP_REASON_RETURNED_PACK_UNSAFE,
  KIOSK_OFFLINE: SwapReason.SWAP_REASON_KIOSK_OFFLINE,
  KIOSK_NOT_REPORTED: SwapReason.SWAP_REASON_KIOSK_NOT_REPORTED,
  KIOSK_FAULT: SwapReason.SWAP_REASON_KIOSK_FAULT,
  NO_READY_PACK: SwapReason.SWAP_REASON_NO_READY_PACK,
});

const PROTO_TO_REASON: ReadonlyMap<number, ReasonCode> = new Map(
  REASON_CODES.map((c) => [REASON_TO_PROTO[c], c] as const),
);

export function reasonsToProto(codes: readonly ReasonCode[]): number[] {
  return codes.map((c) => REASON_TO_PROTO[c]);
}

/** The code for a fleet.v1.SwapReason number; null for UNSPECIFIED or a number this build does not know. */
export function reasonFromProto(n: number): ReasonCode | null {
  return PROTO_TO_REASON.get(n) ?? null;
}

/** One sentence per code, written for the customer at the kiosk; support reads the codes. */
export const REASON_SENTENCE: Readonly<Record<ReasonCode, string>> = Object.freeze({
  BAD_REQUEST: 'The kiosk sent an incomplete request. Please try again.',
  KIOSK_THROTTLED: 'This kiosk is paused for a moment after several unrecognised cards. Please try again in a minute.',
  CUSTOMER_UNKNOWN: 'We could not recognise this card or code. Please check it or ask a member of staff.',
  CUSTOMER_SUSPENDED: 'Your account is suspended, so swaps are paused. Please contact customer support.',
  NO_ACTIVE_PLAN: 'Your account has no active plan that includes pack swaps.',
  FAIR_USE_EXCEEDED: 'You have reached the fair-use limit of swaps for the last 24 hours. Please try again later.',
  PACK_LIMIT_REACHED: 'You already have as many packs as your plan allows. Please return a pack to get a charged one.',
  PACK_NOT_IN_CUSTODY: 'The pack you returned is not registered to your account. Please ask a member of staff.',
  PACK_REPORTED_LOST: 'The pack you returned has been reported lost. Please ask a member of staff.',
  RETURNED_PACK_RECALLED: 'Thank you: the pack you returned is part of a safety recall, and we have taken it back.',
  RETURNED_PACK_UNSAFE: 'The pack you returned needs a safety check, so we have kept it aside.',
  KIOSK_OFFLINE: 'This kiosk is offline right now. Please try another kiosk or ask a member of staff.',
  KIOSK_NOT_REPORTED: 'This kiosk is still starting up and has not checked its slots yet. Please try again in a minute.',
  KIOSK_FAULT: 'This kiosk has a fault and cannot release packs right now.',
  NO_READY_PACK: 'There is no charged pack ready in this kiosk right now. Please try again shortly.',
});

/** Sentence shown when a swap is allowed; the kiosk opens the slot, so no slot number is needed. */
export const RELEASE_SENTENCE = 'Please take your charged pack from the open slot.';
