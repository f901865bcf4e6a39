// The embedded NudgeLedger: its own tables (component 'nudges') on two connections of the shared
// DuckDB, one for writes and one for reads, never the telemetry connection and never in front of a
// PUBACK (nudges are decided after the batch is acknowledged).
import type { DuckDBValue, JS } from '@duckdb/node-api';
import type { Logger } from 'pino';
import { CfError } from '../../domain/errors.ts';
import type { ConsentChange, DeliveryStatus, NudgeDayStats, NudgeLedger, NudgeMessage, NudgeQuery, NudgeRecord, OutboxRow } from '../nudge-ledger.ts';
import type { DuckConn, DuckDb } from './database.ts';
import { migrate, type Migration } from './migrations.ts';
import { limitOf } from './fleet-registry.ts';

export const NUDGE_COMPONENT = 'nudges';

export const NUDGE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'nudge ledger, delivery outbox, per-customer models, consent log',
    statements: [
      `CREATE TABLE nudge_ledger (
        nudge_id VARCHAR PRIMARY KEY, customer_id VARCHAR NOT NULL, pack_id VARCHAR NOT NULL, at_ms BIGINT NOT NULL,
        policy VARCHAR NOT NULL, outcome VARCHAR NOT NULL, reason VARCHAR, reasons VARCHAR NOT NULL, holdout BOOLEAN NOT NULL,
        soc_pct DOUBLE NOT NULL, tte_min DOUBLE, lead_min INTEGER, lead_bucket INTEGER,
        store_id VARCHAR, kiosk_id VARCHAR, distance_m INTEGER, charged_packs INTEGER,
        hold_pack_id VARCHAR, hold_until_ms BIGINT, channel VARCHAR, text VARCHAR, deferred_until_ms BIGINT,
        converted_at_ms BIGINT, converted_kiosk_id VARCHAR, converted_request_id VARCHAR)`,
      `CREATE INDEX nudge_ledger_customer ON nudge_ledger (customer_id, at_ms)`,
      `CREATE INDEX nudge_ledger_at ON nudge_ledger (at_ms)`,
      // No index on status: DuckDB turns an update of an indexed column into a delete and insert,
      // and the pending rows are few; the due scan reads them all.
      `CREATE TABLE nudge_outbox (
        nudge_id VARCHAR PRIMARY KEY, customer_id VARCHAR NOT NULL, channel VARCHAR NOT NULL, message VARCHAR NOT NULL,
        status VARCHAR NOT NULL, attempts INTEGER NOT NULL, next_attempt_at_ms BIGINT NOT NULL, expires_at_ms BIGINT NOT NULL,
        last_error VARCHAR, updated_at_ms BIGINT NOT NULL, delivered_at_ms BIGINT)`,
      `CREATE TABLE nudge_models (customer_id VARCHAR PRIMARY KEY, model BLOB NOT NULL, updated_at_ms BIGINT NOT NULL)`,
      `CREATE TABLE nudge_settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL, updated_at_ms BIGINT NOT NULL)`,
      `CREATE TABLE nudge_consent_log (customer_id VARCHAR NOT NULL, at_ms BIGINT NOT NULL, consent BOOLEAN NOT NULL, source VARCHAR NOT NULL)`,
      `CREATE INDEX nudge_consent_customer ON nudge_consent_log (customer_id)`,
    ],
  },
];

const PRIORS_KEY = 'population_priors';
const DAY_MS = 86_400_000;

const big = (ms: number | null): bigint | null => (ms === null ? null : BigInt(Math.trunc(ms)));
const int = (n: number | null): number | null => (n === null || !Number.isFinite(n) ? null : Math.round(n));
const dbl = (n: number | null): number | null => (n === null || !Number.isFinite(n) ? null : n);
const str = (v: JS | undefined): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: JS | undefined): number | null => (v === null || v === undefined ? null : Number(v));

export class DuckNudgeLedger implements NudgeLedger {
  private writer: DuckConn | null = null;
  private reader: DuckConn | null = null;

  constructor(
    private readonly db: DuckDb,
    private readonly log?: Logger,
  ) {}

