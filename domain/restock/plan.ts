// The restock plan: every store projected, ranked by urgency, and courier routes that meet each
// store's deficit before it runs out — first from nearby stores whose surplus outlasts their own
// horizon (nearest first, road distance = great circle × 1.3), then from the warehouse, one load
// dropped at several stores in a row — within the couriers' capacity and time. Routes also take
// flat packs out of stores about to run out of return slots (or to make room for a delivery) and
// pick up every withdrawal. Deterministic: every choice is ordered by time, then distance, then id.
import type { WithdrawReason } from '../fleet-model.ts';
import type { StoreForecast } from './forecast.ts';
import { centroid, driveMin, roadKm, type GeoPoint } from './geo.ts';
import { HOUR_MS } from './local-time.ts';
import { projectStore, type StoreProjection } from './projection.ts';
import { CENTRAL_WAREHOUSE, WITHDRAW_REASON_CODE, placeKey, type CourierInput, type JobPlace, type OpenJob, type RestockPolicy, type RestockReason, type StoreInput, type WarehouseInput } from './restock-model.ts';

export type LineKind = 'restock' | 'transfer' | 'clear_flat' | 'withdraw';

/** One leg of packs: picked up at one stop of a route, dropped at a later one. A line becomes a courier job. */
export interface RestockLine {
  /** Content-addressed: the same line in a later plan has the same id. */
  id: string;
  kind: LineKind;
  from: JobPlace;
  to: JobPlace;
  packIds: string[];
  /** Packs among packIds that leave service, and why. */
  withdraw: Record<string, WithdrawReason>;
  reasons: RestockReason[];
  routeId: string;
  /** Stops of the route where the packs are picked up and dropped. */
  fromStop: number;
  toStop: number;
  courierId: string;
  /** The route sets off, and the courier reaches the source and the destination. */
  departAtMs: number;
  pickupAtMs: number;
  arriveAtMs: number;
  /** When the destination needs them (its first projected shortfall), if it does. */
  needByMs: number | null;
  numbers: {
    distanceKm: number;
    leadTimeMin: number;
    /** At the destination store: forecast takes over the horizon, supply, deficit, projected stock-out. */
    forecastTakes?: number;
    supply?: number;
    deficit?: number;
    stockOutAtMs?: number | null;
    slotsFullAtMs?: number | null;
    /** At a source store: what it could spare. */
    sourceSurplus?: number;
  };
}

/** A courier trip: one departure, stops in order, every pickup and drop on the way. */
export interface RestockRoute {
  id: string;
  courierId: string;
  departAtMs: number;
  stops: { place: JobPlace; arriveAtMs: number }[];
  lineIds: string[];
  packs: number;
  distanceKm: number;
}

export interface StorePlanView {
  storeId: string;
  name: string;
  /** 1 = most urgent. */
  rank: number;
  reasons: RestockReason[];
  projection: StoreProjection;
  forecast: { takes: number[]; returns: number[]; levelPerH: number; profileSource: StoreForecast['profileSource']; surge: StoreForecast['surge'] };
  /** Packs to withdraw at this store (slots and back room). */
  withdrawals: { packId: string; reason: WithdrawReason }[];
  lineIds: string[];
}

export interface UnmetNeed {
  storeId: string;
  packs: number;
  reasons: RestockReason[];
}

export interface RestockPlan {
  atMs: number;
  horizonH: number;
  stores: StorePlanView[];
  routes: RestockRoute[];
  lines: RestockLine[];
  unmet: UnmetNeed[];
  totals: { stores: number; storesShort: number; packsToMove: number; trips: number; withdrawals: number };
}

export interface PlanInput {
  nowMs: number;
  stores: readonly StoreInput[];
  /** Forecast per store id; hourStartMs is hour 0 of every store's arrays. */
  forecast: { hourStartMs: number; byStore: ReadonlyMap<string, StoreForecast> };
  warehouses: readonly WarehouseInput[];
  couriers: readonly CourierInput[];
  openJobs: readonly OpenJob[];
  policy: RestockPolicy;
}

interface Courier {
  id: string;
  freeAtMs: number;
  at: GeoPoint;
}

