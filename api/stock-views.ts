// Joins a kiosk's latest status (live state) with the registry (flags, recalls, holds, stores) into
// the JSON the store pages show: the slot grid of a kiosk and the stock of a store.
import { storeStock, type StockKiosk, type StoreStock } from '../domain/store-stock.ts';
import type { Store } from '../domain/fleet-model.ts';
import type { LiveState } from '../ingest/live-state.ts';
import type { FleetRegistry, PackRow } from '../store/fleet-registry.ts';
import { doorName, faultNames, iso, packStateName, slotStateName } from './views.ts';

export interface StockContext {
  fleet: FleetRegistry;
  live: Pick<LiveState, 'pack' | 'kiosk' | 'online'>;
  chargedThresholdPct: number;
  nowMs: number;
  /** The pack has an open custody dispute (never handed out meanwhile). */
  isDisputed?: (packId: string) => boolean;
}

/** The context as of now, the same for the store routes and the live updates (so both count alike). */
export function stockContextOf(deps: { fleet: FleetRegistry; live: StockContext['live']; chargedThresholdPct: number; clock: { now(): number }; disputes?: { isDisputed(packId: string): boolean } }): StockContext {
  const isDisputed = deps.disputes?.isDisputed;
  return { fleet: deps.fleet, live: deps.live, chargedThresholdPct: deps.chargedThresholdPct, nowMs: deps.clock.now(), ...(isDisputed ? { isDisputed } : {}) };
}

const nullableIso = { type: ['string', 'null'] } as const;

export const stockSchema = {
  type: 'object',
  required: ['kiosks', 'kiosksOnline', 'ready', 'held', 'disputed', 'charging', 'freeReturnSlots', 'outOfService', 'toWithdraw', 'unavailableSlots', 'nextReadyAt'],
  properties: {
    kiosks: { type: 'integer' },
    kiosksOnline: { type: 'integer' },
    ready: { type: 'integer', description: 'Charged packs a customer could get now (online kiosks, not held, not disputed, not flagged or recalled)' },
    held: { type: 'integer', description: 'Charged packs held for a customer' },
    disputed: { type: 'integer', description: 'Charged packs whose custody is disputed (GET /v1/anomalies): not handed out until an operator resolves it' },
    charging: { type: 'integer' },
    freeReturnSlots: { type: 'integer', description: 'Empty slots in online kiosks' },
    outOfService: { type: 'integer', description: 'Slots with a fault, or locked' },
    toWithdraw: { type: 'integer', description: 'Flagged or recalled packs in slots: to pull' },
    unavailableSlots: { type: 'integer', description: 'Slots of offline kiosks' },
    nextReadyAt: nullableIso,
  },
} as const;

export const chargingSchema = {
  type: 'array',
  description: 'Charging packs, soonest ready first, with the estimated time each reaches the charged threshold',
  items: { type: 'object', required: ['packId', 'kioskId', 'slot', 'socPct', 'readyAt'], properties: { packId: { type: 'string' }, kioskId: { type: 'string' }, slot: { type: 'integer' }, socPct: { type: 'number' }, readyAt: nullableIso } },
} as const;

export const storeSummarySchema = {
  type: 'object',
  required: ['id', 'name', 'timeZone', 'lat', 'lon', 'kioskIds', 'stock', 'charging', 'stockOutAt'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    timeZone: { type: 'string' },
    lat: { type: 'number' },
    lon: { type: 'number' },
    kioskIds: { type: 'array', items: { type: 'string' } },
    stock: stockSchema,
    charging: chargingSchema,
    stockOutAt: { ...nullableIso, description: 'Projected stock-out time; null until restock planning provides it' },
  },
} as const;

export const gridSlotSchema = {
  type: 'object',
  required: ['index', 'state', 'packId', 'socPct', 'tempC', 'chargeCurrentMa', 'faultCode', 'packFaults', 'sohPct', 'readyAt', 'held', 'disputed', 'withdrawn'],
  properties: {
    index: { type: 'integer' },
    state: { type: 'string', enum: ['EMPTY', 'CHARGING', 'READY', 'FAULT', 'LOCKED', 'UNSPECIFIED'] },
    packId: { type: ['string', 'null'] },
    socPct: { type: 'number' },
    tempC: { type: 'number' },
    chargeCurrentMa: { type: 'integer' },
    faultCode: { type: 'integer', description: 'The slot\'s vendor fault code; 0 when healthy' },
    packFaults: { type: 'array', items: { type: 'string' }, description: 'Fault flags from the pack\'s own latest telemetry' },
    sohPct: { type: ['number', 'null'] },
    readyAt: { ...nullableIso, description: 'For a charging pack: when it reaches the charged threshold' },
    held: { type: 'boolean' },
    disputed: { type: 'boolean', description: 'Custody disputed: not handed out until an operator resolves it' },
    withdrawn: { type: 'boolean', description: 'Flagged or recalled: never handed out' },
  },
} as const;

export const kioskGridSchema = {
  type: 'object',
  required: ['id', 'storeId', 'slotCount', 'online', 'connected', 'lastSeenAt', 'reportedAt', 'mainsPower', 'door', 'signalDbm', 'slotCounts', 'slots'],
  properties: {
    id: { type: 'string' },
    storeId: { type: 'string' },
    slotCount: { type: 'integer' },
    online: { type: 'boolean' },
    connected: { type: 'boolean' },
    lastSeenAt: nullableIso,
    reportedAt: { ...nullableIso, description: 'Device time of the status the grid shows; null when it never reported' },
    mainsPower: { type: ['boolean', 'null'] },
    door: { type: ['string', 'null'] },
    signalDbm: { type: ['integer', 'null'] },
    slotCounts: { type: 'object', additionalProperties: { type: 'integer' } },
    slots: { type: 'array', items: gridSlotSchema },
  },
} as const;

