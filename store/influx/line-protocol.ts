// Turns readings into InfluxDB line protocol: one measurement per message kind, low-cardinality
// tags, and a point time that is the same for a redelivered reading (so it overwrites itself).
import type { KioskEventRecord, KioskReading, PackReading, SlotReading } from '../../domain/readings.ts';

export const MEASUREMENT = {
  pack: 'pack_telemetry',
  packLatest: 'pack_latest',
  kiosk: 'kiosk_status',
  event: 'kiosk_event',
} as const;

/** Pack ids are fields; this many hash buckets form the `pb` tag that narrows per-pack reads. */
export const PACK_BUCKETS = 4096;

/** FNV-1a over UTF-16 code units, finished with murmur3's fmix32 so low bits are well mixed. */
export function hash32(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The `pb` tag of a pack: 3 hex digits, one of PACK_BUCKETS. */
export function packBucket(packId: string): string {
  return (hash32(packId, 0x9747b28c) % PACK_BUCKETS).toString(16).padStart(3, '0');
}

/**
 * Deterministic sub-millisecond offset in [0, 1e6) ns for one reading. Device time is ms; two
 * readings of the same series in the same ms would otherwise be one point in InfluxDB.
 */
export function subMsOffsetNs(deviceId: string, bootId: number, seq: number): number {
  return hash32(`${deviceId}\u0000${bootId}\u0000${seq}`) % 1_000_000;
}

/** Epoch ns as a decimal string: ms * 1e6 + offset, without losing precision past 2^53. */
export function pointTimeNs(atMs: number, offsetNs: number): string {
  const ms = Math.floor(atMs);
  if (ms > 0) return `${ms}${String(offsetNs).padStart(6, '0')}`;
  return (BigInt(ms) * 1_000_000n + BigInt(offsetNs)).toString();
}

/** pack_latest keeps one point per pack per period of this length (epoch-aligned weeks). */
export const LATEST_PERIOD_MS = 7 * 86_400_000;
const NS_PER_PERIOD = LATEST_PERIOD_MS * 1_000_000;

/**
 * The pack_latest point time: the period start plus a 53-bit hash of the pack id (mod the period),
 * so each newer reading of that period overwrites the pack's one point.
 */
export function packLatestTimeNs(atMs: number, packId: string): string {
  const period = Math.floor(atMs / LATEST_PERIOD_MS);
  const h = hash32(packId, 0x5bd1e995) * 2 ** 21 + (hash32(packId, 0x1b873593) >>> 11);
  return (BigInt(period) * BigInt(NS_PER_PERIOD) + BigInt(h % NS_PER_PERIOD)).toString();
}

function escTag(s: string): string {
  return /[,= \\\n]/.test(s) ? s.replace(/[,= \\]/g, (c) => `\\${c}`).replace(/\n/g, '\\n') : s;
}

const NEEDS_QUOTE_ESCAPE = /[\\"]/;

function str(s: string): string {
  return NEEDS_QUOTE_ESCAPE.test(s) ? `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"` : `"${s}"`;
}

function int(n: number): string {
  return `${Math.trunc(n)}i`;
}

/** Fields in order; a non-finite number is left out (InfluxDB refuses NaN and the whole batch with it). */
class Fields {
  private parts: string[] = [];
  int(k: string, v: number | null): this {
    if (v !== null && Number.isFinite(v)) this.parts.push(`${k}=${int(v)}`);
    return this;
  }
  str(k: string, v: string): this {
    this.parts.push(`${k}=${str(v)}`);
    return this;
  }
  bool(k: string, v: boolean): this {
    this.parts.push(`${k}=${v ? 't' : 'f'}`);
    return this;
  }
  toString(): string {
    return this.parts.join(',');
  }
}

// The pack path is the hot one (every reading, twice): one template, no builder.
const i = (k: string, v: number | null): string => (v !== null && Number.isFinite(v) ? `,${k}=${Math.trunc(v)}i` : '');
const f = (k: string, v: number): string => (Number.isFinite(v) ? `,${k}=${v}` : '');

function packFields(r: PackReading): string {
  return `pack_id=${str(r.packId)}${i('boot_id', r.bootId)}${i('seq', r.seq)}${i('received_at_ms', r.receivedAtMs)},clock_suspect=${r.clockSuspect ? 't' : 'f'}` +
    `,firmware=${str(r.firmware)}${f('soc_pct', r.socPct)}${i('voltage_mv', r.voltageMv)}${i('current_ma', r.currentMa)}${f('temp_c', r.tempC)}` +
    `${i('cycles', r.cycles)}${f('soh_pct', r.sohPct)}${i('state', r.state)}${i('fault_flags', r.faultFlags)}${i('lat_e7', r.latE7)}${i('lon_e7', r.lonE7)}${i('accuracy_m', r.accuracyM)}`;
}

export function packLine(r: PackReading): string {
  const t = pointTimeNs(r.atMs, subMsOffsetNs(r.packId, r.bootId, r.seq));
  return `${MEASUREMENT.pack},pb=${packBucket(r.packId)} ${packFields(r)} ${t}`;
}

/** Bits of PackReading fields that were null, in this order (see nullMask). */
export const NULLABLE_PACK_FIELDS = ['lat_e7', 'lon_e7', 'accuracy_m'] as const;

/**
 * An overwrite in InfluxDB merges fields: a field left out keeps the old point's value. pack_latest
 * is overwritten with other readings, so it records which fields were null.
 */
function nullMask(r: PackReading): number {
  return (r.latE7 === null ? 1 : 0) | (r.lonE7 === null ? 2 : 0) | (r.accuracyM === null ? 4 : 0);
}

/** The pack's latest reading of its period; at_ms carries the reading time (the point time does not). */
export function packLatestLine(r: PackReading): string {
  const fields = `${packFields(r)}${i('at_ms', r.atMs)}${i('null_mask', nullMask(r))}`;
  return `${MEASUREMENT.packLatest},pb=${packBucket(r.packId)} ${fields} ${packLatestTimeNs(r.atMs, r.packId)}`;
}

/** Slots as compact JSON rows: [index, state, packId, socPct, tempC, chargeCurrentMa, faultCode]. */
export function encodeSlots(slots: SlotReading[]): string {
  return JSON.stringify(slots.map((s) => [s.index, s.state, s.packId, s.socPct, s.tempC, s.chargeCurrentMa, s.faultCode]));
}

// fleet.v1.SlotState numbers, for the per-state counts Grafana charts without parsing JSON.
const SLOT_COUNTS: ReadonlyArray<[string, number]> = [['slots_empty', 1], ['slots_charging', 2], ['slots_ready', 3], ['slots_fault', 4], ['slots_locked', 5]];

export function kioskLine(r: KioskReading): string {
  const f = new Fields()
    .int('boot_id', r.bootId)
    .int('seq', r.seq)
    .int('received_at_ms', r.receivedAtMs)
    .bool('clock_suspect', r.clockSuspect)
    .str('firmware', r.firmware)
    .bool('mains_power', r.mainsPower)
    .int('door', r.door)
    .int('signal_dbm', r.signalDbm)
    .str('slots', encodeSlots(r.slots))
    .int('slot_count', r.slots.length);
  for (const [name, state] of SLOT_COUNTS) f.int(name, r.slots.filter((s) => s.state === state).length);
  const t = pointTimeNs(r.atMs, subMsOffsetNs(r.kioskId, r.bootId, r.seq));
  return `${MEASUREMENT.kiosk},kiosk_id=${escTag(r.kioskId)} ${f.toString()} ${t}`;
}

export function eventLine(e: KioskEventRecord): string {
  const f = new Fields()
    .int('boot_id', e.bootId)
    .int('seq', e.seq)
    .int('received_at_ms', e.receivedAtMs)
    .bool('clock_suspect', e.clockSuspect)
    .int('slot', e.slot)
    .str('pack_id', e.packId)
    .str('command_id', e.commandId)
    .str('request_id', e.requestId)
    .str('detail', e.detail);
  const t = pointTimeNs(e.atMs, subMsOffsetNs(e.kioskId, e.bootId, e.seq));
  return `${MEASUREMENT.event},kiosk_id=${escTag(e.kioskId)},type=${escTag(e.type)} ${f.toString()} ${t}`;
}
