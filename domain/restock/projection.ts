// Hour by hour, what one store will have: ready packs, charging packs becoming ready (each slot's
// SoC and charge current on the pack's curve), returns filling free slots, deliveries and pickups of
// open courier jobs, staff loading the back room into free slots, and forecast demand drawing ready
// packs down. From it: when the store runs out, when no slot is free for a return, how many packs it
// needs (mean demand plus a Poisson safety margin) and by when, what it can spare, and how many
// flat packs must go to keep slots free. A fluid model: expected values, deterministic.
import { hoursToReady } from './charge-time.ts';
import { HOUR_MS } from './local-time.ts';
import type { OpenJob, RestockPolicy, StoreInput } from './restock-model.ts';

export interface ProjectedHour {
  atMs: number;
  /** At the end of the hour. */
  ready: number;
  charging: number;
  freeSlots: number;
  backroom: number;
  /** Forecast takes and returns in the hour, and what of them could not be served. */
  takes: number;
  returns: number;
  unmetTakes: number;
  refusedReturns: number;
}

export interface ChargingPack {
  packId: string;
  kioskId: string;
  slot: number;
  socPct: number;
  /** When it will be ready; null when it is not charging (no current). */
  readyAtMs: number | null;
}

export interface StoreProjection {
  storeId: string;
  atMs: number;
  readyNow: number;
  chargingNow: ChargingPack[];
  freeSlotsNow: number;
  /** Slots that can hold a pack (not locked, not faulted). */
  usableSlots: number;
  /** Packs taking up slots that will never be handed out (to be withdrawn, faulty, flagged). */
  blockedNow: number;
  backroomNow: number;
  hours: ProjectedHour[];
  /** First hour with demand left unserved, or null within the horizon. */
  stockOutAtMs: number | null;
  /** First hour a returning customer finds no free slot, or null. */
  slotsFullAtMs: number | null;
  /** Ready packs to add over the horizon to cover demand with the safety margin. */
  deficit: number;
  /** When the first of them is needed. */
  needByMs: number | null;
  /** Ready packs it can give away now and still cover its own horizon with the margin. */
  surplus: number;
  /** Packs to take out so a free slot stays for returns through the horizon. */
  flatExcess: number;
  /** Packs a delivery can put in kiosk slots now, keeping the reserve free. */
  roomNow: number;
  /** Packs a delivery can get into kiosk slots soon: room now plus the slots first issues free within roomWithinH (the back room holds them meanwhile). */
  roomSoon: number;
  /** Sums over the horizon, for the reasons on plan lines. */
  forecastTakes: number;
  forecastReturns: number;
  supply: number;
}

/** Demand for the store over the hours from hourStartMs (hour 0 contains nowMs). */
export interface StoreDemandForecast {
  hourStartMs: number;
  takes: readonly number[];
  returns: readonly number[];
}

const EPS = 0.25;

