// Swap eligibility: one row per reason code, the returned-pack cases, races, holds, determinism,
// and the mapping onto fleet.v1.SwapReason that the kiosk receives.
import { describe, it, expect } from 'vitest';
import { PackFaultBit, SlotState, SwapReason, decodeSwapDecision, encodeSwapDecision } from '../../proto/codec.ts';
import { DEFAULT_ELIGIBILITY_POLICY, decideSwap, maxPacksHeldFor, verdictToDecision } from '../../domain/eligibility.ts';
import type { SwapInput } from '../../domain/eligibility.ts';
import { REASON_CODES, REASON_SENTENCE, REASON_TO_PROTO, RELEASE_SENTENCE, isDenialReason, reasonFromProto } from '../../domain/reasons.ts';
import type { ReasonCode } from '../../domain/reasons.ts';
import type { Customer, SlotView } from '../../domain/fleet-model.ts';

const NOW = 1_750_000_000_000;

function slot(index: number, over: Partial<SlotView> = {}): SlotView {
  return { index, state: SlotState.SLOT_STATE_READY, packId: `p${index}`, socPct: 100, sohPct: 95, cycles: 100, faultFlags: 0, faultCode: 0, tempC: 25, ...over };
}

function customer(over: Partial<Customer> = {}): Customer {
  return { id: 'c1', status: 'active', plan: 'unlimited', planActive: true, fairUseLimitPer24h: 5, timeZone: 'Europe/London', nudgePrefs: { consent: true }, ...over };
}

/** A customer c1 returning their flat pack r1 (lot LOT-A) to kiosk k1, which has packs p0..p2. */
function input(over: Partial<SwapInput> = {}): SwapInput {
  const slots = [slot(0, { socPct: 95 }), slot(1), slot(2, { socPct: 40, state: SlotState.SLOT_STATE_CHARGING }), slot(3, { packId: 'r1', socPct: 8, state: SlotState.SLOT_STATE_CHARGING })];
  return {
    nowMs: NOW,
    requestId: 'req-1',
    kioskId: 'k1',
    customer: customer(),
    swapsInLast24h: 1,
    packsHeld: 0,
    returnedPackId: 'r1',
    returnedPackCustody: { kind: 'customer', customerId: 'c1' },
    returnedPackLot: 'LOT-A',
    returnedPackTelemetry: { tempC: 28, faultFlags: 0 },
    kiosk: { kioskId: 'k1', online: true, statusReported: true, faulty: false, slots },
    recalledLots: new Set(),
    packLots: new Map([['p0', 'LOT-A'], ['p1', 'LOT-A'], ['p2', 'LOT-A'], ['r1', 'LOT-A']]),
    holds: [],
    reservedPackIds: new Set(),
    ...over,
  };
}

const base = input();
const firstIssue: Partial<SwapInput> = { returnedPackId: null, returnedPackCustody: null, returnedPackLot: null, returnedPackTelemetry: null };
const emptyKiosk = { ...base.kiosk, slots: [slot(0, { packId: null, state: SlotState.SLOT_STATE_EMPTY })] };

describe('a plain swap', () => {
  it('is allowed and opens the fullest ready slot', () => {
    const v = decideSwap(base, DEFAULT_ELIGIBILITY_POLICY);
    expect(v).toEqual({
      requestId: 'req-1', kioskId: 'k1', customerId: 'c1', decidedAtMs: NOW,
      allowed: true, reasons: [], message: RELEASE_SENTENCE,
      release: { slot: 1, packId: 'p1', heldForCustomer: false },
      lockReturnedSlot: false, flagReturnedPack: null,
    });
  });

  it('allows a first issue, with no returned pack', () => {
    const v = decideSwap(input({ returnedPackId: null, returnedPackCustody: null, returnedPackLot: null, returnedPackTelemetry: null, swapsInLast24h: 0 }));
    expect(v.allowed).toBe(true);
    expect(v.release).toEqual({ slot: 1, packId: 'p1', heldForCustomer: false });
    // An empty id is what the proto carries for "none": treated the same.
    expect(decideSwap(input({ returnedPackId: '', returnedPackCustody: null, returnedPackLot: null })).allowed).toBe(true);
  });

  it('never hands the returned pack straight back, even when it is full', () => {
    const slots = [slot(0, { packId: 'r1', socPct: 100, cycles: 1 }), slot(1, { socPct: 91 })];
    const v = decideSwap(input({ kiosk: { ...base.kiosk, slots }, packLots: new Map([['r1', 'LOT-A'], ['p1', 'LOT-A']]) }));
    expect(v.release).toEqual({ slot: 1, packId: 'p1', heldForCustomer: false });
  });
});

