// The file log on a real temp dir: durable appends with group commit, cursors that survive a
// reopen, a torn last write cut, corruption set aside and reported (never cut silently), segments
// deleted only behind every consumer's persisted cursor, and a bound that refuses appends.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCfError } from '../../domain/errors.ts';
import type { LogCodec } from '../../store/log/durable-log.ts';
import { FileDurableLog, type FileLogOptions } from '../../store/log/file-log.ts';
import { HEADER_BYTES, encodeRecord, scanRecords } from '../../store/log/record-format.ts';

const logger = pino({ level: 'silent' });
let dir: string;

interface Rec {
  seq: number;
}
const codec: LogCodec<Rec> = { encode: (v) => Buffer.from(JSON.stringify(v)), decode: (b) => JSON.parse(b.toString()) as Rec };
const meta = (seq: number) => ({ readings: 1, oldestReceivedAtMs: 1000 + seq });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cf-file-log-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function makeLog(o: Partial<FileLogOptions<Rec>> = {}): FileDurableLog<Rec> {
  return new FileDurableLog<Rec>({ dir, codec, consumers: ['a'], maxBytes: 64 * 1024 * 1024, logger, cursorSyncMs: 1, ...o });
}
const segFiles = (): string[] => readdirSync(dir).filter((n) => n.startsWith('seg-')).sort();

/** Reads everything after consumer `name`'s cursor, moving it, in pages of `page` readings. */
async function drain(log: FileDurableLog<Rec>, name = 'a', page = 7): Promise<number[]> {
  const seen: number[] = [];
  for (let guard = 0; guard < 10_000; guard++) {
    const entries = await log.read(log.cursor(name), page);
    if (entries.length === 0) break;
    for (const e of entries) seen.push(e.value.seq);
    log.commit(name, entries[entries.length - 1]!.end);
  }
  return seen;
}

