// Demand forecast per store: takes (swaps and first issues) and returns per hour, from an
// hour-of-week profile times an exponentially smoothed level, with a level-shift (surge) rule so
// the level adapts within hours when demand runs far above or below the forecast. Cold start: a
// store's profile is shrunk toward the fleet's, a store with no history takes the fleet's profile
// and median level, and a fleet with no history a documented prior shape. Pure and deterministic.
import { HOURS_PER_WEEK, HOUR_MS, hourOfWeek } from './local-time.ts';

/** Demand observed at one store, one value per UTC hour of [fromMs, toMs). */
export interface StoreDemand {
  storeId: string;
  timeZone: string;
  /** Takes per hour: packs handed out plus requests refused for want of a ready pack (unmet demand). */
  takes: ArrayLike<number>;
  /** Packs handed in per hour (the returned half of a swap). */
  returns: ArrayLike<number>;
}

export interface DemandHistory {
  /** Hour-aligned start of the window, inclusive. */
  fromMs: number;
  /** Hour-aligned end, exclusive: the current, partial hour is not part of the history. */
  toMs: number;
  stores: readonly StoreDemand[];
}

export interface ForecastParams {
  /** Hours to forecast from toMs. */
  horizonH: number;
  /** Share of the gap between observed and expected taken into the level each hour (0.0143: half-life 2 days). */
  levelAlpha: number;
  /** Weeks of the fleet's profile mixed into a store's: a store's own shape wins once it has seen more weeks than this. */
  profileShrinkWeeks: number;
  /** Level-shift rule: the last surgeWindowH hours must exceed the forecast by surgeRatio and surgeSigmas Poisson deviations, with at least surgeMinCount takes. */
  surgeWindowH: number;
  surgeRatio: number;
  surgeSigmas: number;
  surgeMinCount: number;
  /** The WAPE is measured over this many final hours of the history. */
  accuracyWindowH: number;
  /** The profile leaves out the last hours: a surge in progress is the level's business, not the shape's. */
  profileLagH: number;
}

export const DEFAULT_FORECAST_PARAMS: ForecastParams = {
  horizonH: 48,
  levelAlpha: 1 - 0.5 ** (1 / 48),
  profileShrinkWeeks: 2,
  surgeWindowH: 3,
  surgeRatio: 1.5,
  surgeSigmas: 3,
  surgeMinCount: 6,
  accuracyWindowH: 168,
  profileLagH: 24,
};

/**
 * Prior hour-of-day shape when the fleet has no history: trip starts by hour of day from the US
 * National Household Travel Survey (FHWA Highway Statistics 2006, table NT-3; weekday = Wednesday,
 * weekend = Saturday). People swap where they pass, when they travel.
 */
const PRIOR_WEEKDAY = [147, 82, 83, 36, 249, 639, 1607, 3893, 2994, 2294, 2600, 2967, 3166, 3032, 3321, 3888, 3959, 4377, 3746, 2819, 2061, 1559, 783, 381];
const PRIOR_WEEKEND = [432, 185, 117, 62, 185, 270, 558, 1147, 2088, 2951, 4096, 4420, 4561, 4088, 4256, 4037, 3823, 3536, 3626, 2665, 2206, 1925, 1069, 772];

export const PRIOR_PROFILE: Float64Array = normalise(
  Float64Array.from({ length: HOURS_PER_WEEK }, (_, h) => (Math.floor(h / 24) >= 5 ? PRIOR_WEEKEND : PRIOR_WEEKDAY)[h % 24]!),
);

export type ProfileSource = 'store' | 'fleet' | 'prior';

export interface Accuracy {
  /** Weighted absolute percentage error, Σ|actual − forecast| / Σ actual; null when nothing was taken. */
  wape: number | null;
  actual: number;
  absError: number;
  hours: number;
}

export interface StoreForecast {
  storeId: string;
  /** Mean takes per hour now (before the hour-of-week shape). */
  levelPerH: number;
  profileSource: ProfileSource;
  /** Hours of history the store has (from its first take or return). */
  observedHours: number;
  /** Forecast takes and returns for each hour from toMs. */
  takes: number[];
  returns: number[];
  /** Returns per take: 1 when every take is a swap, less when some are first issues. */
  returnShare: number;
  /** The last level shift the surge rule made within the last day, if any: the store's own, or the fleet's passed on to a store whose own counts were too small to show it. */
  surge: { atMs: number; ratio: number; scope: 'store' | 'fleet' } | null;
  /** One-step-ahead accuracy over the last accuracyWindowH hours of history. */
  accuracy: Accuracy;
}

