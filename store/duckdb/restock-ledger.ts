// The embedded RestockLedger: courier jobs (a row per job, kept as JSON beside the columns queries
// filter on), the job ledger, alert episodes and pack-health records, in the shared DuckDB file on
// a connection of their own (never the telemetry's, never in front of a PUBACK). Each write is one
// transaction; memory changes only after COMMIT returned.
import type { JS } from '@duckdb/node-api';
import type { Logger } from 'pino';
import { CfError } from '../../domain/errors.ts';
import { isOpenJob, type CourierJob, type JobEvent } from '../../domain/restock/jobs.ts';
import type { PackHealthRecord } from '../../domain/restock/pack-health.ts';
import type { AlertQuery, AlertRecord, JobQuery, RestockLedger } from '../restock-ledger.ts';
import type { DuckConn, DuckDb } from './database.ts';
import { inTransaction } from './database.ts';
import { migrate, type Migration } from './migrations.ts';

export const RESTOCK_COMPONENT = 'restock';

export const RESTOCK_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'restock: courier jobs and their ledger, alerts, pack health',
    statements: [
      `CREATE TABLE restock_jobs (
        id VARCHAR PRIMARY KEY, status VARCHAR NOT NULL, from_store VARCHAR, to_store VARCHAR,
        created_at_ms BIGINT NOT NULL, updated_at_ms BIGINT NOT NULL, doc VARCHAR NOT NULL)`,
      `CREATE INDEX restock_jobs_status ON restock_jobs (status)`,
      `CREATE SEQUENCE restock_job_event_id START 1`,
      `CREATE TABLE restock_job_events (
        id BIGINT PRIMARY KEY DEFAULT nextval('restock_job_event_id'), job_id VARCHAR NOT NULL, at_ms BIGINT NOT NULL,
        kind VARCHAR NOT NULL, to_store VARCHAR, packs INTEGER NOT NULL, pack_ids VARCHAR NOT NULL, detail VARCHAR NOT NULL)`,
      `CREATE INDEX restock_job_events_job ON restock_job_events (job_id)`,
      `CREATE SEQUENCE restock_alert_id START 1`,
      `CREATE TABLE restock_alerts (
        id BIGINT PRIMARY KEY, kind VARCHAR NOT NULL, subject VARCHAR NOT NULL, store_id VARCHAR, pack_id VARCHAR,
        raised_at_ms BIGINT NOT NULL, resolved_at_ms BIGINT, reasons VARCHAR NOT NULL, details VARCHAR NOT NULL)`,
      `CREATE TABLE pack_health (pack_id VARCHAR PRIMARY KEY, doc VARCHAR NOT NULL, updated_at_ms BIGINT NOT NULL)`,
    ],
  },
];

/** Closed jobs stay in memory this long (the API lists recent ones without a query). */
const CLOSED_JOBS_KEPT_MS = 7 * 86_400_000;
const MAX_LIST = 10_000;

const big = (ms: number | null): bigint | null => (ms === null ? null : BigInt(Math.trunc(ms)));
const limitOf = (n: number): number => (Number.isFinite(n) ? Math.min(MAX_LIST, Math.max(1, Math.trunc(n))) : 100);
const storeOf = (p: CourierJob['from']): string | null => (p.kind === 'store' ? p.storeId : null);

function toAlert(r: Record<string, JS>): AlertRecord {
  return {
    id: Number(r['id']),
    kind: String(r['kind']) as AlertRecord['kind'],
    subject: String(r['subject']),
    storeId: r['store_id'] === null ? null : String(r['store_id']),
    packId: r['pack_id'] === null ? null : String(r['pack_id']),
    raisedAtMs: Number(r['raised_at_ms']),
    resolvedAtMs: r['resolved_at_ms'] === null ? null : Number(r['resolved_at_ms']),
    reasons: JSON.parse(String(r['reasons'])) as string[],
    details: JSON.parse(String(r['details'])) as Record<string, unknown>,
  };
}

export class DuckRestockLedger implements RestockLedger {
  private conn: DuckConn | null = null;
  private readonly jobs = new Map<string, CourierJob>();
  private readonly alerts = new Map<number, AlertRecord>();

  constructor(
    private readonly db: DuckDb,
    private readonly opts: { log?: Logger; nowMs?: () => number } = {},
  ) {}

