// Past capacity, over real MQTT: the overload guard refuses a share of packs early (disconnected,
// no PUBACK, counted as CF_ERR_INGEST_OVERLOADED), never a kiosk's status, event or swap request,
// and takes every pack again once the event loop has caught up.
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../../domain/topics.ts';
import { encodePackTelemetry, v1 } from '../../proto/codec.ts';
import { ScriptedKiosk } from '../helpers/kiosk-client.ts';
import { startTestSystem, type TestSystem } from '../helpers/system.ts';

let t: TestSystem;
const PACKS = Array.from({ length: 20 }, (_, i) => `ol-p${i}`);
const passwords = new Map<string, string>();

beforeAll(async () => {
  t = await startTestSystem();
  for (const id of PACKS) passwords.set(id, (await t.provision('pack', id)).password);
});
afterAll(async () => {
  await t?.stop();
});

const connect = (id: string): Promise<MqttClient> => mqtt.connectAsync(t.sys.mqttUrl, { clientId: id, username: id, password: passwords.get(id)!, reconnectPeriod: 0 });
const reading = (seq: number) => Buffer.from(encodePackTelemetry({ header: { bootId: 1, seq, sentAtMs: Date.now(), firmware: 'fw' }, socPct: 50, voltageMv: 3800, tempC: 20, sohPct: 95, state: v1.PackState.PACK_STATE_DISCHARGING }));

/** 'acked', or 'refused' when the broker closed the connection instead of acknowledging. */
async function publishOnce(c: MqttClient, id: string, seq: number): Promise<'acked' | 'refused'> {
  const closed = new Promise<'refused'>((r) => c.once('close', () => r('refused')));
  return Promise.race([c.publishAsync(topics.packTelemetry(id), reading(seq), { qos: 1 }).then(() => 'acked' as const), closed]);
}

describe('overload', () => {
  it('refuses a share of packs, never a kiosk, and takes every pack again once the loop catches up', async () => {
    const kioskPw = (await t.provision('kiosk', 'ol-k1')).password;
    const k = await ScriptedKiosk.attach('ol-k1', await mqtt.connectAsync(t.sys.mqttUrl, { clientId: 'ol-k1', username: 'ol-k1', password: kioskPw, reconnectPeriod: 0 }));
    const clients = await Promise.all(PACKS.map(connect));

    // The event loop fell 500 ms behind, busy with our own work, tick after tick: the guard refuses up to 90 % of packs.
    for (let i = 0; i < 10; i++) t.sys.overload.tick({ lagMs: 500, busy: 1 });
    expect(t.sys.overload.share).toBeGreaterThanOrEqual(0.85);
    const outcomes = await Promise.all(clients.map((c, i) => publishOnce(c, PACKS[i]!, 1)));
    const refused = outcomes.filter((o) => o === 'refused').length;
    expect(refused).toBeGreaterThan(0);
    const h = (await t.sys.api.inject({ url: '/healthz', headers: t.admin })).json();
    expect(h.status).toBe('degraded');
    expect(h.ingest.rejectedOverload).toBe(refused);
    expect(h.ingest.overload.refusedShare).toBeGreaterThan(0);

    // A kiosk is never refused for load: its status, event and swap request are all acknowledged.
    await k.status([{ index: 0, packId: 'ol-p0', socPct: 99 }]);
    await k.inserted(1, 'ol-p1');
    const decision = await k.ask('ol-req-1', 'no-such-card');
    expect(decision.requestId).toBe('ol-req-1');
    expect(k.client.connected).toBe(true);

    // The loop has caught up: the share falls to 0 and every pack is taken again.
    for (let i = 0; i < 60 && t.sys.overload.share > 0; i++) t.sys.overload.tick({ lagMs: 0, busy: 0.5 });
    expect(t.sys.overload.share).toBe(0);
    const again = await Promise.all(PACKS.map(async (id) => publishOnce(await connect(id), id, 2)));
    expect(again.length).toBeGreaterThan(0); // .every below is vacuous over nothing
    expect(again.every((o) => o === 'acked')).toBe(true);
    expect(again).toHaveLength(PACKS.length);
    await Promise.all(clients.map((c) => c.endAsync(true).catch(() => {})));
  });
});
