// The API's answers as the pages read them (the full schemas are at /docs). Only the fields the
// pages use are listed; the server's JSON schemas are the authority.

export type Rule = 'all' | 'own' | 'none';

export interface Me {
  role: 'admin' | 'operator' | 'manager' | 'kiosk' | 'metrics';
  via: 'session' | 'token';
  label: string;
  user: { id: string; email: string; name: string; role: string; storeIds: string[] } | null;
  storeIds: string[];
  stores: { id: string; name: string }[];
  csrfToken: string | null;
  sessionExpiresAt: string | null;
  scopes: Record<string, Rule>;
}

export interface Stock {
  kiosks: number;
  kiosksOnline: number;
  ready: number;
  held: number;
  /** Charged packs whose custody is disputed: not handed out until an operator resolves it. */
  disputed: number;
  charging: number;
  freeReturnSlots: number;
  outOfService: number;
  toWithdraw: number;
  unavailableSlots: number;
  nextReadyAt: string | null;
}

export interface ChargingPack {
  packId: string;
  kioskId: string;
  slot: number;
  socPct: number;
  readyAt: string | null;
}

export interface StoreSummary {
  id: string;
  name: string;
  timeZone: string;
  kioskIds: string[];
  stock: Stock;
  charging: ChargingPack[];
  stockOutAt: string | null;
}

export type SlotState = 'EMPTY' | 'CHARGING' | 'READY' | 'FAULT' | 'LOCKED' | 'UNSPECIFIED';

export interface GridSlot {
  index: number;
  state: SlotState;
  packId: string | null;
  socPct: number;
  tempC: number;
  chargeCurrentMa: number;
  faultCode: number;
  packFaults: string[];
  sohPct: number | null;
  readyAt: string | null;
  held: boolean;
  /** Custody disputed: not handed out until an operator resolves it. */
  disputed: boolean;
  withdrawn: boolean;
}

export interface KioskGrid {
  id: string;
  storeId: string;
  slotCount: number;
  online: boolean;
  connected: boolean;
  lastSeenAt: string | null;
  reportedAt: string | null;
  mainsPower: boolean | null;
  door: string | null;
  signalDbm: number | null;
  slotCounts: Record<string, number>;
  slots: GridSlot[];
}

export interface Anomaly {
  id: number;
  at: string;
  kioskId: string | null;
  kind: string;
  packId: string | null;
  detail: string;
  /** A custody dispute's reason code, and whether it is still open. */
  reason?: string;
  status?: 'open' | 'resolved';
}

export interface StorePage extends StoreSummary {
  kiosks: KioskGrid[];
  alerts: Anomaly[];
}

export interface StockPoint {
  at: string;
  ready: number;
  charging: number;
  freeReturnSlots: number;
  kiosksReporting: number;
}

export interface Custody {
  kind: 'slot' | 'customer' | 'warehouse' | 'in_transit' | 'withdrawn' | 'lost';
  kioskId?: string;
  slot?: number;
  customerId?: string;
  warehouseId?: string;
  to?: string;
  reason?: string;
}

export interface PackReading {
  at: string;
  socPct: number;
  tempC: number;
  cycles: number;
  sohPct: number;
  state: string;
  faults: string[];
}

export interface Pack {
  id: string;
  online: boolean;
  lastSeenAt: string | null;
  latest: (PackReading & { voltageMv: number; currentMa: number }) | null;
  custody: Custody;
  lot: string;
  hwRev: string;
  flag: string | null;
}

export interface CustodyChange {
  at: string;
  from: Custody | null;
  to: Custody;
  cause: string;
  requestId: string | null;
  commandId: string | null;
}

export interface Swap {
  kioskId: string;
  storeId: string | null;
  requestId: string;
  customerId: string | null;
  at: string;
  allowed: boolean;
  reasons: string[];
  reasonTexts: string[];
  message: string;
  slot: number | null;
  packId: string | null;
  outcome: 'denied' | 'pending' | 'released' | 'release_failed' | 'expired';
}

export interface QuarantineItem {
  id: number;
  at: string;
  deviceId: string | null;
  topic: string;
  reason: string;
  detail: string;
  payloadBase64: string;
  payloadBytes: number;
}

export interface Device {
  id: string;
  kind: string;
  createdAt: string;
  revoked: boolean;
  revokedAt: string | null;
  online: boolean;
  connected: boolean;
  lastSeenAt: string | null;
}

// Restocking and nudges (their routes may be absent: the sections that show them hide on 404).

export interface RestockPlanStore {
  storeId: string;
  name?: string;
  rank: number;
  reasons: string[];
  readyNow: number;
  freeSlots: number;
  stockOutAt: string | null;
  slotsFullAt: string | null;
  deficit: number;
  forecastNext24h?: { at: string; takes: number; returns: number }[];
  /** Projected ready packs hour by hour, where the plan gives them. */
  projection?: { at: string; ready: number }[];
}

export interface RestockLine {
  id: string;
  kind: string;
  from: { kind: string; storeId?: string; warehouseId?: string };
  to: { kind: string; storeId?: string; warehouseId?: string };
  packs: number;
  reasons: string[];
  courierId: string | null;
  departAt: string | null;
  arriveAt: string | null;
}

export interface RestockPlan {
  at: string;
  horizonH: number;
  stores: RestockPlanStore[];
  lines: RestockLine[];
}

export interface CourierJob {
  id: string;
  kind: string;
  status: string;
  from: { kind: string; storeId?: string; warehouseId?: string };
  to: { kind: string; storeId?: string; warehouseId?: string };
  packIds: string[];
  courierId: string | null;
  eta: string | null;
  pickedUpAt: string | null;
}

export interface RestockAlert {
  id: number;
  kind: string;
  storeId: string | null;
  packId: string | null;
  raisedAt: string | null;
  resolvedAt: string | null;
  reasons?: string[];
}

export interface NudgeGroup {
  sent: number;
  converted: number;
  conversionRate: number | null;
  suppressed: Record<string, number>;
  delivered: number;
  failed: number;
}

export interface NudgeStats {
  days: { day: string; treated: NudgeGroup; holdout: NudgeGroup }[];
  total: { treated: NudgeGroup; holdout: NudgeGroup; liftPct: number | null };
}
