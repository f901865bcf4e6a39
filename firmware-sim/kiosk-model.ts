// A swap kiosk: slots that charge packs held in a shared PackBank, release commands executed at most
// once per command id and ignored after expiry, hiccups (stuck latches, failed releases), a status
// snapshot every 30 s and on every change, and the events a transport wrapper would publish.
import { DoorState, PackFaultBit, SlotState } from '../proto/codec.ts';
import * as packModel from './battery-model.ts';
import type { PackBank } from './battery-model.ts';
import type { Rng } from './rng.ts';

// Imported bindings are read through getters under tsx; the per-slot code uses local copies.
const BLOCKING_FAULTS = packModel.BLOCKING_FAULTS;
const MODE_CARRIED = packModel.MODE_CARRIED;
const MODE_SLOT = packModel.MODE_SLOT;
const MODE_SLOT_UNPOWERED = packModel.MODE_SLOT_UNPOWERED;
const S_EMPTY = SlotState.SLOT_STATE_EMPTY;
const S_CHARGING = SlotState.SLOT_STATE_CHARGING;
const S_READY = SlotState.SLOT_STATE_READY;
const S_FAULT = SlotState.SLOT_STATE_FAULT;
const S_LOCKED = SlotState.SLOT_STATE_LOCKED;
const OVER_TEMP = PackFaultBit.PACK_FAULT_OVER_TEMP;
const SWELLING = PackFaultBit.PACK_FAULT_SWELLING;

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

const DAY_MS = 86_400_000;
const NO_EVENTS: KioskSimEvent[] = Object.freeze([]) as unknown as KioskSimEvent[];

export class KioskModel {
  readonly slotCount: number;
  /** PackBank index in each slot, or -1. */
  readonly slotPack: Int32Array;
  readonly locked: Uint8Array;
  /** A jammed latch stays jammed until this time (0: not jammed). The server learns of it on a failed release. */
  readonly stuckUntilMs: Float64Array;
  /** Fault code the cabinet has detected on a slot itself (latch), 0 when none. */
  readonly slotFault: Uint16Array;
  /** Slot states as last reported. */
  readonly lastState: Uint8Array;
  readySocPct: number;
  failedReleaseProb: number;
  stuckSlotPerDay: number;
  stuckRepairMs: number;
  clockSkewMs: number;
  readonly statusEveryMs: number;
  mainsPower = true;
  /** The network link; the fleet or a transport wrapper decides what offline means for delivery. */
  online = true;
  door: number = DoorState.DOOR_STATE_CLOSED;
  signalDbm = -75;
  /** READY slots after the last tick() or change. */
  readyCount = 0;
  /** Set by a reboot command; the wrapper reboots the device outbox and clears it. */
  rebootRequested = false;
  private statusDue = 0;
  private nextStatusAtMs: number;
  private events: KioskSimEvent[] = [];
  private readonly commandLog = new Map<string, CommandResult>();
  private readonly commandLogSize: number;

  constructor(
    private readonly bank: PackBank,
    /** This kiosk's index in the fleet; stored in bank.kiosk for its packs. */
    readonly index: number,
    readonly id: string,
    private readonly rng: Rng,
    opts: KioskOptions = {},
    startMs = 0,
  ) {
    this.slotCount = opts.slots ?? 12;
    if (!Number.isInteger(this.slotCount) || this.slotCount < 1 || this.slotCount > 255) throw new RangeError('slots must be 1..255');
    this.slotPack = new Int32Array(this.slotCount).fill(-1);
    this.locked = new Uint8Array(this.slotCount);
    this.stuckUntilMs = new Float64Array(this.slotCount);
    this.slotFault = new Uint16Array(this.slotCount);
    this.lastState = new Uint8Array(this.slotCount).fill(S_EMPTY);
    this.readySocPct = opts.readySocPct ?? 90;
    this.failedReleaseProb = opts.failedReleaseProb ?? 0.01;
    this.stuckSlotPerDay = opts.stuckSlotPerDay ?? 0.001;
    this.stuckRepairMs = opts.stuckRepairMs ?? 12 * 3_600_000;
    this.clockSkewMs = opts.clockSkewMs ?? 0;
    this.statusEveryMs = opts.statusEveryMs ?? 30_000;
    this.commandLogSize = opts.commandLogSize ?? 4096;
    this.nextStatusAtMs = startMs + this.statusEveryMs;
  }

  /** The state a slot is in now (fleet.v1 SlotState number). */
  slotState(s: number): number {
    if (this.locked[s] === 1) return S_LOCKED;
    if (this.slotFault[s] !== 0) return S_FAULT;
    const p = this.slotPack[s] as number;
    if (p < 0) return S_EMPTY;
    if (this.bank.faultFlags[p] !== 0) return S_FAULT;
    return (this.bank.soc[p] as number) * 100 >= this.readySocPct ? S_READY : S_CHARGING;
  }