function packWithdrawn(fleet: FleetRegistry, p: PackRow | undefined): boolean {
  return p !== undefined && (p.flag !== null || fleet.recalledLots().has(p.lot));
}

/** One kiosk's slot grid and its input to the stock figures. */
export function kioskGrid(ctx: StockContext, kioskId: string) {
  const { fleet, live, nowMs } = ctx;
  const k = fleet.kiosk(kioskId);
  const status = live.kiosk(kioskId);
  const o = live.online(kioskId, nowMs);
  const slots = (status?.reading.slots ?? []).map((s) => {
    const packId = s.packId === '' ? null : s.packId;
    const pack = packId ? fleet.pack(packId) : undefined;
    const packLive = packId ? live.pack(packId) : undefined;
    return {
      index: s.index,
      state: slotStateName(s.state),
      stateNo: s.state,
      packId,
      socPct: s.socPct,
      tempC: s.tempC,
      chargeCurrentMa: s.chargeCurrentMa,
      faultCode: s.faultCode,
      packFaults: packLive ? faultNames(packLive.reading.faultFlags) : [],
      sohPct: packLive?.reading.sohPct ?? null,
      held: packId !== null && fleet.holds(nowMs, { packId }).length > 0,
      disputed: packId !== null && ctx.isDisputed?.(packId) === true,
      withdrawn: packWithdrawn(fleet, pack),
    };
  });
  const stockInput: StockKiosk = {
    kioskId,
    online: o.online,
    slots: status ? slots.map((s) => ({ index: s.index, state: s.stateNo, packId: s.packId, socPct: s.socPct, chargeCurrentMa: s.chargeCurrentMa, faultCode: s.faultCode, withdrawn: s.withdrawn, held: s.held, disputed: s.disputed })) : null,
  };
  const own = storeStock([stockInput], ctx.chargedThresholdPct, nowMs);
  const readyAt = new Map(own.chargingPacks.map((c) => [c.slot, c.readyAtMs]));
  const counts: Record<string, number> = { EMPTY: 0, CHARGING: 0, READY: 0, FAULT: 0, LOCKED: 0 };
  for (const s of slots) counts[s.state] = (counts[s.state] ?? 0) + 1;
  return {
    stockInput,
    view: {
      id: kioskId,
      storeId: k?.storeId ?? '',
      slotCount: k?.slotCount ?? slots.length,
      online: o.online,
      connected: o.connected,
      lastSeenAt: iso(o.lastSeenAtMs),
      reportedAt: status ? iso(status.reading.atMs) : null,
      mainsPower: status?.reading.mainsPower ?? null,
      door: status ? doorName(status.reading.door) : null,
      signalDbm: status?.reading.signalDbm ?? null,
      slotCounts: counts,
      slots: slots.map(({ stateNo: _n, ...s }) => ({ ...s, readyAt: iso(readyAt.get(s.index) ?? null) })),
    },
  };
}

export function stockView(s: StoreStock) {
  return {
    stock: {
      kiosks: s.kiosks,
      kiosksOnline: s.kiosksOnline,
      ready: s.ready,
      held: s.held,
      disputed: s.disputed,
      charging: s.charging,
      freeReturnSlots: s.freeReturnSlots,
      outOfService: s.outOfService,
      toWithdraw: s.toWithdraw,
      unavailableSlots: s.unavailableSlots,
      nextReadyAt: iso(s.nextReadyAtMs),
    },
    charging: s.chargingPacks.map((c) => ({ packId: c.packId, kioskId: c.kioskId, slot: c.slot, socPct: c.socPct, readyAt: iso(c.readyAtMs) })),
  };
}

/** A store with its stock; `grids` also returns each kiosk's slot grid (the store page). */
export function storeView(ctx: StockContext, store: Store) {
  const kiosks = ctx.fleet.kiosks(store.id).map((k) => kioskGrid(ctx, k.id));
  const stock = storeStock(kiosks.map((k) => k.stockInput), ctx.chargedThresholdPct, ctx.nowMs);
  return {
    summary: { id: store.id, name: store.name, timeZone: store.timeZone, lat: store.lat, lon: store.lon, kioskIds: kiosks.map((k) => k.view.id), ...stockView(stock), stockOutAt: null },
    grids: kiosks.map((k) => k.view),
  };
}

/** Where a pack is, as a store: the store of its kiosk, or of its back room. */
export function packStoreId(fleet: FleetRegistry, p: PackRow): string | null {
  if (p.custody.kind === 'slot') return fleet.kiosk(p.custody.kioskId)?.storeId ?? null;
  if (p.custody.kind === 'warehouse' && p.custody.warehouseId && fleet.store(p.custody.warehouseId)) return p.custody.warehouseId;
  return null;
}

export function packListItem(ctx: StockContext, p: PackRow, showLocation: boolean) {
  const l = ctx.live.pack(p.id);
  const r = l?.reading;
  return {
    id: p.id,
    lot: p.lot,
    hwRev: p.hwRev,
    flag: p.flag,
    recalled: ctx.fleet.recalledLots().has(p.lot),
    custody: p.custody,
    storeId: packStoreId(ctx.fleet, p),
    socPct: r?.socPct ?? null,
    sohPct: r?.sohPct ?? null,
    tempC: r?.tempC ?? null,
    cycles: r?.cycles ?? null,
    state: r ? packStateName(r.state) : null,
    faults: r ? faultNames(r.faultFlags) : [],
    location: showLocation && r && r.latE7 !== null && r.lonE7 !== null ? { lat: r.latE7 / 1e7, lon: r.lonE7 / 1e7 } : null,
    lastSeenAt: iso(l?.lastSeenAtMs ?? null),
  };
}