export interface FleetForecast {
  fromMs: number;
  /** Start of the forecast (the end of the history). */
  atMs: number;
  horizonH: number;
  stores: StoreForecast[];
  /** Fleet-wide WAPE over the same window: every store's errors and takes summed. */
  accuracy: Accuracy;
  /** The fleet's hour-of-week profile (mean 1) and median store level, for cold starts. */
  fleetProfileSource: 'fleet' | 'prior';
  fleetMedianLevelPerH: number;
}

function normalise(p: Float64Array): Float64Array {
  let sum = 0;
  for (const v of p) sum += v;
  const mean = sum / p.length;
  if (!(mean > 0)) return p.fill(1);
  for (let i = 0; i < p.length; i++) p[i] = p[i]! / mean;
  return p;
}

/** Hour-of-week of every hour index from fromMs, per time zone (computed once per zone). */
function hourIndexTable(fromMs: number, hours: number, timeZone: string, cache: Map<string, Int16Array>): Int16Array {
  let t = cache.get(timeZone);
  if (!t) {
    t = new Int16Array(hours);
    for (let i = 0; i < hours; i++) t[i] = hourOfWeek(fromMs + i * HOUR_MS, timeZone);
    cache.set(timeZone, t);
  }
  return t;
}

/** Index of the first hour with any take or return; hours.length when none. */
function firstActive(d: StoreDemand, hours: number): number {
  for (let i = 0; i < hours; i++) if ((d.takes[i] ?? 0) > 0 || (d.returns[i] ?? 0) > 0) return i;
  return hours;
}

interface Sums {
  /** Σ takes per hour of week, and how many observed hours fell on it. */
  byHow: Float64Array;
  count: Float64Array;
  total: number;
  hours: number;
}

function profileSums(d: StoreDemand, how: Int16Array, from: number, to: number): Sums {
  const byHow = new Float64Array(HOURS_PER_WEEK);
  const count = new Float64Array(HOURS_PER_WEEK);
  let total = 0;
  for (let i = from; i < to; i++) {
    const h = how[i]!;
    const c = d.takes[i] ?? 0;
    byHow[h] = byHow[h]! + c;
    count[h] = count[h]! + 1;
    total += c;
  }
  return { byHow, count, total, hours: Math.max(0, to - from) };
}

/**
 * The fleet's shape: mean takes per observed store-hour at each hour of the week relative to the
 * mean over all observed store-hours, shrunk toward the prior by shrinkWeeks (an hour of the week
 * nobody has seen yet is the prior's). Null when there are too few takes to trust any shape.
 */
function fleetProfile(all: Sums[], shrinkWeeks: number): Float64Array | null {
  let total = 0;
  let hoursSeen = 0;
  for (const x of all) {
    total += x.total;
    hoursSeen += x.hours;
  }
  // Fewer than one take per hour of the week: too little to trust a shape.
  if (total < HOURS_PER_WEEK || hoursSeen === 0) return null;
  const mean = total / hoursSeen;
  const p = new Float64Array(HOURS_PER_WEEK);
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    let s = 0;
    let n = 0;
    let weeks = 0;
    for (const x of all) {
      s += x.byHow[h]!;
      n += x.count[h]!;
      if (x.count[h]! > weeks) weeks = x.count[h]!;
    }
    const own = n > 0 ? s / n / mean : PRIOR_PROFILE[h]!;
    p[h] = (weeks * own + shrinkWeeks * PRIOR_PROFILE[h]!) / (weeks + shrinkWeeks);
  }
  return normalise(p);
}

/** A store's own shape, shrunk toward the fleet's by shrinkWeeks of the fleet's. */
function storeProfile(s: Sums, fleet: Float64Array, shrinkWeeks: number): Float64Array {
  const mean = s.hours > 0 ? s.total / s.hours : 0;
  const p = new Float64Array(HOURS_PER_WEEK);
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    const n = s.count[h]!;
    const own = n > 0 && mean > 0 ? s.byHow[h]! / (n * mean) : fleet[h]!;
    p[h] = (n * own + shrinkWeeks * fleet[h]!) / (n + shrinkWeeks);
  }
  return normalise(p);
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface LevelRun {
  level: number;
  surge: { atMs: number; ratio: number } | null;
  actual: number;
  absError: number;
  hours: number;
}

