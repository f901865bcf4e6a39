// Issue 9, findings 3 and 10 at the real device edge: a flooder that reconnects after each cut, a
// SUBSCRIBE with 2,000 filters, keep-alive 0 and 65535, and MQTT 5 clients. Real aedes on a real
// socket, real mqtt.js clients.
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../../domain/topics.ts';
import { closed, encodeQos0Publish, startTestBroker, TestRegistry, waitFor } from '../helpers/broker-fixtures.ts';
import type { TestBroker, TestDevice } from '../helpers/broker-fixtures.ts';

const RATE = 50;
const BURST = 100;
const registry = new TestRegistry();
const flooder = registry.add('pack-reflood', 'pack');
const kiosk = registry.add('kiosk-sub', 'kiosk');
const kiosk2 = registry.add('kiosk-sub2', 'kiosk');
const pack = registry.add('pack-ka', 'pack');
let t: TestBroker;

/** A fresh broker per group: the flood's log lines would spend the log budget of the others. */
function freshBroker(): void {
  beforeAll(async () => {
    // Packets up to 256 KiB: the 2,000-filter SUBSCRIBE (74 KB) must reach the SUBSCRIBE check, not the size check.
    t = await startTestBroker(registry, { publishRatePerSec: RATE, publishBurst: BURST, keepaliveLimitS: 300, maxPacketBytes: 256 * 1024 });
  });
  afterAll(async () => {
    await t?.stop();
  });
}

async function connectCode(device: TestDevice, overrides: Parameters<TestBroker['connect']>[1]): Promise<number | null> {
  return t.connect(device, overrides).then(
    (c) => {
      c.end(true);
      return null;
    },
    (e: unknown) => Number((e as { code?: unknown }).code),
  );
}

/** One SUBSCRIBE packet with these filters at QoS 1, encoded by hand (mqtt.js would not send duplicates). */
function subscribePacket(messageId: number, filters: string[]): Buffer {
  const body = Buffer.concat([Buffer.from([messageId >> 8, messageId & 0xff]), ...filters.map((f) => Buffer.concat([Buffer.from([f.length >> 8, f.length & 0xff]), Buffer.from(f), Buffer.from([1])]))]);
  const len: number[] = [];
  let x = body.length;
  do {
    let b = x % 128;
    x = Math.floor(x / 128);
    if (x > 0) b |= 0x80;
    len.push(b);
  } while (x > 0);
  return Buffer.concat([Buffer.from([0x82, ...len]), body]);
}

