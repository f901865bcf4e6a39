// The numbers behind the pack model (sources in firmware-sim/README.md) and the curves built from
// them once at load: open-circuit voltage by SoC, and the CC/CV charge trajectory as lookup tables.

export const BATTERY = {
  /** Rated capacity, mAh: one 18650-class cell, the size of the operator's packs. */
  ratedMah: 2600,
  /** CC charge current as a C-rate of rated capacity (0.5C = 1,300 mA), the datasheet "standard charge". */
  ccRateC: 0.5,
  /** SoC where the cell reaches 4.2 V at 0.5C and the charger switches to constant voltage. */
  kneeSoc: 0.8,
  /** CV taper: a fast relaxation (polarisation) and a slow diffusion-limited tail, hours. */
  cvFastTauH: 0.05,
  cvSlowTauH: 1.2,
  /** The charger terminates when the taper current falls below this C-rate (0.02C = 52 mA). */
  terminationC: 0.02,
  /** After termination, charging restarts when SoC falls below this (about 4.1 V). */
  rechargeBelowSoc: 0.95,
  /** CV set point, mV. */
  cvMv: 4200,
  /** Internal resistance of cell + protection FETs when new, ohms; rises as the pack wears. */
  internalOhmNew: 0.08,
  /** Relative rise of resistance per unit of SoH lost (0.8 SoH -> +50 %). */
  internalOhmRisePerSohLost: 2.5,
  /** Output of the boost converter to the phone, volts. */
  outputV: 5.0,
  /** Boost converter efficiency (cell to 5 V output). */
  boostEfficiency: 0.88,
  /** Switching charger efficiency (5 V slot input to cell). */
  chargerEfficiency: 0.9,
  /** Self-discharge at 25 C as a fraction per 30-day month; doubles per +10 C. */
  selfDischargePerMonth: 0.025,
  /** SoH lost per full-equivalent cycle at or below 40 C: 20 % over 500 cycles. */
  fadePerCycle: 0.2 / 500,
  /** Above this cell temperature, cycle fade doubles per +10 C (Arrhenius rule of thumb). */
  fadeHotAboveC: 40,
  /** Calendar fade while the cell sits above fadeHotAboveC, fraction per hour at 40 C; doubles per +10 C. */
  hotCalendarFadePerH: 0.00004,
  /** Thermal model of the pack case: resistance to ambient (K/W) and heat capacity (J/K). */
  thermalOhmKPerW: 6,
  heatCapacityJPerK: 100,
  /** Charging pauses at or above this cell temperature and resumes at or below the second (JEITA-style). */
  chargePauseAtC: 45,
  chargeResumeAtC: 42,
  /** Protection trips (OVER_TEMP) at this cell temperature and clears below the second. */
  overTempTripC: 60,
  overTempClearC: 45,
  /** Extra heat of an internal short during an overheating episode, watts. */
  overheatW: 6,
} as const;

/** Open-circuit voltage of a typical NMC/graphite cell at SoC 0, 10, ..., 100 %, volts. */
const OCV_V = [3.0, 3.45, 3.58, 3.65, 3.71, 3.77, 3.84, 3.92, 4.0, 4.08, 4.18] as const;

/** Open-circuit voltage at SoC (0..1), volts, by linear interpolation. */
export function ocvV(soc: number): number {
  const x = soc <= 0 ? 0 : soc >= 1 ? 10 : soc * 10;
  const i = Math.min(9, Math.floor(x));
  const lo = OCV_V[i] as number;
  const hi = OCV_V[i + 1] as number;
  return lo + (hi - lo) * (x - i);
}

// ---- CC/CV trajectory ------------------------------------------------------------------------
// In CC the SoC rises linearly. In CV the charge still missing, u = 1 - SoC, decays as a sum of two
// exponentials, u(t) = A e^(-t/tf) + B e^(-t/ts): a fast one as polarisation relaxes and a slow,
// diffusion-limited one. A and B make the current continuous at the knee (both phases carry the CC
// current there) and make u(0) = 1 - knee. Times are "charge-clock" hours for a new pack; a worn
// pack moves along the same curve faster, in proportion to its lost capacity.

const R = BATTERY.ccRateC;
const U0 = 1 - BATTERY.kneeSoc;
const TF = BATTERY.cvFastTauH;
const TS = BATTERY.cvSlowTauH;
/** Share of the knee current carried by the fast term; the rest is the slow tail. */
const FAST_SHARE = (TS - U0 / R) / (TS - TF);
const A = FAST_SHARE * R * TF;
const B = (1 - FAST_SHARE) * R * TS;

