// The live fleet: latest reading per pack, every kiosk's slots, last-seen times and whether a
// device is online. Kept in memory, rebuilt from the TelemetryStore at start. The API reads it.
import type { KioskReading, PackReading } from '../domain/readings.ts';
import type { DeviceKind } from '../domain/topics.ts';
import type { TelemetryStore } from '../store/telemetry-store.ts';

export interface LiveDevice<R> {
  reading: R;
  /** Server time of the last message from the device. */
  lastSeenAtMs: number;
}

export interface OnlineView {
  online: boolean;
  connected: boolean;
  lastSeenAtMs: number | null;
}

export class LiveState {
  private readonly packs = new Map<string, LiveDevice<PackReading>>();
  private readonly kiosks = new Map<string, LiveDevice<KioskReading>>();
  private readonly lastSeen = new Map<string, number>();
  /** Last message this process received from each device; `online` reads only this, never a rebuilt time. */
  private readonly heard = new Map<string, number>();
  private readonly connected = new Set<string>();
  private restoring = false;

  constructor(private readonly offlineAfterMs: number) {}

  /** Loads the latest reading of every device from the store. */
  async rebuild(store: TelemetryStore): Promise<{ packs: number; kiosks: number }> {
    const [packs, kiosks] = await Promise.all([store.latestPacks(), store.latestKiosks()]);
    // Restored readings were heard by an earlier process, maybe on another clock (the demo's
    // virtual one restarts): they set lastSeen, never `online`.
    this.restoring = true;
    try {
      for (const p of packs) this.applyPack(p);
      for (const k of kiosks) this.applyKiosk(k);
    } finally {
      this.restoring = false;
    }
    return { packs: packs.length, kiosks: kiosks.length };
  }

  /** Keeps the newest reading by device time then seq; a replayed backlog never rolls state back. */
  applyPack(r: PackReading): void {
    const cur = this.packs.get(r.packId);
    this.seen(r.packId, r.receivedAtMs);
    if (!cur || newer(r, cur.reading)) this.packs.set(r.packId, { reading: r, lastSeenAtMs: r.receivedAtMs });
    else cur.lastSeenAtMs = Math.max(cur.lastSeenAtMs, r.receivedAtMs);
  }

  applyKiosk(r: KioskReading): void {
    const cur = this.kiosks.get(r.kioskId);
    this.seen(r.kioskId, r.receivedAtMs);
    if (!cur || newer(r, cur.reading)) this.kiosks.set(r.kioskId, { reading: r, lastSeenAtMs: r.receivedAtMs });
    else cur.lastSeenAtMs = Math.max(cur.lastSeenAtMs, r.receivedAtMs);
  }

  /** Any message (events, swap requests) proves the device is alive. */
  seen(deviceId: string, atMs: number): void {
    const prev = this.lastSeen.get(deviceId);
    if (prev === undefined || atMs > prev) this.lastSeen.set(deviceId, atMs);
    if (this.restoring) return;
    const heard = this.heard.get(deviceId);
    if (heard === undefined || atMs > heard) this.heard.set(deviceId, atMs);
  }

  setConnected(deviceId: string, _kind: DeviceKind, connected: boolean, atMs: number): void {
    if (connected) this.connected.add(deviceId);
    else this.connected.delete(deviceId);
    this.seen(deviceId, atMs);
  }

  pack(packId: string): LiveDevice<PackReading> | undefined {
    return this.packs.get(packId);
  }

  kiosk(kioskId: string): LiveDevice<KioskReading> | undefined {
    return this.kiosks.get(kioskId);
  }

  /**
   * Online = connected to the broker now, or heard from by this process within the offline window
   * before nowMs. A time after nowMs was stamped on another clock (a restarted virtual clock, a
   * wall clock stepped back) and proves nothing.
   */
  online(deviceId: string, nowMs: number): OnlineView {
    const last = this.lastSeen.get(deviceId) ?? null;
    const heard = this.heard.get(deviceId);
    const connected = this.connected.has(deviceId);
    return { connected, lastSeenAtMs: last, online: connected || (heard !== undefined && heard <= nowMs && nowMs - heard < this.offlineAfterMs) };
  }

  packIds(): IterableIterator<string> {
    return this.packs.keys();
  }

  kioskIds(): IterableIterator<string> {
    return this.kiosks.keys();
  }

  counts(): { packs: number; kiosks: number; connected: number } {
    return { packs: this.packs.size, kiosks: this.kiosks.size, connected: this.connected.size };
  }
}

function newer(a: { atMs: number; seq: number; bootId: number }, b: { atMs: number; seq: number; bootId: number }): boolean {
  if (a.atMs !== b.atMs) return a.atMs > b.atMs;
  return a.bootId === b.bootId ? a.seq > b.seq : true;
}
