// pack_latest and kiosk_latest: each device's newest reading, so that live state is rebuilt at
// start from one row per device, never from a scan of history. Updating them in every store
// transaction cost 10-16 µs of CPU per reading (an upsert per device per batch, measured with
// bench/duckdb-write.ts), so the newest rows are kept here in memory and upserted every few
// seconds instead: once per device per interval. A crash loses at most that interval of updates,
// and open() repairs it from the readings received since the last flush (latest_sync), which the
// table's min/max zonemaps on received_at_ms keep to the last few row groups, whatever the history.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { KioskReading, PackReading } from '../../domain/readings.ts';
import type { DuckConn } from './database.ts';
import { inTransaction } from './database.ts';
import { appendRows } from './table-sink.ts';
import { KIOSK_TABLE, PACK_TABLE, type TableSpec } from './telemetry-schema.ts';

/** Readings received this long before the last flush are looked at again by the repair at open. */
const REPAIR_MARGIN_MS = 60_000;

interface Timed {
  atMs: number;
  seq: number;
  receivedAtMs: number;
}

const newer = (a: Timed, b: Timed | undefined): boolean => !b || a.atMs > b.atMs || (a.atMs === b.atMs && a.seq > b.seq);

class Latest<R extends Timed> {
  dirty = new Map<string, R>();
  constructor(readonly spec: TableSpec<R>, readonly latestTable: string) {}

  note(rows: readonly R[]): void {
    const id = this.spec.deviceId;
    for (const r of rows) {
      const k = id(r);
      if (newer(r, this.dirty.get(k))) this.dirty.set(k, r);
    }
  }

  /** Upsert of the staged rows: a stored row is replaced only by a newer one (point time, then seq). */
  get upsertSql(): string {
    const { idColumn, columns } = this.spec;
    const lt = this.latestTable;
    return `INSERT INTO main.${lt} SELECT * FROM temp.main.stage_${lt}
      ON CONFLICT (${idColumn}) DO UPDATE SET ${columns.filter((c) => c.name !== idColumn).map((c) => `${c.name} = excluded.${c.name}`).join(', ')}
      WHERE excluded.at_ms > ${lt}.at_ms OR (excluded.at_ms = ${lt}.at_ms AND excluded.seq > ${lt}.seq)`;
  }

  /** From the readings table: each device's newest row received since `sinceMs`, upserted. */
  repairSql(sinceMs: bigint): string {
    const { idColumn, columns, table } = this.spec;
    const lt = this.latestTable;
    return `INSERT INTO main.${lt} SELECT DISTINCT ON (${idColumn}) * EXCLUDE (rk) FROM main.${table}
      WHERE received_at_ms >= ${sinceMs} ORDER BY ${idColumn}, at_ms DESC, seq DESC
      ON CONFLICT (${idColumn}) DO UPDATE SET ${columns.filter((c) => c.name !== idColumn).map((c) => `${c.name} = excluded.${c.name}`).join(', ')}
      WHERE excluded.at_ms > ${lt}.at_ms OR (excluded.at_ms = ${lt}.at_ms AND excluded.seq > ${lt}.seq)`;
  }
}

export class LatestTables {
  readonly packs = new Latest<PackReading>(PACK_TABLE, 'pack_latest');
  readonly kiosks = new Latest<KioskReading>(KIOSK_TABLE, 'kiosk_latest');
  flushes = 0;

  /** After a store transaction committed: remember its newest rows per device. */
  note(table: string, rows: readonly unknown[]): void {
    if (table === PACK_TABLE.table) this.packs.note(rows as PackReading[]);
    else if (table === KIOSK_TABLE.table) this.kiosks.note(rows as KioskReading[]);
  }

  /** Upserts what changed since the last flush, in one transaction with the sync mark. */
  async flush(conn: DuckConn): Promise<void> {
    const parts = [this.packs, this.kiosks] as Latest<Timed>[];
    if (parts.every((p) => p.dirty.size === 0)) return;
    const taken = parts.map((p) => {
      const rows = [...p.dirty.values()];
      p.dirty = new Map();
      return rows;
    });
    try {
      await conn.exclusive((c) =>
        inTransaction(c, async (tx) => {
          let maxReceived = 0;
          for (const [i, p] of parts.entries()) {
            const rows = taken[i]!;
            if (rows.length === 0) continue;
            for (const r of rows) if (r.receivedAtMs > maxReceived) maxReceived = r.receivedAtMs;
            await stage(tx, p, rows);
            await tx.run(p.upsertSql);
            await tx.run(`DELETE FROM temp.main.stage_${p.latestTable}`);
          }
          await tx.run('UPDATE latest_sync SET received_at_ms = greatest(received_at_ms, $1)', [BigInt(Math.trunc(maxReceived))]);
        }),
      );
      this.flushes++;
    } catch (err) {
      // Not flushed: put the rows back (newer ones noted meanwhile win) and try again next time.
      taken.forEach((rows, i) => parts[i]!.note(rows));
      throw err;
    }
  }

  /** At open: what the last flush before a crash did not get to, from recent readings only. */
  async repair(c: DuckDBConnection): Promise<void> {
    const sync = Number((await c.runAndReadAll('SELECT received_at_ms FROM latest_sync')).getRowsJS()[0]?.[0] ?? 0);
    const since = BigInt(Math.max(0, sync - REPAIR_MARGIN_MS));
    await inTransaction(c, async (tx) => {
      await tx.run(this.packs.repairSql(since));
      await tx.run(this.kiosks.repairSql(since));
    });
  }

  /** Stored latest rows, overtaken by newer ones not flushed yet. */
  merged<R extends Timed>(which: 'packs' | 'kiosks', stored: R[]): R[] {
    const l = (which === 'packs' ? this.packs : this.kiosks) as unknown as Latest<R>;
    if (l.dirty.size === 0) return stored;
    const byId = new Map(stored.map((r) => [l.spec.deviceId(r), r]));
    for (const [k, r] of l.dirty) if (newer(r, byId.get(k))) byId.set(k, r);
    return [...byId.values()];
  }
}

async function stage(c: DuckDBConnection, p: Latest<Timed>, rows: Timed[]): Promise<void> {
  const name = `stage_${p.latestTable}`;
  await c.run(`CREATE TEMP TABLE IF NOT EXISTS ${name} AS SELECT * FROM main.${p.latestTable} LIMIT 0`);
  const appender = await c.createAppender(name, 'main', 'temp');
  try {
    appendRows(appender, p.spec as TableSpec<Timed>, rows);
  } finally {
    appender.closeSync();
  }
}
