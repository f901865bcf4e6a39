// The embedded FleetRegistry: fleet tables in the shared DuckDB file, the working set in memory.
// Every write is one transaction on the registry's own connection, and memory changes only after
// its COMMIT returned, inside the same exclusive section, so reads never see an uncommitted state.
import { createHmac, randomBytes } from 'node:crypto';
import type { DuckDBConnection, DuckDBPreparedStatement, DuckDBValue } from '@duckdb/node-api';
import type { Logger } from 'pino';
import type { SwapVerdict } from '../../domain/eligibility.ts';
import { CfError } from '../../domain/errors.ts';
import { validateFleetImport } from '../../domain/fleet-import.ts';
import type { ExistingFleet, FleetImportDoc } from '../../domain/fleet-import.ts';
import type { Custody, Hold, Kiosk, NudgePrefs, Recall, Store } from '../../domain/fleet-model.ts';
import type {
  AnomalyRecord,
  CommandRecord,
  CustodyChangeRecord,
  CustomerRecord,
  EventKey,
  FleetImport,
  FleetRegistry,
  ImportResult,
  PackRow,
  SwapQuery,
  SwapRecord,
  TokenRecord,
} from '../fleet-registry.ts';
import { inTransaction } from './database.ts';
import type { DuckConn, DuckDb } from './database.ts';
import { planMoves } from './fleet-custody-plan.ts';
import type { Anomaly, Move } from './fleet-custody-plan.ts';
import { FleetMemory, eventKey, isOpenStatus, swapKey } from './fleet-memory.ts';
import { planImport, writeImportPlan } from './fleet-import-plan.ts';
import type { ImportPlan } from './fleet-import-plan.ts';
import { FLEET_COMPONENT, FLEET_MIGRATIONS, custodyColumns, custodyJson, loadFleetMemory, toAnomaly, toCustodyChange, toSwap } from './fleet-schema.ts';
import { migrate } from './migrations.ts';

// The domain mirrors the store's import type so that domain/ need not import store/; keep them equal.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const importTypesAgree: Same<FleetImport, FleetImportDoc> = true;
void importTypesAgree;

export interface DuckFleetRegistryOptions {
  log?: Logger;
  /** Clock that sets the memory windows at open (default Date.now); writes move them on from there. */
  nowMs?: () => number;
  /**
   * The customer-token pepper, kept outside this file (app/secrets-file.ts), given the one an older
   * database holds (or null); that copy is then deleted. Without it the pepper lives in the database.
   */
  pepper?: (legacy: Buffer | null) => Buffer;
}

type EventEffects = Parameters<FleetRegistry['applyEvent']>[2];

const PEPPER_KEY = 'customer_token_pepper';
const MAX_LIST = 10_000;
const TERMINAL_DETAIL_EXPIRED = 'not done before its expiry';