/** A store's need as the routes see it. */
interface Need {
  s: StoreInput;
  pr: StoreProjection;
  /** Ready packs still to bring. */
  want: number;
  /** Its charging packs, flattest first: what an exchange takes away. */
  flat: string[];
  /** Room in its kiosks soon; packs brought beyond it need an exchange. */
  room: number;
  brought: number;
  urgent: boolean;
  why: RestockReason[];
  numbers: Partial<RestockLine['numbers']>;
}

/** A leg under construction. */
interface Leg {
  kind: LineKind;
  fromStop: number;
  toStop: number;
  packIds: string[];
  withdraw: Record<string, WithdrawReason>;
  reasons: RestockReason[];
  needByMs: number | null;
  numbers: Partial<RestockLine['numbers']>;
}

const byStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** FNV-1a, 32 bit, hex: ids that survive a re-plan when the line is the same. */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function lineId(kind: LineKind, from: JobPlace, to: JobPlace, packIds: readonly string[]): string {
  return `${kind}-${fnv(`${kind}|${placeKey(from)}|${placeKey(to)}|${[...packIds].sort().join(',')}`)}`;
}

export function planRestock(input: PlanInput): RestockPlan {
  const { nowMs, policy } = input;
  const cp = policy.courier;
  const thr = policy.chargedThresholdPct;
  const stores = [...input.stores].sort((a, b) => byStr(a.id, b.id));
  const storeById = new Map(stores.map((s) => [s.id, s]));
  const inJob = new Set<string>();
  for (const j of input.openJobs) for (const p of j.packIds) inJob.add(p);
  const horizonEnd = nowMs + policy.horizonH * HOUR_MS;

  // 1. Project every store.
  const projections = new Map<string, StoreProjection>();
  const empty = { takes: [] as number[], returns: [] as number[] };
  for (const s of stores) {
    const f = input.forecast.byStore.get(s.id);
    projections.set(s.id, projectStore(s, { hourStartMs: input.forecast.hourStartMs, ...(f ?? empty) }, input.openJobs, policy, nowMs));
  }

  // 2. Supplies: each store's surplus (its back room first, then its fullest ready packs), then the warehouses' stock.
  const spare = new Map<string, string[]>();
  for (const s of stores) {
    const pr = projections.get(s.id)!;
    if (pr.surplus <= 0) continue;
    const back = s.backroom.filter((b) => b.servable && !inJob.has(b.packId)).sort((a, b) => b.socPct - a.socPct || byStr(a.packId, b.packId)).map((b) => b.packId);
    const ready = s.slots
      .filter((x) => x.packId !== null && x.servable && x.socPct >= thr && !inJob.has(x.packId))
      .sort((a, b) => b.socPct - a.socPct || byStr(a.packId!, b.packId!))
      .map((x) => x.packId!);
    const packs = [...back, ...ready].slice(0, pr.surplus);
    if (packs.length > 0) spare.set(s.id, packs);
  }
  const warehouses = [...input.warehouses].sort((a, b) => byStr(a.id, b.id));
  const stock = new Map<string, string[]>();
  for (const w of warehouses) {
    stock.set(w.id, w.stock.filter((p) => p.servable && !inJob.has(p.packId)).sort((a, b) => b.socPct - a.socPct || byStr(a.packId, b.packId)).map((p) => p.packId));
  }
  const warehouseAt = new Map(warehouses.map((w) => [w.id, w as GeoPoint]));
  const placeAt = (p: JobPlace): GeoPoint => (p.kind === 'store' ? storeById.get(p.storeId)! : warehouseAt.get(p.warehouseId) ?? centroid(stores));
  const km = (a: GeoPoint, b: GeoPoint) => roadKm(a, b, cp.roadFactor);
  const legMs = (a: GeoPoint, b: GeoPoint) => (driveMin(a, b, cp.speedKmh, cp.roadFactor) + cp.stopMin) * 60_000;
  const nearestWarehouse = (at: GeoPoint, withStock: boolean): WarehouseInput | null => {
    let best: WarehouseInput | null = null;
    for (const w of warehouses) {
      if (withStock && stock.get(w.id)!.length === 0) continue;
      if (best === null || km(at, w) < km(at, best)) best = w;
    }
    return best;
  };

  // 3. Couriers, free from the end of their open jobs; a route goes to whoever reaches its first stop first.
  const couriers: Courier[] = input.couriers.map((c) => ({ id: c.id, freeAtMs: Math.max(nowMs, c.freeAtMs), at: c.at })).sort((a, b) => byStr(a.id, b.id));
  const firstCourier = (to: GeoPoint, prefer: string | null = null): { c: Courier; atMs: number } | null => {
    let best: { c: Courier; atMs: number } | null = null;
    for (const c of couriers) {
      const atMs = c.freeAtMs + legMs(c.at, to);
      if (best === null || atMs < best.atMs || (prefer !== null && c.id === prefer && atMs <= best.atMs)) best = { c, atMs };
    }
    return best;
  };

  const routes: RestockRoute[] = [];
  const lines: RestockLine[] = [];
  const unmet: UnmetNeed[] = [];
  const linesOf = new Map<string, string[]>();
  /** Commits a route: times every stop from the courier's position, turns legs into lines, moves the courier on. */
  const commit = (c: Courier, stops: JobPlace[], legs: Leg[]): RestockRoute => {
    const departAtMs = c.freeAtMs;
    const times: number[] = [];
    let t = departAtMs;
    let at = c.at;
    let distanceKm = km(at, placeAt(stops[0]!));
    for (const [i, p] of stops.entries()) {
      const g = placeAt(p);
      if (i > 0) distanceKm += km(at, g);
      t += legMs(at, g);
      times.push(Math.round(t));
      at = g;
    }
    c.freeAtMs = t;
    c.at = at;
    const made = legs.map((l): RestockLine => {
      const from = stops[l.fromStop]!;
      const to = stops[l.toStop]!;
      const arriveAtMs = times[l.toStop]!;
      const late = l.numbers.stockOutAtMs != null && arriveAtMs > l.numbers.stockOutAtMs;
      return {
        id: lineId(l.kind, from, to, l.packIds),
        kind: l.kind,
        from,
        to,
        packIds: l.packIds,
        withdraw: l.withdraw,
        reasons: late ? [...l.reasons, 'ARRIVES_AFTER_STOCK_OUT'] : l.reasons,
        routeId: '',
        fromStop: l.fromStop,
        toStop: l.toStop,
        courierId: c.id,
        departAtMs: Math.round(departAtMs),
        pickupAtMs: times[l.fromStop]!,
        arriveAtMs,
        needByMs: l.needByMs,
        numbers: { distanceKm: round2(km(placeAt(from), placeAt(to))), leadTimeMin: Math.round((arriveAtMs - nowMs) / 60_000), ...l.numbers },
      };
    });
    const id = `route-${fnv(made.map((l) => l.id).join('|'))}`;
    for (const l of made) {
      l.routeId = id;
      lines.push(l);
      for (const p of [l.from, l.to]) {
        if (p.kind !== 'store') continue;
        const ids = linesOf.get(p.storeId) ?? [];
        if (!ids.includes(l.id)) ids.push(l.id);
        linesOf.set(p.storeId, ids);
      }
    }
    const route: RestockRoute = { id, courierId: c.id, departAtMs: Math.round(departAtMs), stops: stops.map((place, i) => ({ place, arriveAtMs: times[i]! })), lineIds: made.map((l) => l.id), packs: legs.reduce((n, l) => n + l.packIds.length, 0), distanceKm: round2(distanceKm) };
    routes.push(route);
    return route;
  };

  // 4. Needs, most urgent first: earliest need, then the bigger deficit, then the id.
  const needs: Need[] = [];
  for (const s of stores) {
    const pr = projections.get(s.id)!;
    if (pr.deficit <= 0) continue;
    const f = input.forecast.byStore.get(s.id);
    const why: RestockReason[] = [pr.stockOutAtMs !== null ? 'STOCK_OUT_PROJECTED' : 'BELOW_SAFETY_STOCK'];
    if (f?.surge) why.push('SURGE_DETECTED');
    if (f && f.profileSource !== 'store') why.push('FORECAST_FROM_FLEET_PRIOR');
    const flat = s.slots
      .filter((x) => x.packId !== null && x.servable && x.socPct < thr && !inJob.has(x.packId))
      .sort((a, b) => a.socPct - b.socPct || byStr(a.packId!, b.packId!))
      .map((x) => x.packId!);
    const room = pr.roomSoon;
    const want = Math.min(pr.deficit, room + flat.length);
    if (want < pr.deficit) unmet.push({ storeId: s.id, packs: pr.deficit - want, reasons: [...why, 'NO_ROOM'] });
    if (want <= 0) continue;
    needs.push({
      s,
      pr,
      want,
      flat,
      room,
      brought: 0,
      urgent: pr.needByMs! - nowMs <= policy.urgentWithinH * HOUR_MS,
      why,
      numbers: { forecastTakes: round2(pr.forecastTakes), supply: round2(pr.supply), deficit: pr.deficit, stockOutAtMs: pr.stockOutAtMs, slotsFullAtMs: pr.slotsFullAtMs },
    });
  }
  needs.sort((a, b) => a.pr.needByMs! - b.pr.needByMs! || b.pr.deficit - a.pr.deficit || byStr(a.s.id, b.s.id));
  // Stores with no need but free slots: a passing route may fill them.
  const needing = new Set(needs.map((n) => n.s.id));
  const fillers: Need[] = stores
    .filter((s) => !needing.has(s.id) && projections.get(s.id)!.roomNow > 0)
    .map((s) => {
      const pr = projections.get(s.id)!;
      return { s, pr, want: 0, flat: [], room: pr.roomNow, brought: 0, urgent: false, why: ['TOP_UP_ON_ROUTE'], numbers: { forecastTakes: round2(pr.forecastTakes), supply: round2(pr.supply), deficit: 0, stockOutAtMs: pr.stockOutAtMs, slotsFullAtMs: pr.slotsFullAtMs } };
    });

  // Packs that must leave each store for a warehouse: withdrawals (with their reasons) and, where
  // return slots run out, the flattest packs. Routes that call pick them up.
  const withdrawalsAt = new Map<string, { packId: string; reason: WithdrawReason }[]>();
  const pickups = new Map<string, { packIds: string[]; withdraw: Record<string, WithdrawReason>; reasons: RestockReason[]; safety: boolean; slotsFullAtMs: number | null }>();
  for (const s of stores) {
    const pr = projections.get(s.id)!;
    const wd: { packId: string; reason: WithdrawReason }[] = [];
    for (const x of s.slots) if (x.packId !== null && x.withdraw !== null && !inJob.has(x.packId)) wd.push({ packId: x.packId, reason: x.withdraw });
    for (const b of s.backroom) if (b.withdraw !== null && !inJob.has(b.packId)) wd.push({ packId: b.packId, reason: b.withdraw });
    wd.sort((a, b) => byStr(a.packId, b.packId));
    if (wd.length > 0) withdrawalsAt.set(s.id, wd);
    const inSlots = new Set(s.slots.flatMap((x) => (x.packId === null ? [] : [x.packId])));
    const packIds = wd.map((x) => x.packId);
    const reasons = new Set<RestockReason>(wd.map((x) => WITHDRAW_REASON_CODE[x.reason]));
    const freed = packIds.filter((p) => inSlots.has(p)).length;
    if (pr.flatExcess > freed) {
      const more = s.slots
        .filter((x) => x.packId !== null && x.servable && x.socPct < thr && !inJob.has(x.packId))
        .sort((a, b) => a.socPct - b.socPct || byStr(a.packId!, b.packId!))
        .slice(0, pr.flatExcess - freed)
        .map((x) => x.packId!);
      if (more.length > 0) {
        packIds.push(...more);
        reasons.add('RETURN_SLOTS_FULL_PROJECTED');
      }
    }
    if (packIds.length === 0) continue;
    pickups.set(s.id, { packIds, withdraw: Object.fromEntries(wd.map((x) => [x.packId, x.reason])), reasons: [...reasons], safety: wd.some((x) => x.reason === 'recalled' || x.reason === 'unsafe'), slotsFullAtMs: pr.slotsFullAtMs });
  }
  /** Legs collecting at stop i: an exchange's flat packs and the store's pickups, up to `room` packs. */
  const collectAt = (n: Need | null, storeId: string, stop: number, toStop: number, roomInVan: number): Leg[] => {
    const legs: Leg[] = [];
    let left = roomInVan;
    if (n && n.brought > n.room && left > 0) {
      const out = n.flat.filter((p) => !inJob.has(p)).slice(0, Math.min(left, n.brought - n.room));
      if (out.length > 0) {
        for (const p of out) inJob.add(p);
        legs.push({ kind: 'clear_flat', fromStop: stop, toStop, packIds: out, withdraw: {}, reasons: ['EXCHANGE_FOR_ROOM'], needByMs: null, numbers: {} });
        left -= out.length;
      }
    }
    const pu = pickups.get(storeId);
    if (pu && left > 0) {
      const take = pu.packIds.filter((p) => !inJob.has(p)).slice(0, left);
      if (take.length > 0) {
        for (const p of take) inJob.add(p);
        const wd = Object.fromEntries(take.filter((p) => pu.withdraw[p]).map((p) => [p, pu.withdraw[p]!]));
        legs.push({ kind: Object.keys(wd).length > 0 ? 'withdraw' : 'clear_flat', fromStop: stop, toStop, packIds: take, withdraw: wd, reasons: pu.reasons, needByMs: null, numbers: { slotsFullAtMs: pu.slotsFullAtMs } });
        pu.packIds = pu.packIds.filter((p) => !inJob.has(p));
        if (pu.packIds.length === 0) pickups.delete(storeId);
      }
    }
    return legs;
  };

  const anyStock = () => warehouses.some((w) => stock.get(w.id)!.length > 0);
  // 5. Nearby stores first: a transfer is a short trip of its own, nearest surplus first.
  for (const n of needs) {
    const near = [...spare.keys()]
      .filter((id) => id !== n.s.id)
      .map((id) => ({ id, km: km(storeById.get(id)!, n.s) }))
      .filter((x) => x.km <= policy.maxTransferKm)
      .sort((a, b) => a.km - b.km || byStr(a.id, b.id));
    for (const x of near) {
      if (n.want <= 0) break;
      const packs = spare.get(x.id)!;
      const k = Math.min(packs.length, n.want, cp.capacityPacks);
      // A transfer is a whole trip: a handful of packs is better brought by a warehouse route that
      // passes several stores, unless the warehouses are empty.
      if (k < policy.minTripPacks && anyStock()) continue;
      const from: JobPlace = { kind: 'store', storeId: x.id };
      const to: JobPlace = { kind: 'store', storeId: n.s.id };
      const first = firstCourier(placeAt(from));
      if (first === null || first.atMs > horizonEnd) break;
      const take = packs.splice(0, k);
      if (packs.length === 0) spare.delete(x.id);
      for (const p of take) inJob.add(p);
      n.want -= k;
      n.brought += k;
      const legs: Leg[] = [{ kind: 'transfer', fromStop: 0, toStop: 1, packIds: take, withdraw: {}, reasons: [...n.why, 'FROM_NEARBY_SURPLUS'], needByMs: n.pr.needByMs, numbers: { ...n.numbers, sourceSurplus: k + packs.length } }];
      const stops: JobPlace[] = [from, to];
      const back = collectAt(n, n.s.id, 1, 2, cp.capacityPacks);
      if (back.length > 0) stops.push({ kind: 'warehouse', warehouseId: nearestWarehouse(n.s, false)?.id ?? CENTRAL_WAREHOUSE });
      commit(first.c, stops, [...legs, ...back]);
    }
  }

  // 6. Then the warehouse: a route loads at the warehouse nearest the most urgent store left and
  //    drops at it and at the nearest stores still short, while the load and routeMaxMin allow;
  //    at each stop it collects an exchange's flat packs and the store's pickups, and brings them back.
  for (;;) {
    const seed = needs.find((n) => n.want > 0 && (n.urgent || n.want >= policy.minTripPacks));
    if (!seed) break;
    const w = nearestWarehouse(seed.s, true);
    if (w === null) break;
    const wPlace: JobPlace = { kind: 'warehouse', warehouseId: w.id };
    const first = firstCourier(w);
    if (first === null || first.atMs + legMs(w, seed.s) > horizonEnd) {
      for (const n of needs) if (n.want > 0) unmet.push({ storeId: n.s.id, packs: n.want, reasons: [...n.why, 'COURIER_CAPACITY_EXHAUSTED'] });
      for (const n of needs) n.want = 0;
      break;
    }
    const packs = stock.get(w.id)!;
    const stops: JobPlace[] = [wPlace];
    const drops: { n: Need; packIds: string[] }[] = [];
    let load = 0;
    let at: GeoPoint = w;
    let minutes = 0;
    let next: Need | undefined = seed;
    while (next !== undefined && load < cp.capacityPacks && packs.length > 0) {
      // A courier who calls anyway fills the free slots above the reserve too: a buffer now saves a trip later.
      const fill = policy.topUpOnVisit ? Math.max(0, next.pr.roomNow - next.brought) : 0;
      const k = Math.min(Math.max(next.want, fill), cp.capacityPacks - load, packs.length);
      const take = packs.splice(0, k);
      for (const p of take) inJob.add(p);
      next.want = Math.max(0, next.want - k);
      next.brought += k;
      load += k;
      minutes += legMs(at, next.s) / 60_000;
      at = next.s;
      stops.push({ kind: 'store', storeId: next.s.id });
      drops.push({ n: next, packIds: take });
      const from: GeoPoint = at;
      const visited = new Set(drops.map((d) => d.n.s.id));
      const reachable = (n: Need) => !visited.has(n.s.id) && minutes + legMs(from, n.s) / 60_000 <= policy.routeMaxMin;
      const nearest = (xs: Need[]) => xs.sort((a, b) => km(from, a.s) - km(from, b.s) || byStr(a.s.id, b.s.id))[0];
      // Stores short first; with room left in the van, the nearest stores with free slots.
      next = nearest(needs.filter((n) => n.want > 0 && reachable(n))) ?? (policy.topUpOnVisit ? nearest(fillers.filter((n) => n.pr.roomNow - n.brought > 0 && reachable(n))) : undefined);
    }
    const legs: Leg[] = drops.map((d, i) => ({ kind: 'restock', fromStop: 0, toStop: i + 1, packIds: d.packIds, withdraw: {}, reasons: [...d.n.why, 'FROM_WAREHOUSE'], needByMs: d.n.pr.needByMs, numbers: d.n.numbers }));
    // Collect on the way: the van empties as it drops, so stop i has room for what the later stops do not need.
    const back: Leg[] = [];
    let stillToDrop = load;
    let collected = 0;
    drops.forEach((d, i) => {
      stillToDrop -= d.packIds.length;
      back.push(...collectAt(d.n, d.n.s.id, i + 1, drops.length + 1, cp.capacityPacks - stillToDrop - collected));
      collected = back.reduce((n, l) => n + l.packIds.length, 0);
    });
    if (back.length > 0) stops.push(wPlace);
    commit(first.c, stops, [...legs, ...back]);
    if (packs.length === 0 && !warehouses.some((x) => stock.get(x.id)!.length > 0)) break;
  }
  for (const n of needs) if (n.want > 0) unmet.push({ storeId: n.s.id, packs: n.want, reasons: [...n.why, warehouses.some((x) => stock.get(x.id)!.length > 0) ? 'BELOW_SAFETY_STOCK' : n.want === n.pr.deficit ? 'NO_SUPPLY' : 'PARTIAL_NO_SUPPLY'] });

  // 7. Pickups no delivery route took: collection routes, safety first, then slots running out
  //    soonest; worn or faulty packs alone wait until there are minTripPacks of them.
  const order = () =>
    [...pickups.entries()]
      .filter(([, pu]) => pu.safety || pu.slotsFullAtMs !== null || pu.packIds.length >= policy.minTripPacks)
      .sort(([a, x], [b, y]) => Number(y.safety) - Number(x.safety) || (x.slotsFullAtMs ?? Infinity) - (y.slotsFullAtMs ?? Infinity) || byStr(a, b));
  for (let seed = order()[0]; seed !== undefined; seed = order()[0]) {
    const [seedId] = seed;
    const s0 = storeById.get(seedId)!;
    const first = firstCourier(s0);
    if (first === null || first.atMs > horizonEnd) {
      for (const [id, pu] of pickups) unmet.push({ storeId: id, packs: pu.packIds.length, reasons: [...pu.reasons, 'COURIER_CAPACITY_EXHAUSTED'] });
      pickups.clear();
      break;
    }
    const stops: JobPlace[] = [];
    const visit: string[] = [];
    let at: GeoPoint = s0;
    let minutes = 0;
    let load = 0;
    let nextId: string | undefined = seedId;
    while (nextId !== undefined && load < cp.capacityPacks) {
      const st = storeById.get(nextId)!;
      if (visit.length > 0) minutes += legMs(at, st) / 60_000;
      at = st;
      visit.push(nextId);
      load += pickups.get(nextId)!.packIds.length;
      const from: GeoPoint = at;
      nextId = [...pickups.keys()]
        .filter((id) => !visit.includes(id) && minutes + legMs(from, storeById.get(id)!) / 60_000 <= policy.routeMaxMin)
        .sort((a, b) => km(from, storeById.get(a)!) - km(from, storeById.get(b)!) || byStr(a, b))[0];
    }
    const w = nearestWarehouse(at, false);
    const legs: Leg[] = [];
    let room = cp.capacityPacks;
    visit.forEach((id, i) => {
      stops.push({ kind: 'store', storeId: id });
      const got = collectAt(null, id, i, visit.length, room);
      room -= got.reduce((n, l) => n + l.packIds.length, 0);
      legs.push(...got);
      pickups.delete(id);
    });
    stops.push({ kind: 'warehouse', warehouseId: w?.id ?? CENTRAL_WAREHOUSE });
    if (legs.length > 0) commit(first.c, stops, legs);
  }

  // 8. The store view, most urgent first: stock-out soonest, then slots full soonest, then withdrawals.
  const views: StorePlanView[] = stores.map((s) => {
    const pr = projections.get(s.id)!;
    const f = input.forecast.byStore.get(s.id);
    const reasons = new Set<RestockReason>();
    if (pr.stockOutAtMs !== null) reasons.add('STOCK_OUT_PROJECTED');
    else if (pr.deficit > 0) reasons.add('BELOW_SAFETY_STOCK');
    if (pr.slotsFullAtMs !== null) reasons.add('RETURN_SLOTS_FULL_PROJECTED');
    if (f?.surge) reasons.add('SURGE_DETECTED');
    if (f && f.profileSource !== 'store') reasons.add('FORECAST_FROM_FLEET_PRIOR');
    const wd = withdrawalsAt.get(s.id) ?? [];
    for (const x of wd) reasons.add(WITHDRAW_REASON_CODE[x.reason]);
    return {
      storeId: s.id,
      name: s.name,
      rank: 0,
      reasons: [...reasons],
      projection: pr,
      forecast: { takes: (f?.takes ?? []).slice(0, 24).map(round2), returns: (f?.returns ?? []).slice(0, 24).map(round2), levelPerH: round2(f?.levelPerH ?? 0), profileSource: f?.profileSource ?? 'prior', surge: f?.surge ?? null },
      withdrawals: wd,
      lineIds: linesOf.get(s.id) ?? [],
    };
  });
  const key = (v: StorePlanView) => [v.projection.stockOutAtMs ?? Infinity, v.projection.needByMs ?? Infinity, v.projection.slotsFullAtMs ?? Infinity, -v.withdrawals.length] as const;
  views.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return byStr(a.storeId, b.storeId);
  });
  views.forEach((v, i) => (v.rank = i + 1));
  return {
    atMs: nowMs,
    horizonH: policy.horizonH,
    stores: views,
    routes,
    lines,
    unmet: mergeUnmet(unmet),
    totals: {
      stores: views.length,
      storesShort: views.filter((v) => v.projection.deficit > 0).length,
      packsToMove: lines.reduce((n, l) => n + l.packIds.length, 0),
      trips: routes.length,
      withdrawals: [...withdrawalsAt.values()].reduce((n, w) => n + w.length, 0),
    },
  };
}

/** One entry per store, its packs summed and its reasons in first-seen order. */
function mergeUnmet(xs: UnmetNeed[]): UnmetNeed[] {
  const by = new Map<string, UnmetNeed>();
  for (const x of xs) {
    const m = by.get(x.storeId);
    if (!m) by.set(x.storeId, { storeId: x.storeId, packs: x.packs, reasons: [...x.reasons] });
    else {
      m.packs += x.packs;
      for (const r of x.reasons) if (!m.reasons.includes(r)) m.reasons.push(r);
    }
  }
  return [...by.values()];
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

