// The highest committed seq per (device, boot) of one table: a hint that sorts a batch's rows
// into "certainly new" and "maybe a redelivery". Only a hint: the primary key decides, so a
// stale, evicted or missing mark costs speed, never correctness.

export interface KeyedRow {
  bootId: number;
  seq: number;
}

/** Rows of one table split by the watermark. */
export interface Split<R> {
  /** seq above everything committed for its (device, boot), and first of its key in the batch. */
  fresh: R[];
  /** seq at or below the mark, or a repeat inside the batch: to be looked up by key. */
  suspect: R[];
}

/** device -> boot -> highest seq. Nested maps: no key string to build per row. */
export type Marks = Map<string, Map<number, number>>;

export class SeqWatermark {
  private marks: Marks = new Map();
  private entries = 0;

  /** @param maxEntries past this many (device, boot) pairs the marks are dropped: a bound on memory, paid in speed only. */
  constructor(private readonly maxEntries = 2_000_000) {}

  get size(): number {
    return this.entries;
  }

  /** Splits rows in arrival order; `pending` collects new marks, applied by `commit` once durable. */
  split<R extends KeyedRow>(deviceId: (r: R) => string, rows: readonly R[], pending: Marks): Split<R> {
    const fresh: R[] = [];
    const suspect: R[] = [];
    for (const r of rows) {
      const id = deviceId(r);
      let boots = pending.get(id);
      const mark = boots?.get(r.bootId) ?? this.marks.get(id)?.get(r.bootId) ?? -1;
      if (r.seq > mark) {
        fresh.push(r);
        if (!boots) pending.set(id, (boots = new Map()));
        boots.set(r.bootId, r.seq);
      } else {
        suspect.push(r);
      }
    }
    return { fresh, suspect };
  }

  /** Raises the pending marks to every row's seq, whichever way the row was stored. */
  note<R extends KeyedRow>(deviceId: (r: R) => string, rows: readonly R[], pending: Marks): void {
    for (const r of rows) {
      const id = deviceId(r);
      let boots = pending.get(id);
      const mark = boots?.get(r.bootId) ?? this.marks.get(id)?.get(r.bootId) ?? -1;
      if (r.seq <= mark) continue;
      if (!boots) pending.set(id, (boots = new Map()));
      boots.set(r.bootId, r.seq);
    }
  }

  /** Applies the marks of a committed batch. */
  commit(pending: Marks): void {
    for (const [id, pendingBoots] of pending) {
      let boots = this.marks.get(id);
      if (!boots) this.marks.set(id, (boots = new Map()));
      for (const [boot, seq] of pendingBoots) {
        const mark = boots.get(boot);
        if (mark === undefined) this.entries++;
        if (mark === undefined || seq > mark) boots.set(boot, seq);
      }
    }
    if (this.entries > this.maxEntries) {
      this.marks = new Map();
      this.entries = 0;
    }
  }

  /** Seeds one mark, e.g. from the newest rows in the store at open. */
  seed(deviceId: string, bootId: number, seq: number): void {
    this.commit(new Map([[deviceId, new Map([[bootId, seq]])]]));
  }
}