async function appendAll(log: FileDurableLog<Rec>, seqs: number[]): Promise<void> {
  for (const seq of seqs) await log.append({ seq }, meta(seq));
}
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe('file log', () => {
  it('keeps every acknowledged entry across a reopen, in order, and each consumer resumes from its cursor', async () => {
    const log = makeLog({ consumers: ['a', 'b'] });
    await log.open();
    await appendAll(log, range(0, 20));
    expect(await drain(log, 'a')).toEqual(range(0, 20));
    await log.close();

    const again = makeLog({ consumers: ['a', 'b'] });
    const report = await again.open();
    expect(report).toMatchObject({ entries: 20, readings: 20, truncatedBytes: 0, corrupt: [] });
    expect(await drain(again, 'a')).toEqual([]); // a had them all
    expect(await drain(again, 'b')).toEqual(range(0, 20)); // b had none
    expect(again.health().consumers.map((c) => [c.name, c.readings])).toEqual([['a', 0], ['b', 0]]);
    await again.close();
  });

  it('cuts a half-written last record at open and appends cleanly after it', async () => {
    const log = makeLog();
    await log.open();
    await appendAll(log, [0, 1, 2]);
    await log.close();
    const file = join(dir, segFiles()[0]!);
    const goodSize = statSync(file).size;
    const torn = encodeRecord(codec.encode({ seq: 3 }), meta(3));
    appendFileSync(file, torn.subarray(0, Math.floor(torn.length / 2))); // the crash hit mid-write

    const again = makeLog();
    const report = await again.open();
    expect(report.readings).toBe(3);
    expect(report.truncatedBytes).toBe(Math.floor(torn.length / 2));
    expect(report.corrupt).toEqual([]);
    expect(statSync(file).size).toBe(goodSize);
    await appendAll(again, [4]);
    await again.close();

    const third = makeLog();
    expect(await third.open()).toMatchObject({ readings: 4, truncatedBytes: 0 });
    expect(await drain(third)).toEqual([0, 1, 2, 4]);
    await third.close();
  });

  it('sets a corrupt stretch of a sealed segment aside, reports it with its readings, and reads everything around it', async () => {
    const log = makeLog({ segmentBytes: 400 });
    await log.open();
    await appendAll(log, range(0, 40));
    await log.close();
    const files = segFiles();
    expect(files.length).toBeGreaterThan(3);
    const middle = join(dir, files[1]!);
    const bytes = readFileSync(middle);
    const recs = scanRecords(bytes, 0).records;
    expect(recs.length).toBeGreaterThan(2);
    const victim = recs[1]!;
    const victimSeq = (JSON.parse(victim.payload.toString()) as Rec).seq;
    bytes[victim.offset + HEADER_BYTES + 2]! ^= 0xff; // a flipped byte in the payload of an acknowledged record
    writeFileSync(middle, bytes);

    const again = makeLog({ segmentBytes: 400 });
    const report = await again.open();
    expect(report.corrupt).toHaveLength(1);
    expect(report.corrupt[0]).toMatchObject({ where: middle, offset: victim.offset, bytes: victim.totalBytes, readingsAffected: 1, reason: 'checksum mismatch' });
    expect(report.truncatedBytes).toBe(0);
    // Kept for diagnosis, byte for byte; the segment itself is not cut.
    expect(readFileSync(join(dir, 'corrupt', files[1]!))).toEqual(bytes);
    expect(statSync(middle).size).toBe(bytes.length);
    const h = again.health();
    expect(h.corrupt).toHaveLength(1);
    expect(h.corruptReadings).toBe(1);
    expect(await drain(again)).toEqual(range(0, 40).filter((s) => s !== victimSeq));
    await again.close();
    // Every consumer has passed it, so the segment is gone; the report stays (in corrupt/) until an operator clears it.
    expect(existsSync(middle)).toBe(false);
    const third = makeLog({ segmentBytes: 400 });
    expect((await third.open()).corrupt).toEqual([]);
    expect(third.health().corrupt).toEqual([expect.objectContaining({ offset: victim.offset, readingsAffected: 1 })]);
    expect(readdirSync(join(dir, 'corrupt')).sort()).toEqual([files[1], `${files[1]}.json`]);
    await third.close();
  });

  it('tells corruption in the middle of the active segment from a torn tail: the records after it are kept', async () => {
    const log = makeLog();
    await log.open();
    await appendAll(log, range(0, 5));
    await log.close();
    const file = join(dir, segFiles()[0]!);
    const bytes = readFileSync(file);
    const recs = scanRecords(bytes, 0).records;
    bytes[recs[2]!.offset + HEADER_BYTES + 2]! ^= 0xff; // inside its payload
    writeFileSync(file, bytes);

    const again = makeLog();
    const report = await again.open();
    expect(report.truncatedBytes).toBe(0);
    expect(report.corrupt).toEqual([expect.objectContaining({ offset: recs[2]!.offset, readingsAffected: 1 })]);
    expect(await drain(again)).toEqual([0, 1, 3, 4]);
    await again.close();
  });

  it('cuts a last record whose checksum fails when nothing valid follows it (as a torn write)', async () => {
    const log = makeLog();
    await log.open();
    await appendAll(log, [0, 1, 2]);
    await log.close();
    const file = join(dir, segFiles()[0]!);
    const bytes = readFileSync(file);
    const recs = scanRecords(bytes, 0).records;
    bytes[recs[2]!.offset + HEADER_BYTES + 2]! ^= 0xff; // inside its payload
    writeFileSync(file, bytes);
    const again = makeLog();
    const report = await again.open();
    expect(report.truncatedBytes).toBe(recs[2]!.totalBytes);
    expect(await drain(again)).toEqual([0, 1]);
    await again.close();
  });

  it('group-commits concurrent appends into far fewer fsyncs, each resolving with its own position', async () => {
    const log = makeLog({ segmentBytes: 1 << 24 });
    await log.open();
    const positions = await Promise.all(range(0, 500).map((i) => log.append({ seq: i }, meta(i))));
    expect(new Set(positions).size).toBe(500);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions); // in append order
    expect(log.health().fsyncs).toBeGreaterThanOrEqual(1);
    expect(log.health().fsyncs).toBeLessThan(50);
    expect(await drain(log, 'a', 1000)).toEqual(range(0, 500));
    await log.close();
  });

  it('deletes a segment only once every consumer\'s persisted cursor has passed it', async () => {
    const log = makeLog({ segmentBytes: 300, consumers: ['fast', 'slow'] });
    await log.open();
    await appendAll(log, range(0, 60));
    const before = segFiles();
    expect(before.length).toBeGreaterThan(3);
    expect(await drain(log, 'fast')).toEqual(range(0, 60));
    await log.close(); // persists the cursors
    expect(segFiles()).toEqual(expect.arrayContaining(before)); // 'slow' still needs them all

    const again = makeLog({ segmentBytes: 300, consumers: ['fast', 'slow'] });
    await again.open();
    expect(await drain(again, 'slow')).toEqual(range(0, 60));
    await again.close();
    expect(segFiles()).toHaveLength(1); // only the active segment is left
    expect(existsSync(join(dir, 'cursors', 'slow.json'))).toBe(true);
  });

  it('reads entries back from disk once they left the memory cache', async () => {
    const log = makeLog({ cacheBytes: 100, segmentBytes: 500 });
    await log.open();
    await appendAll(log, range(0, 50));
    expect(await drain(log, 'a', 3)).toEqual(range(0, 50));
    await log.close();
  });

  it('refuses appends past its bound with CF_ERR_STORE_BACKPRESSURE, and takes them again once consumers catch up', async () => {
    const log = makeLog({ maxBytes: 2000 });
    await log.open();
    let accepted = 0;
    let refusal: unknown = null;
    for (let i = 0; i < 200 && refusal === null; i++) {
      try {
        await log.append({ seq: i }, meta(i));
        accepted++;
      } catch (err) {
        refusal = err;
      }
    }
    expect(isCfError(refusal) && refusal.code).toBe('CF_ERR_STORE_BACKPRESSURE');
    expect(accepted).toBeGreaterThan(5);
    expect(log.health()).toMatchObject({ backpressure: true });
    expect(log.health().bytes).toBeLessThanOrEqual(2000);
    expect(await drain(log)).toEqual(range(0, accepted));
    expect(log.health()).toMatchObject({ backpressure: false, bytes: 0 });
    await log.append({ seq: 999 }, meta(999));
    expect(await drain(log)).toEqual([999]);
    await log.close();
  });
});
