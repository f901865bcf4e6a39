// Data directories from before the telemetry store had a file of its own kept readings in
// chargefleet.duckdb beside the registry. At the first start of this build they are copied into
// telemetry.duckdb (one transaction, with a marker), then dropped from the old file. A crash
// between the two leaves the marker: the next start only finishes the drop.
import { existsSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Logger } from 'pino';
import type { DuckConn } from './database.ts';
import { inTransaction } from './database.ts';

const TABLES = ['pack_readings', 'kiosk_status', 'kiosk_events'] as const;
const MARKER = `CREATE TABLE IF NOT EXISTS legacy_telemetry (state VARCHAR NOT NULL, rows BIGINT NOT NULL, at_ms BIGINT NOT NULL)`;

export interface LegacyImport {
  /** Rows copied now (0 when there was nothing to copy or it was done before). */
  rows: number;
  ms: number;
}

/** Brings readings of `legacyPath` (if any) into the store on `conn`, whose tables must exist. */
export async function importLegacyTelemetry(conn: DuckConn, legacyPath: string, log?: Logger): Promise<LegacyImport> {
  const t0 = performance.now();
  return conn.exclusive(async (c) => {
    await c.run(MARKER);
    const state = String((await c.runAndReadAll('SELECT state FROM legacy_telemetry ORDER BY at_ms DESC LIMIT 1')).getRowsJS()[0]?.[0] ?? '');
    if (state === 'clean' || !existsSync(legacyPath)) {
      if (state !== 'clean') await c.run(`INSERT INTO legacy_telemetry VALUES ('clean', 0, $1)`, [BigInt(Date.now())]);
      return { rows: 0, ms: 0 };
    }
    await c.run(`ATTACH '${legacyPath.replaceAll("'", "''")}' AS legacy`);
    try {
      const present = await legacyTables(c);
      let rows = 0;
      if (state !== 'imported' && present.length > 0) {
        rows = await inTransaction(c, async (tx) => {
          let n = 0;
          for (const t of present) n += Number((await tx.run(`INSERT INTO main.${t} SELECT * FROM legacy.main.${t}`)).rowsChanged);
          // The latest tables were built empty by the migration: rebuild them from what came in.
          await tx.run('DELETE FROM main.pack_latest');
          await tx.run('INSERT INTO main.pack_latest SELECT DISTINCT ON (pack_id) * EXCLUDE (rk) FROM main.pack_readings ORDER BY pack_id, at_ms DESC, seq DESC');
          await tx.run('DELETE FROM main.kiosk_latest');
          await tx.run('INSERT INTO main.kiosk_latest SELECT DISTINCT ON (kiosk_id) * EXCLUDE (rk) FROM main.kiosk_status ORDER BY kiosk_id, at_ms DESC, seq DESC');
          await tx.run('UPDATE main.latest_sync SET received_at_ms = greatest(received_at_ms, coalesce((SELECT max(received_at_ms) FROM main.pack_latest), 0), coalesce((SELECT max(received_at_ms) FROM main.kiosk_latest), 0))');
          await tx.run(`INSERT INTO legacy_telemetry VALUES ('imported', $1, $2)`, [BigInt(n), BigInt(Date.now())]);
          return n;
        });
        log?.info({ rows, from: legacyPath, ms: Math.round(performance.now() - t0) }, 'telemetry copied from the shared DuckDB file into its own');
      }
      // A second transaction: DuckDB writes one attached database per transaction.
      await inTransaction(c, async (tx) => {
        for (const t of present) await tx.run(`DROP TABLE legacy.main.${t}`);
        await tx.run(`DELETE FROM legacy.main.schema_version WHERE component = 'telemetry'`);
      });
      await c.run(`INSERT INTO legacy_telemetry VALUES ('clean', $1, $2)`, [BigInt(rows), BigInt(Date.now())]);
      return { rows, ms: Math.round(performance.now() - t0) };
    } finally {
      await c.run('DETACH legacy').catch(() => undefined);
    }
  });
}

async function legacyTables(c: DuckDBConnection): Promise<string[]> {
  const rows = (await c.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE database_name = 'legacy' AND schema_name = 'main'`)).getRowsJS();
  const names = new Set(rows.map((r) => String(r[0])));
  return TABLES.filter((t) => names.has(t));
}
