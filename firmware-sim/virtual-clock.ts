// Simulator time: a deterministic virtual clock with a timer queue (fires in time order, ties in
// scheduling order), and a real-time clock with the same interface for runs against a remote server.
// Both satisfy domain/clock.ts Clock structurally, so the server can share the virtual one.

export type TimerFn = (atMs: number) => void;

/** What simulated devices need from time. Structurally a domain Clock plus timers. */
export interface SimClock {
  /** Unix epoch milliseconds. */
  now(): number;
  /** Calls fn once at atMs (now, if atMs is in the past). Returns a timer id for cancel(). */
  schedule(atMs: number, fn: TimerFn): number;
  /** Calls fn once after delayMs. */
  after(delayMs: number, fn: TimerFn): number;
  /** Calls fn every intervalMs, first at firstAtMs (default now + intervalMs). Drift-free. */
  every(intervalMs: number, fn: TimerFn, firstAtMs?: number): number;
  /** Cancels a timer; true when it was pending. */
  cancel(id: number): boolean;
}

interface Timer {
  id: number;
  atMs: number;
  /** Tie-breaker: timers due at the same ms fire in the order they were scheduled. */
  seq: number;
  intervalMs: number;
  fn: TimerFn;
}

/** Default start: Monday 6 January 2025, 00:00 UTC, so day-of-week logic starts on a weekday. */
export const DEFAULT_SIM_START_MS = Date.UTC(2025, 0, 6);

/** Guard against a runaway timer (e.g. one that reschedules itself at the same instant forever). */
const DEFAULT_MAX_FIRES_PER_RUN = 100_000_000;

export class VirtualClock implements SimClock {
  private nowMs: number;
  private readonly heap: Timer[] = [];
  private readonly live = new Map<number, Timer>();
  private nextId = 1;
  private nextSeq = 0;
  /** Upper bound on timer calls in one runUntil(); exceeded means a bug, so it throws. */
  maxFiresPerRun = DEFAULT_MAX_FIRES_PER_RUN;