/**
 * The level pass: one-step-ahead forecast f = level × profile, then level += alpha × (c − f). After
 * each hour the surge rule compares the last surgeWindowH hours' takes with their forecasts and,
 * past the bar, rescales the level at once and starts a fresh window. Accuracy is summed over the
 * hours at or after evalFrom.
 */
function runLevel(d: StoreDemand, how: Int16Array, from: number, to: number, profile: Float64Array, level0: number, p: ForecastParams, fromMs: number, evalFrom: number): LevelRun {
  const W = Math.max(1, p.surgeWindowH);
  const ringC = new Float64Array(W);
  const ringF = new Float64Array(W);
  const ringW = new Float64Array(W);
  let n = 0;
  let level = level0;
  let surge: LevelRun['surge'] = null;
  let actual = 0;
  let absError = 0;
  let hours = 0;
  for (let i = from; i < to; i++) {
    const w = profile[how[i]!]!;
    const f = level * w;
    const c = d.takes[i] ?? 0;
    if (i >= evalFrom) {
      actual += c;
      absError += Math.abs(c - f);
      hours++;
    }
    level = Math.max(0, level + p.levelAlpha * (c - f));
    ringC[n % W] = c;
    ringF[n % W] = f;
    ringW[n % W] = w;
    n++;
    if (n < W) continue;
    let a = 0;
    let fc = 0;
    let ws = 0;
    for (let j = 0; j < W; j++) {
      a += ringC[j]!;
      fc += ringF[j]!;
      ws += ringW[j]!;
    }
    const sd = Math.sqrt(Math.max(fc, 1));
    const up = a >= p.surgeMinCount && a >= p.surgeRatio * fc && a - fc >= p.surgeSigmas * sd;
    const down = fc >= p.surgeMinCount && a * p.surgeRatio <= fc && fc - a >= p.surgeSigmas * sd;
    if (!up && !down) continue;
    // Rescale so the window would have been forecast right (from nothing: the window's own rate);
    // an empty window counts as half a take, so a quiet spell never zeroes the level.
    // The level that would have forecast the window right (level × Σweights = takes). Hours the
    // profile expects next to nothing at count as half an average hour, so a few night-time takes
    // cannot blow the level up; an empty window counts as half a take, so it never zeroes it.
    level = Math.max(a, 0.5) / Math.max(ws, 0.5 * W);
    if (up) surge = { atMs: fromMs + (i + 1) * HOUR_MS, ratio: fc > 0 ? a / fc : a };
    n = 0;
  }
  return { level, surge, actual, absError, hours };
}

