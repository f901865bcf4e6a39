// Pure pack physics: charge (CC/CV), discharge into a phone, self-discharge, heat, cycle counting,
// fade and faults. State lives in a struct-of-arrays PackBank so 100k packs step without allocating;
// step() is the same physics for one pack held as a plain object.
import { PackFaultBit, PackState } from '../proto/codec.ts';
import * as curves from './battery-curves.ts';

// Imported bindings are read through getters under tsx; the hot loop uses these module-local copies.
const BATTERY = curves.BATTERY;
const chargeClockH = curves.chargeClockH;
const socAtChargeClock = curves.socAtChargeClock;
const ocvV = curves.ocvV;
const hotFadeFactor = curves.hotFadeFactor;
const selfDischargeFactor = curves.selfDischargeFactor;
const FULL_CHARGE_HOURS = curves.FULL_CHARGE_HOURS;
const SOC_AT_TERMINATION = curves.SOC_AT_TERMINATION;
const RATED_MAH = BATTERY.ratedMah;
const CHARGE_RESUME_AT_C = BATTERY.chargeResumeAtC;
const CHARGE_PAUSE_AT_C = BATTERY.chargePauseAtC;
const RECHARGE_BELOW_SOC = BATTERY.rechargeBelowSoc;
const CHARGER_LOSS = 1 / BATTERY.chargerEfficiency - 1;
const BOOST_EFF = BATTERY.boostEfficiency;
const BOOST_LOSS = 1 / BATTERY.boostEfficiency - 1;
const OUTPUT_V = BATTERY.outputV;
const OHM_NEW = BATTERY.internalOhmNew;
const OHM_RISE = BATTERY.internalOhmRisePerSohLost;
const OVERHEAT_W = BATTERY.overheatW;
const THERMAL_K_PER_W = BATTERY.thermalOhmKPerW;
const OVER_TEMP_TRIP_C = BATTERY.overTempTripC;
const OVER_TEMP_CLEAR_C = BATTERY.overTempClearC;
const FADE_PER_CYCLE = BATTERY.fadePerCycle;
const FADE_HOT_ABOVE_C = BATTERY.fadeHotAboveC;
const HOT_CAL_FADE_PER_H = BATTERY.hotCalendarFadePerH;

/** Where a pack is, which decides its load and ambient. */
export const MODE_DEPOT = 0; // warehouse, shipping mode: no load, no reports
export const MODE_CARRIED = 1; // with a customer; discharges while outMa > 0
export const MODE_SLOT = 2; // in a powered kiosk slot: charges
export const MODE_SLOT_UNPOWERED = 3; // in a slot of a kiosk on backup power: no charge

/** Internal (not reported) flags. */
export const F_CHARGE_DONE = 1; // charger terminated; restarts below BATTERY.rechargeBelowSoc
export const F_CHARGE_PAUSED = 2; // too hot to charge (JEITA pause)
export const F_OUTPUT_CUT = 4; // empty: boost converter off until the pack is recharged above 5 %

const OVER_TEMP = PackFaultBit.PACK_FAULT_OVER_TEMP;
const SWELLING = PackFaultBit.PACK_FAULT_SWELLING;
/** Faults that make the protection circuit stop both charge and discharge. */
export const BLOCKING_FAULTS = OVER_TEMP | SWELLING;

const ST_IDLE = PackState.PACK_STATE_IDLE;
const ST_DISCHARGING = PackState.PACK_STATE_DISCHARGING;
const ST_CHARGING = PackState.PACK_STATE_CHARGING;
const ST_FULL = PackState.PACK_STATE_FULL;
const ST_FAULT = PackState.PACK_STATE_FAULT;
const ST_SLEEP = PackState.PACK_STATE_SLEEP;

const SELF_DISCHARGE_PER_H = BATTERY.selfDischargePerMonth / (30 * 24);
const THERMAL_TAU_S = BATTERY.thermalOhmKPerW * BATTERY.heatCapacityJPerK;

/** Ambient temperature by where the pack is, C. */
export interface Ambient {
  carriedC: number;
  slotC: number;
  depotC: number;
}
export const DEFAULT_AMBIENT: Ambient = { carriedC: 25, slotC: 26, depotC: 18 };

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
/** An idle pack goes to sleep after this long. */
export const SLEEP_AFTER_MS = 30 * 60_000;

export class PackBank {
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
  readonly outMa: Float64Array;
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

