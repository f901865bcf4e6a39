// The spool's segment files on a real temp dir: durable appends, group commit, torn tails,
// in-order shipping across segments, and segments deleted only once confirmed.
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeRecord, scanRecords } from '../../store/spool/record-format.ts';
import { SpoolLog } from '../../store/spool/spool-log.ts';

const logger = pino({ level: 'silent' });
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cf-spool-log-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const payload = (i: number): Buffer => Buffer.from(JSON.stringify({ packs: [{ packId: `P${i}`, seq: i }], kiosks: [], events: [] }));
const segFiles = (): string[] => readdirSync(dir).filter((n) => n.startsWith('seg-')).sort();

async function drain(log: SpoolLog): Promise<number[]> {
  const seen: number[] = [];
  for (let guard = 0; guard < 10_000; guard++) {
    const p = await log.peek(7);
    if (!p) break;
    for (const r of p.records) seen.push((JSON.parse(r.payload.toString()) as { packs: Array<{ seq: number }> }).packs[0]!.seq);
    await log.confirm(p);
  }
  return seen;
}

describe('spool log', () => {
  it('keeps every acknowledged record across a reopen, in order', async () => {
    const { log } = await SpoolLog.open({ dir, segmentBytes: 1 << 20, logger });
    for (let i = 0; i < 20; i++) await log.append(payload(i), { readings: 1, oldestReceivedAtMs: 1000 + i });
    await log.close();

    const reopened = await SpoolLog.open({ dir, segmentBytes: 1 << 20, logger });
    expect(reopened.replay).toMatchObject({ records: 20, readings: 20, truncatedBytes: 0 });
    expect(reopened.log.depth).toBe(20);
    expect(reopened.log.oldestUnshippedAtMs).toBe(1000);
    expect(await drain(reopened.log)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(reopened.log.depth).toBe(0);
    await reopened.log.close();
  });

  it('cuts a half-written last record at open and appends cleanly after it', async () => {
    const { log } = await SpoolLog.open({ dir, segmentBytes: 1 << 20, logger });
    for (let i = 0; i < 3; i++) await log.append(payload(i), { readings: 1, oldestReceivedAtMs: i });
    await log.close();
    const file = join(dir, segFiles()[0]!);
    const goodSize = statSync(file).size;
    const torn = encodeRecord(payload(3), { readings: 1, oldestReceivedAtMs: 3 });
    appendFileSync(file, torn.subarray(0, Math.floor(torn.length / 2))); // the crash hit mid-write

    const { log: again, replay } = await SpoolLog.open({ dir, segmentBytes: 1 << 20, logger });
    expect(replay.readings).toBe(3);
    expect(replay.truncatedBytes).toBe(Math.floor(torn.length / 2));
    expect(statSync(file).size).toBe(goodSize);
    await again.append(payload(4), { readings: 1, oldestReceivedAtMs: 4 });
    await again.close();

    const { log: third, replay: r3 } = await SpoolLog.open({ dir, segmentBytes: 1 << 20, logger });
    expect(r3).toMatchObject({ readings: 4, truncatedBytes: 0 });
    expect(await drain(third)).toEqual([0, 1, 2, 4]);
    await third.close();
  });

  it('detects a flipped byte by its checksum and cuts from that record on', async () => {
    const { log } = await SpoolLog.open({ dir, segmentBytes: 1 << 20, logger });
    for (let i = 0; i < 3; i++) await log.append(payload(i), { readings: 1, oldestReceivedAtMs: i });
    await log.close();
    const file = join(dir, segFiles()[0]!);
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(file);
    const recs = scanRecords(bytes, 0).records;
    bytes[recs[2]!.offset + 30]! ^= 0xff;
    writeFileSync(file, bytes);

    const { log: again, replay } = await SpoolLog.open({ dir, segmentBytes: 1 << 20, logger });
    expect(replay.readings).toBe(2);
    expect(replay.truncatedBytes).toBe(recs[2]!.totalBytes);
    expect(await drain(again)).toEqual([0, 1]);
    await again.close();
  });

  it('group-commits concurrent appends into far fewer fsyncs', async () => {
    const { log } = await SpoolLog.open({ dir, segmentBytes: 1 << 24, logger });
    await Promise.all(Array.from({ length: 500 }, (_, i) => log.append(payload(i), { readings: 1, oldestReceivedAtMs: i })));
    expect(log.depth).toBe(500);
    expect(log.fsyncs).toBeGreaterThanOrEqual(1);
    expect(log.fsyncs).toBeLessThan(50);
    expect(await drain(log)).toHaveLength(500);
    await log.close();
  });

  it('rolls segments and deletes each one only after all its records are confirmed', async () => {
    const { log } = await SpoolLog.open({ dir, segmentBytes: 512, logger });
    for (let i = 0; i < 60; i++) await log.append(payload(i), { readings: 1, oldestReceivedAtMs: i });
    const before = segFiles().length;
    expect(before).toBeGreaterThan(3);

    const first = await log.peek(5);
    expect(first?.readings).toBe(5);
    // Peeking ships nothing: the files stay until confirm.
    expect(segFiles().length).toBe(before);
    await log.confirm(first!);
    expect(log.depth).toBe(55);
    expect(log.oldestUnshippedAtMs).toBe(5);

    const rest = await drain(log);
    expect(rest).toEqual(Array.from({ length: 55 }, (_, i) => i + 5));
    expect(segFiles().length).toBe(1); // only the active segment is left
    await log.close();
    expect(segFiles()).toEqual([]); // a fully shipped spool leaves no files
    expect(existsSync(dir)).toBe(true);
  });
});