  async open(): Promise<void> {
    this.writer = await this.db.connect();
    this.reader = await this.db.connect();
    const applied = await migrate(this.writer, NUDGE_COMPONENT, NUDGE_MIGRATIONS);
    this.log?.info({ applied }, 'nudge ledger open');
  }

  async close(): Promise<void> {
    const conns = [this.writer, this.reader];
    this.writer = null;
    this.reader = null;
    await Promise.all(conns.map((c) => c?.close()));
  }

  async record(rec: NudgeRecord, outbox: OutboxRow | null): Promise<void> {
    await this.w().transaction(async (c) => {
      await c.run(
        `INSERT INTO nudge_ledger VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, NULL, NULL, NULL)`,
        [
          rec.nudgeId, rec.customerId, rec.packId, big(rec.atMs), rec.policy, rec.outcome, rec.reason, JSON.stringify(rec.reasons), rec.holdout,
          rec.socPct, dbl(rec.timeToEmptyMin), int(rec.leadMin), int(rec.leadBucket), rec.storeId, rec.kioskId, int(rec.distanceM), int(rec.chargedPacks),
          rec.holdPackId, big(rec.holdUntilMs), rec.channel, rec.text, big(rec.deferredUntilMs),
        ],
      );
      if (outbox) {
        await c.run(`INSERT INTO nudge_outbox VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL)`, [
          outbox.nudgeId, rec.customerId, outbox.channel, JSON.stringify(outbox.message), outbox.status, outbox.attempts, big(outbox.nextAttemptAtMs), big(outbox.expiresAtMs), outbox.lastError, big(rec.atMs),
        ]);
      }
    });
  }

  async convert(conversions: { nudgeId: string; atMs: number; kioskId: string; requestId: string }[]): Promise<void> {
    if (conversions.length === 0) return;
    await this.w().transaction(async (c) => {
      for (const x of conversions) {
        await c.run(`UPDATE nudge_ledger SET converted_at_ms = $2, converted_kiosk_id = $3, converted_request_id = $4 WHERE nudge_id = $1 AND converted_at_ms IS NULL`, [x.nudgeId, big(x.atMs), x.kioskId, x.requestId]);
      }
    });
  }

  async dueOutbox(nowMs: number, limit: number): Promise<OutboxRow[]> {
    const rows = await this.r().all(`SELECT * FROM nudge_outbox WHERE status = 'pending' AND next_attempt_at_ms <= $1 ORDER BY next_attempt_at_ms, nudge_id LIMIT ${limitOf(limit)}`, [big(nowMs)]);
    return rows.map(toOutbox);
  }

  async updateOutbox(nudgeId: string, p: { status: DeliveryStatus; attempts: number; nextAttemptAtMs: number; lastError: string | null; atMs: number }): Promise<void> {
    await this.w().run(
      `UPDATE nudge_outbox SET status = $2, attempts = $3, next_attempt_at_ms = $4, last_error = $5, updated_at_ms = $6,
        delivered_at_ms = CASE WHEN $2 = 'delivered' THEN $6 ELSE delivered_at_ms END WHERE nudge_id = $1`,
      [nudgeId, p.status, p.attempts, big(p.nextAttemptAtMs), p.lastError === null ? null : p.lastError.slice(0, 500), big(p.atMs)],
    );
  }

  async cancelPending(customerId: string, atMs: number): Promise<number> {
    return this.w().run(`UPDATE nudge_outbox SET status = 'cancelled', last_error = 'the customer opted out', updated_at_ms = $2 WHERE customer_id = $1 AND status = 'pending'`, [customerId, big(atMs)]);
  }

  async list(q: NudgeQuery): Promise<NudgeRecord[]> {
    const params: DuckDBValue[] = [big(q.fromMs), big(q.toMs)];
    let where = 'l.at_ms >= $1 AND l.at_ms < $2';
    if (q.customerId !== undefined) where += ` AND l.customer_id = $${params.push(q.customerId)}`;
    if (q.outcome !== undefined) where += ` AND l.outcome = $${params.push(q.outcome)}`;
    if (q.reason !== undefined) where += ` AND l.reason = $${params.push(q.reason)}`;
    const rows = await this.r().all(
      `SELECT l.*, o.status AS delivery, o.delivered_at_ms, o.attempts FROM nudge_ledger l LEFT JOIN nudge_outbox o USING (nudge_id)
        WHERE ${where} ORDER BY l.at_ms DESC, l.nudge_id LIMIT ${limitOf(q.limit)}`,
      params,
    );
    return rows.map(toRecord);
  }

