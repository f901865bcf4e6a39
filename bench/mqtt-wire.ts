// Minimal MQTT 3.1.1 framing for the load generator and the wildcard subscriber. The packet
// constants, remaining-length codec and the streaming FrameReader are the simulator's
// (firmware-sim/mqtt-wire.ts); only the frames the bench builds differently live here.
import { remainingLengthBytes, utf8Field, writeRemainingLength } from '../firmware-sim/mqtt-wire.ts';

export {
  CONNACK,
  PUBLISH,
  PUBACK,
  SUBACK,
  PINGRESP,
  PINGREQ_FRAME,
  writeRemainingLength,
  remainingLengthBytes,
  FrameReader,
  type PacketSink,
} from '../firmware-sim/mqtt-wire.ts';

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

