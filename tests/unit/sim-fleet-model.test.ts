// Model mode: a small fleet through each scenario on the virtual clock, checked for what an operator
// would notice (swaps happen, surges empty stores, a bad lot overheats, an outage leaves a backlog)
// and for reproducibility from the seed. Wall-time targets are measured in bench/sim-model.ts.
import { describe, expect, it } from 'vitest';
import { PackFaultBit } from '../../proto/codec.ts';
import { FleetModel, runModel } from '../../firmware-sim/fleet-model.ts';
import { scenario, signUpOffsetMs, SCENARIO_NAMES } from '../../firmware-sim/scenarios.ts';
import { VirtualClock } from '../../firmware-sim/virtual-clock.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const PACKS = 3_000;

describe('model mode', () => {
  it('is reproducible from the seed, and another seed gives another day', () => {
    const a = runModel({ seed: 'repro', packs: 1_500 }).counters;
    const b = runModel({ seed: 'repro', packs: 1_500 }).counters;
    const c = runModel({ seed: 'other', packs: 1_500 }).counters;
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });

  it('normal day: most swaps succeed, devices report, and the counters add up', () => {
    const m = new FleetModel({ seed: 1, packs: PACKS });
    const c = m.run();
    expect(c.simulatedMs).toBe(DAY);
    expect(c.steps).toBe(1440);
    expect(c.swapsAttempted).toBeGreaterThan(PACKS * 0.2);
    expect(c.swapsDone / c.swapsAttempted).toBeGreaterThan(0.6);
    const denied = c.deniedNoReadyPack + c.deniedNoFreeSlot + c.deniedKioskOffline;
    expect(c.swapsAttempted + c.firstPickupsAttempted).toBe(c.swapsDone + c.firstPickups + denied + c.leftWithoutPack + c.pickupsFailed);
    expect(c.firstPickups).toBeGreaterThan(0);
    // Every carried or slotted pack reports at least every hour; kiosks every 30 s.
    expect(c.packReadings).toBeGreaterThan(PACKS * 20);
    expect(c.kioskStatusReports).toBeGreaterThanOrEqual(m.kiosks.length * 2880);
    expect(c.demandByHour).toHaveLength(24);
    expect(c.demandByHour.reduce((x, y) => x + y, 0)).toBe(c.swapsAttempted + c.firstPickupsAttempted);
    expect(m.stockOutMinutesByStore).toHaveLength(m.stores.ids.length);
    expect(c.overheatEpisodes).toBe(0);
  });

  it('launch surge: sign-ups grow about tenfold over four days and stores run out of stock', () => {
    const sc = scenario('launch-surge');
    const n = 10_000;
    let atStart = 0;
    let byDay4 = 0;
    for (let r = 0; r < n; r++) {
      const t = signUpOffsetMs(sc.demand, r, n);
      if (t === 0) atStart++;
      if (t <= 4 * DAY) byDay4++;
    }
    expect(byDay4 / atStart).toBeGreaterThan(8);
    expect(byDay4 / atStart).toBeLessThan(13);

    const normal = runModel({ seed: 2, packs: PACKS }).counters;
    const surge = runModel({ seed: 2, packs: PACKS, scenario: 'launch-surge' }).counters;
    const perDay = (hours: number[], d: number): number => hours.slice(d * 24, d * 24 + 24).reduce((x, y) => x + y, 0);
    expect(perDay(surge.demandByHour, 3)).toBeGreaterThan(5 * perDay(surge.demandByHour, 0));
    expect(surge.firstPickupsAttempted).toBeGreaterThan(surge.swapsAttempted * 0.5);
    expect(surge.stockOutStoreMinutes / 5).toBeGreaterThan(3 * normal.stockOutStoreMinutes);
  });

  it('lot recall: nothing unusual for a day, then the bad lot overheats and some of its packs swell', () => {
    const m = new FleetModel({ seed: 3, packs: PACKS, lotSize: 500, scenario: 'lot-recall' });
    const recall = m.scenario.recall!;
    m.clock.runUntil(m.startMs + recall.startsAfterMs);
    expect(m.counters.overheatEpisodes).toBe(0);
    const c = m.run();
    expect(c.overheatEpisodes).toBeGreaterThan(5);
    let faultyInLot = 0;
    let faultyElsewhere = 0;
    for (let i = 0; i < m.packs.size; i++) {
      if (m.packs.faultFlags[i] === 0) continue;
      if (m.packs.lotOf(i) === recall.lot) faultyInLot++;
      else faultyElsewhere++;
    }
    expect(faultyInLot).toBeGreaterThan(0);
    expect(faultyElsewhere).toBe(0);
    const swollen = Array.from(m.packs.faultFlags).filter((f) => (f & PackFaultBit.PACK_FAULT_SWELLING) !== 0).length;
    expect(swollen).toBe(c.swellings);
  });

  it('kiosk outage: the kiosk queues five hours of reports and replays them all on reconnect', () => {
    const m = new FleetModel({ seed: 4, packs: PACKS, scenario: 'kiosk-outage' });
    const out = m.scenario.outages[0]!;
    m.clock.runUntil(m.startMs + out.startsAfterMs + HOUR);
    expect(m.kiosks[out.kiosk]?.online).toBe(false);
    const c = m.run();
    // 5 h of 30 s status reports at least, plus anything that changed.
    expect(c.queuedWhileOffline).toBeGreaterThanOrEqual((out.lastsMs / 30_000) - 2);
    expect(c.replayedAfterReconnect).toBe(c.queuedWhileOffline);
    expect(m.kiosks[out.kiosk]?.online).toBe(true);
    expect(m.stockOutMinutesByStore[0]).toBeGreaterThanOrEqual(out.lastsMs / 60_000);
  });

  it('bad network: duplicates, reordering and corruption in proportion, storms and skewed clocks counted', () => {
    const m = new FleetModel({ seed: 5, packs: PACKS, scenario: 'bad-network' });
    const c = m.run();
    const f = m.scenario.network;
    const sent = c.packReadings + c.kioskStatusReports + c.kioskEvents;
    expect(c.duplicatesInjected / sent).toBeCloseTo(f.duplicateRate, 2);
    expect(c.corruptInjected / sent).toBeCloseTo(f.corruptRate, 2);
    expect(c.reorderedInjected / sent).toBeCloseTo(f.reorderRate, 2);
    const devices = m.packs.size + m.kiosks.length;
    expect(c.reconnects).toBe(f.reconnectStorms.reduce((s, st) => s + Math.round(devices * st.share), 0));
    expect(c.skewedDevices).toBeGreaterThan(0);
  });

  it('shares one virtual clock with other users of it (as the server does in the demo)', () => {
    const clock = new VirtualClock(Date.UTC(2025, 0, 6));
    let serverTicks = 0;
    clock.every(30_000, () => serverTicks++);
    const m = new FleetModel({ seed: 6, packs: 500 }, clock);
    m.run(clock.now() + 6 * HOUR);
    expect(serverTicks).toBe(6 * 120);
    expect(m.counters.steps).toBe(360);
  });

  it('knows all five scenarios', () => {
    expect([...SCENARIO_NAMES].sort()).toEqual(['bad-network', 'kiosk-outage', 'launch-surge', 'lot-recall', 'normal-day']);
    for (const name of SCENARIO_NAMES) expect(scenario(name).durationMs).toBeGreaterThan(0);
  });
});