  async recent(sinceMs: number): Promise<NudgeRecord[]> {
    const rows = await this.r().all(
      `SELECT l.*, o.status AS delivery, o.delivered_at_ms, o.attempts FROM nudge_ledger l LEFT JOIN nudge_outbox o USING (nudge_id)
        WHERE l.at_ms >= $1 AND (l.outcome = 'sent' OR l.reason = 'HOLDOUT') ORDER BY l.at_ms`,
      [big(sinceMs)],
    );
    return rows.map(toRecord);
  }

  async stats(fromMs: number, toMs: number): Promise<NudgeDayStats[]> {
    const range = [big(fromMs), big(toMs)];
    const [main, suppressed] = await Promise.all([
      this.r().all(
        `SELECT l.at_ms // ${DAY_MS} AS day, l.holdout,
          count(*) FILTER (WHERE l.outcome = 'sent' OR l.reason = 'HOLDOUT') AS sent,
          count(*) FILTER (WHERE (l.outcome = 'sent' OR l.reason = 'HOLDOUT') AND l.converted_at_ms IS NOT NULL) AS converted,
          count(*) FILTER (WHERE o.status = 'delivered') AS delivered,
          count(*) FILTER (WHERE o.status IN ('failed', 'expired')) AS failed
        FROM nudge_ledger l LEFT JOIN nudge_outbox o USING (nudge_id)
        WHERE l.at_ms >= $1 AND l.at_ms < $2 GROUP BY ALL`,
        range,
      ),
      this.r().all(
        `SELECT at_ms // ${DAY_MS} AS day, holdout, reason, count(*) AS n FROM nudge_ledger
          WHERE at_ms >= $1 AND at_ms < $2 AND outcome = 'suppressed' AND reason <> 'HOLDOUT' GROUP BY ALL`,
        range,
      ),
    ]);
    const out = new Map<string, NudgeDayStats>();
    const get = (day: number, holdout: boolean): NudgeDayStats => {
      const key = `${day}/${holdout}`;
      let s = out.get(key);
      if (!s) {
        s = { day: new Date(day * DAY_MS).toISOString().slice(0, 10), group: holdout ? 'holdout' : 'treated', sent: 0, converted: 0, suppressed: {}, delivered: 0, failed: 0 };
        out.set(key, s);
      }
      return s;
    };
    for (const r of main) Object.assign(get(Number(r['day']), r['holdout'] === true), { sent: Number(r['sent']), converted: Number(r['converted']), delivered: Number(r['delivered']), failed: Number(r['failed']) });
    for (const r of suppressed) get(Number(r['day']), r['holdout'] === true).suppressed[String(r['reason'])] = Number(r['n']);
    return [...out.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.group < b.group ? 1 : -1));
  }

  async saveModels(rows: { customerId: string; bytes: Uint8Array }[], atMs: number): Promise<void> {
    if (rows.length === 0) return;
    await this.w().transaction(async (c) => {
      // Staged through a temp table: thousands of models cost one upsert, not one statement each.
      await c.run(`CREATE TEMP TABLE IF NOT EXISTS stage_nudge_models (customer_id VARCHAR, model BLOB)`);
      const appender = await c.createAppender('stage_nudge_models', 'main', 'temp');
      try {
        for (const r of rows) {
          appender.appendVarchar(r.customerId);
          appender.appendBlob(r.bytes);
          appender.endRow();
        }
        appender.flushSync();
      } catch (err) {
        appender.clear();
        throw err;
      } finally {
        appender.closeSync();
      }
      await c.run(
        `INSERT INTO nudge_models SELECT customer_id, model, $1 FROM temp.main.stage_nudge_models
          ON CONFLICT (customer_id) DO UPDATE SET model = excluded.model, updated_at_ms = excluded.updated_at_ms`,
        [big(atMs)],
      );
      await c.run('DELETE FROM temp.main.stage_nudge_models');
    });
  }

  async loadModels(): Promise<{ customerId: string; bytes: Uint8Array }[]> {
    const rows = await this.r().all(`SELECT customer_id, model FROM nudge_models`);
    return rows.map((r) => ({ customerId: String(r['customer_id']), bytes: r['model'] instanceof Uint8Array ? r['model'] : new Uint8Array(0) }));
  }

  async savePriors(json: string, atMs: number): Promise<void> {
    await this.w().run(`INSERT INTO nudge_settings VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at_ms = excluded.updated_at_ms`, [PRIORS_KEY, json, big(atMs)]);
  }

  async loadPriors(): Promise<string | null> {
    const rows = await this.r().all(`SELECT value FROM nudge_settings WHERE key = $1`, [PRIORS_KEY]);
    return rows[0] ? String(rows[0]['value']) : null;
  }

  async recordConsent(c: ConsentChange): Promise<void> {
    await this.w().run(`INSERT INTO nudge_consent_log VALUES ($1, $2, $3, $4)`, [c.customerId, big(c.atMs), c.consent, c.source]);
  }

  async consentHistory(customerId: string, limit: number): Promise<ConsentChange[]> {
    const rows = await this.r().all(`SELECT * FROM nudge_consent_log WHERE customer_id = $1 ORDER BY at_ms DESC LIMIT ${limitOf(limit)}`, [customerId]);
    return rows.map((r) => ({ customerId: String(r['customer_id']), atMs: Number(r['at_ms']), consent: r['consent'] === true, source: String(r['source']) }));
  }

  private w(): DuckConn {
    if (!this.writer) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'nudge ledger is not open');
    return this.writer;
  }

  private r(): DuckConn {
    if (!this.reader) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'nudge ledger is not open');
    return this.reader;
  }
}