const SQL = {
  // No ON CONFLICT on the swap path: in DuckDB 1.5 it tripled the cost of a one-row insert. Memory
  // catches duplicates first; the primary key catches the rest as a constraint error.
  insertSwap: `INSERT INTO swap_ledger VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
  insertCommand: `INSERT INTO command_ledger VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
  setFlag: `UPDATE fleet_packs SET flag = $2, updated_at_ms = $3 WHERE id = $1`,
  insertAnomaly: `INSERT INTO anomalies (at_ms, kiosk_id, kind, command_id, pack_id, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
  markApplied: `INSERT INTO applied_events VALUES ($1, $2, $3, $4)`,
  setCommand: `UPDATE command_ledger SET status = $2, detail = $3, updated_at_ms = $4 WHERE command_id = $1`,
  setOutcome: `UPDATE swap_ledger SET outcome = $3, outcome_at_ms = $4 WHERE kiosk_id = $1 AND request_id = $2`,
  expireSwap: `UPDATE swap_ledger SET outcome = 'expired', outcome_at_ms = $3 WHERE kiosk_id = $1 AND request_id = $2 AND outcome = 'pending'`,
  endHold: `UPDATE fleet_holds SET ended_at_ms = $2 WHERE pack_id = $1 AND ended_at_ms IS NULL`,
} as const;

const big = (ms: number | null): bigint | null => (ms === null ? null : BigInt(Math.trunc(ms)));
/** DuckDB says "Duplicate key ... violates primary key constraint" or, for a key added in the same transaction, "PRIMARY KEY or UNIQUE constraint violation: duplicate key". */
const isDuplicateKey = (err: unknown): boolean => err instanceof Error && /duplicate key/i.test(err.message) && /constraint/i.test(err.message);

export class DuckFleetRegistry implements FleetRegistry {
  private writeConn: DuckConn | null = null;
  private readConn: DuckConn | null = null;
  private mem = new FleetMemory(0);
  private pepper: Buffer | null = null;
  private readonly prepared = new Map<string, DuckDBPreparedStatement>();
  private readonly nowMs: () => number;
  private opening: Promise<void> | null = null;

  /** The registry takes two connections of the shared database: one for writes, one for ledger reads. */
  constructor(
    private readonly db: DuckDb,
    private readonly opts: DuckFleetRegistryOptions = {},
  ) {
    this.nowMs = opts.nowMs ?? Date.now;
  }

  open(): Promise<void> {
    this.opening ??= this.doOpen().catch(async (err: unknown) => {
      await this.close().catch(() => undefined);
      throw err;
    });
    return this.opening;
  }

  private async doOpen(): Promise<void> {
    const started = performance.now();
    this.writeConn = await this.db.connect();
    this.readConn = await this.db.connect();
    const applied = await migrate(this.writeConn, FLEET_COMPONENT, FLEET_MIGRATIONS);
    await this.loadPepper(this.writeConn);
    this.mem = await loadFleetMemory(this.conn(), this.nowMs());
    const m = this.mem;
    this.opts.log?.info(
      { applied, stores: m.stores.size, kiosks: m.kiosks.size, customers: m.customers.size, packs: m.packs.size, swaps: m.swaps.size, loadMs: Math.round(performance.now() - started) },
      'fleet registry open',
    );
  }

  private async loadPepper(c: DuckConn): Promise<void> {
    const read = async () => {
      const row = (await c.all(`SELECT value FROM fleet_settings WHERE key = $1`, [PEPPER_KEY]))[0];
      return row ? Buffer.from(String(row['value']), 'hex') : null;
    };
    if (!this.opts.pepper) {
      await c.run(`INSERT INTO fleet_settings VALUES ($1, $2) ON CONFLICT DO NOTHING`, [PEPPER_KEY, randomBytes(32).toString('hex')]);
      this.pepper = await read();
      return;
    }
    const legacy = await read();
    this.pepper = this.opts.pepper(legacy);
    // Written elsewhere (durably) first, then gone from here: a copy of this file no longer holds it.
    if (legacy) await c.run(`DELETE FROM fleet_settings WHERE key = $1`, [PEPPER_KEY]);
  }

  async close(): Promise<void> {
    const conns = [this.writeConn, this.readConn];
    this.writeConn = null;
    this.readConn = null;
    this.opening = null;
    await Promise.all(conns.map((c) => c?.close()));
    // The connection's close destroyed the prepared statements.
    this.prepared.clear();
  }

  hashCustomerToken(token: string): string {
    if (!this.pepper) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'fleet registry is not open');
    return createHmac('sha256', this.pepper).update(token, 'utf8').digest('hex');
  }

  // --- reads (memory) ---
  store(id: string): Store | undefined {
    return this.mem.stores.get(id);
  }
  stores(): Store[] {
    return [...this.mem.stores.values()].sort(byId);
  }
  kiosk(id: string): Kiosk | undefined {
    return this.mem.kiosks.get(id);
  }
  kiosks(storeId?: string): Kiosk[] {
    const all = storeId === undefined ? [...this.mem.kiosks.values()] : [...this.mem.kioskIdsOf(storeId)].map((id) => this.mem.kiosks.get(id)!);
    return all.sort(byId);
  }
  customer(id: string): CustomerRecord | undefined {
    return this.mem.customers.get(id);
  }
  customerByToken(token: string): CustomerRecord | undefined {
    const id = this.mem.customerByHash.get(this.hashCustomerToken(token));
    return id === undefined ? undefined : this.mem.customers.get(id);
  }
  pack(id: string): PackRow | undefined {
    return this.mem.packs.get(id);
  }
  packs(): Iterable<PackRow> {
    return this.mem.packs.values();
  }
  packsAtKiosk(kioskId: string): PackRow[] {
    return this.mem.packsAtKiosk(kioskId);
  }
  packsWithCustomer(customerId: string): PackRow[] {
    return this.mem.packsWithCustomer(customerId);
  }
  recalls(): Recall[] {
    return [...this.mem.recalls.values()].sort((a, b) => (a.lot < b.lot ? -1 : 1));
  }
  recalledLots(): ReadonlySet<string> {
    return this.mem.recalledLots;
  }
  holds(nowMs: number, filter: { kioskId?: string; customerId?: string; packId?: string } = {}): Hold[] {
    const candidates = filter.packId !== undefined ? [this.mem.holds.get(filter.packId)].filter((h) => h !== undefined) : filter.kioskId !== undefined ? this.mem.holdsAt(filter.kioskId) : [...this.mem.holds.values()];
    return candidates.filter(
      (h) => h.untilMs > nowMs && (filter.kioskId === undefined || h.kioskId === filter.kioskId) && (filter.customerId === undefined || h.customerId === filter.customerId),
    );
  }
  /** Swaps of the last 7 days (LEDGER_WINDOW_MS) are in memory; older ones only through listSwaps. */
  swap(kioskId: string, requestId: string): SwapRecord | undefined {
    return this.mem.swaps.get(swapKey(kioskId, requestId));
  }
  /** Exact for windows inside the last 48 h (SWAP_TIMES_WINDOW_MS) of the newest write. */
  countSwaps(customerId: string, sinceMs: number, untilMs: number): number {
    return this.mem.countSwaps(customerId, sinceMs, untilMs);
  }
  command(commandId: string): CommandRecord | undefined {
    return this.mem.commands.get(commandId);
  }
  openCommands(kioskId?: string): CommandRecord[] {
    return this.mem.openCommands(kioskId);
  }
  /** Keys of the last 7 days; applyEvent also refuses older duplicates through the table's key. */
  eventApplied(key: EventKey): boolean {
    return this.mem.isApplied(eventKey(key.kioskId, key.bootId, key.seq));
  }
  token(tokenHash: string): TokenRecord | undefined {
    return this.mem.tokens.get(tokenHash);
  }

  // --- reads (storage), on their own connection so they never queue in front of a swap ---
  async listSwaps(q: SwapQuery): Promise<SwapRecord[]> {
    const params: DuckDBValue[] = [big(q.fromMs), big(q.toMs)];
    let where = 'at_ms >= $1 AND at_ms < $2';
    if (q.kioskId !== undefined) where += ` AND kiosk_id = $${params.push(q.kioskId)}`;
    if (q.customerId !== undefined) where += ` AND customer_id = $${params.push(q.customerId)}`;
    if (q.kioskIds !== undefined) where += q.kioskIds.length === 0 ? ' AND FALSE' : ` AND kiosk_id IN (${q.kioskIds.map((k) => `$${params.push(k)}`).join(', ')})`;
    const rows = await this.reader().all(`SELECT * FROM swap_ledger WHERE ${where} ORDER BY at_ms DESC, kiosk_id, request_id LIMIT ${limitOf(q.limit)}`, params);
    return rows.map(toSwap);
  }

  /** Newest first. */
  async custodyHistory(packId: string, limit: number): Promise<CustodyChangeRecord[]> {
    const rows = await this.reader().all(`SELECT * FROM custody_changes WHERE pack_id = $1 ORDER BY id DESC LIMIT ${limitOf(limit)}`, [packId]);
    return rows.map(toCustodyChange);
  }

  /** Newest first. */
  async listAnomalies(limit: number, kioskId?: string | readonly string[]): Promise<AnomalyRecord[]> {
    const ids = kioskId === undefined ? null : typeof kioskId === 'string' ? [kioskId] : kioskId;
    if (ids !== null && ids.length === 0) return [];
    const rows = await this.reader().all(
      `SELECT * FROM anomalies ${ids === null ? '' : `WHERE kiosk_id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`} ORDER BY id DESC LIMIT ${limitOf(limit)}`,
      ids === null ? [] : [...ids],
    );
    return rows.map(toAnomaly);
  }

  // --- writes ---
  async importFleet(doc: unknown, atMs: number): Promise<ImportResult> {
    let result: ImportResult = { stores: 0, kiosks: 0, customers: 0, packs: 0, recalls: 0, unchanged: { stores: 0, kiosks: 0, customers: 0, packs: 0, recalls: 0 } };
    await this.mutate<ImportPlan>(
      () => {
        const checked = validateFleetImport(doc, this.existingFleet());
        if (!checked.ok) {
          const n = checked.errors.length;
          throw new CfError('CF_ERR_REGISTRY_IMPORT_INVALID', `The import file is invalid: ${n} error${n === 1 ? '' : 's'}`, { errors: checked.errors });
        }
        const plan = planImport(checked.value, this.mem, (t) => this.hashCustomerToken(t), atMs);
        result = plan.counts;
        return plan;
      },
      (c, plan) => writeImportPlan(c, plan),
      (plan) => {
        for (const s of plan.stores) this.mem.putStore(s);
        for (const k of plan.kiosks) this.mem.putKiosk(k);
        for (const cu of plan.customers) this.mem.putCustomer(cu);
        for (const p of plan.packs) this.mem.putPack(p);
        for (const r of plan.recalls) this.mem.putRecall(r);
      },
    );
    this.opts.log?.info({ ...result }, 'fleet import applied');
    return result;
  }

  async recordDecision(swap: SwapRecord, commands: CommandRecord[], flagPack?: { packId: string; flag: 'recalled' | 'unsafe' }): Promise<void> {
    const duplicate = () => new CfError('CF_ERR_SWAP_REQUEST_INVALID', `swap ${swap.requestId} at kiosk ${swap.kioskId} (or one of its commands) is already recorded`);
    await this.mutate(
      () => {
        if (this.mem.swaps.has(swapKey(swap.kioskId, swap.requestId))) throw duplicate();
        const ids = new Set<string>();
        for (const cmd of commands) {
          if (this.mem.commands.has(cmd.commandId) || ids.has(cmd.commandId)) throw new CfError('CF_ERR_SWAP_REQUEST_INVALID', `command ${cmd.commandId} is already recorded`);
          ids.add(cmd.commandId);
        }
        // A pack the registry does not know has no row to flag; 'unsafe' is never downgraded to 'recalled'.
        const pack = flagPack ? this.mem.packs.get(flagPack.packId) : undefined;
        const flagged = pack && flagPack && pack.flag !== 'unsafe' && pack.flag !== flagPack.flag ? { ...pack, flag: flagPack.flag } : null;
        return { flagged };
      },
      async (c, { flagged }) => {
        const v: SwapVerdict = swap.verdict;
        try {
          await this.exec(c, SQL.insertSwap, [
            swap.kioskId, swap.requestId, swap.customerId, big(swap.atMs), v.allowed, JSON.stringify(v),
            swap.commandId, big(swap.expiresAtMs), swap.outcome, big(swap.outcomeAtMs),
          ]);
          for (const cmd of commands) {
            await this.exec(c, SQL.insertCommand, [
              cmd.commandId, cmd.kioskId, JSON.stringify(cmd.action), cmd.status, big(cmd.issuedAtMs), big(cmd.expiresAtMs), big(cmd.updatedAtMs), cmd.detail,
            ]);
          }
        } catch (err) {
          // Older than the memory window, or a command id used twice: the table's key refuses it.
          throw isDuplicateKey(err) ? duplicate() : err;
        }
        if (flagged) await this.exec(c, SQL.setFlag, [flagged.id, flagged.flag, big(swap.atMs)]);
      },
      ({ flagged }) => {
        this.mem.putSwap(swap);
        for (const cmd of commands) this.mem.putCommand(cmd);
        if (flagged) this.mem.putPack(flagged);
        this.mem.advance(swap.atMs);
      },
    );
  }

  async applyEvent(key: EventKey, atMs: number, effects: EventEffects): Promise<void> {
    const k = eventKey(key.kioskId, key.bootId, key.seq);
    const applied = this.mutate(
      () => {
        if (this.mem.isApplied(k)) return null;
        let command: CommandRecord | null = null;
        const ce = effects.command;
        const known = ce ? this.mem.commands.get(ce.commandId) : undefined;
        // A late report never reopens a finished command (an 'acknowledged' overtaken by 'done').
        if (ce && !(known && !isOpenStatus(known.status) && isOpenStatus(ce.status))) {
          command = known ? { ...known, status: ce.status, detail: ce.detail, updatedAtMs: atMs } : null;
        }
        const se = effects.swap;
        const oldSwap = se ? this.mem.swaps.get(swapKey(se.kioskId, se.requestId)) : undefined;
        const swap = se && oldSwap ? { ...oldSwap, outcome: se.outcome, outcomeAtMs: atMs } : null;
        const moves = planMoves(this.mem, effects.custody ?? [], key.kioskId);
        const hold = effects.consumeHold ? this.mem.holds.get(effects.consumeHold.packId) : undefined;
        return { command, swap, moves, hold };
      },
      async (c, plan) => {
        await this.exec(c, SQL.markApplied, [key.kioskId, BigInt(key.bootId), BigInt(key.seq), big(atMs)]);
        // Open commands and recent swaps are all in memory; effects on others are dropped.
        const cmd = plan.command;
        if (cmd) await this.exec(c, SQL.setCommand, [cmd.commandId, cmd.status, cmd.detail, big(atMs)]);
        const sw = plan.swap;
        if (sw) await this.exec(c, SQL.setOutcome, [sw.kioskId, sw.requestId, sw.outcome, big(atMs)]);
        await this.persistMoves(c, plan.moves.moves, atMs);
        for (const a of plan.moves.anomalies) await this.persistAnomaly(c, a, atMs);
        if (plan.hold) await this.exec(c, SQL.endHold, [plan.hold.packId, big(atMs)]);
        if (effects.anomaly) await this.persistAnomaly(c, effects.anomaly, atMs);
      },
      (plan) => {
        this.mem.markApplied(k, atMs);
        if (plan.command) this.mem.putCommand(plan.command);
        if (plan.swap) this.mem.putSwap(plan.swap, false);
        this.commitMoves(plan.moves.moves);
        if (plan.hold) this.mem.deleteHold(plan.hold.packId);
        this.mem.advance(atMs);
      },
    );
    try {
      await applied;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Applied before the memory window began (applied_events is the only keyed insert here):
      // the transaction rolled back, so nothing was applied twice. Remember it and move on.
      this.mem.markApplied(k, atMs);
    }
  }

  async expireCommands(commandIds: string[], atMs: number): Promise<void> {
    await this.mutate(
      () => {
        const cmds = commandIds.map((id) => this.mem.commands.get(id)).filter((c) => c !== undefined && isOpenStatus(c.status)) as CommandRecord[];
        if (cmds.length === 0) return null;
        const expired = cmds.map((c) => ({ ...c, status: 'expired' as const, detail: TERMINAL_DETAIL_EXPIRED, updatedAtMs: atMs }));
        const swaps: SwapRecord[] = [];
        for (const c of cmds) {
          if (c.action.kind !== 'release') continue;
          const s = this.mem.swaps.get(swapKey(c.kioskId, c.action.requestId));
          if (s?.outcome === 'pending') swaps.push({ ...s, outcome: 'expired', outcomeAtMs: atMs });
        }
        return { expired, swaps };
      },
      async (c, { expired }) => {
        for (const cmd of expired) {
          await this.exec(c, SQL.setCommand, [cmd.commandId, 'expired', cmd.detail, big(atMs)]);
          if (cmd.action.kind === 'release') await this.exec(c, SQL.expireSwap, [cmd.kioskId, cmd.action.requestId, big(atMs)]);
        }
      },
      ({ expired, swaps }) => {
        for (const cmd of expired) this.mem.putCommand(cmd);
        for (const s of swaps) this.mem.putSwap(s, false);
        this.mem.advance(atMs);
      },
    );
  }

  async moveCustody(moves: { packId: string; to: Custody; cause: string }[], atMs: number, anomaly?: Anomaly): Promise<void> {
    await this.mutate(
      () => {
        const plan = planMoves(this.mem, moves.map((m) => ({ ...m, requestId: null, commandId: null })), null);
        return plan.moves.length === 0 && !anomaly ? null : plan;
      },
      async (c, plan) => {
        await this.persistMoves(c, plan.moves, atMs);
        for (const a of plan.anomalies) await this.persistAnomaly(c, a, atMs);
        if (anomaly) await this.persistAnomaly(c, anomaly, atMs);
      },
      (plan) => {
        this.commitMoves(plan.moves);
        this.mem.advance(atMs);
      },
    );
  }

  async addHold(hold: Hold, atMs: number): Promise<void> {
    const invalid = (why: string) => new CfError('CF_ERR_HOLD_INVALID', `The hold cannot be placed: ${why}`, { packId: hold.packId });
    await this.mutate(
      () => {
        const pack = this.mem.packs.get(hold.packId);
        if (!pack) throw invalid(`pack ${hold.packId} is unknown`);
        if (pack.custody.kind !== 'slot') throw invalid(`pack ${hold.packId} is not in a kiosk slot`);
        if (pack.custody.kioskId !== hold.kioskId) throw invalid(`pack ${hold.packId} is at kiosk ${pack.custody.kioskId}, not ${hold.kioskId}`);
        if (!this.mem.customers.has(hold.customerId)) throw invalid(`customer ${hold.customerId} is unknown`);
        if (!(hold.untilMs > atMs)) throw invalid('it would lapse before it starts');
        const other = this.mem.holds.get(hold.packId);
        if (other && other.customerId !== hold.customerId && other.untilMs > atMs) throw invalid(`pack ${hold.packId} is held for another customer`);
        return { hold: { packId: hold.packId, kioskId: hold.kioskId, customerId: hold.customerId, untilMs: hold.untilMs } };
      },
      async (c, { hold: h }) => {
        await this.exec(c, `INSERT INTO fleet_holds VALUES ($1, $2, $3, $4, $5, NULL) ON CONFLICT (pack_id) DO UPDATE SET
          kiosk_id = excluded.kiosk_id, customer_id = excluded.customer_id, until_ms = excluded.until_ms,
          created_at_ms = excluded.created_at_ms, ended_at_ms = NULL`, [h.packId, h.kioskId, h.customerId, big(h.untilMs), big(atMs)]);
      },
      ({ hold: h }) => {
        this.mem.putHold(h);
        this.mem.advance(atMs);
      },
    );
  }

  /** Adds the lot, or updates its reason (keeping the time it was first recalled). */
  async addRecall(lot: string, reason: string, atMs: number): Promise<void> {
    if (typeof lot !== 'string' || lot.trim() === '') throw new CfError('CF_ERR_HTTP_BAD_REQUEST', 'a recall names a non-empty lot');
    await this.mutate(
      () => ({ recall: { lot, reason, sinceMs: this.mem.recalls.get(lot)?.sinceMs ?? atMs } }),
      async (c, { recall: r }) => {
        await this.exec(c, `INSERT INTO fleet_recalls VALUES ($1, $2, $3) ON CONFLICT (lot) DO UPDATE SET reason = excluded.reason`, [r.lot, big(r.sinceMs), r.reason]);
      },
      ({ recall }) => this.mem.putRecall(recall),
    );
  }

  /** Adds or replaces (revocation: the same hash with revokedAtMs set). */
  async addToken(t: TokenRecord): Promise<void> {
    await this.mutate(
      () => ({ t }),
      async (c) => {
        await this.exec(c, `INSERT INTO api_tokens VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (token_hash) DO UPDATE SET
          role = excluded.role, subject = excluded.subject, store_ids = excluded.store_ids, revoked_at_ms = excluded.revoked_at_ms`,
        [t.tokenHash, t.role, t.subject, JSON.stringify(t.storeIds), big(t.createdAtMs), big(t.revokedAtMs)]);
      },
      () => this.mem.putToken(t),
    );
  }

  async setNudgePrefs(customerId: string, prefs: NudgePrefs, atMs: number): Promise<CustomerRecord> {
    let updated: CustomerRecord | undefined;
    await this.mutate(
      () => {
        const c = this.mem.customers.get(customerId);
        if (!c) throw new CfError('CF_ERR_CUSTOMER_NOT_FOUND', `No customer ${customerId}`);
        return { c: { ...c, nudgePrefs: { ...prefs } } };
      },
      async (conn, { c }) => {
        await this.exec(conn, `UPDATE fleet_customers SET nudge_prefs = $2, updated_at_ms = $3 WHERE id = $1`, [c.id, JSON.stringify(c.nudgePrefs), big(atMs)]);
      },
      ({ c }) => {
        this.mem.putCustomer(c);
        updated = c;
      },
    );
    return updated!;
  }

  // --- internals ---

  /**
   * The one write path: plan against memory (throws to refuse; null for nothing to do), persist in
   * one transaction, then commit to memory; all while holding the connection, so no other write
   * plans against a state that is about to change.
   */
  private mutate<P>(plan: () => P | null, persist: (c: DuckDBConnection, p: P) => Promise<void>, commit: (p: P) => void): Promise<void> {
    return this.conn().exclusive(async (c) => {
      const p = plan();
      if (p === null) return;
      await inTransaction(c, (tx) => persist(tx, p));
      commit(p);
    });
  }

  /** Two statements for any number of moves: a swap event moves two packs, and each statement costs a round trip. */
  private async persistMoves(c: DuckDBConnection, moves: readonly Move[], atMs: number): Promise<void> {
    if (moves.length === 0) return;
    const at = big(atMs);
    const last = new Map<string, Move>();
    for (const m of moves) last.set(m.packId, m); // a pack moved twice in one batch ends where the last move puts it
    const rows = [...last.values()];
    const slots = rows.map((_, i) => `($${4 * i + 1}::VARCHAR, $${4 * i + 2}::VARCHAR, $${4 * i + 3}::VARCHAR, $${4 * i + 4}::INTEGER)`).join(', ');
    await this.exec(
      c,
      `UPDATE fleet_packs SET custody_kind = v.kind, custody_ref = v.ref, custody_slot = v.slot, updated_at_ms = $${4 * rows.length + 1}
        FROM (VALUES ${slots}) AS v(id, kind, ref, slot) WHERE fleet_packs.id = v.id`,
      [...rows.flatMap((m) => [m.packId, ...custodyColumns(m.to)]), at],
    );
    const ledger = moves.map((_, i) => `(${[1, 2, 3, 4, 5, 6, 7].map((j) => `$${7 * i + j}`).join(', ')})`).join(', ');
    await this.exec(
      c,
      `INSERT INTO custody_changes (pack_id, at_ms, from_custody, to_custody, cause, request_id, command_id) VALUES ${ledger}`,
      moves.flatMap((m) => [m.packId, at, custodyJson(m.from), custodyJson(m.to), m.cause, m.requestId, m.commandId]),
    );
  }

  private commitMoves(moves: readonly Move[]): void {
    for (const m of moves) {
      const pack = this.mem.packs.get(m.packId)!;
      this.mem.putPack({ ...pack, custody: m.to });
    }
  }

  private async persistAnomaly(c: DuckDBConnection, a: Anomaly, atMs: number): Promise<void> {
    await this.exec(c, SQL.insertAnomaly, [big(atMs), a.kioskId, a.kind, a.commandId, a.packId, a.detail]);
  }

  /** Runs a statement through a prepared statement kept for the connection's life. */
  private async exec(c: DuckDBConnection, sql: string, params: DuckDBValue[]): Promise<number> {
    let st = this.prepared.get(sql);
    if (st === undefined) {
      st = await c.prepare(sql);
      this.prepared.set(sql, st);
    }
    st.bind(params);
    return (await st.run()).rowsChanged;
  }

  private existingFleet(): ExistingFleet {
    const m = this.mem;
    return {
      hasStore: (id) => m.stores.has(id),
      kiosk: (id) => m.kiosks.get(id),
      hasCustomer: (id) => m.customers.has(id),
      customerIdByToken: (token) => m.customerByHash.get(this.hashCustomerToken(token)),
      packsInKiosk: (kioskId) => m.packsAtKiosk(kioskId).map((p) => ({ packId: p.id, slot: p.custody.kind === 'slot' ? p.custody.slot : -1 })),
    };
  }

  private conn(): DuckConn {
    if (!this.writeConn) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'fleet registry is not open');
    return this.writeConn;
  }

  private reader(): DuckConn {
    if (!this.readConn) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'fleet registry is not open');
    return this.readConn;
  }
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A list's LIMIT: 1..10,000, 100 when not a number (the nudge ledger lists by the same rule). */
export function limitOf(limit: number): number {
  return Number.isFinite(limit) ? Math.min(MAX_LIST, Math.max(1, Math.trunc(limit))) : 100;
}
