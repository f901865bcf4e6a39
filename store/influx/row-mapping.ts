// Turns InfluxQL rows (time in epoch ms, snake_case fields) back into the readings we stored.
import type { KioskEventRecord, KioskEventType, KioskReading, PackReading, SlotReading } from '../../domain/readings.ts';
import type { Row } from './influxql.ts';
import { NULLABLE_PACK_FIELDS } from './line-protocol.ts';

function num(v: unknown): number {
  return typeof v === 'number' ? v : Number.NaN;
}
function numOrNull(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}
function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
function bool(v: unknown): boolean {
  return v === true;
}

/**
 * `latest`: a pack_latest row, whose reading time is the at_ms field (not the point time) and
 * whose null_mask says which fields the reading left null (an overwrite kept the older values).
 */
export function toPackReading(r: Row, latest?: 'latest'): PackReading {
  const mask = latest && typeof r.null_mask === 'number' ? r.null_mask : 0;
  NULLABLE_PACK_FIELDS.forEach((f, bit) => {
    if (mask & (1 << bit)) r = { ...r, [f]: null };
  });
  return {
    packId: text(r.pack_id),
    bootId: num(r.boot_id),
    seq: num(r.seq),
    atMs: num(latest ? r.at_ms : r.time),
    receivedAtMs: num(r.received_at_ms),
    clockSuspect: bool(r.clock_suspect),
    firmware: text(r.firmware),
    socPct: num(r.soc_pct),
    voltageMv: num(r.voltage_mv),
    currentMa: num(r.current_ma),
    tempC: num(r.temp_c),
    cycles: num(r.cycles),
    sohPct: num(r.soh_pct),
    state: num(r.state),
    faultFlags: num(r.fault_flags),
    latE7: numOrNull(r.lat_e7),
    lonE7: numOrNull(r.lon_e7),
    accuracyM: numOrNull(r.accuracy_m),
  };
}

export function decodeSlots(json: unknown): SlotReading[] {
  if (typeof json !== 'string' || json === '') return [];
  const rows = JSON.parse(json) as unknown[][];
  return rows.map((s) => ({
    index: num(s[0]),
    state: num(s[1]),
    packId: text(s[2]),
    socPct: num(s[3]),
    tempC: num(s[4]),
    chargeCurrentMa: num(s[5]),
    faultCode: num(s[6]),
  }));
}

export function toKioskReading(r: Row): KioskReading {
  return {
    kioskId: text(r.kiosk_id),
    bootId: num(r.boot_id),
    seq: num(r.seq),
    atMs: num(r.time),
    receivedAtMs: num(r.received_at_ms),
    clockSuspect: bool(r.clock_suspect),
    firmware: text(r.firmware),
    mainsPower: bool(r.mains_power),
    door: num(r.door),
    signalDbm: num(r.signal_dbm),
    slots: decodeSlots(r.slots),
  };
}

export function toKioskEvent(r: Row): KioskEventRecord {
  return {
    kioskId: text(r.kiosk_id),
    bootId: num(r.boot_id),
    seq: num(r.seq),
    atMs: num(r.time),
    receivedAtMs: num(r.received_at_ms),
    clockSuspect: bool(r.clock_suspect),
    type: text(r.type) as KioskEventType,
    slot: numOrNull(r.slot),
    packId: text(r.pack_id),
    commandId: text(r.command_id),
    requestId: text(r.request_id),
    detail: text(r.detail),
  };
}

/** Point time, then seq (the contract's order); the sub-ms offset is a hash, so sort here. */
export function byTimeThenSeq<T extends { atMs: number; seq: number }>(order: 'asc' | 'desc'): (a: T, b: T) => number {
  const sign = order === 'asc' ? 1 : -1;
  return (a, b) => sign * (a.atMs - b.atMs || a.seq - b.seq);
}

/** True when `a` is a later reading than `b` (point time, then seq). */
export function isNewer(a: { atMs: number; seq: number }, b: { atMs: number; seq: number }): boolean {
  return a.atMs !== b.atMs ? a.atMs > b.atMs : a.seq > b.seq;
}