  constructor(startMs: number = DEFAULT_SIM_START_MS) {
    if (!Number.isFinite(startMs)) throw new RangeError('startMs must be finite');
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  schedule(atMs: number, fn: TimerFn): number {
    return this.add(Math.max(atMs, this.nowMs), 0, fn);
  }

  after(delayMs: number, fn: TimerFn): number {
    return this.schedule(this.nowMs + Math.max(0, delayMs), fn);
  }

  every(intervalMs: number, fn: TimerFn, firstAtMs?: number): number {
    if (!(intervalMs > 0) || !Number.isFinite(intervalMs)) throw new RangeError('intervalMs must be a positive finite number');
    return this.add(Math.max(firstAtMs ?? this.nowMs + intervalMs, this.nowMs), intervalMs, fn);
  }

  cancel(id: number): boolean {
    // Lazy deletion: the heap entry stays and is skipped when it reaches the top.
    return this.live.delete(id);
  }

  /** Timers still pending. */
  pending(): number {
    return this.live.size;
  }

  /** When the next timer is due, or undefined when none is pending. */
  nextDueMs(): number | undefined {
    this.dropCancelledTop();
    return this.heap[0]?.atMs;
  }

  /** Moves time forward by ms, firing every timer due on the way. Returns the number fired. */
  advance(ms: number): number {
    if (!(ms >= 0)) throw new RangeError('advance() takes a non-negative duration');
    return this.runUntil(this.nowMs + ms);
  }

  /**
   * Fires every timer due at or before untilMs in time order; during a call now() reads the timer's
   * due time. Timers scheduled by timers fire in the same run when they fall due. Ends with now() = untilMs.
   */
  runUntil(untilMs: number): number {
    if (untilMs < this.nowMs) return 0;
    let fired = 0;
    for (;;) {
      this.dropCancelledTop();
      const top = this.heap[0];
      if (top === undefined || top.atMs > untilMs) break;
      this.pop();
      if (++fired > this.maxFiresPerRun) throw new Error(`VirtualClock: more than ${this.maxFiresPerRun} timers fired in one run`);
      this.nowMs = top.atMs;
      if (top.intervalMs > 0) {
        // Re-arm before the call so a throwing callback does not silently kill its interval.
        top.atMs += top.intervalMs;
        top.seq = this.nextSeq++;
        this.push(top);
      } else {
        this.live.delete(top.id);
      }
      top.fn(this.nowMs);
    }
    this.nowMs = untilMs;
    return fired;
  }

  /**
   * Runs toward untilMs in slices of sliceMs simulated time, yielding to the event loop between
   * slices so that a server sharing this clock in the same process can do its I/O. speed is
   * simulated ms per wall ms (Infinity: as fast as the slices allow). Bounded by maxWallMs.
   */
  async runPaced(opts: { untilMs: number; speed?: number; sliceMs?: number; maxWallMs?: number; signal?: AbortSignal }): Promise<void> {
    const speed = opts.speed ?? Infinity;
    const sliceMs = Math.max(1, opts.sliceMs ?? 1000);
    const wallStart = Date.now();
    const simStart = this.nowMs;
    const maxWallMs = opts.maxWallMs ?? 24 * 3600_000;
    while (this.nowMs < opts.untilMs) {
      if (opts.signal?.aborted) return;
      if (Date.now() - wallStart > maxWallMs) throw new Error('VirtualClock.runPaced: maxWallMs exceeded');
      this.runUntil(Math.min(opts.untilMs, this.nowMs + sliceMs));
      const aheadMs = Number.isFinite(speed) ? (this.nowMs - simStart) / speed - (Date.now() - wallStart) : 0;
      await new Promise<void>((resolve) => (aheadMs > 1 ? setTimeout(resolve, aheadMs) : setImmediate(resolve)));
    }
  }

  private add(atMs: number, intervalMs: number, fn: TimerFn): number {
    const t: Timer = { id: this.nextId++, atMs, seq: this.nextSeq++, intervalMs, fn };
    this.live.set(t.id, t);
    this.push(t);
    return t.id;
  }

  private dropCancelledTop(): void {
    for (let top = this.heap[0]; top !== undefined && this.live.get(top.id) !== top; top = this.heap[0]) this.pop();
  }

  private static before(x: Timer, y: Timer): boolean {
    return x.atMs < y.atMs || (x.atMs === y.atMs && x.seq < y.seq);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p] as Timer;
      if (!VirtualClock.before(t, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = t;
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop();
    if (last === undefined || h.length === 0) return;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && VirtualClock.before(h[r] as Timer, h[l] as Timer) ? r : l;
      if (!VirtualClock.before(h[c] as Timer, last)) break;
      h[i] = h[c] as Timer;
      i = c;
    }
    h[i] = last;
  }
}

/** Node's setTimeout limit; longer waits are re-armed in steps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Wall-clock time (optionally offset, e.g. to skew a whole simulator) with real timers. */
export class RealTimeClock implements SimClock {
  private readonly handles = new Map<number, NodeJS.Timeout>();
  private nextId = 1;

  constructor(private readonly opts: { offsetMs?: number; unref?: boolean } = {}) {}

  now(): number {
    return Date.now() + (this.opts.offsetMs ?? 0);
  }

  schedule(atMs: number, fn: TimerFn): number {
    const id = this.nextId++;
    this.arm(id, atMs, 0, fn);
    return id;
  }

  after(delayMs: number, fn: TimerFn): number {
    return this.schedule(this.now() + Math.max(0, delayMs), fn);
  }

  every(intervalMs: number, fn: TimerFn, firstAtMs?: number): number {
    if (!(intervalMs > 0) || !Number.isFinite(intervalMs)) throw new RangeError('intervalMs must be a positive finite number');
    const id = this.nextId++;
    this.arm(id, firstAtMs ?? this.now() + intervalMs, intervalMs, fn);
    return id;
  }

  cancel(id: number): boolean {
    const h = this.handles.get(id);
    if (h === undefined) return false;
    clearTimeout(h);
    this.handles.delete(id);
    return true;
  }

  /** Cancels every pending timer (for shutdown). */
  stop(): void {
    for (const h of this.handles.values()) clearTimeout(h);
    this.handles.clear();
  }

  private arm(id: number, atMs: number, intervalMs: number, fn: TimerFn): void {
    const wait = Math.max(0, atMs - this.now());
    const h = setTimeout(() => {
      if (!this.handles.has(id)) return;
      if (wait > MAX_TIMEOUT_MS || atMs - this.now() > 0) {
        this.arm(id, atMs, intervalMs, fn);
        return;
      }
      // Next due time counts from the planned time, not from when the callback ran: no drift.
      if (intervalMs > 0) this.arm(id, Math.max(atMs + intervalMs, this.now()), intervalMs, fn);
      else this.handles.delete(id);
      fn(atMs);
    }, Math.min(wait, MAX_TIMEOUT_MS));
    if (this.opts.unref) h.unref();
    this.handles.set(id, h);
  }
}