describe('one row per denial reason: reasons[0] and the sentence', () => {
  const rows: Array<{ code: ReasonCode; over: Partial<SwapInput> }> = [
    { code: 'BAD_REQUEST', over: { requestId: '' } },
    { code: 'BAD_REQUEST', over: { kioskId: 'k2' } },
    { code: 'CUSTOMER_UNKNOWN', over: { customer: null } },
    { code: 'CUSTOMER_SUSPENDED', over: { customer: customer({ status: 'suspended' }) } },
    { code: 'NO_ACTIVE_PLAN', over: { customer: customer({ plan: null }) } },
    { code: 'NO_ACTIVE_PLAN', over: { customer: customer({ planActive: false }) } },
    { code: 'FAIR_USE_EXCEEDED', over: { swapsInLast24h: 5 } },
    { code: 'FAIR_USE_EXCEEDED', over: { customer: customer({ fairUseLimitPer24h: null }), swapsInLast24h: DEFAULT_ELIGIBILITY_POLICY.defaultFairUseLimitPer24h } },
    { code: 'PACK_NOT_IN_CUSTODY', over: { returnedPackCustody: { kind: 'customer', customerId: 'someone-else' } } },
    { code: 'PACK_NOT_IN_CUSTODY', over: { returnedPackCustody: { kind: 'slot', kioskId: 'k9', slot: 2 } } },
    { code: 'PACK_NOT_IN_CUSTODY', over: { returnedPackCustody: null, returnedPackLot: null } },
    { code: 'PACK_REPORTED_LOST', over: { returnedPackCustody: { kind: 'lost' } } },
    { code: 'PACK_LIMIT_REACHED', over: { ...firstIssue, packsHeld: 1 } },
    { code: 'KIOSK_OFFLINE', over: { kiosk: { ...base.kiosk, online: false } } },
    // Connected, but no KioskStatus yet: not "offline", and no guess about its slots.
    { code: 'KIOSK_NOT_REPORTED', over: { kiosk: { kioskId: 'k1', online: true, statusReported: false, faulty: false, slots: [] } } },
    { code: 'KIOSK_FAULT', over: { kiosk: { ...base.kiosk, faulty: true } } },
    { code: 'NO_READY_PACK', over: { kiosk: emptyKiosk } },
  ];
  it.each(rows)('$code', ({ code, over }) => {
    const v = decideSwap(input(over));
    expect(v.allowed).toBe(false);
    expect(v.reasons).toEqual([code]);
    expect(v.message).toBe(REASON_SENTENCE[code]);
    expect(v.release).toBeNull();
  });

  it('one below the fair-use limit is still allowed', () => {
    expect(decideSwap(input({ swapsInLast24h: 4 })).allowed).toBe(true);
  });
});

