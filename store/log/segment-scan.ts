// Reads one segment file's bytes into records, and tells a torn tail (a crash mid-append: never
// acknowledged, safe to cut) from corruption (acknowledged bytes that no longer pass their checks:
// to be set aside and reported, never dropped silently). After a bad record it looks for the next
// record that passes its checksum, so one bad stretch does not take the rest of the segment with it.
import { FORMAT_VERSION, HEADER_BYTES, scanRecords, type ScannedRecord } from './record-format.ts';
import { crc32 } from 'node:zlib';

export interface BadStretch {
  offset: number;
  bytes: number;
  /** From the bad record's header when its length still matches the stretch; else null. */
  readingsAffected: number | null;
  reason: string;
}

export interface SegmentScan {
  records: ScannedRecord[];
  /** Bad stretches followed by good records (or anywhere in a sealed segment). */
  corrupt: BadStretch[];
  /** A bad or partial last stretch of the active segment, with nothing valid after it. */
  tornTail: BadStretch | null;
  /** End of the last good record (where appends continue after a torn tail is cut). */
  endOffset: number;
}

/**
 * @param active the segment appends go to: a bad stretch at its very end is a torn write. In a
 * sealed segment every byte was fsynced before the next segment began, so any bad stretch is corruption.
 */
export function scanSegment(buf: Buffer, active: boolean): SegmentScan {
  const records: ScannedRecord[] = [];
  const corrupt: BadStretch[] = [];
  let pos = 0;
  for (;;) {
    const scan = scanRecords(buf.subarray(pos), pos);
    for (const r of scan.records) records.push(r);
    if (scan.stop.kind === 'end') return { records, corrupt, tornTail: null, endOffset: scan.endOffset };
    const bad = scan.endOffset;
    const reason = scan.stop.kind === 'corrupt' ? scan.stop.reason : 'record cut short';
    const next = resync(buf, bad + 1);
    if (next === -1) {
      const stretch = { offset: bad, bytes: buf.length - bad, readingsAffected: readingsIn(buf, bad, buf.length), reason };
      if (active) return { records, corrupt, tornTail: stretch, endOffset: bad };
      corrupt.push(stretch);
      return { records, corrupt, tornTail: null, endOffset: buf.length };
    }
    corrupt.push({ offset: bad, bytes: next - bad, readingsAffected: readingsIn(buf, bad, next), reason });
    pos = next;
  }
}

/** The first offset at or after `from` where a record passes every check, or -1. */
function resync(buf: Buffer, from: number): number {
  for (let p = from; p + HEADER_BYTES <= buf.length; p++) {
    // Cheap tests first: the version byte (JSON payloads never hold 0x01) and a length that fits.
    if (buf[p + 8] !== FORMAT_VERSION) continue;
    const len = buf.readUInt32LE(p);
    if (p + HEADER_BYTES + len > buf.length) continue;
    if (crc32(buf.subarray(p + 8, p + HEADER_BYTES + len)) === buf.readUInt32LE(p + 4)) return p;
  }
  return -1;
}

/** The readings a bad record claimed, trusted only when its length field spans exactly the stretch. */
function readingsIn(buf: Buffer, start: number, end: number): number | null {
  if (end - start < HEADER_BYTES) return null;
  return start + HEADER_BYTES + buf.readUInt32LE(start) === end ? buf.readUInt32LE(start + 9) : null;
}