  constructor(size: number, opts: { idPrefix?: string; lotSize?: number; baselineOverheatPerHour?: number } = {}) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('PackBank size must be a positive integer');
    this.size = size;
    const prefix = opts.idPrefix ?? 'pk-';
    const width = Math.max(6, String(size - 1).length);
    this.ids = Array.from({ length: size }, (_, i) => prefix + String(i).padStart(width, '0'));
    this.soc = new Float64Array(size).fill(1);
    this.soh = new Float64Array(size).fill(1);
    this.chargedMah = new Float64Array(size);
    this.currentMa = new Float64Array(size);
    this.tempC = new Float64Array(size).fill(DEFAULT_AMBIENT.carriedC);
    this.outMa = new Float64Array(size);
    this.mode = new Uint8Array(size).fill(MODE_CARRIED);
    this.flags = new Uint8Array(size);
    this.faultFlags = new Uint8Array(size);
    this.state = new Uint8Array(size).fill(ST_IDLE);
    this.stateSinceMs = new Float64Array(size);
    this.overheatUntilMs = new Float64Array(size);
    this.nextReportAtMs = new Float64Array(size);
    this.holder = new Int32Array(size).fill(-1);
    this.kiosk = new Int32Array(size).fill(-1);
    this.slot = new Int16Array(size).fill(-1);
    this.lotSize = Math.max(1, Math.min(size, opts.lotSize ?? 5000));
    this.lotCount = Math.ceil(size / this.lotSize);
    this.lotOverheatPerHour = new Float64Array(this.lotCount).fill(opts.baselineOverheatPerHour ?? 2e-7);
    this.due = new Int32Array(size);
  }

  lotOf(i: number): number {
    return Math.floor(i / this.lotSize);
  }

  cycles(i: number): number {
    return Math.floor((this.chargedMah[i] as number) / BATTERY.ratedMah);
  }

  /** Terminal voltage, mV: OCV plus the drop across internal resistance; clamped at the CV set point while charging. */
  voltageMv(i: number): number {
    const ohm = BATTERY.internalOhmNew * (1 + BATTERY.internalOhmRisePerSohLost * (1 - (this.soh[i] as number)));
    const ma = this.currentMa[i] as number;
    const mv = ocvV(this.soc[i] as number) * 1000 + ma * ohm;
    return Math.round(ma > 0 ? Math.min(mv, BATTERY.cvMv) : Math.max(mv, 2500));
  }

  /** Advances every pack by dtMs ending at nowMs and lists the packs due to report. */
  stepAll(nowMs: number, dtMs: number, ambient: Ambient = DEFAULT_AMBIENT): void {
    const dtH = dtMs / 3_600_000;
    const alpha = 1 - Math.exp(-dtMs / 1000 / THERMAL_TAU_S);
    const { mode, state, nextReportAtMs, stateSinceMs, due } = this;
    let dueCount = 0;
    for (let i = 0; i < this.size; i++) {
      const m = mode[i] as number;
      const amb = m === MODE_CARRIED ? ambient.carriedC : m === MODE_DEPOT ? ambient.depotC : ambient.slotC;
      stepPackAt(this, i, nowMs, dtH, alpha, amb);
      if (m === MODE_DEPOT) continue;
      const st = packStateOf(this, i, nowMs);
      if (st !== state[i]) {
        state[i] = st;
        stateSinceMs[i] = nowMs;
      } else if (nowMs < (nextReportAtMs[i] as number)) continue;
      due[dueCount++] = i;
      nextReportAtMs[i] = nowMs + (REPORT_EVERY_BY_STATE[st] as number);
    }
    this.dueCount = dueCount;
  }
}

/** The fleet.v1 PackState a pack is in right now. */
export function packStateOf(b: PackBank, i: number, nowMs: number): number {
  if (((b.faultFlags[i] as number) & BLOCKING_FAULTS) !== 0) return ST_FAULT;
  const m = b.mode[i] as number;
  const ma = b.currentMa[i] as number;
  if (m === MODE_SLOT || m === MODE_SLOT_UNPOWERED) {
    if (((b.flags[i] as number) & F_CHARGE_DONE) !== 0) return ST_FULL;
    return ma > 0 ? ST_CHARGING : ST_IDLE;
  }
  if (m === MODE_DEPOT) return ST_SLEEP;
  if (ma < 0) return ST_DISCHARGING;
  const prev = b.state[i] as number;
  if ((prev === ST_IDLE || prev === ST_SLEEP) && nowMs - (b.stateSinceMs[i] as number) >= SLEEP_AFTER_MS) return ST_SLEEP;
  return prev === ST_SLEEP ? ST_SLEEP : ST_IDLE;
}