describe('collecting every denial, first failing check first', () => {
  const rows: Array<{ name: string; over: Partial<SwapInput>; reasons: ReasonCode[] }> = [
    { name: 'suspended, lapsed plan, kiosk empty', over: { customer: customer({ status: 'suspended', planActive: false }), kiosk: emptyKiosk }, reasons: ['CUSTOMER_SUSPENDED', 'NO_ACTIVE_PLAN', 'NO_READY_PACK'] },
    { name: 'fair use and someone else\'s pack', over: { swapsInLast24h: 9, returnedPackCustody: { kind: 'warehouse' } }, reasons: ['FAIR_USE_EXCEEDED', 'PACK_NOT_IN_CUSTODY'] },
    { name: 'lost pack at an offline, faulty kiosk', over: { returnedPackCustody: { kind: 'lost' }, kiosk: { ...base.kiosk, online: false, faulty: true } }, reasons: ['PACK_REPORTED_LOST', 'KIOSK_OFFLINE', 'KIOSK_FAULT'] },
    // Fair use and custody mean nothing without a customer; the empty kiosk is still worth knowing.
    { name: 'unknown customer at an empty kiosk', over: { customer: null, swapsInLast24h: 99, kiosk: emptyKiosk }, reasons: ['CUSTOMER_UNKNOWN', 'NO_READY_PACK'] },
    // An offline kiosk's slots are stale, so no NO_READY_PACK is claimed from them.
    { name: 'offline and empty', over: { kiosk: { ...emptyKiosk, online: false } }, reasons: ['KIOSK_OFFLINE'] },
    // Offline says it all: whether it ever reported does not matter then.
    { name: 'offline and never reported', over: { kiosk: { kioskId: 'k1', online: false, statusReported: false, faulty: false, slots: [] } }, reasons: ['KIOSK_OFFLINE'] },
    { name: 'fair use and a second pack', over: { ...firstIssue, swapsInLast24h: 9, packsHeld: 1 }, reasons: ['FAIR_USE_EXCEEDED', 'PACK_LIMIT_REACHED'] },
  ];
  it.each(rows)('$name', ({ over, reasons }) => {
    const v = decideSwap(input(over));
    expect(v.allowed).toBe(false);
    expect(v.reasons).toEqual(reasons);
    expect(v.message).toBe(REASON_SENTENCE[reasons[0]!]);
  });
});

describe('packs held at once: maxPacksHeld per plan, default 1', () => {
  const family = { ...DEFAULT_ELIGIBILITY_POLICY, maxPacksHeldByPlan: { family: 3 } };
  it('a first issue is allowed with no pack in hand and denied with one', () => {
    expect(decideSwap(input({ ...firstIssue, packsHeld: 0 })).allowed).toBe(true);
    const v = decideSwap(input({ ...firstIssue, packsHeld: 1 }));
    expect(v.reasons).toEqual(['PACK_LIMIT_REACHED']);
    expect(v.message).toBe(REASON_SENTENCE.PACK_LIMIT_REACHED);
  });

  it('a swap hands one back for one out, so the count does not limit it', () => {
    expect(decideSwap(input({ packsHeld: 1 })).allowed).toBe(true);
    expect(decideSwap(input({ packsHeld: 4 })).allowed).toBe(true);
  });

  it('a plan may allow more: three on "family", the default for any other plan', () => {
    const onFamily = (packsHeld: number, plan = 'family') => decideSwap(input({ ...firstIssue, packsHeld, customer: customer({ plan }) }), family);
    expect(onFamily(2).allowed).toBe(true);
    expect(onFamily(3).reasons).toEqual(['PACK_LIMIT_REACHED']);
    expect(onFamily(1, 'unlimited').reasons).toEqual(['PACK_LIMIT_REACHED']);
    expect(onFamily(0, 'unlimited').allowed).toBe(true);
  });

  it('a plan named like an Object property gets the default, not a prototype member', () => {
    for (const plan of ['constructor', '__proto__', 'toString']) {
      expect(maxPacksHeldFor(plan, DEFAULT_ELIGIBILITY_POLICY)).toBe(1);
      expect(decideSwap(input({ ...firstIssue, packsHeld: 1, customer: customer({ plan }) })).reasons).toEqual(['PACK_LIMIT_REACHED']);
    }
  });

  it('fails closed on a count that is not a number', () => {
    expect(decideSwap(input({ ...firstIssue, packsHeld: Number.NaN })).reasons).toEqual(['PACK_LIMIT_REACHED']);
  });
});

