// The frame guard: MQTT fixed-header scanning across chunk boundaries, the packet size limit and
// the per-connection PUBLISH token bucket, on made-up byte streams with time passed in.
import { describe, it, expect, vi } from 'vitest';
import { PassThrough } from 'node:stream';
import { FrameScanner, installFrameGuard } from '../../broker/frame-guard.ts';
import type { FrameViolation } from '../../broker/frame-guard.ts';
import { TokenBucket } from '../../broker/token-bucket.ts';

/** One MQTT packet: first byte, remaining-length varint, then `remaining` filler bytes. */
function packet(firstByte: number, remaining: number): Buffer {
  const len: number[] = [];
  let x = remaining;
  do {
    let b = x % 128;
    x = Math.floor(x / 128);
    if (x > 0) b |= 0x80;
    len.push(b);
  } while (x > 0);
  return Buffer.concat([Buffer.from([firstByte, ...len]), Buffer.alloc(remaining, 0x61)]);
}
const publish = (remaining: number) => packet(0x30, remaining);
const pingreq = () => packet(0xc0, 0);

const roomy = { maxPacketBytes: 1 << 30, publishRatePerSec: 1e9, publishBurst: 1e9 };

/** Feeds `bytes` in chunks of `size` and returns the first violation. */
function feed(scanner: FrameScanner, bytes: Buffer, size: number, nowMs = 0): FrameViolation | null {
  for (let i = 0; i < bytes.length; i += size) {
    const v = scanner.scan(bytes.subarray(i, i + size), nowMs);
    if (v) return v;
  }
  return null;
}

describe('FrameScanner: packet size', () => {
  const cases: Array<[string, number, number, FrameViolation | null]> = [
    // name, remaining length, max packet bytes, expected
    ['empty body', 0, 2, null],
    ['1-byte varint at the limit', 127, 129, null],
    ['1-byte varint one over', 127, 128, 'packet-too-large'],
    ['2-byte varint, 128', 128, 131, null],
    ['2-byte varint one over', 128, 130, 'packet-too-large'],
    ['2-byte varint max', 16_383, 16_386, null],
    ['3-byte varint, 16384', 16_384, 16_388, null],
    ['3-byte varint one over', 16_384, 16_387, 'packet-too-large'],
    ['4-byte varint, 2097152', 2_097_152, 2_097_157, null],
  ];
  it.each(cases)('%s', (_name, remaining, maxPacketBytes, expected) => {
    const bytes = Buffer.concat([publish(remaining), pingreq()]);
    for (const chunk of [1, 2, 3, 7, bytes.length]) {
      // The header is split `chunk` bytes at a time; a long body goes in big pieces to keep this fast.
      const s = new FrameScanner({ ...roomy, maxPacketBytes }, 0);
      const v = feed(s, bytes.subarray(0, 8), chunk) ?? feed(s, bytes.subarray(8), 65_536);
      expect(v, `chunk size ${chunk}`).toBe(expected);
    }
  });

  it('cuts on the header alone: a 268 MB declaration is refused before any body byte', () => {
    const s = new FrameScanner({ ...roomy, maxPacketBytes: 65_536 }, 0);
    expect(s.scan(Buffer.from([0x30, 0xff, 0xff, 0xff, 0x7f]), 0)).toBe('packet-too-large');
    expect(s.declaredBytes).toBe(1 + 4 + 268_435_455);
  });

  it('treats a fifth remaining-length byte as too large (MQTT 3.1.1 §2.2.3)', () => {
    const s = new FrameScanner(roomy, 0);
    expect(s.scan(Buffer.from([0x30, 0x80, 0x80, 0x80, 0x80, 0x01]), 0)).toBe('packet-too-large');
  });

  it('follows many packets per chunk and packets split across chunks', () => {
    const stream = Buffer.concat([pingreq(), publish(10), publish(300), pingreq(), publish(0), publish(20_000), pingreq()]);
    for (const size of [1, 2, 5, 64, 301, stream.length]) {
      const s = new FrameScanner({ ...roomy, maxPacketBytes: 20_004 }, 0);
      expect(feed(s, stream, size)).toBeNull();
      // The scanner ends at a packet boundary: the next byte is read as a header.
      expect(s.scan(publish(20_001), 0), `chunk size ${size}`).toBe('packet-too-large');
    }
  });

  it('stays violated once violated', () => {
    const s = new FrameScanner({ ...roomy, maxPacketBytes: 10 }, 0);
    expect(s.scan(publish(100), 0)).toBe('packet-too-large');
    expect(s.scan(pingreq(), 0)).toBe('packet-too-large');
  });
});

