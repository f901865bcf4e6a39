// The DuckDB fleet registry on a temp file: imports are all-or-nothing and idempotent, every pack has
// exactly one custody and no slot holds two packs after any operation, the ledgers round-trip, kiosk
// events apply once, and a reopened file rebuilds the same working set.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SwapVerdict } from '../../domain/eligibility.ts';
import { isCfError } from '../../domain/errors.ts';
import type { Custody } from '../../domain/fleet-model.ts';
import { openDuckDb } from '../../store/duckdb/database.ts';
import type { DuckDb } from '../../store/duckdb/database.ts';
import { DuckFleetRegistry } from '../../store/duckdb/fleet-registry.ts';
import { DuckTelemetryStore } from '../../store/duckdb/telemetry.ts';
import type { CommandRecord, SwapRecord } from '../../store/fleet-registry.ts';
import { HOUR, T0, pack as packReading } from '../contract/telemetry-fixtures.ts';

const EXAMPLE: unknown = JSON.parse(readFileSync(new URL('../fixtures/fleet-example.json', import.meta.url), 'utf8'));
const DAY = 24 * HOUR;
const K1 = 'kiosk-soho-1';
const C1 = 'cust-0001';
const C1_TOKEN = 'card-7Q2M-91XK-PLUS';

const dirs: string[] = [];
const dbs: DuckDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cf-fleet-'));
  dirs.push(dir);
  return join(dir, 'chargefleet.duckdb');
}

/** Opens the file and the registry on it; `nowMs` sets the memory windows at open. */
async function openAt(path: string, nowMs = T0): Promise<{ db: DuckDb; reg: DuckFleetRegistry }> {
  const db = await openDuckDb(path);
  dbs.push(db);
  const reg = new DuckFleetRegistry(db, { nowMs: () => nowMs });
  await reg.open();
  return { db, reg };
}

async function reopen(db: DuckDb, reg: DuckFleetRegistry, nowMs = T0): Promise<{ db: DuckDb; reg: DuckFleetRegistry }> {
  await reg.close();
  await db.close();
  return openAt(db.path, nowMs);
}

async function rejection(p: Promise<unknown>): Promise<{ code?: string; message: string; details?: unknown }> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (err === null) throw new Error('expected a rejection');
  return isCfError(err) ? { code: err.code, message: err.message, details: err.details } : { message: String(err) };
}

async function count(db: DuckDb, table: string): Promise<number> {
  const c = await db.connect();
  try {
    return Number((await c.all(`SELECT count(*) AS n FROM ${table}`))[0]?.['n']);
  } finally {
    await c.close();
  }
}

/**
 * The invariant: every pack row has exactly one well-formed custody, no two packs share a kiosk
 * slot, every slot exists, memory agrees with DuckDB, and each pack's newest custody change ends
 * where the pack is.
 */
async function expectCustodyInvariant(db: DuckDb, reg: DuckFleetRegistry): Promise<void> {
  const c = await db.connect();
  try {
    const packs = await c.all(`SELECT p.id, p.custody_kind, p.custody_ref, p.custody_slot, k.slot_count,
        (SELECT to_custody FROM custody_changes h WHERE h.pack_id = p.id ORDER BY id DESC LIMIT 1) AS last_to
      FROM fleet_packs p LEFT JOIN fleet_kiosks k ON p.custody_kind = 'slot' AND k.id = p.custody_ref`);
    const slots = new Map<string, string>();
    for (const r of packs) {
      const id = String(r['id']);
      const kind = String(r['custody_kind']);
      expect(['slot', 'customer', 'warehouse', 'in_transit', 'withdrawn', 'lost'], `pack ${id}`).toContain(kind);
      if (kind === 'slot') {
        const key = `${String(r['custody_ref'])}#${String(r['custody_slot'])}`;
        expect(slots.has(key), `${id} shares ${key} with ${slots.get(key)}`).toBe(false);
        slots.set(key, id);
        expect(r['slot_count'], `kiosk of ${id} exists`).not.toBeNull();
        expect(Number(r['custody_slot'])).toBeLessThan(Number(r['slot_count']));
      } else expect(r['custody_slot'], `pack ${id} off-slot has no slot`).toBeNull();
      if (kind === 'customer') expect(reg.customer(String(r['custody_ref'])), `customer of ${id}`).toBeDefined();
      const mem = reg.pack(id);
      expect(mem, `pack ${id} in memory`).toBeDefined();
      expect(JSON.parse(String(r['last_to'])), `ledger of ${id} ends at its custody`).toEqual(mem!.custody);
    }
    const memSlots = new Map<string, string>();
    for (const k of reg.kiosks()) for (const p of reg.packsAtKiosk(k.id)) memSlots.set(`${k.id}#${(p.custody as { slot: number }).slot}`, p.id);
    expect(memSlots).toEqual(slots);
  } finally {
    await c.close();
  }
}

