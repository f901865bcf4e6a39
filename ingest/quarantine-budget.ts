// What the quarantine keeps of a rejected message, so that one device cannot fill the disk with
// it: secrets are redacted, identical payloads are kept once per hour, raw bytes are bounded per
// entry, and each device has an hourly budget of entries and bytes. Past the byte budget only a
// hash and the first bytes are kept; past the entry budget rejects are only counted, and one
// summary entry per device and hour records how many. Synchronous and cheap: it runs on the batch
// handed to the registry, never per message on the socket path.
import { createHash } from 'node:crypto';
import { parseTopic } from '../domain/topics.ts';
import type { QuarantineRecord } from '../store/registry.ts';

export interface QuarantineBudgetLimits {
  /** Entries one device may add per hour before rejects are only counted. */
  entriesPerHour: number;
  /** Payload bytes one device may store per hour before only a hash and the first bytes are kept. */
  bytesPerHour: number;
  /** Raw bytes kept of any one payload. */
  maxPayloadBytes: number;
  /** Bytes kept of a payload once the byte budget is spent. */
  headBytes: number;
}

export const DEFAULT_QUARANTINE_BUDGET: Readonly<QuarantineBudgetLimits> = Object.freeze({
  entriesPerHour: 200,
  bytesPerHour: 1024 * 1024,
  maxPayloadBytes: 4096,
  headBytes: 64,
});

const HOUR_MS = 3_600_000;
/** Distinct payload hashes remembered per device and hour for dedupe. */
const DEDUPE_MAX = 512;
/** Devices tracked at once; the oldest windows are dropped first (a flood of ids must not grow this). */
const DEVICES_MAX = 100_000;

interface Window {
  startMs: number;
  entries: number;
  bytes: number;
  seen: Set<string>;
  droppedEntries: number;
  droppedBytes: number;
  deduped: number;
  topic: string;
}

export interface QuarantineBudgetCounters {
  stored: number;
  /** Payloads cut to maxPayloadBytes. */
  truncated: number;
  /** Entries past the byte budget, kept as hash + head. */
  headOnly: number;
  /** Rejects past the entry budget: counted, not stored. */
  dropped: number;
  /** Identical payloads of the same device within the hour: not stored again. */
  deduped: number;
  /** Payloads whose secrets were blanked. */
  redacted: number;
}

export class QuarantineBudget {
  readonly counters: QuarantineBudgetCounters = { stored: 0, truncated: 0, headOnly: 0, dropped: 0, deduped: 0, redacted: 0 };
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limits: QuarantineBudgetLimits = DEFAULT_QUARANTINE_BUDGET,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** The records to store for this batch (possibly fewer, smaller, and with summaries of earlier hours). */
  admit(records: readonly QuarantineRecord[]): QuarantineRecord[] {
    const out: QuarantineRecord[] = [];
    const now = this.nowMs();
    for (const rec of records) {
      const key = rec.deviceId ?? '';
      const w = this.window(key, rec.topic, now, out);
      const redacted = redactSecrets(rec.topic, rec.payload);
      if (redacted !== rec.payload) this.counters.redacted++;
      const sha256 = createHash('sha256').update(redacted).digest('hex');
      const dedupeKey = `${rec.reason}\u0000${sha256}`;
      if (w.seen.has(dedupeKey)) {
        w.deduped++;
        this.counters.deduped++;
        continue;
      }
      if (w.entries >= this.limits.entriesPerHour) {
        w.droppedEntries++;
        w.droppedBytes += rec.payload.length;
        this.counters.dropped++;
        continue;
      }
      if (w.seen.size < DEDUPE_MAX) w.seen.add(dedupeKey);
      let keep = this.limits.maxPayloadBytes;
      let note = '';
      if (w.bytes >= this.limits.bytesPerHour) {
        keep = this.limits.headBytes;
        this.counters.headOnly++;
        note = 'byte budget spent: first bytes only';
      } else if (redacted.length > keep) {
        this.counters.truncated++;
        note = 'truncated';
      }
      const payload = redacted.length > keep ? redacted.subarray(0, keep) : redacted;
      w.entries++;
      w.bytes += payload.length;
      this.counters.stored++;
      const detail = note ? `${rec.detail} [${note}: kept ${payload.length} of ${rec.payload.length} bytes]` : rec.detail;
      out.push({ ...rec, detail: detail.slice(0, 512), payload, payloadBytes: rec.payload.length, sha256 });
    }
    return out;
  }

