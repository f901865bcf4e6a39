// A store's stock from its kiosks' slots, and the charge-time estimate behind "ready at".
import { describe, expect, it } from 'vitest';
import { chargeReadyAtMs } from '../../domain/charge-eta.ts';
import { storeStock, type StockSlot } from '../../domain/store-stock.ts';

const H = 3_600_000;
const slot = (index: number, state: number, socPct: number, extra: Partial<StockSlot> = {}): StockSlot => ({ index, state, packId: state === 1 ? null : `p${index}`, socPct, chargeCurrentMa: state === 2 ? 1300 : 0, faultCode: 0, withdrawn: false, held: false, disputed: false, ...extra });
const [EMPTY, CHARGING, READY, FAULT, LOCKED] = [1, 2, 3, 4, 5];

describe('chargeReadyAtMs', () => {
  it.each([
    ['already there', 95, 90, 1300, 0],
    ['CC only: 40 → 80 % at 0.5C', 40, 80, 1300, 0.8 * H],
    ['CC at a measured 2,600 mA: twice as fast', 40, 80, 2600, 0.4 * H],
    ['flat to 80 % with no current reported: the standard 0.5C', 0, 80, 0, 1.6 * H],
  ])('%s', (_n, soc, target, ma, wantMs) => {
    expect(chargeReadyAtMs(soc, target, ma, 1000)).toBe(1000 + Math.round(wantMs));
  });

  it('tapers above 80 %: 80 → 90 takes longer than 70 → 80, and 90 → 100 is never "ready"', () => {
    const cv = chargeReadyAtMs(80, 90, 1300, 0)!;
    const cc = chargeReadyAtMs(70, 80, 1300, 0)!;
    expect(cv).toBeGreaterThan(cc);
    expect(cv).toBeLessThan(2 * H);
    expect(chargeReadyAtMs(85, 90, 1300, 0)!).toBeLessThan(cv);
    expect(chargeReadyAtMs(95, 100, 1300, 0)).toBeNull();
  });
});

describe('storeStock', () => {
  it('counts ready, held, charging, free return slots, out of service and packs to pull', () => {
    const s = storeStock([
      { kioskId: 'k1', online: true, slots: [slot(0, READY, 98), slot(1, READY, 95, { held: true }), slot(2, CHARGING, 60), slot(3, EMPTY, 0), slot(4, FAULT, 50), slot(5, LOCKED, 0, { packId: null }), slot(6, READY, 99, { withdrawn: true }), slot(7, CHARGING, 92)] },
      { kioskId: 'k2', online: false, slots: [slot(0, READY, 100), slot(1, EMPTY, 0)] },
      { kioskId: 'k3', online: true, slots: null },
    ], 90, 0);
    expect(s).toMatchObject({ kiosks: 3, kiosksOnline: 2, ready: 2, held: 1, charging: 1, freeReturnSlots: 1, outOfService: 2, toWithdraw: 1, unavailableSlots: 2 });
    expect(s.chargingPacks).toEqual([{ packId: 'p2', kioskId: 'k1', slot: 2, socPct: 60, readyAtMs: chargeReadyAtMs(60, 90, 1300, 0) }]);
    expect(s.nextReadyAtMs).toBe(s.chargingPacks[0]!.readyAtMs);
  });

  it('a charged pack whose custody is disputed is neither ready nor held, even when it is also held', () => {
    const s = storeStock([{ kioskId: 'k1', online: true, slots: [slot(0, READY, 98, { disputed: true }), slot(1, READY, 97, { disputed: true, held: true }), slot(2, READY, 96)] }], 90, 0);
    expect(s).toMatchObject({ ready: 1, held: 0, disputed: 2 });
  });

  it('lists charging packs soonest first; a slot with a fault code is out of service whatever its state', () => {
    const s = storeStock([{ kioskId: 'k1', online: true, slots: [slot(0, CHARGING, 20), slot(1, CHARGING, 85), slot(2, READY, 99, { faultCode: 7 })] }], 90, 0);
    expect(s.chargingPacks.map((c) => c.packId)).toEqual(['p1', 'p0']);
    expect(s.outOfService).toBe(1);
    expect(s.ready).toBe(0);
  });
});
