// The readings the fleet produces, as stored and served. Units are in the names.
import type { DeviceKind } from './topics.ts';

/** Identity of one uplink message: a device never repeats (bootId, seq). */
export interface ReadingKey {
  bootId: number;
  seq: number;
}

export interface PackReading extends ReadingKey {
  packId: string;
  /** Point time: the device clock, or the server receive time when the device clock was not trusted. */
  atMs: number;
  /** When the server accepted the message. */
  receivedAtMs: number;
  /** The device clock was more than the allowed skew in the future; atMs is the receive time. */
  clockSuspect: boolean;
  firmware: string;
  socPct: number;
  voltageMv: number;
  currentMa: number;
  tempC: number;
  cycles: number;
  sohPct: number;
  /** fleet.v1.PackState number. */
  state: number;
  /** Bitwise OR of fleet.v1.PackFaultBit. */
  faultFlags: number;
  latE7: number | null;
  lonE7: number | null;
  accuracyM: number | null;
}

export interface SlotReading {
  index: number;
  /** fleet.v1.SlotState number. */
  state: number;
  /** Empty string when the slot is empty. */
  packId: string;
  socPct: number;
  tempC: number;
  chargeCurrentMa: number;
  faultCode: number;
}

export interface KioskReading extends ReadingKey {
  kioskId: string;
  atMs: number;
  receivedAtMs: number;
  clockSuspect: boolean;
  firmware: string;
  mainsPower: boolean;
  /** fleet.v1.DoorState number. */
  door: number;
  signalDbm: number;
  slots: SlotReading[];
}

export type KioskEventType = 'pack_inserted' | 'pack_released' | 'release_failed' | 'fault' | 'door';

export interface KioskEventRecord extends ReadingKey {
  kioskId: string;
  atMs: number;
  receivedAtMs: number;
  clockSuspect: boolean;
  type: KioskEventType;
  slot: number | null;
  packId: string;
  commandId: string;
  requestId: string;
  /** Fault code, failure reason, or door state, as text. */
  detail: string;
}

/** The numeric pack fields that can be aggregated. */
export const PACK_NUMERIC_FIELDS = ['socPct', 'voltageMv', 'currentMa', 'tempC', 'cycles', 'sohPct'] as const;
export type PackNumericField = (typeof PACK_NUMERIC_FIELDS)[number];

export interface DeviceRef {
  id: string;
  kind: DeviceKind;
}
