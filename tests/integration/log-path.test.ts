// The path behind the PUBACK, through the whole system over real MQTT: what a PUBACK acknowledged
// is readable at once although the store has not written it yet (and after a restart), a custody
// failure neither holds a PUBACK nor loses the event (it is retried from the log's cursor), and a
// corrupt segment in the middle of the log is reported in /healthz with the readings it held.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { topics } from '../../domain/topics.ts';
import { encodePackTelemetry, v1 } from '../../proto/codec.ts';
import type { LoggedTelemetryStore } from '../../store/log/logged-store.ts';
import { HEADER_BYTES, scanRecords } from '../../store/log/record-format.ts';
import { ScriptedKiosk } from '../helpers/kiosk-client.ts';
import { eventually, startTestSystem, type TestSystem } from '../helpers/system.ts';

// The store writer waits a minute for a full batch: during a test nothing reaches the store.
const STORE_IDLE = { storeFlushMs: 60_000, storeBatchMax: 1_000_000 };
const started: TestSystem[] = [];
const dirs: string[] = [];

async function start(config: Record<string, unknown>, dataDir?: string): Promise<TestSystem> {
  const t = await startTestSystem({ config, ...(dataDir ? { dataDir } : {}) });
  started.push(t);
  dirs.push(t.dataDir);
  return t;
}