describe('returned packs that need care', () => {
  it('a recalled pack is always taken back and replaced, even over fair use and custody', () => {
    const v = decideSwap(input({ recalledLots: new Set(['LOT-A']), packLots: new Map([['p0', 'LOT-B'], ['p1', 'LOT-B'], ['r1', 'LOT-A']]), swapsInLast24h: 50, returnedPackCustody: { kind: 'lost' } }));
    expect(v.allowed).toBe(true);
    expect(v.reasons).toEqual(['RETURNED_PACK_RECALLED']);
    expect(v.flagReturnedPack).toBe('recalled');
    expect(v.lockReturnedSlot).toBe(false);
    expect(v.release).toEqual({ slot: 1, packId: 'p1', heldForCustomer: false });
    expect(v.message).toBe(`${RELEASE_SENTENCE} ${REASON_SENTENCE.RETURNED_PACK_RECALLED}`);
  });

  it('a recalled pack from a suspended account is taken back but not replaced', () => {
    const v = decideSwap(input({ recalledLots: new Set(['LOT-A']), customer: customer({ status: 'suspended' }), packLots: new Map([['p1', 'LOT-B']]) }));
    expect(v.allowed).toBe(false);
    expect(v.reasons).toEqual(['CUSTOMER_SUSPENDED', 'RETURNED_PACK_RECALLED']);
    expect(v.flagReturnedPack).toBe('recalled');
  });

  const unsafeRows = [
    { name: 'hot by temperature', telemetry: { tempC: 61, faultFlags: 0 } },
    { name: 'over-temperature fault bit', telemetry: { tempC: 30, faultFlags: PackFaultBit.PACK_FAULT_OVER_TEMP } },
    { name: 'swelling', telemetry: { tempC: 30, faultFlags: PackFaultBit.PACK_FAULT_SWELLING | PackFaultBit.PACK_FAULT_SENSOR } },
  ];
  it.each(unsafeRows)('a $name return is accepted, its slot locked and the pack flagged', ({ telemetry }) => {
    const v = decideSwap(input({ returnedPackTelemetry: telemetry }));
    expect(v.allowed).toBe(true);
    expect(v.reasons).toEqual(['RETURNED_PACK_UNSAFE']);
    expect(v.lockReturnedSlot).toBe(true);
    expect(v.flagReturnedPack).toBe('unsafe');
    expect(v.release?.packId).toBe('p1');
  });

  it('an unsafe pack is locked in even when the swap is denied', () => {
    const v = decideSwap(input({ returnedPackTelemetry: { tempC: 75, faultFlags: 0 }, returnedPackCustody: { kind: 'customer', customerId: 'x' } }));
    expect(v.allowed).toBe(false);
    expect(v.reasons).toEqual(['PACK_NOT_IN_CUSTODY', 'RETURNED_PACK_UNSAFE']);
    expect(v.lockReturnedSlot).toBe(true);
    expect(v.flagReturnedPack).toBe('unsafe');
  });

  it('a recalled pack that is also hot: both noted, flagged unsafe, slot locked', () => {
    const v = decideSwap(input({ recalledLots: new Set(['LOT-A']), packLots: new Map([['p1', 'LOT-B']]), returnedPackTelemetry: { tempC: 70, faultFlags: 0 } }));
    expect(v.allowed).toBe(true);
    expect(v.reasons).toEqual(['RETURNED_PACK_RECALLED', 'RETURNED_PACK_UNSAFE']);
    expect(v.flagReturnedPack).toBe('unsafe');
    expect(v.lockReturnedSlot).toBe(true);
  });
});

describe('holds and races', () => {
  it('a pack held for this customer is released to them ahead of a fuller one', () => {
    const v = decideSwap(input({ holds: [{ packId: 'p0', kioskId: 'k1', customerId: 'c1', untilMs: NOW + 1 }] }));
    expect(v.release).toEqual({ slot: 0, packId: 'p0', heldForCustomer: true });
  });

  it('the only ready pack held for someone else means NO_READY_PACK, until the hold lapses', () => {
    const slots = [slot(0), slot(3, { packId: 'r1', socPct: 5, state: SlotState.SLOT_STATE_CHARGING })];
    const held = input({ kiosk: { ...base.kiosk, slots }, holds: [{ packId: 'p0', kioskId: 'k1', customerId: 'c2', untilMs: NOW + 60_000 }] });
    expect(decideSwap(held).reasons).toEqual(['NO_READY_PACK']);
    expect(decideSwap({ ...held, nowMs: NOW + 60_000 }).release?.packId).toBe('p0');
  });

  it('two customers racing for the last ready pack: one gets it, the other NO_READY_PACK', () => {
    const slots = [slot(0), slot(1, { packId: null, state: SlotState.SLOT_STATE_EMPTY })];
    const kiosk = { ...base.kiosk, slots };
    const reserved = new Set<string>();
    const first = decideSwap(input({ requestId: 'req-a', kiosk, reservedPackIds: reserved, returnedPackId: null, returnedPackCustody: null }));
    // The caller, serialising per kiosk, records the promise before deciding the next request.
    if (first.release) reserved.add(first.release.packId);
    const second = decideSwap(input({ requestId: 'req-b', customer: customer({ id: 'c2' }), kiosk, reservedPackIds: reserved, returnedPackId: null, returnedPackCustody: null }));
    expect(first.release?.packId).toBe('p0');
    expect(second.allowed).toBe(false);
    expect(second.reasons).toEqual(['NO_READY_PACK']);
  });
});

