// The telemetry tables in DuckDB: their migrations, the column order the appender writes in, and
// the mapping from stored rows back to readings.
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, LIST, STRUCT, UINTEGER, VARCHAR, listValue, structValue } from '@duckdb/node-api';
import type { DuckDBType, DuckDBValue, JS } from '@duckdb/node-api';
import type { KioskEventRecord, KioskEventType, KioskReading, PackReading, SlotReading } from '../../domain/readings.ts';
import type { Migration } from './migrations.ts';

export const TELEMETRY_COMPONENT = 'telemetry';

// Types follow fleet.v1: uint32 -> UINTEGER, sint32 and enums -> INTEGER, uint64 seq -> BIGINT,
// floats -> DOUBLE (a JS number round-trips exactly). Rows arrive in receive order, which is
// nearly time order, so DuckDB's per-row-group min/max (zonemaps) on at_ms prune range reads.
// rk ("device/boot/seq") is the idempotency key in ONE column: DuckDB
// answers `rk IN (...)` from the primary-key index, whatever the table's size, while it cannot
// look up a composite key (and INSERT OR IGNORE joins against a scan of the whole table).
export const TELEMETRY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'pack readings, kiosk status with slots, kiosk events',
    statements: [
      `CREATE TABLE pack_readings (
        rk VARCHAR PRIMARY KEY, pack_id VARCHAR NOT NULL, boot_id UINTEGER NOT NULL, seq BIGINT NOT NULL,
        at_ms BIGINT NOT NULL, received_at_ms BIGINT NOT NULL, clock_suspect BOOLEAN NOT NULL,
        firmware VARCHAR NOT NULL, soc_pct DOUBLE NOT NULL, voltage_mv UINTEGER NOT NULL,
        current_ma INTEGER NOT NULL, temp_c DOUBLE NOT NULL, cycles UINTEGER NOT NULL,
        soh_pct DOUBLE NOT NULL, state INTEGER NOT NULL, fault_flags UINTEGER NOT NULL,
        lat_e7 INTEGER, lon_e7 INTEGER, accuracy_m UINTEGER)`,
      `CREATE TABLE kiosk_status (
        rk VARCHAR PRIMARY KEY, kiosk_id VARCHAR NOT NULL, boot_id UINTEGER NOT NULL, seq BIGINT NOT NULL,
        at_ms BIGINT NOT NULL, received_at_ms BIGINT NOT NULL, clock_suspect BOOLEAN NOT NULL,
        firmware VARCHAR NOT NULL, mains_power BOOLEAN NOT NULL, door INTEGER NOT NULL,
        signal_dbm INTEGER NOT NULL,
        slots STRUCT(slot_index UINTEGER, state INTEGER, pack_id VARCHAR, soc_pct DOUBLE, temp_c DOUBLE,
          charge_current_ma INTEGER, fault_code UINTEGER)[] NOT NULL)`,
      `CREATE TABLE kiosk_events (
        rk VARCHAR PRIMARY KEY, kiosk_id VARCHAR NOT NULL, boot_id UINTEGER NOT NULL, seq BIGINT NOT NULL,
        at_ms BIGINT NOT NULL, received_at_ms BIGINT NOT NULL, clock_suspect BOOLEAN NOT NULL,
        type VARCHAR NOT NULL, slot UINTEGER, pack_id VARCHAR NOT NULL, command_id VARCHAR NOT NULL,
        request_id VARCHAR NOT NULL, detail VARCHAR NOT NULL)`,
    ],
  },
  {
    // Live state is rebuilt at start from these (one row per device), never from a scan of history.
    // Built once here from the readings so far; the writer keeps them in step in each transaction.
    version: 2,
    name: 'latest reading per pack and per kiosk',
    statements: [
      'CREATE TABLE pack_latest AS SELECT * EXCLUDE (rk) FROM pack_readings LIMIT 0',
      'ALTER TABLE pack_latest ADD PRIMARY KEY (pack_id)',
      'INSERT INTO pack_latest SELECT DISTINCT ON (pack_id) * EXCLUDE (rk) FROM pack_readings ORDER BY pack_id, at_ms DESC, seq DESC',
      'CREATE TABLE kiosk_latest AS SELECT * EXCLUDE (rk) FROM kiosk_status LIMIT 0',
      'ALTER TABLE kiosk_latest ADD PRIMARY KEY (kiosk_id)',
      'INSERT INTO kiosk_latest SELECT DISTINCT ON (kiosk_id) * EXCLUDE (rk) FROM kiosk_status ORDER BY kiosk_id, at_ms DESC, seq DESC',
    ],
  },
  {
    // The latest tables are now flushed every few seconds (store/duckdb/latest-tables.ts); this
    // marks how far they are known complete, for the repair at open.
    version: 3,
    name: 'latest tables: the receive time they are complete up to',
    statements: [
      'CREATE TABLE latest_sync (received_at_ms BIGINT NOT NULL)',
      'INSERT INTO latest_sync SELECT greatest(coalesce((SELECT max(received_at_ms) FROM pack_latest), 0), coalesce((SELECT max(received_at_ms) FROM kiosk_latest), 0))',
    ],
  },
];

