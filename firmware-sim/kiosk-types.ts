// The kiosk model's vocabulary: options, commands and their outcomes, events and status snapshots.
// Shapes follow fleet.v1 (KioskCommand, KioskEvent, Slot) so a wrapper maps them one to one.

/** Vendor fault codes the simulated cabinet reports in Slot.fault_code and KioskFault.fault_code. */
export const FAULT_LATCH_STUCK = 0x21;
export const FAULT_PACK_OVER_TEMP = 0x31;
export const FAULT_PACK_SWELLING = 0x32;
export const FAULT_PACK_OTHER = 0x3f;

export interface KioskOptions {
  /** Number of slots. Default 12. */
  slots?: number;
  /** A slot shows READY when its pack is at or above this SoC. Default 90. */
  readySocPct?: number;
  /** Periodic status interval. Default 30 s. */
  statusEveryMs?: number;
  /** Chance that one release fails for no lasting reason (motor timeout). Default 0.01. */
  failedReleaseProb?: number;
  /** Chance per slot per day that its latch jams; releases from it fail until repaired. Default 0.001. */
  stuckSlotPerDay?: number;
  /** A jammed latch is repaired after this long. Default 12 h. */
  stuckRepairMs?: number;
  /** Command ids remembered for at-most-once execution. Default 4096. */
  commandLogSize?: number;
  /** Kiosk clock minus true time, ms; expiry is judged on the kiosk's clock. */
  clockSkewMs?: number;
}

export type KioskAction =
  | { kind: 'release'; slot: number; packId: string; requestId?: string }
  | { kind: 'lock'; slot: number; reason?: string }
  | { kind: 'unlock'; slot: number }
  | { kind: 'display'; text: string; seconds: number }
  | { kind: 'reboot' };

export interface KioskCommandInput {
  commandId: string;
  issuedAtMs: number;
  /** Ignored after this time on the kiosk clock; 0 means no expiry. */
  expiresAtMs: number;
  action: KioskAction;
}

export type CommandOutcome = 'done' | 'failed' | 'expired' | 'duplicate';

export interface CommandResult {
  commandId: string;
  outcome: CommandOutcome;
  slot?: number;
  /** PackBank index of the released pack. */
  packIdx?: number;
  reason?: string;
  /** For a duplicate: what the first delivery did. */
  first?: CommandResult;
}

export type KioskSimEvent =
  | { type: 'pack_inserted'; atMs: number; slot: number; packId: string; requestId: string }
  | { type: 'pack_released'; atMs: number; slot: number; packId: string; commandId: string }
  | { type: 'release_failed'; atMs: number; slot: number; packId: string; commandId: string; reason: string }
  | { type: 'fault'; atMs: number; slot: number | null; faultCode: number; detail: string }
  | { type: 'door'; atMs: number; door: number };

/** Field for field the fleet.v1 Slot message. */
export interface SlotSnapshot {
  index: number;
  state: number;
  packId: string;
  socPct: number;
  tempC: number;
  chargeCurrentMa: number;
  faultCode: number;
}

export interface KioskStatusSnapshot {
  slots: SlotSnapshot[];
  mainsPower: boolean;
  door: number;
  signalDbm: number;
}
