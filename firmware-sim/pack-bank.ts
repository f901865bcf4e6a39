// A fleet's packs as struct-of-arrays with the scheduling around the physics: working packs step
// every tick, packs at rest in slices; state changes and the report cadence decide who reports.
import { PackState } from '../proto/codec.ts';
import * as physics from './battery-model.ts';
import type { Ambient, PackArrays } from './battery-model.ts';

// Imported bindings are read through getters under tsx; the loops use module-local copies.
const activePackAt = physics.activePackAt;
const restPackAt = physics.restPackAt;
const isResting = physics.isResting;
const packStateOf = physics.packStateOf;
const MODE_CARRIED = physics.MODE_CARRIED;
const MODE_DEPOT = physics.MODE_DEPOT;
const THERMAL_TAU_S = physics.THERMAL_TAU_S;
const DEFAULT_AMBIENT = physics.DEFAULT_AMBIENT;
const ST_DISCHARGING = PackState.PACK_STATE_DISCHARGING;
const ST_CHARGING = PackState.PACK_STATE_CHARGING;
const ST_FULL = PackState.PACK_STATE_FULL;
const ST_IDLE = PackState.PACK_STATE_IDLE;
const ST_SLEEP = PackState.PACK_STATE_SLEEP;
const ST_FAULT = PackState.PACK_STATE_FAULT;

/** How often a pack reports in each state, ms (and at once on every state change). */
export const REPORT_EVERY_MS: Readonly<Record<number, number>> = {
  [ST_DISCHARGING]: 5 * 60_000,
  [ST_CHARGING]: 15 * 60_000,
  [ST_FULL]: 30 * 60_000,
  [ST_IDLE]: 30 * 60_000,
  [ST_SLEEP]: 60 * 60_000,
  [ST_FAULT]: 60_000,
};
/** REPORT_EVERY_MS indexed by state number, for the hot loop. */
const REPORT_EVERY_BY_STATE = new Float64Array(8).fill(30 * 60_000);
for (const [st, ms] of Object.entries(REPORT_EVERY_MS)) REPORT_EVERY_BY_STATE[Number(st)] = ms;
export class PackBank implements PackArrays {
  readonly size: number;
  readonly ids: string[];
  /** State of charge of the actual (faded) capacity, 0..1. */
  readonly soc: Float64Array;
  /** State of health, fraction of rated capacity. */
  readonly soh: Float64Array;
  /** Charge throughput into the cell since new, mAh; cycles = floor(chargedMah / rated). */
  readonly chargedMah: Float64Array;
  /** Mean cell current over the last step, mA: + charging, - discharging. */
  readonly currentMa: Float64Array;
  readonly tempC: Float64Array;
  /** Load on the 5 V output while carried, mA; 0 = no phone connected. */
  readonly outMa: Float32Array;
  readonly mode: Uint8Array;
  readonly flags: Uint8Array;
  /** Bitwise OR of fleet.v1 PackFaultBit. */
  readonly faultFlags: Uint8Array;
  /** fleet.v1 PackState number, as last reported. */
  readonly state: Uint8Array;
  readonly stateSinceMs: Float64Array;
  /** An overheating episode (internal short) lasts until this time. */
  readonly overheatUntilMs: Float64Array;
  readonly nextReportAtMs: Float64Array;
  /** Who holds the pack: customer index, or -1. Where it sits: kiosk index and slot, or -1. */
  readonly holder: Int32Array;
  readonly kiosk: Int32Array;
  readonly slot: Int16Array;
  /** Packs are made in lots of lotSize consecutive indexes; lot(i) = floor(i / lotSize). */
  readonly lotSize: number;
  readonly lotCount: number;
  /** Overheating hazard per pack-hour for each lot (a recall scenario raises one lot's). */
  readonly lotOverheatPerHour: Float64Array;
  /** Packs due to report after the last stepAll(): indexes in due[0 .. dueCount). */
  readonly due: Int32Array;
  dueCount = 0;
  /** When stepAll() last advanced each pack. */
  readonly lastStepMs: Float64Array;
  /** Packs at rest are advanced about this often by stepAll() (0: every step). */
  restStrideMs = 5 * 60_000;
  /** Working packs, advanced every step: activeList[0 .. activeCount), activeFlag[i] = 1 for members. */
  readonly activeFlag: Uint8Array;
  readonly activeList: Int32Array;
  activeCount = 0;
  private sliceCursor = 0;
  private started = false;
  private alphaMs = NaN;
  private alphaValue = 0;

