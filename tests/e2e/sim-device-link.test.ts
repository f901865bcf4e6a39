// The simulator's own MQTT client against the real broker and pipeline: QoS 1 publishes tracked to
// PUBACK, what was unacknowledged when the connection dropped resent from the outbox with the same
// boot id and seq (and stored once), a kiosk's session kept across reconnects, a refused login left alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceOutbox } from '../../firmware-sim/device-outbox.ts';
import type { Uplink, UplinkMessage } from '../../firmware-sim/device-link.ts';
import { LinkPool } from '../../firmware-sim/link-pool.ts';
import { Rng } from '../../firmware-sim/rng.ts';
import { decodeSwapDecision, encodePackTelemetry, encodeSwapDecision } from '../../proto/codec.ts';
import { eventually, startTestSystem, type TestSystem } from '../helpers/system.ts';

let t: TestSystem;
let pool: LinkPool;
const acked = new Set<string>();
const downlinks: { device: string; topic: string; payload: Buffer }[] = [];

beforeAll(async () => {
  t = await startTestSystem();
  pool = new LinkPool({
    brokerUrl: t.sys.mqttUrl,
    maxInflight: 8,
    onAck: (link, m) => acked.add(`${link.id}|${m.header.bootId}|${m.header.seq}`),
    onDownlink: (link, topic, payload) => downlinks.push({ device: link.id, topic, payload: Buffer.from(payload) }),
  });
});

afterAll(async () => {
  pool?.close();
  await t?.stop();
});

const reading = (ob: DeviceOutbox<Uplink>, id: string, n: number): UplinkMessage =>
  ob.make(`fleet/v1/packs/${id}/telemetry`, 1, Date.now(), (h) => ({ bytes: encodePackTelemetry({ header: h, socPct: n % 100, voltageMv: 3800, currentMa: -500, tempC: 25, cycles: 3, sohPct: 99, state: 3 }), kind: 'telemetry', corrupt: false, duplicate: false, sends: 0 }));

describe('DeviceLink', () => {
  it('resends what was unacknowledged when the connection dropped, with the same boot id and seq, and the store keeps each reading once', async () => {
    const id = 'link-pk-1';
    const { password } = await t.provision('pack', id);
    const ob = new DeviceOutbox<Uplink>({ rng: new Rng(id), firmware: 'pack-fw test', online: false });
    const link = pool.add(id, password, ob);
    expect(await link.start()).toBe(true);
    for (let n = 1; n <= 100; n++) link.send(reading(ob, id, n));
    // Eight are on the wire (the in-flight window), the rest wait: the server drops the connection now.
    expect(link.inflightCount).toBe(8);
    expect(t.sys.broker.disconnect(id, 'CF_ERR_MQTT_SERVER_BUSY')).toBe(true);
    await eventually(() => !link.up, 3000, 'the link notices');
    // Made while reconnecting: kept in the outbox, sent after.
    for (let n = 101; n <= 150; n++) link.send(reading(ob, id, n));
    await eventually(() => acked.size >= 150 && link.inflightCount === 0 && ob.backlog === 0, 15_000, 'every reading acknowledged');
    expect(pool.counters.resent).toBeGreaterThanOrEqual(1);
    expect(pool.counters.disconnects).toBe(1);
    expect(ob.stats.replayed).toBeGreaterThanOrEqual(100);
    await t.sys.pipeline.flush();
    const rows = await t.sys.store.packReadings(id, { fromMs: 0, toMs: Date.now() + 60_000, limit: 10_000 });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.bootId))).toEqual(new Set([ob.bootId]));
  });

  it('keeps a kiosk\'s session: a decision sent while it was away arrives when it is back', async () => {
    const id = 'link-ki-1';
    const { password } = await t.provision('kiosk', id);
    const topic = `fleet/v1/kiosks/${id}/swap/decisions`;
    const link = pool.add(id, password, new DeviceOutbox<Uplink>({ rng: new Rng(id), firmware: 'kiosk-fw test', online: false }), { subscribe: [topic, `fleet/v1/kiosks/${id}/commands`], cleanSession: false });
    expect(await link.start()).toBe(true);
    link.stop();
    await eventually(() => !t.sys.broker.isConnected(id), 3000, 'kiosk gone');
    await t.sys.broker.publish(topic, encodeSwapDecision({ requestId: 'rq-away', allowed: false, reasons: [1], message: 'sent while away' }), 1);
    expect(await link.start()).toBe(true);
    const got = await eventually(() => downlinks.find((d) => d.device === id), 5000, 'decision after reconnect');
    expect(got.topic).toBe(topic);
    expect(decodeSwapDecision(got.payload)).toMatchObject({ requestId: 'rq-away', message: 'sent while away' });
  });

  it('gives up on a refused password instead of hammering the broker', async () => {
    const id = 'link-pk-2';
    await t.provision('pack', id);
    const link = pool.add(id, 'not-the-password', new DeviceOutbox<Uplink>({ rng: new Rng(id), firmware: 'f', online: false }));
    const refusedBefore = pool.counters.refused;
    expect(await link.start()).toBe(false);
    expect(pool.counters.refused).toBe(refusedBefore + 1);
    expect(link.wanted).toBe(false);
    expect(link.refusedCode).toBe(4);
  });
});
