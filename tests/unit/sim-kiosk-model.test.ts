// The kiosk as a customer and the server would see it: release commands run at most once per command
// id and never after expiry, slots show READY at 90 %, hiccups fail releases, status every 30 s and on change.
import { describe, expect, it } from 'vitest';
import { PackFaultBit, SlotState } from '../../proto/codec.ts';
import { MODE_CARRIED, MODE_SLOT } from '../../firmware-sim/battery-model.ts';
import { PackBank } from '../../firmware-sim/pack-bank.ts';
import { FAULT_LATCH_STUCK, FAULT_PACK_OVER_TEMP, KioskModel, type KioskCommandInput, type KioskOptions } from '../../firmware-sim/kiosk-model.ts';
import { Rng } from '../../firmware-sim/rng.ts';

const NOW = 1_000_000;

/** A 12-slot kiosk holding packs 0..n-1 at the given SoCs, with no random hiccups unless asked. */
function setup(socs: number[], opts: KioskOptions = {}): { bank: PackBank; kiosk: KioskModel } {
  const bank = new PackBank(20);
  const kiosk = new KioskModel(bank, 0, 'ki-00000', new Rng('kiosk'), { failedReleaseProb: 0, stuckSlotPerDay: 0, ...opts }, NOW);
  socs.forEach((soc, i) => {
    bank.soc[i] = soc;
    kiosk.insert(i, NOW);
  });
  kiosk.takeEvents();
  kiosk.takeStatusDue();
  return { bank, kiosk };
}

const release = (commandId: string, slot: number, packId: string, expiresAtMs = NOW + 60_000): KioskCommandInput => ({
  commandId,
  issuedAtMs: NOW,
  expiresAtMs,
  action: { kind: 'release', slot, packId },
});

describe('release commands', () => {
  it('releases a pack once per command id; a redelivered command is a duplicate and releases nothing', () => {
    const { bank, kiosk } = setup([1, 1, 1]);
    const first = kiosk.execute(release('cmd-1', 1, 'pk-000001'), NOW);
    expect(first).toMatchObject({ outcome: 'done', slot: 1, packIdx: 1 });
    expect(kiosk.slotPack[1]).toBe(-1);
    expect(bank.mode[1]).toBe(MODE_CARRIED);
    kiosk.insert(5, NOW + 1_000); // the next customer's return lands in the freed slot
    const again = kiosk.execute(release('cmd-1', 1, 'pk-000001'), NOW + 2_000);
    expect(again.outcome).toBe('duplicate');
    expect(again.first).toEqual(first);
    expect(kiosk.slotPack[1]).toBe(5);
    const events = kiosk.takeEvents();
    expect(events.filter((e) => e.type === 'pack_released')).toEqual([
      { type: 'pack_released', atMs: NOW, slot: 1, packId: 'pk-000001', commandId: 'cmd-1' },
    ]);
  });

  it('ignores a command after its expiry, and stays ignoring it when redelivered', () => {
    const { kiosk } = setup([1, 1]);
    const late = kiosk.execute(release('cmd-late', 0, 'pk-000000', NOW - 1), NOW);
    expect(late.outcome).toBe('expired');
    expect(kiosk.slotPack[0]).toBe(0);
    expect(kiosk.takeEvents()).toEqual([]);
    expect(kiosk.execute(release('cmd-late', 0, 'pk-000000', NOW - 1), NOW).outcome).toBe('duplicate');
    expect(kiosk.slotPack[0]).toBe(0);
  });

  it('judges expiry on its own clock: a kiosk two minutes fast drops a one-minute command', () => {
    const { kiosk } = setup([1], { clockSkewMs: 120_000 });
    expect(kiosk.execute(release('cmd-skew', 0, 'pk-000000'), NOW).outcome).toBe('expired');
  });

  it('refuses to release another pack than the one named, and a locked slot', () => {
    const { kiosk } = setup([1, 1]);
    const wrong = kiosk.execute(release('cmd-w', 0, 'pk-000001'), NOW);
    expect(wrong).toMatchObject({ outcome: 'failed', reason: 'pack_mismatch' });
    kiosk.execute({ commandId: 'lock-1', issuedAtMs: NOW, expiresAtMs: 0, action: { kind: 'lock', slot: 1, reason: 'hot' } }, NOW);
    expect(kiosk.slotState(1)).toBe(SlotState.SLOT_STATE_LOCKED);
    expect(kiosk.execute(release('cmd-l', 1, 'pk-000001'), NOW)).toMatchObject({ outcome: 'failed', reason: 'slot_locked' });
    const failed = kiosk.takeEvents().filter((e) => e.type === 'release_failed');
    expect(failed.map((e) => (e.type === 'release_failed' ? e.reason : ''))).toEqual(['pack_mismatch', 'slot_locked']);
  });
});