describe('publish rate per device, across connections', () => {
  freshBroker();
  it('a flooder that reconnects after each cut gets no more than one bucket, and is then refused at CONNECT', async () => {
    const topic = topics.packTelemetry(flooder.id);
    const chunk = Buffer.concat(Array.from({ length: 50 }, () => encodeQos0Publish(topic, Buffer.from([0x0a, 0x00]))));
    const startedMs = Date.now();
    let connects = 0;
    let refusals = 0;
    // At least 3 s of reconnect-and-flood, until a CONNECT was refused; bounded by 20 s and 200 attempts.
    for (let attempt = 0; attempt < 200 && Date.now() - startedMs < 20_000 && (refusals === 0 || Date.now() - startedMs < 3000); attempt++) {
      const c = await t.connect(flooder).catch(() => null);
      if (!c) {
        refusals++;
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      connects++;
      c.stream.on('error', () => {});
      for (let i = 0; i < 40 && !c.stream.destroyed; i++) c.stream.write(chunk);
      await closed(c);
    }
    const elapsedS = (Date.now() - startedMs) / 1000;
    const accepted = t.uplinks.from(flooder.id).length;
    // One burst plus the sustained rate over the run; with a bucket per connection this was a burst per reconnect.
    expect(accepted).toBeLessThanOrEqual(BURST + Math.ceil(RATE * elapsedS) + 10);
    expect(connects).toBeGreaterThanOrEqual(2);
    expect(refusals).toBeGreaterThan(0);
    expect(t.broker.metrics().connectionsRefused.CF_ERR_MQTT_BACKOFF).toBe(refusals);
    expect(t.logs.some((l) => l.msg === 'device cut again; CONNECT refused for a while' && l.deviceId === flooder.id)).toBe(true);
  });

  it('a kiosk gets at most its ledger budget of events and swap requests, whatever its publish budget', async () => {
    const t2 = await startTestBroker(registry, { publishRatePerSec: 10_000, publishBurst: 10_000, ledgerRatePerSec: 5, ledgerBurst: 20 });
    try {
      const c = await t2.connect(kiosk);
      c.stream.on('error', () => {});
      const ev = encodeQos0Publish(topics.kioskEvents(kiosk.id), Buffer.from([0x0a, 0x00]));
      const st = encodeQos0Publish(topics.kioskStatus(kiosk.id), Buffer.from([0x0a, 0x00]));
      // Statuses do not spend the ledger budget: 100 of them pass.
      c.stream.write(Buffer.concat(Array.from({ length: 100 }, () => st)));
      await waitFor(() => t2.uplinks.from(kiosk.id).length === 100, 30_000);
      c.stream.write(Buffer.concat(Array.from({ length: 300 }, () => ev)));
      await closed(c);
      const events = t2.uplinks.from(kiosk.id).filter((m) => m.topic.endsWith('/events')).length;
      expect(events).toBeGreaterThanOrEqual(20);
      expect(events).toBeLessThanOrEqual(22);
    } finally {
      await t2.stop();
    }
  }, 60_000);

  it('other devices are not affected by one device’s refusal window', async () => {
    const c = await t.connect(pack, { keepalive: 60 });
    await c.publishAsync(topics.packTelemetry(pack.id), Buffer.from([1]), { qos: 1 });
    c.end(true);
  });
});

describe('SUBSCRIBE', () => {
  freshBroker();
  it('one filter 2,000 times is refused by closing the connection, never answered with one return code', async () => {
    const c = await t.connect(kiosk);
    let suback = false;
    c.on('packetreceive', (p) => {
      if (p.cmd === 'suback') suback = true;
    });
    c.stream.write(subscribePacket(7, Array.from({ length: 2000 }, () => topics.kioskCommands(kiosk.id))));
    await closed(c);
    expect(suback).toBe(false);
    expect(t.broker.metrics().connectionsRefused.CF_ERR_MQTT_SUBSCRIBE_REFUSED).toBe(1);
    expect(t.logs.some((l) => l.msg === 'SUBSCRIBE refused; closing connection' && String(l.reason).includes('2000 filters') && l.deviceId === kiosk.id)).toBe(true);
  });

  it('distinct filters get one return code each: granted, granted, refused', async () => {
    const c = await t.connect(kiosk2);
    const subacks: { granted: number[] }[] = [];
    c.on('packetreceive', (p) => {
      if (p.cmd === 'suback') subacks.push(p as unknown as { granted: number[] });
    });
    c.stream.write(subscribePacket(9, [topics.kioskCommands(kiosk2.id), topics.swapDecisions(kiosk2.id), topics.kioskCommands('someone-else')]));
    await waitFor(() => subacks.length === 1);
    expect(subacks[0]!.granted).toEqual([1, 1, 128]);
    expect(c.connected).toBe(true);
    c.end(true);
  });
});

describe('keep-alive and protocol versions', () => {
  freshBroker();
  it.each([
    ['keep-alive 0', 0, 2 as number | null],
    ['keep-alive 65535', 65535, 2],
    ['keep-alive 301 (limit 300)', 301, 2],
    ['keep-alive 60', 60, null],
  ])('%s → CONNACK %s (a code MQTT 3.1.1 defines; null = accepted)', async (_name, keepalive, code) => {
    expect(await connectCode(pack, { keepalive })).toBe(code);
  });

  it('an MQTT 5 CONNECT is refused with CONNACK 1 and logged with its client id', async () => {
    const err = await mqtt.connectAsync(t.endpoints.mqttUrl, { clientId: 'pack-ka', username: 'pack-ka', password: pack.secret, protocolVersion: 5, reconnectPeriod: 0, connectTimeout: 5000 }).then(
      (c) => {
        c.end(true);
        return null;
      },
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    await waitFor(() => t.logs.some((l) => l.msg === 'connection refused: only MQTT 3.1.1 (and 3.1) are supported' && l.clientId === 'pack-ka' && l.protocolVersion === 5));
    expect(t.broker.metrics().connectionsRefused.CF_ERR_MQTT_PROTOCOL_UNSUPPORTED).toBeGreaterThanOrEqual(1);
  });
});
