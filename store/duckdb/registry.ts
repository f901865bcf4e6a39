// The embedded Registry: devices and their hashed secrets, settings and the quarantine, in the
// same DuckDB file as the telemetry. Later issues add tables by appending to REGISTRY_MIGRATIONS.
import type { DuckDBValue, JS } from '@duckdb/node-api';
import type { Logger } from 'pino';
import { CfError } from '../../domain/errors.ts';
import type { DeviceKind } from '../../domain/topics.ts';
import type { DeviceCredential, DeviceRecord, ListQuery, QuarantineRecord, Registry } from '../registry.ts';
import { openDuckDb } from './database.ts';
import type { DuckConn, DuckDb } from './database.ts';
import { migrate } from './migrations.ts';
import type { Migration } from './migrations.ts';

export const REGISTRY_COMPONENT = 'registry';

export const REGISTRY_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'devices, settings, quarantine',
    statements: [
      // Revocation keeps the row: a revoked id stays taken, so its old credentials never return.
      `CREATE TABLE devices (
        id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, secret_hash VARCHAR NOT NULL,
        created_at_ms BIGINT NOT NULL, revoked_at_ms BIGINT)`,
      `CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
      `CREATE SEQUENCE quarantine_id START 1`,
      `CREATE TABLE quarantine (
        id BIGINT PRIMARY KEY DEFAULT nextval('quarantine_id'), at_ms BIGINT NOT NULL,
        device_id VARCHAR, topic VARCHAR NOT NULL, reason VARCHAR NOT NULL, detail VARCHAR NOT NULL,
        payload BLOB NOT NULL)`,
    ],
  },
  {
    version: 2,
    name: 'quarantine_entries: the quarantine with the received size and hash of the kept payload',
    // A new table rather than ALTER TABLE ... ADD COLUMN: DuckDB 1.5 cannot replay a WAL that holds
    // an ADD COLUMN ("GetDefaultDatabase with no default database set"), so a kill -9 before the
    // next checkpoint left a data dir that would not open (found by `npm run bench -- crash-soak`).
    statements: [
      `CREATE TABLE quarantine_entries (
        id BIGINT PRIMARY KEY DEFAULT nextval('quarantine_id'), at_ms BIGINT NOT NULL,
        device_id VARCHAR, topic VARCHAR NOT NULL, reason VARCHAR NOT NULL, detail VARCHAR NOT NULL,
        payload BLOB NOT NULL, payload_bytes BIGINT, sha256 VARCHAR)`,
      `INSERT INTO quarantine_entries SELECT id, at_ms, device_id, topic, reason, detail, payload, octet_length(payload), NULL FROM quarantine`,
      `DROP TABLE quarantine`,
      `CREATE INDEX quarantine_entries_at ON quarantine_entries (at_ms)`,
    ],
  },
];

export interface DuckRegistryOptions {
  log?: Logger;
}

const DEFAULT_LIMIT = 100;

export class DuckRegistry implements Registry {
  private db: DuckDb | null;
  private readonly ownsDb: boolean;
  private connection: DuckConn | null = null;
  private opening: Promise<void> | null = null;

  /** Pass the shared DuckDb (the app does), or a file path to own a database of its own. */
  constructor(
    private readonly dbOrPath: DuckDb | string,
    private readonly opts: DuckRegistryOptions = {},
  ) {
    this.ownsDb = typeof dbOrPath === 'string';
    this.db = typeof dbOrPath === 'string' ? null : dbOrPath;
  }

  open(): Promise<void> {
    this.opening ??= this.doOpen().catch(async (err: unknown) => {
      await this.close().catch(() => undefined); // release what was opened, the file lock with it
      throw err;
    });
    return this.opening;
  }

  private async doOpen(): Promise<void> {
    this.db ??= await openDuckDb(this.dbOrPath as string);
    this.connection = await this.db.connect();
    const applied = await migrate(this.connection, REGISTRY_COMPONENT, REGISTRY_MIGRATIONS);
    this.opts.log?.info({ path: this.db.path, applied }, 'duckdb registry open');
  }

  async addDevice(d: DeviceCredential): Promise<void> {
    const added = await this.conn().run('INSERT INTO devices VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
      d.id,
      d.kind,
      d.secretHash,
      BigInt(d.createdAtMs),
      d.revokedAtMs === null ? null : BigInt(d.revokedAtMs),
    ]);
    if (added === 0) throw new CfError('CF_ERR_DEVICE_EXISTS', undefined, { id: d.id });
  }

  async setDeviceSecret(id: string, secretHash: string): Promise<boolean> {
    return (await this.conn().run('UPDATE devices SET secret_hash = $2 WHERE id = $1 AND revoked_at_ms IS NULL', [id, secretHash])) > 0;
  }

  async reprovisionDevice(d: DeviceCredential): Promise<boolean> {
    // One conditional UPDATE: a concurrent rotate or second replace cannot slip in between check and write.
    const changed = await this.conn().run(
      'UPDATE devices SET secret_hash = $3, created_at_ms = $4, revoked_at_ms = NULL WHERE id = $1 AND kind = $2 AND revoked_at_ms IS NOT NULL',
      [d.id, d.kind, d.secretHash, BigInt(d.createdAtMs)],
    );
    return changed > 0;
  }

  async getDevice(id: string): Promise<DeviceCredential | null> {
    const rows = await this.conn().all('SELECT * FROM devices WHERE id = $1', [id]);
    const row = rows[0];
    return row ? { ...toDevice(row), secretHash: String(row['secret_hash']) } : null;
  }

  async listDevices(q: ListQuery & { kind?: DeviceKind } = {}): Promise<DeviceRecord[]> {
    const where: string[] = [];
    const params: DuckDBValue[] = [];
    if (q.cursor !== undefined) {
      params.push(String(q.cursor));
      where.push(`id > $${params.length}`);
    }
    if (q.kind !== undefined) {
      params.push(q.kind);
      where.push(`kind = $${params.length}`);
    }
    const rows = await this.conn().all(
      `SELECT id, kind, created_at_ms, revoked_at_ms FROM devices ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id LIMIT ${limitOf(q.limit)}`,
      params,
    );
    return rows.map(toDevice);
  }

  async revokeDevice(id: string, atMs: number): Promise<boolean> {
    const changed = await this.conn().run('UPDATE devices SET revoked_at_ms = coalesce(revoked_at_ms, $2) WHERE id = $1', [id, BigInt(atMs)]);
    return changed > 0;
  }

  async getSetting(key: string): Promise<string | null> {
    const rows = await this.conn().all('SELECT value FROM settings WHERE key = $1', [key]);
    const row = rows[0];
    return row ? String(row['value']) : null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.conn().run('INSERT INTO settings VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  /** One transaction for the lot; resolves after COMMIT, i.e. once the WAL is fsynced. */
  async addQuarantine(records: QuarantineRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.conn().transaction(async (c) => {
      // Staged through a temp table so a flood of bad messages costs one INSERT, not one per message.
      await c.run(`CREATE TEMP TABLE IF NOT EXISTS stage_quarantine (
        at_ms BIGINT, device_id VARCHAR, topic VARCHAR, reason VARCHAR, detail VARCHAR, payload BLOB, payload_bytes BIGINT, sha256 VARCHAR)`);
      const appender = await c.createAppender('stage_quarantine', 'main', 'temp');
      try {
        for (const r of records) {
          appender.appendBigInt(BigInt(r.atMs));
          if (r.deviceId === null) appender.appendNull();
          else appender.appendVarchar(r.deviceId);
          appender.appendVarchar(r.topic);
          appender.appendVarchar(r.reason);
          appender.appendVarchar(r.detail);
          appender.appendBlob(r.payload);
          appender.appendBigInt(BigInt(r.payloadBytes ?? r.payload.length));
          if (r.sha256 === undefined) appender.appendNull();
          else appender.appendVarchar(r.sha256);
          appender.endRow();
        }
        appender.flushSync();
      } catch (err) {
        appender.clear(); // closing flushes: never let a half-appended batch through
        throw err;
      } finally {
        appender.closeSync();
      }
      await c.run(`INSERT INTO quarantine_entries (at_ms, device_id, topic, reason, detail, payload, payload_bytes, sha256)
        SELECT * FROM temp.main.stage_quarantine ORDER BY rowid`);
      await c.run('DELETE FROM temp.main.stage_quarantine');
    });
  }

  async listQuarantine(q: ListQuery & { reason?: string; maxBytes?: number } = {}): Promise<QuarantineRecord[]> {
    const where: string[] = [];
    const params: DuckDBValue[] = [];
    if (q.cursor !== undefined) {
      const cursor = Number(q.cursor);
      if (!Number.isInteger(cursor)) throw new CfError('CF_ERR_HTTP_BAD_REQUEST', `quarantine cursor must be an integer id, got ${String(q.cursor)}`);
      params.push(BigInt(cursor));
      where.push(`id < $${params.length}`);
    }
    if (q.reason !== undefined) {
      params.push(q.reason);
      where.push(`reason = $${params.length}`);
    }
    const filter = `${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ${limitOf(q.limit)}`;
    if (q.maxBytes === undefined) return (await this.conn().all(`SELECT * FROM quarantine_entries ${filter}`, params)).map(toQuarantine);
    // Page by bytes in the database: payloads past the budget are never read out of the file.
    params.push(BigInt(Math.max(0, Math.trunc(q.maxBytes))));
    const rows = await this.conn().all(
      `SELECT q.* FROM (SELECT id, sum(octet_length(payload)) OVER (ORDER BY id DESC) - octet_length(payload) AS before_bytes
          FROM (SELECT id, payload FROM quarantine_entries ${filter})) w
        JOIN quarantine_entries q USING (id) WHERE w.before_bytes < $${params.length} OR w.before_bytes = 0 ORDER BY q.id DESC`,
      params,
    );
    return rows.map(toQuarantine);
  }

  async expireQuarantine(beforeMs: number): Promise<number> {
    return this.conn().run('DELETE FROM quarantine_entries WHERE at_ms < $1', [BigInt(Math.trunc(beforeMs))]);
  }

  async countQuarantine(): Promise<number> {
    const rows = await this.conn().all('SELECT count(*) AS n FROM quarantine_entries');
    return Number(rows[0]?.['n'] ?? 0);
  }

  /** Closes this registry's connection, and the database when the registry opened it itself. */
  async close(): Promise<void> {
    const c = this.connection;
    this.connection = null;
    this.opening = null;
    await c?.close();
    if (this.ownsDb && this.db) {
      await this.db.close();
      this.db = null;
    }
  }

  private conn(): DuckConn {
    if (!this.connection) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'DuckDB registry is not open');
    return this.connection;
  }
}

function toDevice(r: Record<string, JS>): DeviceRecord {
  const revoked = r['revoked_at_ms'];
  return {
    id: String(r['id']),
    kind: String(r['kind']) as DeviceKind,
    createdAtMs: Number(r['created_at_ms']),
    revokedAtMs: revoked === null || revoked === undefined ? null : Number(revoked),
  };
}

function toQuarantine(r: Record<string, JS>): QuarantineRecord {
  const payload = r['payload'];
  const device = r['device_id'];
  return {
    id: Number(r['id']),
    atMs: Number(r['at_ms']),
    deviceId: device === null || device === undefined ? null : String(device),
    topic: String(r['topic']),
    reason: String(r['reason']),
    detail: String(r['detail']),
    payload: payload instanceof Uint8Array ? payload : new Uint8Array(0),
    ...(r['payload_bytes'] === null || r['payload_bytes'] === undefined ? {} : { payloadBytes: Number(r['payload_bytes']) }),
    ...(r['sha256'] === null || r['sha256'] === undefined ? {} : { sha256: String(r['sha256']) }),
  };
}

function limitOf(limit: number | undefined): number {
  const n = limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(n) || n < 0) throw new CfError('CF_ERR_HTTP_BAD_REQUEST', `limit must be a non-negative integer, got ${n}`);
  return n;
}