describe('hiccups', () => {
  it('a stuck latch fails the release, reports a slot fault, and recovers after repair', () => {
    const { kiosk } = setup([1, 1], { stuckRepairMs: 3_600_000 });
    kiosk.jamLatch(0, NOW + 3_600_000);
    expect(kiosk.slotState(0)).toBe(SlotState.SLOT_STATE_READY); // nobody knows until a release is tried
    const r = kiosk.execute(release('cmd-s', 0, 'pk-000000'), NOW);
    expect(r).toMatchObject({ outcome: 'failed', reason: 'latch_stuck' });
    expect(kiosk.slotPack[0]).toBe(0);
    expect(kiosk.slotState(0)).toBe(SlotState.SLOT_STATE_FAULT);
    expect(kiosk.status().slots[0]?.faultCode).toBe(FAULT_LATCH_STUCK);
    expect(kiosk.takeEvents().map((e) => e.type)).toEqual(['fault', 'release_failed']);
    kiosk.tick(NOW + 3_600_000, 60_000);
    expect(kiosk.slotState(0)).toBe(SlotState.SLOT_STATE_READY);
    expect(kiosk.execute(release('cmd-s2', 0, 'pk-000000', NOW + 3_660_000), NOW + 3_600_000).outcome).toBe('done');
  });

  it('fails releases at the configured rate (motor timeout) and leaves the pack in place', () => {
    const { kiosk } = setup([1], { failedReleaseProb: 1 });
    expect(kiosk.execute(release('cmd-m', 0, 'pk-000000'), NOW)).toMatchObject({ outcome: 'failed', reason: 'motor_timeout' });
    expect(kiosk.slotPack[0]).toBe(0);
  });

  it('jams latches at about the configured rate per slot-day', () => {
    const { kiosk } = setup([], { stuckSlotPerDay: 0.5, stuckRepairMs: 1 });
    let jams = 0;
    for (let m = 1; m <= 100 * 1440; m++) {
      kiosk.tick(NOW + m * 60_000, 60_000);
      for (const u of kiosk.stuckUntilMs) if (u === NOW + m * 60_000 + 1) jams++;
    }
    // 12 slots x 0.5 per day x 100 days = 600 expected.
    expect(jams).toBeGreaterThan(500);
    expect(jams).toBeLessThan(700);
  });
});

describe('slots and status', () => {
  it('shows READY at 90 % and above, CHARGING below, EMPTY with no pack, FAULT for a hot pack', () => {
    const { bank, kiosk } = setup([0.95, 0.9, 0.899, 0.5]);
    bank.faultFlags[3] = PackFaultBit.PACK_FAULT_OVER_TEMP;
    const st = kiosk.status();
    expect(st.slots.map((s) => s.state).slice(0, 5)).toEqual([
      SlotState.SLOT_STATE_READY,
      SlotState.SLOT_STATE_READY,
      SlotState.SLOT_STATE_CHARGING,
      SlotState.SLOT_STATE_FAULT,
      SlotState.SLOT_STATE_EMPTY,
    ]);
    expect(st.slots[3]?.faultCode).toBe(FAULT_PACK_OVER_TEMP);
    expect(st.slots[0]).toMatchObject({ index: 0, packId: 'pk-000000', socPct: 95 });
    expect(st.slots[4]?.packId).toBe('');
    expect(st.slots).toHaveLength(12);
  });

  it('reports every 30 s, and once more on every change (insert, release, a pack becoming READY)', () => {
    const { bank, kiosk } = setup([0.5]);
    for (let s = 1; s <= 20; s++) kiosk.tick(NOW + s * 30_000, 30_000);
    expect(kiosk.takeStatusDue()).toBe(20);
    bank.soc[1] = 0.3;
    kiosk.insert(1, NOW + 600_001);
    expect(kiosk.takeStatusDue()).toBe(1);
    expect(kiosk.takeEvents()).toEqual([{ type: 'pack_inserted', atMs: NOW + 600_001, slot: 1, packId: 'pk-000001', requestId: '' }]);
    expect(bank.mode[1]).toBe(MODE_SLOT);
    bank.soc[0] = 0.91;
    kiosk.tick(NOW + 610_000, 10_000);
    expect(kiosk.takeStatusDue()).toBe(1);
    expect(kiosk.readyCount).toBe(1);
  });

  it('picks the fullest ready pack, then the one with fewer cycles', () => {
    const { bank, kiosk } = setup([0.95, 1, 1, 0.5]);
    bank.chargedMah[1] = 300 * 2600;
    bank.chargedMah[2] = 20 * 2600;
    expect(kiosk.bestReadySlot()).toBe(2);
  });

  it('stops charging its packs on backup power', () => {
    const { bank, kiosk } = setup([0.5]);
    kiosk.setMainsPower(false);
    bank.stepAll(NOW + 60_000, 60_000);
    expect(bank.currentMa[0]).toBe(0);
    kiosk.setMainsPower(true);
    bank.stepAll(NOW + 120_000, 60_000);
    expect(bank.currentMa[0]).toBeGreaterThan(1000);
  });
});