  constructor(size: number, opts: { idPrefix?: string; lotSize?: number; baselineOverheatPerHour?: number } = {}) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('PackBank size must be a positive integer');
    this.size = size;
    const prefix = opts.idPrefix ?? 'pk-';
    const width = Math.max(6, String(size - 1).length);
    this.ids = Array.from({ length: size }, (_, i) => prefix + String(i).padStart(width, '0'));
    const a = physics.createPackArrays(size);
    this.soc = a.soc;
    this.soh = a.soh;
    this.chargedMah = a.chargedMah;
    this.currentMa = a.currentMa;
    this.tempC = a.tempC;
    this.outMa = a.outMa;
    this.mode = a.mode;
    this.flags = a.flags;
    this.faultFlags = a.faultFlags;
    this.state = a.state;
    this.stateSinceMs = a.stateSinceMs;
    this.overheatUntilMs = a.overheatUntilMs;
    this.nextReportAtMs = new Float64Array(size);
    this.holder = new Int32Array(size).fill(-1);
    this.kiosk = new Int32Array(size).fill(-1);
    this.slot = new Int16Array(size).fill(-1);
    this.lotSize = Math.max(1, Math.min(size, opts.lotSize ?? 5000));
    this.lotCount = Math.ceil(size / this.lotSize);
    this.lotOverheatPerHour = new Float64Array(this.lotCount).fill(opts.baselineOverheatPerHour ?? 2e-7);
    this.due = new Int32Array(size);
    this.lastStepMs = new Float64Array(size);
    this.activeFlag = new Uint8Array(size);
    this.activeList = new Int32Array(size);
  }

  lotOf(i: number): number {
    return Math.floor(i / this.lotSize);
  }

  cycles(i: number): number {
    return physics.packCycles(this, i);
  }

  /** Terminal voltage, mV. */
  voltageMv(i: number): number {
    return physics.packVoltageMv(this, i);
  }

  /**
   * Tells the bank pack i may have started working (a load, a slot, an overheating episode) so the
   * next stepAll() advances it every step. Code that changes mode, outMa or flags calls this; a pack
   * nobody marks is still found within one rest stride.
   */
  markActive(i: number): void {
    if (this.activeFlag[i] === 1) return;
    this.activeFlag[i] = 1;
    this.activeList[this.activeCount++] = i;
  }

  /**
   * Advances the packs to nowMs (the step being dtMs long) and lists the packs due to report.
   * Working packs (the active list) advance every step. Packs at rest advance once per restStrideMs,
   * a slice of the bank per step: their physics (self-discharge, cooling toward ambient) is solved
   * exactly over any interval, so only the timing of their state checks and idle reports coarsens.
   * A pack that starts working first catches up its rest. restStrideMs = 0 visits every pack each step.
   */
  stepAll(nowMs: number, dtMs: number, ambient: Ambient = DEFAULT_AMBIENT): void {
    const dtH = dtMs / 3_600_000;
    const alpha = this.alphaFor(dtMs);
    const { mode, lastStepMs, activeFlag, activeList } = this;
    this.dueCount = 0;
    const slices = this.started ? Math.max(1, Math.round(this.restStrideMs / dtMs)) : 1;
    if (!this.started) {
      lastStepMs.fill(nowMs - dtMs);
      this.started = true;
    }
    // Working packs.
    for (let k = 0; k < this.activeCount; k++) {
      const i = activeList[k] as number;
      const m = mode[i] as number;
      const amb = m === MODE_CARRIED ? ambient.carriedC : m === MODE_DEPOT ? ambient.depotC : ambient.slotC;
      if (isResting(this, i, nowMs)) {
        restPackAt(this, i, (nowMs - (lastStepMs[i] as number)) / 3_600_000, this.alphaFor(nowMs - (lastStepMs[i] as number)), amb);
        // Swap-remove: it rests now, and the slices will visit it.
        activeFlag[i] = 0;
        activeList[k] = activeList[--this.activeCount] as number;
        k--;
      } else {
        const gap = nowMs - dtMs - (lastStepMs[i] as number);
        if (gap > 0) restPackAt(this, i, gap / 3_600_000, this.alphaFor(gap), amb);
        activePackAt(this, i, nowMs, dtH, alpha, amb);
      }
      lastStepMs[i] = nowMs;
      this.afterStep(i, nowMs);
    }
    // This step's slice of resting packs.
    const phase = this.sliceCursor % slices;
    this.sliceCursor = (phase + 1) % slices;
    const from = Math.floor((this.size * phase) / slices);
    const to = Math.floor((this.size * (phase + 1)) / slices);
    for (let i = from; i < to; i++) {
      if (activeFlag[i] === 1) continue;
      const m = mode[i] as number;
      const amb = m === MODE_CARRIED ? ambient.carriedC : m === MODE_DEPOT ? ambient.depotC : ambient.slotC;
      if (isResting(this, i, nowMs)) {
        const gap = nowMs - (lastStepMs[i] as number);
        if (gap > 0) restPackAt(this, i, gap / 3_600_000, this.alphaFor(gap), amb);
      } else {
        // Started working without being marked: step it now and keep it on the active list.
        this.markActive(i);
        const gap = nowMs - dtMs - (lastStepMs[i] as number);
        if (gap > 0) restPackAt(this, i, gap / 3_600_000, this.alphaFor(gap), amb);
        activePackAt(this, i, nowMs, dtH, alpha, amb);
      }
      lastStepMs[i] = nowMs;
      this.afterStep(i, nowMs);
    }
  }

  /** State change and report schedule after a pack was advanced to nowMs. */
  private afterStep(i: number, nowMs: number): void {
    if (this.mode[i] === MODE_DEPOT) return;
    const st = packStateOf(this, i, nowMs);
    if (st !== this.state[i]) {
      this.state[i] = st;
      this.stateSinceMs[i] = nowMs;
    } else if (nowMs < (this.nextReportAtMs[i] as number)) return;
    this.due[this.dueCount++] = i;
    this.nextReportAtMs[i] = nowMs + (REPORT_EVERY_BY_STATE[st] as number);
  }

  /** Thermal relaxation factor for an interval, with a one-entry cache (most intervals repeat). */
  private alphaFor(ms: number): number {
    if (ms !== this.alphaMs) {
      this.alphaMs = ms;
      this.alphaValue = 1 - Math.exp(-ms / 1000 / THERMAL_TAU_S);
    }
    return this.alphaValue;
  }
}
