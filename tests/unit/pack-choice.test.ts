// Which pack a kiosk releases: one row per readiness rule and per ordering rule.
import { describe, it, expect } from 'vitest';
import { SlotState } from '../../proto/codec.ts';
import { choosePack, isReadyPack, packReadiness, rankReadyPacks } from '../../domain/pack-choice.ts';
import type { NotReadyWhy, PackChoiceContext } from '../../domain/pack-choice.ts';
import type { Hold, SlotView } from '../../domain/fleet-model.ts';
import { DEFAULT_ELIGIBILITY_POLICY } from '../../domain/eligibility.ts';

const NOW = 1_750_000_000_000;
const ME = 'cust-me';
const OTHER = 'cust-other';

function slot(index: number, over: Partial<SlotView> = {}): SlotView {
  return {
    index,
    state: SlotState.SLOT_STATE_READY,
    packId: `p${index}`,
    socPct: 100,
    sohPct: 95,
    cycles: 100,
    faultFlags: 0,
    faultCode: 0,
    tempC: 25,
    ...over,
  };
}

function ctx(slots: readonly SlotView[], over: Partial<PackChoiceContext> = {}): PackChoiceContext {
  const packLots = new Map<string, string>();
  for (const s of slots) if (s.packId) packLots.set(s.packId, 'LOT-OK');
  return {
    nowMs: NOW,
    customerId: ME,
    policy: DEFAULT_ELIGIBILITY_POLICY,
    recalledLots: new Set(),
    packLots,
    holds: [],
    reservedPackIds: new Set(),
    returnedPackId: null,
    ...over,
  };
}

const hold = (packId: string, customerId: string, untilMs = NOW + 60_000): Hold => ({ packId, kioskId: 'k1', customerId, untilMs });

describe('pack readiness: each rule that keeps a pack in its slot', () => {
  const rows: Array<{ rule: string; slot: SlotView; over?: (c: PackChoiceContext) => Partial<PackChoiceContext>; why: NotReadyWhy }> = [
    { rule: 'empty slot', slot: slot(0, { packId: null, state: SlotState.SLOT_STATE_EMPTY }), why: 'empty' },
    { rule: 'LOCKED slot', slot: slot(0, { state: SlotState.SLOT_STATE_LOCKED }), why: 'slot_state' },
    { rule: 'FAULT slot', slot: slot(0, { state: SlotState.SLOT_STATE_FAULT }), why: 'slot_state' },
    { rule: 'unclassified slot state', slot: slot(0, { state: SlotState.SLOT_STATE_UNSPECIFIED }), why: 'slot_state' },
    { rule: 'the pack just returned', slot: slot(0), over: () => ({ returnedPackId: 'p0' }), why: 'returned_pack' },
    { rule: 'pack unknown to the registry', slot: slot(0), over: () => ({ packLots: new Map() }), why: 'unknown_pack' },
    { rule: 'recalled lot', slot: slot(0), over: () => ({ recalledLots: new Set(['LOT-OK']) }), why: 'recalled_lot' },
    { rule: 'pack fault flag', slot: slot(0, { faultFlags: 4 }), why: 'fault' },
    { rule: 'slot fault code', slot: slot(0, { faultCode: 17 }), why: 'fault' },
    { rule: 'too hot to hand over', slot: slot(0, { tempC: 55 }), why: 'too_hot' },
    { rule: 'SoH below floor', slot: slot(0, { sohPct: 79.9 }), why: 'soh_below_floor' },
    { rule: 'SoC below charged threshold', slot: slot(0, { socPct: 89.9 }), why: 'below_threshold' },
    { rule: 'reserved for a pending command', slot: slot(0), over: () => ({ reservedPackIds: new Set(['p0']) }), why: 'reserved' },
    { rule: 'held for another customer', slot: slot(0), over: () => ({ holds: [hold('p0', OTHER)] }), why: 'held_for_other' },
    { rule: 'held, and the customer is unknown', slot: slot(0), over: () => ({ customerId: null, holds: [hold('p0', OTHER)] }), why: 'held_for_other' },
  ];
  it.each(rows)('$rule → not ready ($why)', ({ slot: s, over, why }) => {
    const base = ctx([s]);
    const c = { ...base, ...(over ? over(base) : {}) };
    expect(packReadiness(s, c)).toEqual({ ready: false, why });
    expect(isReadyPack(s, c)).toBe(false);
    expect(choosePack([s], c)).toBeNull();
  });

  const readyRows: Array<{ rule: string; slot: SlotView; over?: Partial<PackChoiceContext>; held: boolean }> = [
    { rule: 'SoC exactly at the threshold', slot: slot(0, { socPct: 90 }), held: false },
    { rule: 'SoH exactly at the floor', slot: slot(0, { sohPct: 80 }), held: false },
    { rule: 'SoH not reported yet', slot: slot(0, { sohPct: null }), held: false },
    { rule: 'CHARGING slot above the threshold', slot: slot(0, { state: SlotState.SLOT_STATE_CHARGING, socPct: 93 }), held: false },
    { rule: 'hold that has lapsed', slot: slot(0), over: { holds: [hold('p0', OTHER, NOW)] }, held: false },
    { rule: 'held for this customer', slot: slot(0), over: { holds: [hold('p0', ME)] }, held: true },
    { rule: 'another pack reserved, not this one', slot: slot(0), over: { reservedPackIds: new Set(['p9']) }, held: false },
  ];
  it.each(readyRows)('$rule → ready', ({ slot: s, over, held }) => {
    const c = { ...ctx([s]), ...over };
    expect(packReadiness(s, c)).toEqual({ ready: true, heldForCustomer: held });
    expect(choosePack([s], c)?.slot).toBe(0);
  });
});

