// When ingest is past its capacity: which share of pack telemetry to refuse, so that what is taken
// keeps its latency and the system keeps committing at its sustained rate instead of every device
// waiting longer and longer. Pure: the caller measures and passes the signals in, every tick.
// Kiosks (statuses, events, swap requests) are never refused for load: a customer at a kiosk
// comes first.

export interface OverloadSignals {
  /** How far the event loop fell behind in the last tick, ms (its worst delay). */
  loopLagMs: number;
  /**
   * Share of the last tick the event loop spent working, 0..1. A loop that lags while mostly idle
   * is starved by other processes, not overloaded by its own work: refusing devices would not help.
   */
  loopBusy: number;
  /** Ticks in a row, this one included, in which the loop lagged past the limit while busy. */
  ticksOver: number;
  /** How full the store's backlog behind the log is, 0..1 (unstored readings over their bound, or log bytes over theirs). */
  backlogFill: number;
}

export interface OverloadPolicy {
  /** Above this loop lag, the refused share grows... */
  maxLoopLagMs: number;
  /** ...while the loop is at least this busy (our own work is the cause)... */
  minBusy: number;
  /** ...for this many ticks in a row (one garbage-collection pause is not overload). */
  sustainTicks: number;
  /** The share grows by this much per tick while over... */
  stepUp: number;
  /** ...and shrinks by this much per tick once under half the limit. */
  stepDown: number;
  /** The most that is refused for loop lag (some readings always go through, so progress shows). */
  maxShare: number;
  /** From this backlog fill on, refuse in proportion, reaching everything at a full backlog. */
  backlogFrom: number;
}

export const DEFAULT_OVERLOAD_POLICY: OverloadPolicy = { maxLoopLagMs: 40, minBusy: 0.85, sustainTicks: 2, stepUp: 0.1, stepDown: 0.02, maxShare: 0.9, backlogFrom: 0.8 };

/** Whether this tick counts toward `ticksOver`. */
export function tickIsOver(s: Pick<OverloadSignals, 'loopLagMs' | 'loopBusy'>, p: OverloadPolicy): boolean {
  return p.maxLoopLagMs > 0 && s.loopLagMs > p.maxLoopLagMs && s.loopBusy >= p.minBusy;
}

/**
 * The share of pack telemetry to refuse next tick: additive increase while the loop lags past the
 * limit and is busy with our own work, slow decrease once it is well under or mostly idle (so it
 * does not flap), and at least the backlog's proportional share when the store falls far behind.
 * 0 when the limit is 0 (switched off).
 */
export function nextRefusedShare(current: number, s: OverloadSignals, p: OverloadPolicy): number {
  let share = current;
  if (p.maxLoopLagMs > 0) {
    if (tickIsOver(s, p) && s.ticksOver >= p.sustainTicks) share = Math.min(p.maxShare, share + p.stepUp);
    else if (s.loopLagMs < p.maxLoopLagMs / 2 || s.loopBusy < p.minBusy) share = Math.max(0, share - p.stepDown);
  } else {
    share = 0;
  }
  const backlog = p.backlogFrom < 1 ? Math.min(1, Math.max(0, (s.backlogFill - p.backlogFrom) / (1 - p.backlogFrom))) : 0;
  return Math.round(Math.max(share, backlog) * 1000) / 1000;
}

/**
 * Whether one device's message is refused at this share: decided per device and tick window, not
 * per message, so a refused device is cut off once (it keeps its readings and comes back later)
 * and the others are not disturbed at all. `hash` is any stable hash of the device id (0..2^32).
 */
export function refusesDevice(hash: number, window: number, share: number): boolean {
  if (share <= 0) return false;
  if (share >= 1) return true;
  // Mix the window in so that the refused devices rotate instead of always being the same ones.
  const h = (Math.imul(hash ^ Math.imul(window, 0x9e3779b1), 0x85ebca6b) >>> 0) / 2 ** 32;
  return h < share;
}
