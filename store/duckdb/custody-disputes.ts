// Custody disputes in the shared DuckDB file, on a connection of their own (never the telemetry
// or the registry's write connection). Open disputes are loaded into memory at open; memory changes
// only after the COMMIT returned.
import type { JS } from '@duckdb/node-api';
import type { ImplausibleReason } from '../../domain/custody-plausibility.ts';
import { CfError } from '../../domain/errors.ts';
import type { Custody } from '../../domain/fleet-model.ts';
import type { CustodyDispute, CustodyDisputes, DisputeResolution } from '../custody-disputes.ts';
import type { DuckConn, DuckDb } from './database.ts';
import { migrate, type Migration } from './migrations.ts';

export const DISPUTES_COMPONENT = 'custody_disputes';

export const DISPUTES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'custody disputes: implausible placements reported by kiosks',
    statements: [
      // Ids come from the fleet anomalies' sequence, so one id names one anomaly in GET /v1/anomalies
      // and POST /v1/anomalies/:id/resolve. The fleet registry's migration creates it; it opens first.
      `CREATE TABLE custody_disputes (
        id BIGINT PRIMARY KEY DEFAULT nextval('anomaly_id'), at_ms BIGINT NOT NULL, kiosk_id VARCHAR NOT NULL,
        slot INTEGER NOT NULL, pack_id VARCHAR NOT NULL, reason VARCHAR NOT NULL, registry_custody VARCHAR NOT NULL,
        detail VARCHAR NOT NULL, resolved_at_ms BIGINT, resolution VARCHAR, note VARCHAR)`,
    ],
  },
];

export class DuckCustodyDisputes implements CustodyDisputes {
  private connection: DuckConn | null = null;
  /** Open disputes by pack id. */
  private readonly openByPack = new Map<string, CustodyDispute[]>();
  private readonly openByKiosk = new Map<string, number>();

  constructor(private readonly db: DuckDb) {}

  async open(): Promise<void> {
    this.connection = await this.db.connect();
    await migrate(this.connection, DISPUTES_COMPONENT, DISPUTES_MIGRATIONS);
    for (const r of await this.connection.all('SELECT * FROM custody_disputes WHERE resolved_at_ms IS NULL ORDER BY id')) this.remember(toDispute(r));
  }

  async close(): Promise<void> {
    const c = this.connection;
    this.connection = null;
    await c?.close();
  }

  isDisputed(packId: string): boolean {
    return this.openByPack.has(packId);
  }

  openDispute(packId: string, kioskId: string): CustodyDispute | undefined {
    return this.openByPack.get(packId)?.find((d) => d.kioskId === kioskId);
  }

  openCount(kioskId: string): number {
    return this.openByKiosk.get(kioskId) ?? 0;
  }

  async add(d: Omit<CustodyDispute, 'id' | 'resolvedAtMs' | 'resolution' | 'note'>): Promise<CustodyDispute> {
    const rows = await this.conn().all(
      `INSERT INTO custody_disputes (at_ms, kiosk_id, slot, pack_id, reason, registry_custody, detail)
        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [BigInt(Math.trunc(d.atMs)), d.kioskId, d.slot, d.packId, d.reason, JSON.stringify(d.registryCustody), d.detail],
    );
    const dispute: CustodyDispute = { ...d, id: Number(rows[0]?.['id']), resolvedAtMs: null, resolution: null, note: null };
    this.remember(dispute);
    return dispute;
  }

  async get(id: number): Promise<CustodyDispute | null> {
    const rows = await this.conn().all('SELECT * FROM custody_disputes WHERE id = $1', [BigInt(id)]);
    return rows[0] ? toDispute(rows[0]) : null;
  }

  async list(q: { limit: number; kioskIds?: readonly string[]; openOnly?: boolean }): Promise<CustodyDispute[]> {
    const ids = q.kioskIds ?? null;
    if (ids !== null && ids.length === 0) return [];
    const where: string[] = [];
    if (ids !== null) where.push(`kiosk_id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`);
    if (q.openOnly) where.push('resolved_at_ms IS NULL');
    const limit = Math.max(1, Math.min(10_000, Math.trunc(q.limit)));
    const rows = await this.conn().all(
      `SELECT * FROM custody_disputes ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ${limit}`,
      ids === null ? [] : [...ids],
    );
    return rows.map(toDispute);
  }

  async resolve(id: number, resolution: DisputeResolution, note: string | null, atMs: number): Promise<CustodyDispute> {
    const changed = await this.conn().run(
      'UPDATE custody_disputes SET resolved_at_ms = $2, resolution = $3, note = $4 WHERE id = $1 AND resolved_at_ms IS NULL',
      [BigInt(id), BigInt(Math.trunc(atMs)), resolution, note],
    );
    const d = await this.get(id);
    if (!d) throw new CfError('CF_ERR_ANOMALY_NOT_FOUND', `no anomaly ${id}`);
    if (changed === 0) throw new CfError('CF_ERR_ANOMALY_NOT_OPEN', `anomaly ${id} was already resolved (${d.resolution ?? '?'})`);
    this.forget(d);
    return d;
  }

  private remember(d: CustodyDispute): void {
    const list = this.openByPack.get(d.packId);
    if (list) list.push(d);
    else this.openByPack.set(d.packId, [d]);
    this.openByKiosk.set(d.kioskId, (this.openByKiosk.get(d.kioskId) ?? 0) + 1);
  }

  private forget(d: CustodyDispute): void {
    const rest = (this.openByPack.get(d.packId) ?? []).filter((x) => x.id !== d.id);
    if (rest.length > 0) this.openByPack.set(d.packId, rest);
    else this.openByPack.delete(d.packId);
    const n = (this.openByKiosk.get(d.kioskId) ?? 1) - 1;
    if (n > 0) this.openByKiosk.set(d.kioskId, n);
    else this.openByKiosk.delete(d.kioskId);
  }

  private conn(): DuckConn {
    if (!this.connection) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'custody disputes are not open');
    return this.connection;
  }
}

function toDispute(r: Record<string, JS>): CustodyDispute {
  const num = (v: JS | undefined): number | null => (v === null || v === undefined ? null : Number(v));
  const str = (v: JS | undefined): string | null => (v === null || v === undefined ? null : String(v));
  return {
    id: Number(r['id']),
    atMs: Number(r['at_ms']),
    kioskId: String(r['kiosk_id']),
    slot: Number(r['slot']),
    packId: String(r['pack_id']),
    reason: String(r['reason']) as ImplausibleReason,
    registryCustody: JSON.parse(String(r['registry_custody'])) as Custody,
    detail: String(r['detail']),
    resolvedAtMs: num(r['resolved_at_ms']),
    resolution: str(r['resolution']) as DisputeResolution | null,
    note: str(r['note']),
  };
}
