// Reading factories shared by the TelemetryStore contract suite, the DuckDB tests and the bench:
// plausible values that survive a round trip exactly (floats with short binary expansions).
import type { KioskEventRecord, KioskReading, PackReading, SlotReading } from '../../domain/readings.ts';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
/** 2026-01-15T10:00:00Z: a whole hour, so buckets of minutes and hours align with it. */
export const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);

export function pack(packId: string, seq: number, atMs: number, over: Partial<PackReading> = {}): PackReading {
  return {
    packId,
    bootId: 7,
    seq,
    atMs,
    receivedAtMs: atMs + 120,
    clockSuspect: false,
    firmware: 'pack-fw 2.4.1',
    socPct: 80,
    voltageMv: 3900,
    currentMa: -450,
    tempC: 24.5,
    cycles: 120,
    sohPct: 97.25,
    state: 2,
    faultFlags: 0,
    latE7: 515_072_000,
    lonE7: -1_275_000,
    accuracyM: 50,
    ...over,
  };
}

export const SLOTS: SlotReading[] = [
  { index: 0, state: 3, packId: 'pk-ready-1', socPct: 98.5, tempC: 26.25, chargeCurrentMa: 0, faultCode: 0 },
  { index: 1, state: 2, packId: 'pk-charging-2', socPct: 41.75, tempC: 31.5, chargeCurrentMa: 1800, faultCode: 0 },
  { index: 2, state: 1, packId: '', socPct: 0, tempC: 0, chargeCurrentMa: 0, faultCode: 0 },
  { index: 3, state: 4, packId: 'pk-hot-4', socPct: 63, tempC: 58.125, chargeCurrentMa: -20, faultCode: 17 },
  { index: 4, state: 5, packId: '', socPct: 0, tempC: 22, chargeCurrentMa: 0, faultCode: 0 },
];

export function kiosk(kioskId: string, seq: number, atMs: number, over: Partial<KioskReading> = {}): KioskReading {
  return {
    kioskId,
    bootId: 3,
    seq,
    atMs,
    receivedAtMs: atMs + 80,
    clockSuspect: false,
    firmware: 'kiosk-fw 1.9.0',
    mainsPower: true,
    door: 1,
    signalDbm: -71,
    slots: SLOTS.map((s) => ({ ...s })),
    ...over,
  };
}

export function event(kioskId: string, seq: number, atMs: number, over: Partial<KioskEventRecord> = {}): KioskEventRecord {
  return {
    kioskId,
    bootId: 3,
    seq,
    atMs,
    receivedAtMs: atMs + 60,
    clockSuspect: false,
    type: 'pack_released',
    slot: 1,
    packId: 'pk-charging-2',
    commandId: 'cmd-0001',
    requestId: '',
    detail: '',
    ...over,
  };
}

