// The swap conversation as a kiosk and its customer live it: the customer walks up (queueing if the
// kiosk is busy), the kiosk asks the server (the customer's card token, and the pack they bring back
// with the free slot it will take), the customer inserts their pack once allowed, and the kiosk
// runs the release command it receives (at most once per command id, never after expiry) and
// reports what happened. Everything the server answered and the kiosk did is recorded.
import type { KioskCommand, SwapDecision } from '../proto/codec.ts';
import { SwapReason, toNum } from '../proto/codec.ts';
import type { CustomerBank } from './customer-model.ts';
import type { KioskModel } from './kiosk-model.ts';
import { commandFromProto } from './messages.ts';
import type { PackBank } from './pack-bank.ts';
import type { SimClock } from './virtual-clock.ts';

export interface SessionHost {
  readonly clock: SimClock;
  readonly packs: PackBank;
  readonly customers: CustomerBank;
  readonly kiosks: readonly KioskModel[];
  readonly kiosksPerStore: number;
  /** Wire ids, by kiosk index and customer index. */
  readonly kioskIds: readonly string[];
  readonly customerIds: readonly string[];
  /** Whether kiosk k can talk to the server now (its link is up). */
  kioskReachable(k: number): boolean;
  customerToken(c: number): string;
  sendRequest(k: number, req: { requestId: string; customerToken: string; returnedPackId: string; returnedSlot?: number }): void;
  /** Publishes kiosk k's pending events and, when due, a status report. */
  flush(k: number): void;
  /** The kiosk ran a reboot command. */
  onReboot(k: number): void;
  /** A customer left with a new pack; nudged: the visit was a nudge's. */
  onSwapped?(cust: number, nudged: boolean): void;
  /** A customer was told there is no pack for them here (NO_READY_PACK). */
  onNoPack?(cust: number, nudged: boolean): void;
}

/** One swap or first issue as the simulator saw it, for comparing with the server's ledger. */
export interface SimSwap {
  kioskId: string;
  requestId: string;
  customerId: string;
  returnedPackId: string | null;
  /** null until a decision arrived. */
  allowed: boolean | null;
  reasons: string[];
  commandId: string;
  packId: string;
  outcome: 'pending' | 'denied' | 'released' | 'release_failed' | 'expired' | 'no_command' | 'no_answer';
}

export interface SwapCounters {
  /** Distinct requests sent: swaps (a pack returned) and first issues. */
  requested: number;
  swapRequests: number;
  firstIssueRequests: number;
  /** The same request sent again after no answer. */
  reAsked: number;
  allowed: number;
  denied: number;
  /** Denials by their first reason code (as the server's ledger names them). */
  deniedByReason: Record<string, number>;
  /** Customers the kiosk itself turned away without asking: KIOSK_UNREACHABLE, KIOSK_FULL. */
  notAsked: Record<string, number>;
  released: number;
  releaseFailed: number;
  releaseFailedByReason: Record<string, number>;
  /** A release command that arrived after its expiry (kiosk clock) and was ignored. */
  expiredAtKiosk: number;
  noAnswer: number;
  noCommand: number;
  /** A release failed and the kiosk asked once more, for a first issue. */
  retries: number;
  /** Customers who handed a pack in and left with none. */
  leftWithoutPack: number;
}

export function emptySwapCounters(): SwapCounters {
  return { requested: 0, swapRequests: 0, firstIssueRequests: 0, reAsked: 0, allowed: 0, denied: 0, deniedByReason: {}, notAsked: {}, released: 0, releaseFailed: 0, releaseFailedByReason: {}, expiredAtKiosk: 0, noAnswer: 0, noCommand: 0, retries: 0, leftWithoutPack: 0 };
}

interface Session {
  k: number;
  cust: number;
  requestId: string;
  returnedPack: number;
  returnedSlot: number;
  phase: 'asking' | 'awaiting_command';
  asks: number;
  timer: number;
  commandId: string;
  retry: boolean;
  /** The customer's pack went into the kiosk (in this session or the one it retries). */
  handedIn: boolean;
  rec: SimSwap | null;
  /** The customer came because of a nudge. */
  nudged: boolean;
}

export interface SessionOptions {
  /** No decision after this long: ask again with the same request id. Default 20 s. */
  answerTimeoutMs?: number;
  /** Asks per request at most. Default 3. */
  maxAsks?: number;
  /** Keep every SimSwap (for tests); off for big runs. */
  keepLedger?: boolean;
  /** Request ids are `${prefix}${n}`. */
  requestPrefix?: string;
}

const inc = (m: Record<string, number>, k: string): void => void (m[k] = (m[k] ?? 0) + 1);
const reasonName = (r: number): string => String((SwapReason as unknown as Record<number, string>)[r] ?? `REASON_${r}`).replace(/^SWAP_REASON_/, '');

