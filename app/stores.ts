// Opens the durable log, the TelemetryStore the configuration asks for behind it, and the registry.
// The log is the one durability point: DuckDB (its own file, on a thread of its own) or InfluxDB is
// written from it. The registry stays in chargefleet.duckdb on the main thread.
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createInfluxTelemetryStore } from '../store/influx/influx-store.ts';
import type { Clock } from '../domain/clock.ts';
import { CUSTODY_CONSUMER } from '../ingest/kiosk-event-consumer.ts';
import { DuckRegistry, duckDbPath, openDuckDb } from '../store/duckdb/index.ts';
import { DuckTelemetryThread } from '../store/duckdb/telemetry-thread.ts';
import type { Registry } from '../store/registry.ts';
import type { FleetRegistry } from '../store/fleet-registry.ts';
import { DuckFleetRegistry } from '../store/duckdb/fleet-registry.ts';
import type { DurableLog } from '../store/log/durable-log.ts';
import { FileDurableLog } from '../store/log/file-log.ts';
import { LoggedTelemetryStore, STORE_CONSUMER } from '../store/log/logged-store.ts';
import { telemetryCodec } from '../store/log/telemetry-codec.ts';
import type { TelemetryBatch, TelemetryStore } from '../store/telemetry-store.ts';
import { DuckNudgeLedger } from '../store/duckdb/nudge-ledger.ts';
import type { NudgeLedger } from '../store/nudge-ledger.ts';
import { DuckAccountStore } from '../store/duckdb/accounts.ts';
import type { AccountStore } from '../store/accounts.ts';
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
  store: LoggedTelemetryStore;
  log: DurableLog<TelemetryBatch>;
  disputes: CustodyDisputes;
  close(): Promise<void>;
}

/** The telemetry DuckDB file: written only by its worker thread. */
export function telemetryDbPath(dataDir: string): string {
  return join(dataDir, 'telemetry.duckdb');
}

export async function openStores(config: Config, dataDir: string, logger: Logger, clock: Clock): Promise<OpenedStores> {
  const logDir = config.logDir ?? join(dataDir, 'log');
  // Data dirs of the InfluxDB-only spool: the log grew out of it and reads its segments as they are.
  const oldSpool = join(dataDir, 'spool');
  if (!config.logDir && !existsSync(logDir) && existsSync(oldSpool)) renameSync(oldSpool, logDir);
  const log = new FileDurableLog<TelemetryBatch>({
    dir: logDir,
    codec: telemetryCodec,
    consumers: [STORE_CONSUMER, CUSTODY_CONSUMER],
    maxBytes: config.spoolMaxBytes ?? config.logMaxBytes,
    segmentBytes: config.logSegmentBytes,
    logger: logger.child({ component: 'log' }),
    nowMs: () => clock.now(),
  });
  const influx = config.store === 'influx';
  const backing = influx ? influxStore(config, logger, clock) : new DuckTelemetryThread({ path: telemetryDbPath(dataDir), legacyPath: duckDbPath(dataDir), logger: logger.child({ component: 'telemetry' }) });
  // The telemetry thread boots (its own module loading, then the DuckDB file) while the log is read.
  const backingOpening = influx ? null : backing.open();
  backingOpening?.catch(() => undefined); // awaited (and reported) by store.open() below
  let opened: Awaited<ReturnType<typeof log.open>>;
  try {
    opened = await log.open();
  } catch (err) {
    await backing.close().catch(() => {});
    throw err;
  }
  if (opened.readings > 0 || opened.truncatedBytes > 0 || opened.corrupt.length > 0) {
    logger.info({ component: 'log', entries: opened.entries, readings: opened.readings, truncatedBytes: opened.truncatedBytes, corrupt: opened.corrupt.length }, 'log opened');
  }
  const store = new LoggedTelemetryStore(backing, {
    log,
    opened,
    maxUnstoredReadings: config.logMaxUnstored,
    batchReadings: influx ? config.influxBatchLines : config.storeBatchMax,
    flushIntervalMs: influx ? config.influxFlushMs : config.storeFlushMs,
    rejectedDir: join(logDir, 'rejected'),
    remote: influx,
    logger: logger.child({ component: 'store-writer' }),
    clock,
  });
  let db: Awaited<ReturnType<typeof openDuckDb>> | null = null;
  let registry: DuckRegistry | null = null;
  let fleet: DuckFleetRegistry | null = null;
  let accounts: DuckAccountStore | null = null;
  let disputes: DuckCustodyDisputes | null = null;
  let nudges: DuckNudgeLedger | null = null;
  try {
    // First: the telemetry thread may move old readings out of chargefleet.duckdb, which it can
    // only attach while this thread does not hold the file yet.
    await store.open();
    db = await openDuckDb(duckDbPath(dataDir));
    registry = new DuckRegistry(db, { log: logger.child({ component: 'registry' }) });
    const secrets = { envPepperHex: config.tokenPepper, file: secretsFilePath(config.secretsFile, dataDir) };
    fleet = new DuckFleetRegistry(db, { log: logger.child({ component: 'fleet' }), nowMs: () => clock.now(), pepper: (legacy) => resolvePepper(secrets, legacy) });
    // Wall time: sessions age in real hours even when the fleet runs on a virtual clock.
    accounts = new DuckAccountStore(db, { log: logger.child({ component: 'accounts' }) });
    disputes = new DuckCustodyDisputes(db);
    nudges = new DuckNudgeLedger(db, logger.child({ component: 'nudge-ledger' }));
    await registry.open();
    await fleet.open();
    await nudges.open();
    await accounts.open(); // after the fleet: it takes over the fleet's old kiosk tokens
    await disputes.open(); // after the fleet: its ids come from the fleet anomalies' sequence
  } catch (err) {
    await store.close().catch(() => {});
    await nudges?.close().catch(() => {});
    await disputes?.close().catch(() => {});
    await accounts?.close().catch(() => {});
    await fleet?.close().catch(() => {});
    await registry?.close().catch(() => {});
    await db?.close().catch(() => {});
    await log.close().catch(() => {});
    throw err;
  }
  const [r, f, a, ds, d, n] = [registry, fleet, accounts, disputes, db, nudges];
  return {
    registry: r,
    fleet: f,
    accounts: a,
    nudges: n,
    store,
    log,
    disputes: ds,
    async close() {
      await store.close();
      await log.close();
      await n.close();
      await ds.close();
      await a.close();
      await f.close();
      await r.close();
      await d.close();
    },
  };
}

function influxStore(config: Config, logger: Logger, clock: Clock): TelemetryStore {
  return createInfluxTelemetryStore({
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
}
