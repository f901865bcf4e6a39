// A swap kiosk: slots that charge packs held in a shared PackBank, release commands executed at most
// once per command id and ignored after expiry, hiccups (stuck latches, failed releases), a status
// snapshot every 30 s and on every change, and the events a transport wrapper would publish.
import { DoorState, PackFaultBit, SlotState } from '../proto/codec.ts';
import * as packModel from './battery-model.ts';
import type { PackBank } from './pack-bank.ts';
import type { Rng } from './rng.ts';
import {
  FAULT_LATCH_STUCK,
  FAULT_PACK_OTHER,
  FAULT_PACK_OVER_TEMP,
  FAULT_PACK_SWELLING,
  type CommandResult,
  type KioskCommandInput,
  type KioskOptions,
  type KioskSimEvent,
  type KioskStatusSnapshot,
  type SlotSnapshot,
} from './kiosk-types.ts';

export * from './kiosk-types.ts';

// Imported bindings are read through getters under tsx; the per-slot code uses local copies.
const BLOCKING_FAULTS = packModel.BLOCKING_FAULTS;
const MODE_CARRIED = packModel.MODE_CARRIED;
const MODE_SLOT = packModel.MODE_SLOT;
const MODE_SLOT_UNPOWERED = packModel.MODE_SLOT_UNPOWERED;
const MODE_DEPOT = packModel.MODE_DEPOT;
const S_EMPTY = SlotState.SLOT_STATE_EMPTY;
const S_CHARGING = SlotState.SLOT_STATE_CHARGING;
const S_READY = SlotState.SLOT_STATE_READY;
const S_FAULT = SlotState.SLOT_STATE_FAULT;
const S_LOCKED = SlotState.SLOT_STATE_LOCKED;
const OVER_TEMP = PackFaultBit.PACK_FAULT_OVER_TEMP;
const SWELLING = PackFaultBit.PACK_FAULT_SWELLING;

const DAY_MS = 86_400_000;
const NO_EVENTS: readonly KioskSimEvent[] = Object.freeze([]);

