// One raw MQTT 3.1.1 subscriber on `fleet/v1/#` at QoS 1 that acknowledges every PUBLISH: what a
// separate ingest process behind a stock broker would be. Counts what it receives.
import net from 'node:net';
import { CONNACK, FrameReader, PINGREQ_FRAME, PUBLISH, SUBACK, connectFrame, subscribeFrame, writePuback } from './mqtt-wire.ts';

export interface WildcardSubscriber {
  /** PUBLISH packets received so far. */
  received(): number;
  close(): void;
}

export function startWildcardSubscriber(host: string, port: number, filter = 'fleet/v1/#', timeoutMs = 10_000): Promise<WildcardSubscriber> {
  return new Promise((resolve, reject) => {
    let count = 0;
    let subscribed = false;
    const sock = net.connect({ host, port });
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`wildcard subscriber: no SUBACK from ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    // PUBACKs for one chunk go out in one write: a chunk may hold hundreds of PUBLISH packets.
    const acks = Buffer.allocUnsafe(64 * 1024);
    let ackAt = 0;
    const reader = new FrameReader((type, flags, buf, s) => {
      if (type === PUBLISH) {
        count++;
        const qos = (flags >> 1) & 3;
        if (qos === 0) return;
        const topicLen = (buf[s]! << 8) | buf[s + 1]!;
        const pid = (buf[s + 2 + topicLen]! << 8) | buf[s + 3 + topicLen]!;
        if (ackAt + 4 > acks.length) {
          sock.write(Buffer.from(acks.subarray(0, ackAt)));
          ackAt = 0;
        }
        ackAt = writePuback(acks, ackAt, pid);
      } else if (type === CONNACK) {
        if (buf[s + 1] !== 0) {
          clearTimeout(timer);
          sock.destroy();
          reject(new Error(`wildcard subscriber: CONNACK return code ${buf[s + 1]}`));
          return;
        }
        sock.write(subscribeFrame(1, filter, 1));
      } else if (type === SUBACK && !subscribed) {
        subscribed = true;
        clearTimeout(timer);
        if (buf[s + 2] === 0x80) {
          sock.destroy();
          reject(new Error(`wildcard subscriber: SUBACK refused ${filter}`));
          return;
        }
        // Keep-alive: the broker drops a client silent for 1.5 x keepalive [MQTT-3.1.2-24].
        const ping = setInterval(() => sock.write(PINGREQ_FRAME), 60_000);
        sock.once('close', () => clearInterval(ping));
        resolve({ received: () => count, close: () => sock.destroy() });
      }
    });
    sock.on('connect', () => {
      sock.setNoDelay(true);
      sock.write(connectFrame(`bench-sub-${process.pid}`, null, null, 300));
    });
    sock.on('data', (chunk: Buffer) => {
      reader.feed(chunk);
      if (ackAt > 0) {
        // Copied: the socket may queue the bytes while `acks` is reused.
        sock.write(Buffer.from(acks.subarray(0, ackAt)));
        ackAt = 0;
      }
    });
    sock.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
