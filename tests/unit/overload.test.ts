// The overload policy, table-driven: how the refused share of pack telemetry follows the event
// loop's lag and the store's backlog, and how devices are picked.
import { describe, expect, it } from 'vitest';
import { DEFAULT_OVERLOAD_POLICY as P, nextRefusedShare, refusesDevice } from '../../domain/overload.ts';

describe('refused share', () => {
  it.each([
    ['calm stays calm', 0, 5, 0.5, 0, 0],
    ['lag past the limit, loop busy, a second tick in a row: starts refusing', 0, 41, 0.95, 0, 0.1],
    ['keeps climbing while it lags', 0.5, 200, 1, 0, 0.6],
    ['never refuses everything for lag', 0.9, 500, 1, 0, 0.9],
    ['a lagging but idle loop is starved by others: no refusing', 0, 500, 0.3, 0, 0],
    ['and eases off when the cause was others', 0.5, 500, 0.3, 0, 0.48],
    ['holds between half the limit and the limit', 0.3, 30, 0.95, 0, 0.3],
    ['eases off slowly once well under', 0.3, 10, 0.95, 0, 0.28],
    ['reaches zero', 0.01, 0, 0.9, 0, 0],
    ['a backlog past 80 % refuses in proportion', 0, 0, 0.5, 0.9, 0.5],
    ['a full backlog refuses every pack', 0, 0, 0.5, 1, 1],
    ['the larger of the two wins', 0.6, 30, 0.95, 0.85, 0.6],
  ])('%s', (_name, current, lag, busy, backlog, expected) => {
    expect(nextRefusedShare(current, { loopLagMs: lag, loopBusy: busy, ticksOver: 2, backlogFill: backlog }, P)).toBeCloseTo(expected, 3);
  });

  it('takes one lagging tick (a garbage-collection pause) for nothing: it needs two in a row', () => {
    expect(nextRefusedShare(0, { loopLagMs: 300, loopBusy: 1, ticksOver: 1, backlogFill: 0 }, P)).toBe(0);
    expect(nextRefusedShare(0, { loopLagMs: 300, loopBusy: 1, ticksOver: 2, backlogFill: 0 }, P)).toBeCloseTo(0.1, 3);
  });

  it('is off when the lag limit is 0, except for a full backlog', () => {
    const off = { ...P, maxLoopLagMs: 0 };
    expect(nextRefusedShare(0.5, { loopLagMs: 900, loopBusy: 1, ticksOver: 9, backlogFill: 0 }, off)).toBe(0);
    expect(nextRefusedShare(0, { loopLagMs: 900, loopBusy: 1, ticksOver: 9, backlogFill: 1 }, off)).toBe(1);
  });
});

describe('which devices are refused', () => {
  const hashes = Array.from({ length: 10_000 }, (_, i) => Math.imul(i + 1, 2_654_435_761) >>> 0);
  it.each([0.1, 0.5, 0.9])('refuses about %f of devices', (share) => {
    const refused = hashes.filter((h) => refusesDevice(h, 7, share)).length / hashes.length;
    expect(refused).toBeGreaterThan(share - 0.03);
    expect(refused).toBeLessThan(share + 0.03);
  });
  it('refuses none at 0 and all at 1', () => {
    expect(hashes.some((h) => refusesDevice(h, 3, 0))).toBe(false);
    expect(hashes.length).toBeGreaterThan(0); // .every below is vacuous over nothing
    expect(hashes.every((h) => refusesDevice(h, 3, 1))).toBe(true);
  });
  it('decides per device within a window, and rotates who is refused across windows', () => {
    const a = hashes.map((h) => refusesDevice(h, 1, 0.5));
    expect(hashes.map((h) => refusesDevice(h, 1, 0.5))).toEqual(a);
    const b = hashes.map((h) => refusesDevice(h, 2, 0.5));
    const same = a.filter((x, i) => x === b[i]).length / a.length;
    expect(same).toBeLessThan(0.6);
  });
});
