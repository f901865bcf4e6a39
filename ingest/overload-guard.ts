// Measures whether ingest is past its capacity (how far the event loop falls behind, how full the
// store's backlog is) ten times a second, and answers, per pack message, whether to refuse it
// (domain/overload.ts decides the share). Refused devices are disconnected without a PUBACK and
// resend later; what is taken keeps its latency. Kiosks are never refused here.
import { monitorEventLoopDelay, performance, type EventLoopUtilization, type IntervalHistogram } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { nextRefusedShare, refusesDevice, tickIsOver, type OverloadPolicy } from '../domain/overload.ts';

export interface OverloadGuardOptions {
  policy: OverloadPolicy;
  /** How full the store's backlog behind the log is, 0..1. */
  backlogFill(): number;
  logger: Logger;
  tickMs?: number;
}

const RESOLUTION_MS = 10;

/** FNV-1a: a stable 32-bit hash of a device id. */
function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class OverloadGuard {
  /** The share of pack telemetry refused now, 0..1. */
  share = 0;
  /** Messages refused since start. */
  refused = 0;
  /** Worst event-loop delay of the last tick, ms. */
  lastLagMs = 0;
  /** Share of the last tick the event loop was busy, 0..1. */
  lastBusy = 0;
  private elu: EventLoopUtilization = performance.eventLoopUtilization();
  private window = 0;
  private ticksOver = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  private readonly log: Logger;

  constructor(private readonly o: OverloadGuardOptions) {
    this.log = o.logger.child({ component: 'overload' });
  }

  start(): void {
    if (this.timer) return;
    this.histogram.enable();
    this.timer = setInterval(() => this.tick(), this.o.tickMs ?? 100);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.histogram.disable();
  }

  /** One control step (the timer calls it; tests may pass the signals in). */
  tick(measured?: { lagMs: number; busy: number }): void {
    const now = performance.eventLoopUtilization();
    this.lastBusy = measured?.busy ?? performance.eventLoopUtilization(now, this.elu).utilization;
    this.elu = now;
    this.lastLagMs = measured?.lagMs ?? Math.max(0, this.histogram.max / 1e6 - RESOLUTION_MS);
    this.histogram.reset();
    const before = this.share;
    const signals = { loopLagMs: this.lastLagMs, loopBusy: this.lastBusy };
    this.ticksOver = tickIsOver(signals, this.o.policy) ? this.ticksOver + 1 : 0;
    this.share = nextRefusedShare(this.share, { ...signals, ticksOver: this.ticksOver, backlogFill: this.o.backlogFill() }, this.o.policy);
    this.window++;
    // State changes only, never per message.
    if (before === 0 && this.share > 0) this.log.warn({ share: this.share, loopLagMs: Math.round(this.lastLagMs), loopBusy: this.lastBusy }, 'ingest past its capacity: refusing a share of pack telemetry');
    else if (before > 0 && this.share === 0) this.log.info({ refused: this.refused }, 'ingest within its capacity again');
  }

  /** Whether to refuse this pack's message now. */
  refuses(deviceId: string): boolean {
    if (this.share <= 0 || !refusesDevice(hashId(deviceId), this.window, this.share)) return false;
    this.refused++;
    return true;
  }
}
