// The restock plan: every store projected, ranked by urgency, and courier lines that meet each
// store's deficit before its stock-out — first from nearby stores whose surplus outlasts their own
// horizon (nearest first, road distance = great circle × 1.3), then from the warehouse — within
// the couriers' capacity and time. It also takes flat packs out of stores about to run out of
// return slots (or to make room for a delivery), and picks up every withdrawal. Deterministic:
// every choice is ordered by time, then distance, then id.
import type { WithdrawReason } from '../fleet-model.ts';
import type { StoreForecast } from './forecast.ts';
import { driveMin, roadKm, type GeoPoint } from './geo.ts';
import { HOUR_MS } from './local-time.ts';
import { projectStore, type StoreProjection } from './projection.ts';
import { CENTRAL_WAREHOUSE, WITHDRAW_REASON_CODE, placeKey, type CourierInput, type JobPlace, type OpenJob, type RestockPolicy, type RestockReason, type StockPack, type StoreInput, type WarehouseInput } from './restock-model.ts';

export type LineKind = 'restock' | 'transfer' | 'clear_flat' | 'withdraw';

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
  courierId: string;
  /** The courier sets off, reaches the source, and reaches the destination. */
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

const byStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** FNV-1a, 32 bit, hex: line ids that survive a re-plan when the line is the same. */
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
  const storeById = new Map(input.stores.map((s) => [s.id, s]));
  const inJob = new Set<string>();
  for (const j of input.openJobs) for (const p of j.packIds) inJob.add(p);

  // 1. Project every store.
  const projections = new Map<string, StoreProjection>();
  const empty = { takes: [] as number[], returns: [] as number[] };
  for (const s of input.stores) {
    const f = input.forecast.byStore.get(s.id);
    projections.set(s.id, projectStore(s, { hourStartMs: input.forecast.hourStartMs, ...(f ?? empty) }, input.openJobs, policy, nowMs));
  }

  // 2. Supplies: each store's surplus (its fullest ready packs), then the warehouses' stock.
  const spare = new Map<string, string[]>();
  for (const s of input.stores) {
    const pr = projections.get(s.id)!;
    if (pr.surplus <= 0) continue;
    const ready = s.slots
      .filter((x) => x.packId !== null && x.servable && x.socPct >= policy.chargedThresholdPct && !inJob.has(x.packId))
      .sort((a, b) => b.socPct - a.socPct || byStr(a.packId!, b.packId!))
      .slice(0, pr.surplus)
      .map((x) => x.packId!);
    if (ready.length > 0) spare.set(s.id, ready);
  }
  const stock = new Map<string, string[]>();
  for (const w of input.warehouses) {
    stock.set(w.id, w.stock.filter((p) => p.servable && !inJob.has(p.packId)).sort((a, b) => b.socPct - a.socPct || byStr(a.packId, b.packId)).map((p) => p.packId));
  }
  const warehouseAt = new Map(input.warehouses.map((w) => [w.id, w as GeoPoint]));
  const placeAt = (p: JobPlace): GeoPoint => (p.kind === 'store' ? storeById.get(p.storeId)! : warehouseAt.get(p.warehouseId) ?? centroid(input.stores));
  const nearestWarehouse = (at: GeoPoint): WarehouseInput | null => {
    let best: WarehouseInput | null = null;
    let bestKm = Infinity;
    for (const w of input.warehouses) {
      const km = roadKm(at, w, cp.roadFactor);
      if (km < bestKm || (km === bestKm && best !== null && w.id < best.id)) {
        best = w;
        bestKm = km;
      }
    }
    return best;
  };

  // 3. Couriers, free from the end of their open jobs.
  const couriers: Courier[] = input.couriers.map((c) => ({ id: c.id, freeAtMs: Math.max(nowMs, c.freeAtMs), at: c.at })).sort((a, b) => byStr(a.id, b.id));
  const horizonEnd = nowMs + policy.horizonH * HOUR_MS;
  /** The courier who would finish this leg first; null when nobody can within the horizon. */
  const schedule = (from: JobPlace, to: JobPlace, prefer: string | null) => {
    const a = placeAt(from);
    const b = placeAt(to);
    let best: { c: Courier; depart: number; pickup: number; arrive: number } | null = null;
    // The courier who just delivered here takes the flat half of an exchange back.
    const preferred = prefer === null ? [] : couriers.filter((c) => c.id === prefer);
    for (const c of preferred.length > 0 ? preferred : couriers) {
      const depart = c.freeAtMs;
      const pickup = depart + (driveMin(c.at, a, cp.speedKmh, cp.roadFactor) + cp.stopMin) * 60_000;
      const arrive = pickup + (driveMin(a, b, cp.speedKmh, cp.roadFactor) + cp.stopMin) * 60_000;
      if (best === null || arrive < best.arrive) best = { c, depart, pickup, arrive };
    }
    if (best === null || best.arrive > horizonEnd) return null;
    return best;
  };

  const lines: RestockLine[] = [];
  const unmet: UnmetNeed[] = [];
  const linesOf = new Map<string, string[]>();
  const addLine = (kind: LineKind, from: JobPlace, to: JobPlace, packIds: string[], withdraw: Record<string, WithdrawReason>, reasons: RestockReason[], needByMs: number | null, numbers: Partial<RestockLine['numbers']>, prefer: string | null = null): RestockLine | null => {
    const slot = schedule(from, to, prefer) ?? (prefer === null ? null : schedule(from, to, null));
    if (slot === null) return null;
    slot.c.freeAtMs = slot.arrive;
    slot.c.at = placeAt(to);
    const distanceKm = round2(roadKm(placeAt(from), placeAt(to), cp.roadFactor));
    const line: RestockLine = {
      id: lineId(kind, from, to, packIds),
      kind,
      from,
      to,
      packIds,
      withdraw,
      reasons: [...reasons, ...(numbers.stockOutAtMs != null && slot.arrive > numbers.stockOutAtMs ? (['ARRIVES_AFTER_STOCK_OUT'] as const) : [])],
      courierId: slot.c.id,
      departAtMs: Math.round(slot.depart),
      pickupAtMs: Math.round(slot.pickup),
      arriveAtMs: Math.round(slot.arrive),
      needByMs,
      numbers: { distanceKm, leadTimeMin: Math.round((slot.arrive - nowMs) / 60_000), ...numbers },
    };
    lines.push(line);
    for (const sid of [from, to].flatMap((p) => (p.kind === 'store' ? [p.storeId] : []))) {
      const l = linesOf.get(sid) ?? [];
      l.push(line.id);
      linesOf.set(sid, l);
    }
    return line;
  };

  // 4. Needs, most urgent first: earliest need, then the bigger deficit, then the id.
  const needs = input.stores
    .map((s) => ({ s, pr: projections.get(s.id)! }))
    .filter((x) => x.pr.deficit > 0)
    .sort((a, b) => a.pr.needByMs! - b.pr.needByMs! || b.pr.deficit - a.pr.deficit || byStr(a.s.id, b.s.id));
  const takeAway = new Map<string, { packIds: string[]; reasons: RestockReason[]; courierId: string | null }>();
  for (const { s, pr } of needs) {
    const urgent = pr.needByMs! - nowMs <= policy.urgentWithinH * HOUR_MS;
    const f = input.forecast.byStore.get(s.id);
    const why: RestockReason[] = [pr.stockOutAtMs !== null ? 'STOCK_OUT_PROJECTED' : 'BELOW_SAFETY_STOCK'];
    if (f?.surge) why.push('SURGE_DETECTED');
    if (f && f.profileSource !== 'store') why.push('FORECAST_FROM_FLEET_PRIOR');
    const numbers = { forecastTakes: round2(pr.forecastTakes), supply: round2(pr.supply), deficit: pr.deficit, stockOutAtMs: pr.stockOutAtMs, slotsFullAtMs: pr.slotsFullAtMs };
    // Room: free slots above the reserve and those first issues will free, plus charging packs a
    // courier can take away to make room for ready ones.
    let want = pr.deficit;
    if (!urgent && want < policy.minTripPacks) continue;
    const flat = s.slots
      .filter((x) => x.packId !== null && x.servable && x.socPct < policy.chargedThresholdPct && !inJob.has(x.packId))
      .sort((a, b) => a.socPct - b.socPct || byStr(a.packId!, b.packId!));
    const room = pr.roomHorizon;
    const exchange = Math.max(0, Math.min(want - room, flat.length));
    want = Math.min(want, room + exchange);
    if (want <= 0) {
      unmet.push({ storeId: s.id, packs: pr.deficit, reasons: [...why, 'NO_ROOM'] });
      continue;
    }
    let got = 0;
    let lastCourier: string | null = null;
    const to: JobPlace = { kind: 'store', storeId: s.id };
    // Nearby stores first, nearest first.
    const near = [...spare.keys()]
      .filter((id) => id !== s.id)
      .map((id) => ({ id, km: roadKm(storeById.get(id)!, s, cp.roadFactor) }))
      .filter((x) => x.km <= policy.maxTransferKm)
      .sort((a, b) => a.km - b.km || byStr(a.id, b.id));
    for (const n of near) {
      if (got >= want) break;
      const packs = spare.get(n.id)!;
      const k = Math.min(packs.length, want - got, cp.capacityPacks);
      if (!urgent && k < policy.minTripPacks && k < want - got) continue;
      const take = packs.slice(0, k);
      const line = addLine('transfer', { kind: 'store', storeId: n.id }, to, take, {}, [...why, 'FROM_NEARBY_SURPLUS'], pr.needByMs, { ...numbers, sourceSurplus: packs.length });
      if (line === null) break;
      lastCourier = line.courierId;
      packs.splice(0, k);
      if (packs.length === 0) spare.delete(n.id);
      got += k;
    }
    // Then the warehouse, nearest first, in trips of at most the courier's capacity.
    const whs = [...input.warehouses].sort((a, b) => roadKm(a, s, cp.roadFactor) - roadKm(b, s, cp.roadFactor) || byStr(a.id, b.id));
    let noCourier = false;
    for (const w of whs) {
      const packs = stock.get(w.id)!;
      while (got < want && packs.length > 0) {
        const k = Math.min(packs.length, want - got, cp.capacityPacks);
        const line = addLine('restock', { kind: 'warehouse', warehouseId: w.id }, to, packs.slice(0, k), {}, [...why, 'FROM_WAREHOUSE'], pr.needByMs, numbers);
        if (line === null) {
          noCourier = true;
          break;
        }
        lastCourier = line.courierId;
        packs.splice(0, k);
        got += k;
      }
      if (got >= want || noCourier) break;
    }
    if (got > room) {
      const out = flat.slice(0, got - room).map((x) => x.packId!);
      for (const p of out) inJob.add(p);
      takeAway.set(s.id, { packIds: out, reasons: ['EXCHANGE_FOR_ROOM'], courierId: lastCourier });
    }
    if (got < pr.deficit) {
      const r: RestockReason = noCourier ? 'COURIER_CAPACITY_EXHAUSTED' : got === 0 ? 'NO_SUPPLY' : 'PARTIAL_NO_SUPPLY';
      unmet.push({ storeId: s.id, packs: pr.deficit - got, reasons: [...why, want < pr.deficit ? 'NO_ROOM' : r] });
    }
  }

  // 5. Packs leaving each store for a warehouse: withdrawals (recalled and unsafe first), flat
  //    packs where return slots run out, and the flat half of an exchange. One trip per store.
  const withdrawalsAt = new Map<string, { packId: string; reason: WithdrawReason }[]>();
  for (const s of input.stores) {
    const w: { packId: string; reason: WithdrawReason }[] = [];
    for (const x of s.slots) if (x.packId !== null && x.withdraw !== null && !inJob.has(x.packId)) w.push({ packId: x.packId, reason: x.withdraw });
    for (const b of s.backroom) if (b.withdraw !== null && !inJob.has(b.packId)) w.push({ packId: b.packId, reason: b.withdraw });
    if (w.length > 0) withdrawalsAt.set(s.id, w.sort((a, b) => byStr(a.packId, b.packId)));
  }
  const outgoing = input.stores
    .map((s) => {
      const pr = projections.get(s.id)!;
      const wd = withdrawalsAt.get(s.id) ?? [];
      const ex = takeAway.get(s.id);
      const reasons = new Set<RestockReason>(ex?.reasons ?? []);
      const packIds = [...(ex?.packIds ?? [])];
      for (const x of wd) {
        packIds.push(x.packId);
        reasons.add(WITHDRAW_REASON_CODE[x.reason]);
      }
      // Slots running out: clear flat packs, beyond the slots the packs already leaving free.
      const inSlots = new Set(s.slots.flatMap((x) => (x.packId === null ? [] : [x.packId])));
      const freed = packIds.filter((p) => inSlots.has(p)).length;
      if (!ex && pr.flatExcess > freed) {
        const more = s.slots
          .filter((x) => x.packId !== null && x.servable && x.socPct < policy.chargedThresholdPct && !inJob.has(x.packId) && !packIds.includes(x.packId))
          .sort((a, b) => a.socPct - b.socPct || byStr(a.packId!, b.packId!))
          .slice(0, pr.flatExcess - freed)
          .map((x) => x.packId!);
        if (more.length > 0) {
          packIds.push(...more);
          reasons.add('RETURN_SLOTS_FULL_PROJECTED');
        }
      }
      const safety = wd.some((x) => x.reason === 'recalled' || x.reason === 'unsafe');
      return { s, pr, wd, packIds, reasons: [...reasons], safety, exchange: ex !== undefined, courierId: ex?.courierId ?? null };
    })
    .filter((o) => o.packIds.length > 0)
    // Safety first, then exchanges (a courier is already there), then slots running out soonest.
    .sort((a, b) => Number(b.safety) - Number(a.safety) || Number(b.exchange) - Number(a.exchange) || (a.pr.slotsFullAtMs ?? Infinity) - (b.pr.slotsFullAtMs ?? Infinity) || byStr(a.s.id, b.s.id));
  for (const o of outgoing) {
    // Worn or faulty packs alone are not worth a trip until there are a few; safety always is.
    const slotsOrExchange = o.reasons.includes('RETURN_SLOTS_FULL_PROJECTED') || o.exchange;
    if (!o.safety && !slotsOrExchange && o.packIds.length < policy.minTripPacks) continue;
    const w = nearestWarehouse(o.s);
    const to: JobPlace = { kind: 'warehouse', warehouseId: w?.id ?? CENTRAL_WAREHOUSE };
    const withdraw = Object.fromEntries(o.wd.map((x) => [x.packId, x.reason]));
    const kind: LineKind = o.wd.length > 0 ? 'withdraw' : 'clear_flat';
    for (let i = 0; i < o.packIds.length; i += cp.capacityPacks) {
      const chunk = o.packIds.slice(i, i + cp.capacityPacks);
      const wdChunk = Object.fromEntries(chunk.filter((p) => withdraw[p]).map((p) => [p, withdraw[p]!]));
      const line = addLine(kind, { kind: 'store', storeId: o.s.id }, to, chunk, wdChunk, o.reasons, null, { slotsFullAtMs: o.pr.slotsFullAtMs }, o.courierId);
      if (line === null) {
        unmet.push({ storeId: o.s.id, packs: o.packIds.length - i, reasons: [...o.reasons, 'COURIER_CAPACITY_EXHAUSTED'] });
        break;
      }
    }
  }

  // 6. The store view, most urgent first: stock-out soonest, then slots full soonest, then withdrawals.
  const views: StorePlanView[] = input.stores.map((s) => {
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
    lines,
    unmet,
    totals: {
      stores: views.length,
      storesShort: views.filter((v) => v.projection.deficit > 0).length,
      packsToMove: lines.reduce((n, l) => n + l.packIds.length, 0),
      trips: lines.length,
      withdrawals: [...withdrawalsAt.values()].reduce((n, w) => n + w.length, 0),
    },
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function centroid(stores: readonly GeoPoint[]): GeoPoint {
  if (stores.length === 0) return { lat: 0, lon: 0 };
  let lat = 0;
  let lon = 0;
  for (const s of stores) {
    lat += s.lat;
    lon += s.lon;
  }
  return { lat: lat / stores.length, lon: lon / stores.length };
}

export type { StockPack };
