// The whole system on CF_STORE=influx, as an operator runs it: devices publish over real MQTT,
// PUBACKs wait only for the local spool, InfluxDB (Debian's 1.6.7, behind the test's /api/v2/write
// mapping) is stopped mid-stream and started again, and every acknowledged reading ends up in
// InfluxDB exactly once while /healthz shows the backlog and the failure meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../../domain/topics.ts';
import { encodePackTelemetry } from '../../proto/codec.ts';
import type { LoggedTelemetryStore } from '../../store/log/logged-store.ts';
import { influxSkipReason, startInflux, type InfluxServer } from '../helpers/influx-server.ts';
import { eventually, startTestSystem, type TestSystem } from '../helpers/system.ts';

const skip = influxSkipReason() ?? (process.env.CF_TEST_INFLUX_URL ? 'CF_TEST_INFLUX_URL is set: this test must stop and start its own influxd' : null);
if (skip) console.warn(`skipping the system-on-InfluxDB test: ${skip}`);

let influx: InfluxServer;
let t: TestSystem;

beforeAll(async () => {
  if (skip) return;
  influx = await startInflux({ db: 'cf_system' });
  // Rounds of 200 publishes at once are a flood on purpose; the overload guard (tested on its own) is off.
  t = await startTestSystem({ config: { store: 'influx', influxUrl: influx.url, influxBucket: influx.db, influxFlushMs: 50, publishRatePerSec: 10_000, publishBurst: 10_000, ingestMaxLoopLagMs: 0 } });
}, 60_000);

afterAll(async () => {
  await t?.stop();
  await influx?.dispose();
});

describe.skipIf(skip !== null)('the system on InfluxDB', () => {
  it('acknowledges from the spool through an InfluxDB outage and delivers every acknowledged reading once', async () => {
    const packs = ['ix-p1', 'ix-p2'];
    const clients: Awaited<ReturnType<TestSystem['connect']>>[] = [];
    const firstPayload = new Map<string, Buffer>();
    for (const id of packs) {
      const { password } = await t.provision('pack', id);
      clients.push(await t.connect(id, password));
    }
    const acked = new Map<string, Set<number>>(packs.map((p) => [p, new Set()]));
    let seq = 0;
    const publishRound = async (n: number) => {
      const sends: Promise<void>[] = [];
      for (let i = 0; i < n; i++) {
        seq++;
        packs.forEach((id, j) => {
          const s = seq;
          const payload = Buffer.from(encodePackTelemetry({ header: { bootId: 9, seq: s, sentAtMs: Date.now() - 60_000 + s, firmware: 'ix' }, socPct: s % 100, voltageMv: 3800, tempC: 22, sohPct: 95, state: 2 }));
          if (s === 1) firstPayload.set(id, payload);
          sends.push(clients[j]!.publishAsync(topics.packTelemetry(id), payload, { qos: 1 }).then(() => void acked.get(id)!.add(s)));
        });
      }
      await Promise.all(sends);
    };

    await publishRound(50);
    const spooled = t.sys.store as LoggedTelemetryStore;
    await spooled.whenDrained(20_000);

    await influx.stop({ hard: true });
    // Devices keep publishing while InfluxDB is gone: PUBACKs keep coming, from the spool.
    await publishRound(200);
    await publishRound(200);
    // A redelivery (the same bytes) of an early reading, long out of the replay window, during the
    // outage must not become a second row: it lands on the same InfluxDB point.
    await clients[0]!.publishAsync(topics.packTelemetry('ix-p1'), firstPayload.get('ix-p1')!, { qos: 1 });

    const during = await eventually(async () => {
      const h = (await t.sys.api.inject({ url: '/healthz', headers: t.admin })).json();
      return h.store.writeFailures > 0 && h.store.spool.depth > 0 ? h : null;
    }, 20_000, 'health to show the outage');
    expect(during.status).toBe('degraded');
    expect(during.store.kind).toBe('influx');
    expect(during.store.lastError).toEqual(expect.any(String));
    expect(during.store.spool.oldestUnshippedAtMs).toEqual(expect.any(Number));

    await influx.start();
    await spooled.whenDrained(60_000);
    const after = (await t.sys.api.inject({ url: '/healthz', headers: t.admin })).json();
    expect(after.store.spool.depth).toBe(0);

    for (const id of packs) {
      const res = await t.sys.api.inject({ url: `/v1/packs/${id}/readings?from=0&limit=10000`, headers: t.admin });
      expect(res.statusCode).toBe(200);
      const seqs = (res.json().readings as { seq: number }[]).map((r) => r.seq);
      expect(new Set(seqs).size, `${id}: no reading twice`).toBe(seqs.length);
      expect([...acked.get(id)!].filter((s) => !seqs.includes(s)), `${id}: acknowledged but missing`).toEqual([]);
      expect(seqs.length).toBe(acked.get(id)!.size);
    }
  }, 120_000);
});
