// Drops readings repeated inside one batch (same device, bootId, seq; first one wins), so stores
// that cannot tell stored duplicates (InfluxDB, the spool) still count the ones they can see.
import type { TelemetryBatch } from '../telemetry-store.ts';

export const readingKey = (id: string, bootId: number, seq: number): string => `${id}\u0000${bootId}\u0000${seq}`;

function unique<T>(rows: T[], key: (r: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const r of rows) {
    const k = key(r);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  return out;
}

export function dedupeBatch(batch: TelemetryBatch): { batch: TelemetryBatch; duplicates: number } {
  const packs = unique(batch.packs, (r) => readingKey(r.packId, r.bootId, r.seq));
  const kiosks = unique(batch.kiosks, (r) => readingKey(r.kioskId, r.bootId, r.seq));
  const events = unique(batch.events, (r) => readingKey(r.kioskId, r.bootId, r.seq));
  const before = batch.packs.length + batch.kiosks.length + batch.events.length;
  const after = packs.length + kiosks.length + events.length;
  return { batch: after === before ? batch : { packs, kiosks, events }, duplicates: before - after };
}
