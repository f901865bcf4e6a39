// Follows what kiosks report happened: releases close their commands and move custody to the
// customer, failures and expiries close commands without moving anything, insertions move packs
// into slots, and status reports correct custody where the registry and the cabinet disagree.
// A release that matches no open command is an anomaly and changes nothing.
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import type { Custody } from '../domain/fleet-model.ts';
import type { KioskEventRecord, KioskReading } from '../domain/readings.ts';
import type { CommandRecord, EventKey, FleetRegistry } from '../store/fleet-registry.ts';
import type { RecentReturns } from './recent-returns.ts';

export interface CustodyTrackerOptions {
  registry: FleetRegistry;
  clock: Clock;
  logger: Logger;
  /** Serialises work per kiosk with swap decisions (SwapService.runForKiosk). */
  runForKiosk<T>(kioskId: string, fn: () => Promise<T>): Promise<T>;
  /** Insertions are remembered here so a swap request that follows its insertion still sees the customer's custody. */
  returns?: RecentReturns;
  /** Keeps only the plausible moves of a status report (services/placement-guard.ts); the rest become disputes. */
  vetStatusMoves?: (kioskId: string, atMs: number, moves: { packId: string; to: Custody; cause: string }[]) => Promise<{ packId: string; to: Custody; cause: string }[]>;
  /** Whether an insertion may move the pack into the slot; false records a dispute instead. */
  vetInsert?: (kioskId: string, slot: number, packId: string, atMs: number) => Promise<boolean>;
}

type Item = { kind: 'event'; e: KioskEventRecord } | { kind: 'status'; s: KioskReading };

export class CustodyTracker {
  private readonly log: Logger;
  private timer: NodeJS.Timeout | null = null;
  readonly counters = { eventsApplied: 0, anomalies: 0, expired: 0, statusCorrections: 0 };

  constructor(private readonly o: CustodyTrackerOptions) {
    this.log = o.logger.child({ component: 'custody' });
  }

  /** The ingest pipeline's hook: runs before the batch is acknowledged, in device order per kiosk. */
  readonly onCommitted = async (c: { kiosks: KioskReading[]; events: KioskEventRecord[] }): Promise<void> => {
    const byKiosk = new Map<string, Item[]>();
    for (const e of c.events) push(byKiosk, e.kioskId, { kind: 'event', e });
    for (const s of c.kiosks) push(byKiosk, s.kioskId, { kind: 'status', s });
    await Promise.all(
      [...byKiosk].map(([kioskId, items]) => {
        // One connection per kiosk delivers in order, so (boot, seq) is the order things happened.
        items.sort(deviceOrder);
        return this.o.runForKiosk(kioskId, async () => {
          for (const it of items) {
            if (it.kind === 'event') await this.applyEvent(it.e);
            else await this.reconcile(it.s);
          }
        });
      }),
    );
  };

