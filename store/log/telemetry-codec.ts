// How a TelemetryBatch is stored in a log entry: UTF-8 JSON (format version 1 of the record, the
// same bytes the InfluxDB spool wrote, so an old spool directory replays as it is).
import type { TelemetryBatch } from '../telemetry-store.ts';
import type { EntryMeta, LogCodec, LogEntry } from './durable-log.ts';

export const telemetryCodec: LogCodec<TelemetryBatch> = {
  encode: (batch) => Buffer.from(JSON.stringify(batch), 'utf8'),
  decode: (bytes) => {
    const b = JSON.parse(bytes.toString('utf8')) as Partial<TelemetryBatch>;
    return { packs: b.packs ?? [], kiosks: b.kiosks ?? [], events: b.events ?? [] };
  },
};

export function readingsIn(b: TelemetryBatch): number {
  return b.packs.length + b.kiosks.length + b.events.length;
}

/** readings and the oldest receive time, for the entry's header. */
export function metaOf(b: TelemetryBatch, fallbackMs: number): EntryMeta {
  let oldest = Number.POSITIVE_INFINITY;
  for (const r of b.packs) if (r.receivedAtMs < oldest) oldest = r.receivedAtMs;
  for (const r of b.kiosks) if (r.receivedAtMs < oldest) oldest = r.receivedAtMs;
  for (const r of b.events) if (r.receivedAtMs < oldest) oldest = r.receivedAtMs;
  return { readings: readingsIn(b), oldestReceivedAtMs: Number.isFinite(oldest) ? oldest : fallbackMs };
}

/** Several entries as one batch, in log order. */
export function concatEntries(entries: readonly LogEntry<TelemetryBatch>[]): TelemetryBatch {
  if (entries.length === 1) return entries[0]!.value;
  const out: TelemetryBatch = { packs: [], kiosks: [], events: [] };
  for (const { value } of entries) {
    for (const p of value.packs) out.packs.push(p);
    for (const k of value.kiosks) out.kiosks.push(k);
    for (const e of value.events) out.events.push(e);
  }
  return out;
}