  private window(key: string, topic: string, now: number, out: QuarantineRecord[]): Window {
    let w = this.windows.get(key);
    if (w && now - w.startMs >= HOUR_MS) {
      this.summarise(key, w, out);
      this.windows.delete(key);
      w = undefined;
    }
    if (!w) {
      if (this.windows.size >= DEVICES_MAX) {
        // Map iteration is insertion order: the first is the oldest window.
        const [oldKey, old] = this.windows.entries().next().value as [string, Window];
        this.summarise(oldKey, old, out);
        this.windows.delete(oldKey);
      }
      w = { startMs: now, entries: 0, bytes: 0, seen: new Set(), droppedEntries: 0, droppedBytes: 0, deduped: 0, topic };
      this.windows.set(key, w);
    }
    return w;
  }

  /** One entry that says how many rejects of that hour were only counted. */
  private summarise(key: string, w: Window, out: QuarantineRecord[]): void {
    // Only when something was not kept at all; identical payloads are counted in health, not here.
    if (w.droppedEntries === 0) return;
    out.push({
      atMs: w.startMs + HOUR_MS,
      deviceId: key === '' ? null : key,
      topic: w.topic,
      reason: 'CF_ERR_INGEST_QUARANTINE_BUDGET',
      detail: `quarantine budget: ${w.droppedEntries} rejects (${w.droppedBytes} bytes) counted but not kept, ${w.deduped} identical payloads not kept again, in the hour from ${new Date(w.startMs).toISOString()}`,
      payload: new Uint8Array(0),
      payloadBytes: 0,
    });
  }

  /** Summaries of every window that has counted-only rejects (e.g. at shutdown, or for a test). */
  flushSummaries(): QuarantineRecord[] {
    const out: QuarantineRecord[] = [];
    for (const [key, w] of this.windows) {
      this.summarise(key, w, out);
      w.droppedEntries = 0;
      w.droppedBytes = 0;
      w.deduped = 0;
    }
    return out;
  }
}

const REDACTED = new TextEncoder().encode('[redacted]');

/**
 * A swap request carries the customer's card token (field 3, customer_token). A malformed one must
 * not keep it in clear: the field's bytes are replaced by "[redacted]". When the payload's tags
 * cannot even be walked, the token could be anywhere, so nothing of it is kept (an empty payload;
 * not even a hash of the original: a card token has too little entropy to hide behind one).
 */
export function redactSecrets(topic: string, payload: Uint8Array): Uint8Array {
  const t = parseTopic(topic);
  if (!t.ok || t.kind !== 'kiosk.swap.requests') return payload;
  const parts: Uint8Array[] = [];
  let i = 0;
  const n = payload.length;
  const varint = (): number | null => {
    let v = 0;
    let mul = 1;
    for (let k = 0; k < 10 && i < n; k++) {
      const b = payload[i++]!;
      v += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return v;
      mul *= 128;
    }
    return null;
  };
  while (i < n) {
    const start = i;
    const key = varint();
    const keyEnd = i;
    if (key === null) return new Uint8Array(0);
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) {
      if (varint() === null) return new Uint8Array(0);
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else if (wire === 2) {
      const len = varint();
      if (len === null || i + len > n) return new Uint8Array(0);
      if (field === 3) {
        parts.push(payload.subarray(start, keyEnd), Uint8Array.of(REDACTED.length), REDACTED);
        i += len;
        continue;
      }
      i += len;
    } else return new Uint8Array(0);
    if (i > n) return new Uint8Array(0);
    parts.push(payload.subarray(start, i));
  }
  return Buffer.concat(parts);
}