/** Forecasts every store of the history for p.horizonH hours from history.toMs. */
export function forecastDemand(history: DemandHistory, params: Partial<ForecastParams> = {}): FleetForecast {
  const p: ForecastParams = { ...DEFAULT_FORECAST_PARAMS, ...params };
  const hours = Math.max(0, Math.round((history.toMs - history.fromMs) / HOUR_MS));
  const total = hours + p.horizonH;
  const evalFrom = Math.max(0, hours - p.accuracyWindowH);
  const tz = new Map<string, Int16Array>();
  const hows = history.stores.map((d) => hourIndexTable(history.fromMs, total, d.timeZone, tz));
  const starts = history.stores.map((d) => firstActive(d, hours));
  // Two profiles: one from the hours before the accuracy window (so the measured error is out of
  // sample), one from everything (for the forecast itself).
  const sumsEval = history.stores.map((d, k) => profileSums(d, hows[k]!, starts[k]!, Math.max(starts[k]!, evalFrom)));
  const sumsAll = history.stores.map((d, k) => profileSums(d, hows[k]!, starts[k]!, Math.max(starts[k]!, hours - p.profileLagH)));
  const fleetEval = fleetProfile(sumsEval, p.profileShrinkWeeks) ?? PRIOR_PROFILE;
  const fleetAllOrNull = fleetProfile(sumsAll, p.profileShrinkWeeks);
  const fleetAll = fleetAllOrNull ?? PRIOR_PROFILE;
  const levels = (sums: Sums[]) => median(sums.filter((s) => s.hours >= 24).map((s) => s.total / s.hours));
  const medEval = levels(sumsEval);
  const medAll = levels(sumsAll);
  let retAll = 0;
  let takeAll = 0;
  for (const d of history.stores) {
    for (let i = 0; i < hours; i++) {
      retAll += d.returns[i] ?? 0;
      takeAll += d.takes[i] ?? 0;
    }
  }
  // Without history, assume most takes are swaps: the scheme's steady state.
  const fleetReturnShare = takeAll >= 20 ? Math.min(1.5, retAll / takeAll) : 0.9;
  const fleetAcc: Accuracy = { wape: null, actual: 0, absError: 0, hours: 0 };
  const recent = (sg: LevelRun['surge']) => (sg && history.toMs - sg.atMs <= 24 * HOUR_MS ? sg : null);
  const runs = history.stores.map((d, k) => {
    const how = hows[k]!;
    const start = starts[k]!;
    const sEval = sumsEval[k]!;
    const sAll = sumsAll[k]!;
    const profEval = sEval.total > 0 ? storeProfile(sEval, fleetEval, p.profileShrinkWeeks) : fleetEval;
    const profAll = sAll.total > 0 ? storeProfile(sAll, fleetAll, p.profileShrinkWeeks) : fleetAll;
    // The evaluation pass is only for accuracy; the forecast's level comes from the full pass.
    const evalRun = runLevel(d, how, start, hours, profEval, medEval, p, history.fromMs, evalFrom);
    const run = runLevel(d, how, start, hours, profAll, medAll, p, history.fromMs, hours);
    return { d, how, start, sAll, profAll, evalRun, run, level: start < hours ? run.level : medAll };
  });
  // The fleet as one series: a surge that each store sees a handful of takes of is plain in the
  // sum. When the fleet's level jumped within the day, stores that did not see it themselves are
  // lifted to match (each keeps its share).
  let fleetSurge: LevelRun['surge'] = null;
  let fleetFactor = 1;
  if (history.stores.length > 1 && hours > 0) {
    const sum = new Float64Array(hours);
    for (const d of history.stores) for (let i = 0; i < hours; i++) sum[i] = sum[i]! + (d.takes[i] ?? 0);
    const tzs = new Set(history.stores.map((d) => d.timeZone));
    const how = tzs.size === 1 ? hows[0]! : hourIndexTable(history.fromMs, total, 'UTC', tz);
    const fleetRun = runLevel({ storeId: '*', timeZone: 'UTC', takes: sum, returns: sum }, how, 0, hours, fleetAll, medAll * history.stores.length, p, history.fromMs, hours);
    fleetSurge = recent(fleetRun.surge);
    const storeSum = runs.reduce((n, r) => n + r.level, 0);
    if (fleetSurge && storeSum > 0) fleetFactor = Math.max(1, fleetRun.level / storeSum);
  }
  const stores: StoreForecast[] = runs.map(({ d, how, start, sAll, profAll, evalRun, run, level: own }) => {
    const ownSurge = recent(run.surge);
    const lifted = ownSurge === null && fleetFactor > 1;
    const level = lifted ? own * fleetFactor : own;
    let rets = 0;
    let tks = 0;
    for (let i = start; i < hours; i++) {
      rets += d.returns[i] ?? 0;
      tks += d.takes[i] ?? 0;
    }
    const returnShare = (rets + 20 * fleetReturnShare) / (tks + 20);
    const takes: number[] = [];
    const returns: number[] = [];
    for (let i = 0; i < p.horizonH; i++) {
      const t = level * profAll[how[hours + i]!]!;
      takes.push(t);
      returns.push(t * returnShare);
    }
    fleetAcc.actual += evalRun.actual;
    fleetAcc.absError += evalRun.absError;
    fleetAcc.hours += evalRun.hours;
    const surge = ownSurge ? { ...ownSurge, scope: 'store' as const } : lifted && fleetSurge ? { atMs: fleetSurge.atMs, ratio: fleetFactor, scope: 'fleet' as const } : null;
    return {
      storeId: d.storeId,
      levelPerH: level,
      profileSource: sAll.total > 0 ? 'store' : fleetAllOrNull ? 'fleet' : 'prior',
      observedHours: hours - start,
      takes,
      returns,
      returnShare,
      surge,
      accuracy: { wape: evalRun.actual > 0 ? evalRun.absError / evalRun.actual : null, actual: evalRun.actual, absError: evalRun.absError, hours: evalRun.hours },
    };
  });
  fleetAcc.wape = fleetAcc.actual > 0 ? fleetAcc.absError / fleetAcc.actual : null;
  return { fromMs: history.fromMs, atMs: history.toMs, horizonH: p.horizonH, stores, accuracy: fleetAcc, fleetProfileSource: fleetAllOrNull ? 'fleet' : 'prior', fleetMedianLevelPerH: medAll };
}
