// A durable FIFO of records in segment files: append() group-commits (one fsync for every append
// that arrived while the previous fsync ran), peek()/confirm() ship from the head, and a segment
// is deleted only once every record in it is confirmed. open() replays and cuts a torn tail.
import { mkdir, open, readdir, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { CfError } from '../../domain/errors.ts';
import { HEADER_BYTES, encodeRecord, peekMeta, scanRecords, type RecordMeta, type ScannedRecord } from './record-format.ts';

export interface SpoolLogOptions {
  dir: string;
  /** A segment is sealed and a new one started once it reaches this size. */
  segmentBytes: number;
  logger: Logger;
  /** Sees every valid record found at open(), oldest first. */
  onReplay?: (rec: ScannedRecord) => void;
}

interface Segment {
  id: number;
  path: string;
  /** Durable (fsynced) bytes. */
  size: number;
}

interface PendingAppend {
  buf: Buffer;
  meta: RecordMeta;
  resolve: () => void;
  reject: (err: Error) => void;
}

export interface Peeked {
  records: ScannedRecord[];
  readings: number;
  segmentId: number;
  startOffset: number;
  endOffset: number;
}

export interface ReplayReport {
  segments: number;
  records: number;
  readings: number;
  /** Bytes cut from segment tails that failed their checks (a torn write, or corruption). */
  truncatedBytes: number;
}

const SEGMENT_RE = /^seg-(\d{12})\.log$/;
const segmentName = (id: number): string => `seg-${String(id).padStart(12, '0')}.log`;
const READ_CHUNK_BYTES = 4 * 1024 * 1024;

export class SpoolLog {
  private segments: Segment[] = [];
  private writer: FileHandle | null = null;
  private reader: { id: number; fh: FileHandle } | null = null;
  private headOffset = 0;
  private pending: PendingAppend[] = [];
  private flushing: Promise<void> | null = null;
  private broken: Error | null = null;
  private closed = false;
  /** Readings appended and durable, not yet confirmed. */
  depth = 0;
  /** Bytes appended and durable, not yet confirmed. */
  bytes = 0;
  /** Bytes waiting for the next group commit. */
  pendingBytes = 0;
  oldestUnshippedAtMs: number | null = null;
  fsyncs = 0;
  /** Called after every group commit that made records durable. */
  onDurable: () => void = () => undefined;

  private constructor(private readonly opts: SpoolLogOptions) {}

  static async open(opts: SpoolLogOptions): Promise<{ log: SpoolLog; replay: ReplayReport }> {
    const log = new SpoolLog(opts);
    const replay = await log.replay();
    return { log, replay };
  }

  private async replay(): Promise<ReplayReport> {
    const { dir, logger } = this.opts;
    await mkdir(dir, { recursive: true });
    const ids = (await readdir(dir)).map((n) => SEGMENT_RE.exec(n)?.[1]).filter((m): m is string => !!m).map(Number).sort((a, b) => a - b);
    const report: ReplayReport = { segments: ids.length, records: 0, readings: 0, truncatedBytes: 0 };
    for (const id of ids) {
      const path = join(dir, segmentName(id));
      const fh = await open(path, 'r+');
      try {
        const { size } = await fh.stat();
        const buf = size > 0 ? (await fh.read(Buffer.allocUnsafe(size), 0, size, 0)).buffer : Buffer.alloc(0);
        const scan = scanRecords(buf, 0);
        for (const rec of scan.records) {
          this.opts.onReplay?.(rec);
          this.depth += rec.readings;
          this.oldestUnshippedAtMs ??= rec.oldestReceivedAtMs;
          report.readings += rec.readings;
        }
        report.records += scan.records.length;
        if (scan.stop.kind !== 'end') {
          // A torn last write (crash mid-append) or corruption: cut it so appends start clean.
          const cut = size - scan.endOffset;
          report.truncatedBytes += cut;
          logger.warn({ segment: path, offset: scan.endOffset, cutBytes: cut, reason: scan.stop.kind === 'corrupt' ? scan.stop.reason : 'torn record' }, 'spool: cutting a bad tail');
          await fh.truncate(scan.endOffset);
          await fh.datasync();
        }
        this.segments.push({ id, path, size: scan.endOffset });
        this.bytes += scan.endOffset;
      } finally {
        await fh.close();
      }
    }
    const last = this.segments[this.segments.length - 1];
    if (last && last.size < this.opts.segmentBytes) {
      this.writer = await open(last.path, 'r+');
    } else {
      await this.roll();
    }
    return report;
  }

  /** Starts a new active segment; the directory is fsynced so the new file survives a crash. */
  private async roll(): Promise<void> {
    const id = (this.segments[this.segments.length - 1]?.id ?? 0) + 1;
    const path = join(this.opts.dir, segmentName(id));
    const fh = await open(path, 'wx');
    const dirHandle = await open(this.opts.dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
    await this.writer?.close();
    this.writer = fh;
    this.segments.push({ id, path, size: 0 });
  }

  /** Resolves once the record is fsynced. Concurrent appends share one write and one fsync. */
  append(payload: Buffer, meta: RecordMeta): Promise<void> {
    if (this.closed) return Promise.reject(new CfError('CF_ERR_STORE_UNAVAILABLE', 'The spool is closed'));
    if (this.broken) return Promise.reject(new CfError('CF_ERR_STORE_UNAVAILABLE', `The spool cannot write: ${this.broken.message}`));
    const buf = encodeRecord(payload, meta);
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ buf, meta, resolve, reject });
      this.pendingBytes += buf.length;
      this.kick();
    });
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = null;
      // An append may have queued after the loop's last check but before this callback ran.
      if (this.pending.length > 0) this.kick();
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending;
      this.pending = [];
      if (this.broken) {
        this.pendingBytes -= group.reduce((n, p) => n + p.buf.length, 0);
        for (const p of group) p.reject(new CfError('CF_ERR_STORE_UNAVAILABLE', `The spool cannot write: ${this.broken.message}`));
        continue;
      }
      const buf = group.length === 1 ? group[0]!.buf : Buffer.concat(group.map((p) => p.buf));
      this.pendingBytes -= buf.length;
      const seg = this.segments[this.segments.length - 1]!;
      const writer = this.writer!;
      try {
        let done = 0;
        while (done < buf.length) done += (await writer.write(buf, done, buf.length - done, seg.size + done)).bytesWritten;
        await writer.datasync();
        this.fsyncs++;
      } catch (err) {
        // Nothing of this group is acknowledged; cut what may have landed so the file stays clean.
        const cause = err as Error;
        await writer.truncate(seg.size).catch((truncErr: Error) => {
          this.broken = truncErr;
        });
        for (const p of group) p.reject(new CfError('CF_ERR_STORE_UNAVAILABLE', `Spool write failed: ${cause.message}`));
        continue;
      }
      seg.size += buf.length;
      const wasEmpty = this.depth === 0;
      for (const p of group) this.depth += p.meta.readings;
      this.bytes += buf.length;
      if (wasEmpty) this.oldestUnshippedAtMs = group[0]!.meta.oldestReceivedAtMs;
      for (const p of group) p.resolve();
      this.onDurable();
      if (seg.size >= this.opts.segmentBytes) await this.roll().catch((err: Error) => this.opts.logger.error({ err }, 'spool: cannot start a new segment'));
    }
  }

  /** Up to `maxReadings` (at least one record) from the head, without removing them. */
  async peek(maxReadings: number): Promise<Peeked | null> {
    await this.dropConsumedSegments();
    const seg = this.segments[0];
    if (!seg || this.headOffset >= seg.size) return null;
    const fh = await this.readerFor(seg);
    let want = Math.min(seg.size - this.headOffset, READ_CHUNK_BYTES);
    for (let attempt = 0; attempt < 3; attempt++) {
      const buf = (await fh.read(Buffer.allocUnsafe(want), 0, want, this.headOffset)).buffer;
      const scan = scanRecords(buf, this.headOffset, { maxReadings });
      if (scan.records.length > 0) {
        return { records: scan.records, readings: scan.records.reduce((n, r) => n + r.readings, 0), segmentId: seg.id, startOffset: this.headOffset, endOffset: scan.endOffset };
      }
      if (scan.stop.kind === 'incomplete' && scan.stop.needBytes && scan.stop.needBytes <= seg.size - this.headOffset) {
        want = scan.stop.needBytes; // one record larger than the read chunk
        continue;
      }
      throw new CfError('CF_ERR_STORE_UNAVAILABLE', `Spool segment ${seg.path} is unreadable at ${this.headOffset}: ${scan.stop.kind}`);
    }
    return null;
  }

  /** Marks a peeked run as shipped; deletes its segment once it is sealed and fully shipped. */
  async confirm(p: Peeked): Promise<void> {
    const seg = this.segments[0];
    if (!seg || seg.id !== p.segmentId || this.headOffset !== p.startOffset) throw new Error('spool: confirm out of order');
    this.headOffset = p.endOffset;
    this.depth -= p.readings;
    this.bytes -= p.endOffset - p.startOffset;
    await this.dropConsumedSegments();
    this.oldestUnshippedAtMs = this.depth > 0 ? await this.headOldest() : null;
  }

  private async dropConsumedSegments(): Promise<void> {
    while (this.segments.length > 1 && this.headOffset >= this.segments[0]!.size) {
      const seg = this.segments.shift()!;
      if (this.reader?.id === seg.id) {
        await this.reader.fh.close();
        this.reader = null;
      }
      await rm(seg.path, { force: true });
      this.headOffset = 0;
    }
  }

  private async headOldest(): Promise<number | null> {
    await this.dropConsumedSegments();
    const seg = this.segments[0];
    if (!seg || this.headOffset + HEADER_BYTES > seg.size) return this.oldestUnshippedAtMs;
    const fh = await this.readerFor(seg);
    const { buffer } = await fh.read(Buffer.alloc(HEADER_BYTES), 0, HEADER_BYTES, this.headOffset);
    return peekMeta(buffer)?.oldestReceivedAtMs ?? this.oldestUnshippedAtMs;
  }

  private async readerFor(seg: Segment): Promise<FileHandle> {
    if (this.reader?.id === seg.id) return this.reader.fh;
    await this.reader?.fh.close();
    this.reader = { id: seg.id, fh: await open(seg.path, 'r') };
    return this.reader.fh;
  }

  /** Segment files on disk (for tests and stats). */
  get segmentCount(): number {
    return this.segments.length;
  }

  /** Waits for pending appends, then closes. A fully shipped spool leaves no files behind. */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.closed = true;
    await this.reader?.fh.close();
    this.reader = null;
    await this.writer?.close();
    this.writer = null;
    if (this.depth === 0) {
      for (const seg of this.segments) await rm(seg.path, { force: true });
      this.segments = [];
    }
  }
}