function verdict(kioskId: string, requestId: string, customerId: string | null, atMs: number, release: { slot: number; packId: string } | null): SwapVerdict {
  return {
    requestId,
    kioskId,
    customerId,
    decidedAtMs: atMs,
    allowed: release !== null,
    reasons: release ? [] : ['NO_READY_PACK'],
    message: release ? 'Take your pack from the open slot.' : 'No charged pack here right now.',
    release: release ? { ...release, heldForCustomer: false } : null,
    lockReturnedSlot: false,
    flagReturnedPack: null,
  };
}

/** An allowed swap with its release command, or a denial when `release` is null. */
function decision(requestId: string, atMs: number, release: { slot: number; packId: string } | null, customerId = C1, kioskId = K1): { swap: SwapRecord; commands: CommandRecord[] } {
  const commandId = `cmd-${requestId}`;
  const commands: CommandRecord[] = release
    ? [{ commandId, kioskId, action: { kind: 'release', ...release, requestId }, status: 'issued', issuedAtMs: atMs, expiresAtMs: atMs + 30_000, updatedAtMs: atMs, detail: '' }]
    : [];
  const swap: SwapRecord = {
    kioskId,
    requestId,
    customerId,
    atMs,
    verdict: verdict(kioskId, requestId, customerId, atMs, release),
    commandId: release ? commandId : null,
    expiresAtMs: release ? atMs + 30_000 : null,
    outcome: release ? 'pending' : 'denied',
    outcomeAtMs: release ? null : atMs,
  };
  return { swap, commands };
}

const slot = (kioskId: string, s: number): Custody => ({ kind: 'slot', kioskId, slot: s });

