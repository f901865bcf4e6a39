// The restock ledger seam: courier jobs and their ledger, alerts, and what the server has learnt
// about each pack's health. Kept apart from the fleet registry (its own tables and connection) so
// its writes can later move onto the shared durable log without touching the registry's.
import type { PackHealthRecord } from '../domain/restock/pack-health.ts';
import type { CourierJob, JobEvent, JobStatus } from '../domain/restock/jobs.ts';

export type AlertKind = 'STOCK_OUT_SOON' | 'RETURN_SLOTS_FULL_SOON' | 'HOT_PACK_IDLE' | 'PACK_NOT_DELIVERED';
export const ALERT_KINDS: readonly AlertKind[] = ['STOCK_OUT_SOON', 'RETURN_SLOTS_FULL_SOON', 'HOT_PACK_IDLE', 'PACK_NOT_DELIVERED'];

/** One alert episode: raised once when its condition starts, resolved when it ends. */
export interface AlertRecord {
  id: number;
  kind: AlertKind;
  /** What the episode is about: a store id or a pack id. One open episode per (kind, subject). */
  subject: string;
  storeId: string | null;
  packId: string | null;
  raisedAtMs: number;
  resolvedAtMs: number | null;
  reasons: string[];
  /** The numbers behind it (projected times, temperatures, the lock command id, ...). */
  details: Record<string, unknown>;
}

export interface JobQuery {
  status?: JobStatus;
  /** Jobs from or to this store, or any of these stores (an empty list matches nothing). */
  storeId?: string | readonly string[];
  limit: number;
}

export interface AlertQuery {
  /** Alerts with a larger id (for a stream that reconnects with Last-Event-ID). */
  afterId?: number;
  kind?: AlertKind;
  /** At this store, or any of these stores (an empty list matches nothing). */
  storeId?: string | readonly string[];
  openOnly?: boolean;
  limit: number;
}

export interface RestockLedger {
  open(): Promise<void>;
  close(): Promise<void>;

  // --- jobs (open jobs and those closed in the last week are in memory) ---
  job(id: string): CourierJob | undefined;
  openJobs(): CourierJob[];
  /** Jobs and their ledger events, in one transaction; memory changes after it committed. */
  saveJobs(changes: readonly { job: CourierJob; events: readonly JobEvent[] }[]): Promise<void>;
  listJobs(q: JobQuery): Promise<CourierJob[]>;
  /** A job from storage (closed jobs older than the memory window). */
  loadJob(id: string): Promise<CourierJob | undefined>;
  jobEvents(jobId: string): Promise<JobEvent[]>;
  /** Packs that arrived at each store, per hour (to tell staff loading from customers' returns). */
  arrivalsPerStoreHour(fromMs: number, toMs: number): Promise<{ storeId: string; startMs: number; packs: number }[]>;

  // --- alerts ---
  /** Records a new episode and returns it with its id. */
  addAlert(a: Omit<AlertRecord, 'id'>): Promise<AlertRecord>;
  resolveAlerts(ids: readonly number[], atMs: number): Promise<void>;
  openAlerts(): AlertRecord[];
  listAlerts(q: AlertQuery): Promise<AlertRecord[]>;

  // --- pack health ---
  savePackHealth(rows: readonly PackHealthRecord[]): Promise<void>;
  loadPackHealth(): Promise<PackHealthRecord[]>;
}
