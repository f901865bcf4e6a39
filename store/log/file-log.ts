// The local DurableLog: checksummed records in segment files under one directory (grown out of the
// InfluxDB spool). append() group-commits: every append that arrives while a write+fsync runs goes
// into the next one. Consumers read from named cursors (cursors/NAME.json); a segment is deleted
// once every consumer's persisted cursor has passed it. open() cuts a torn last write and sets
// corrupt stretches aside (a copy under corrupt/), reported in health() with the readings affected.
import { copyFile, mkdir, open, readFile, readdir, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { CfError } from '../../domain/errors.ts';
import { checkConsumerName, loadCursors, saveCursors } from './cursor-file.ts';
import type { ConsumerLag, CorruptRange, DurableLog, EntryMeta, LogCodec, LogEntry, LogHealth, LogOpenReport, LogPosition } from './durable-log.ts';
import { LogIo } from './log-io.ts';
import { HEADER_BYTES, scanRecords, writeRecord } from './record-format.ts';
import { scanSegment } from './segment-scan.ts';

export interface FileLogOptions<T> {
  dir: string;
  codec: LogCodec<T>;
  /** Consumers whose cursors hold entries; the log deletes nothing a registered consumer has not passed. */
  consumers: readonly string[];
  /** Bound on retained plus pending bytes; past it appends are refused with CF_ERR_STORE_BACKPRESSURE. */
  maxBytes: number;
  logger: Logger;
  /** A segment is sealed and the next one begun once it reaches this size (default 32 MiB). */
  segmentBytes?: number;
  /** Decoded entries kept in memory for consumers (default 64 MiB of encoded bytes); older ones are re-read from disk. */
  cacheBytes?: number;
  /** Longest delay before a committed cursor is persisted (default 1 s: a crash replays at most that much, idempotently). */
  cursorSyncMs?: number;
  nowMs?: () => number;
}

interface Segment {
  id: number;
  path: string;
  /** Durable bytes (what appends continue after). */
  size: number;
}

/** One retained entry: where it is, and its decoded value while it is cached. */
interface Indexed<T> extends EntryMeta {
  start: LogPosition;
  end: LogPosition;
  segmentId: number;
  offset: number;
  totalBytes: number;
  /** Readings in this and every earlier entry since open (for lag). */
  cumReadings: number;
  value?: T;
  bytes?: Buffer;
  /** Failed its checks when read back: skipped and reported. */
  skip?: boolean;
}

interface PendingAppend<T> {
  value: T;
  payload: Buffer;
  /** Header plus payload, as written. */
  recordBytes: number;
  meta: EntryMeta;
  resolve: (pos: LogPosition) => void;
  reject: (err: Error) => void;
}

const SEGMENT_RE = /^seg-(\d{12})\.log$/;
const segmentName = (id: number): string => `seg-${String(id).padStart(12, '0')}.log`;
/** A position is segment id * 2^32 + byte offset: rising across segments, exact in a double up to 2M segments. */
const SEGMENT_SPAN = 2 ** 32;
export const positionOf = (segmentId: number, offset: number): LogPosition => segmentId * SEGMENT_SPAN + offset;
const READ_CHUNK_BYTES = 4 * 1024 * 1024;
/** Once backpressure is on, it stays on until the log is back under this share of its bound. */
const RESUME_FRACTION = 0.9;
/** Errors that mean "no room": the device keeps its reading and resends later. */
const NO_ROOM = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

export class FileDurableLog<T> implements DurableLog<T> {
  private segments: Segment[] = [];
  private index: Indexed<T>[] = [];
  private indexHead = 0;
  private cumReadings = 0;
  private retainedBytes = 0;
  private cachedBytes = 0;
  private pending: PendingAppend<T>[] = [];
  private pendingBytes = 0;
  private flushing: Promise<void> | null = null;
  private writer: FileHandle | null = null;
  private reader: { id: number; fh: FileHandle } | null = null;
  private readonly cursors = new Map<string, LogPosition>();
  private readonly persisted = new Map<string, LogPosition>();
  private cursorTimer: NodeJS.Timeout | null = null;
  private persisting: Promise<void> | null = null;
  private readonly listeners = new Set<(entries: readonly LogEntry<T>[]) => void>();
  private readonly io = new LogIo();
  private readonly corrupt: CorruptRange[] = [];
  private backpressure = false;
  private appendError: string | null = null;
  private broken: Error | null = null;
  private closed = false;
  private fsyncs = 0;
  /** Recent write+fsync durations of a group, ms, as the event loop saw them and on the disk alone. */
  private readonly syncMs = new Float64Array(512);
  private readonly diskMs = new Float64Array(512);
  private syncCount = 0;
  private readonly segmentBytes: number;
  private readonly cacheBytes: number;
  private readonly nowMs: () => number;

  constructor(private readonly o: FileLogOptions<T>) {
    for (const name of o.consumers) checkConsumerName(name);
    this.segmentBytes = o.segmentBytes ?? 32 * 1024 * 1024;
    this.cacheBytes = o.cacheBytes ?? 64 * 1024 * 1024;
    this.nowMs = o.nowMs ?? Date.now;
  }

  get head(): LogPosition {
    const last = this.segments[this.segments.length - 1];
    return last ? positionOf(last.id, last.size) : 0;
  }

  private get startPosition(): LogPosition {
    const first = this.segments[0];
    return first ? positionOf(first.id, 0) : 0;
  }

  async open(): Promise<LogOpenReport> {
    const { dir, logger } = this.o;
    await mkdir(dir, { recursive: true });
    const saved = await loadCursors(join(dir, 'cursors'));
    await this.loadCorruptReports();
    const ids = (await readdir(dir)).map((n) => SEGMENT_RE.exec(n)?.[1]).filter((m): m is string => !!m).map(Number).sort((a, b) => a - b);
    const report: LogOpenReport = { entries: 0, readings: 0, truncatedBytes: 0, corrupt: [] };
    for (const [i, id] of ids.entries()) {
      const path = join(dir, segmentName(id));
      const active = i === ids.length - 1;
      const fh = await open(path, 'r+');
      try {
        const { size } = await fh.stat();
        const buf = size > 0 ? (await fh.read(Buffer.allocUnsafe(size), 0, size, 0)).buffer : Buffer.alloc(0);
        const scan = scanSegment(buf, active);
        for (const rec of scan.records) {
          this.indexEntry(id, rec.offset, rec.totalBytes, rec);
          report.entries++;
          report.readings += rec.readings;
        }
        for (const bad of scan.corrupt) report.corrupt.push(await this.setAside(path, id, bad.offset, bad.bytes, bad.readingsAffected, bad.reason));
        if (scan.tornTail) {
          // A write the crash cut short: it was never fsynced, so never acknowledged.
          report.truncatedBytes += scan.tornTail.bytes;
          logger.warn({ segment: path, offset: scan.tornTail.offset, cutBytes: scan.tornTail.bytes, reason: scan.tornTail.reason }, 'log: cutting a torn last write');
          await fh.truncate(scan.endOffset);
          await fh.datasync();
        }
        this.segments.push({ id, path, size: scan.endOffset });
      } finally {
        await fh.close();
      }
    }
    const last = this.segments[this.segments.length - 1];
    if (last && last.size < this.segmentBytes) this.writer = await open(last.path, 'r+');
    else await this.roll();
    for (const name of this.o.consumers) {
      const pos = saved.get(name);
      const start = this.startPosition;
      // A cursor older than the oldest segment (files removed by hand) restarts at the oldest entry.
      const cursor = pos === undefined || pos < start ? start : Math.min(pos, this.head);
      this.cursors.set(name, cursor);
      this.persisted.set(name, cursor);
    }
    this.forgetConsumed();
    await this.deletePassedSegments();
    return report;
  }

  /**
   * Copies a corrupt segment aside once, with a report beside it (corrupt/seg-N.log.json), and
   * remembers the stretch for health(). The reports are read again at every open, so the stretch
   * stays in /healthz after its segment is gone, until an operator removes corrupt/.
   */
  private async setAside(path: string, segmentId: number, offset: number, bytes: number, readingsAffected: number | null, reason: string): Promise<CorruptRange> {
    const known = this.corrupt.find((c) => c.where === path && c.offset === offset);
    if (known) return known;
    const keptDir = join(this.o.dir, 'corrupt');
    const keptAt = join(keptDir, segmentName(segmentId));
    const range: CorruptRange = { where: path, offset, bytes, readingsAffected, keptAt, reason, foundAtMs: this.nowMs() };
    this.corrupt.push(range);
    try {
      await mkdir(keptDir, { recursive: true });
      await stat(keptAt).catch(() => copyFile(path, keptAt));
      const mine = this.corrupt.filter((c) => c.keptAt === keptAt);
      await writeFile(`${keptAt}.json`, `${JSON.stringify(mine, null, 2)}\n`);
    } catch (err) {
      range.keptAt = null;
      this.o.logger.error({ err, segment: path }, 'log: cannot keep a copy of a corrupt segment');
    }
    this.o.logger.error(range, 'log: corrupt stretch set aside; its readings are not replayed (see /healthz)');
    return range;
  }

  /** Stretches set aside by earlier runs (their reports under corrupt/). */
  private async loadCorruptReports(): Promise<void> {
    const keptDir = join(this.o.dir, 'corrupt');
    const files = await readdir(keptDir).catch(() => [] as string[]);
    for (const f of files.filter((n) => n.endsWith('.log.json')).sort()) {
      try {
        for (const r of JSON.parse(await readFile(join(keptDir, f), 'utf8')) as CorruptRange[]) this.corrupt.push(r);
      } catch {
        this.o.logger.warn({ file: f }, 'log: unreadable corrupt-segment report');
      }
    }
  }

  private indexEntry(segmentId: number, offset: number, totalBytes: number, meta: EntryMeta, value?: T, bytes?: Buffer): Indexed<T> {
    this.cumReadings += meta.readings;
    const e: Indexed<T> = {
      start: positionOf(segmentId, offset),
      end: positionOf(segmentId, offset + totalBytes),
      segmentId,
      offset,
      totalBytes,
      readings: meta.readings,
      oldestReceivedAtMs: meta.oldestReceivedAtMs,
      cumReadings: this.cumReadings,
    };
    if (value !== undefined && bytes !== undefined) {
      e.value = value;
      e.bytes = bytes;
      this.cachedBytes += totalBytes;
    }
    this.index.push(e);
    this.retainedBytes += totalBytes;
    return e;
  }

  /** Starts a new active segment; the directory is fsynced so the new file survives a crash. */
  private async roll(): Promise<void> {
    const id = (this.segments[this.segments.length - 1]?.id ?? 0) + 1;
    const path = join(this.o.dir, segmentName(id));
    const fh = await open(path, 'wx');
    const dirHandle = await open(this.o.dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
    await this.writer?.close();
    this.writer = fh;
    this.segments.push({ id, path, size: 0 });
  }

  append(value: T, meta: EntryMeta): Promise<LogPosition> {
    if (this.closed) return Promise.reject(new CfError('CF_ERR_STORE_UNAVAILABLE', 'The log is closed'));
    if (this.broken) return Promise.reject(new CfError('CF_ERR_STORE_UNAVAILABLE', `The log cannot write: ${this.broken.message}`));
    const payload = this.o.codec.encode(value);
    const used = this.retainedBytes + this.pendingBytes;
    const need = payload.length + HEADER_BYTES;
    if (used + need > this.o.maxBytes || (this.backpressure && used > this.o.maxBytes * RESUME_FRACTION)) {
      if (!this.backpressure) this.o.logger.warn({ bytes: used, maxBytes: this.o.maxBytes }, 'log: full; appends are refused until consumers catch up');
      this.backpressure = true;
      return Promise.reject(new CfError('CF_ERR_STORE_BACKPRESSURE', undefined, { logBytes: used, maxBytes: this.o.maxBytes }));
    }
    if (this.backpressure) {
      this.backpressure = false;
      this.o.logger.info({ bytes: used }, 'log: below its bound again; appending');
    }
    return new Promise<LogPosition>((resolve, reject) => {
      this.pending.push({ value, payload, recordBytes: need, meta, resolve, reject });
      this.pendingBytes += need;
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
      // The group's records written straight into one buffer that owns its memory, so it can move
      // to the I/O thread without a copy.
      const buf = Buffer.allocUnsafeSlow(group.reduce((n, p) => n + p.recordBytes, 0));
      let at = 0;
      for (const p of group) at += writeRecord(buf, at, p.payload, p.meta);
      this.pendingBytes -= buf.length;
      if (this.broken) {
        for (const p of group) p.reject(new CfError('CF_ERR_STORE_UNAVAILABLE', `The log cannot write: ${this.broken.message}`));
        continue;
      }
      const seg = this.segments[this.segments.length - 1]!;
      const writer = this.writer!;
      const t0 = performance.now();
      const length = buf.length;
      try {
        const diskMs = await this.io.writeAndSync(writer.fd, seg.size, buf);
        this.fsyncs++;
        this.diskMs[this.syncCount % this.diskMs.length] = diskMs;
        this.syncMs[this.syncCount++ % this.syncMs.length] = performance.now() - t0;
      } catch (err) {
        this.failGroup(group, err as NodeJS.ErrnoException, writer, seg);
        continue;
      }
      if (this.appendError) {
        this.o.logger.info({ after: this.appendError }, 'log: appends succeed again');
        this.appendError = null;
      }
      const entries: LogEntry<T>[] = [];
      let offset = seg.size;
      for (const p of group) {
        const e = this.indexEntry(seg.id, offset, p.recordBytes, p.meta, p.value, p.payload);
        offset += p.recordBytes;
        entries.push(toEntry(e));
      }
      if (offset !== seg.size + length) throw new Error('log: group size mismatch');
      seg.size = offset;
      this.evictCache();
      for (const l of this.listeners) l(entries);
      group.forEach((p, i) => p.resolve(entries[i]!.end));
      if (seg.size >= this.segmentBytes) await this.roll().catch((err: Error) => this.o.logger.error({ err }, 'log: cannot start a new segment'));
    }
  }

  /** Nothing of a failed group is acknowledged; what may have landed is cut so the file stays clean. */
  private failGroup(group: PendingAppend<T>[], cause: NodeJS.ErrnoException, writer: FileHandle, seg: Segment): void {
    const noRoom = cause.code !== undefined && NO_ROOM.has(cause.code);
    if (this.appendError === null) this.o.logger.error({ err: cause.message, code: cause.code }, noRoom ? 'log: disk full; readings are not acknowledged until space returns' : 'log: append failed');
    this.appendError = `${cause.code ?? 'error'}: ${cause.message}`;
    void writer.truncate(seg.size).catch((truncErr: Error) => {
      this.broken = truncErr;
    });
    const err = noRoom
      ? new CfError('CF_ERR_STORE_BACKPRESSURE', 'The log disk is full; readings are not acknowledged until space returns', { cause: cause.code })
      : new CfError('CF_ERR_STORE_UNAVAILABLE', `Log write failed: ${cause.message}`);
    for (const p of group) p.reject(err);
  }

  /** Keeps decoded entries within the cache budget, dropping the oldest (they stay on disk). */
  private evictCache(): void {
    for (let i = this.indexHead; i < this.index.length && this.cachedBytes > this.cacheBytes; i++) {
      const e = this.index[i]!;
      if (e.value === undefined) continue;
      e.value = undefined;
      e.bytes = undefined;
      this.cachedBytes -= e.totalBytes;
    }
  }

  async read(after: LogPosition, maxReadings: number): Promise<LogEntry<T>[]> {
    // Bounded: each pass either returns or flags at least one entry that failed its checks.
    for (;;) {
      const picked: Indexed<T>[] = [];
      let readings = 0;
      for (let i = this.firstAfter(after); i < this.index.length; i++) {
        const e = this.index[i]!;
        if (e.skip) continue;
        if (picked.length > 0 && readings + e.readings > maxReadings) break;
        picked.push(e);
        readings += e.readings;
      }
      const missing = picked.filter((e) => e.value === undefined);
      if (missing.length > 0) await this.load(missing);
      if (picked.every((e) => !e.skip)) {
        const out = picked.map(toEntry);
        this.evictCache();
        return out;
      }
    }
  }

  /** Index of the first retained entry that ends after `pos`. */
  private firstAfter(pos: LogPosition): number {
    let lo = this.indexHead;
    let hi = this.index.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.index[mid]!.end <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Reads evicted entries back from their segments, checking each record again. */
  private async load(entries: Indexed<T>[]): Promise<void> {
    let i = 0;
    while (i < entries.length) {
      const first = entries[i]!;
      let j = i + 1;
      let to = first.offset + first.totalBytes;
      while (j < entries.length && entries[j]!.segmentId === first.segmentId && entries[j]!.offset === to && to - first.offset < READ_CHUNK_BYTES) {
        to += entries[j]!.totalBytes;
        j++;
      }
      const seg = this.segments.find((s) => s.id === first.segmentId);
      if (!seg) throw new CfError('CF_ERR_STORE_UNAVAILABLE', `log segment ${first.segmentId} is gone`);
      const fh = await this.readerFor(seg);
      const buf = (await fh.read(Buffer.allocUnsafe(to - first.offset), 0, to - first.offset, first.offset)).buffer;
      for (const e of entries.slice(i, j)) {
        const scan = scanRecords(buf.subarray(e.offset - first.offset, e.offset - first.offset + e.totalBytes), e.offset);
        const rec = scan.records[0];
        if (!rec) {
          // Checked at open or append, bad now: the disk changed under us. Set aside, skip, report.
          e.skip = true;
          await this.setAside(seg.path, seg.id, e.offset, e.totalBytes, e.readings, scan.stop.kind === 'corrupt' ? scan.stop.reason : 'unreadable');
          continue;
        }
        e.bytes = Buffer.from(rec.payload);
        e.value = this.o.codec.decode(e.bytes);
        this.cachedBytes += e.totalBytes;
      }
      i = j;
    }
  }

  private async readerFor(seg: Segment): Promise<FileHandle> {
    if (this.reader?.id === seg.id) return this.reader.fh;
    await this.reader?.fh.close();
    this.reader = { id: seg.id, fh: await open(seg.path, 'r') };
    return this.reader.fh;
  }

  cursor(name: string): LogPosition {
    const c = this.cursors.get(name);
    if (c === undefined) throw new Error(`log consumer "${name}" is not registered`);
    return c;
  }

  commit(name: string, position: LogPosition): void {
    const c = this.cursor(name);
    if (position <= c) return;
    this.cursors.set(name, Math.min(position, this.head));
    this.forgetConsumed();
    this.cursorTimer ??= setTimeout(() => {
      this.cursorTimer = null;
      void this.persistCursors();
    }, this.o.cursorSyncMs ?? 1000);
    this.cursorTimer.unref?.();
  }

  /** Writes the cursors, then deletes what every persisted cursor has passed. */
  private persistCursors(): Promise<void> {
    this.persisting ??= (async () => {
      try {
        const snapshot = new Map(this.cursors);
        await saveCursors(join(this.o.dir, 'cursors'), snapshot);
        for (const [n, p] of snapshot) this.persisted.set(n, p);
        await this.deletePassedSegments();
      } catch (err) {
        // Not fatal: consumers replay a little more after a crash; retention waits for the next try.
        this.o.logger.warn({ err: (err as Error).message }, 'log: cannot persist cursors yet');
      } finally {
        this.persisting = null;
      }
    })();
    return this.persisting;
  }

  private minPosition(cursors: ReadonlyMap<string, LogPosition>): LogPosition {
    let min = this.head;
    for (const p of cursors.values()) if (p < min) min = p;
    return min;
  }

  /** Forgets the index entries every consumer has passed (they no longer count against the bound). */
  private forgetConsumed(): void {
    const passed = this.minPosition(this.cursors);
    while (this.indexHead < this.index.length && this.index[this.indexHead]!.end <= passed) {
      const e = this.index[this.indexHead]!;
      this.retainedBytes -= e.totalBytes;
      if (e.value !== undefined) this.cachedBytes -= e.totalBytes;
      this.index[this.indexHead++] = undefined as unknown as Indexed<T>;
    }
    if (this.indexHead > 1024 && this.indexHead * 2 > this.index.length) {
      this.index = this.index.slice(this.indexHead);
      this.indexHead = 0;
    }
  }

  /** Deletes sealed segments behind every persisted cursor (never behind one only held in memory). */
  private async deletePassedSegments(): Promise<void> {
    const safe = this.minPosition(this.persisted);
    while (this.segments.length > 1 && positionOf(this.segments[0]!.id, this.segments[0]!.size) <= safe) {
      const seg = this.segments.shift()!;
      if (this.reader?.id === seg.id) {
        await this.reader.fh.close();
        this.reader = null;
      }
      await rm(seg.path, { force: true });
    }
  }

  onDurable(listener: (entries: readonly LogEntry<T>[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  lag(name: string): { readings: number; oldestAtMs: number | null } {
    return this.lagAt(this.cursor(name));
  }

  /** Readings after `pos` and the receive time of the oldest of them. */
  private lagAt(pos: LogPosition): { readings: number; oldestAtMs: number | null } {
    const i = this.firstAfter(pos);
    const next = this.index[i];
    if (!next) return { readings: 0, oldestAtMs: null };
    return { readings: this.cumReadings - (next.cumReadings - next.readings), oldestAtMs: next.oldestReceivedAtMs };
  }

  health(): LogHealth {
    const used = this.retainedBytes + this.pendingBytes;
    if (this.backpressure && used <= this.o.maxBytes * RESUME_FRACTION) this.backpressure = false;
    const consumers: ConsumerLag[] = [...this.cursors].map(([name, cursor]) => ({ name, cursor, ...this.lagAt(cursor) }));
    return {
      kind: 'file',
      bytes: used,
      maxBytes: this.o.maxBytes,
      backpressure: this.backpressure || this.appendError !== null,
      appendError: this.appendError,
      fsyncs: this.fsyncs,
      ...this.syncPercentiles(),
      consumers,
      corrupt: [...this.corrupt],
      corruptReadings: this.corrupt.reduce((n, c) => n + (c.readingsAffected ?? 0), 0),
    };
  }

  private syncPercentiles(): { syncP50Ms: number | null; syncP99Ms: number | null; diskP50Ms: number | null; diskP99Ms: number | null } {
    const n = Math.min(this.syncCount, this.syncMs.length);
    if (n === 0) return { syncP50Ms: null, syncP99Ms: null, diskP50Ms: null, diskP99Ms: null };
    const pct = (a: Float64Array) => {
      const sorted = Array.from(a.subarray(0, n)).sort((x, y) => x - y);
      return (p: number): number => Math.round(sorted[Math.min(n - 1, Math.floor(p * n))]! * 100) / 100;
    };
    const sync = pct(this.syncMs);
    const disk = pct(this.diskMs);
    return { syncP50Ms: sync(0.5), syncP99Ms: sync(0.99), diskP50Ms: disk(0.5), diskP99Ms: disk(0.99) };
  }

  /** Segment files on disk (tests and stats). */
  get segmentCount(): number {
    return this.segments.length;
  }

  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.closed = true;
    if (this.cursorTimer) clearTimeout(this.cursorTimer);
    this.cursorTimer = null;
    if (this.persisting) await this.persisting;
    await this.persistCursors();
    await this.reader?.fh.close();
    this.reader = null;
    await this.writer?.close();
    this.writer = null;
    await this.io.close();
  }
}

function toEntry<T>(e: Indexed<T>): LogEntry<T> {
  return { start: e.start, end: e.end, readings: e.readings, oldestReceivedAtMs: e.oldestReceivedAtMs, value: e.value as T, bytes: e.bytes! };
}
