// Issue 9, finding 2: the quarantine as a disk filler. One pack, within its publish rate, sends
// hundreds of distinct 60 KB payloads that all fail; a kiosk sends a malformed swap request with a
// card token. Real broker, real MQTT, real DuckDB file.
import { randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../../domain/topics.ts';
import { encodeSwapRequest } from '../../proto/codec.ts';
import { startTestSystem, type TestSystem } from '../helpers/system.ts';

const FLOOD = 300;
const PAYLOAD = 60_000;
const ENTRIES_PER_H = 50;
const BYTES_PER_H = 256 * 1024;
let t: TestSystem;

/** Field 100, length-delimited, 60 KB of random bytes: valid wire format, no header. */
const poison = () => Buffer.concat([Buffer.from([0xa2, 0x06, 0xe0, 0xd4, 0x03]), randomBytes(PAYLOAD)]);
const dbBytes = () => statSync(join(t.dataDir, 'chargefleet.duckdb')).size + (() => { try { return statSync(join(t.dataDir, 'chargefleet.duckdb.wal')).size; } catch { return 0; } })();

type Item = { deviceId: string; reason: string; payloadBase64: string; payloadBytes: number; keptBytes: number; sha256: string | null; detail: string };

beforeAll(async () => {
  // The flood is generated in this process: its work lags the shared event loop, and the overload
  // guard (tested on its own in overload.test.ts) would cut the pack off. This test is about the budget.
  t = await startTestSystem({ config: { quarantineEntriesPerH: ENTRIES_PER_H, quarantineBytesPerH: BYTES_PER_H, ingestMaxLoopLagMs: 0 } });
});
afterAll(async () => {
  await t?.stop();
});

describe('a pack flooding the quarantine', () => {
  it('gets its budget and no more: the database barely grows, the rest is counted', async () => {
    const { password } = await t.provision('pack', 'pack-flood');
    const c = await t.connect('pack-flood', password);
    const before = dbBytes();
    const topic = topics.packTelemetry('pack-flood');
    // 300 × 60 KB at QoS 1, under the 200/s publish rate: every one is acknowledged (quarantined).
    for (let i = 0; i < FLOOD; i += 50) await Promise.all(Array.from({ length: 50 }, () => c.publishAsync(topic, poison(), { qos: 1 })));
    await c.publishAsync(topic, poison(), { qos: 1 }).then(() => undefined);
    expect(c.connected).toBe(true);
    const growth = dbBytes() - before;
    // Unbounded, this was FLOOD × 60 KB = 18 MB. The budget keeps 256 KiB of payload plus row overhead.
    expect(growth).toBeLessThan(4 * 1024 * 1024);
    const counters = t.sys.health().ingest['quarantineBudget'] as { stored: number; dropped: number; headOnly: number };
    expect(counters.stored).toBe(ENTRIES_PER_H);
    expect(counters.dropped).toBe(FLOOD + 1 - ENTRIES_PER_H);

    const res = await t.sys.api.inject({ url: '/v1/quarantine?limit=1000', headers: t.admin });
    expect(res.statusCode).toBe(200);
    const items = (res.json().items as Item[]).filter((i) => i.deviceId === 'pack-flood');
    expect(items).toHaveLength(ENTRIES_PER_H);
    const kept = items.reduce((n, i) => n + i.keptBytes, 0);
    expect(kept).toBeLessThanOrEqual(BYTES_PER_H + 4096 + ENTRIES_PER_H * 64);
    for (const i of items) {
      expect(i.payloadBytes).toBe(PAYLOAD + 5);
      expect(i.keptBytes).toBeLessThanOrEqual(4096);
      expect(i.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('pages GET /v1/quarantine by bytes as well as entries', async () => {
    const res = await t.sys.api.inject({ url: '/v1/quarantine?limit=1000&maxBytes=20000', headers: t.admin });
    const body = res.json() as { items: Item[]; nextCursor: number | null };
    const kept = body.items.reduce((n, i) => n + i.keptBytes, 0);
    // Stops at the first entry that reaches the budget: under 20,000 + one entry.
    expect(kept).toBeLessThan(20_000 + 4097);
    expect(body.items.length).toBeLessThan(ENTRIES_PER_H);
    expect(body.nextCursor).not.toBeNull();
    const next = await t.sys.api.inject({ url: `/v1/quarantine?limit=1000&maxBytes=20000&cursor=${body.nextCursor}`, headers: t.admin });
    const ids = (next.json().items as { id: number }[]).map((i) => i.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(Math.max(...ids)).toBeLessThan(body.nextCursor!);
  });

  it('does not keep a card token of a malformed swap request in clear', async () => {
    const { password } = await t.provision('kiosk', 'kiosk-q');
    const c = await t.connect('kiosk-q', password);
    // A request id longer than 64 characters: quarantined as CF_ERR_INGEST_BAD_ID.
    const bad = encodeSwapRequest({ header: { bootId: 1, seq: 1, sentAtMs: Date.now(), firmware: 'k' }, requestId: 'r'.repeat(80), customerToken: 'card-7Q2M-91XK-PLUS' });
    await c.publishAsync(topics.swapRequests('kiosk-q'), Buffer.from(bad), { qos: 1 });
    const res = await t.sys.api.inject({ url: '/v1/quarantine?limit=10', headers: t.admin });
    const mine = (res.json().items as Item[]).filter((i) => i.deviceId === 'kiosk-q');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.reason).toBe('CF_ERR_INGEST_BAD_ID');
    const stored = Buffer.from(mine[0]!.payloadBase64, 'base64');
    expect(stored.includes('card-7Q2M-91XK-PLUS')).toBe(false);
    expect(stored.includes('r'.repeat(80))).toBe(true);
  });

  it('records how many rejects were only counted, and expires old entries after CF_QUARANTINE_RETENTION_D', async () => {
    const dir = t.dataDir;
    await t.stop({ keepData: true });
    // The shutdown wrote one summary entry for the counted-only rejects of the flood hour.
    t = await startTestSystem({ dataDir: dir });
    const res = await t.sys.api.inject({ url: '/v1/quarantine?limit=1000&reason=CF_ERR_INGEST_QUARANTINE_BUDGET', headers: t.admin });
    const summaries = (res.json().items as Item[]).filter((i) => i.deviceId === 'pack-flood');
    expect(summaries.map((i) => i.detail)).toEqual([expect.stringContaining(`${FLOOD + 1 - ENTRIES_PER_H} rejects`)]);
    await t.stop({ keepData: true });
    // Fifteen days later the restart's retention pass (14 days by default) deletes all of it.
    t = await startTestSystem({ dataDir: dir, clock: { now: () => Date.now() + 15 * 86_400_000 } });
    const later = await t.sys.api.inject({ url: '/v1/quarantine?limit=1000', headers: t.admin });
    expect(later.json().total).toBe(0);
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
    t = await startTestSystem();
  });
});