  /** Puts a pack in the first free slot; returns the slot, or -1 when none is free. */
  insert(packIdx: number, nowMs: number, requestId = ''): number {
    for (let s = 0; s < this.slotCount; s++) {
      if (this.slotPack[s] !== -1 || this.locked[s] === 1 || this.slotFault[s] !== 0) continue;
      this.slotPack[s] = packIdx;
      const b = this.bank;
      b.mode[packIdx] = this.mainsPower ? MODE_SLOT : MODE_SLOT_UNPOWERED;
      b.outMa[packIdx] = 0;
      b.holder[packIdx] = -1;
      b.kiosk[packIdx] = this.index;
      b.slot[packIdx] = s;
      this.events.push({ type: 'pack_inserted', atMs: nowMs, slot: s, packId: b.ids[packIdx] as string, requestId });
      this.noteChange(s);
      return s;
    }
    return -1;
  }

  /** Free slots a returned pack could go into. */
  freeSlots(): number {
    let n = 0;
    for (let s = 0; s < this.slotCount; s++) if (this.slotPack[s] === -1 && this.locked[s] === 0 && this.slotFault[s] === 0) n++;
    return n;
  }

  /** The READY slot a server would pick: fullest pack, then fewest cycles; -1 when none. */
  bestReadySlot(): number {
    let best = -1;
    let bestSoc = -1;
    let bestMah = Infinity;
    for (let s = 0; s < this.slotCount; s++) {
      if (this.slotState(s) !== S_READY) continue;
      const p = this.slotPack[s] as number;
      const soc = this.bank.soc[p] as number;
      const mah = this.bank.chargedMah[p] as number;
      if (soc > bestSoc || (soc === bestSoc && mah < bestMah)) {
        best = s;
        bestSoc = soc;
        bestMah = mah;
      }
    }
    return best;
  }

  /** Executes a command at most once per command id; expired commands are ignored (and remembered). */
  execute(cmd: KioskCommandInput, nowMs: number): CommandResult {
    const first = this.commandLog.get(cmd.commandId);
    if (first !== undefined) return { commandId: cmd.commandId, outcome: 'duplicate', first };
    let result: CommandResult;
    if (cmd.expiresAtMs > 0 && nowMs + this.clockSkewMs > cmd.expiresAtMs) {
      result = { commandId: cmd.commandId, outcome: 'expired' };
    } else {
      result = this.run(cmd, nowMs);
    }
    this.commandLog.set(cmd.commandId, result);
    if (this.commandLog.size > this.commandLogSize) {
      const oldest = this.commandLog.keys().next().value;
      if (oldest !== undefined) this.commandLog.delete(oldest);
    }
    return result;
  }

  private run(cmd: KioskCommandInput, nowMs: number): CommandResult {
    const a = cmd.action;
    const id = cmd.commandId;
    if (a.kind === 'display') return { commandId: id, outcome: 'done' };
    if (a.kind === 'reboot') {
      this.rebootRequested = true;
      return { commandId: id, outcome: 'done' };
    }
    if (!Number.isInteger(a.slot) || a.slot < 0 || a.slot >= this.slotCount) return { commandId: id, outcome: 'failed', reason: 'bad_slot' };
    const s = a.slot;
    if (a.kind === 'lock' || a.kind === 'unlock') {
      this.locked[s] = a.kind === 'lock' ? 1 : 0;
      this.noteChange(s);
      return { commandId: id, outcome: 'done', slot: s };
    }
    const p = this.slotPack[s] as number;
    const packId = p >= 0 ? (this.bank.ids[p] as string) : '';
    const fail = (reason: string): CommandResult => {
      this.events.push({ type: 'release_failed', atMs: nowMs, slot: s, packId: packId || a.packId, commandId: id, reason });
      return { commandId: id, outcome: 'failed', slot: s, reason };
    };
    if (p < 0) return fail('slot_empty');
    if (a.packId !== '' && a.packId !== packId) return fail('pack_mismatch');
    if (this.locked[s] === 1) return fail('slot_locked');
    if (((this.bank.faultFlags[p] as number) & BLOCKING_FAULTS) !== 0) return fail('pack_fault');
    if ((this.stuckUntilMs[s] as number) > nowMs) {
      if (this.slotFault[s] === 0) {
        this.slotFault[s] = FAULT_LATCH_STUCK;
        this.events.push({ type: 'fault', atMs: nowMs, slot: s, faultCode: FAULT_LATCH_STUCK, detail: 'latch_stuck' });
        this.noteChange(s);
      }
      return fail('latch_stuck');
    }
    if (this.rng.chance(this.failedReleaseProb)) return fail('motor_timeout');
    this.slotPack[s] = -1;
    const b = this.bank;
    b.mode[p] = MODE_CARRIED;
    b.kiosk[p] = -1;
    b.slot[p] = -1;
    this.events.push({ type: 'pack_released', atMs: nowMs, slot: s, packId, commandId: id });
    this.noteChange(s);
    return { commandId: id, outcome: 'done', slot: s, packIdx: p };
  }

