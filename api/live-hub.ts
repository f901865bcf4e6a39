// Live updates for the dashboard: which open streams watch which stores, and what changed there.
// A committed kiosk status marks its store dirty (cheap, synchronous, after the PUBACK); a short
// timer later each dirty store is computed once, compared with what was last sent, and only a
// visible change becomes one frame, written to every stream that watches it. A sweep catches what
// no status reports (a kiosk going offline, a hold placed); a heartbeat re-checks each stream's
// credential and proves the connection alive.
import type { Logger } from 'pino';
import { CfError } from '../domain/errors.ts';
import type { CommittedBatch } from '../ingest/committed-feed.ts';
import { storeView, type StockContext } from './stock-views.ts';

/** One open stream, as the route hands it to the hub. */
export interface LiveStream {
  /** The credential that opened it (session or token id): the per-owner cap counts by it. */
  readonly owner: string;
  /** The stores it watches; null for every store (callers who see the whole fleet). */
  readonly storeIds: ReadonlySet<string> | null;
  /** Slot grids too (a store page), or only stock figures (the stores list). */
  readonly detail: boolean;
  /** Writes one frame; false when the client fell too far behind and the stream was cut. */
  write(frame: string): boolean;
  /** True while the caller may still watch what it watches (re-checked at every heartbeat). */
  stillAllowed(): boolean;
  /** Ends the response, after a last frame if given. */
  end(lastFrame?: string): void;
}

export interface LiveHubOptions extends LiveUpdateLimits {
  /** The registry and live state as of now. */
  stock(): StockContext;
  logger: Logger;
}

/** How many streams, and how often they hear (the API's `liveUpdates` option; tests shorten the times). */
export interface LiveUpdateLimits {
  /** Streams open at once on this server, at most. */
  maxStreams: number;
  /** Streams one session or token may hold open (tabs), at most. */
  maxStreamsPerOwner?: number;
  /** A change waits this long for others in the same store before it is sent. */
  flushMs?: number;
  /** Every watched store is recomputed this often (offline kiosks, holds, flags). */
  sweepMs?: number;
  heartbeatMs?: number;
}

export interface LiveHubStats {
  streams: number;
  framesSent: number;
  cutSlow: number;
  endedByAccess: number;
}

export const LIVE_HEARTBEAT_MS = 15_000;

export class LiveHub {
  private readonly streams = new Set<LiveStream>();
  private readonly byStore = new Map<string, Set<LiveStream>>();
  private readonly fleetWide = new Set<LiveStream>();
  private readonly perOwner = new Map<string, number>();
  /** What was last sent, per store (stock) and per kiosk (slot grid): only a change is sent again. */
  private readonly stockSent = new Map<string, string>();
  private readonly gridSent = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private flushTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private seq = 0;
  private readonly counters = { framesSent: 0, cutSlow: 0, endedByAccess: 0 };
  private readonly log: Logger;

  constructor(private readonly o: LiveHubOptions) {
    this.log = o.logger.child({ component: 'live' });
  }

  start(): void {
    this.sweepTimer = setInterval(() => this.sweep(), this.o.sweepMs ?? 10_000);
    this.heartbeatTimer = setInterval(() => this.heartbeat(), this.heartbeatMs);
    this.sweepTimer.unref();
    this.heartbeatTimer.unref();
  }

  /** Ends every stream (the server is stopping; browsers reconnect to the next one). */
  stop(): void {
    for (const t of [this.sweepTimer, this.heartbeatTimer]) if (t) clearInterval(t);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.sweepTimer = this.heartbeatTimer = this.flushTimer = null;
    const bye = this.frame('end', { reason: 'shutdown' });
    for (const s of [...this.streams]) {
      this.remove(s);
      s.end(bye);
    }
  }

  /** Registers a stream; returns the function that forgets it. Refuses past the caps, before the response starts. */
  add(s: LiveStream): () => void {
    if (this.streams.size >= this.o.maxStreams) throw new CfError('CF_ERR_LIVE_BUSY');
    const mine = this.perOwner.get(s.owner) ?? 0;
    const perOwner = this.o.maxStreamsPerOwner ?? 20;
    if (mine >= perOwner) throw new CfError('CF_ERR_LIVE_STREAM_LIMIT', `at most ${perOwner} live-update streams per session or token; close other tabs of this dashboard`);
    this.streams.add(s);
    this.perOwner.set(s.owner, mine + 1);
    if (s.storeIds === null) this.fleetWide.add(s);
    else for (const id of s.storeIds) getOrAdd(this.byStore, id).add(s);
    return () => this.remove(s);
  }

  private remove(s: LiveStream): void {
    if (!this.streams.delete(s)) return;
    const left = (this.perOwner.get(s.owner) ?? 1) - 1;
    if (left > 0) this.perOwner.set(s.owner, left);
    else this.perOwner.delete(s.owner);
    if (s.storeIds === null) {
      this.fleetWide.delete(s);
      if (this.fleetWide.size === 0) for (const id of [...this.stockSent.keys()]) if (!this.byStore.has(id)) this.stockSent.delete(id);
      return;
    }
    const fleet = this.o.stock().fleet;
    for (const id of s.storeIds) {
      const set = this.byStore.get(id);
      if (!set) continue;
      set.delete(s);
      // Forget what was sent where nobody watches: a later watcher loads the page fresh, and a
      // stale memory could hide a change from it.
      if (s.detail && ![...set].some((x) => x.detail)) for (const k of fleet.kiosks(id)) this.gridSent.delete(k.id);
      if (set.size === 0) {
        this.byStore.delete(id);
        if (this.fleetWide.size === 0) this.stockSent.delete(id);
      }
    }
  }

