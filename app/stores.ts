// Opens the registry and the TelemetryStore the configuration asks for. DuckDB is always there
// (the registry lives in it); CF_STORE=influx puts telemetry in InfluxDB behind a local spool.
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createInfluxTelemetryStore } from '../store/influx/influx-store.ts';
import { createSpooledStore } from '../store/spool/spooled-store.ts';
import type { Clock } from '../domain/clock.ts';
import { DuckRegistry, DuckTelemetryStore, duckDbPath, openDuckDb } from '../store/duckdb/index.ts';
import type { Registry } from '../store/registry.ts';
import type { FleetRegistry } from '../store/fleet-registry.ts';
import { DuckFleetRegistry } from '../store/duckdb/fleet-registry.ts';
import { DuckNudgeLedger } from '../store/duckdb/nudge-ledger.ts';
import type { NudgeLedger } from '../store/nudge-ledger.ts';
import { DuckAccountStore } from '../store/duckdb/accounts.ts';
import type { AccountStore } from '../store/accounts.ts';
import type { TelemetryStore } from '../store/telemetry-store.ts';
import type { CustodyDisputes } from '../store/custody-disputes.ts';
import { DuckCustodyDisputes } from '../store/duckdb/custody-disputes.ts';
import type { Config } from './config.ts';
import { resolvePepper, secretsFilePath } from './secrets-file.ts';

export interface OpenedStores {
  registry: Registry;
  fleet: FleetRegistry;
  nudges: NudgeLedger;
  /** Accounts, sessions and API tokens. */
  accounts: AccountStore;
  store: TelemetryStore;
  disputes: CustodyDisputes;
  close(): Promise<void>;
}

export async function openStores(config: Config, dataDir: string, logger: Logger, clock: Clock): Promise<OpenedStores> {
  const db = await openDuckDb(duckDbPath(dataDir));
  const registry = new DuckRegistry(db, { log: logger.child({ component: 'registry' }) });
  const secrets = { envPepperHex: config.tokenPepper, file: secretsFilePath(config.secretsFile, dataDir) };
  const fleet = new DuckFleetRegistry(db, { log: logger.child({ component: 'fleet' }), nowMs: () => clock.now(), pepper: (legacy) => resolvePepper(secrets, legacy) });
  const nudges = new DuckNudgeLedger(db, logger.child({ component: 'nudge-ledger' }));
  // Wall time: sessions age in real hours even when the fleet runs on a virtual clock.
  const accounts = new DuckAccountStore(db, { log: logger.child({ component: 'accounts' }) });
  const disputes = new DuckCustodyDisputes(db);
  let store: TelemetryStore | null = null;
  try {
    await registry.open();
    await fleet.open();
    await nudges.open();
    await accounts.open(); // after the fleet: it takes over the fleet's old kiosk tokens
    await disputes.open(); // after the fleet: its ids come from the fleet anomalies' sequence
    store = await openTelemetry(config, dataDir, db, logger, clock);
    await store.open();
  } catch (err) {
    await store?.close().catch(() => {});
    await nudges.close().catch(() => {});
    await disputes.close().catch(() => {});
    await accounts.close().catch(() => {});
    await fleet.close().catch(() => {});
    await registry.close().catch(() => {});
    await db.close();
    throw err;
  }
  const opened = store;
  return {
    registry,
    fleet,
    nudges,
    accounts,
    store: opened,
    disputes,
    async close() {
      await opened.close();
      await nudges.close();
      await disputes.close();
      await accounts.close();
      await fleet.close();
      await registry.close();
      await db.close();
    },
  };
}

async function openTelemetry(config: Config, dataDir: string, db: Awaited<ReturnType<typeof openDuckDb>>, logger: Logger, clock: Clock): Promise<TelemetryStore> {
  if (config.store === 'duckdb') return new DuckTelemetryStore(db, { log: logger.child({ component: 'telemetry' }), nowMs: () => clock.now() });
  // InfluxDB behind the durable spool: a PUBACK waits for the local fsync, never for the network.
  const remote = createInfluxTelemetryStore({
    url: config.influxUrl,
    token: config.influxToken ?? '',
    org: config.influxOrg,
    bucket: config.influxBucket,
    ...(config.influxDatabase ? { database: config.influxDatabase } : {}),
    logger: logger.child({ component: 'influx' }),
    batchLines: config.influxBatchLines,
    flushIntervalMs: config.influxFlushMs,
    writeConcurrency: config.influxWriteConcurrency,
    timeoutMs: config.influxTimeoutMs,
    latestWindowDays: config.influxLatestWindowDays,
    clock,
  });
  return createSpooledStore(remote, { dir: join(dataDir, 'spool'), maxBytes: config.spoolMaxBytes, logger: logger.child({ component: 'spool' }), clock });
}
