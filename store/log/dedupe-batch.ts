// Drops readings repeated inside one batch (same device, bootId, seq; first one wins), so stores
// that cannot tell stored duplicates (InfluxDB, the spool) still count the ones they can see.
import type { TelemetryBatch } from '../telemetry-store.ts';

export const readingKey = (id: string, bootId: number, seq: number): string => `${id}\u0000${bootId}\u0000${seq}`;

/**
 * Each key once, first wins. A device rarely appears twice in one batch, so keys are only built
 * for devices that do: on the hot path this costs a map entry per device, not a string per reading.
 */
function unique<T extends { bootId: number; seq: number }>(rows: T[], device: (r: T) => string): T[] {
  if (rows.length < 2) return rows;
  const perDevice = new Map<string, number>();
  let repeated = false;
  for (const r of rows) {
    const id = device(r);
    const n = (perDevice.get(id) ?? 0) + 1;
    perDevice.set(id, n);
    if (n > 1) repeated = true;
  }
  if (!repeated) return rows;
  const seen = new Set<string>();
  const out: T[] = [];
  for (const r of rows) {
    const id = device(r);
    if (perDevice.get(id) === 1) {
      out.push(r);
      continue;
    }
    const k = readingKey(id, r.bootId, r.seq);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  return out;
}

export function dedupeBatch(batch: TelemetryBatch): { batch: TelemetryBatch; duplicates: number } {
  const packs = unique(batch.packs, (r) => r.packId);
  const kiosks = unique(batch.kiosks, (r) => r.kioskId);
  const events = unique(batch.events, (r) => r.kioskId);
  const before = batch.packs.length + batch.kiosks.length + batch.events.length;
  const after = packs.length + kiosks.length + events.length;
  return { batch: after === before ? batch : { packs, kiosks, events }, duplicates: before - after };
}
