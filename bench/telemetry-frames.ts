// Ready-to-write QoS 1 PUBLISH frames of fleet.v1 PackTelemetry for one simulated pack. The body
// after the header is encoded once by protobufjs; each frame only writes the header (boot id, a
// rising seq, the device clock) and the MQTT fixed header, so the generator stays cheap.
import { decodePackTelemetry, encodePackTelemetry } from '../proto/codec.ts';
import { topics } from '../domain/topics.ts';
import { remainingLengthBytes, writeRemainingLength } from './mqtt-wire.ts';

const FIRMWARE = Buffer.from('pack-fw 2.4.1', 'utf8');

function varintBytes(n: number): number {
  let len = 1;
  let v = n;
  while (v >= 128) {
    v = Math.floor(v / 128);
    len++;
  }
  return len;
}

/** Protobuf base-128 varint of a non-negative safe integer (no 32-bit bit operations: ms times exceed 2^32). */
function writeVarint(buf: Buffer, at: number, n: number): number {
  let v = n;
  while (v >= 128) {
    buf[at++] = (v % 128) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[at++] = v;
  return at;
}

export class TelemetryFrames {
  private readonly topic: Buffer;
  /** PackTelemetry fields 2..10, identical in every frame of this pack. */
  private readonly tail: Uint8Array;

  constructor(
    readonly packId: string,
    readonly bootId: number,
    variant: number,
  ) {
    this.topic = Buffer.from(topics.packTelemetry(packId), 'utf8');
    const located = variant % 3 !== 0;
    this.tail = encodePackTelemetry({
      socPct: 20 + (variant % 80) + 0.5,
      voltageMv: 3600 + (variant % 500),
      currentMa: -900 + (variant % 1800),
      tempC: 18 + (variant % 20) + 0.25,
      cycles: 10 + (variant % 480),
      sohPct: 90 + (variant % 10),
      state: 1 + (variant % 3),
      faultFlags: 0,
      ...(located ? { location: { latE7: 515_000_000 + variant, lonE7: -1_200_000 - variant, accuracyM: 50 } } : {}),
    });
  }

  /** One complete PUBLISH (QoS 1) frame. `seq` ≥ 1; `packetId` 1..65535. */
  frame(seq: number, sentAtMs: number, packetId: number): Buffer {
    const headerLen = 1 + varintBytes(this.bootId) + 1 + varintBytes(seq) + 1 + varintBytes(sentAtMs) + 1 + 1 + FIRMWARE.length;
    const payloadLen = 1 + 1 + headerLen + this.tail.length; // headerLen < 128: one length byte
    const remaining = 2 + this.topic.length + 2 + payloadLen;
    const buf = Buffer.allocUnsafe(1 + remainingLengthBytes(remaining) + remaining);
    buf[0] = 0x32; // PUBLISH, QoS 1, no dup, no retain
    let at = writeRemainingLength(buf, 1, remaining);
    buf[at++] = this.topic.length >> 8;
    buf[at++] = this.topic.length & 0xff;
    at += this.topic.copy(buf, at);
    buf[at++] = packetId >> 8;
    buf[at++] = packetId & 0xff;
    buf[at++] = 0x0a; // field 1 (header), length-delimited
    buf[at++] = headerLen;
    buf[at++] = 0x08; // header.boot_id
    at = writeVarint(buf, at, this.bootId);
    buf[at++] = 0x10; // header.seq
    at = writeVarint(buf, at, seq);
    buf[at++] = 0x18; // header.sent_at_ms
    at = writeVarint(buf, at, sentAtMs);
    buf[at++] = 0x22; // header.firmware
    buf[at++] = FIRMWARE.length;
    at += FIRMWARE.copy(buf, at);
    buf.set(this.tail, at);
    return buf;
  }
}

/**
 * Decodes one hand-built frame with the real codec and compares the header: run before a benchmark
 * so a contract change cannot turn every reading into a quarantined one unnoticed.
 */
export function checkFramesAgainstCodec(): void {
  const sentAtMs = Date.now();
  const f = new TelemetryFrames('pack-selfcheck', 4_000_000_001, 7);
  const frame = f.frame(123_456_789, sentAtMs, 65_535);
  let at = 1;
  while ((frame[at]! & 0x80) !== 0) at++; // remaining-length varint
  at++;
  const topicLen = (frame[at]! << 8) | frame[at + 1]!;
  const topic = frame.subarray(at + 2, at + 2 + topicLen).toString('utf8');
  at += 2 + topicLen;
  const packetId = (frame[at]! << 8) | frame[at + 1]!;
  const m = decodePackTelemetry(frame.subarray(at + 2));
  const h = m.header;
  const ok = frame[0] === 0x32 && topic === topics.packTelemetry('pack-selfcheck') && packetId === 65_535 && h.bootId === 4_000_000_001 &&
    Number(h.seq) === 123_456_789 && Number(h.sentAtMs) === sentAtMs && h.firmware === FIRMWARE.toString('utf8');
  if (!ok) throw new Error(`telemetry frame self-check failed: ${topic} pid ${packetId} header ${JSON.stringify(h)}`);
}
