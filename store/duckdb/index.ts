// The embedded DuckDB store: one database file shared by the telemetry store and the registry.
import { join } from 'node:path';

export { openDuckDb, DuckDb, DuckConn, SerialQueue, inTransaction } from './database.ts';
export type { DuckDbOptions } from './database.ts';
export { DuckTelemetryStore } from './telemetry.ts';
export type { DuckTelemetryOptions } from './telemetry.ts';
export type { WriterOptions, WriterStats } from './telemetry-writer.ts';
export { DuckRegistry, REGISTRY_MIGRATIONS, REGISTRY_COMPONENT } from './registry.ts';
export type { DuckRegistryOptions } from './registry.ts';
export { migrate, schemaVersion } from './migrations.ts';
export type { Migration } from './migrations.ts';
export { TELEMETRY_MIGRATIONS, TELEMETRY_COMPONENT } from './telemetry-schema.ts';

/** The database file under the data directory: one per process, shared by every DuckDB store. */
export function duckDbPath(dataDir: string): string {
  return join(dataDir, 'chargefleet.duckdb');
}