describe('DuckDB fleet registry: import', () => {
  it('imports the example file and answers every read from memory', async () => {
    const { db, reg } = await openAt(tempPath());
    expect(await reg.importFleet(EXAMPLE, T0)).toEqual({ stores: 2, kiosks: 3, customers: 3, packs: 8, recalls: 1, unchanged: { stores: 0, kiosks: 0, customers: 0, packs: 0, recalls: 0 } });
    expect(reg.stores().map((s) => s.id)).toEqual(['store-leeds', 'store-soho']);
    expect(reg.kiosks('store-soho').map((k) => k.id)).toEqual(['kiosk-soho-1', 'kiosk-soho-2']);
    expect(reg.customerByToken(C1_TOKEN)).toMatchObject({ id: C1, status: 'active', plan: 'unlimited', planActive: true, fairUseLimitPer24h: null });
    expect(reg.customerByToken(C1_TOKEN)!.tokenHash).toBe(reg.hashCustomerToken(C1_TOKEN));
    expect(reg.customerByToken(C1_TOKEN)!.tokenHash).not.toContain(C1_TOKEN);
    expect(reg.customerByToken('card-unknown')).toBeUndefined();
    expect(reg.customer('cust-0003')).toMatchObject({ status: 'suspended', planActive: false, timeZone: 'UTC', nudgePrefs: { consent: false } });
    expect(reg.packsAtKiosk(K1).map((p) => p.id)).toEqual(['pack-000001', 'pack-000002']);
    expect(reg.packsWithCustomer(C1).map((p) => p.id)).toEqual(['pack-000005']);
    expect(reg.pack('pack-000008')?.custody).toEqual({ kind: 'warehouse' }); // no custody given: the warehouse
    expect([...reg.recalledLots()]).toEqual(['LOT-2025-09R']);
    expect(reg.recalls()[0]).toEqual({ lot: 'LOT-2025-09R', sinceMs: T0, reason: 'Cells from this lot can overheat while charging' });
    expect(await reg.custodyHistory('pack-000001', 10)).toEqual([
      { id: expect.any(Number), packId: 'pack-000001', atMs: T0, from: null, to: slot(K1, 0), cause: 'import', requestId: null, commandId: null },
    ]);
    await expectCustodyInvariant(db, reg);
  });

  it('refuses a file with five mistakes, lists all five, and changes nothing', async () => {
    const { db, reg } = await openAt(tempPath());
    await reg.importFleet(EXAMPLE, T0);
    const before = await Promise.all(['fleet_stores', 'fleet_kiosks', 'fleet_customers', 'fleet_packs', 'custody_changes'].map((t) => count(db, t)));
    const bad = {
      stores: [{ id: 'store-new', name: 'New', lat: 95, lon: 0, timeZone: 'Europe/London' }],
      kiosks: [{ id: 'kiosk-new', storeId: 'store-gone', slotCount: 4 }],
      customers: [{ id: 'cust-0009', token: C1_TOKEN }],
      packs: [{ id: 'pack-000001', lot: 'L', hwRev: 'B2', custody: { kind: 'slot', kioskId: K1, slot: 8 } }, { id: 'pack-000100', lot: 'L', hwRev: 'B2', custody: { kind: 'slot', kioskId: K1, slot: 1 } }],
    };
    const err = await rejection(reg.importFleet(bad, T0 + 1000));
    expect(err.code).toBe('CF_ERR_REGISTRY_IMPORT_INVALID');
    expect(err.message).toBe('The import file is invalid: 5 errors');
    expect((err.details as { errors: string[] }).errors).toEqual([
      'stores[0].lat: must be a number in [-90, 90], got 95',
      'kiosks[0].storeId: store "store-gone" is neither in the file nor in the registry',
      'customers[0].token: already belongs to customer "cust-0001" in the registry',
      'packs[0].custody.slot: kiosk "kiosk-soho-1" has 8 slots (0-7), got 8',
      'packs[1].custody: slot 1 of kiosk "kiosk-soho-1" holds pack "pack-000002" in the registry, and the file does not move it',
    ]);
    const after = await Promise.all(['fleet_stores', 'fleet_kiosks', 'fleet_customers', 'fleet_packs', 'custody_changes'].map((t) => count(db, t)));
    expect(after).toEqual(before);
    expect(reg.store('store-new')).toBeUndefined();
    expect(reg.pack('pack-000100')).toBeUndefined();
  });

  it('re-importing the same file changes nothing, says so, and logs no custody change', async () => {
    const { db, reg } = await openAt(tempPath());
    await reg.importFleet(EXAMPLE, T0);
    const changes = await count(db, 'custody_changes');
    expect(await reg.importFleet(EXAMPLE, T0 + HOUR)).toEqual({ ...{ stores: 0, kiosks: 0, customers: 0, packs: 0, recalls: 0 }, unchanged: { stores: 2, kiosks: 3, customers: 3, packs: 8, recalls: 1 } });
    expect(await count(db, 'custody_changes')).toBe(changes);
    expect(reg.recalls()[0]?.sinceMs).toBe(T0);
    await expectCustodyInvariant(db, reg);
  });

  it('upserts: changed fields update, omitted ones stay, moves are logged, tokens can pass between customers', async () => {
    const { db, reg } = await openAt(tempPath());
    await reg.importFleet(EXAMPLE, T0);
    const oldC2Token = 'card-4HHF-02ZD-BASIC';
    const result = await reg.importFleet(
      {
        stores: [{ id: 'store-soho', name: 'Soho, Oxford Circus', lat: 51.5154, lon: -0.141, timeZone: 'Europe/London' }],
        kiosks: [{ id: 'kiosk-soho-2', storeId: 'store-leeds', slotCount: 10 }],
        customers: [{ id: C1, token: oldC2Token, fairUseLimitPer24h: 4 }, { id: 'cust-0002', token: 'card-NEW-TOKEN' }],
        packs: [
          { id: 'pack-000001', lot: 'LOT-2025-11A', hwRev: 'B2', custody: slot(K1, 1) },
          { id: 'pack-000002', lot: 'LOT-2025-11A', hwRev: 'B2', custody: slot(K1, 0) },
          { id: 'pack-000003', lot: 'LOT-2025-12D', hwRev: 'B3' },
        ],
        recalls: [{ lot: 'LOT-2025-09R', reason: 'Overheating confirmed' }, { lot: 'LOT-2025-12D', reason: 'Swelling' }],
      },
      T0 + HOUR,
    );
    // Every line of this file changes something: a rename, a move, a new token, a new recall.
    expect(result).toEqual({ stores: 1, kiosks: 1, customers: 2, packs: 3, recalls: 2, unchanged: { stores: 0, kiosks: 0, customers: 0, packs: 0, recalls: 0 } });
    expect(reg.kiosks('store-leeds').map((k) => k.id)).toEqual(['kiosk-leeds-1', 'kiosk-soho-2']);
    expect(reg.customer(C1)).toMatchObject({ plan: 'unlimited', fairUseLimitPer24h: 4, nudgePrefs: { consent: true, channel: 'mqtt' } });
    expect(reg.customerByToken(oldC2Token)?.id).toBe(C1);
    expect(reg.customerByToken(C1_TOKEN)).toBeUndefined();
    expect(reg.customerByToken('card-NEW-TOKEN')?.id).toBe('cust-0002');
    expect(reg.packsAtKiosk(K1).map((p) => p.id)).toEqual(['pack-000002', 'pack-000001']);
    expect(reg.pack('pack-000003')).toMatchObject({ lot: 'LOT-2025-12D', custody: slot('kiosk-soho-2', 0) });
    expect((await reg.custodyHistory('pack-000001', 10)).map((h) => [h.from, h.to, h.cause])).toEqual([
      [slot(K1, 0), slot(K1, 1), 'import'],
      [null, slot(K1, 0), 'import'],
    ]);
    expect(reg.recalls()).toEqual([
      { lot: 'LOT-2025-09R', sinceMs: T0, reason: 'Overheating confirmed' },
      { lot: 'LOT-2025-12D', sinceMs: T0 + HOUR, reason: 'Swelling' },
    ]);
    await expectCustodyInvariant(db, reg);
    // Only the renamed store again: it is written, nothing else is touched.
    const rename = await reg.importFleet({ stores: [{ id: 'store-soho', name: 'Soho', lat: 51.5154, lon: -0.141, timeZone: 'Europe/London' }, { id: 'store-leeds', name: 'Leeds, Briggate', lat: 53.7981, lon: -1.5422, timeZone: 'Europe/London' }] }, T0 + 2 * HOUR);
    expect(rename).toEqual({ stores: 1, kiosks: 0, customers: 0, packs: 0, recalls: 0, unchanged: { stores: 1, kiosks: 0, customers: 0, packs: 0, recalls: 0 } });
    expect(reg.store('store-soho')?.name).toBe('Soho');
  });
  it('imports a fleet of 200 kiosks and 3,000 packs in one go, and a second run changes nothing', async () => {
    const { db, reg } = await openAt(tempPath());
    const doc = {
      stores: Array.from({ length: 50 }, (_, i) => ({ id: `st-${i}`, name: `Store ${i}`, lat: 51 + i / 100, lon: -0.1, timeZone: 'Europe/London' })),
      kiosks: Array.from({ length: 200 }, (_, i) => ({ id: `ki-${i}`, storeId: `st-${i % 50}`, slotCount: 12 })),
      customers: Array.from({ length: 1000 }, (_, i) => ({ id: `cu-${i}`, token: `card-${i}`, plan: 'basic' })),
      packs: Array.from({ length: 3000 }, (_, i) => ({
        id: `pk-${i}`,
        lot: `LOT-${i % 7}`,
        hwRev: 'B3',
        ...(i < 2000 ? { custody: slot(`ki-${i % 200}`, Math.floor(i / 200)) } : i < 2800 ? { custody: { kind: 'customer', customerId: `cu-${i % 1000}` } } : {}),
      })),
    };
    expect(await reg.importFleet(doc, T0)).toEqual({ stores: 50, kiosks: 200, customers: 1000, packs: 3000, recalls: 0, unchanged: { stores: 0, kiosks: 0, customers: 0, packs: 0, recalls: 0 } });
    expect(await count(db, 'custody_changes')).toBe(3000);
    expect(reg.packsAtKiosk('ki-7').map((p) => p.id)).toEqual(Array.from({ length: 10 }, (_, s) => `pk-${s * 200 + 7}`));
    expect(reg.customerByToken('card-999')?.planActive).toBe(true);
    await reg.importFleet(doc, T0 + HOUR);
    expect(await count(db, 'custody_changes')).toBe(3000);
    await expectCustodyInvariant(db, reg);
  });
});

