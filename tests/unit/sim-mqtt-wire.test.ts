// The simulator's own MQTT 3.1.1 framing, checked against mqtt-packet (the parser aedes uses): what
// the simulated devices write is what a real broker reads, and what it sends back is read whole.
import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { CONNACK, FrameReader, PUBACK, PUBLISH, connectFrame, parsePublish, pubackFrame, publishFrame, remainingLengthBytes, subscribeFrame, utf8Field, writeRemainingLength } from '../../firmware-sim/mqtt-wire.ts';

function parseAll(buf: Buffer): mqttPacket.Packet[] {
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  const out: mqttPacket.Packet[] = [];
  parser.on('packet', (p) => out.push(p));
  parser.on('error', (e) => {
    throw e;
  });
  parser.parse(buf);
  return out;
}

describe('frames the simulator writes', () => {
  it('CONNECT carries the device id as client id and user name, the password, keepalive and the session flag', () => {
    const [p] = parseAll(connectFrame('pk-000001', 'pk-000001', 's3cret', 60, false)) as mqttPacket.IConnectPacket[];
    expect(p).toMatchObject({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clientId: 'pk-000001', username: 'pk-000001', keepalive: 60, clean: false });
    expect(String(p!.password)).toBe('s3cret');
    const [q] = parseAll(connectFrame('a', 'a', 'b', 30, true)) as mqttPacket.IConnectPacket[];
    expect(q!.clean).toBe(true);
  });

  it('PUBLISH at QoS 1 carries topic, packet id, payload, and DUP only on a resend', () => {
    const payload = Buffer.from(Array.from({ length: 300 }, (_, i) => i & 0xff));
    const [first, resend] = parseAll(Buffer.concat([publishFrame(utf8Field('fleet/v1/packs/pk-1/telemetry'), payload, 1, 513, false), publishFrame(utf8Field('fleet/v1/packs/pk-1/telemetry'), payload, 1, 513, true)])) as mqttPacket.IPublishPacket[];
    expect(first).toMatchObject({ cmd: 'publish', topic: 'fleet/v1/packs/pk-1/telemetry', qos: 1, messageId: 513, dup: false, retain: false });
    expect(Buffer.compare(first!.payload as Buffer, payload)).toBe(0);
    expect(resend!.dup).toBe(true);
  });

  it('SUBSCRIBE lists every filter at QoS 1; PUBACK names its packet id', () => {
    const [s, a] = parseAll(Buffer.concat([subscribeFrame(0xffff, ['fleet/v1/kiosks/k1/commands', 'fleet/v1/kiosks/k1/swap/decisions'], 1), pubackFrame(4242)]));
    expect(s).toMatchObject({ cmd: 'subscribe', messageId: 0xffff, subscriptions: [{ topic: 'fleet/v1/kiosks/k1/commands', qos: 1 }, { topic: 'fleet/v1/kiosks/k1/swap/decisions', qos: 1 }] });
    expect(a).toMatchObject({ cmd: 'puback', messageId: 4242 });
  });

  it('writes remaining lengths at the varint boundaries of §2.2.3', () => {
    for (const n of [0, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152]) {
      const buf = Buffer.alloc(8);
      const end = writeRemainingLength(buf, 0, n);
      expect(end).toBe(remainingLengthBytes(n));
      let v = 0;
      for (let i = 0, mul = 1; i < end; i++, mul *= 128) v += (buf[i]! & 0x7f) * mul;
      expect(v).toBe(n);
    }
  });
});

describe('reading what the broker sends', () => {
  const downlinks = Buffer.concat([
    mqttPacket.generate({ cmd: 'connack', returnCode: 0, sessionPresent: true }),
    mqttPacket.generate({ cmd: 'publish', topic: 'fleet/v1/kiosks/k1/commands', payload: Buffer.from('command bytes'), qos: 1, messageId: 7, dup: false, retain: false }),
    mqttPacket.generate({ cmd: 'puback', messageId: 9 }),
    mqttPacket.generate({ cmd: 'publish', topic: 'fleet/v1/kiosks/k1/swap/decisions', payload: Buffer.alloc(20_000, 1), qos: 0, dup: false, retain: false }),
  ]);

  it('splits a stream into whole packets however the bytes arrive', () => {
    for (const chunk of [1, 2, 3, 7, 100, downlinks.length]) {
      const seen: { type: number; topic?: string; packetId?: number; bytes?: number }[] = [];
      const r = new FrameReader((type, flags, buf, s, e) => {
        if (type === PUBLISH) {
          const p = parsePublish(flags, buf, s, e);
          seen.push({ type, topic: p.topic, packetId: p.packetId, bytes: p.payload.length });
        } else if (type === PUBACK) seen.push({ type, packetId: (buf[s]! << 8) | buf[s + 1]! });
        else seen.push({ type });
      });
      for (let i = 0; i < downlinks.length; i += chunk) r.feed(downlinks.subarray(i, i + chunk));
      expect(seen, `chunks of ${chunk}`).toEqual([
        { type: CONNACK },
        { type: PUBLISH, topic: 'fleet/v1/kiosks/k1/commands', packetId: 7, bytes: 13 },
        { type: PUBACK, packetId: 9 },
        { type: PUBLISH, topic: 'fleet/v1/kiosks/k1/swap/decisions', packetId: 0, bytes: 20_000 },
      ]);
    }
  });
});