export class SwapSessions {
  readonly counters: SwapCounters = emptySwapCounters();
  readonly ledger: SimSwap[] = [];
  /** Customers queued at or served by a kiosk now. */
  readonly busy: Uint8Array;
  /** Whether the customer queued because of a nudge. */
  private readonly nudged: Uint8Array;
  private readonly active: (Session | null)[];
  private readonly queues: number[][];
  private nextRequest = 0;
  private readonly answerTimeoutMs: number;
  private readonly maxAsks: number;

  constructor(
    private readonly h: SessionHost,
    private readonly o: SessionOptions = {},
  ) {
    this.busy = new Uint8Array(h.customers.size);
    this.nudged = new Uint8Array(h.customers.size);
    this.active = h.kiosks.map(() => null);
    this.queues = h.kiosks.map(() => []);
    this.answerTimeoutMs = o.answerTimeoutMs ?? 20_000;
    this.maxAsks = o.maxAsks ?? 3;
  }

  /** Sessions waiting for the server (a decision or a release command). */
  get waiting(): number {
    let n = 0;
    for (const s of this.active) if (s !== null) n++;
    return n;
  }

  /** Cancels the sessions' timers (answer and command timeouts). */
  halt(): void {
    for (const s of this.active) if (s) this.h.clock.cancel(s.timer);
  }

  /**
   * A customer at store s who wants a swap (or a first pack): picks a kiosk and queues there. A
   * customer sent by a nudge goes to the kiosk it named when that one can serve them.
   */
  arrive(cust: number, store: number, nudge?: { kiosk: number }): void {
    if (this.busy[cust] === 1) return;
    const h = this.h;
    const returning = (h.customers.pack[cust] as number) >= 0;
    let best = -1;
    let anyReachable = false;
    const usable = (k: number): boolean => h.kioskReachable(k) && !(returning && h.kiosks[k]!.freeSlots() <= this.queues[k]!.length);
    for (let k = store * h.kiosksPerStore; k < (store + 1) * h.kiosksPerStore; k++) {
      if (!h.kioskReachable(k)) continue;
      anyReachable = true;
      const kiosk = h.kiosks[k]!;
      if (!usable(k)) continue;
      // The kiosk with the most ready packs on its screen, then the shortest queue.
      if (best < 0 || kiosk.readyCount > h.kiosks[best]!.readyCount || (kiosk.readyCount === h.kiosks[best]!.readyCount && this.queues[k]!.length < this.queues[best]!.length)) best = k;
    }
    if (nudge && nudge.kiosk >= store * h.kiosksPerStore && nudge.kiosk < (store + 1) * h.kiosksPerStore && usable(nudge.kiosk)) best = nudge.kiosk;
    if (best < 0) return inc(this.counters.notAsked, anyReachable ? 'KIOSK_FULL' : 'KIOSK_UNREACHABLE');
    this.busy[cust] = 1;
    this.nudged[cust] = nudge ? 1 : 0;
    this.queues[best]!.push(cust);
    if (this.active[best] === null) this.next(best);
  }

  /** A SwapDecision arrived on kiosk k's decisions topic. */
  onDecision(k: number, d: SwapDecision): void {
    const s = this.active[k];
    // A duplicate or a late answer to a request the kiosk gave up on: nothing to do.
    if (!s || s.requestId !== d.requestId || s.phase !== 'asking') return;
    this.h.clock.cancel(s.timer);
    const rec = s.rec;
    const reasons = d.reasons.map(reasonName);
    if (rec) Object.assign(rec, { allowed: d.allowed, reasons, commandId: d.commandId, packId: d.packId });
    if (!d.allowed) {
      this.counters.denied++;
      inc(this.counters.deniedByReason, reasons[0] ?? 'UNSPECIFIED');
      if (reasons[0] === 'NO_READY_PACK') this.h.onNoPack?.(s.cust, s.nudged);
      return this.end(s, 'denied');
    }
    this.counters.allowed++;
    const h = this.h;
    const now = h.clock.now();
    if (s.returnedPack >= 0) {
      // The customer hands the pack in now that the swap is allowed.
      const c = s.cust;
      h.customers.plugged[c] = 0;
      h.packs.outMa[s.returnedPack] = 0;
      h.customers.pack[c] = -1;
      h.kiosks[k]!.insert(s.returnedPack, now, s.requestId);
      s.returnedPack = -1;
      s.handedIn = true;
      h.flush(k);
    }
    s.phase = 'awaiting_command';
    s.commandId = d.commandId;
    const expiresAtMs = toNum(d.expiresAtMs);
    s.timer = h.clock.after(Math.max(1000, expiresAtMs - now + 1000), () => this.end(s, 'no_command'));
  }