describe('FrameScanner: publish rate', () => {
  it('allows the burst, then cuts; refills at the sustained rate', () => {
    const limits = { maxPacketBytes: 1024, publishRatePerSec: 10, publishBurst: 5 };
    const burst = Buffer.concat(Array.from({ length: 5 }, () => publish(8)));
    const s = new FrameScanner(limits, 0);
    expect(s.scan(burst, 0)).toBeNull();
    // 100 ms later one token has come back.
    expect(s.scan(publish(8), 100)).toBeNull();
    expect(s.scan(publish(8), 100)).toBe('rate-limited');
  });

  it('counts only PUBLISH packets', () => {
    const s = new FrameScanner({ maxPacketBytes: 1024, publishRatePerSec: 1, publishBurst: 1 }, 0);
    const stream = Buffer.concat([publish(4), ...Array.from({ length: 100 }, () => pingreq()), packet(0x40, 2)]);
    expect(s.scan(stream, 0)).toBeNull();
    expect(s.scan(publish(4), 0)).toBe('rate-limited');
  });

  it('sees PUBLISH with any flags (QoS, DUP, RETAIN) as PUBLISH', () => {
    const s = new FrameScanner({ maxPacketBytes: 1024, publishRatePerSec: 1, publishBurst: 2 }, 0);
    expect(s.scan(Buffer.concat([packet(0x32, 6), packet(0x3b, 6)]), 0)).toBeNull();
    expect(s.scan(packet(0x31, 6), 0)).toBe('rate-limited');
  });
});

describe('TokenBucket', () => {
  it('starts full, never exceeds the burst, refills by elapsed time', () => {
    const b = new TokenBucket(100, 3, 1000);
    expect([b.take(1000), b.take(1000), b.take(1000), b.take(1000)]).toEqual([true, true, true, false]);
    expect(b.available(1010)).toBeCloseTo(1);
    expect(b.available(60_000)).toBe(3);
    // A clock that goes backwards does not mint tokens.
    expect(b.take(500)).toBe(false);
  });
});

describe('installFrameGuard', () => {
  it('hands clean chunks through read() and, with no grace, destroys the stream before an oversized packet is returned', () => {
    const stream = new PassThrough();
    const seen: Array<[FrameViolation, number]> = [];
    installFrameGuard(stream, { limits: { ...roomy, maxPacketBytes: 100 }, nowMs: () => 0, graceMs: 0, onViolation: (v, n) => seen.push([v, n]) });
    stream.write(publish(10));
    expect(stream.read()).toEqual(publish(10));
    stream.write(Buffer.concat([pingreq(), publish(200)]));
    expect(stream.read()).toBeNull();
    expect(stream.destroyed).toBe(true);
    expect(seen).toEqual([['packet-too-large', 203]]);
  });

  it('with a grace, hands over the packets before the offending one, then nothing, then destroys', () => {
    vi.useFakeTimers();
    try {
      const stream = new PassThrough();
      const limits = { maxPacketBytes: 100, publishRatePerSec: 1, publishBurst: 3 };
      installFrameGuard(stream, { limits, nowMs: () => 0, graceMs: 500, onViolation: () => {} });
      const clean = Buffer.concat([pingreq(), publish(5), publish(5), publish(5)]);
      stream.write(Buffer.concat([clean, publish(5), publish(5)]));
      expect(stream.read()).toEqual(clean);
      stream.write(pingreq());
      expect(stream.read()).toBeNull();
      expect(stream.destroyed).toBe(false);
      vi.advanceTimersByTime(500);
      expect(stream.destroyed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('hands over nothing of a packet whose header began in an earlier chunk', () => {
    const stream = new PassThrough();
    installFrameGuard(stream, { limits: { ...roomy, maxPacketBytes: 100 }, nowMs: () => 0, graceMs: 10_000, onViolation: () => {} });
    stream.write(Buffer.from([0xc0, 0x00, 0x30]));
    expect(stream.read()).toEqual(Buffer.from([0xc0, 0x00, 0x30]));
    stream.write(Buffer.from([0xff, 0x01]));
    expect(stream.read()).toBeNull();
    stream.destroy();
  });

  it('refuses a stream already in flowing mode, where read() is not the only way out', () => {
    const stream = new PassThrough();
    stream.on('data', () => {});
    expect(() => installFrameGuard(stream, { limits: roomy, nowMs: () => 0, graceMs: 0, onViolation: () => {} })).toThrow(/paused-mode/);
  });
});