export function projectStore(store: StoreInput, demand: StoreDemandForecast, openJobs: readonly OpenJob[], policy: RestockPolicy, nowMs: number): StoreProjection {
  const H = Math.max(1, Math.min(policy.horizonH, demand.takes.length));
  const thr = policy.chargedThresholdPct;
  const reserve = policy.reserveSlotsPerKiosk * store.kioskCount;
  // Packs becoming ready, by the projection hour in which they do (index H: later or never).
  const readyIn = new Float64Array(H + 1);
  const chargingNow: ChargingPack[] = [];
  let ready = 0;
  let occupied = 0;
  let usable = 0;
  let blocked = 0;
  const idxOf = (atMs: number) => Math.max(0, Math.min(H, Math.floor((atMs - demand.hourStartMs) / HOUR_MS)));
  const leaving = new Set<string>();
  for (const j of openJobs) if (j.status === 'planned' && j.from.kind === 'store' && j.from.storeId === store.id) for (const p of j.packIds) leaving.add(p);
  // Packs a planned pickup takes away leave at its pickup time, by hour.
  const leaveReady = new Float64Array(H + 1);
  const leaveOther = new Float64Array(H + 1);
  for (const s of store.slots) {
    if (s.usable || s.packId !== null) usable++;
    if (s.packId === null) continue;
    occupied++;
    const goes = leaving.has(s.packId);
    if (!s.servable) {
      blocked++;
      if (goes) leaveOther[idxOf(pickupOf(openJobs, s.packId, nowMs))]!++;
      continue;
    }
    if (s.socPct >= thr) {
      ready++;
      if (goes) leaveReady[idxOf(pickupOf(openJobs, s.packId, nowMs))]!++;
      continue;
    }
    const h = hoursToReady(s.socPct, thr, s.chargeCurrentMa, s.sohPct);
    const readyAtMs = h === null ? null : nowMs + h * HOUR_MS;
    chargingNow.push({ packId: s.packId, kioskId: s.kioskId, slot: s.index, socPct: s.socPct, readyAtMs });
    if (goes) leaveOther[idxOf(pickupOf(openJobs, s.packId, nowMs))]!++;
    else readyIn[readyAtMs === null ? H : idxOf(readyAtMs)]!++;
  }
  const freeNow = Math.max(0, usable - occupied);
  let backroom = 0;
  for (const b of store.backroom) if (b.servable && !leaving.has(b.packId)) backroom++;
  const backroomReady = backroom;
  // Open jobs bringing ready packs here arrive in the back room at their ETA.
  const arrive = new Float64Array(H + 1);
  for (const j of openJobs) if (j.to.kind === 'store' && j.to.storeId === store.id && j.servable > 0) arrive[idxOf(j.etaMs)]! += j.servable;
  const returnLagH = hoursToReady(policy.returnSocPct, thr, 1300, null) ?? 2;

  const hours: ProjectedHour[] = [];
  let charging = chargingNow.length;
  let free = freeNow;
  let stockOutAtMs: number | null = null;
  let slotsFullAtMs: number | null = null;
  let cumTakes = 0;
  // Supply for the deficit assumes every swap is served (its returned pack charges and comes
  // back), which is what a delivery buys; the timeline itself runs the coupled dynamics, where a
  // customer turned away keeps their flat pack.
  let cumSupply = ready + backroom;
  let deficit = 0;
  let needByMs: number | null = null;
  let minMargin = Infinity;
  let maxShortSlots = 0;
  let forecastTakes = 0;
  let forecastReturns = 0;
  let netFreedSoon = 0;
  const floor = policy.minReadyPerKiosk * store.kioskCount;
  const lag = Math.ceil(returnLagH);
  const fromReturns = new Float64Array(H + lag + 1);
  const fromReturnsIfServed = new Float64Array(H + lag + 1);
  for (let k = 0; k < H; k++) {
    const atMs = demand.hourStartMs + k * HOUR_MS;
    // Hour 0 has already partly gone.
    const share = k === 0 ? Math.max(0, Math.min(1, (atMs + HOUR_MS - nowMs) / HOUR_MS)) : 1;
    const T = (demand.takes[k] ?? 0) * share;
    const R = (demand.returns[k] ?? 0) * share;
    forecastTakes += T;
    forecastReturns += R;
    if (k < policy.roomWithinH) netFreedSoon += T - R;
    ready += readyIn[k]! + fromReturns[k]!;
    charging = Math.max(0, charging - readyIn[k]! - fromReturns[k]!);
    cumSupply += readyIn[k]! + fromReturnsIfServed[k]! + arrive[k]! - leaveReady[k]!;
    // Planned pickups leave; their slots free up.
    ready = Math.max(0, ready - leaveReady[k]!);
    free += leaveReady[k]! + leaveOther[k]!;
    backroom += arrive[k]!;
    // Staff load the back room into free slots, keeping the reserve for returns.
    const load = Math.max(0, Math.min(backroom, free - reserve));
    backroom -= load;
    free -= load;
    ready += load;
    // A swap is a return and a take; returns beyond takes are plain returns, takes beyond returns first issues.
    const swaps = Math.min(T, R);
    const served = Math.min(T, ready);
    const swapsServed = T > 0 ? (served * swaps) / T : 0;
    ready -= served;
    // A returned pack needs a free slot; every take frees one first.
    const wanted = swapsServed + (R - swaps);
    const accepted = Math.min(wanted, free + served);
    free += served - accepted;
    charging += accepted;
    fromReturns[k + lag]! += accepted;
    fromReturnsIfServed[k + lag]! += R;
    const unmet = T - served;
    const refused = wanted - accepted;
    if (stockOutAtMs === null && unmet > EPS) stockOutAtMs = atMs;
    if (slotsFullAtMs === null && (refused > EPS || free < 1 - EPS)) slotsFullAtMs = atMs;
    maxShortSlots = Math.max(maxShortSlots, refused + Math.max(0, reserve - free));
    cumTakes += T;
    // Cover the demand so far with the Poisson margin and still have the floor left.
    const gap = cumTakes + policy.serviceZ * Math.sqrt(cumTakes) + floor - cumSupply;
    if (needByMs === null && gap > EPS) needByMs = Math.max(nowMs, atMs);
    deficit = Math.max(deficit, gap);
    minMargin = Math.min(minMargin, -gap);
    hours.push({ atMs, ready, charging, freeSlots: free, backroom, takes: T, returns: R, unmetTakes: unmet, refusedReturns: refused });
  }
  const readyNow = store.slots.filter((s) => s.packId !== null && s.servable && s.socPct >= thr).length;
  const deficitPacks = Math.max(0, Math.ceil(deficit - EPS));
  // Ready packs that can go now without opening a gap later; a store keeps one per kiosk anyway.
  // Ready packs (and back-room packs) that can go now without opening a gap later.
  const surplus = deficitPacks > 0 ? 0 : Math.max(0, Math.min(readyNow + backroomReady - leaveReadyTotal(leaveReady), Math.floor(minMargin)));
  return {
    storeId: store.id,
    atMs: nowMs,
    readyNow,
    chargingNow,
    freeSlotsNow: freeNow,
    usableSlots: usable,
    blockedNow: blocked,
    backroomNow: store.backroom.length,
    hours,
    stockOutAtMs,
    slotsFullAtMs,
    deficit: deficitPacks,
    needByMs: deficitPacks > 0 ? (needByMs ?? nowMs) : null,
    surplus: Math.max(0, surplus),
    flatExcess: slotsFullAtMs === null ? 0 : Math.ceil(maxShortSlots - EPS),
    roomNow: Math.max(0, freeNow - reserve),
    roomSoon: Math.max(0, freeNow - reserve) + Math.max(0, Math.floor(netFreedSoon)),
    forecastTakes,
    forecastReturns,
    supply: cumSupply,
  };
}

function leaveReadyTotal(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

function pickupOf(jobs: readonly OpenJob[], packId: string, nowMs: number): number {
  for (const j of jobs) if (j.status === 'planned' && j.packIds.includes(packId)) return Math.max(nowMs, j.pickupAtMs);
  return nowMs;
}
