// The fleet as the decisions see it: stores, kiosks, customers, packs and where each pack is.
// Plain data, no behaviour beyond small pure helpers; the registry stores these shapes.

/** A shop that hosts one or more kiosks. */
export interface Store {
  id: string;
  name: string;
  /** WGS84 latitude, degrees. */
  lat: number;
  /** WGS84 longitude, degrees. */
  lon: number;
  /** IANA time zone, e.g. 'Europe/London'. */
  timeZone: string;
}

/** A swap cabinet in a store. */
export interface Kiosk {
  id: string;
  storeId: string;
  slotCount: number;
}

export type CustomerStatus = 'active' | 'suspended';

/**
 * A customer's nudge preferences (README "Nudges"). Stored as JSON by the registry, so fields
 * added later must be optional. Changed by import or by POST /v1/customers/:id/consent.
 */
export interface NudgePrefs {
  /** The customer agreed to receive nudges. */
  consent: boolean;
  channel?: 'mqtt' | 'webhook';
  /** Local hours [startHour, endHour) in the customer's time zone when no nudge is sent. */
  quietHours?: { startHour: number; endHour: number };
}

/**
 * A customer as eligibility sees it. The token hash lives only in the registry row
 * (it never reaches a decision); the registry may extend this type with it.
 */
export interface Customer {
  id: string;
  status: CustomerStatus;
  /** Plan name, or null when the customer never had one. */
  plan: string | null;
  /** False when the plan lapsed or was cancelled. */
  planActive: boolean;
  /** Swaps allowed in any rolling 24 h; null means the policy default. */
  fairUseLimitPer24h: number | null;
  /** IANA time zone. */
  timeZone: string;
  nudgePrefs: NudgePrefs;
}

/** Why a pack left service. */
export type WithdrawReason = 'recalled' | 'unsafe' | 'worn' | 'faulty' | 'retired';

/** Where a pack is: exactly one of these at any time. */
export type Custody =
  | { kind: 'slot'; kioskId: string; slot: number }
  | { kind: 'customer'; customerId: string }
  | { kind: 'warehouse'; warehouseId?: string }
  | { kind: 'in_transit'; to?: string }
  | { kind: 'withdrawn'; reason: WithdrawReason }
  | { kind: 'lost' };

export type CustodyKind = Custody['kind'];

/** A pack as the registry knows it. */
export interface PackRecord {
  id: string;
  /** Production lot; recalls name lots. */
  lot: string;
  /** Hardware revision. */
  hwRev: string;
  custody: Custody;
}

/** A pack kept for one customer at one kiosk until a time (set by a nudge). */
export interface Hold {
  packId: string;
  /** Where the pack was when it was held; eligibility matches holds by packId. */
  kioskId: string;
  customerId: string;
  /** The hold lapses at this time (exclusive), Unix epoch ms. */
  untilMs: number;
}

/** A production lot called back. Packs of the lot are never released and always taken back. */
export interface Recall {
  lot: string;
  sinceMs: number;
  reason: string;
}

/** What eligibility sees of one kiosk slot: the kiosk's latest status joined with the pack's telemetry. */
export interface SlotView {
  /** Slot number, 0-based, as the kiosk reports it. */
  index: number;
  /** fleet.v1.SlotState number: EMPTY=1 CHARGING=2 READY=3 FAULT=4 LOCKED=5. */
  state: number;
  /** Null when the slot is empty. */
  packId: string | null;
  /** State of charge as the slot reads it, 0..100 %. */
  socPct: number;
  /** From the pack's latest telemetry; null when the pack has not reported it. */
  sohPct: number | null;
  /** Full-equivalent cycles from the pack's latest telemetry; null when unknown. */
  cycles: number | null;
  /** Bitwise OR of fleet.v1.PackFaultBit from the pack's latest telemetry; 0 when healthy. */
  faultFlags: number;
  /** The slot's vendor fault code; 0 when healthy. */
  faultCode: number;
  /** Pack temperature as the slot reads it, degrees Celsius. */
  tempC: number;
}

/** A kiosk's live state as the caller assembled it. */
export interface KioskView {
  kioskId: string;
  /** Connected now, or heard from within the offline window: the same answer as GET /v1/kiosks/:id. */
  online: boolean;
  /** The kiosk has sent a KioskStatus, so `slots` says what it holds (else `slots` is empty). */
  statusReported: boolean;
  /** The kiosk reported a cabinet-level fault (power, door, controller). */
  faulty: boolean;
  slots: readonly SlotView[];
}

/** States of a downlink command in the command ledger. */
export type CommandStatus = 'issued' | 'acknowledged' | 'done' | 'failed' | 'expired';

/** What became of a swap request, for the swap ledger. */
export type SwapOutcome = 'denied' | 'pending' | 'released' | 'release_failed' | 'expired';

/** One row of the custody ledger. */
export interface CustodyChange {
  packId: string;
  atMs: number;
  /** Null when the pack is first provisioned. */
  from: Custody | null;
  to: Custody;
  /** Swap request that caused it, when one did. */
  requestId: string | null;
  /** Command that caused it, when one did. */
  commandId: string | null;
  /** Short human reason: 'swap return', 'swap release', 'recall', 'restock'. */
  note: string;
}

/** True when the pack is with this customer. */
export function isWithCustomer(custody: Custody | null, customerId: string): boolean {
  return custody !== null && custody.kind === 'customer' && custody.customerId === customerId;
}

/** Field-by-field equality; used to skip no-op custody changes on redelivery. */
export function sameCustody(a: Custody, b: Custody): boolean {
  switch (a.kind) {
    case 'slot':
      return b.kind === 'slot' && a.kioskId === b.kioskId && a.slot === b.slot;
    case 'customer':
      return b.kind === 'customer' && a.customerId === b.customerId;
    case 'warehouse':
      return b.kind === 'warehouse' && a.warehouseId === b.warehouseId;
    case 'in_transit':
      return b.kind === 'in_transit' && a.to === b.to;
    case 'withdrawn':
      return b.kind === 'withdrawn' && a.reason === b.reason;
    case 'lost':
      return b.kind === 'lost';
  }
}

/** A short label for logs, the dashboard and support notes. */
export function describeCustody(c: Custody): string {
  switch (c.kind) {
    case 'slot':
      return `kiosk ${c.kioskId} slot ${c.slot}`;
    case 'customer':
      return `customer ${c.customerId}`;
    case 'warehouse':
      return c.warehouseId ? `warehouse ${c.warehouseId}` : 'warehouse';
    case 'in_transit':
      return c.to ? `in transit to ${c.to}` : 'in transit';
    case 'withdrawn':
      return `withdrawn (${c.reason})`;
    case 'lost':
      return 'lost';
  }
}