export interface Column<R> {
  name: string;
  type: DuckDBType;
  get(row: R): DuckDBValue;
}

/**
 * A table as the writer sees it: the columns after rk, in table order, and its key. rk itself is
 * computed by DuckDB on insert (keySql), off the JS thread; `key` computes the same string in JS.
 */
export interface TableSpec<R> {
  table: string;
  /** Column holding the device id; the key is (device, boot_id, seq). */
  idColumn: string;
  deviceId(row: R): string;
  /** The row's rk: `${deviceId}/${bootId}/${seq}`. */
  key(row: R): string;
  /** SQL for rk over the other columns; must equal `key` (integers print alike in both). */
  keySql: string;
  columns: readonly Column<R>[];
  /** The table holding each device's newest row (same columns, keyed by idColumn), if any. */
  latestTable?: string;
}

/** The idempotency key in one string. The last two parts are numbers, so it is unambiguous whatever the id holds. */
export function readingKey(deviceId: string, bootId: number, seq: number): string {
  return `${deviceId}/${bootId}/${seq}`;
}

const packKey = (r: PackReading) => readingKey(r.packId, r.bootId, r.seq);
const kioskKey = (r: KioskReading | KioskEventRecord) => readingKey(r.kioskId, r.bootId, r.seq);

const SLOT_TYPE = STRUCT({
  slot_index: UINTEGER,
  state: INTEGER,
  pack_id: VARCHAR,
  soc_pct: DOUBLE,
  temp_c: DOUBLE,
  charge_current_ma: INTEGER,
  fault_code: UINTEGER,
});

export const PACK_TABLE: TableSpec<PackReading> = {
  table: 'pack_readings',
  latestTable: 'pack_latest',
  idColumn: 'pack_id',
  deviceId: (r) => r.packId,
  key: packKey,
  keySql: `pack_id || '/' || boot_id || '/' || seq`,
  columns: [
    { name: 'pack_id', type: VARCHAR, get: (r) => r.packId },
    { name: 'boot_id', type: UINTEGER, get: (r) => r.bootId },
    { name: 'seq', type: BIGINT, get: (r) => BigInt(r.seq) },
    { name: 'at_ms', type: BIGINT, get: (r) => BigInt(r.atMs) },
    { name: 'received_at_ms', type: BIGINT, get: (r) => BigInt(r.receivedAtMs) },
    { name: 'clock_suspect', type: BOOLEAN, get: (r) => r.clockSuspect },
    { name: 'firmware', type: VARCHAR, get: (r) => r.firmware },
    { name: 'soc_pct', type: DOUBLE, get: (r) => r.socPct },
    { name: 'voltage_mv', type: UINTEGER, get: (r) => r.voltageMv },
    { name: 'current_ma', type: INTEGER, get: (r) => r.currentMa },
    { name: 'temp_c', type: DOUBLE, get: (r) => r.tempC },
    { name: 'cycles', type: UINTEGER, get: (r) => r.cycles },
    { name: 'soh_pct', type: DOUBLE, get: (r) => r.sohPct },
    { name: 'state', type: INTEGER, get: (r) => r.state },
    { name: 'fault_flags', type: UINTEGER, get: (r) => r.faultFlags },
    { name: 'lat_e7', type: INTEGER, get: (r) => r.latE7 },
    { name: 'lon_e7', type: INTEGER, get: (r) => r.lonE7 },
    { name: 'accuracy_m', type: UINTEGER, get: (r) => r.accuracyM },
  ],
};

export const KIOSK_TABLE: TableSpec<KioskReading> = {
  table: 'kiosk_status',
  latestTable: 'kiosk_latest',
  idColumn: 'kiosk_id',
  deviceId: (r) => r.kioskId,
  key: kioskKey,
  keySql: `kiosk_id || '/' || boot_id || '/' || seq`,
  columns: [
    { name: 'kiosk_id', type: VARCHAR, get: (r) => r.kioskId },
    { name: 'boot_id', type: UINTEGER, get: (r) => r.bootId },
    { name: 'seq', type: BIGINT, get: (r) => BigInt(r.seq) },
    { name: 'at_ms', type: BIGINT, get: (r) => BigInt(r.atMs) },
    { name: 'received_at_ms', type: BIGINT, get: (r) => BigInt(r.receivedAtMs) },
    { name: 'clock_suspect', type: BOOLEAN, get: (r) => r.clockSuspect },
    { name: 'firmware', type: VARCHAR, get: (r) => r.firmware },
    { name: 'mains_power', type: BOOLEAN, get: (r) => r.mainsPower },
    { name: 'door', type: INTEGER, get: (r) => r.door },
    { name: 'signal_dbm', type: INTEGER, get: (r) => r.signalDbm },
    {
      name: 'slots',
      type: LIST(SLOT_TYPE),
      get: (r) =>
        listValue(
          r.slots.map((s) =>
            structValue({
              slot_index: s.index,
              state: s.state,
              pack_id: s.packId,
              soc_pct: s.socPct,
              temp_c: s.tempC,
              charge_current_ma: s.chargeCurrentMa,
              fault_code: s.faultCode,
            }),
          ),
        ),
    },
  ],
};