afterEach(async () => {
  for (const t of started.splice(0)) await t.stop({ keepData: true }).catch(() => {});
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const reading = (seq: number, socPct: number) =>
  Buffer.from(encodePackTelemetry({ header: { bootId: 11, seq, sentAtMs: Date.now() - 1000 + seq, firmware: 'fw' }, socPct, voltageMv: 3900, tempC: 21, sohPct: 97, state: v1.PackState.PACK_STATE_DISCHARGING }));

async function get(t: TestSystem, url: string) {
  const res = await t.sys.api.inject({ url, headers: t.admin });
  expect(res.statusCode, url).toBe(200);
  return res.json();
}

describe('read-your-writes behind the log', () => {
  it('shows every acknowledged reading, status and event at once, before the store has them, and after a restart', async () => {
    const t = await start(STORE_IDLE);
    const pack = await t.provision('pack', 'ryw-p1');
    const kiosk = await t.provision('kiosk', 'ryw-k1');
    const pc = await t.connect('ryw-p1', pack.password);
    const k = await ScriptedKiosk.attach('ryw-k1', await t.connect('ryw-k1', kiosk.password));
    for (let seq = 1; seq <= 5; seq++) {
      await pc.publishAsync(topics.packTelemetry('ryw-p1'), reading(seq, 50 + seq), { qos: 1 });
      // The PUBACK is in: the reading is readable now, without waiting for anything.
      expect((await get(t, '/v1/packs/ryw-p1')).latest.socPct).toBe(50 + seq);
      expect((await get(t, '/v1/packs/ryw-p1/readings?limit=100&order=asc')).readings.map((r: { seq: number }) => r.seq)).toEqual(Array.from({ length: seq }, (_, i) => i + 1));
    }
    await k.status([{ index: 0, packId: 'ryw-p1', socPct: 55 }, { index: 1 }]);
    expect((await get(t, '/v1/kiosks/ryw-k1')).slots[0]).toMatchObject({ packId: 'ryw-p1', state: 'CHARGING' });
    expect((await get(t, '/v1/kiosks/ryw-k1/readings')).readings).toHaveLength(1);
    await k.inserted(1, 'ryw-p9');
    expect((await get(t, '/v1/kiosks/ryw-k1/events')).events).toEqual([expect.objectContaining({ type: 'pack_inserted', packId: 'ryw-p9', slot: 1 })]);

    // Nothing of it is in the store itself yet: the answers came from the log's unstored tail.
    const store = t.sys.store as LoggedTelemetryStore;
    expect(await store.backing.packReadings('ryw-p1', { fromMs: 0, toMs: Date.now() + 1000 })).toEqual([]);
    expect(t.sys.health().store).toMatchObject({ spool: { depth: 7 } });

    // A restart reads the log again: the same answers, live state included.
    const dataDir = t.dataDir;
    await t.stop({ keepData: true });
    started.splice(started.indexOf(t), 1);
    const again = await start(STORE_IDLE, dataDir);
    expect((await get(again, '/v1/packs/ryw-p1')).latest.socPct).toBe(55);
    expect((await get(again, '/v1/packs/ryw-p1/readings?limit=100')).readings).toHaveLength(5);
    expect((await get(again, '/v1/kiosks/ryw-k1')).slots[0]).toMatchObject({ packId: 'ryw-p1' });
    expect((await get(again, '/v1/kiosks/ryw-k1/events')).events).toHaveLength(1);
  }, 120_000);
});

describe('custody behind the log', () => {
  it('acknowledges kiosk events while custody fails, then applies them from the cursor, once', async () => {
    const t = await start({});
    const imported = await t.sys.api.inject({
      method: 'POST',
      url: '/v1/registry/import',
      headers: t.admin,
      payload: {
        stores: [{ id: 'store-l', name: 'Log Street', lat: 51.5, lon: -0.1, timeZone: 'Europe/London' }],
        kiosks: [{ id: 'kiosk-l', storeId: 'store-l', slotCount: 4 }],
        // In the store's back room: a kiosk of that store may plausibly report them (custody plausibility).
        packs: [
          { id: 'pack-l1', lot: 'L-1', hwRev: 'B', custody: { kind: 'warehouse', warehouseId: 'store-l' } },
          { id: 'pack-l2', lot: 'L-1', hwRev: 'B', custody: { kind: 'warehouse', warehouseId: 'store-l' } },
        ],
      },
    });
    expect(imported.statusCode).toBe(200);
    const { password } = await t.provision('kiosk', 'kiosk-l');
    const k = await ScriptedKiosk.attach('kiosk-l', await t.connect('kiosk-l', password));

    // The registry's event write fails twice (a database hiccup), then works again.
    const fleet = t.sys.fleet;
    const real = fleet.applyEvent.bind(fleet);
    let failuresLeft = 2;
    fleet.applyEvent = (...args: Parameters<typeof real>) => (failuresLeft-- > 0 ? Promise.reject(new Error('injected: registry unavailable')) : real(...args));

    // Both PUBACKs arrive: custody is not in front of them.
    await k.inserted(0, 'pack-l1');
    await k.inserted(1, 'pack-l2');
    await eventually(() => t.sys.custodyConsumer.failures >= 2, 10_000, 'two failed attempts');
    await eventually(() => fleet.pack('pack-l2')?.custody.kind === 'slot', 10_000, 'custody applied after the retries');
    expect(fleet.pack('pack-l1')?.custody).toEqual({ kind: 'slot', kioskId: 'kiosk-l', slot: 0 });
    expect(fleet.pack('pack-l2')?.custody).toEqual({ kind: 'slot', kioskId: 'kiosk-l', slot: 1 });
    expect(t.sys.custodyConsumer).toMatchObject({ consecutiveFailures: 0, lastError: 'injected: registry unavailable' });
    expect(failuresLeft).toBeLessThan(0);
    // Each insertion moved custody once, whatever the retries.
    const history = await get(t, '/v1/packs/pack-l1/custody');
    expect(history.changes.filter((h: { to: { kind: string } }) => h.to.kind === 'slot')).toHaveLength(1);
  }, 60_000);
});

describe('corruption in the middle of the log', () => {
  it('reports a corrupt sealed segment in /healthz with the readings it held, and serves everything else', async () => {
    const t = await start({ ...STORE_IDLE, logSegmentBytes: 4096 });
    const pack = await t.provision('pack', 'cor-p1');
    const pc = await t.connect('cor-p1', pack.password);
    for (let seq = 1; seq <= 60; seq++) await pc.publishAsync(topics.packTelemetry('cor-p1'), reading(seq, seq), { qos: 1 });
    const dataDir = t.dataDir;
    await t.stop({ keepData: true });
    started.splice(started.indexOf(t), 1);

    const logDir = join(dataDir, 'log');
    const segments = readdirSync(logDir).filter((f) => f.startsWith('seg-')).sort();
    expect(segments.length).toBeGreaterThan(2);
    const victim = join(logDir, segments[1]!);
    const bytes = readFileSync(victim);
    const rec = scanRecords(bytes, 0).records[0]!;
    const lost = (JSON.parse(rec.payload.toString()) as { packs: { seq: number }[] }).packs.map((p) => p.seq);
    expect(lost.length).toBeGreaterThan(0);
    bytes[rec.offset + HEADER_BYTES + 5]! ^= 0xff;
    writeFileSync(victim, bytes);

    const again = await start({ ...STORE_IDLE, logSegmentBytes: 4096 }, dataDir);
    const h = (await again.sys.api.inject({ url: '/healthz', headers: again.admin })).json();
    expect(h.status).toBe('degraded');
    expect(h.store.log.corrupt).toEqual([expect.objectContaining({ where: victim, offset: rec.offset, readingsAffected: lost.length, reason: 'checksum mismatch' })]);
    expect(h.store.log.corruptReadings).toBe(lost.length);
    const seqs = (await get(again, '/v1/packs/cor-p1/readings?limit=1000&order=asc')).readings.map((r: { seq: number }) => r.seq);
    expect(seqs).toEqual(Array.from({ length: 60 }, (_, i) => i + 1).filter((s) => !lost.includes(s)));
  }, 120_000);
});