describe('determinism', () => {
  it('the same input gives a deep-equal verdict, and it survives storage as JSON', () => {
    const a = decideSwap(input({ recalledLots: new Set(['LOT-A']), packLots: new Map([['p0', 'LOT-B'], ['p1', 'LOT-B']]) }));
    const b = decideSwap(input({ recalledLots: new Set(['LOT-A']), packLots: new Map([['p0', 'LOT-B'], ['p1', 'LOT-B']]) }));
    expect(b).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it('the order of slots and holds does not change the decision', () => {
    const slots = [slot(0, { socPct: 99.4, cycles: 30 }), slot(1, { socPct: 99.8, cycles: 30 }), slot(2, { socPct: 99.0, cycles: 5 })];
    const holds = [{ packId: 'p9', kioskId: 'k1', customerId: 'c7', untilMs: NOW + 5 }, { packId: 'p2', kioskId: 'k1', customerId: 'c8', untilMs: NOW - 5 }];
    const packLots = new Map([['p0', 'L'], ['p1', 'L'], ['p2', 'L']]);
    const one = decideSwap(input({ kiosk: { ...base.kiosk, slots }, holds, packLots, returnedPackId: null, returnedPackCustody: null }));
    const two = decideSwap(input({ kiosk: { ...base.kiosk, slots: [...slots].reverse() }, holds: [...holds].reverse(), packLots, returnedPackId: null, returnedPackCustody: null }));
    expect(one.release).toEqual({ slot: 2, packId: 'p2', heldForCustomer: false });
    expect(two).toEqual(one);
  });
});

describe('reason codes on the wire', () => {
  it('every code maps to the fleet.v1.SwapReason of the same name, and back', () => {
    for (const code of REASON_CODES) {
      expect(REASON_TO_PROTO[code]).toBe((SwapReason as unknown as Record<string, number>)[`SWAP_REASON_${code}`]);
      expect(reasonFromProto(REASON_TO_PROTO[code])).toBe(code);
    }
    const protoNames = Object.keys(SwapReason).filter((k) => Number.isNaN(Number(k)) && k !== 'SWAP_REASON_UNSPECIFIED');
    expect(protoNames.map((n) => n.replace('SWAP_REASON_', '')).sort()).toEqual([...REASON_CODES].sort());
    expect(reasonFromProto(0)).toBeNull();
  });

  it('every code has a sentence; only the returned-pack notes are informational', () => {
    for (const code of REASON_CODES) expect(REASON_SENTENCE[code]).toMatch(/^[A-Z].*\.$/);
    expect(REASON_CODES.filter((c) => !isDenialReason(c))).toEqual(['RETURNED_PACK_RECALLED', 'RETURNED_PACK_UNSAFE']);
  });

  it('a verdict becomes the SwapDecision the kiosk decodes', () => {
    const allowed = decideSwap(input({ returnedPackTelemetry: { tempC: 65, faultFlags: 0 } }));
    const wire = decodeSwapDecision(encodeSwapDecision(verdictToDecision(allowed, { commandId: 'cmd-1', expiresAtMs: NOW + 30_000 })));
    expect(wire).toMatchObject({ requestId: 'req-1', allowed: true, reasons: [SwapReason.SWAP_REASON_RETURNED_PACK_UNSAFE], slot: 1, packId: 'p1', commandId: 'cmd-1', expiresAtMs: NOW + 30_000, decidedAtMs: NOW });
    const denied = decideSwap(input({ customer: customer({ status: 'suspended' }), kiosk: emptyKiosk }));
    const wire2 = decodeSwapDecision(encodeSwapDecision(verdictToDecision(denied, null)));
    expect(wire2.allowed).toBe(false);
    expect(wire2.reasons).toEqual([SwapReason.SWAP_REASON_CUSTOMER_SUSPENDED, SwapReason.SWAP_REASON_NO_READY_PACK]);
    expect(wire2.message).toBe(REASON_SENTENCE.CUSTOMER_SUSPENDED);
  });
});