  /**
   * Advances the cabinet to nowMs: jams and repairs latches, notices slots that changed state
   * (a pack became READY, a pack faulted) and counts the status reports due.
   */
  tick(nowMs: number, dtMs: number): void {
    // Jams are rare (about 1e-5 per kiosk-minute), so one Bernoulli draw per tick stands in for a Poisson.
    if (this.stuckSlotPerDay > 0 && this.rng.next() < (this.slotCount * this.stuckSlotPerDay * dtMs) / DAY_MS) {
      this.stuckUntilMs[this.rng.int(0, this.slotCount)] = nowMs + this.stuckRepairMs;
    }
    let ready = 0;
    let changed = false;
    for (let s = 0; s < this.slotCount; s++) {
      const until = this.stuckUntilMs[s] as number;
      if (until !== 0 && until <= nowMs) {
        this.stuckUntilMs[s] = 0;
        if (this.slotFault[s] === FAULT_LATCH_STUCK) this.slotFault[s] = 0;
      }
      const st = this.slotState(s);
      if (st !== this.lastState[s]) {
        if (st === S_FAULT && this.slotFault[s] === 0) {
          this.events.push({ type: 'fault', atMs: nowMs, slot: s, faultCode: this.packFaultCode(s), detail: 'pack_fault' });
        }
        this.lastState[s] = st;
        changed = true;
      }
      if (st === S_READY) ready++;
    }
    this.readyCount = ready;
    if (changed) this.statusDue++;
    if (nowMs - this.nextStatusAtMs > 100 * this.statusEveryMs) {
      // Far behind (a long pause): count the missed reports without looping over each.
      const missed = Math.floor((nowMs - this.nextStatusAtMs) / this.statusEveryMs);
      this.statusDue += missed;
      this.nextStatusAtMs += missed * this.statusEveryMs;
    }
    for (let k = 0; k < 200 && this.nextStatusAtMs <= nowMs; k++) {
      this.statusDue++;
      this.nextStatusAtMs += this.statusEveryMs;
    }
  }

  /** Status reports due since the last call (periodic and on change); resets the count. */
  takeStatusDue(): number {
    const n = this.statusDue;
    this.statusDue = 0;
    return n;
  }

  /** Events since the last call, oldest first. */
  takeEvents(): KioskSimEvent[] {
    // Most ticks have no events; hand back a shared empty array rather than allocate per kiosk per step.
    if (this.events.length === 0) return NO_EVENTS;
    const out = this.events;
    this.events = [];
    return out;
  }

  setMainsPower(on: boolean): void {
    if (on === this.mainsPower) return;
    this.mainsPower = on;
    for (let s = 0; s < this.slotCount; s++) {
      const p = this.slotPack[s] as number;
      if (p >= 0) this.bank.mode[p] = on ? MODE_SLOT : MODE_SLOT_UNPOWERED;
    }
    this.statusDue++;
  }

  setDoor(door: number, nowMs: number): void {
    if (door === this.door) return;
    this.door = door;
    this.events.push({ type: 'door', atMs: nowMs, door });
    this.statusDue++;
  }

  /** What a status report would carry now. */
  status(): KioskStatusSnapshot {
    const b = this.bank;
    const slots: SlotSnapshot[] = [];
    for (let s = 0; s < this.slotCount; s++) {
      const p = this.slotPack[s] as number;
      const state = this.slotState(s);
      slots.push({
        index: s,
        state,
        packId: p >= 0 ? (b.ids[p] as string) : '',
        socPct: p >= 0 ? Math.round((b.soc[p] as number) * 1000) / 10 : 0,
        tempC: p >= 0 ? Math.round((b.tempC[p] as number) * 10) / 10 : 0,
        chargeCurrentMa: p >= 0 ? Math.max(0, Math.round(b.currentMa[p] as number)) : 0,
        faultCode: this.slotFault[s] !== 0 ? (this.slotFault[s] as number) : p >= 0 && b.faultFlags[p] !== 0 ? this.packFaultCode(s) : 0,
      });
    }
    return { slots, mainsPower: this.mainsPower, door: this.door, signalDbm: this.signalDbm };
  }

  private packFaultCode(s: number): number {
    const p = this.slotPack[s] as number;
    const f = p >= 0 ? (this.bank.faultFlags[p] as number) : 0;
    if ((f & OVER_TEMP) !== 0) return FAULT_PACK_OVER_TEMP;
    if ((f & SWELLING) !== 0) return FAULT_PACK_SWELLING;
    return FAULT_PACK_OTHER;
  }

  /** A slot changed because of something the kiosk did: report status now, not at the next tick. */
  private noteChange(s: number): void {
    this.lastState[s] = this.slotState(s);
    this.statusDue++;
  }
}
