// The restock decision's vocabulary: what it sees of stores, slots, back rooms, warehouses, open
// courier jobs and couriers; its policy numbers; and the reason codes every plan line carries.
import type { WithdrawReason } from '../fleet-model.ts';
import type { GeoPoint } from './geo.ts';

/** Where a courier job picks up or drops off: a store (its kiosks and back room) or a warehouse. */
export type JobPlace = { kind: 'store'; storeId: string } | { kind: 'warehouse'; warehouseId: string };

/** The central warehouse's id (custody `{kind:'warehouse'}` without warehouseId, or 'central'). */
export const CENTRAL_WAREHOUSE = 'central';

/** One kiosk slot as restock sees it: the kiosk's latest status joined with the pack's record. */
export interface SlotInput {
  kioskId: string;
  index: number;
  /** Null when empty. */
  packId: string | null;
  socPct: number;
  /** Charge current the slot reports, mA; 0 when not charging. */
  chargeCurrentMa: number;
  /** The slot can take a returned pack when empty (not locked, not faulted). */
  usable: boolean;
  /** The pack may be handed to a customer once charged (no fault, flag, recall, withdrawal). */
  servable: boolean;
  sohPct: number | null;
  /** Set when the pack must leave service. */
  withdraw: WithdrawReason | null;
}

/** A pack in a store's back room or a warehouse. */
export interface StockPack {
  packId: string;
  socPct: number;
  servable: boolean;
  withdraw: WithdrawReason | null;
}

export interface StoreInput extends GeoPoint {
  id: string;
  name: string;
  timeZone: string;
  /** Kiosks that are online; an offline kiosk serves nobody and is left out by the caller. */
  kioskCount: number;
  slots: readonly SlotInput[];
  /** Delivered packs waiting in the store's back room for staff to load them. */
  backroom: readonly StockPack[];
}

export interface WarehouseInput extends GeoPoint {
  id: string;
  /** Packs on the shelves (charged by the warehouse before they go out). */
  stock: readonly StockPack[];
}

/** An open courier job, as the projection counts it. */
export interface OpenJob {
  id: string;
  from: JobPlace;
  to: JobPlace;
  packIds: readonly string[];
  status: 'planned' | 'picked_up';
  /** When the packs are expected at the destination. */
  etaMs: number;
  /** When the packs leave the source (planned jobs); picked-up jobs have left. */
  pickupAtMs: number;
  courierId: string | null;
  /** Ready packs among them (a withdrawal or a flat-pack run carries none). */
  servable: number;
}

export interface CourierInput {
  id: string;
  /** The courier is free from this time, at this place (the end of their last open job, or the warehouse). */
  freeAtMs: number;
  at: GeoPoint;
}

export interface CourierPolicy {
  /** Couriers working for the fleet. */
  count: number;
  /** Packs one trip carries at most. */
  capacityPacks: number;
  /** Average driving speed, km/h. */
  speedKmh: number;
  /** Minutes at each stop (parking, handing over, scanning). */
  stopMin: number;
  /** Road distance = great circle × this (1.3). */
  roadFactor: number;
}

export interface RestockPolicy {
  /** Hours the projection and the plan look ahead (24-48). */
  horizonH: number;
  /** A pack is ready at or above this SoC (CF_CHARGED_THRESHOLD_PCT). */
  chargedThresholdPct: number;
  /** Free slots kept per kiosk for returns: deliveries never fill them. */
  reserveSlotsPerKiosk: number;
  /** Safety factor on Poisson demand: cover mean + z·sqrt(mean) (1.28 ≈ 90 % service). */
  serviceZ: number;
  /** Ready packs per kiosk a store should never plan to fall below, whatever the forecast says (a quiet store's forecast is too noisy to plan it down to zero). */
  minReadyPerKiosk: number;
  /** A delivery is sized to what fits in the kiosks within this many hours (free slots now plus those first issues free); more waits for a later plan. */
  roomWithinH: number;
  /** SoC a pack usually comes back with, for when a returned pack will be ready again. */
  returnSocPct: number;
  /** A store spares packs to another only within this road distance. */
  maxTransferKm: number;
  /** A trip carries at least this many packs unless the store runs out within urgentWithinH. */
  minTripPacks: number;
  urgentWithinH: number;
  /** A route that stops at a store anyway fills its free slots (above the reserve) from the load, not just its deficit. */
  topUpOnVisit: boolean;
  /** A courier route (one load from the warehouse, several stores, back with what it collected) lasts at most this long. */
  routeMaxMin: number;
  /** Deadline slack after the planned arrival before a missing pack becomes an anomaly. */
  deadlineSlackMin: number;
  courier: CourierPolicy;
}

export const DEFAULT_RESTOCK_POLICY: RestockPolicy = {
  horizonH: 24,
  chargedThresholdPct: 90,
  reserveSlotsPerKiosk: 1,
  serviceZ: 1.28,
  minReadyPerKiosk: 2,
  roomWithinH: 6,
  returnSocPct: 30,
  maxTransferKm: 8,
  minTripPacks: 6,
  urgentWithinH: 3,
  topUpOnVisit: true,
  routeMaxMin: 150,
  deadlineSlackMin: 120,
  courier: { count: 4, capacityPacks: 40, speedKmh: 18, stopMin: 10, roadFactor: 1.3 },
};

/** Machine-readable reasons on plan lines, store views and alerts. */
export const RESTOCK_REASONS = [
  // why a store needs packs, or slots
  'STOCK_OUT_PROJECTED',
  'BELOW_SAFETY_STOCK',
  'SURGE_DETECTED',
  'FORECAST_FROM_FLEET_PRIOR',
  'RETURN_SLOTS_FULL_PROJECTED',
  'EXCHANGE_FOR_ROOM',
  'TOP_UP_ON_ROUTE',
  // where packs come from
  'FROM_NEARBY_SURPLUS',
  'FROM_WAREHOUSE',
  // withdrawals
  'WITHDRAW_RECALLED',
  'WITHDRAW_WORN',
  'WITHDRAW_FAULTY',
  'WITHDRAW_UNSAFE',
  'WITHDRAW_LOW_HEALTH_SCORE',
  // what could not be done as wished
  'ARRIVES_AFTER_STOCK_OUT',
  'PARTIAL_NO_SUPPLY',
  'COURIER_CAPACITY_EXHAUSTED',
  'NO_SUPPLY',
  'NO_ROOM',
] as const;
export type RestockReason = (typeof RESTOCK_REASONS)[number];

/** Why a pack is withdrawn, as a reason code. */
export const WITHDRAW_REASON_CODE: Readonly<Record<WithdrawReason, RestockReason>> = {
  recalled: 'WITHDRAW_RECALLED',
  worn: 'WITHDRAW_WORN',
  faulty: 'WITHDRAW_FAULTY',
  unsafe: 'WITHDRAW_UNSAFE',
  retired: 'WITHDRAW_LOW_HEALTH_SCORE',
};

export function placeKey(p: JobPlace): string {
  return p.kind === 'store' ? `store:${p.storeId}` : `warehouse:${p.warehouseId}`;
}

export function samePlace(a: JobPlace, b: JobPlace): boolean {
  return placeKey(a) === placeKey(b);
}
