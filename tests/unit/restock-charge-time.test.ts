// The server's charge-time table against the simulator's documented CC/CV curve, and the readiness
// rules: already ready, not charging, worn, slow current.
import { describe, expect, it } from 'vitest';
import { chargeClockH as serverClock, hoursToReady } from '../../domain/restock/charge-time.ts';
import { chargeClockH as simClock } from '../../firmware-sim/battery-curves.ts';

describe('charge time', () => {
  it.each([0, 10, 25, 40, 55, 70, 79, 80, 81, 85, 88, 90, 93, 96, 98, 100])('agrees with the documented curve within 3 minutes at %d %%', (soc) => {
    expect(Math.abs(serverClock(soc) - simClock(soc / 100)) * 60).toBeLessThan(3);
  });

  it.each([
    ['already ready', 95, 90, 0, 100, 0],
    ['not charging (no current)', 40, 90, 0, 100, null],
    ['from flat, a new pack: 2.32 h', 0, 90, 1300, 100, 2.32],
    ['from 50 %: the CC phase is one hour shorter', 50, 90, 1300, 100, 1.32],
    ['worn (80 % SoH): less to fill, 20 % sooner', 50, 90, 1300, 80, 1.32 * 0.8],
    ['half the rated current in CC: that phase takes twice as long', 50, 90, 650, 100, 1.32 + 0.6],
  ] as const)('%s', (_name, soc, target, ma, soh, expected) => {
    const h = hoursToReady(soc, target, ma, soh);
    if (expected === null) expect(h).toBeNull();
    else expect(h).toBeCloseTo(expected, 2);
  });
});