  /** A KioskCommand arrived on kiosk k's commands topic. */
  onCommand(k: number, cmd: KioskCommand): void {
    const input = commandFromProto(cmd);
    if (!input) return;
    const h = this.h;
    const s = this.active[k];
    if (input.action.kind === 'release' && (!s || s.phase !== 'awaiting_command' || s.commandId !== input.commandId)) {
      // Nobody is standing at the kiosk for this pack: the cabinet keeps the slot shut.
      return;
    }
    const kiosk = h.kiosks[k]!;
    const r = kiosk.execute(input, h.clock.now());
    if (kiosk.rebootRequested) {
      kiosk.rebootRequested = false;
      h.onReboot(k);
    }
    h.flush(k);
    if (input.action.kind !== 'release' || !s || r.outcome === 'duplicate') return;
    h.clock.cancel(s.timer);
    if (r.outcome === 'done' && r.packIdx !== undefined) {
      this.counters.released++;
      h.customers.pack[s.cust] = r.packIdx;
      h.customers.hitZero[s.cust] = 0;
      h.packs.holder[r.packIdx] = s.cust;
      h.onSwapped?.(s.cust, s.nudged);
      return this.end(s, 'released');
    }
    if (r.outcome === 'expired') {
      this.counters.expiredAtKiosk++;
      return this.end(s, 'expired');
    }
    this.counters.releaseFailed++;
    inc(this.counters.releaseFailedByReason, r.reason ?? 'unknown');
    this.end(s, 'release_failed');
  }

  private next(k: number): void {
    const q = this.queues[k]!;
    const cust = q.shift();
    if (cust === undefined) return;
    this.begin(k, cust, false, false);
  }

  private begin(k: number, cust: number, retry: boolean, handedIn: boolean): void {
    const h = this.h;
    const returnedPack = h.customers.pack[cust] as number;
    let returnedSlot = -1;
    if (returnedPack >= 0) {
      returnedSlot = this.freeSlot(h.kiosks[k]!);
      if (returnedSlot < 0 || !h.kioskReachable(k)) {
        inc(this.counters.notAsked, returnedSlot < 0 ? 'KIOSK_FULL' : 'KIOSK_UNREACHABLE');
        this.busy[cust] = 0;
        return this.next(k);
      }
    }
    const requestId = `${this.o.requestPrefix ?? 'rq-'}${++this.nextRequest}`;
    const rec: SimSwap | null = this.o.keepLedger
      ? { kioskId: h.kioskIds[k]!, requestId, customerId: h.customerIds[cust]!, returnedPackId: returnedPack >= 0 ? (h.packs.ids[returnedPack] as string) : null, allowed: null, reasons: [], commandId: '', packId: '', outcome: 'pending' }
      : null;
    if (rec) this.ledger.push(rec);
    const s: Session = { k, cust, requestId, returnedPack, returnedSlot, phase: 'asking', asks: 0, timer: 0, commandId: '', retry, handedIn, rec, nudged: this.nudged[cust] === 1 };
    this.active[k] = s;
    this.counters.requested++;
    if (returnedPack >= 0) this.counters.swapRequests++;
    else this.counters.firstIssueRequests++;
    this.ask(s);
  }

  private ask(s: Session): void {
    const h = this.h;
    if (s.asks > 0) this.counters.reAsked++;
    s.asks++;
    h.sendRequest(s.k, {
      requestId: s.requestId,
      customerToken: h.customerToken(s.cust),
      returnedPackId: s.returnedPack >= 0 ? (h.packs.ids[s.returnedPack] as string) : '',
      ...(s.returnedPack >= 0 ? { returnedSlot: s.returnedSlot } : {}),
    });
    s.timer = h.clock.after(this.answerTimeoutMs, () => {
      if (this.active[s.k] !== s || s.phase !== 'asking') return;
      if (s.asks < this.maxAsks) this.ask(s);
      else this.end(s, 'no_answer');
    });
  }

  private end(s: Session, outcome: SimSwap['outcome']): void {
    if (this.active[s.k] !== s) return;
    this.h.clock.cancel(s.timer);
    if (s.rec) s.rec.outcome = outcome;
    if (outcome === 'no_answer') this.counters.noAnswer++;
    if (outcome === 'no_command') this.counters.noCommand++;
    this.active[s.k] = null;
    if (outcome === 'release_failed' && !s.retry) {
      // "Sorry, try again": the kiosk asks once more; a customer who handed a pack in now has none.
      this.counters.retries++;
      return this.begin(s.k, s.cust, true, s.handedIn);
    }
    if (outcome !== 'released' && s.handedIn) this.counters.leftWithoutPack++;
    this.busy[s.cust] = 0;
    this.next(s.k);
  }

  /** The slot the kiosk opens for a returned pack: the one KioskModel.insert() will use. */
  private freeSlot(kiosk: KioskModel): number {
    for (let s = 0; s < kiosk.slotCount; s++) if (kiosk.slotPack[s] === -1 && kiosk.locked[s] === 0 && kiosk.slotFault[s] === 0) return s;
    return -1;
  }
}
