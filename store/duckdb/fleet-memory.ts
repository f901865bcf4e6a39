// The fleet registry's working set in memory, with the indexes the swap path reads synchronously.
// Only DuckFleetRegistry writes it, and only after a transaction committed. Records are frozen and
// replaced, never edited, so a caller holding one never sees it change underneath.
import type { Hold, Kiosk, Recall, Store } from '../../domain/fleet-model.ts';
import type { CommandRecord, CustomerRecord, PackRow, SwapRecord, TokenRecord } from '../fleet-registry.ts';

/** Allowed-swap times kept per customer: fair use looks back 24 h; twice that leaves room. */
export const SWAP_TIMES_WINDOW_MS = 48 * 3_600_000;
/** Swap records, closed commands and applied-event keys kept in memory (older ones stay in DuckDB only). */
export const LEDGER_WINDOW_MS = 7 * 86_400_000;
const PRUNE_EVERY_MS = 10 * 60_000;

export const swapKey = (kioskId: string, requestId: string): string => `${kioskId}|${requestId}`;
export const eventKey = (kioskId: string, bootId: number, seq: number): string => `${kioskId}|${bootId}|${seq}`;
export const isOpenStatus = (s: CommandRecord['status']): boolean => s === 'issued' || s === 'acknowledged';

function addTo<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  const s = m.get(k);
  if (s) s.add(v);
  else m.set(k, new Set([v]));
}
function removeFrom<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  const s = m.get(k);
  if (!s) return;
  s.delete(v);
  if (s.size === 0) m.delete(k);
}
/** First index whose value is >= x in a sorted array. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class FleetMemory {
  readonly stores = new Map<string, Store>();
  readonly kiosks = new Map<string, Kiosk>();
  private readonly kiosksByStore = new Map<string, Set<string>>();
  readonly customers = new Map<string, CustomerRecord>();
  readonly customerByHash = new Map<string, string>();
  readonly packs = new Map<string, PackRow>();
  /** kioskId → slot → packId: at most one pack per slot, checked before every write. */
  private readonly slots = new Map<string, Map<number, string>>();
  private readonly withCustomer = new Map<string, Set<string>>();
  readonly recalls = new Map<string, Recall>();
  recalledLots: ReadonlySet<string> = new Set();
  /** One hold per pack, active or lapsed (pruned a week after it lapsed). */
  readonly holds = new Map<string, Hold>();
  private readonly holdsByKiosk = new Map<string, Set<string>>();
  readonly commands = new Map<string, CommandRecord>();
  private readonly openByKiosk = new Map<string, Set<string>>();
  readonly swaps = new Map<string, SwapRecord>();
  private readonly swapTimes = new Map<string, number[]>();
  private readonly applied = new Map<string, number>();
  readonly tokens = new Map<string, TokenRecord>();
  private horizonMs: number;
  private lastPruneMs: number;

  constructor(nowMs: number) {
    this.horizonMs = nowMs;
    this.lastPruneMs = nowMs;
  }

  putStore(s: Store): void {
    this.stores.set(s.id, Object.freeze({ ...s }));
  }

  putKiosk(k: Kiosk): void {
    const old = this.kiosks.get(k.id);
    if (old) removeFrom(this.kiosksByStore, old.storeId, k.id);
    this.kiosks.set(k.id, Object.freeze({ ...k }));
    addTo(this.kiosksByStore, k.storeId, k.id);
  }

  kioskIdsOf(storeId: string): ReadonlySet<string> {
    return this.kiosksByStore.get(storeId) ?? new Set();
  }

  putCustomer(c: CustomerRecord): void {
    const old = this.customers.get(c.id);
    if (old && this.customerByHash.get(old.tokenHash) === c.id) this.customerByHash.delete(old.tokenHash);
    this.customers.set(c.id, Object.freeze({ ...c }));
    this.customerByHash.set(c.tokenHash, c.id);
  }

  putPack(p: PackRow): void {
    const old = this.packs.get(p.id);
    if (old) this.unindex(old);
    const frozen = Object.freeze({ ...p, custody: Object.freeze({ ...p.custody }) });
    this.packs.set(p.id, frozen);
    const c = frozen.custody;
    if (c.kind === 'slot') {
      let m = this.slots.get(c.kioskId);
      if (!m) this.slots.set(c.kioskId, (m = new Map()));
      m.set(c.slot, p.id);
    } else if (c.kind === 'customer') addTo(this.withCustomer, c.customerId, p.id);
  }

  private unindex(p: PackRow): void {
    const c = p.custody;
    if (c.kind === 'slot') {
      const m = this.slots.get(c.kioskId);
      if (m?.get(c.slot) === p.id) m.delete(c.slot);
      if (m?.size === 0) this.slots.delete(c.kioskId);
    } else if (c.kind === 'customer') removeFrom(this.withCustomer, c.customerId, p.id);
  }

  slotOccupant(kioskId: string, slot: number): string | undefined {
    return this.slots.get(kioskId)?.get(slot);
  }

  packsAtKiosk(kioskId: string): PackRow[] {
    const m = this.slots.get(kioskId);
    if (!m) return [];
    return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => this.packs.get(id)!);
  }

  packsWithCustomer(customerId: string): PackRow[] {
    const s = this.withCustomer.get(customerId);
    return s ? [...s].sort().map((id) => this.packs.get(id)!) : [];
  }

  putRecall(r: Recall): void {
    this.recalls.set(r.lot, Object.freeze({ ...r }));
    // A fresh set, so a caller holding the old one keeps a consistent snapshot.
    this.recalledLots = new Set(this.recalls.keys());
  }

  putHold(h: Hold): void {
    const old = this.holds.get(h.packId);
    if (old) removeFrom(this.holdsByKiosk, old.kioskId, h.packId);
    this.holds.set(h.packId, Object.freeze({ ...h }));
    addTo(this.holdsByKiosk, h.kioskId, h.packId);
  }

  deleteHold(packId: string): void {
    const h = this.holds.get(packId);
    if (!h) return;
    this.holds.delete(packId);
    removeFrom(this.holdsByKiosk, h.kioskId, packId);
  }

  /** Holds (lapsed or not) on packs at this kiosk: nudges place thousands a day, so a kiosk's lookup must not scan them all. */
  holdsAt(kioskId: string): Hold[] {
    const ids = this.holdsByKiosk.get(kioskId);
    return ids ? [...ids].map((id) => this.holds.get(id)!) : [];
  }

  putCommand(c: CommandRecord): void {
    this.commands.set(c.commandId, Object.freeze({ ...c }));
    if (isOpenStatus(c.status)) addTo(this.openByKiosk, c.kioskId, c.commandId);
    else removeFrom(this.openByKiosk, c.kioskId, c.commandId);
  }

  openCommands(kioskId?: string): CommandRecord[] {
    const ids = kioskId === undefined ? [...this.openByKiosk.values()].flatMap((s) => [...s]) : [...(this.openByKiosk.get(kioskId) ?? [])];
    return ids.map((id) => this.commands.get(id)!).sort((a, b) => a.issuedAtMs - b.issuedAtMs || (a.commandId < b.commandId ? -1 : 1));
  }

  /** `counted`: false when replacing a record already counted (an outcome update). */
  putSwap(s: SwapRecord, counted = true): void {
    this.swaps.set(swapKey(s.kioskId, s.requestId), Object.freeze({ ...s }));
    if (!counted || !s.verdict.allowed || s.customerId === null) return;
    let times = this.swapTimes.get(s.customerId);
    if (!times) this.swapTimes.set(s.customerId, (times = []));
    times.splice(lowerBound(times, s.atMs + 1), 0, s.atMs); // after equal times: stable, still sorted
  }

  /** Allowed swaps of the customer with atMs in [sinceMs, untilMs). */
  countSwaps(customerId: string, sinceMs: number, untilMs: number): number {
    const times = this.swapTimes.get(customerId);
    if (!times || untilMs <= sinceMs) return 0;
    return lowerBound(times, untilMs) - lowerBound(times, sinceMs);
  }

  markApplied(key: string, atMs: number): void {
    this.applied.set(key, atMs);
  }

  isApplied(key: string): boolean {
    return this.applied.has(key);
  }

  putToken(t: TokenRecord): void {
    this.tokens.set(t.tokenHash, Object.freeze({ ...t, storeIds: Object.freeze([...t.storeIds]) as string[] }));
  }

  /**
   * Moves the memory horizon to the latest time a write carried and, every ten minutes of it, drops
   * what fell out of the windows. Bounded: one pass over each map.
   */
  advance(atMs: number): void {
    if (atMs > this.horizonMs) this.horizonMs = atMs;
    if (this.horizonMs - this.lastPruneMs < PRUNE_EVERY_MS) return;
    this.lastPruneMs = this.horizonMs;
    const ledgerCut = this.horizonMs - LEDGER_WINDOW_MS;
    for (const [k, s] of this.swaps) if (s.atMs < ledgerCut) this.swaps.delete(k);
    for (const [k, c] of this.commands) if (!isOpenStatus(c.status) && c.updatedAtMs < ledgerCut) this.commands.delete(k);
    for (const [k, at] of this.applied) if (at < ledgerCut) this.applied.delete(k);
    // Lapsed holds matter to nobody after a day (they are in fleet_holds for the record).
    for (const [k, h] of this.holds) if (h.untilMs < this.horizonMs - 86_400_000) this.deleteHold(k);
    const timesCut = this.horizonMs - SWAP_TIMES_WINDOW_MS;
    for (const [k, times] of this.swapTimes) {
      const drop = lowerBound(times, timesCut);
      if (drop === times.length) this.swapTimes.delete(k);
      else if (drop > 0) times.splice(0, drop);
    }
  }
}