  private async applyEvent(e: KioskEventRecord): Promise<void> {
    const reg = this.o.registry;
    const key: EventKey = { kioskId: e.kioskId, bootId: e.bootId, seq: e.seq };
    if (reg.eventApplied(key)) return;
    const at = e.receivedAtMs;
    const anomaly = async (kind: string, detail: string) => {
      this.counters.anomalies++;
      this.log.warn({ deviceId: e.kioskId, kind, commandId: e.commandId || null, packId: e.packId || null }, detail);
      await reg.applyEvent(key, at, { anomaly: { kioskId: e.kioskId, kind, commandId: e.commandId || null, packId: e.packId || null, detail } });
    };
    switch (e.type) {
      case 'pack_released': {
        const cmd = e.commandId ? reg.command(e.commandId) : undefined;
        const problem = releaseProblem(cmd, e, at);
        if (problem) return anomaly(problem.kind, problem.detail);
        const action = cmd!.action as Extract<CommandRecord['action'], { kind: 'release' }>;
        const swap = reg.swap(e.kioskId, action.requestId);
        const customerId = swap?.customerId;
        await reg.applyEvent(key, at, {
          command: { commandId: cmd!.commandId, status: 'done', detail: '' },
          ...(swap ? { swap: { kioskId: e.kioskId, requestId: action.requestId, outcome: 'released' as const } } : {}),
          custody: customerId ? [{ packId: action.packId, to: { kind: 'customer', customerId }, cause: 'release', requestId: action.requestId, commandId: cmd!.commandId }] : [],
          consumeHold: { packId: action.packId },
        });
        this.counters.eventsApplied++;
        return;
      }
      case 'release_failed': {
        const cmd = e.commandId ? reg.command(e.commandId) : undefined;
        if (!cmd || cmd.kioskId !== e.kioskId || (cmd.status !== 'issued' && cmd.status !== 'acknowledged')) {
          return anomaly('release_failed_unmatched', `release failure for ${cmd ? `a ${cmd.status} command` : 'an unknown command'}`);
        }
        const requestId = cmd.action.kind === 'release' ? cmd.action.requestId : null;
        await reg.applyEvent(key, at, {
          command: { commandId: cmd.commandId, status: 'failed', detail: e.detail || 'release failed' },
          ...(requestId ? { swap: { kioskId: e.kioskId, requestId, outcome: 'release_failed' as const } } : {}),
        });
        this.counters.eventsApplied++;
        return;
      }
      case 'pack_inserted': {
        const pack = e.packId ? reg.pack(e.packId) : undefined;
        if (!pack || e.slot === null) return anomaly('unknown_pack_inserted', `pack ${e.packId || '(none)'} inserted but not in the registry`);
        const to: Custody = { kind: 'slot', kioskId: e.kioskId, slot: e.slot };
        // An implausible insertion moves nothing (a dispute is recorded); the event still counts as applied.
        if (!sameSlot(pack.custody, to) && this.o.vetInsert && !(await this.o.vetInsert(e.kioskId, e.slot, pack.id, at))) return reg.applyEvent(key, at, {});
        await reg.applyEvent(key, at, sameSlot(pack.custody, to) ? {} : { custody: [{ packId: pack.id, to, cause: 'insert', requestId: e.requestId || null, commandId: null }] });
        if (!sameSlot(pack.custody, to)) this.o.returns?.record(pack.id, pack.custody, to, at);
        this.counters.eventsApplied++;
        return;
      }
      default:
        // Faults and door events change no custody; they live in the telemetry store.
        return;
    }
  }

  /** The cabinet is the truth about what sits in its slots. */
  private async reconcile(s: KioskReading): Promise<void> {
    const reg = this.o.registry;
    if (staleStatus(reg, s)) return;
    const moves: { packId: string; to: Custody; cause: string }[] = [];
    const present = new Set<string>();
    for (const slot of s.slots) {
      if (!slot.packId) continue;
      present.add(slot.packId);
      const pack = reg.pack(slot.packId);
      const to: Custody = { kind: 'slot', kioskId: s.kioskId, slot: slot.index };
      if (pack && !sameSlot(pack.custody, to)) moves.push({ packId: pack.id, to, cause: 'status' });
    }
    // A report moves a pack only where that is plausible; the others become disputes and stay put.
    if (this.o.vetStatusMoves && moves.length > 0) moves.splice(0, moves.length, ...(await this.o.vetStatusMoves(s.kioskId, s.receivedAtMs, moves)));
    // A status without slots says nothing about what is inside.
    if (s.slots.length === 0) return this.applyMoves(s, moves, []);
    const open = new Set(reg.openCommands(s.kioskId).flatMap((c) => (c.action.kind === 'release' ? [c.action.packId] : [])));
    const missing: string[] = [];
    for (const p of reg.packsAtKiosk(s.kioskId)) {
      // Gone from the cabinet without a release event and no release pending: nobody knows where it is.
      if (!present.has(p.id) && !open.has(p.id)) {
        moves.push({ packId: p.id, to: { kind: 'lost' }, cause: 'status' });
        missing.push(p.id);
      }
    }
    return this.applyMoves(s, moves, missing);
  }