export const EVENT_TABLE: TableSpec<KioskEventRecord> = {
  table: 'kiosk_events',
  idColumn: 'kiosk_id',
  deviceId: (r) => r.kioskId,
  key: kioskKey,
  keySql: `kiosk_id || '/' || boot_id || '/' || seq`,
  columns: [
    { name: 'kiosk_id', type: VARCHAR, get: (r) => r.kioskId },
    { name: 'boot_id', type: UINTEGER, get: (r) => r.bootId },
    { name: 'seq', type: BIGINT, get: (r) => BigInt(r.seq) },
    { name: 'at_ms', type: BIGINT, get: (r) => BigInt(r.atMs) },
    { name: 'received_at_ms', type: BIGINT, get: (r) => BigInt(r.receivedAtMs) },
    { name: 'clock_suspect', type: BOOLEAN, get: (r) => r.clockSuspect },
    { name: 'type', type: VARCHAR, get: (r) => r.type },
    { name: 'slot', type: UINTEGER, get: (r) => r.slot },
    { name: 'pack_id', type: VARCHAR, get: (r) => r.packId },
    { name: 'command_id', type: VARCHAR, get: (r) => r.commandId },
    { name: 'request_id', type: VARCHAR, get: (r) => r.requestId },
    { name: 'detail', type: VARCHAR, get: (r) => r.detail },
  ],
};

const num = (v: JS | undefined): number => Number(v);
const numOrNull = (v: JS | undefined): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: JS | undefined): string => (typeof v === 'string' ? v : String(v ?? ''));

export function toPackReading(r: Record<string, JS>): PackReading {
  return {
    packId: str(r['pack_id']),
    bootId: num(r['boot_id']),
    seq: num(r['seq']),
    atMs: num(r['at_ms']),
    receivedAtMs: num(r['received_at_ms']),
    clockSuspect: r['clock_suspect'] === true,
    firmware: str(r['firmware']),
    socPct: num(r['soc_pct']),
    voltageMv: num(r['voltage_mv']),
    currentMa: num(r['current_ma']),
    tempC: num(r['temp_c']),
    cycles: num(r['cycles']),
    sohPct: num(r['soh_pct']),
    state: num(r['state']),
    faultFlags: num(r['fault_flags']),
    latE7: numOrNull(r['lat_e7']),
    lonE7: numOrNull(r['lon_e7']),
    accuracyM: numOrNull(r['accuracy_m']),
  };
}

function toSlot(s: JS): SlotReading {
  const o = (s ?? {}) as Record<string, JS>;
  return {
    index: num(o['slot_index']),
    state: num(o['state']),
    packId: str(o['pack_id']),
    socPct: num(o['soc_pct']),
    tempC: num(o['temp_c']),
    chargeCurrentMa: num(o['charge_current_ma']),
    faultCode: num(o['fault_code']),
  };
}

export function toKioskReading(r: Record<string, JS>): KioskReading {
  const slots = r['slots'];
  return {
    kioskId: str(r['kiosk_id']),
    bootId: num(r['boot_id']),
    seq: num(r['seq']),
    atMs: num(r['at_ms']),
    receivedAtMs: num(r['received_at_ms']),
    clockSuspect: r['clock_suspect'] === true,
    firmware: str(r['firmware']),
    mainsPower: r['mains_power'] === true,
    door: num(r['door']),
    signalDbm: num(r['signal_dbm']),
    slots: Array.isArray(slots) ? slots.map(toSlot) : [],
  };
}

export function toKioskEvent(r: Record<string, JS>): KioskEventRecord {
  return {
    kioskId: str(r['kiosk_id']),
    bootId: num(r['boot_id']),
    seq: num(r['seq']),
    atMs: num(r['at_ms']),
    receivedAtMs: num(r['received_at_ms']),
    clockSuspect: r['clock_suspect'] === true,
    type: str(r['type']) as KioskEventType,
    slot: numOrNull(r['slot']),
    packId: str(r['pack_id']),
    commandId: str(r['command_id']),
    requestId: str(r['request_id']),
    detail: str(r['detail']),
  };
}