describe('DuckDB fleet registry: ledgers', () => {
  it('records a decision with its commands and flag, refuses it twice, and lists it', async () => {
    const { db, reg } = await openAt(tempPath());
    await reg.importFleet(EXAMPLE, T0);
    const { swap, commands } = decision('req-1', T0 + 1000, { slot: 0, packId: 'pack-000001' });
    const lock: CommandRecord = { commandId: 'cmd-lock-1', kioskId: K1, action: { kind: 'lock', slot: 3, reason: 'unsafe' }, status: 'issued', issuedAtMs: T0 + 1000, expiresAtMs: T0 + 31_000, updatedAtMs: T0 + 1000, detail: '' };
    await reg.recordDecision(swap, [...commands, lock], { packId: 'pack-000006', flag: 'recalled' });
    expect(reg.swap(K1, 'req-1')).toEqual(swap);
    expect(reg.command('cmd-req-1')).toEqual(commands[0]);
    expect(reg.openCommands(K1).map((c) => c.commandId)).toEqual(['cmd-lock-1', 'cmd-req-1']);
    expect(reg.pack('pack-000006')?.flag).toBe('recalled');
    expect(reg.pack('pack-000006')?.custody).toEqual({ kind: 'customer', customerId: 'cust-0002' }); // a flag is not a move

    const dup = await rejection(reg.recordDecision(decision('req-1', T0 + 2000, null).swap, []));
    expect(dup.code).toBe('CF_ERR_SWAP_REQUEST_INVALID');
    expect(reg.swap(K1, 'req-1')).toEqual(swap);

    const twice = decision('req-9', T0 + 4000, { slot: 2, packId: 'pack-000002' });
    expect((await rejection(reg.recordDecision(twice.swap, [twice.commands[0]!, { ...twice.commands[0]! }]))).code).toBe('CF_ERR_SWAP_REQUEST_INVALID');
    expect(reg.swap(K1, 'req-9')).toBeUndefined();

    await reg.recordDecision(decision('req-2', T0 + 5000, null).swap, []);
    await reg.recordDecision(decision('req-3', T0 + 6000, null, 'cust-0002', 'kiosk-soho-2').swap, []);
    const listed = await reg.listSwaps({ fromMs: T0, toMs: T0 + 10_000, limit: 10 });
    expect(listed.map((s) => s.requestId)).toEqual(['req-3', 'req-2', 'req-1']);
    expect(listed[2]).toEqual(swap);
    expect((await reg.listSwaps({ kioskId: K1, fromMs: T0, toMs: T0 + 10_000, limit: 10 })).map((s) => s.requestId)).toEqual(['req-2', 'req-1']);
    expect((await reg.listSwaps({ customerId: 'cust-0002', fromMs: T0, toMs: T0 + 10_000, limit: 10 })).map((s) => s.requestId)).toEqual(['req-3']);
    expect((await reg.listSwaps({ fromMs: T0 + 1000, toMs: T0 + 5000, limit: 10 })).map((s) => s.requestId)).toEqual(['req-1']);
    expect(await count(db, 'swap_ledger')).toBe(3);
  });

  it('applies a release once: command done, swap released, pack to the customer, hold consumed', async () => {
    const opened = await openAt(tempPath());
    const db = opened.db;
    let reg = opened.reg;
    await reg.importFleet(EXAMPLE, T0);
    await reg.addHold({ packId: 'pack-000001', kioskId: K1, customerId: C1, untilMs: T0 + HOUR }, T0);
    const { swap, commands } = decision('req-1', T0 + 1000, { slot: 0, packId: 'pack-000001' });
    await reg.recordDecision(swap, commands);
    const key = { kioskId: K1, bootId: 42, seq: 7 };
    const effects = {
      command: { commandId: 'cmd-req-1', status: 'done' as const, detail: '' },
      swap: { kioskId: K1, requestId: 'req-1', outcome: 'released' as const },
      custody: [{ packId: 'pack-000001', to: { kind: 'customer', customerId: C1 } as Custody, cause: 'release', requestId: 'req-1', commandId: 'cmd-req-1' }],
      consumeHold: { packId: 'pack-000001' },
    };
    expect(reg.eventApplied(key)).toBe(false);
    await reg.applyEvent(key, T0 + 3000, effects);
    expect(reg.eventApplied(key)).toBe(true);
    expect(reg.command('cmd-req-1')).toMatchObject({ status: 'done', updatedAtMs: T0 + 3000 });
    expect(reg.openCommands(K1)).toEqual([]);
    expect(reg.swap(K1, 'req-1')).toMatchObject({ outcome: 'released', outcomeAtMs: T0 + 3000 });
    expect(reg.packsWithCustomer(C1).map((p) => p.id)).toEqual(['pack-000001', 'pack-000005']);
    expect(reg.holds(T0 + 4000)).toEqual([]);
    const history = await reg.custodyHistory('pack-000001', 10);
    expect(history[0]).toMatchObject({ from: slot(K1, 0), to: { kind: 'customer', customerId: C1 }, cause: 'release', requestId: 'req-1', commandId: 'cmd-req-1' });

    // The kiosk resends the event (QoS 1 redelivery, reconnect): nothing happens twice.
    const changes = await count(db, 'custody_changes');
    await reg.applyEvent(key, T0 + 9000, effects);
    await reg.applyEvent(key, T0 + 9000, { anomaly: { kioskId: K1, kind: 'release_already_done', commandId: 'cmd-req-1', packId: null, detail: 'x' } });
    expect(await count(db, 'custody_changes')).toBe(changes);
    expect(await reg.listAnomalies(10)).toEqual([]);
    expect(reg.command('cmd-req-1')?.updatedAtMs).toBe(T0 + 3000);
    await expectCustodyInvariant(db, reg);

    // Still once after a reopen, and still once when the key has left the memory window.
    ({ reg } = await reopen(db, reg, T0 + 8 * DAY));
    expect(reg.eventApplied(key)).toBe(false);
    await reg.applyEvent(key, T0 + 8 * DAY, { ...effects, custody: [{ ...effects.custody[0]!, to: slot(K1, 4) }] });
    expect(reg.pack('pack-000001')?.custody).toEqual({ kind: 'customer', customerId: C1 });
    expect(reg.eventApplied(key)).toBe(true);
  });

  it('expires open commands and their pending swaps, once', async () => {
    const { reg } = await openAt(tempPath());
    await reg.importFleet(EXAMPLE, T0);
    const { swap, commands } = decision('req-1', T0, { slot: 0, packId: 'pack-000001' });
    await reg.recordDecision(swap, commands);
    await reg.expireCommands(['cmd-req-1', 'cmd-unknown'], T0 + 31_000);
    expect(reg.command('cmd-req-1')).toMatchObject({ status: 'expired', updatedAtMs: T0 + 31_000 });
    expect(reg.swap(K1, 'req-1')).toMatchObject({ outcome: 'expired', outcomeAtMs: T0 + 31_000 });
    expect(reg.openCommands()).toEqual([]);
    await reg.expireCommands(['cmd-req-1'], T0 + 60_000);
    expect(reg.command('cmd-req-1')?.updatedAtMs).toBe(T0 + 31_000);
    // A late 'acknowledged' does not reopen it.
    await reg.applyEvent({ kioskId: K1, bootId: 1, seq: 1 }, T0 + 70_000, { command: { commandId: 'cmd-req-1', status: 'acknowledged', detail: '' } });
    expect(reg.command('cmd-req-1')?.status).toBe('expired');
    expect(reg.pack('pack-000001')?.custody).toEqual(slot(K1, 0)); // expiry moves nothing
  });

  it('writes a decision all or nothing: a clash found only by the table key leaves neither swap nor command', async () => {
    let { db, reg } = await openAt(tempPath());
    await reg.importFleet(EXAMPLE, T0);
    const old = decision('req-old', T0, { slot: 0, packId: 'pack-000001' });
    await reg.recordDecision(old.swap, old.commands);
    await reg.expireCommands(['cmd-req-old'], T0 + 31_000);
    // Eight days on, the closed command has left memory; only DuckDB still knows its id.
    ({ db, reg } = await reopen(db, reg, T0 + 8 * DAY));
    expect(reg.command('cmd-req-old')).toBeUndefined();
    const clash = decision('req-new', T0 + 8 * DAY, { slot: 1, packId: 'pack-000002' });
    const err = await rejection(reg.recordDecision(clash.swap, [{ ...clash.commands[0]!, commandId: 'cmd-req-old' }]));
    expect(err.code).toBe('CF_ERR_SWAP_REQUEST_INVALID');
    expect(reg.swap(K1, 'req-new')).toBeUndefined();
    expect(await count(db, 'swap_ledger')).toBe(1);
    // The same request with a fresh command id then goes through.
    await reg.recordDecision(clash.swap, clash.commands);
    expect(reg.swap(K1, 'req-new')).toEqual(clash.swap);
  });

  it('keeps one pack per slot: a stale occupant is displaced to lost with an anomaly; impossible moves change nothing', async () => {
    const { db, reg } = await openAt(tempPath());
    await reg.importFleet(EXAMPLE, T0);
    // Two packs trade slots in one batch: fine.
    await reg.moveCustody([{ packId: 'pack-000001', to: slot(K1, 1), cause: 'status' }, { packId: 'pack-000002', to: slot(K1, 0), cause: 'status' }], T0 + 1000);
    expect(reg.packsAtKiosk(K1).map((p) => p.id)).toEqual(['pack-000002', 'pack-000001']);
    // The cabinet says pack 8 went into slot 0, where the registry has pack 2.
    await reg.applyEvent({ kioskId: K1, bootId: 3, seq: 1 }, T0 + 2000, { custody: [{ packId: 'pack-000008', to: slot(K1, 0), cause: 'insert', requestId: null, commandId: null }] });
    expect(reg.pack('pack-000008')?.custody).toEqual(slot(K1, 0));
    expect(reg.pack('pack-000002')?.custody).toEqual({ kind: 'lost' });
    expect(await reg.listAnomalies(10, K1)).toEqual([expect.objectContaining({ kind: 'slot_conflict', packId: 'pack-000002', kioskId: K1, atMs: T0 + 2000 })]);
    await expectCustodyInvariant(db, reg);

    const changes = await count(db, 'custody_changes');
    const both = await rejection(reg.moveCustody([{ packId: 'pack-000003', to: slot(K1, 5), cause: 'admin' }, { packId: 'pack-000004', to: slot(K1, 5), cause: 'admin' }], T0 + 3000));
    expect(both.code).toBe('CF_ERR_CUSTODY_INVALID');
    expect((await rejection(reg.moveCustody([{ packId: 'pack-000003', to: slot(K1, 8), cause: 'admin' }], T0 + 3000))).code).toBe('CF_ERR_CUSTODY_INVALID');
    expect((await rejection(reg.moveCustody([{ packId: 'pack-000003', to: slot('kiosk-mars', 0), cause: 'admin' }], T0 + 3000))).code).toBe('CF_ERR_CUSTODY_INVALID');
    expect((await rejection(reg.moveCustody([{ packId: 'pack-000003', to: { kind: 'customer', customerId: 'cust-none' }, cause: 'admin' }], T0 + 3000))).code).toBe('CF_ERR_CUSTOMER_NOT_FOUND');
    expect((await rejection(reg.moveCustody([{ packId: 'pack-nope', to: { kind: 'lost' }, cause: 'admin' }], T0 + 3000))).code).toBe('CF_ERR_PACK_NOT_FOUND');
    expect(await count(db, 'custody_changes')).toBe(changes);
    expect(reg.pack('pack-000003')?.custody).toEqual(slot('kiosk-soho-2', 0));

    // A move to where the pack already is logs nothing.
    await reg.moveCustody([{ packId: 'pack-000003', to: slot('kiosk-soho-2', 0), cause: 'status' }], T0 + 4000);
    expect(await count(db, 'custody_changes')).toBe(changes);
    await reg.moveCustody([{ packId: 'pack-000003', to: { kind: 'withdrawn', reason: 'worn' }, cause: 'admin' }], T0 + 5000, { kioskId: null, kind: 'manual', commandId: null, packId: 'pack-000003', detail: 'pulled by ops' });
    expect((await reg.listAnomalies(1))[0]).toMatchObject({ kind: 'manual', detail: 'pulled by ops' });
    await expectCustodyInvariant(db, reg);
  });

  it('holds lapse at untilMs and only a pack in a slot can be held', async () => {
    const { reg } = await openAt(tempPath());
    await reg.importFleet(EXAMPLE, T0);
    const hold = { packId: 'pack-000001', kioskId: K1, customerId: C1, untilMs: T0 + 30 * 60_000 };
    await reg.addHold(hold, T0);
    expect(reg.holds(T0)).toEqual([hold]);
    expect(reg.holds(hold.untilMs - 1, { kioskId: K1 })).toEqual([hold]);
    expect(reg.holds(hold.untilMs)).toEqual([]); // untilMs is exclusive
    expect(reg.holds(T0, { customerId: 'cust-0002' })).toEqual([]);
    expect(reg.holds(T0, { packId: 'pack-000001' })).toEqual([hold]);
    expect(reg.holds(T0, { kioskId: 'kiosk-soho-2' })).toEqual([]);

    const invalid = async (h: typeof hold, at = T0) => (await rejection(reg.addHold(h, at))).code;
    expect(await invalid({ ...hold, packId: 'pack-nope' })).toBe('CF_ERR_HOLD_INVALID');
    expect(await invalid({ ...hold, packId: 'pack-000005' })).toBe('CF_ERR_HOLD_INVALID'); // with a customer
    expect(await invalid({ ...hold, kioskId: 'kiosk-soho-2' })).toBe('CF_ERR_HOLD_INVALID'); // wrong kiosk
    expect(await invalid({ ...hold, customerId: 'cust-0002' })).toBe('CF_ERR_HOLD_INVALID'); // held for c1
    expect(await invalid({ ...hold, untilMs: T0 })).toBe('CF_ERR_HOLD_INVALID');
    // Once c1's hold lapsed, another customer may hold the pack.
    await reg.addHold({ ...hold, customerId: 'cust-0002', untilMs: hold.untilMs + HOUR }, hold.untilMs);
    expect(reg.holds(hold.untilMs).map((h) => h.customerId)).toEqual(['cust-0002']);
  });

  it('counts allowed swaps in [sinceMs, untilMs), the same after a reopen', async () => {
    const { db, reg: first } = await openAt(tempPath());
    let reg = first;
    await reg.importFleet(EXAMPLE, T0);
    const at = [T0, T0 + HOUR, T0 + DAY - 1, T0 + DAY];
    for (const [i, t] of at.entries()) await reg.recordDecision(decision(`ok-${i}`, t, { slot: 0, packId: 'pack-000001' }).swap, []);
    await reg.recordDecision(decision('denied', T0 + 2 * HOUR, null).swap, []);
    await reg.recordDecision(decision('other', T0 + 2 * HOUR, { slot: 1, packId: 'pack-000002' }, 'cust-0002').swap, []);
    const expectCounts = () => {
      expect(reg.countSwaps(C1, T0, T0 + DAY)).toBe(3); // T0 in, T0+DAY out
      expect(reg.countSwaps(C1, T0 + 1, T0 + DAY + 1)).toBe(3);
      expect(reg.countSwaps(C1, T0, T0 + DAY + 1)).toBe(4);
      expect(reg.countSwaps(C1, T0 + DAY - 1, T0 + DAY - 1)).toBe(0);
      expect(reg.countSwaps('cust-0002', T0, T0 + DAY)).toBe(1);
      expect(reg.countSwaps('cust-0003', T0, T0 + DAY)).toBe(0);
    };
    expectCounts();
    ({ reg } = await reopen(db, reg, T0 + DAY + 1000));
    expectCounts();
  });
});