/** One pack, one step: the physics shared by PackBank.stepAll() and step(). */
export function stepPackAt(b: PackBank, i: number, nowMs: number, dtH: number, alpha: number, ambientC: number): void {
  const m0 = b.mode[i] as number;
  // Fast path for a pack at rest (most of a fleet at any time): no current, no faults, no episode.
  if (
    (m0 === MODE_CARRIED ? (b.outMa[i] as number) === 0 : m0 !== MODE_SLOT || (((b.flags[i] as number) & F_CHARGE_DONE) !== 0 && (b.soc[i] as number) >= RECHARGE_BELOW_SOC)) &&
    b.faultFlags[i] === 0 &&
    (b.overheatUntilMs[i] as number) <= nowMs
  ) {
    const tC = b.tempC[i] as number;
    const soc = (b.soc[i] as number) - SELF_DISCHARGE_PER_H * selfDischargeFactor(tC) * dtH;
    b.soc[i] = soc > 0 ? soc : 0;
    const t1 = tC + (ambientC - tC) * alpha;
    b.tempC[i] = t1;
    b.currentMa[i] = 0;
    if (t1 > FADE_HOT_ABOVE_C) b.soh[i] = Math.max(0.05, (b.soh[i] as number) - HOT_CAL_FADE_PER_H * hotFadeFactor(t1) * dtH);
    if (t1 >= OVER_TEMP_TRIP_C) b.faultFlags[i] = OVER_TEMP;
    return;
  }
  const soh = b.soh[i] as number;
  const capMah = RATED_MAH * soh;
  let soc = b.soc[i] as number;
  let fl = b.flags[i] as number;
  let faults = b.faultFlags[i] as number;
  const tC = b.tempC[i] as number;
  const m = b.mode[i] as number;
  const blocked = (faults & BLOCKING_FAULTS) !== 0;
  const ohm = OHM_NEW * (1 + OHM_RISE * (1 - soh));
  let ma = 0;
  let heatW = 0;
  let chargedMah = 0;

  if (m === MODE_SLOT && !blocked) {
    if ((fl & F_CHARGE_PAUSED) !== 0) {
      if (tC <= CHARGE_RESUME_AT_C) fl &= ~F_CHARGE_PAUSED;
    } else if (tC >= CHARGE_PAUSE_AT_C) fl |= F_CHARGE_PAUSED;
    if ((fl & F_CHARGE_DONE) !== 0 && soc < RECHARGE_BELOW_SOC) fl &= ~F_CHARGE_DONE;
    if ((fl & (F_CHARGE_DONE | F_CHARGE_PAUSED)) === 0) {
      // A worn pack moves along the new-pack curve faster: same current, less capacity to fill.
      const t1 = chargeClockH(soc) + dtH / soh;
      let soc1: number;
      if (t1 >= FULL_CHARGE_HOURS) {
        soc1 = 1;
        fl |= F_CHARGE_DONE;
      } else soc1 = socAtChargeClock(t1);
      // Coulomb throughput; the gauge's resync to 100 % at termination is not charge that flowed.
      chargedMah = Math.max(0, Math.min(soc1, SOC_AT_TERMINATION) - soc) * capMah;
      if (soc1 > soc) {
        ma = ((soc1 - soc) * capMah) / dtH;
        const a = ma / 1000;
        heatW = a * ocvV(soc) * CHARGER_LOSS + a * a * ohm;
        soc = soc1;
      }
    }
  } else if (m === MODE_CARRIED && (b.outMa[i] as number) > 0 && !blocked && (fl & F_OUTPUT_CUT) === 0) {
    const pOutW = ((b.outMa[i] as number) / 1000) * OUTPUT_V;
    const cellA = pOutW / (BOOST_EFF * ocvV(soc));
    let dQ = cellA * 1000 * dtH;
    const left = soc * capMah;
    let share = 1;
    if (dQ >= left) {
      share = dQ > 0 ? left / dQ : 0;
      dQ = left;
      soc = 0;
      fl |= F_OUTPUT_CUT;
    } else soc -= dQ / capMah;
    ma = -dQ / dtH;
    heatW = share * (pOutW * BOOST_LOSS + cellA * cellA * ohm);
  }
  if ((fl & F_OUTPUT_CUT) !== 0 && soc > 0.05) fl &= ~F_OUTPUT_CUT;

  // Self-discharge (cell leakage plus the protection and gauge quiescent draw).
  soc -= SELF_DISCHARGE_PER_H * selfDischargeFactor(tC) * dtH;
  if (soc < 0) soc = 0;

  if ((b.overheatUntilMs[i] as number) > nowMs) heatW += OVERHEAT_W;
  // First-order thermal model, exact for a constant heat over the step.
  const t1 = tC + (ambientC + heatW * THERMAL_K_PER_W - tC) * alpha;
  if (t1 >= OVER_TEMP_TRIP_C) faults |= OVER_TEMP;
  else if ((faults & OVER_TEMP) !== 0 && t1 < OVER_TEMP_CLEAR_C && (b.overheatUntilMs[i] as number) <= nowMs) faults &= ~OVER_TEMP;

  // Fade: per cycle of throughput, faster when hot; plus calendar fade while hot.
  const hot = hotFadeFactor(t1);
  let soh1 = soh - (chargedMah / RATED_MAH) * FADE_PER_CYCLE * hot;
  if (t1 > FADE_HOT_ABOVE_C) soh1 -= HOT_CAL_FADE_PER_H * hot * dtH;

  b.soc[i] = soc;
  b.soh[i] = soh1 > 0.05 ? soh1 : 0.05;
  b.chargedMah[i] = (b.chargedMah[i] as number) + chargedMah;
  b.currentMa[i] = ma;
  b.tempC[i] = t1;
  b.flags[i] = fl;
  b.faultFlags[i] = faults;
}