export class KioskModel {
  readonly slotCount: number;
  /** PackBank index in each slot, or -1. */
  readonly slotPack: Int32Array;
  readonly locked: Uint8Array;
  /** A jammed latch stays jammed until this time (0: not jammed; set with jamLatch()). The server learns of it on a failed release. */
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
  /** Slots with a jammed latch (a repair pending); lets tick() skip the repair check. */
  private jams = 0;
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
    return (this.bank.soc[p] as number) >= this.readySocPct / 100 ? S_READY : S_CHARGING;
  }

  /** Puts a pack in the first free slot; returns the slot, or -1 when none is free. */
  insert(packIdx: number, nowMs: number, requestId = ''): number {
    for (let s = 0; s < this.slotCount; s++) {
      if (this.slotPack[s] !== -1 || this.locked[s] === 1 || this.slotFault[s] !== 0) continue;
      this.slotPack[s] = packIdx;
      const b = this.bank;
      b.mode[packIdx] = this.mainsPower ? MODE_SLOT : MODE_SLOT_UNPOWERED;
      b.outMa[packIdx] = 0;
      b.markActive(packIdx);
      b.holder[packIdx] = -1;
      b.kiosk[packIdx] = this.index;
      b.slot[packIdx] = s;
      this.events.push({ type: 'pack_inserted', atMs: nowMs, slot: s, packId: b.ids[packIdx] as string, requestId });
      this.noteChange(s);
      return s;
    }
    return -1;
  }

  /**
   * Staff take the pack out of slot s through the service door (for a courier): the door opens and
   * closes, and the next status shows the slot empty. Returns the pack index, or -1 when empty.
   */
  takeOut(s: number, nowMs: number): number {
    const p = this.slotPack[s] as number;
    if (p < 0) return -1;
    this.setDoor(DoorState.DOOR_STATE_OPEN, nowMs);
    this.slotPack[s] = -1;
    const b = this.bank;
    b.mode[p] = MODE_DEPOT;
    b.outMa[p] = 0;
    b.markActive(p);
    b.kiosk[p] = -1;
    b.slot[p] = -1;
    this.noteChange(s);
    this.setDoor(DoorState.DOOR_STATE_CLOSED, nowMs);
    return p;
  }

  /** Free slots a returned pack could go into. */
  freeSlots(): number {
    let n = 0;
    for (let s = 0; s < this.slotCount; s++) if (this.slotPack[s] === -1 && this.locked[s] === 0 && this.slotFault[s] === 0) n++;
    return n;
  }

  /** The READY slot a server would pick: fullest pack, then fewest cycles; -1 when none. `refuse` skips packs the server would never hand out (a recalled lot). */
  bestReadySlot(refuse?: (packIdx: number) => boolean): number {
    let best = -1;
    let bestSoc = -1;
    let bestMah = Infinity;
    for (let s = 0; s < this.slotCount; s++) {
      if (this.slotState(s) !== S_READY) continue;
      const p = this.slotPack[s] as number;
      if (refuse?.(p)) continue;
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
    b.markActive(p);
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
      this.jamLatch(this.rng.int(0, this.slotCount), nowMs + this.stuckRepairMs);
    }
    let ready = 0;
    let changed = false;
    // slotState() inlined: this runs for every slot of every kiosk each step.
    const { slotPack, locked, slotFault, stuckUntilMs, lastState } = this;
    const soc = this.bank.soc;
    const packFaults = this.bank.faultFlags;
    const readySoc = this.readySocPct / 100;
    const n = this.slotCount;
    if (this.jams > 0) this.repairLatches(nowMs);
    for (let s = 0; s < n; s++) {
      const p = slotPack[s] as number;
      const st =
        locked[s] === 1 ? S_LOCKED
        : slotFault[s] !== 0 ? S_FAULT
        : p < 0 ? S_EMPTY
        : packFaults[p] !== 0 ? S_FAULT
        : (soc[p] as number) >= readySoc ? S_READY
        : S_CHARGING;
      if (st !== lastState[s]) {
        if (st === S_FAULT && slotFault[s] === 0) {
          this.events.push({ type: 'fault', atMs: nowMs, slot: s, faultCode: this.packFaultCode(s), detail: 'pack_fault' });
        }
        lastState[s] = st;
        changed = true;
      }
      if (st === S_READY) ready++;
    }
    this.readyCount = ready;
    if (changed) this.statusDue++;
    if (this.nextStatusAtMs <= nowMs) {
      // Periodic reports due since the last tick, however long ago that was.
      const due = Math.floor((nowMs - this.nextStatusAtMs) / this.statusEveryMs) + 1;
      this.statusDue += due;
      this.nextStatusAtMs += due * this.statusEveryMs;
    }
  }

  /** Jams slot s's latch until untilMs (a hiccup; scenarios and tests may call it directly). */
  jamLatch(s: number, untilMs: number): void {
    if (this.stuckUntilMs[s] === 0) this.jams++;
    this.stuckUntilMs[s] = untilMs;
  }

  /** Clears latches whose repair time has come. */
  private repairLatches(nowMs: number): void {
    let still = 0;
    for (let s = 0; s < this.slotCount; s++) {
      const until = this.stuckUntilMs[s] as number;
      if (until === 0) continue;
      if (until <= nowMs) {
        this.stuckUntilMs[s] = 0;
        if (this.slotFault[s] === FAULT_LATCH_STUCK) this.slotFault[s] = 0;
      } else still++;
    }
    this.jams = still;
  }

  /** Status reports due since the last call (periodic and on change); resets the count. */
  takeStatusDue(): number {
    const n = this.statusDue;
    this.statusDue = 0;
    return n;
  }

  /** Events since the last call, oldest first. */
  takeEvents(): readonly KioskSimEvent[] {
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
      if (p < 0) continue;
      this.bank.mode[p] = on ? MODE_SLOT : MODE_SLOT_UNPOWERED;
      this.bank.markActive(p);
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
