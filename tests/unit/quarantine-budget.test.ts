// ingest/quarantine-budget.ts: what the quarantine keeps of a flood of rejects from one device.
import { describe, expect, it } from 'vitest';
import { QuarantineBudget, redactSecrets } from '../../ingest/quarantine-budget.ts';
import { encodeSwapRequest } from '../../proto/codec.ts';
import type { QuarantineRecord } from '../../store/registry.ts';

const T0 = Date.UTC(2026, 10, 24, 12);
const limits = { entriesPerHour: 5, bytesPerHour: 1000, maxPayloadBytes: 300, headBytes: 16 };
const rec = (i: number, bytes = 100, deviceId: string | null = 'pack-1', topic = 'fleet/v1/packs/pack-1/telemetry'): QuarantineRecord => ({
  atMs: T0, deviceId, topic, reason: 'CF_ERR_INGEST_DECODE', detail: 'bad', payload: Uint8Array.from({ length: bytes }, (_, k) => (i * 31 + k) & 0xff),
});

describe('QuarantineBudget', () => {
  it('keeps identical payloads of one device once per hour', () => {
    let now = T0;
    const b = new QuarantineBudget(limits, () => now);
    expect(b.admit([rec(1), rec(1), rec(1)])).toHaveLength(1);
    expect(b.admit([rec(1)])).toHaveLength(0);
    expect(b.counters.deduped).toBe(3);
    // Another device sending the same bytes is its own story.
    expect(b.admit([rec(1, 100, 'pack-2')])).toHaveLength(1);
    now += 3_600_000;
    // A new hour: the payload is kept again; nothing was dropped, so no summary entry.
    expect(b.admit([rec(1)]).map((r) => r.reason)).toEqual(['CF_ERR_INGEST_DECODE']);
  });

  it('bounds the raw bytes of one entry, keeping the received size and a hash', () => {
    const b = new QuarantineBudget(limits, () => T0);
    const [r] = b.admit([rec(1, 900)]);
    expect(r!.payload.length).toBe(300);
    expect(r!.payloadBytes).toBe(900);
    expect(r!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r!.detail).toContain('kept 300 of 900 bytes');
  });

  it('past the byte budget keeps only the first bytes; past the entry budget only counts, and says so once per hour', () => {
    let now = T0;
    const b = new QuarantineBudget(limits, () => now);
    const kept = b.admit(Array.from({ length: 20 }, (_, i) => rec(i, 300)));
    // 300 + 300 + 300 + 300 bytes reach the 1,000-byte budget after four; the fifth keeps 16 bytes.
    expect(kept.map((r) => r.payload.length)).toEqual([300, 300, 300, 300, 16]);
    expect(b.counters).toMatchObject({ stored: 5, headOnly: 1, dropped: 15 });
    now += 3_600_000;
    const [summary] = b.admit([rec(99)]);
    expect(summary).toMatchObject({ deviceId: 'pack-1', reason: 'CF_ERR_INGEST_QUARANTINE_BUDGET', atMs: T0 + 3_600_000 });
    expect(summary!.detail).toContain('15 rejects (4500 bytes) counted but not kept');
  });

  it('flushSummaries reports the counted-only rejects of the current hour once', () => {
    const b = new QuarantineBudget(limits, () => T0);
    b.admit(Array.from({ length: 8 }, (_, i) => rec(i, 10)));
    expect(b.flushSummaries().map((r) => r.detail)).toEqual([expect.stringContaining('3 rejects (30 bytes)')]);
    expect(b.flushSummaries()).toEqual([]);
  });
});

describe('redactSecrets', () => {
  const topic = 'fleet/v1/kiosks/k1/swap/requests';
  const header = { bootId: 1, seq: 1, sentAtMs: T0, firmware: 'k' };

  it("blanks the customer's card token of a swap request, keeping the rest", () => {
    const bytes = encodeSwapRequest({ header, requestId: 'x'.repeat(80), customerToken: 'card-7Q2M-91XK-PLUS', returnedPackId: 'p-1' });
    const out = Buffer.from(redactSecrets(topic, bytes));
    expect(out.includes('card-7Q2M')).toBe(false);
    expect(out.includes('[redacted]')).toBe(true);
    expect(out.includes('x'.repeat(80))).toBe(true);
    expect(out.includes('p-1')).toBe(true);
  });

  it('keeps nothing of a swap request whose tags cannot be walked (the token could be anywhere)', () => {
    const bytes = Buffer.concat([Buffer.from(encodeSwapRequest({ header, requestId: 'r', customerToken: 'card-SECRET' })), Buffer.from([0x1a, 0x7f])]);
    expect(redactSecrets(topic, bytes)).toHaveLength(0);
  });

  it('leaves other topics alone', () => {
    const bytes = Uint8Array.of(1, 2, 3);
    expect(redactSecrets('fleet/v1/packs/p/telemetry', bytes)).toBe(bytes);
  });

  it('the budget stores the redacted form', () => {
    const b = new QuarantineBudget(limits, () => T0);
    const payload = encodeSwapRequest({ header, requestId: '', customerToken: 'card-SECRET-42' });
    const [r] = b.admit([{ atMs: T0, deviceId: 'k1', topic, reason: 'CF_ERR_INGEST_BAD_ID', detail: 'request_id', payload }]);
    expect(Buffer.from(r!.payload).includes('card-SECRET')).toBe(false);
    expect(b.counters.redacted).toBe(1);
  });
});
