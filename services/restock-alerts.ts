// Restock alerts, once per episode: a (kind, subject) pair is raised when its condition starts and
// resolved when it ends, and only then may it be raised again. Each is kept (the restock ledger),
// logged, and pushed to every open stream (GET /v1/alerts/stream). Raising is synchronous and cheap
// (stream rules call it); the write is queued.
import type { Logger } from 'pino';
import { CfError } from '../domain/errors.ts';
import type { AlertKind, AlertRecord, RestockLedger } from '../store/restock-ledger.ts';
import { SerialQueue } from '../store/duckdb/database.ts';

export type AlertEvent = { type: 'raised' | 'resolved'; alert: AlertRecord };
export type AlertListener = (e: AlertEvent) => void;

export interface NewAlert {
  kind: AlertKind;
  subject: string;
  storeId: string | null;
  packId: string | null;
  reasons: string[];
  details: Record<string, unknown>;
}

const key = (kind: string, subject: string) => `${kind}|${subject}`;

export class AlertCenter {
  private readonly open = new Map<string, AlertRecord>();
  /** Episodes raised but not yet written: a second raise in the meantime is the same episode. */
  private readonly raising = new Set<string>();
  private readonly listeners = new Set<AlertListener>();
  private readonly queue = new SerialQueue();
  private readonly log: Logger;
  readonly counters = { raised: 0, resolved: 0, failures: 0 };

  constructor(
    private readonly ledger: RestockLedger,
    logger: Logger,
    private readonly maxStreams = 64,
  ) {
    this.log = logger.child({ component: 'restock-alerts' });
  }

  /** Loads the open episodes (after the ledger opened). */
  load(): void {
    for (const a of this.ledger.openAlerts()) this.open.set(key(a.kind, a.subject), a);
  }

  isOpen(kind: AlertKind, subject: string): boolean {
    const k = key(kind, subject);
    return this.open.has(k) || this.raising.has(k);
  }

  openOf(kind: AlertKind): AlertRecord[] {
    return [...this.open.values()].filter((a) => a.kind === kind);
  }

  /** Raises the episode unless it is open already. Returns whether it was new. */
  raise(a: NewAlert, atMs: number): boolean {
    const k = key(a.kind, a.subject);
    if (this.open.has(k) || this.raising.has(k)) return false;
    this.raising.add(k);
    void this.queue
      .run(async () => {
        const rec = await this.ledger.addAlert({ ...a, raisedAtMs: atMs, resolvedAtMs: null });
        this.open.set(k, rec);
        this.counters.raised++;
        this.log.warn({ alertId: rec.id, kind: rec.kind, subject: rec.subject, storeId: rec.storeId, packId: rec.packId, reasons: rec.reasons }, `restock alert: ${rec.kind} ${rec.subject}`);
        this.emit({ type: 'raised', alert: rec });
      })
      .catch((err: unknown) => {
        this.counters.failures++;
        this.log.error({ err, kind: a.kind, subject: a.subject }, 'recording an alert failed');
      })
      .finally(() => this.raising.delete(k));
    return true;
  }

  /** Ends every open episode of `kind` whose subject is not in `active`. */
  settle(kind: AlertKind, active: ReadonlySet<string>, atMs: number): void {
    const ended = [...this.open.values()].filter((a) => a.kind === kind && !active.has(a.subject));
    if (ended.length === 0) return;
    for (const a of ended) this.open.delete(key(a.kind, a.subject));
    void this.queue
      .run(async () => {
        await this.ledger.resolveAlerts(ended.map((a) => a.id), atMs);
        for (const a of ended) {
          this.counters.resolved++;
          this.emit({ type: 'resolved', alert: { ...a, resolvedAtMs: atMs } });
        }
      })
      .catch((err: unknown) => {
        this.counters.failures++;
        for (const a of ended) this.open.set(key(a.kind, a.subject), a);
        this.log.error({ err }, 'resolving alerts failed');
      });
  }

  /** A stream's listener; throws when too many streams are open. Returns how to unsubscribe. */
  subscribe(listener: AlertListener): () => void {
    if (this.listeners.size >= this.maxStreams) throw new CfError('CF_ERR_ALERT_STREAMS_FULL', `at most ${this.maxStreams} alert streams may be open`);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get streams(): number {
    return this.listeners.size;
  }

  /** Resolves once every queued write is done (tests, shutdown). */
  async drain(): Promise<void> {
    await this.queue.drain();
  }

  private emit(e: AlertEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch (err) {
        this.log.warn({ err }, 'an alert stream listener failed');
      }
    }
  }
}
