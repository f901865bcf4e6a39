// Small builders for restock unit tests: stores with slots, warehouses, couriers, forecasts.
import type { StoreForecast } from '../../domain/restock/forecast.ts';
import { DEFAULT_RESTOCK_POLICY, type RestockPolicy, type SlotInput, type StockPack, type StoreInput, type WarehouseInput } from '../../domain/restock/restock-model.ts';

export const NOW = Date.UTC(2025, 0, 6, 12); // a Monday, noon
export const HOUR = 3_600_000;

/** A pack in a slot: ready at 100 %, charging below 90 % at the rated 1,300 mA unless told. */
export function slot(kioskId: string, index: number, packId: string | null, socPct = 100, over: Partial<SlotInput> = {}): SlotInput {
  return { kioskId, index, packId, socPct: packId ? socPct : 0, chargeCurrentMa: packId && socPct < 90 ? 1300 : 0, usable: true, servable: packId !== null, sohPct: 100, withdraw: null, ...over };
}

/** A store at (lat, lon) with one 12-slot kiosk holding `ready` ready packs, `charging` packs at chargingSoc, the rest empty. */
export function store(id: string, lat: number, lon: number, opts: { ready?: number; charging?: number; chargingSoc?: number; slots?: number; extra?: SlotInput[]; backroom?: StockPack[] } = {}): StoreInput {
  const k = `${id}-k1`;
  const n = opts.slots ?? 12;
  const slots: SlotInput[] = [];
  let i = 0;
  for (let r = 0; r < (opts.ready ?? 0); r++, i++) slots.push(slot(k, i, `${id}-r${r}`));
  for (let c = 0; c < (opts.charging ?? 0); c++, i++) slots.push(slot(k, i, `${id}-c${c}`, opts.chargingSoc ?? 40));
  for (const x of opts.extra ?? []) slots.push({ ...x, kioskId: k, index: i++ });
  while (i < n) slots.push(slot(k, i++, null));
  return { id, name: id, lat, lon, timeZone: 'UTC', kioskCount: 1, slots, backroom: opts.backroom ?? [] };
}

export function warehouse(id: string, lat: number, lon: number, packs: number): WarehouseInput {
  return { id, lat, lon, stock: Array.from({ length: packs }, (_, i) => ({ packId: `${id}-w${String(i).padStart(3, '0')}`, socPct: 100, servable: true, withdraw: null })) };
}

/** A flat forecast: `perHour` takes every hour, returns = takes × returnShare. */
export function flatForecast(storeId: string, perHour: number, hours = 48, returnShare = 1): StoreForecast {
  return {
    storeId,
    levelPerH: perHour,
    profileSource: 'store',
    observedHours: 672,
    takes: new Array(hours).fill(perHour),
    returns: new Array(hours).fill(perHour * returnShare),
    returnShare,
    surge: null,
    accuracy: { wape: null, actual: 0, absError: 0, hours: 0 },
  };
}

export function policy(over: Partial<RestockPolicy> = {}, courier: Partial<RestockPolicy['courier']> = {}): RestockPolicy {
  return { ...DEFAULT_RESTOCK_POLICY, ...over, courier: { ...DEFAULT_RESTOCK_POLICY.courier, ...courier } };
}

/** Latitude offset of `km` north of lat (a degree of latitude is about 111.2 km). */
export function north(lat: number, km: number): number {
  return lat + km / 111.2;
}
