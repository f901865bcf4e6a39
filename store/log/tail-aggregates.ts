// Folds unstored readings into a store's aggregates, bucket by bucket, so aggregates see what a
// PUBACK acknowledged. count, mean, min and max are exact. first and last are exact when the
// caller passes the stored first/last reading of each touched bucket (it does for one pack);
// without it (a fleet-wide first or last) unstored readings are taken as the newest of their
// bucket, which is almost always true.
import type { KioskEventRecord, PackReading } from '../../domain/readings.ts';
import type { Bucket, EventCountQuery, EventCountRow, PackAggregateQuery } from '../telemetry-store.ts';

const bucketStart = (atMs: number, width: number): number => atMs - (((atMs % width) + width) % width);

/** The buckets (start times) that unstored readings fall into. */
export function bucketsOf(unstored: readonly PackReading[], bucketMs: number): number[] {
  return [...new Set(unstored.map((r) => bucketStart(r.atMs, bucketMs)))];
}

/**
 * @param storedEdge for first/last: the stored reading that is first (or last) in each touched
 * bucket, by bucket start; null where the store has none. Makes first and last exact.
 */
export function mergeAggregate(stored: Bucket[], unstored: readonly PackReading[], q: PackAggregateQuery, storedEdge?: Map<number, PackReading | null>): Bucket[] {
  if (unstored.length === 0) return stored;
  const byStart = new Map(stored.map((b) => [b.startMs, { ...b }]));
  const rows = [...unstored].sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
  // The reading that decides first/last so far, per bucket: the stored edge to begin with.
  const edge = new Map<number, PackReading | null>(storedEdge ?? []);
  for (const r of rows) {
    const v = r[q.field];
    const start = bucketStart(r.atMs, q.bucketMs);
    const b = byStart.get(start);
    if (!b) {
      byStart.set(start, { startMs: start, value: q.fn === 'count' ? 1 : v, count: 1 });
      if (!edge.has(start)) edge.set(start, r);
      else if (edge.get(start) === null) edge.set(start, r);
      continue;
    }
    if (storedEdge && (q.fn === 'first' || q.fn === 'last')) {
      const e = edge.get(start) ?? null;
      const earlier = e === null || r.atMs < e.atMs || (r.atMs === e.atMs && r.seq < e.seq);
      if ((q.fn === 'first' && earlier) || (q.fn === 'last' && !earlier)) {
        b.value = v;
        edge.set(start, r);
      }
      b.count += 1;
      continue;
    }
    switch (q.fn) {
      case 'count':
        b.value += 1;
        break;
      case 'mean':
        b.value = (b.value * b.count + v) / (b.count + 1);
        break;
      case 'min':
        b.value = Math.min(b.value, v);
        break;
      case 'max':
        b.value = Math.max(b.value, v);
        break;
      case 'first':
        break;
      case 'last':
        b.value = v;
        break;
    }
    b.count += 1;
  }
  return [...byStart.values()].sort((a, b) => a.startMs - b.startMs);
}

export function mergeEventCounts(stored: EventCountRow[], unstored: readonly KioskEventRecord[], q: EventCountQuery): EventCountRow[] {
  const mine = unstored.filter((e) => e.type === q.type);
  if (mine.length === 0) return stored;
  const key = (kioskId: string, startMs: number): string => `${kioskId}\u0000${startMs}`;
  const rows = new Map(stored.map((r) => [key(r.kioskId, r.startMs), { ...r }]));
  for (const e of mine) {
    const startMs = bucketStart(e.atMs, q.bucketMs);
    const k = key(e.kioskId, startMs);
    const row = rows.get(k);
    if (row) row.count++;
    else rows.set(k, { kioskId: e.kioskId, startMs, count: 1 });
  }
  return [...rows.values()].sort((a, b) => a.kioskId.localeCompare(b.kioskId) || a.startMs - b.startMs);
}
