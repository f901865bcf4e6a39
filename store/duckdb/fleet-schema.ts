// Tables of the fleet registry (component 'fleet' in schema_version), the mapping between their
// rows and the registry's records, and the load of the working set at open. Append migrations;
// never edit a released one.
import type { JS } from '@duckdb/node-api';
import type { Custody, CustomerStatus, NudgePrefs, WithdrawReason } from '../../domain/fleet-model.ts';
import type { AnomalyRecord, CommandRecord, CustodyChangeRecord, CustomerRecord, PackRow, SwapRecord, TokenRecord } from '../fleet-registry.ts';
import type { DuckConn } from './database.ts';
import { FleetMemory, LEDGER_WINDOW_MS, SWAP_TIMES_WINDOW_MS, eventKey } from './fleet-memory.ts';
import type { Migration } from './migrations.ts';

export const FLEET_COMPONENT = 'fleet';

export const FLEET_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'fleet registry: stores, kiosks, customers, packs with custody, recalls, holds, tokens, ledgers',
    statements: [
      `CREATE TABLE fleet_settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
      `CREATE TABLE fleet_stores (
        id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, lat DOUBLE NOT NULL, lon DOUBLE NOT NULL,
        time_zone VARCHAR NOT NULL, updated_at_ms BIGINT NOT NULL)`,
      `CREATE TABLE fleet_kiosks (
        id VARCHAR PRIMARY KEY, store_id VARCHAR NOT NULL, slot_count INTEGER NOT NULL, updated_at_ms BIGINT NOT NULL)`,
      // nudge_prefs is JSON text: the nudge work owns that shape and adds optional fields to it.
      `CREATE TABLE fleet_customers (
        id VARCHAR PRIMARY KEY, token_hash VARCHAR NOT NULL UNIQUE, status VARCHAR NOT NULL, plan VARCHAR,
        plan_active BOOLEAN NOT NULL, fair_use_limit_per_24h INTEGER, time_zone VARCHAR NOT NULL,
        nudge_prefs VARCHAR NOT NULL, updated_at_ms BIGINT NOT NULL)`,
      // Custody lives on the pack row, so a pack has exactly one by construction. custody_ref is the
      // kiosk, customer, warehouse or transit target, or the withdrawal reason; custody_slot only for slots.
      `CREATE TABLE fleet_packs (
        id VARCHAR PRIMARY KEY, lot VARCHAR NOT NULL, hw_rev VARCHAR NOT NULL, custody_kind VARCHAR NOT NULL,
        custody_ref VARCHAR, custody_slot INTEGER, flag VARCHAR, updated_at_ms BIGINT NOT NULL)`,
      `CREATE TABLE fleet_recalls (lot VARCHAR PRIMARY KEY, since_ms BIGINT NOT NULL, reason VARCHAR NOT NULL)`,
      // One hold per pack; ended_at_ms is set when it is consumed (the pack went out) or replaced.
      `CREATE TABLE fleet_holds (
        pack_id VARCHAR PRIMARY KEY, kiosk_id VARCHAR NOT NULL, customer_id VARCHAR NOT NULL,
        until_ms BIGINT NOT NULL, created_at_ms BIGINT NOT NULL, ended_at_ms BIGINT)`,
      `CREATE TABLE api_tokens (
        token_hash VARCHAR PRIMARY KEY, role VARCHAR NOT NULL, subject VARCHAR NOT NULL, store_ids VARCHAR NOT NULL,
        created_at_ms BIGINT NOT NULL, revoked_at_ms BIGINT)`,
      `CREATE TABLE swap_ledger (
        kiosk_id VARCHAR NOT NULL, request_id VARCHAR NOT NULL, customer_id VARCHAR, at_ms BIGINT NOT NULL,
        allowed BOOLEAN NOT NULL, verdict VARCHAR NOT NULL, command_id VARCHAR, expires_at_ms BIGINT,
        outcome VARCHAR NOT NULL, outcome_at_ms BIGINT, PRIMARY KEY (kiosk_id, request_id))`,
      `CREATE INDEX swap_ledger_customer ON swap_ledger (customer_id, at_ms)`,
      `CREATE TABLE command_ledger (
        command_id VARCHAR PRIMARY KEY, kiosk_id VARCHAR NOT NULL, action VARCHAR NOT NULL, status VARCHAR NOT NULL,
        issued_at_ms BIGINT NOT NULL, expires_at_ms BIGINT NOT NULL, updated_at_ms BIGINT NOT NULL, detail VARCHAR NOT NULL)`,
      `CREATE SEQUENCE custody_change_id START 1`,
      `CREATE TABLE custody_changes (
        id BIGINT PRIMARY KEY DEFAULT nextval('custody_change_id'), pack_id VARCHAR NOT NULL, at_ms BIGINT NOT NULL,
        from_custody VARCHAR, to_custody VARCHAR NOT NULL, cause VARCHAR NOT NULL, request_id VARCHAR, command_id VARCHAR)`,
      `CREATE INDEX custody_changes_pack ON custody_changes (pack_id)`,
      `CREATE SEQUENCE anomaly_id START 1`,
      `CREATE TABLE anomalies (
        id BIGINT PRIMARY KEY DEFAULT nextval('anomaly_id'), at_ms BIGINT NOT NULL, kiosk_id VARCHAR, kind VARCHAR NOT NULL,
        command_id VARCHAR, pack_id VARCHAR, detail VARCHAR NOT NULL)`,
      `CREATE TABLE applied_events (
        kiosk_id VARCHAR NOT NULL, boot_id BIGINT NOT NULL, seq BIGINT NOT NULL, at_ms BIGINT NOT NULL,
        PRIMARY KEY (kiosk_id, boot_id, seq))`,
    ],
  },
];

type Row = Record<string, JS>;
const str = (v: JS | undefined): string => String(v);
const strOrNull = (v: JS | undefined): string | null => (v === null || v === undefined ? null : String(v));
const numOrNull = (v: JS | undefined): number | null => (v === null || v === undefined ? null : Number(v));

/** The three custody columns of a pack row. */
export function custodyColumns(c: Custody): [kind: string, ref: string | null, slot: number | null] {
  switch (c.kind) {
    case 'slot':
      return [c.kind, c.kioskId, c.slot];
    case 'customer':
      return [c.kind, c.customerId, null];
    case 'warehouse':
      return [c.kind, c.warehouseId ?? null, null];
    case 'in_transit':
      return [c.kind, c.to ?? null, null];
    case 'withdrawn':
      return [c.kind, c.reason, null];
    case 'lost':
      return [c.kind, null, null];
  }
}

export function custodyFromColumns(kind: string, ref: string | null, slot: number | null): Custody {
  switch (kind) {
    case 'slot':
      return { kind, kioskId: ref ?? '', slot: slot ?? 0 };
    case 'customer':
      return { kind, customerId: ref ?? '' };
    case 'warehouse':
      return ref === null ? { kind } : { kind, warehouseId: ref };
    case 'in_transit':
      return ref === null ? { kind } : { kind, to: ref };
    case 'withdrawn':
      return { kind, reason: (ref ?? 'retired') as WithdrawReason };
    default:
      return { kind: 'lost' };
  }
}

/** Custody as stored in the custody ledger: canonical JSON, optional fields left out when absent. */
export function custodyJson(c: Custody): string {
  return JSON.stringify(custodyFromColumns(...custodyColumns(c)));
}

export function toPack(r: Row): PackRow {
  return {
    id: str(r['id']),
    lot: str(r['lot']),
    hwRev: str(r['hw_rev']),
    custody: custodyFromColumns(str(r['custody_kind']), strOrNull(r['custody_ref']), numOrNull(r['custody_slot'])),
    flag: strOrNull(r['flag']) as PackRow['flag'],
  };
}

export function toCustomer(r: Row): CustomerRecord {
  return {
    id: str(r['id']),
    tokenHash: str(r['token_hash']),
    status: str(r['status']) as CustomerStatus,
    plan: strOrNull(r['plan']),
    planActive: r['plan_active'] === true,
    fairUseLimitPer24h: numOrNull(r['fair_use_limit_per_24h']),
    timeZone: str(r['time_zone']),
    nudgePrefs: JSON.parse(str(r['nudge_prefs'])) as NudgePrefs,
  };
}

export function toSwap(r: Row): SwapRecord {
  return {
    kioskId: str(r['kiosk_id']),
    requestId: str(r['request_id']),
    customerId: strOrNull(r['customer_id']),
    atMs: Number(r['at_ms']),
    verdict: JSON.parse(str(r['verdict'])) as SwapRecord['verdict'],
    commandId: strOrNull(r['command_id']),
    expiresAtMs: numOrNull(r['expires_at_ms']),
    outcome: str(r['outcome']) as SwapRecord['outcome'],
    outcomeAtMs: numOrNull(r['outcome_at_ms']),
  };
}

export function toCommand(r: Row): CommandRecord {
  return {
    commandId: str(r['command_id']),
    kioskId: str(r['kiosk_id']),
    action: JSON.parse(str(r['action'])) as CommandRecord['action'],
    status: str(r['status']) as CommandRecord['status'],
    issuedAtMs: Number(r['issued_at_ms']),
    expiresAtMs: Number(r['expires_at_ms']),
    updatedAtMs: Number(r['updated_at_ms']),
    detail: str(r['detail']),
  };
}

export function toToken(r: Row): TokenRecord {
  return {
    tokenHash: str(r['token_hash']),
    role: str(r['role']) as TokenRecord['role'],
    subject: str(r['subject']),
    storeIds: JSON.parse(str(r['store_ids'])) as string[],
    createdAtMs: Number(r['created_at_ms']),
    revokedAtMs: numOrNull(r['revoked_at_ms']),
  };
}

export function toCustodyChange(r: Row): CustodyChangeRecord {
  return {
    id: Number(r['id']),
    packId: str(r['pack_id']),
    atMs: Number(r['at_ms']),
    from: r['from_custody'] === null ? null : (JSON.parse(str(r['from_custody'])) as Custody),
    to: JSON.parse(str(r['to_custody'])) as Custody,
    cause: str(r['cause']),
    requestId: strOrNull(r['request_id']),
    commandId: strOrNull(r['command_id']),
  };
}

export function toAnomaly(r: Row): AnomalyRecord {
  return {
    id: Number(r['id']),
    atMs: Number(r['at_ms']),
    kioskId: strOrNull(r['kiosk_id']),
    kind: str(r['kind']),
    commandId: strOrNull(r['command_id']),
    packId: strOrNull(r['pack_id']),
    detail: str(r['detail']),
  };
}

/**
 * Rebuilds the working set: everything current (stores, kiosks, customers, packs, recalls, unended
 * holds, tokens, open commands), and the ledgers' windows before `nowMs`: swaps, closed commands
 * and applied-event keys of the last LEDGER_WINDOW_MS, allowed-swap times of the last SWAP_TIMES_WINDOW_MS.
 */
export async function loadFleetMemory(c: DuckConn, nowMs: number): Promise<FleetMemory> {
  const mem = new FleetMemory(nowMs);
  const ledgerCut = BigInt(Math.trunc(nowMs - LEDGER_WINDOW_MS));
  for (const r of await c.all('SELECT * FROM fleet_stores')) {
    mem.putStore({ id: str(r['id']), name: str(r['name']), lat: Number(r['lat']), lon: Number(r['lon']), timeZone: str(r['time_zone']) });
  }
  for (const r of await c.all('SELECT * FROM fleet_kiosks')) mem.putKiosk({ id: str(r['id']), storeId: str(r['store_id']), slotCount: Number(r['slot_count']) });
  for (const r of await c.all('SELECT * FROM fleet_customers')) mem.putCustomer(toCustomer(r));
  for (const r of await c.all('SELECT * FROM fleet_packs')) mem.putPack(toPack(r));
  for (const r of await c.all('SELECT * FROM fleet_recalls')) mem.putRecall({ lot: str(r['lot']), sinceMs: Number(r['since_ms']), reason: str(r['reason']) });
  for (const r of await c.all('SELECT * FROM fleet_holds WHERE ended_at_ms IS NULL AND until_ms >= $1', [ledgerCut])) {
    mem.putHold({ packId: str(r['pack_id']), kioskId: str(r['kiosk_id']), customerId: str(r['customer_id']), untilMs: Number(r['until_ms']) });
  }
  for (const r of await c.all('SELECT * FROM api_tokens')) mem.putToken(toToken(r));
  for (const r of await c.all(`SELECT * FROM command_ledger WHERE status IN ('issued', 'acknowledged') OR updated_at_ms >= $1`, [ledgerCut])) {
    mem.putCommand(toCommand(r));
  }
  // Older swaps load uncounted: fair use never looks back further than SWAP_TIMES_WINDOW_MS.
  const timesCut = nowMs - SWAP_TIMES_WINDOW_MS;
  for (const r of await c.all('SELECT * FROM swap_ledger WHERE at_ms >= $1 ORDER BY at_ms', [ledgerCut])) {
    const s = toSwap(r);
    mem.putSwap(s, s.atMs >= timesCut);
  }
  for (const r of await c.all('SELECT kiosk_id, boot_id, seq, at_ms FROM applied_events WHERE at_ms >= $1', [ledgerCut])) {
    mem.markApplied(eventKey(str(r['kiosk_id']), Number(r['boot_id']), Number(r['seq'])), Number(r['at_ms']));
  }
  return mem;
}
