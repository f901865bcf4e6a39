// Minimal MQTT 3.1.1 framing for the load generator and the wildcard subscriber: hand-built
// CONNECT, SUBSCRIBE, PUBACK and PINGREQ frames and a streaming fixed-header reader. No objects
// per packet, so thousands of connections cost the generator little CPU.

export const CONNACK = 2;
export const PUBLISH = 3;
export const PUBACK = 4;
export const SUBACK = 9;
export const PINGRESP = 13;

export const PINGREQ_FRAME = Buffer.from([0xc0, 0x00]);

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

function utf8Field(s: string): Buffer {
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

/** CONNECT, clean session, MQTT 3.1.1 (protocol level 4, §3.1.2.2), with user name and password. */
export function connectFrame(clientId: string, username: string | null, password: string | null, keepaliveS: number): Buffer {
  let flags = 0x02; // clean session
  if (username !== null) flags |= 0x80;
  if (password !== null) flags |= 0x40;
  const head = Buffer.from([0x00, 0x04, 0x4d, 0x51, 0x54, 0x54, 0x04, flags, keepaliveS >> 8, keepaliveS & 0xff]);
  const parts = [head, utf8Field(clientId)];
  if (username !== null) parts.push(utf8Field(username));
  if (password !== null) parts.push(utf8Field(password));
  return frame(0x10, Buffer.concat(parts));
}

/** SUBSCRIBE to one filter; the fixed header flags are 0b0010 [MQTT-3.8.1-1]. */
export function subscribeFrame(packetId: number, filter: string, qos: 0 | 1): Buffer {
  return frame(0x82, Buffer.concat([Buffer.from([packetId >> 8, packetId & 0xff]), utf8Field(filter), Buffer.from([qos])]));
}

export function writePuback(buf: Buffer, at: number, packetId: number): number {
  buf[at] = 0x40;
  buf[at + 1] = 0x02;
  buf[at + 2] = packetId >> 8;
  buf[at + 3] = packetId & 0xff;
  return at + 4;
}

/** Called per complete packet: type (high nibble), flags (low nibble), and the body's bounds in `buf`. */
export type PacketSink = (type: number, flags: number, buf: Buffer, bodyStart: number, bodyEnd: number) => void;

/**
 * Splits a byte stream into MQTT packets. Packets wholly inside a chunk are handed over in place;
 * only a packet split across chunks is copied.
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
}