  async open(): Promise<void> {
    this.conn = await this.db.connect();
    const applied = await migrate(this.conn, RESTOCK_COMPONENT, RESTOCK_MIGRATIONS);
    const cut = BigInt(Math.trunc((this.opts.nowMs?.() ?? Date.now()) - CLOSED_JOBS_KEPT_MS));
    for (const r of await this.conn.all(`SELECT doc FROM restock_jobs WHERE status IN ('planned', 'picked_up') OR updated_at_ms >= $1`, [cut])) {
      const j = JSON.parse(String(r['doc'])) as CourierJob;
      this.jobs.set(j.id, j);
    }
    for (const r of await this.conn.all('SELECT * FROM restock_alerts WHERE resolved_at_ms IS NULL')) {
      const a = toAlert(r);
      this.alerts.set(a.id, a);
    }
    this.opts.log?.info({ applied, jobs: this.jobs.size, openAlerts: this.alerts.size }, 'restock ledger open');
  }

  async close(): Promise<void> {
    const c = this.conn;
    this.conn = null;
    await c?.close();
  }

  private c(): DuckConn {
    if (!this.conn) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'restock ledger is not open');
    return this.conn;
  }

  job(id: string): CourierJob | undefined {
    return this.jobs.get(id);
  }

  openJobs(): CourierJob[] {
    return [...this.jobs.values()].filter(isOpenJob).sort((a, b) => a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : 1));
  }

  async saveJobs(changes: readonly { job: CourierJob; events: readonly JobEvent[] }[]): Promise<void> {
    if (changes.length === 0) return;
    const now = this.opts.nowMs?.() ?? Date.now();
    await this.c().exclusive((raw) =>
      inTransaction(raw, async (tx) => {
        for (const { job: j, events } of changes) {
          await tx.run(
            `INSERT INTO restock_jobs VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET
              status = excluded.status, updated_at_ms = excluded.updated_at_ms, doc = excluded.doc`,
            [j.id, j.status, storeOf(j.from), storeOf(j.to), big(j.createdAtMs), big(now), JSON.stringify(j)],
          );
          for (const e of events) {
            await tx.run(`INSERT INTO restock_job_events (job_id, at_ms, kind, to_store, packs, pack_ids, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
              e.jobId, big(e.atMs), e.kind, storeOf(j.to), e.packIds.length, JSON.stringify(e.packIds), e.detail,
            ]);
          }
        }
      }),
    );
    for (const { job } of changes) this.jobs.set(job.id, structuredClone(job));
    // Bounded: closed jobs leave memory a week after their last change.
    if (this.jobs.size > 10_000) for (const [id, j] of this.jobs) if (!isOpenJob(j) && j.createdAtMs < now - CLOSED_JOBS_KEPT_MS) this.jobs.delete(id);
  }

  async listJobs(q: JobQuery): Promise<CourierJob[]> {
    const params: (string | bigint)[] = [];
    const where: string[] = [];
    if (q.status) where.push(`status = $${params.push(q.status)}`);
    if (q.storeId !== undefined) {
      const list = inList(params, q.storeId);
      where.push(`(from_store IN ${list} OR to_store IN ${list})`);
    }
    const rows = await this.c().all(`SELECT doc FROM restock_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at_ms DESC, id LIMIT ${limitOf(q.limit)}`, params);
    return rows.map((r) => JSON.parse(String(r['doc'])) as CourierJob);
  }

  async loadJob(id: string): Promise<CourierJob | undefined> {
    const rows = await this.c().all('SELECT doc FROM restock_jobs WHERE id = $1', [id]);
    return rows[0] ? (JSON.parse(String(rows[0]['doc'])) as CourierJob) : undefined;
  }

  async jobEvents(jobId: string): Promise<JobEvent[]> {
    const rows = await this.c().all('SELECT * FROM restock_job_events WHERE job_id = $1 ORDER BY id', [jobId]);
    return rows.map((r) => ({ jobId: String(r['job_id']), atMs: Number(r['at_ms']), kind: String(r['kind']) as JobEvent['kind'], packIds: JSON.parse(String(r['pack_ids'])) as string[], detail: String(r['detail']) }));
  }

  async arrivalsPerStoreHour(fromMs: number, toMs: number): Promise<{ storeId: string; startMs: number; packs: number }[]> {
    const rows = await this.c().all(
      `SELECT to_store, (at_ms // 3600000) * 3600000 AS start_ms, sum(packs) AS n FROM restock_job_events
       WHERE kind = 'pack_arrived' AND to_store IS NOT NULL AND at_ms >= $1 AND at_ms < $2 GROUP BY ALL`,
      [big(fromMs), big(toMs)],
    );
    return rows.map((r) => ({ storeId: String(r['to_store']), startMs: Number(r['start_ms']), packs: Number(r['n']) }));
  }

  async addAlert(a: Omit<AlertRecord, 'id'>): Promise<AlertRecord> {
    const rec = await this.c().exclusive(async (raw) => {
      const r = await raw.runAndReadAll(`SELECT nextval('restock_alert_id') AS id`);
      const id = Number(r.getRowObjectsJS()[0]!['id']);
      await raw.run(`INSERT INTO restock_alerts VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
        BigInt(id), a.kind, a.subject, a.storeId, a.packId, big(a.raisedAtMs), big(a.resolvedAtMs), JSON.stringify(a.reasons), JSON.stringify(a.details),
      ]);
      return { ...a, id };
    });
    if (rec.resolvedAtMs === null) this.alerts.set(rec.id, rec);
    return rec;
  }

  async resolveAlerts(ids: readonly number[], atMs: number): Promise<void> {
    if (ids.length === 0) return;
    await this.c().exclusive((raw) =>
      inTransaction(raw, async (tx) => {
        for (const id of ids) await tx.run('UPDATE restock_alerts SET resolved_at_ms = $2 WHERE id = $1 AND resolved_at_ms IS NULL', [BigInt(id), big(atMs)]);
      }),
    );
    for (const id of ids) this.alerts.delete(id);
  }

  openAlerts(): AlertRecord[] {
    return [...this.alerts.values()].sort((a, b) => a.id - b.id);
  }

  async listAlerts(q: AlertQuery): Promise<AlertRecord[]> {
    const params: (string | bigint)[] = [];
    const where: string[] = [];
    if (q.afterId !== undefined) where.push(`id > $${params.push(BigInt(q.afterId))}`);
    if (q.kind) where.push(`kind = $${params.push(q.kind)}`);
    if (q.storeId !== undefined) where.push(`store_id IN ${inList(params, q.storeId)}`);
    if (q.openOnly) where.push('resolved_at_ms IS NULL');
    // A stream catching up wants the oldest first; a listing the newest.
    const order = q.afterId !== undefined ? 'id ASC' : 'id DESC';
    const rows = await this.c().all(`SELECT * FROM restock_alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ${limitOf(q.limit)}`, params);
    return rows.map(toAlert);
  }

  async savePackHealth(rows: readonly PackHealthRecord[]): Promise<void> {
    if (rows.length === 0) return;
    const now = BigInt(Math.trunc(this.opts.nowMs?.() ?? Date.now()));
    await this.c().exclusive((raw) =>
      inTransaction(raw, async (tx) => {
        // Chunks of multi-row upserts: one statement per record would cost a round trip each.
        for (let i = 0; i < rows.length; i += 500) {
          const chunk = rows.slice(i, i + 500);
          const values = chunk.map((_, k) => `($${3 * k + 1}, $${3 * k + 2}, $${3 * k + 3})`).join(', ');
          await tx.run(
            `INSERT INTO pack_health VALUES ${values} ON CONFLICT (pack_id) DO UPDATE SET doc = excluded.doc, updated_at_ms = excluded.updated_at_ms`,
            chunk.flatMap((r) => [r.packId, JSON.stringify({ ...r, chargeFrom: null }), now]),
          );
        }
      }),
    );
  }

  async loadPackHealth(): Promise<PackHealthRecord[]> {
    const rows = await this.c().all('SELECT doc FROM pack_health');
    return rows.map((r) => JSON.parse(String(r['doc'])) as PackHealthRecord);
  }
}

/** `($1, $2, ...)` for one id or a list, its values pushed onto params; an empty list matches nothing. */
function inList(params: (string | bigint)[], ids: string | readonly string[]): string {
  const list = typeof ids === 'string' ? [ids] : ids;
  return list.length === 0 ? '(NULL)' : `(${list.map((id) => `$${params.push(id)}`).join(', ')})`;
}