  /** The stream rule: committed kiosk statuses mark their store dirty. Synchronous and cheap; the work is in flush. */
  readonly onCommitted = (batch: CommittedBatch): void => {
    if (this.streams.size === 0 || batch.kiosks.length === 0) return;
    const fleet = this.o.stock().fleet;
    for (const k of batch.kiosks) {
      const storeId = fleet.kiosk(k.kioskId)?.storeId;
      if (storeId !== undefined && (this.fleetWide.size > 0 || this.byStore.has(storeId))) this.dirty.add(storeId);
    }
    if (this.dirty.size > 0 && !this.flushTimer) {
      this.flushTimer = setTimeout(() => this.flush(), this.o.flushMs ?? 200);
      this.flushTimer.unref();
    }
  };

  /** Sends what changed in the dirty stores. */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.dirty.size === 0) return;
    const ctx = this.o.stock();
    const stores = [...this.dirty];
    this.dirty.clear();
    for (const id of stores) this.refreshStore(ctx, id);
  }

  /** Marks every watched store dirty and flushes: what no status report announces (offline, holds, flags). */
  sweep(): void {
    if (this.streams.size === 0) return;
    if (this.fleetWide.size > 0) for (const s of this.o.stock().fleet.stores()) this.dirty.add(s.id);
    for (const id of this.byStore.keys()) this.dirty.add(id);
    this.flush();
  }

  /** Re-checks each stream's credential and access, and sends a ping it can measure silence by. */
  heartbeat(): void {
    const ping = this.frame('ping', { at: new Date(this.o.stock().nowMs).toISOString() });
    const bye = this.frame('end', { reason: 'signed_out' });
    for (const s of [...this.streams]) {
      if (!s.stillAllowed()) {
        this.counters.endedByAccess++;
        this.remove(s);
        s.end(bye);
        continue;
      }
      this.send(s, ping);
    }
  }

  get heartbeatMs(): number {
    return this.o.heartbeatMs ?? LIVE_HEARTBEAT_MS;
  }

  stats(): LiveHubStats {
    return { streams: this.streams.size, ...this.counters };
  }

  /**
   * What a new stream starts from: its stores' slot grids (detail) and stock, as frames. Sent on
   * the stream itself, right after hello, so every later frame is newer than what the page holds.
   */
  snapshot(s: LiveStream): string {
    const ctx = this.o.stock();
    const stores = s.storeIds === null ? ctx.fleet.stores() : [...s.storeIds].flatMap((id) => ctx.fleet.store(id) ?? []);
    let out = '';
    for (const store of stores) {
      const v = storeView(ctx, store);
      if (s.detail) for (const grid of v.grids) out += this.frame('kiosk', { storeId: store.id, kiosk: grid });
      out += this.frame('stock', v.summary);
    }
    return out;
  }

  /** One server-sent event; ids rise within this process (they order frames, they are not a replay cursor). */
  frame(event: string, data: unknown): string {
    return `id: ${++this.seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  }

  private refreshStore(ctx: StockContext, storeId: string): void {
    const watchers = this.byStore.get(storeId);
    if (!watchers && this.fleetWide.size === 0) return;
    const store = ctx.fleet.store(storeId);
    if (!store) return;
    const v = storeView(ctx, store);
    const detail = watchers ? [...watchers].filter((s) => s.detail) : [];
    if (detail.length > 0) {
      for (const grid of v.grids) {
        const print = gridPrint(grid);
        if (this.gridSent.get(grid.id) === print) continue;
        this.gridSent.set(grid.id, print);
        const f = this.frame('kiosk', { storeId, kiosk: grid });
        for (const s of detail) this.send(s, f);
      }
    }
    const print = stockPrint(v.summary);
    if (this.stockSent.get(storeId) === print) return;
    this.stockSent.set(storeId, print);
    const f = this.frame('stock', v.summary);
    if (watchers) for (const s of watchers) this.send(s, f);
    for (const s of this.fleetWide) this.send(s, f);
  }

  private send(s: LiveStream, frame: string): void {
    if (s.write(frame)) {
      this.counters.framesSent++;
      return;
    }
    this.counters.cutSlow++;
    this.log.info({ owner: s.owner }, 'live stream cut: the client fell too far behind (it reconnects and reloads)');
    this.remove(s);
  }
}

type Grid = ReturnType<typeof storeView>['grids'][number];
type Summary = ReturnType<typeof storeView>['summary'];

/** What a person sees of a slot grid, at the precision the page shows it: a change here is worth a frame. */
function gridPrint(g: Grid): string {
  return JSON.stringify([g.online, g.door, g.mainsPower, g.slots.map((s) => [s.state, s.packId, Math.round(s.socPct), Math.round(s.tempC), s.faultCode, s.packFaults, s.held, s.withdrawn])]);
}

/** The stock figures; ready times are left out (they move a little at every computation). */
function stockPrint(s: Summary): string {
  const { nextReadyAt: _n, ...counts } = s.stock;
  return JSON.stringify([counts, s.stockOutAt, s.charging.map((c) => [c.packId, Math.round(c.socPct)])]);
}

function getOrAdd<K, V>(m: Map<K, Set<V>>, k: K): Set<V> {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  return s;
}