describe('pack choice: which ready pack is released', () => {
  const rows: Array<{ rule: string; slots: SlotView[]; over?: Partial<PackChoiceContext>; slot: number | null }> = [
    { rule: 'fullest wins', slots: [slot(0, { socPct: 95 }), slot(1, { socPct: 100 }), slot(2, { socPct: 92 })], slot: 1 },
    { rule: 'equal SoC: fewest cycles wins', slots: [slot(0, { cycles: 300 }), slot(1, { cycles: 20 }), slot(2, { cycles: 150 })], slot: 1 },
    { rule: 'SoC within the same whole percent counts as equal', slots: [slot(0, { socPct: 97.6, cycles: 400 }), slot(1, { socPct: 97.2, cycles: 10 })], slot: 1 },
    { rule: 'a whole percent fuller beats fewer cycles', slots: [slot(0, { socPct: 98.1, cycles: 400 }), slot(1, { socPct: 97.9, cycles: 10 })], slot: 0 },
    { rule: 'unknown cycles sort after known ones', slots: [slot(0, { cycles: null }), slot(1, { cycles: 450 })], slot: 1 },
    { rule: 'equal SoC and cycles: lowest slot index', slots: [slot(4), slot(2), slot(7)], slot: 2 },
    { rule: 'held for this customer beats a fuller pack', slots: [slot(0, { socPct: 100 }), slot(1, { socPct: 91 })], over: { holds: [hold('p1', ME)] }, slot: 1 },
    { rule: 'held for another customer is skipped', slots: [slot(0, { socPct: 100 }), slot(1, { socPct: 91 })], over: { holds: [hold('p0', OTHER)] }, slot: 1 },
    { rule: 'recalled lot is skipped', slots: [slot(0, { socPct: 100 }), slot(1, { socPct: 91 })], over: { packLots: new Map([['p0', 'LOT-BAD'], ['p1', 'LOT-OK']]), recalledLots: new Set(['LOT-BAD']) }, slot: 1 },
    { rule: 'SoH below floor is skipped', slots: [slot(0, { sohPct: 70 }), slot(1, { socPct: 91 })], slot: 1 },
    { rule: 'fault flag is skipped', slots: [slot(0, { faultFlags: 1 }), slot(1, { socPct: 91 })], slot: 1 },
    { rule: 'reserved pack is skipped', slots: [slot(0), slot(1, { socPct: 91 })], over: { reservedPackIds: new Set(['p0']) }, slot: 1 },
    { rule: 'below threshold is skipped', slots: [slot(0, { socPct: 60, cycles: 1 }), slot(1, { socPct: 91 })], slot: 1 },
    { rule: 'LOCKED and FAULT slots are skipped', slots: [slot(0, { state: SlotState.SLOT_STATE_LOCKED }), slot(1, { state: SlotState.SLOT_STATE_FAULT }), slot(2, { socPct: 91 })], slot: 2 },
    { rule: 'nothing ready → null', slots: [slot(0, { socPct: 40 }), slot(1, { packId: null, state: SlotState.SLOT_STATE_EMPTY })], slot: null },
  ];
  it.each(rows)('$rule', ({ slots, over, slot: want }) => {
    const c = { ...ctx(slots), ...over };
    const got = choosePack(slots, c);
    expect(got?.slot ?? null).toBe(want);
    if (got) expect(got.packId).toBe(slots.find((s) => s.index === want)?.packId);
  });

  it('gives the same pack whatever order the kiosk lists its slots in', () => {
    const slots = [slot(0, { socPct: 99.5, cycles: 40 }), slot(1, { socPct: 99.1, cycles: 40 }), slot(2, { socPct: 100, cycles: 400 }), slot(3, { socPct: 99, cycles: 12 })];
    const c = ctx(slots);
    const want = rankReadyPacks(slots, c).map((p) => p.slot);
    expect(want).toEqual([2, 3, 0, 1]);
    for (const order of [[3, 2, 1, 0], [1, 3, 0, 2], [2, 0, 3, 1]]) {
      const shuffled = order.map((i) => slots[i]!);
      expect(rankReadyPacks(shuffled, c).map((p) => p.slot)).toEqual(want);
    }
  });

  it('ranks every ready pack, so a nudge can count the charged packs waiting', () => {
    const slots = [slot(0), slot(1, { socPct: 50 }), slot(2, { socPct: 95 }), slot(3, { state: SlotState.SLOT_STATE_LOCKED })];
    const ranked = rankReadyPacks(slots, ctx(slots));
    expect(ranked.map((p) => [p.slot, p.packId])).toEqual([[0, 'p0'], [2, 'p2']]);
  });
});
