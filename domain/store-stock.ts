// A store's stock as a manager reads it: charged packs a customer could get now, charging packs and
// when each will be ready, free slots for returns, and what is out of service. Pure: the caller
// joins each kiosk's latest status with the registry (flags, recalls, holds) and passes the time.
import { chargeReadyAtMs } from './charge-eta.ts';

/** fleet.v1.SlotState numbers. */
const SLOT_EMPTY = 1;
const SLOT_CHARGING = 2;
const SLOT_READY = 3;
const SLOT_FAULT = 4;
const SLOT_LOCKED = 5;

export interface StockSlot {
  index: number;
  /** fleet.v1.SlotState number. */
  state: number;
  packId: string | null;
  socPct: number;
  chargeCurrentMa: number;
  faultCode: number;
  /** The registry flagged the pack, or its lot is recalled: it must be pulled, never handed out. */
  withdrawn: boolean;
  /** Held for a customer (a nudge): promised, not free stock. */
  held: boolean;
  /** Its custody is disputed (another place claims it): handed out nowhere until an operator resolves it. */
  disputed: boolean;
}

export interface StockKiosk {
  kioskId: string;
  /** Reporting now: a customer can swap here. */
  online: boolean;
  /** Null when the kiosk never reported its slots. */
  slots: readonly StockSlot[] | null;
}

export interface ChargingPack {
  packId: string;
  kioskId: string;
  slot: number;
  socPct: number;
  /** Estimated time it reaches the charged threshold; null when it is not charging. */
  readyAtMs: number | null;
}

export interface StoreStock {
  kiosks: number;
  kiosksOnline: number;
  /** Packs a customer could be given now: charged, healthy, not held, in an online kiosk. */
  ready: number;
  /** Charged but held for a customer. */
  held: number;
  /** Charged, but its custody is disputed: not handed out until an operator resolves it. */
  disputed: number;
  charging: number;
  /** Empty slots in online kiosks: where customers can return packs. */
  freeReturnSlots: number;
  /** Slots with a fault or locked. */
  outOfService: number;
  /** Packs that must be pulled (flagged or recalled), in any slot. */
  toWithdraw: number;
  /** Slots of kiosks that are offline or never reported. */
  unavailableSlots: number;
  /** Charging packs, soonest ready first. */
  chargingPacks: ChargingPack[];
  /** When the next charging pack will be ready, Unix ms; null when none is charging. */
  nextReadyAtMs: number | null;
}

export function storeStock(kiosks: readonly StockKiosk[], chargedThresholdPct: number, nowMs: number): StoreStock {
  const s: StoreStock = { kiosks: kiosks.length, kiosksOnline: 0, ready: 0, held: 0, disputed: 0, charging: 0, freeReturnSlots: 0, outOfService: 0, toWithdraw: 0, unavailableSlots: 0, chargingPacks: [], nextReadyAtMs: null };
  for (const k of kiosks) {
    if (k.online) s.kiosksOnline++;
    for (const slot of k.slots ?? []) {
      if (slot.packId !== null && slot.withdrawn) s.toWithdraw++;
      if (!k.online) {
        s.unavailableSlots++;
        continue;
      }
      if (slot.state === SLOT_FAULT || slot.state === SLOT_LOCKED || slot.faultCode !== 0) {
        s.outOfService++;
        continue;
      }
      if (slot.state === SLOT_EMPTY || slot.packId === null) {
        if (slot.state === SLOT_EMPTY) s.freeReturnSlots++;
        continue;
      }
      if (slot.withdrawn || (slot.state !== SLOT_READY && slot.state !== SLOT_CHARGING)) continue;
      if (slot.socPct >= chargedThresholdPct) {
        if (slot.disputed) s.disputed++;
        else if (slot.held) s.held++;
        else s.ready++;
        continue;
      }
      s.charging++;
      const readyAtMs = slot.state === SLOT_CHARGING || slot.chargeCurrentMa > 0 ? chargeReadyAtMs(slot.socPct, chargedThresholdPct, slot.chargeCurrentMa, nowMs) : null;
      s.chargingPacks.push({ packId: slot.packId, kioskId: k.kioskId, slot: slot.index, socPct: slot.socPct, readyAtMs });
    }
  }
  s.chargingPacks.sort((a, b) => (a.readyAtMs ?? Infinity) - (b.readyAtMs ?? Infinity) || b.socPct - a.socPct);
  s.nextReadyAtMs = s.chargingPacks[0]?.readyAtMs ?? null;
  return s;
}
