// Read-your-writes: the readings that are durable in the log but not yet in the time-series store,
// indexed by device, so that reads can merge them in and an acknowledged reading is readable at
// once, whatever the store. Entries leave once the store's consumer has written them.
import type { KioskEventRecord, KioskReading, PackReading } from '../../domain/readings.ts';
import type { RangeQuery, TelemetryBatch } from '../telemetry-store.ts';
import type { LogPosition } from './durable-log.ts';

interface Timed {
  atMs: number;
  seq: number;
  bootId: number;
}

export const DEFAULT_RANGE_LIMIT = 1000;

class DeviceIndex<R> {
  private readonly byDevice = new Map<string, R[]>();
  constructor(private readonly id: (r: R) => string) {}
  add(r: R): void {
    const k = this.id(r);
    const arr = this.byDevice.get(k);
    if (arr) arr.push(r);
    else this.byDevice.set(k, [r]);
  }
  /** Removes the oldest reading of its device (readings leave in the order they came). */
  drop(r: R): void {
    const k = this.id(r);
    const arr = this.byDevice.get(k);
    if (!arr) return;
    if (arr[0] === r) arr.shift();
    else {
      const i = arr.indexOf(r);
      if (i >= 0) arr.splice(i, 1);
    }
    if (arr.length === 0) this.byDevice.delete(k);
  }
  of(id: string): readonly R[] {
    return this.byDevice.get(id) ?? [];
  }
  values(): IterableIterator<R[]> {
    return this.byDevice.values();
  }
}

export class UnstoredTail {
  private readonly entries: { end: LogPosition; batch: TelemetryBatch }[] = [];
  private head = 0;
  private readonly packs = new DeviceIndex<PackReading>((r) => r.packId);
  private readonly kiosks = new DeviceIndex<KioskReading>((r) => r.kioskId);
  private readonly events = new DeviceIndex<KioskEventRecord>((r) => r.kioskId);
  /** Readings held. */
  readings = 0;

  add(end: LogPosition, batch: TelemetryBatch): void {
    this.entries.push({ end, batch });
    for (const p of batch.packs) this.packs.add(p);
    for (const k of batch.kiosks) this.kiosks.add(k);
    for (const e of batch.events) this.events.add(e);
    this.readings += batch.packs.length + batch.kiosks.length + batch.events.length;
  }

  /** Forgets every entry that ends at or before `position` (the store has it now). */
  release(position: LogPosition): void {
    while (this.head < this.entries.length && this.entries[this.head]!.end <= position) {
      const { batch } = this.entries[this.head]!;
      this.entries[this.head++] = undefined as never;
      for (const p of batch.packs) this.packs.drop(p);
      for (const k of batch.kiosks) this.kiosks.drop(k);
      for (const e of batch.events) this.events.drop(e);
      this.readings -= batch.packs.length + batch.kiosks.length + batch.events.length;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Receive time of the oldest reading held, or null. */
  oldestReceivedAtMs(): number | null {
    for (let i = this.head; i < this.entries.length; i++) {
      const b = this.entries[i]!.batch;
      const first = b.packs[0] ?? b.kiosks[0] ?? b.events[0];
      if (first) return first.receivedAtMs;
    }
    return null;
  }

  packReadings(packId: string, q: RangeQuery): PackReading[] {
    return inRange(this.packs.of(packId), q);
  }
  kioskReadings(kioskId: string, q: RangeQuery): KioskReading[] {
    return inRange(this.kiosks.of(kioskId), q);
  }
  kioskEvents(kioskId: string, q: RangeQuery): KioskEventRecord[] {
    return inRange(this.events.of(kioskId), q);
  }
  /** Every pack reading held in [fromMs, toMs), optionally of one pack. */
  packsIn(fromMs: number, toMs: number, packId?: string): PackReading[] {
    const lists = packId === undefined ? [...this.packs.values()] : [this.packs.of(packId)];
    return lists.flatMap((l) => l.filter((r) => r.atMs >= fromMs && r.atMs < toMs));
  }
  eventsIn(fromMs: number, toMs: number, kioskId?: string): KioskEventRecord[] {
    const lists = kioskId === undefined ? [...this.events.values()] : [this.events.of(kioskId)];
    return lists.flatMap((l) => l.filter((r) => r.atMs >= fromMs && r.atMs < toMs));
  }

  /** The newest held reading per pack (by device time, then seq). */
  latestPacks(): PackReading[] {
    return [...this.packs.values()].map((l) => l.reduce((a, b) => (isNewer(b, a) ? b : a)));
  }
  latestKiosks(): KioskReading[] {
    return [...this.kiosks.values()].map((l) => l.reduce((a, b) => (isNewer(b, a) ? b : a)));
  }
}

function inRange<R extends Timed>(rows: readonly R[], q: RangeQuery): R[] {
  return rows.filter((r) => r.atMs >= q.fromMs && r.atMs < q.toMs);
}

export function isNewer(a: Timed, b: Timed | undefined): boolean {
  return !b || a.atMs > b.atMs || (a.atMs === b.atMs && a.seq > b.seq);
}

/**
 * Stored rows plus unstored ones, each (boot, seq) once, in the store's order (point time, then
 * seq), cut to the limit. Exact: the store returned its first `limit` rows, and no row beyond them
 * can come before a row of the answer.
 */
export function mergeRange<R extends Timed>(stored: R[], unstored: R[], q: RangeQuery, deviceKey: (r: R) => string): R[] {
  if (unstored.length === 0) return stored;
  const key = (r: R): string => `${deviceKey(r)}\u0000${r.bootId}\u0000${r.seq}`;
  const seen = new Set(stored.map(key));
  const rows = stored.slice();
  for (const r of unstored) {
    const k = key(r);
    if (seen.has(k)) continue;
    seen.add(k);
    rows.push(r);
  }
  const dir = q.order === 'desc' ? -1 : 1;
  rows.sort((a, b) => dir * (a.atMs - b.atMs || a.seq - b.seq));
  return rows.slice(0, q.limit ?? DEFAULT_RANGE_LIMIT);
}
