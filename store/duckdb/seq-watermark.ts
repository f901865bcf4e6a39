// The highest committed seq per (table, device, boot): a hint that sorts a batch's rows into
// "certainly new" and "maybe a redelivery". Only a hint: the primary key decides, so a stale,
// evicted or missing entry costs speed, never correctness.

export interface KeyedRow {
  bootId: number;
  seq: number;
}

/** Rows of one table split by the watermark. */
export interface Split<R> {
  /** seq above everything committed for its (device, boot), and first of its key in the batch. */
  fresh: R[];
  /** seq at or below the watermark, or a repeat inside the batch: checked against the key. */
  suspect: R[];
}

export class SeqWatermark {
  private readonly marks = new Map<string, number>();

  /** @param maxEntries beyond this the map is cleared: a bound on memory, paid for in speed only. */
  constructor(private readonly maxEntries = 2_000_000) {}

  get size(): number {
    return this.marks.size;
  }

  /**
   * Splits rows in arrival order. `pending` collects the new watermarks, to be applied with
   * `commit` once the batch is durable.
   */
  split<R extends KeyedRow>(table: string, deviceId: (r: R) => string, rows: readonly R[], pending: Map<string, number>): Split<R> {
    const fresh: R[] = [];
    const suspect: R[] = [];
    for (const r of rows) {
      const key = `${table}\u0000${deviceId(r)}\u0000${r.bootId}`;
      const mark = pending.get(key) ?? this.marks.get(key) ?? -1;
      if (r.seq > mark) {
        fresh.push(r);
        pending.set(key, r.seq);
      } else {
        suspect.push(r);
      }
    }
    return { fresh, suspect };
  }

  /** Raises the marks of every row, whichever path stored it (used after the exact path). */
  note<R extends KeyedRow>(table: string, deviceId: (r: R) => string, rows: readonly R[], pending: Map<string, number>): void {
    for (const r of rows) {
      const key = `${table}\u0000${deviceId(r)}\u0000${r.bootId}`;
      const mark = pending.get(key) ?? this.marks.get(key) ?? -1;
      if (r.seq > mark) pending.set(key, r.seq);
    }
  }

  /** Applies marks of a committed batch (or of rows read back from the store). */
  commit(pending: Map<string, number>): void {
    if (this.marks.size + pending.size > this.maxEntries) this.marks.clear();
    for (const [key, seq] of pending) {
      const mark = this.marks.get(key);
      if (mark === undefined || seq > mark) this.marks.set(key, seq);
    }
  }

  /** Seeds one mark, e.g. from the newest rows in the store at open. */
  seed(table: string, deviceId: string, bootId: number, seq: number): void {
    this.commit(new Map([[`${table}\u0000${deviceId}\u0000${bootId}`, seq]]));
  }
}