/** Hours of CC from flat to the knee for a new pack (1.6 h at 0.5C). */
export const CC_HOURS = BATTERY.kneeSoc / R;

function cvMissing(tH: number): number {
  return A * Math.exp(-tH / TF) + B * Math.exp(-tH / TS);
}
/** CV current as a C-rate t hours after the knee. */
function cvCurrentC(tH: number): number {
  return (A / TF) * Math.exp(-tH / TF) + (B / TS) * Math.exp(-tH / TS);
}

function bisect(f: (x: number) => number, lo: number, hi: number): number {
  // f is decreasing on [lo, hi]; finds its root. 60 halvings reach double precision.
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Hours of CV until the taper current falls to the termination current. */
export const CV_HOURS = bisect((t) => cvCurrentC(t) - BATTERY.terminationC, 0, 50);
/** Flat to full (termination) for a new pack, hours: about 4. */
export const FULL_CHARGE_HOURS = CC_HOURS + CV_HOURS;
/** Coulomb-counted SoC at termination; the gauge then resyncs to 100 % as real fuel gauges do. */
export const SOC_AT_TERMINATION = 1 - cvMissing(CV_HOURS);

const TABLE_N = 4096;
/** Missing charge u at evenly spaced CV times over [0, CV_HOURS]. */
const U_BY_T = new Float64Array(TABLE_N + 1);
/** CV time at evenly spaced SoC over [knee, SOC_AT_TERMINATION]. */
const T_BY_SOC = new Float64Array(TABLE_N + 1);
const SOC_SPAN = SOC_AT_TERMINATION - BATTERY.kneeSoc;
for (let k = 0; k <= TABLE_N; k++) {
  U_BY_T[k] = cvMissing((CV_HOURS * k) / TABLE_N);
  const target = 1 - (BATTERY.kneeSoc + (SOC_SPAN * k) / TABLE_N);
  T_BY_SOC[k] = k === 0 ? 0 : k === TABLE_N ? CV_HOURS : bisect((t) => cvMissing(t) - target, 0, CV_HOURS);
}

function lerpTable(table: Float64Array, x: number): number {
  const i = Math.floor(x);
  if (i >= TABLE_N) return table[TABLE_N] as number;
  const lo = table[i] as number;
  return lo + ((table[i + 1] as number) - lo) * (x - i);
}

/** Charge-clock position of a SoC: hours a new pack takes from flat to reach it. */
export function chargeClockH(soc: number): number {
  if (soc <= 0) return 0;
  if (soc < BATTERY.kneeSoc) return soc / R;
  if (soc >= SOC_AT_TERMINATION) return FULL_CHARGE_HOURS;
  return CC_HOURS + lerpTable(T_BY_SOC, ((soc - BATTERY.kneeSoc) / SOC_SPAN) * TABLE_N);
}

/** SoC at a charge-clock position; 1 at or after termination. */
export function socAtChargeClock(tH: number): number {
  if (tH < CC_HOURS) return tH <= 0 ? 0 : tH * R;
  if (tH >= FULL_CHARGE_HOURS) return 1;
  return 1 - lerpTable(U_BY_T, ((tH - CC_HOURS) / CV_HOURS) * TABLE_N);
}

/** 2^((T - ref)/10) for T in [-40, 120] C at 0.25 C resolution, to keep Math.pow out of the hot loop. */
function doublingTable(refC: number, floorAtOne: boolean): Float64Array {
  const t = new Float64Array(641);
  for (let k = 0; k < t.length; k++) {
    const f = 2 ** ((-40 + k / 4 - refC) / 10);
    t[k] = floorAtOne ? Math.max(1, f) : f;
  }
  return t;
}
const SELF_DISCHARGE_FACTOR = doublingTable(25, false);
const HOT_FADE_FACTOR = doublingTable(BATTERY.fadeHotAboveC, true);
function tempIndex(tempC: number): number {
  const k = Math.round((tempC + 40) * 4);
  return k < 0 ? 0 : k > 640 ? 640 : k;
}
/** Self-discharge multiplier relative to 25 C. */
export function selfDischargeFactor(tempC: number): number {
  return SELF_DISCHARGE_FACTOR[tempIndex(tempC)] as number;
}
/** Fade multiplier: 1 at or below 40 C, doubling per +10 C above. */
export function hotFadeFactor(tempC: number): number {
  return HOT_FADE_FACTOR[tempIndex(tempC)] as number;
}
