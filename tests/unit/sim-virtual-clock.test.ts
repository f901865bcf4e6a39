// The simulator's clock: timers fire in time order (ties in scheduling order), now() follows the
// timers, intervals do not drift, and the same clock can be handed to the server as a domain Clock.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../domain/clock.ts';
import { DEFAULT_SIM_START_MS, RealTimeClock, VirtualClock } from '../../firmware-sim/virtual-clock.ts';

describe('VirtualClock', () => {
  it('is a domain Clock the server can share, starting on a Monday by default', () => {
    const clock: Clock = new VirtualClock();
    expect(clock.now()).toBe(DEFAULT_SIM_START_MS);
    expect(new Date(clock.now()).getUTCDay()).toBe(1);
  });

  it('fires timers in time order whatever order they were scheduled in, ties in scheduling order', () => {
    const c = new VirtualClock(0);
    const seen: string[] = [];
    c.schedule(300, () => seen.push('c@300'));
    c.schedule(100, () => seen.push('a@100'));
    c.schedule(200, () => seen.push('b1@200'));
    c.schedule(200, () => seen.push('b2@200'));
    expect(c.runUntil(1000)).toBe(4);
    expect(seen).toEqual(['a@100', 'b1@200', 'b2@200', 'c@300']);
  });

  it('reads the due time during a callback and the target time after the run', () => {
    const c = new VirtualClock(1_000);
    const at: number[] = [];
    c.after(50, (t) => at.push(t, c.now()));
    c.advance(500);
    expect(at).toEqual([1_050, 1_050]);
    expect(c.now()).toBe(1_500);
  });

  it('runs intervals without drift and stops them on cancel', () => {
    const c = new VirtualClock(0);
    const ticks: number[] = [];
    const id = c.every(30_000, (t) => ticks.push(t));
    c.runUntil(120_000);
    expect(ticks).toEqual([30_000, 60_000, 90_000, 120_000]);
    expect(c.cancel(id)).toBe(true);
    c.advance(300_000);
    expect(ticks).toHaveLength(4);
    expect(c.pending()).toBe(0);
  });

  it('fires timers that timers schedule when they fall due within the same run', () => {
    const c = new VirtualClock(0);
    const seen: number[] = [];
    c.schedule(10, () => {
      seen.push(c.now());
      c.after(5, () => seen.push(c.now()));
      c.schedule(0, () => seen.push(c.now())); // in the past: fires at once, at 10
    });
    c.runUntil(20);
    expect(seen).toEqual([10, 10, 15]);
  });

  it('stops a runaway timer with an error instead of hanging', () => {
    const c = new VirtualClock(0);
    c.maxFiresPerRun = 1000;
    const again = (): void => void c.schedule(c.now(), again);
    c.schedule(1, again);
    expect(() => c.runUntil(10)).toThrow(/more than 1000 timers/);
  });

  it('rejects a non-positive interval', () => {
    expect(() => new VirtualClock(0).every(0, () => {})).toThrow(RangeError);
  });

  it('runPaced reaches the target time, yielding to the event loop between slices', async () => {
    const c = new VirtualClock(0);
    let fired = 0;
    c.every(1_000, () => fired++);
    // Other work queued on the event loop as setImmediate callbacks: it runs between slices only if
    // runPaced yields. (A setInterval of "0" is 1 ms: on a fast machine all 12 slices finish before
    // it is due, so it could not tell.)
    let otherWork = 0;
    let stop = false;
    const tick = () => {
      otherWork++;
      if (!stop) setImmediate(tick);
    };
    setImmediate(tick);
    await c.runPaced({ untilMs: 60_000, sliceMs: 5_000 });
    stop = true;
    expect(c.now()).toBe(60_000);
    expect(fired).toBe(60);
    // 12 slices, each followed by one turn of the loop: the other work ran once per turn.
    expect(otherWork).toBeGreaterThanOrEqual(11);
  });
});

describe('RealTimeClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('follows the wall clock plus an offset and fires intervals on the planned times', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const c = new RealTimeClock({ offsetMs: 5_000 });
    expect(c.now()).toBe(1_005_000);
    const ticks: number[] = [];
    c.every(30_000, (t) => ticks.push(t));
    const once: number[] = [];
    c.after(10_000, (t) => once.push(t));
    vi.advanceTimersByTime(95_000);
    expect(once).toEqual([1_015_000]);
    expect(ticks).toEqual([1_035_000, 1_065_000, 1_095_000]);
    c.stop();
    vi.advanceTimersByTime(60_000);
    expect(ticks).toHaveLength(3);
  });
});
