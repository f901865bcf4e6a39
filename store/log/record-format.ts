// The spool's on-disk record: length-prefixed and checksummed, so a torn tail after a crash is
// found and cut instead of being shipped as garbage.
//
//   0  u32 LE  payload length
//   4  u32 LE  crc32 of bytes 8 .. end of payload
//   8  u8      format version (1)
//   9  u32 LE  readings in the record
//  13  f64 LE  receive time of the oldest reading (epoch ms)
//  21  payload (version 1: UTF-8 JSON of a TelemetryBatch)
import { crc32 } from 'node:zlib';

export const HEADER_BYTES = 21;
export const FORMAT_VERSION = 1;
/** A record larger than this is taken as corruption (a group commit is far smaller). */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

export interface RecordMeta {
  readings: number;
  oldestReceivedAtMs: number;
}

export interface ScannedRecord extends RecordMeta {
  /** Offset of the record in the scanned buffer (plus the base offset passed in). */
  offset: number;
  /** Header plus payload. */
  totalBytes: number;
  payload: Buffer;
}

export type ScanStop =
  | { kind: 'end' }
  /** The buffer ends inside a record; `needBytes` is the whole record when the header was readable. */
  | { kind: 'incomplete'; offset: number; needBytes: number | null }
  | { kind: 'corrupt'; offset: number; reason: string };

export function encodeRecord(payload: Buffer, meta: RecordMeta): Buffer {
  const buf = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  writeRecord(buf, 0, payload, meta);
  return buf;
}

/** Writes the record into `target` at `offset` (one copy of the payload); returns its length. */
export function writeRecord(target: Buffer, offset: number, payload: Buffer, meta: RecordMeta): number {
  target.writeUInt32LE(payload.length, offset);
  target.writeUInt8(FORMAT_VERSION, offset + 8);
  target.writeUInt32LE(meta.readings, offset + 9);
  target.writeDoubleLE(meta.oldestReceivedAtMs, offset + 13);
  payload.copy(target, offset + HEADER_BYTES);
  const end = offset + HEADER_BYTES + payload.length;
  target.writeUInt32LE(crc32(target.subarray(offset + 8, end)), offset + 4);
  return end - offset;
}

/**
 * Reads whole records from `buf` (which starts at file offset `base`) until it ends or a record
 * fails its checks. At most `maxRecords`, and stops once `maxReadings` readings are collected.
 */
export function scanRecords(buf: Buffer, base: number, limits: { maxReadings?: number } = {}): { records: ScannedRecord[]; stop: ScanStop; endOffset: number } {
  const records: ScannedRecord[] = [];
  let pos = 0;
  let readings = 0;
  const maxReadings = limits.maxReadings ?? Number.POSITIVE_INFINITY;
  while (pos < buf.length && readings < maxReadings) {
    const offset = base + pos;
    if (buf.length - pos < HEADER_BYTES) return { records, stop: { kind: 'incomplete', offset, needBytes: null }, endOffset: offset };
    const len = buf.readUInt32LE(pos);
    if (len > MAX_PAYLOAD_BYTES) return { records, stop: { kind: 'corrupt', offset, reason: `length ${len} is implausible` }, endOffset: offset };
    const total = HEADER_BYTES + len;
    if (buf.length - pos < total) return { records, stop: { kind: 'incomplete', offset, needBytes: total }, endOffset: offset };
    const body = buf.subarray(pos + 8, pos + total);
    if (crc32(body) !== buf.readUInt32LE(pos + 4)) return { records, stop: { kind: 'corrupt', offset, reason: 'checksum mismatch' }, endOffset: offset };
    const version = buf.readUInt8(pos + 8);
    if (version !== FORMAT_VERSION) return { records, stop: { kind: 'corrupt', offset, reason: `unknown format version ${version}` }, endOffset: offset };
    const rec: ScannedRecord = {
      offset,
      totalBytes: total,
      readings: buf.readUInt32LE(pos + 9),
      oldestReceivedAtMs: buf.readDoubleLE(pos + 13),
      payload: buf.subarray(pos + HEADER_BYTES, pos + total),
    };
    records.push(rec);
    readings += rec.readings;
    pos += total;
  }
  return { records, stop: { kind: 'end' }, endOffset: base + pos };
}

/** Reads the header at the start of `buf` without checking the payload (for the oldest time). */
export function peekMeta(buf: Buffer): RecordMeta | null {
  if (buf.length < HEADER_BYTES) return null;
  return { readings: buf.readUInt32LE(9), oldestReceivedAtMs: buf.readDoubleLE(13) };
}
