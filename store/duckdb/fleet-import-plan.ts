// Turns a validated import file into the rows to write (only what differs from the registry, so a
// second run of the same file writes nothing and logs no custody change), and writes them in bulk.
import type { DuckDBAppender, DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { FleetImportDoc } from '../../domain/fleet-import.ts';
import { sameCustody } from '../../domain/fleet-model.ts';
import type { Custody, Kiosk, Recall, Store } from '../../domain/fleet-model.ts';
import type { CustomerRecord, ImportResult, PackRow } from '../fleet-registry.ts';
import type { FleetMemory } from './fleet-memory.ts';
import { custodyColumns, custodyJson } from './fleet-schema.ts';

type ColType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BIGINT' | 'BOOLEAN';
type Col = [name: string, type: ColType];
type Step = { sql: string; params: DuckDBValue[] } | { table: string; cols: readonly Col[]; rows: DuckDBValue[][]; how: 'insert' | 'update' | 'upsert' };

export interface ImportPlan {
  counts: ImportResult;
  /** Run in order inside the import's transaction. */
  steps: Step[];
  // Records for memory once committed:
  stores: Store[];
  kiosks: Kiosk[];
  customers: CustomerRecord[];
  packs: PackRow[];
  recalls: Recall[];
}

const WAREHOUSE: Custody = { kind: 'warehouse' };
const STORE_COLS: Col[] = [['id', 'VARCHAR'], ['name', 'VARCHAR'], ['lat', 'DOUBLE'], ['lon', 'DOUBLE'], ['time_zone', 'VARCHAR'], ['updated_at_ms', 'BIGINT']];
const KIOSK_COLS: Col[] = [['id', 'VARCHAR'], ['store_id', 'VARCHAR'], ['slot_count', 'INTEGER'], ['updated_at_ms', 'BIGINT']];
const CUSTOMER_COLS: Col[] = [
  ['id', 'VARCHAR'], ['token_hash', 'VARCHAR'], ['status', 'VARCHAR'], ['plan', 'VARCHAR'], ['plan_active', 'BOOLEAN'],
  ['fair_use_limit_per_24h', 'INTEGER'], ['time_zone', 'VARCHAR'], ['nudge_prefs', 'VARCHAR'], ['updated_at_ms', 'BIGINT'],
];
const PACK_COLS: Col[] = [
  ['id', 'VARCHAR'], ['lot', 'VARCHAR'], ['hw_rev', 'VARCHAR'], ['custody_kind', 'VARCHAR'], ['custody_ref', 'VARCHAR'],
  ['custody_slot', 'INTEGER'], ['flag', 'VARCHAR'], ['updated_at_ms', 'BIGINT'],
];
const CHANGE_COLS: Col[] = [['pack_id', 'VARCHAR'], ['at_ms', 'BIGINT'], ['from_custody', 'VARCHAR'], ['to_custody', 'VARCHAR'], ['cause', 'VARCHAR']];
const RECALL_COLS: Col[] = [['lot', 'VARCHAR'], ['since_ms', 'BIGINT'], ['reason', 'VARCHAR']];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function planImport(doc: FleetImportDoc, mem: FleetMemory, hashToken: (token: string) => string, atMs: number): ImportPlan {
  const at = BigInt(Math.trunc(atMs));
  const unchanged = { stores: 0, kiosks: 0, customers: 0, packs: 0, recalls: 0 };
  const plan: ImportPlan = {
    // Filled in at the end: what is written, and what the file repeats as the registry holds it.
    counts: { stores: 0, kiosks: 0, customers: 0, packs: 0, recalls: 0, unchanged },
    steps: [],
    stores: [],
    kiosks: [],
    customers: [],
    packs: [],
    recalls: [],
  };
  const st = plan.steps;
  const rows = (table: string, cols: readonly Col[], data: DuckDBValue[][], how: 'insert' | 'update' | 'upsert' = 'insert') => {
    if (data.length > 0) st.push({ table, cols, rows: data, how });
  };

  const newStores: DuckDBValue[][] = [];
  const changedStores: DuckDBValue[][] = [];
  for (const s of doc.stores ?? []) {
    const rec: Store = { id: s.id, name: s.name, lat: s.lat, lon: s.lon, timeZone: s.timeZone };
    const old = mem.stores.get(s.id);
    if (old && same(old, rec)) {
      unchanged.stores++;
      continue;
    }
    (old ? changedStores : newStores).push([rec.id, rec.name, rec.lat, rec.lon, rec.timeZone, at]);
    plan.stores.push(rec);
  }
  rows('fleet_stores', STORE_COLS, newStores);
  rows('fleet_stores', STORE_COLS, changedStores, 'update');

  const newKiosks: DuckDBValue[][] = [];
  const changedKiosks: DuckDBValue[][] = [];
  for (const k of doc.kiosks ?? []) {
    const rec: Kiosk = { id: k.id, storeId: k.storeId, slotCount: k.slotCount };
    const old = mem.kiosks.get(k.id);
    if (old && same(old, rec)) {
      unchanged.kiosks++;
      continue;
    }
    (old ? changedKiosks : newKiosks).push([rec.id, rec.storeId, rec.slotCount, at]);
    plan.kiosks.push(rec);
  }
  rows('fleet_kiosks', KIOSK_COLS, newKiosks);
  rows('fleet_kiosks', KIOSK_COLS, changedKiosks, 'update');

  const newCustomers: DuckDBValue[][] = [];
  const changedCustomers: DuckDBValue[][] = [];
  const rekeyed: string[] = [];
  for (const c of doc.customers ?? []) {
    const old = mem.customers.get(c.id);
    const planName = c.plan !== undefined ? c.plan : (old?.plan ?? null);
    const rec: CustomerRecord = {
      id: c.id,
      tokenHash: hashToken(c.token),
      status: c.status ?? old?.status ?? 'active',
      plan: planName,
      // A new customer named with a plan has it active unless the file says otherwise.
      planActive: c.planActive ?? old?.planActive ?? planName !== null,
      fairUseLimitPer24h: c.fairUseLimitPer24h !== undefined ? c.fairUseLimitPer24h : (old?.fairUseLimitPer24h ?? null),
      timeZone: c.timeZone ?? old?.timeZone ?? 'UTC',
      nudgePrefs: c.nudgePrefs ?? old?.nudgePrefs ?? { consent: false },
    };
    if (old && same(old, rec)) {
      unchanged.customers++;
      continue;
    }
    if (old && old.tokenHash !== rec.tokenHash) rekeyed.push(rec.id);
    const row = [rec.id, rec.tokenHash, rec.status, rec.plan, rec.planActive, rec.fairUseLimitPer24h, rec.timeZone, JSON.stringify(rec.nudgePrefs), at];
    (old ? changedCustomers : newCustomers).push(row);
    plan.customers.push(rec);
  }
  // A token can pass from one customer to another within one file: park every changing hash on a
  // unique placeholder first, so the UNIQUE index never sees two rows with one hash.
  for (let i = 0; i < rekeyed.length; i += 500) {
    const part = rekeyed.slice(i, i + 500);
    st.push({ sql: `UPDATE fleet_customers SET token_hash = 'moving:' || id WHERE id IN (${part.map((_, j) => `$${j + 1}`).join(', ')})`, params: part });
  }
  rows('fleet_customers', CUSTOMER_COLS, changedCustomers, 'update');
  rows('fleet_customers', CUSTOMER_COLS, newCustomers);

  const newPacks: DuckDBValue[][] = [];
  const changedPacks: DuckDBValue[][] = [];
  const changes: DuckDBValue[][] = [];
  for (const p of doc.packs ?? []) {
    const old = mem.packs.get(p.id);
    const custody = p.custody ?? old?.custody ?? WAREHOUSE;
    const rec: PackRow = { id: p.id, lot: p.lot, hwRev: p.hwRev, custody, flag: old?.flag ?? null };
    const moved = !old || !sameCustody(old.custody, custody);
    if (old && !moved && old.lot === rec.lot && old.hwRev === rec.hwRev) {
      unchanged.packs++;
      continue;
    }
    (old ? changedPacks : newPacks).push([p.id, p.lot, p.hwRev, ...custodyColumns(custody), rec.flag, at]);
    if (moved) changes.push([p.id, at, old ? custodyJson(old.custody) : null, custodyJson(custody), 'import']);
    plan.packs.push(rec);
  }
  rows('fleet_packs', PACK_COLS, newPacks);
  rows('fleet_packs', PACK_COLS, changedPacks, 'update');
  rows('custody_changes', CHANGE_COLS, changes);

  const recalls: DuckDBValue[][] = [];
  for (const r of doc.recalls ?? []) {
    const old = mem.recalls.get(r.lot);
    if (old && old.reason === r.reason) {
      unchanged.recalls++;
      continue;
    }
    const rec: Recall = { lot: r.lot, reason: r.reason, sinceMs: old?.sinceMs ?? atMs };
    recalls.push([rec.lot, BigInt(rec.sinceMs), rec.reason]);
    plan.recalls.push(rec);
  }
  rows('fleet_recalls', RECALL_COLS, recalls, 'upsert');
  Object.assign(plan.counts, { stores: plan.stores.length, kiosks: plan.kiosks.length, customers: plan.customers.length, packs: plan.packs.length, recalls: plan.recalls.length });
  return plan;
}

function append(a: DuckDBAppender, type: ColType, v: DuckDBValue): void {
  if (v === null) return a.appendNull();
  switch (type) {
    case 'VARCHAR':
      return a.appendVarchar(String(v));
    case 'DOUBLE':
      return a.appendDouble(Number(v));
    case 'INTEGER':
      return a.appendInteger(Number(v));
    case 'BIGINT':
      return a.appendBigInt(BigInt(v as bigint | number));
    case 'BOOLEAN':
      return a.appendBoolean(v === true);
  }
}

/**
 * Writes the plan on a connection already inside a transaction. Rows go through an appender into a
 * temp staging table and then one INSERT or UPDATE ... FROM. A fleet of 1,000 stores, 3,000 kiosks,
 * 20k customers and 30k packs took 114 s as one-row statements, 26 s as 500-row parameter lists,
 * and 2 s this way (DuckDB 1.5, 2 busy cores).
 */
export async function writeImportPlan(c: DuckDBConnection, plan: ImportPlan): Promise<void> {
  for (const step of plan.steps) {
    if ('sql' in step) {
      await c.run(step.sql, step.params);
      continue;
    }
    const stage = `stage_${step.table}`;
    const names = step.cols.map(([n]) => n);
    await c.run(`CREATE OR REPLACE TEMP TABLE ${stage} (${step.cols.map(([n, t]) => `${n} ${t}`).join(', ')})`);
    const appender = await c.createAppender(stage, 'main', 'temp');
    try {
      for (const row of step.rows) {
        step.cols.forEach(([, type], j) => append(appender, type, row[j] ?? null));
        appender.endRow();
      }
      appender.flushSync();
    } catch (err) {
      appender.clear(); // closing flushes: never let half a batch through
      throw err;
    } finally {
      appender.closeSync();
    }
    const from = `temp.main.${stage}`;
    const [key] = step.cols[0]!;
    if (step.how === 'update') {
      await c.run(`UPDATE ${step.table} SET ${names.slice(1).map((n) => `${n} = v.${n}`).join(', ')} FROM ${from} AS v WHERE ${step.table}.${key} = v.${key}`);
    } else {
      const upsert = step.how === 'upsert' ? ` ON CONFLICT (${key}) DO UPDATE SET ${names.slice(1).map((n) => `${n} = excluded.${n}`).join(', ')}` : '';
      await c.run(`INSERT INTO ${step.table} (${names.join(', ')}) SELECT ${names.join(', ')} FROM ${from}${upsert}`);
    }
    await c.run(`DROP TABLE ${from}`);
  }
}
