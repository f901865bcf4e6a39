// The frame guard: scans MQTT fixed headers on a socket's byte stream and cuts the socket off on an
// oversized packet or a PUBLISH flood, before the offending bytes reach aedes' parser (mqtt-packet).
//
// Hook: aedes 1.2 consumes a connection only in paused mode: on 'readable' it calls
// `conn.read(null)` and hands the returned buffer to `mqtt-packet`'s `parse()` (lib/client.js,
// nextBatch). Nothing else reads the socket. So the guard replaces `read` on the socket instance:
// every chunk aedes obtains passes through `scan()` first. Unlike a wrapping Duplex this copies
// nothing, adds no second stream buffer, and leaves write, drain, backpressure (aedes reads only
// when it is ready; the socket's highWaterMark then stops TCP reads), 'end', 'error', destroy and
// stream.finished exactly as the real socket does them. The integration test "oversized frame"
// proves the guard acts on the header alone, before a body arrives.
//
// On a violation, the packets before the offending one in that chunk still go to aedes, nothing
// after it does (read returns null from then on, so TCP backpressure stalls the sender), and the
// socket is destroyed after a short grace. The grace lets the PUBACKs for those packets go out:
// a device flushing a backlog after an outage makes progress across reconnects instead of being
// cut at the same place each time.
import type { Duplex } from 'node:stream';
import { TokenBucket } from './token-bucket.ts';

export type FrameViolation = 'packet-too-large' | 'rate-limited';

export interface FrameGuardLimits {
  /** Max packet size in bytes: fixed header + remaining length. */
  maxPacketBytes: number;
  publishRatePerSec: number;
  publishBurst: number;
}

const PUBLISH = 3;
// Scanner states.
const AT_HEADER = 0; // next byte is a fixed header's first byte
const AT_LENGTH = 1; // inside the remaining-length varint
const IN_BODY = 2; // skipping the rest of a packet

/**
 * Follows packet boundaries across chunks (a header may be split anywhere; a chunk may hold many
 * packets). Work is per packet, not per byte: bodies are skipped by arithmetic. No allocation.
 */
export class FrameScanner {
  private state = AT_HEADER;
  private type = 0;
  /** Varint value being accumulated, then body bytes left to skip. */
  private remaining = 0;
  private multiplier = 1;
  private lengthBytes = 0;
  private violation: FrameViolation | null = null;
  private readonly bucket: TokenBucket;
  /** Declared size of the packet that broke the limit, for the log line. */
  declaredBytes = 0;
  /** Bytes of the violating chunk before the offending packet (0 when its header began in an earlier chunk). */
  cleanBytes = 0;

  constructor(
    private readonly limits: FrameGuardLimits,
    nowMs: number,
  ) {
    this.bucket = new TokenBucket(limits.publishRatePerSec, limits.publishBurst, nowMs);
  }

  /** Scans the next chunk of the stream. Returns the first violation; once violated, always violated. */
  scan(chunk: Uint8Array, nowMs: number): FrameViolation | null {
    if (this.violation !== null) return this.violation;
    const n = chunk.length;
    let i = 0;
    let packetStart = 0;
    while (i < n) {
      if (this.state === IN_BODY) {
        const left = n - i;
        if (this.remaining > left) {
          this.remaining -= left;
          return null;
        }
        i += this.remaining;
        this.remaining = 0;
        this.state = AT_HEADER;
      } else if (this.state === AT_HEADER) {
        packetStart = i;
        this.type = chunk[i]! >> 4;
        i++;
        this.state = AT_LENGTH;
        this.remaining = 0;
        this.multiplier = 1;
        this.lengthBytes = 0;
      } else {
        const byte = chunk[i]!;
        i++;
        this.remaining += (byte & 0x7f) * this.multiplier;
        this.lengthBytes++;
        if ((byte & 0x80) !== 0) {
          // MQTT 3.1.1 §2.2.3: the remaining length takes at most four bytes; a fifth would declare
          // more than 256 MB, so treat it as too large.
          if (this.lengthBytes === 4) return this.fail('packet-too-large', Number.MAX_SAFE_INTEGER, packetStart);
          this.multiplier *= 128;
          continue;
        }
        const total = 1 + this.lengthBytes + this.remaining;
        if (total > this.limits.maxPacketBytes) return this.fail('packet-too-large', total, packetStart);
        if (this.type === PUBLISH && !this.bucket.take(nowMs)) return this.fail('rate-limited', total, packetStart);
        this.state = this.remaining === 0 ? AT_HEADER : IN_BODY;
      }
    }
    return null;
  }

  private fail(v: FrameViolation, declaredBytes: number, cleanBytes: number): FrameViolation {
    this.violation = v;
    this.declaredBytes = declaredBytes;
    this.cleanBytes = cleanBytes;
    return v;
  }
}

export interface FrameGuardOptions {
  limits: FrameGuardLimits;
  /** Monotonic milliseconds; read once per chunk. */
  nowMs: () => number;
  /** Called once, when the violation is seen. */
  onViolation: (violation: FrameViolation, declaredBytes: number) => void;
  /** Time from the violation to destroying the socket, for the clean packets' acks; 0 destroys at once. */
  graceMs: number;
}

/** Installs the guard on a socket that aedes (or any paused-mode reader) will consume with read(). */
export function installFrameGuard(socket: Duplex, opts: FrameGuardOptions): FrameScanner {
  // In flowing mode Readable emits 'data' inside read(), before the guard could look.
  if (socket.readableFlowing === true) throw new Error('frame guard needs a paused-mode socket');
  const scanner = new FrameScanner(opts.limits, opts.nowMs());
  const read = socket.read;
  let cut = false;
  socket.read = function guardedRead(this: Duplex, size?: number): unknown {
    if (cut) return null;
    const chunk: unknown = read.call(this, size);
    if (chunk === null) return null;
    // Sockets yield Buffers; anything else (setEncoding, object mode) is not MQTT we can check.
    if (!(chunk instanceof Uint8Array)) {
      cut = true;
      this.destroy();
      return null;
    }
    const violation = scanner.scan(chunk, opts.nowMs());
    if (violation === null) return chunk;
    cut = true;
    opts.onViolation(violation, scanner.declaredBytes);
    if (opts.graceMs <= 0) {
      this.destroy();
      return null;
    }
    const timer = setTimeout(() => this.destroy(), opts.graceMs);
    this.once('close', () => clearTimeout(timer));
    return scanner.cleanBytes > 0 ? chunk.subarray(0, scanner.cleanBytes) : null;
  };
  return scanner;
}