describe('DuckDB fleet registry: reopen', () => {
  it('rebuilds everything from the file: fleet, custody, flags, holds, ledgers, tokens and the token pepper', async () => {
    const { db, reg: first } = await openAt(tempPath());
    await first.importFleet(EXAMPLE, T0);
    const { swap, commands } = decision('req-1', T0 + 1000, { slot: 1, packId: 'pack-000002' });
    await first.recordDecision(swap, commands, { packId: 'pack-000006', flag: 'unsafe' });
    await first.addHold({ packId: 'pack-000001', kioskId: K1, customerId: C1, untilMs: T0 + HOUR }, T0);
    await first.applyEvent({ kioskId: K1, bootId: 9, seq: 1 }, T0 + 2000, { custody: [{ packId: 'pack-000008', to: slot(K1, 2), cause: 'insert', requestId: null, commandId: null }] });
    await first.addRecall('LOT-2025-12C', 'Swelling reports', T0 + 3000);
    await first.addToken({ tokenHash: 'a'.repeat(64), role: 'manager', subject: 'mgr-1', storeIds: ['store-soho'], createdAtMs: T0, revokedAtMs: null });
    await first.addToken({ tokenHash: 'b'.repeat(64), role: 'kiosk', subject: K1, storeIds: [], createdAtMs: T0, revokedAtMs: null });
    await first.addToken({ tokenHash: 'b'.repeat(64), role: 'kiosk', subject: K1, storeIds: [], createdAtMs: T0, revokedAtMs: T0 + 5000 });
    const snapshot = (r: DuckFleetRegistry) => ({
      stores: r.stores(),
      kiosks: r.kiosks(),
      customers: ['cust-0001', 'cust-0002', 'cust-0003'].map((id) => r.customer(id)),
      byToken: r.customerByToken(C1_TOKEN)?.id,
      packs: Array.from({ length: 8 }, (_, i) => r.pack(`pack-00000${i + 1}`)),
      atKiosk: r.packsAtKiosk(K1),
      withC1: r.packsWithCustomer(C1),
      recalls: r.recalls(),
      lots: [...r.recalledLots()].sort(),
      holds: r.holds(T0 + 1000),
      swap: r.swap(K1, 'req-1'),
      open: r.openCommands(),
      applied: r.eventApplied({ kioskId: K1, bootId: 9, seq: 1 }),
      tokens: [r.token('a'.repeat(64)), r.token('b'.repeat(64))],
      count: r.countSwaps(C1, T0, T0 + DAY),
    });
    const before = snapshot(first);
    expect(before.packs[5]?.flag).toBe('unsafe');
    expect(before.tokens[1]?.revokedAtMs).toBe(T0 + 5000);
    const { db: db2, reg } = await reopen(db, first, T0 + 10_000);
    expect(snapshot(reg)).toEqual(before);
    await expectCustodyInvariant(db2, reg);
  });
});