function toOutbox(r: Record<string, JS>): OutboxRow {
  return {
    nudgeId: String(r['nudge_id']),
    channel: String(r['channel']) as OutboxRow['channel'],
    message: JSON.parse(String(r['message'])) as NudgeMessage,
    status: String(r['status']) as DeliveryStatus,
    attempts: Number(r['attempts']),
    nextAttemptAtMs: Number(r['next_attempt_at_ms']),
    expiresAtMs: Number(r['expires_at_ms']),
    lastError: str(r['last_error']),
  };
}

function toRecord(r: Record<string, JS>): NudgeRecord {
  return {
    nudgeId: String(r['nudge_id']),
    customerId: String(r['customer_id']),
    packId: String(r['pack_id']),
    atMs: Number(r['at_ms']),
    policy: String(r['policy']) as NudgeRecord['policy'],
    outcome: String(r['outcome']) as NudgeRecord['outcome'],
    reason: str(r['reason']),
    reasons: JSON.parse(String(r['reasons'])) as string[],
    holdout: r['holdout'] === true,
    socPct: Number(r['soc_pct']),
    timeToEmptyMin: num(r['tte_min']),
    leadMin: num(r['lead_min']),
    leadBucket: num(r['lead_bucket']),
    storeId: str(r['store_id']),
    kioskId: str(r['kiosk_id']),
    distanceM: num(r['distance_m']),
    chargedPacks: num(r['charged_packs']),
    holdPackId: str(r['hold_pack_id']),
    holdUntilMs: num(r['hold_until_ms']),
    channel: str(r['channel']) as NudgeRecord['channel'],
    text: str(r['text']),
    deferredUntilMs: num(r['deferred_until_ms']),
    convertedAtMs: num(r['converted_at_ms']),
    convertedKioskId: str(r['converted_kiosk_id']),
    convertedRequestId: str(r['converted_request_id']),
    delivery: str(r['delivery']) as NudgeRecord['delivery'],
    deliveredAtMs: num(r['delivered_at_ms']),
    attempts: num(r['attempts']) ?? 0,
  };
}