  private async applyMoves(s: KioskReading, moves: { packId: string; to: Custody; cause: string }[], missing: string[]): Promise<void> {
    const reg = this.o.registry;
    if (moves.length === 0) return;
    this.counters.statusCorrections += moves.length;
    await reg.moveCustody(moves, s.receivedAtMs, missing.length ? { kioskId: s.kioskId, kind: 'pack_missing', commandId: null, packId: missing[0]!, detail: `missing from status without a release: ${missing.join(', ')}` } : undefined);
  }

  /** Marks release commands past their expiry as expired. The pack stays where the registry has it. */
  async sweep(): Promise<number> {
    const now = this.o.clock.now();
    const due = this.o.registry.openCommands().filter((c) => c.expiresAtMs <= now);
    if (due.length === 0) return 0;
    const byKiosk = new Map<string, string[]>();
    for (const c of due) push(byKiosk, c.kioskId, c.commandId);
    await Promise.all([...byKiosk].map(([k, ids]) => this.o.runForKiosk(k, () => this.o.registry.expireCommands(ids, now))));
    this.counters.expired += due.length;
    return due.length;
  }

  start(intervalMs: number): void {
    this.timer ??= setInterval(() => {
      this.sweep().catch((err: unknown) => this.log.error({ err }, 'command expiry sweep failed'));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

function releaseProblem(cmd: CommandRecord | undefined, e: KioskEventRecord, atMs: number): { kind: string; detail: string } | null {
  if (!e.commandId) return { kind: 'release_without_command', detail: 'pack released without a command id' };
  if (!cmd || cmd.kioskId !== e.kioskId || cmd.action.kind !== 'release') return { kind: 'release_unmatched', detail: 'release event for a command this kiosk was never sent' };
  if (cmd.status === 'done') return { kind: 'release_already_done', detail: 'second release for a command already done' };
  if (cmd.status === 'expired' || cmd.status === 'failed' || atMs > cmd.expiresAtMs) {
    return { kind: 'release_after_expiry', detail: `release for a command that is ${cmd.status === 'issued' ? 'past its expiry' : cmd.status}` };
  }
  return null;
}

/** How far past a status to look for an applied event of the same boot. */
const STALE_LOOKAHEAD = 64;

/**
 * A status redelivered after a restart (its PUBACK was lost with the process) is older than the
 * events that followed it and were applied: re-applying it put a released pack back into its slot
 * and then marked it lost (found by `npm run bench -- crash-soak`). Statuses are not in the applied
 * events, so look for an applied event of the same boot a little after it. A durable per-kiosk
 * high-water mark would be exact; this catches the outbox replay that causes it.
 */
function staleStatus(reg: CustodyTrackerOptions['registry'], s: KioskReading): boolean {
  for (let seq = s.seq + 1; seq <= s.seq + STALE_LOOKAHEAD; seq++) if (reg.eventApplied({ kioskId: s.kioskId, bootId: s.bootId, seq })) return true;
  return false;
}

function sameSlot(a: Custody, b: Custody): boolean {
  return a.kind === 'slot' && b.kind === 'slot' && a.kioskId === b.kioskId && a.slot === b.slot;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const arr = m.get(k);
  if (arr) arr.push(v);
  else m.set(k, [v]);
}

/** Within a boot, seq is the order; across boots (rare inside one batch), the device time. */
function deviceOrder(a: Item, b: Item): number {
  const x = a.kind === 'event' ? a.e : a.s;
  const y = b.kind === 'event' ? b.e : b.s;
  return x.bootId === y.bootId ? x.seq - y.seq : x.atMs - y.atMs;
}