describe('DuckDB fleet registry: swap path latency', () => {
  const quantiles = (ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(2);
    return `median ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`;
  };
  /**
   * n swaps as the swap path runs them at kiosk-soho-1, whose 7 slots hold 7 packs while cust-0001
   * carries an 8th: the decision, then the kiosk's event (release to the customer, returned pack in).
   */
  async function swaps(reg: DuckFleetRegistry, prefix: string, bootId: number, n: number): Promise<{ decide: number[]; apply: number[] }> {
    const slots = reg.packsAtKiosk(K1).map((p) => p.id);
    let inHand = reg.packsWithCustomer(C1)[0]!.id;
    const decide: number[] = [];
    const apply: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = i % slots.length;
      const packId = slots[s]!;
      const at = T0 + i * 1000;
      const { swap, commands } = decision(`${prefix}-${i}`, at, { slot: s, packId });
      let t = performance.now();
      await reg.recordDecision(swap, commands);
      decide.push(performance.now() - t);
      t = performance.now();
      await reg.applyEvent({ kioskId: K1, bootId, seq: i }, at + 100, {
        command: { commandId: `cmd-${prefix}-${i}`, status: 'done', detail: '' },
        swap: { kioskId: K1, requestId: `${prefix}-${i}`, outcome: 'released' },
        custody: [
          { packId, to: { kind: 'customer', customerId: C1 }, cause: 'release', requestId: `${prefix}-${i}`, commandId: `cmd-${prefix}-${i}` },
          { packId: inHand, to: slot(K1, s), cause: 'insert', requestId: `${prefix}-${i}`, commandId: null },
        ],
        consumeHold: { packId },
      });
      apply.push(performance.now() - t);
      slots[s] = inHand;
      inHand = packId;
    }
    return { decide, apply };
  }

  it('runs 300 swaps alone and 1,000 while ingest writes 20k readings/s on another connection (figures printed, not asserted)', { timeout: 600_000 }, async () => {
    const { db, reg } = await openAt(tempPath());
    await reg.importFleet(EXAMPLE, T0);
    const others = ['pack-000003', 'pack-000004', 'pack-000006', 'pack-000007', 'pack-000008'];
    await reg.moveCustody(others.map((packId, i) => ({ packId, to: slot(K1, i + 2), cause: 'admin' })), T0);
    const idle = await swaps(reg, 'idle', 1, 300);
    console.log(`no other load: recordDecision x300 ${quantiles(idle.decide)}; applyEvent x300 ${quantiles(idle.apply)}`);

    const telemetry = new DuckTelemetryStore(db);
    await telemetry.open();
    let stop = false;
    let written = 0;
    const started = performance.now();
    // 1,000 readings every 50 ms: 20k/s when DuckDB keeps up. Bounded by `stop` and by 10 minutes.
    const ingest = (async () => {
      for (let tick = 0; !stop && tick < 12_000; tick++) {
        const wait = started + tick * 50 - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const batch = Array.from({ length: 1000 }, (_, i) => packReading(`pk-load-${i}`, tick + 1, T0 + tick * 50));
        await telemetry.writeBatch({ packs: batch, kiosks: [], events: [] });
        written += batch.length;
      }
    })();
    let loaded: { decide: number[]; apply: number[] };
    try {
      loaded = await swaps(reg, 'load', 2, 1000);
    } finally {
      stop = true;
      await ingest;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`under ingest: recordDecision x1000 ${quantiles(loaded.decide)}; applyEvent x1000 ${quantiles(loaded.apply)}; ingest achieved ${Math.round(written / seconds)} readings/s over ${seconds.toFixed(1)} s`);
    expect(await count(db, 'swap_ledger')).toBe(1300);
    expect(reg.openCommands()).toEqual([]);
    expect(reg.packsAtKiosk(K1)).toHaveLength(7);
    await expectCustodyInvariant(db, reg);
    await telemetry.close();
  });
});
