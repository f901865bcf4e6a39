// Turns stored readings and live state into the JSON the API answers: ISO times, enum names.
import type { KioskEventRecord, KioskReading, PackReading, SlotReading } from '../domain/readings.ts';
import { DoorState, PackFaultBit, PackState, SlotState } from '../proto/codec.ts';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function enumName(e: Record<string | number, string | number>, prefix: string, n: number): string {
  const name = e[n];
  return typeof name === 'string' ? name.slice(prefix.length) : `UNKNOWN_${n}`;
}

const FAULT_BITS = Object.entries(PackFaultBit).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0);

export function faultNames(flags: number): string[] {
  return FAULT_BITS.filter(([, bit]) => (flags & bit) !== 0).map(([name]) => name.slice('PACK_FAULT_'.length));
}

export const packStateName = (n: number) => enumName(PackState as never, 'PACK_STATE_', n);
export const slotStateName = (n: number) => enumName(SlotState as never, 'SLOT_STATE_', n);
export const doorName = (n: number) => enumName(DoorState as never, 'DOOR_STATE_', n);

export function packReadingView(r: PackReading) {
  return {
    at: iso(r.atMs)!,
    receivedAt: iso(r.receivedAtMs)!,
    bootId: r.bootId,
    seq: r.seq,
    socPct: r.socPct,
    voltageMv: r.voltageMv,
    currentMa: r.currentMa,
    tempC: r.tempC,
    cycles: r.cycles,
    sohPct: r.sohPct,
    state: packStateName(r.state),
    faultFlags: r.faultFlags,
    faults: faultNames(r.faultFlags),
    location: r.latE7 === null || r.lonE7 === null ? null : { lat: r.latE7 / 1e7, lon: r.lonE7 / 1e7, accuracyM: r.accuracyM ?? 0 },
    firmware: r.firmware,
    clockSuspect: r.clockSuspect,
  };
}

export function slotView(s: SlotReading) {
  return { index: s.index, state: slotStateName(s.state), packId: s.packId === '' ? null : s.packId, socPct: s.socPct, tempC: s.tempC, chargeCurrentMa: s.chargeCurrentMa, faultCode: s.faultCode };
}

export function kioskReadingView(r: KioskReading) {
  const counts: Record<string, number> = { EMPTY: 0, CHARGING: 0, READY: 0, FAULT: 0, LOCKED: 0 };
  for (const s of r.slots) {
    const name = slotStateName(s.state);
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return {
    at: iso(r.atMs)!,
    receivedAt: iso(r.receivedAtMs)!,
    bootId: r.bootId,
    seq: r.seq,
    mainsPower: r.mainsPower,
    door: doorName(r.door),
    signalDbm: r.signalDbm,
    firmware: r.firmware,
    clockSuspect: r.clockSuspect,
    slotCounts: counts,
    slots: r.slots.map(slotView),
  };
}

export function kioskEventView(e: KioskEventRecord) {
  return { at: iso(e.atMs)!, receivedAt: iso(e.receivedAtMs)!, bootId: e.bootId, seq: e.seq, type: e.type, slot: e.slot, packId: e.packId || null, commandId: e.commandId || null, requestId: e.requestId || null, detail: e.detail };
}

export { iso };
