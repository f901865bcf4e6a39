// Stream rules (nudges, alerts) see every reading once it is durable and acknowledged. They run
// after the PUBACK, never in front of it, and one failing rule cannot stop the pipeline or the
// others: each listener is wrapped, and its failures are counted and logged (rate-limited).
import type { Logger } from 'pino';
import type { KioskEventRecord, KioskReading, PackReading } from '../domain/readings.ts';

/** What one commit made durable, in arrival order per kind. */
export interface CommittedBatch {
  packs: readonly PackReading[];
  kiosks: readonly KioskReading[];
  events: readonly KioskEventRecord[];
}

export type CommittedListener = (batch: CommittedBatch) => void;

export class CommittedFeed {
  private readonly listeners = new Map<string, CommittedListener>();
  readonly failures = new Map<string, number>();
  private lastLogMs = 0;

  constructor(private readonly logger?: Logger) {}

  /** Registers a named rule; returns a function that removes it. A second rule with the same name replaces the first. */
  subscribe(name: string, listener: CommittedListener): () => void {
    this.listeners.set(name, listener);
    return () => {
      if (this.listeners.get(name) === listener) this.listeners.delete(name);
    };
  }

  /** Called by the pipeline after a batch is durable. Synchronous: a rule that needs I/O queues it. */
  publish(batch: CommittedBatch): void {
    if (batch.packs.length + batch.kiosks.length + batch.events.length === 0) return;
    for (const [name, listener] of this.listeners) {
      try {
        listener(batch);
      } catch (err) {
        this.failures.set(name, (this.failures.get(name) ?? 0) + 1);
        const now = Date.now();
        if (now - this.lastLogMs > 5_000) {
          this.lastLogMs = now;
          this.logger?.error({ err, component: 'committed-feed', rule: name }, 'stream rule failed; the pipeline carries on');
        }
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
