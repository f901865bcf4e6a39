// The device side of MQTT 3.1.1 framing, hand-built so that ten thousand simulated devices cost
// little: CONNECT, PUBLISH (QoS 0/1), PUBACK, SUBSCRIBE, PINGREQ and DISCONNECT frames, and a
// streaming reader that splits a byte stream into packets without an object per packet.

export const CONNACK = 2;
export const PUBLISH = 3;
export const PUBACK = 4;
export const SUBACK = 9;
export const PINGRESP = 13;

export const PINGREQ_FRAME = Buffer.from([0xc0, 0x00]);
export const DISCONNECT_FRAME = Buffer.from([0xe0, 0x00]);

/** Writes an MQTT remaining-length varint (§2.2.3) at `at`; returns the next offset. */
export function writeRemainingLength(buf: Buffer, at: number, n: number): number {
  let v = n;
  do {
    let byte = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) byte |= 0x80;
    buf[at++] = byte;
  } while (v > 0);
  return at;
}

export function remainingLengthBytes(n: number): number {
  return n < 128 ? 1 : n < 16_384 ? 2 : n < 2_097_152 ? 3 : 4;
}

/** A UTF-8 string field: two length bytes, then the bytes [MQTT-1.5.3]. */
export function utf8Field(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  const out = Buffer.allocUnsafe(2 + b.length);
  out.writeUInt16BE(b.length, 0);
  b.copy(out, 2);
  return out;
}

function frame(firstByte: number, body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(1 + remainingLengthBytes(body.length) + body.length);
  out[0] = firstByte;
  const at = writeRemainingLength(out, 1, body.length);
  body.copy(out, at);
  return out;
}

/** CONNECT at protocol level 4 (§3.1.2.2) with user name and password; cleanSession false keeps subscriptions and queued QoS 1 downlinks across reconnects (§3.1.2.4). */
export function connectFrame(clientId: string, username: string, password: string, keepaliveS: number, cleanSession: boolean): Buffer {
  const flags = 0x80 | 0x40 | (cleanSession ? 0x02 : 0);
  const head = Buffer.from([0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, flags, keepaliveS >> 8, keepaliveS & 0xff]);
  return frame(0x10, Buffer.concat([head, utf8Field(clientId), utf8Field(username), utf8Field(password)]));
}

/** SUBSCRIBE to filters at one QoS; the fixed header flags are 0b0010 [MQTT-3.8.1-1]. */
export function subscribeFrame(packetId: number, filters: readonly string[], qos: 0 | 1): Buffer {
  const parts: Buffer[] = [Buffer.from([packetId >> 8, packetId & 0xff])];
  for (const f of filters) parts.push(utf8Field(f), Buffer.from([qos]));
  return frame(0x82, Buffer.concat(parts));
}

/**
 * PUBLISH. topic is the pre-encoded UTF-8 field (utf8Field). QoS 1 carries a packet id; a resend of
 * an unacknowledged QoS 1 message sets DUP [MQTT-3.3.1-1]. Never retained.
 */
export function publishFrame(topic: Buffer, payload: Uint8Array, qos: 0 | 1, packetId: number, dup: boolean): Buffer {
  const len = topic.length + (qos === 1 ? 2 : 0) + payload.length;
  const out = Buffer.allocUnsafe(1 + remainingLengthBytes(len) + len);
  out[0] = 0x30 | (qos << 1) | (dup && qos === 1 ? 0x08 : 0);
  let at = writeRemainingLength(out, 1, len);
  at += topic.copy(out, at);
  if (qos === 1) {
    out[at++] = packetId >> 8;
    out[at++] = packetId & 0xff;
  }
  out.set(payload, at);
  return out;
}

export function pubackFrame(packetId: number): Buffer {
  return Buffer.from([0x40, 0x02, packetId >> 8, packetId & 0xff]);
}

/** Called per complete packet: type (high nibble), flags (low nibble), and the body's bounds in `buf`. */
export type PacketSink = (type: number, flags: number, buf: Buffer, bodyStart: number, bodyEnd: number) => void;

/**
 * Splits a byte stream into MQTT packets. Packets wholly inside a chunk are handed over in place
 * (valid only during the call); only a packet split across chunks is copied.
 */
export class FrameReader {
  private carry: Buffer | null = null;

  constructor(private readonly sink: PacketSink) {}

  feed(chunk: Buffer): void {
    let buf = chunk;
    if (this.carry !== null) {
      buf = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    const n = buf.length;
    let i = 0;
    while (i < n) {
      const start = i;
      if (i + 2 > n) break;
      const first = buf[i]!;
      let len = 0;
      let mul = 1;
      let j = i + 1;
      let complete = false;
      for (let k = 0; k < 4 && j < n; k++) {
        const b = buf[j++]!;
        len += (b & 0x7f) * mul;
        mul *= 128;
        if ((b & 0x80) === 0) {
          complete = true;
          break;
        }
      }
      if (!complete || j + len > n) {
        i = start;
        break;
      }
      this.sink(first >> 4, first & 0x0f, buf, j, j + len);
      i = j + len;
    }
    if (i < n) this.carry = Buffer.from(buf.subarray(i));
  }

  reset(): void {
    this.carry = null;
  }
}

/** The topic and payload of an inbound PUBLISH body, and its packet id (0 at QoS 0). */
export function parsePublish(flags: number, buf: Buffer, start: number, end: number): { topic: string; packetId: number; payload: Buffer; qos: number } {
  const qos = (flags >> 1) & 0x03;
  const tlen = (buf[start]! << 8) | buf[start + 1]!;
  const topic = buf.toString('utf8', start + 2, start + 2 + tlen);
  let at = start + 2 + tlen;
  let packetId = 0;
  if (qos > 0) {
    packetId = (buf[at]! << 8) | buf[at + 1]!;
    at += 2;
  }
  return { topic, packetId, payload: buf.subarray(at, end), qos };
}
