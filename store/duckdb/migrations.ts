// Schema versions for the shared DuckDB file. Each component (telemetry, registry, and later
// ledgers or custody) owns an ordered list of migrations; applied versions are recorded per
// component, so a later issue adds tables by appending a migration, never by editing one.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DuckConn } from './database.ts';
import { inTransaction } from './database.ts';

export interface Migration {
  /** 1, 2, 3, ... in order; never renumbered once released. */
  version: number;
  /** What it does, recorded beside the version. */
  name: string;
  /** SQL statements run in order inside one transaction. */
  statements: readonly string[];
}

const CREATE_VERSIONS = `CREATE TABLE IF NOT EXISTS schema_version (
  component VARCHAR NOT NULL,
  version INTEGER NOT NULL,
  name VARCHAR NOT NULL,
  applied_at_ms BIGINT NOT NULL,
  PRIMARY KEY (component, version)
)`;

/** The highest version of `component` applied to this database, 0 when none. */
export async function schemaVersion(c: DuckDBConnection, component: string): Promise<number> {
  const rows = await c.runAndReadAll('SELECT coalesce(max(version), 0)::INTEGER AS v FROM schema_version WHERE component = $1', [component]);
  return Number(rows.getRowObjectsJS()[0]?.['v'] ?? 0);
}

/**
 * Brings `component` up to its newest migration. Each migration and its version row commit
 * together, so a crash mid-way leaves the schema at a clean earlier version. Idempotent; the
 * migrations of all components on one database run one at a time.
 * Returns the versions applied now.
 */
export async function migrate(conn: DuckConn, component: string, migrations: readonly Migration[], nowMs: number = Date.now()): Promise<number[]> {
  checkOrder(component, migrations);
  return conn.schemaChange(async (c) => {
    await c.run(CREATE_VERSIONS);
    const current = await schemaVersion(c, component);
    const newest = migrations.at(-1)?.version ?? 0;
    if (current > newest) {
      throw new Error(`DuckDB schema of ${component} is at version ${current}, newer than this build knows (${newest}); refusing to run an older build on it`);
    }
    const applied: number[] = [];
    for (const m of migrations) {
      if (m.version <= current) continue;
      await inTransaction(c, async (tx) => {
        for (const sql of m.statements) await tx.run(sql);
        await tx.run('INSERT INTO schema_version VALUES ($1, $2, $3, $4)', [component, m.version, m.name, BigInt(nowMs)]);
      });
      applied.push(m.version);
    }
    // Fold new DDL into the database file at once: a kill -9 then never leaves schema changes for
    // WAL replay, which DuckDB 1.5 gets wrong for some (see REGISTRY_MIGRATIONS version 2).
    if (applied.length > 0) await c.run('CHECKPOINT').catch(() => undefined);
    return applied;
  });
}

function checkOrder(component: string, migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`${component} migrations must be numbered 1, 2, 3, ...: found ${m.version} at position ${i + 1}`);
  });
}