// ---- One pack as a plain object (tests, single simulated devices) ------------------------------

export interface PackCell {
  socPct: number;
  sohPct: number;
  /** Charge throughput since new, mAh. */
  chargedMah: number;
  tempC: number;
  /** Mean cell current over the last step, mA (+ charging). */
  currentMa: number;
  /** Bitwise OR of fleet.v1 PackFaultBit. */
  faultFlags: number;
  /** fleet.v1 PackState. */
  state: number;
  stateSinceMs: number;
  chargeDone: boolean;
  chargePaused: boolean;
  outputCut: boolean;
  overheatUntilMs: number;
  /** Derived on output: full-equivalent cycles and terminal voltage. */
  cycles: number;
  voltageMv: number;
}

export type PackLoad =
  | { kind: 'idle'; ambientC?: number }
  /** In a kiosk slot; powered=false models a kiosk on backup power. */
  | { kind: 'charge'; ambientC?: number; powered?: boolean }
  /** A phone draws outputMa at 5 V from the pack. */
  | { kind: 'discharge'; outputMa: number; ambientC?: number };

export function newPackCell(init: Partial<PackCell> = {}): PackCell {
  return {
    socPct: 100,
    sohPct: 100,
    chargedMah: 0,
    tempC: 25,
    currentMa: 0,
    faultFlags: 0,
    state: ST_IDLE,
    stateSinceMs: 0,
    chargeDone: false,
    chargePaused: false,
    outputCut: false,
    overheatUntilMs: 0,
    cycles: 0,
    voltageMv: 0,
    ...init,
  };
}

const scratch = new PackBank(1);

/** Pure: the pack after dtMs under load, ending at nowMs. The input is not modified. */
export function step(cell: PackCell, dtMs: number, load: PackLoad, nowMs = 0): PackCell {
  if (!(dtMs > 0)) throw new RangeError('step() takes a positive dtMs');
  const b = scratch;
  b.soc[0] = cell.socPct / 100;
  b.soh[0] = cell.sohPct / 100;
  b.chargedMah[0] = cell.chargedMah;
  b.tempC[0] = cell.tempC;
  b.currentMa[0] = cell.currentMa;
  b.faultFlags[0] = cell.faultFlags;
  b.state[0] = cell.state;
  b.stateSinceMs[0] = cell.stateSinceMs;
  b.flags[0] = (cell.chargeDone ? F_CHARGE_DONE : 0) | (cell.chargePaused ? F_CHARGE_PAUSED : 0) | (cell.outputCut ? F_OUTPUT_CUT : 0);
  b.overheatUntilMs[0] = cell.overheatUntilMs;
  b.mode[0] = load.kind === 'charge' ? (load.powered === false ? MODE_SLOT_UNPOWERED : MODE_SLOT) : MODE_CARRIED;
  b.outMa[0] = load.kind === 'discharge' ? load.outputMa : 0;
  const ambientC = load.ambientC ?? (load.kind === 'charge' ? DEFAULT_AMBIENT.slotC : DEFAULT_AMBIENT.carriedC);
  stepPackAt(b, 0, nowMs, dtMs / 3_600_000, 1 - Math.exp(-dtMs / 1000 / THERMAL_TAU_S), ambientC);
  const st = packStateOf(b, 0, nowMs);
  const fl = b.flags[0] as number;
  return {
    socPct: (b.soc[0] as number) * 100,
    sohPct: (b.soh[0] as number) * 100,
    chargedMah: b.chargedMah[0] as number,
    tempC: b.tempC[0] as number,
    currentMa: b.currentMa[0] as number,
    faultFlags: b.faultFlags[0] as number,
    state: st,
    stateSinceMs: st === cell.state ? cell.stateSinceMs : nowMs,
    chargeDone: (fl & F_CHARGE_DONE) !== 0,
    chargePaused: (fl & F_CHARGE_PAUSED) !== 0,
    outputCut: (fl & F_OUTPUT_CUT) !== 0,
    overheatUntilMs: b.overheatUntilMs[0] as number,
    cycles: b.cycles(0),
    voltageMv: b.voltageMv(0),
  };
}
