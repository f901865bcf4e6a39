// The one durability point: an append-only log that a PUBACK waits for, and that everything else
// (the time-series store, custody, live state) consumes behind it from durable, named cursors.
// store/log/file-log.ts is the local implementation; a clustered deployment can put NATS JetStream
// or Redis Streams behind the same interface, and no other module needs to know which one runs.

/**
 * A place in the log. Opaque and rising: a larger position is later. A consumer's cursor is the
 * position after the last entry it has applied; `read(after)` returns what follows it.
 */
export type LogPosition = number;

/** What an appender says about an entry, kept beside it (for health, bounds and lag). */
export interface EntryMeta {
  /** Readings (or messages) in the entry. */
  readings: number;
  /** Receive time of its oldest reading, epoch ms. */
  oldestReceivedAtMs: number;
}

export interface LogEntry<T> extends EntryMeta {
  /** Position of the entry's first byte (for the file log; any value below `end` elsewhere). */
  start: LogPosition;
  /** Position just after the entry: a cursor at `end` has consumed it. */
  end: LogPosition;
  value: T;
  /** The entry as stored, for consumers that hand bytes to another thread without re-encoding. */
  bytes: Buffer;
}

/** Turns values into bytes and back. The log checks integrity; the codec only (de)serialises. */
export interface LogCodec<T> {
  encode(value: T): Buffer;
  decode(bytes: Buffer): T;
}

/** A stretch of the log that failed its checks and was set aside rather than read. */
export interface CorruptRange {
  /** Where it was found (a segment file for the file log). */
  where: string;
  offset: number;
  bytes: number;
  /** Readings it held, when its header could still be read; null when unknown. */
  readingsAffected: number | null;
  /** Where a copy was kept for diagnosis. */
  keptAt: string | null;
  reason: string;
  foundAtMs: number;
}

export interface ConsumerLag {
  name: string;
  cursor: LogPosition;
  /** Readings after the cursor (appended, not yet consumed). */
  readings: number;
  /** Receive time of the oldest reading not yet consumed, or null when caught up. */
  oldestAtMs: number | null;
}

export interface LogHealth {
  kind: string;
  /** Bytes retained (not yet consumed by every consumer) plus bytes waiting for the next fsync. */
  bytes: number;
  maxBytes: number;
  /** True while appends are refused because the log passed its bound or the disk is full. */
  backpressure: boolean;
  /** The last append failure (ENOSPC, ...), until an append succeeds again. */
  appendError: string | null;
  fsyncs: number;
  /** Write plus fsync of one group commit as the appender waited for it, over the recent ones (null before the first). */
  syncP50Ms: number | null;
  syncP99Ms: number | null;
  /** The same on the disk alone (the I/O thread's own time): the rest of syncP* is the event loop's delay. */
  diskP50Ms: number | null;
  diskP99Ms: number | null;
  consumers: ConsumerLag[];
  corrupt: CorruptRange[];
  /** Sum of readingsAffected over `corrupt` (unknown ranges count 0; see `corrupt`). */
  corruptReadings: number;
}

export interface LogOpenReport {
  /** Entries found durable at open. */
  entries: number;
  readings: number;
  /** Bytes cut from the end of the last segment: a write torn by a crash, never acknowledged. */
  truncatedBytes: number;
  /** Corrupt stretches in the segments read now (health() also lists those reported by earlier runs). */
  corrupt: CorruptRange[];
}

export interface DurableLog<T> {
  /** Opens (replays) the log. Consumers named here hold entries until their cursor passes them. */
  open(): Promise<LogOpenReport>;
  /**
   * Appends an entry; resolves once it is durable (fsynced) with its position. Concurrent appends
   * share one write and one fsync. Rejects with CF_ERR_STORE_BACKPRESSURE past the log's bound or
   * when the disk is full (nothing is acknowledged then), CF_ERR_STORE_UNAVAILABLE on other failures.
   */
  append(value: T, meta: EntryMeta): Promise<LogPosition>;
  /** Durable entries after `after`, oldest first: at least one when any exist, else up to `maxReadings` readings. */
  read(after: LogPosition, maxReadings: number): Promise<LogEntry<T>[]>;
  /** End of the newest durable entry. */
  readonly head: LogPosition;
  /** A consumer's cursor (the start of the log when it has none yet). */
  cursor(name: string): LogPosition;
  /** Moves a consumer's cursor forward; it is persisted soon after (a crash may replay a little). */
  commit(name: string, position: LogPosition): void;
  /** What a consumer has not consumed yet: readings, and the receive time of the oldest (null when caught up). */
  lag(name: string): { readings: number; oldestAtMs: number | null };
  /** Called synchronously with each group of entries as it becomes durable, before the appends resolve. */
  onDurable(listener: (entries: readonly LogEntry<T>[]) => void): () => void;
  health(): LogHealth;
  /** Waits for pending appends, persists the cursors, closes. */
  close(): Promise<void>;
}
