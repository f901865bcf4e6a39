// Opens the registry and the TelemetryStore the configuration asks for. DuckDB is always there
// (the registry lives in it); CF_STORE=influx puts telemetry in InfluxDB behind a local spool.
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import { DuckRegistry, DuckTelemetryStore, duckDbPath, openDuckDb } from '../store/duckdb/index.ts';
import type { Registry } from '../store/registry.ts';
import type { TelemetryStore } from '../store/telemetry-store.ts';
import type { Config } from './config.ts';

export interface OpenedStores {
  registry: Registry;
  store: TelemetryStore;
  close(): Promise<void>;
}

export async function openStores(config: Config, dataDir: string, logger: Logger, clock: Clock): Promise<OpenedStores> {
  const db = await openDuckDb(duckDbPath(dataDir));
  const registry = new DuckRegistry(db, { log: logger.child({ component: 'registry' }) });
  let store: TelemetryStore | null = null;
  try {
    await registry.open();
    store = await openTelemetry(config, dataDir, db, logger, clock);
    await store.open();
  } catch (err) {
    await store?.close().catch(() => {});
    await registry.close().catch(() => {});
    await db.close();
    throw err;
  }
  const opened = store;
  return {
    registry,
    store: opened,
    async close() {
      await opened.close();
      await registry.close();
      await db.close();
    },
  };
}

async function openTelemetry(config: Config, _dataDir: string, db: Awaited<ReturnType<typeof openDuckDb>>, logger: Logger, clock: Clock): Promise<TelemetryStore> {
  if (config.store === 'duckdb') return new DuckTelemetryStore(db, { log: logger.child({ component: 'telemetry' }), nowMs: () => clock.now() });
  throw new Error('CF_STORE=influx is wired in app/stores.ts by the InfluxDB issue');
}
