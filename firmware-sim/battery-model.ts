// Pure pack physics: charge (CC/CV), discharge into a phone, self-discharge, heat, cycle counting,
// fade and faults, over struct-of-arrays state (PackArrays) so 100k packs step without allocating.
// PackBank (pack-bank.ts) schedules it for a fleet; step() runs it for one pack held as a plain object.
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
export const F_OVERHEATING = 8; // in an overheating episode until overheatUntilMs (kept as a bit for the hot loop)

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
/** Thermal time constant of the pack case, seconds (R x C). */
export const THERMAL_TAU_S = BATTERY.thermalOhmKPerW * BATTERY.heatCapacityJPerK;

/** Ambient temperature by where the pack is, C. */
export interface Ambient {
  carriedC: number;
  slotC: number;
  depotC: number;
}
export const DEFAULT_AMBIENT: Ambient = { carriedC: 25, slotC: 26, depotC: 18 };

/** An idle pack goes to sleep after this long. */
export const SLEEP_AFTER_MS = 30 * 60_000;

/** The per-pack state the physics reads and writes, one typed array per field (struct of arrays). */
export interface PackArrays {
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
  /** MODE_* : where the pack is. */
  readonly mode: Uint8Array;
  /** F_* internal flags. */
  readonly flags: Uint8Array;
  /** Bitwise OR of fleet.v1 PackFaultBit. */
  readonly faultFlags: Uint8Array;
  /** fleet.v1 PackState number, as last reported. */
  readonly state: Uint8Array;
  readonly stateSinceMs: Float64Array;
  /** An overheating episode (internal short) lasts until this time. */
  readonly overheatUntilMs: Float64Array;
}

/** Arrays for n new packs: full, healthy, at 25 C, carried and idle. */
export function createPackArrays(n: number): PackArrays {
  return {
    soc: new Float64Array(n).fill(1),
    soh: new Float64Array(n).fill(1),
    chargedMah: new Float64Array(n),
    currentMa: new Float64Array(n),
    tempC: new Float64Array(n).fill(DEFAULT_AMBIENT.carriedC),
    outMa: new Float32Array(n),
    mode: new Uint8Array(n).fill(MODE_CARRIED),
    flags: new Uint8Array(n),
    faultFlags: new Uint8Array(n),
    state: new Uint8Array(n).fill(ST_IDLE),
    stateSinceMs: new Float64Array(n),
    overheatUntilMs: new Float64Array(n),
  };
}

/** Full-equivalent cycles counted from charge throughput. */
export function packCycles(a: PackArrays, i: number): number {
  return Math.floor((a.chargedMah[i] as number) / RATED_MAH);
}

/** Terminal voltage, mV. In CV the charger holds the set point; otherwise OCV plus the IR drop. */
export function packVoltageMv(a: PackArrays, i: number): number {
  const ohm = OHM_NEW * (1 + OHM_RISE * (1 - (a.soh[i] as number)));
  const ma = a.currentMa[i] as number;
  const soc = a.soc[i] as number;
  if (ma > 0 && soc >= BATTERY.kneeSoc) return BATTERY.cvMv;
  const mv = ocvV(soc) * 1000 + ma * ohm;
  return Math.round(ma > 0 ? Math.min(mv, BATTERY.cvMv) : Math.max(mv, 2500));
}

/** The fleet.v1 PackState a pack is in right now. */
export function packStateOf(b: PackArrays, i: number, nowMs: number): number {
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

/** A pack at rest: no current, no faults, no overheating episode. Most of a fleet at any time. */
export function isResting(b: PackArrays, i: number, _nowMs: number): boolean {
  const fl = b.flags[i] as number;
  if ((fl & F_OVERHEATING) !== 0 || b.faultFlags[i] !== 0) return false;
  const m = b.mode[i] as number;
  if (m === MODE_CARRIED) return b.outMa[i] === 0;
  return m !== MODE_SLOT || ((fl & F_CHARGE_DONE) !== 0 && (b.soc[i] as number) >= RECHARGE_BELOW_SOC);
}

/** Rest physics over any interval: self-discharge and cooling toward ambient (exact solution). */
export function restPackAt(b: PackArrays, i: number, dtH: number, alpha: number, ambientC: number): void {
  const tC = b.tempC[i] as number;
  const soc = (b.soc[i] as number) - SELF_DISCHARGE_PER_H * selfDischargeFactor(tC) * dtH;
  b.soc[i] = soc > 0 ? soc : 0;
  const t1 = tC + (ambientC - tC) * alpha;
  b.tempC[i] = t1;
  b.currentMa[i] = 0;
  if (t1 > FADE_HOT_ABOVE_C) b.soh[i] = Math.max(0.05, (b.soh[i] as number) - HOT_CAL_FADE_PER_H * hotFadeFactor(t1) * dtH);
  if (t1 >= OVER_TEMP_TRIP_C) b.faultFlags[i] = (b.faultFlags[i] as number) | OVER_TEMP;
}

/** One pack, one step: the physics shared by PackBank.stepAll() and step(). */
export function stepPackAt(b: PackArrays, i: number, nowMs: number, dtH: number, alpha: number, ambientC: number): void {
  if (isResting(b, i, nowMs)) restPackAt(b, i, dtH, alpha, ambientC);
  else activePackAt(b, i, nowMs, dtH, alpha, ambientC);
}

/** Charge, discharge, heat and faults for one pack over one step. */
export function activePackAt(b: PackArrays, i: number, nowMs: number, dtH: number, alpha: number, ambientC: number): void {
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
        ma = chargedMah / dtH;
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

  // Self-discharge (cell leakage plus the protection and gauge quiescent draw); a running charger covers it.
  if (ma <= 0) {
    soc -= SELF_DISCHARGE_PER_H * selfDischargeFactor(tC) * dtH;
    if (soc < 0) soc = 0;
  }

  if ((fl & F_OVERHEATING) !== 0) {
    if ((b.overheatUntilMs[i] as number) > nowMs) heatW += OVERHEAT_W;
    else fl &= ~F_OVERHEATING;
  }
  // First-order thermal model, exact for a constant heat over the step.
  const t1 = tC + (ambientC + heatW * THERMAL_K_PER_W - tC) * alpha;
  if (t1 >= OVER_TEMP_TRIP_C) faults |= OVER_TEMP;
  else if ((faults & OVER_TEMP) !== 0 && t1 < OVER_TEMP_CLEAR_C && (fl & F_OVERHEATING) === 0) faults &= ~OVER_TEMP;

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

const scratch = createPackArrays(1);

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
  b.flags[0] =
    (cell.chargeDone ? F_CHARGE_DONE : 0) |
    (cell.chargePaused ? F_CHARGE_PAUSED : 0) |
    (cell.outputCut ? F_OUTPUT_CUT : 0) |
    (cell.overheatUntilMs > nowMs - dtMs ? F_OVERHEATING : 0);
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
    cycles: packCycles(b, 0),
    voltageMv: packVoltageMv(b, 0),
  };
}
