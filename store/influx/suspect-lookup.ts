// Redeliveries of clock-suspect readings. Their point time is the server's receive time, which a
// redelivery does not share, so the point would not overwrite itself: look the reading up by
// (device, bootId, seq) in a window before its time and drop it from the write when found.
import type { TelemetryBatch } from '../telemetry-store.ts';
import { readingKey } from '../log/dedupe-batch.ts';
import { ident, lit, timeRange, type InfluxQlClient } from './influxql.ts';
import { MEASUREMENT, packBucket } from './line-protocol.ts';

/** A redelivery later than this after the original is not recognised (and is stored twice). */
export const SUSPECT_LOOKBACK_MS = 7 * 86_400_000;
const PER_QUERY = 100;

interface Probe {
  atMs: number;
  /** Tag and field conditions naming exactly this reading. */
  where: string;
}

const ids = (bootId: number, seq: number): string => `boot_id = ${Math.trunc(bootId)} AND seq = ${Math.trunc(seq)}`;

/** Keys (readingKey, prefixed by kind) of suspect readings already stored. */
async function stored(ql: InfluxQlClient, from: (m: string) => string, measurement: string, idColumn: string, probes: Probe[], kind: string): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < probes.length; i += PER_QUERY) {
    const chunk = probes.slice(i, i + PER_QUERY);
    const minAt = Math.min(...chunk.map((p) => p.atMs));
    const maxAt = Math.max(...chunk.map((p) => p.atMs));
    const sql = `SELECT ${ident(idColumn)}, boot_id, seq FROM ${from(measurement)} WHERE (${chunk.map((p) => `(${p.where})`).join(' OR ')}) AND ${timeRange(minAt - SUSPECT_LOOKBACK_MS, maxAt + 1)}`;
    for (const row of await ql.rows(sql)) {
      found.add(`${kind}:${readingKey(String(row[idColumn]), Number(row.boot_id), Number(row.seq))}`);
    }
  }
  return found;
}

/** Removes clock-suspect readings that InfluxDB already holds; returns the batch and how many went. */
export async function dropStoredSuspects(ql: InfluxQlClient, from: (m: string) => string, batch: TelemetryBatch): Promise<{ batch: TelemetryBatch; duplicates: number }> {
  const packs = batch.packs.filter((r) => r.clockSuspect);
  const kiosks = batch.kiosks.filter((r) => r.clockSuspect);
  const events = batch.events.filter((r) => r.clockSuspect);
  if (packs.length + kiosks.length + events.length === 0) return { batch, duplicates: 0 };

  const found = new Set<string>();
  const add = (s: Set<string>): void => s.forEach((k) => found.add(k));
  if (packs.length > 0) {
    const probes = packs.map((r) => ({ atMs: r.atMs, where: `pb = ${lit(packBucket(r.packId))} AND pack_id = ${lit(r.packId)} AND ${ids(r.bootId, r.seq)}` }));
    add(await stored(ql, from, MEASUREMENT.pack, 'pack_id', probes, 'p'));
  }
  if (kiosks.length > 0) {
    const probes = kiosks.map((r) => ({ atMs: r.atMs, where: `kiosk_id = ${lit(r.kioskId)} AND ${ids(r.bootId, r.seq)}` }));
    add(await stored(ql, from, MEASUREMENT.kiosk, 'kiosk_id', probes, 'k'));
  }
  if (events.length > 0) {
    const probes = events.map((r) => ({ atMs: r.atMs, where: `kiosk_id = ${lit(r.kioskId)} AND ${ids(r.bootId, r.seq)}` }));
    add(await stored(ql, from, MEASUREMENT.event, 'kiosk_id', probes, 'e'));
  }
  if (found.size === 0) return { batch, duplicates: 0 };
  const keep = <T extends { clockSuspect: boolean; bootId: number; seq: number }>(rows: T[], kind: string, id: (r: T) => string): T[] =>
    rows.filter((r) => !r.clockSuspect || !found.has(`${kind}:${readingKey(id(r), r.bootId, r.seq)}`));
  const out: TelemetryBatch = {
    packs: keep(batch.packs, 'p', (r) => r.packId),
    kiosks: keep(batch.kiosks, 'k', (r) => r.kioskId),
    events: keep(batch.events, 'e', (r) => r.kioskId),
  };
  const before = batch.packs.length + batch.kiosks.length + batch.events.length;
  return { batch: out, duplicates: before - (out.packs.length + out.kiosks.length + out.events.length) };
}
