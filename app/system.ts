// The composition root: opens the stores, rebuilds live state, starts the ingest pipeline, the
// broker and the HTTP API, and wires them together. broker/ and ingest/ meet only here.
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { resolve, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApi, type HealthReport } from '../api/app.ts';
import { createDeviceBroker, type DeviceBroker } from '../broker/index.ts';
import { connectionBudget, readOpenFilesLimit, type ConnectionBudget } from '../broker/descriptor-limit.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import { IngestPipeline } from '../ingest/pipeline.ts';
import { LiveState } from '../ingest/live-state.ts';
import { CommittedFeed } from '../ingest/committed-feed.ts';
import { OverloadGuard } from '../ingest/overload-guard.ts';
import { DEFAULT_OVERLOAD_POLICY } from '../domain/overload.ts';
import type { QuarantineRecord, Registry } from '../store/registry.ts';
import { QuarantineBudget } from '../ingest/quarantine-budget.ts';
import type { TelemetryBatch, TelemetryStore } from '../store/telemetry-store.ts';
import type { DurableLog } from '../store/log/durable-log.ts';
import type { LogConsumer } from '../store/log/log-consumer.ts';
import { CUSTODY_CONSUMER, kioskEventConsumer } from '../ingest/kiosk-event-consumer.ts';
import { ensureAdminToken } from './admin-token.ts';
import { createAccess } from './tokens.ts';
import { createMetrics, timedWrites, type SystemMetrics } from './metrics.ts';
import type { AccessService } from '../services/access-service.ts';
import type { AccountAdmin } from '../services/account-admin.ts';
import { DEFAULT_ELIGIBILITY_POLICY } from '../domain/eligibility.ts';
import { SwapService } from '../services/swap-service.ts';
import { CustodyTracker } from '../services/custody-tracker.ts';
import { RecentReturns } from '../services/recent-returns.ts';
import { PlacementGuard } from '../services/placement-guard.ts';
import { GuessThrottle } from '../services/guess-throttle.ts';
import { RestockService } from '../services/restock-service.ts';
import { DEFAULT_RESTOCK_POLICY } from '../domain/restock/restock-model.ts';
import { DEFAULT_HEALTH_POLICY } from '../domain/restock/pack-health.ts';
import type { FleetRegistry } from '../store/fleet-registry.ts';
import { CfError } from '../domain/errors.ts';
import type { Config } from './config.ts';
import { DeviceAuth } from './device-auth.ts';
import { createRootLogger } from './logger.ts';
import { listenError } from './listen-errors.ts';
import { removeServerFile, writeServerFile } from './server-file.ts';
import { VERSION } from './version.ts';
import { openStores } from './stores.ts';
import { NudgeService } from '../services/nudge-service.ts';
import { configuredSenders } from '../services/nudge-senders.ts';
import { nudgeReadingRule, nudgeReleaseRule } from '../ingest/nudge-rule.ts';
import { secretFromFile } from './secret-file.ts';

export { VERSION };

export interface SystemOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
}

export interface RunningSystem {
  readonly config: Config;
  readonly mqttUrl: string;
  readonly mqttsUrl: string | null;
  readonly httpUrl: string;
  readonly dataDir: string;
  /** Set only on the first start without CF_ADMIN_TOKEN: shown once, never stored in clear. */
  readonly generatedAdminToken: string | null;
  /** The MQTT connection cap and the descriptor limit it was derived from. */
  readonly connectionBudget: ConnectionBudget;
  readonly broker: DeviceBroker;
  readonly pipeline: IngestPipeline;
  /** Durable, acknowledged batches for stream rules. */
  readonly feed: CommittedFeed;
  readonly live: LiveState;
  readonly registry: Registry;
  readonly fleet: FleetRegistry;
  readonly swaps: SwapService;
  readonly custody: CustodyTracker;
  readonly nudges: NudgeService;
  readonly placement: PlacementGuard;
  readonly restock: RestockService;
  readonly store: TelemetryStore;
  /** The durable log every PUBACK waits for; the store and custody consume it. */
  readonly log: DurableLog<TelemetryBatch>;
  /** Applies kiosk statuses and events to custody from the log, behind the PUBACK. */
  readonly custodyConsumer: LogConsumer<TelemetryBatch>;
  /** Refuses a share of pack telemetry while ingest is past its capacity. */
  readonly overload: OverloadGuard;
  readonly api: FastifyInstance;
  readonly devices: DeviceAuth;
  /** Credentials (sessions, API tokens) and accounts. */
  readonly access: AccessService;
  readonly accounts: AccountAdmin;
  readonly metrics: SystemMetrics;
  readonly clock: Clock;
  readonly logger: Logger;
  health(): HealthReport;
  stop(): Promise<void>;
}

export async function startSystem(opts: SystemOptions): Promise<RunningSystem> {
  const { config } = opts;
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createRootLogger(config.logLevel);
  const startedAtMs = Date.now();
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  restrictDataDir(dataDir, logger);

  const { registry, fleet, nudges: nudgeLedger, accounts: accountStore, store, log, disputes, restock: restockLedger, close: closeStores } = await openStores(config, dataDir, logger, clock);
  restrictDataDir(dataDir, logger); // the files the stores just created
  const cleanup: (() => Promise<void>)[] = [closeStores];
  try {
    const live = new LiveState(config.offlineAfterS * 1000);
    // The store's latest-per-device rows plus the log's unstored tail: no scan of history.
    const rebuilt = await live.rebuild(store);
    logger.info({ component: 'system', ...rebuilt }, 'live state rebuilt from the latest readings and the log');

    const generatedAdminToken = await ensureAdminToken(registry, config.adminToken);
    // Credentials live in wall time: the demo's fleet clock runs 300x.
    const { access, accounts } = await createAccess({ registry, fleet, accounts: accountStore, adminToken: config.adminToken, clock: systemClock, logger });
    access.start();
    cleanup.unshift(async () => access.stop());
    // Read at scrape time; the modules named here are created below.
    const metrics = createMetrics({
      broker: () => broker.metrics(),
      ingest: () => pipeline.stats(),
      store: () => store.health(),
      swaps: () => swaps.counters,
      live: () => live.counts(),
      nowMs: () => clock.now(),
    });

    let brokerRef: DeviceBroker | null = null;
    const publishDownlink = (topic: string, payload: Uint8Array, qos: 0 | 1) => (brokerRef ? brokerRef.publish(topic, payload, qos) : Promise.reject(new CfError('CF_ERR_STORE_UNAVAILABLE', 'broker not started')));
    const returns = new RecentReturns();
    const swaps = new SwapService({
      returns,
      registry: fleet,
      live,
      clock,
      policy: { ...DEFAULT_ELIGIBILITY_POLICY, chargedThresholdPct: config.chargedThresholdPct, sohFloorPct: config.sohFloorPct, hotReturnTempC: config.hotReturnTempC, defaultFairUseLimitPer24h: config.fairUsePer24h, maxPacksHeld: config.maxPacksHeld, maxPacksHeldByPlan: config.planMaxPacksHeld ?? {} },
      releaseTtlMs: config.releaseTtlS * 1000,
      holdsMaxPerKiosk: config.holdsMaxPerKiosk,
      publish: publishDownlink,
      logger,
      isBlocked: (packId) => disputes.isDisputed(packId),
      guesses: new GuessThrottle({ perMinute: config.unknownCardsPerMin, burst: config.unknownCardsBurst }),
      observeDecision: (outcome, seconds) => metrics.observeDecision(outcome, seconds),
    });
    // Kiosk statuses and events reach custody from the log, after their PUBACK, retried until
    // applied. So the expiry sweep never overtakes them, its clock stops just before the oldest
    // reading not yet applied: a release received before its command's expiry is never judged late.
    let pipelineRef: IngestPipeline | null = null;
    const sweepClock: Clock = {
      now: () => {
        let t = clock.now();
        const unapplied = log.lag(CUSTODY_CONSUMER).oldestAtMs;
        const unlogged = pipelineRef?.oldestPendingReceivedAtMs() ?? null;
        if (unapplied !== null) t = Math.min(t, unapplied - 1);
        if (unlogged !== null) t = Math.min(t, unlogged - 1);
        return t;
      },
    };
    const placement = new PlacementGuard({ fleet, disputes, logger, runForKiosk: (k, fn) => swaps.runForKiosk(k, fn) });
    const custody = new CustodyTracker({ registry: fleet, clock: sweepClock, logger, returns, runForKiosk: (k, fn) => swaps.runForKiosk(k, fn), vetStatusMoves: placement.vetStatusMoves, vetInsert: placement.vetInsert });
    custody.start(1000);
    cleanup.unshift(async () => custody.stop());
    // Rules that need custody applied (a release's command done, its swap known) subscribe here:
    // the custody consumer publishes each batch of kiosk statuses and events once it is applied.
    // A batch retried after a failure is published again; its rules must be idempotent.
    const custodyFeed = new CommittedFeed(logger);
    const custodyConsumer = kioskEventConsumer({
      log,
      onCommitted: async (b) => {
        await custody.onCommitted(b);
        custodyFeed.publish({ packs: [], kiosks: b.kiosks, events: b.events });
      },
      logger,
      clock,
    });
    custodyConsumer.start();
    cleanup.unshift(() => custodyConsumer.stop());

    // One device must not fill the disk through the quarantine: budget, dedupe, bound, redact, expire.
    const quarantineBudget = new QuarantineBudget({ entriesPerHour: config.quarantineEntriesPerH, bytesPerHour: config.quarantineBytesPerH, maxPayloadBytes: config.quarantineMaxPayloadBytes, headBytes: 64 }, () => clock.now());
    const quarantine = (records: QuarantineRecord[]) => {
      const kept = quarantineBudget.admit(records);
      return kept.length > 0 ? registry.addQuarantine(kept) : Promise.resolve();
    };
    const expireQuarantine = () => registry.expireQuarantine(clock.now() - config.quarantineRetentionD * 86_400_000).catch((err: unknown) => logger.warn({ err, component: 'system' }, 'quarantine expiry failed'));
    await expireQuarantine();
    const quarantineTimer = setInterval(() => void expireQuarantine(), 3_600_000).unref();
    cleanup.unshift(async () => {
      clearInterval(quarantineTimer);
      const summaries = quarantineBudget.flushSummaries(); // already budgeted: straight to the registry
      if (summaries.length > 0) await registry.addQuarantine(summaries);
    });

    const nudges = new NudgeService({
      fleet,
      swaps,
      ledger: nudgeLedger,
      senders: configuredSenders({ publish: publishDownlink, clock, webhook: config.nudgeWebhookUrl ? { url: config.nudgeWebhookUrl, secret: config.nudgeWebhookSecret!, timeoutMs: config.nudgeWebhookTimeoutMs } : null }),
      clock,
      logger,
      config: { policy: config.nudgePolicy, maxPer24h: config.nudgeMaxPer24h, holdoutPct: config.nudgeHoldoutPct, holdMin: config.nudgeHoldMin, conversionH: config.nudgeConversionH, episodeResetPct: config.nudgeEpisodeResetPct, maxDistanceM: config.nudgeMaxDistanceM, webhookMaxAttempts: config.nudgeWebhookMaxAttempts },
      links: { baseUrl: config.publicUrl ?? `http://${config.httpHost.includes(':') ? `[${config.httpHost}]` : config.httpHost}:${config.httpPort}`, key: secretFromFile(dataDir, 'nudge-link', config.nudgeLinkSecret) },
    });
    await nudges.start();
    cleanup.unshift(() => nudges.stop());

    // Stream rules (restock alerts, nudges) subscribe here; they run after the PUBACK.
    const feed = new CommittedFeed(logger);
    const restock = new RestockService({
      fleet,
      live,
      store,
      ledger: restockLedger,
      clock,
      logger,
      policy: {
        ...DEFAULT_RESTOCK_POLICY,
        horizonH: config.restockHorizonH,
        chargedThresholdPct: config.chargedThresholdPct,
        courier: { ...DEFAULT_RESTOCK_POLICY.courier, count: config.couriers, capacityPacks: config.courierCapacity, speedKmh: config.courierSpeedKmh, stopMin: config.courierStopMin },
      },
      healthPolicy: { ...DEFAULT_HEALTH_POLICY, sohFloorPct: config.sohFloorPct, scoreMin: config.healthScoreMin },
      forecastWeeks: config.forecastWeeks,
      alertH: config.restockAlertH,
      checkMs: config.restockCheckS * 1000,
      hotIdleTempC: config.hotIdleTempC,
      commandTtlMs: config.releaseTtlS * 1000,
      warehouseAt: config.warehouseLat !== undefined && config.warehouseLon !== undefined ? { lat: config.warehouseLat, lon: config.warehouseLon } : null,
      isDisputed: (id) => disputes.isDisputed(id),
      publish: (topic, payload, qos) => (brokerRef ? brokerRef.publish(topic, payload, qos) : Promise.reject(new CfError('CF_ERR_STORE_UNAVAILABLE', 'broker not started'))),
    });
    await restock.load();
    feed.subscribe('restock', restock.onCommitted);
    restock.start();
    cleanup.unshift(() => restock.stop());
    const overload = new OverloadGuard({
      policy: { ...DEFAULT_OVERLOAD_POLICY, maxLoopLagMs: config.ingestMaxLoopLagMs },
      backlogFill: () => {
        const h = store.health();
        const logFill = h.log ? h.log.bytes / h.log.maxBytes : 0;
        return Math.max(logFill, (h.spool?.depth ?? 0) / config.logMaxUnstored);
      },
      logger,
    });
    overload.start();
    cleanup.unshift(async () => overload.stop());
    feed.subscribe('nudges', nudgeReadingRule(nudges));
    custodyFeed.subscribe('nudges', nudgeReleaseRule(nudges));
    const pipeline = new IngestPipeline({
      feed,
      store: timedWrites(store, (seconds) => metrics.observeCommit(seconds)),
      quarantine,
      live,
      clock,
      limits: { maxClockSkewMs: config.maxClockSkewS * 1000, maxBackfillMs: config.maxBackfillH * 3_600_000 },
      batchMax: config.ingestBatchMax,
      batchDelayMs: config.ingestBatchMs,
      maxPending: config.ingestMaxPending,
      logger,
      onSwapRequest: swaps.handleMqtt,
      overload,
    });
    pipelineRef = pipeline;
    cleanup.unshift(() => pipeline.close());

    // Every socket is a descriptor: the MQTT cap leaves room under RLIMIT_NOFILE for HTTP, the database and the log.
    const budget = connectionBudget(config.maxConnections, readOpenFilesLimit());
    logger.info({ component: 'system', ...budget }, budget.descriptorLimit === null ? 'open-file limit unknown: CF_MAX_CONNECTIONS applies as configured' : 'MQTT connection cap derived from the open-file limit');
    const devices = new DeviceAuth(registry, clock, logger, (id, code) => brokerRef?.disconnect(id, code));
    const broker = createDeviceBroker({
      host: config.mqttHost,
      port: config.mqttPort,
      ...(config.tlsCert && config.tlsKey ? { tls: { port: config.mqttsPort, certPath: config.tlsCert, keyPath: config.tlsKey, ...(config.tlsCa ? { caPath: config.tlsCa } : {}) } } : {}),
      limits: {
        maxPacketBytes: config.maxPacketBytes,
        publishRatePerSec: config.publishRatePerSec,
        publishBurst: config.publishBurst,
        ledgerRatePerSec: config.kioskLedgerRatePerSec,
        ledgerBurst: config.kioskLedgerBurst,
        maxConnections: budget.maxConnections,
        maxTopicLevels: config.maxTopicLevels,
        maxInflightInbound: config.maxInflightInbound,
        drainTimeoutMs: config.drainTimeoutMs,
        keepaliveLimitS: config.keepaliveLimitS,
        connectTimeoutMs: config.connectTimeoutMs,
      },
      logger,
      authenticate: devices.authenticate,
      onUplink: pipeline.handle,
    });
    brokerRef = broker;
    broker.on('deviceConnected', (id, kind) => live.setConnected(id, kind, true, clock.now()));
    broker.on('deviceDisconnected', (id, kind) => live.setConnected(id, kind, false, clock.now()));
    const listening = await broker.start().catch((err: unknown) => {
      const tls = config.tlsCert !== undefined && config.mqttsPort !== config.mqttPort && (err as { port?: number }).port === config.mqttsPort;
      throw listenError(err, { what: tls ? 'MQTT over TLS' : 'MQTT', host: config.mqttHost, port: tls ? config.mqttsPort : config.mqttPort, hostVar: 'CF_MQTT_HOST', portVar: tls ? 'CF_MQTTS_PORT' : 'CF_MQTT_PORT' });
    });
    // Stop the broker first on shutdown: no new messages, then the pipeline flushes what it took.
    cleanup.unshift(() => broker.stop());

    const health = (): HealthReport => {
      const sh = store.health();
      const ingest = pipeline.stats();
      // A write error degrades health for a minute after it happened; the error itself stays visible.
      const recentError = sh.lastErrorAtMs !== null && clock.now() - sh.lastErrorAtMs < 60_000;
      const storeBatch = config.store === 'influx' ? config.influxBatchLines : config.storeBatchMax;
      const custodyFailing = custodyConsumer.consecutiveFailures > 0;
      const degraded = overload.share > 0 || ingest.pending > config.ingestMaxPending / 2 || sh.spool?.backpressure === true || recentError || (sh.spool?.depth ?? 0) > storeBatch * 10 || custodyFailing || (sh.log?.corrupt.length ?? 0) > 0;
      return {
        status: !sh.ok ? 'down' : degraded ? 'degraded' : 'ok',
        version: VERSION,
        uptimeS: Math.round((Date.now() - startedAtMs) / 1000),
        now: new Date(clock.now()).toISOString(),
        store: { ...sh, lastErrorAt: sh.lastErrorAtMs === null ? null : new Date(sh.lastErrorAtMs).toISOString() },
        ingest: { ...ingest, quarantineBudget: { ...quarantineBudget.counters }, overload: { refusedShare: overload.share, refused: overload.refused, loopLagMs: Math.round(overload.lastLagMs) } },
        broker: { ...broker.metrics(), descriptorLimit: budget.descriptorLimit, descriptorReserve: budget.reserve, httpMaxConnections: budget.httpMaxConnections },
        live: {
          ...live.counts(),
          swaps: { ...swaps.counters, ...(swaps.guessCounters() ?? {}) },
          custody: { ...custody.counters, consumer: { failures: custodyConsumer.failures, consecutiveFailures: custodyConsumer.consecutiveFailures, lastError: custodyConsumer.lastError, handledReadings: custodyConsumer.handledReadings } },
          placement: { ...placement.counters },
          restock: { ...restock.counters, openJobs: restock.jobs.openCount(), jobs: { ...restock.jobs.counters }, alerts: { ...restock.alerts.counters, streams: restock.alerts.streams } },
          nudges: { ...nudges.counters, engine: { ...nudges.engine.counters }, outbox: { ...nudges.outbox.counters } },
        },
      };
    };

    const api = await buildApi({
      logger,
      clock,
      registry,
      store,
      live,
      credentials: access,
      accounts,
      devices: {
        provision: (kind, id, o) => devices.provision(kind, id, o),
        rotate: (id) => devices.rotate(id),
        // A kiosk's API tokens die with its device, before the answer (issue 9 finding 11).
        revoke: async (id) => {
          const res = await devices.revoke(id);
          if (res) await access.revokeKioskTokens(id, 'kiosk device revoked');
          return res;
        },
      },
      health,
      metrics,
      chargedThresholdPct: config.chargedThresholdPct,
      importMaxBytes: config.importMaxBytes,
      secureCookies: config.cookieSecure,
      feed,
      liveUpdates: { maxStreams: config.liveMaxStreams },
      fleet,
      swaps,
      restock,
      nudges,
      defaultFairUsePer24h: config.fairUsePer24h,
      version: VERSION,
      disputes: { isDisputed: (id) => disputes.isDisputed(id), list: (q) => disputes.list(q), resolve: (id, r, note, atMs) => placement.resolve(id, r, note, atMs) },
    });
    if (budget.httpMaxConnections !== null) api.server.maxConnections = budget.httpMaxConnections;
    const httpAddress = await api.listen({ host: config.httpHost, port: config.httpPort }).catch((err: unknown) => {
      throw listenError(err, { what: 'HTTP', host: config.httpHost, port: config.httpPort, hostVar: 'CF_HTTP_HOST', portVar: 'CF_HTTP_PORT' });
    });
    // Port 0 picks a port: opt-out links must name the real one.
    if (!config.publicUrl) nudges.setLinkBaseUrl(httpAddress);
    cleanup.unshift(() => api.close());
    // The CLI finds this server through it; removed first on stop.
    writeServerFile(dataDir, { pid: process.pid, version: VERSION, startedAt: new Date(startedAtMs).toISOString(), dataDir, httpUrl: httpAddress, mqttUrl: listening.mqttUrl, mqttsUrl: listening.mqttsUrl ?? null });
    cleanup.unshift(async () => removeServerFile(dataDir));

    let stopping: Promise<void> | null = null;
    return {
      config,
      mqttUrl: listening.mqttUrl,
      mqttsUrl: listening.mqttsUrl ?? null,
      httpUrl: httpAddress,
      dataDir,
      generatedAdminToken,
      connectionBudget: budget,
      broker,
      pipeline,
      feed,
      live,
      registry,
      fleet,
      swaps,
      custody,
      nudges,
      placement,
      restock,
      store,
      log,
      custodyConsumer,
      overload,
      api,
      devices,
      access,
      accounts,
      metrics,
      clock,
      logger,
      health,
      stop: () => (stopping ??= runCleanup(cleanup, logger)),
    };
  } catch (err) {
    await runCleanup(cleanup, logger);
    throw err;
  }
}

async function runCleanup(steps: (() => Promise<void>)[], logger: Logger): Promise<void> {
  for (const step of steps) {
    try {
      await step();
    } catch (err) {
      logger.error({ err, component: 'system' }, 'error while stopping');
    }
  }
}

/**
 * The data dir is 0700 and its files 0600: the database holds hashed credentials and card-token
 * hashes. Existing dirs are tightened at start; new files follow the umask `serve` sets (077).
 */
function restrictDataDir(dataDir: string, logger: Logger): void {
  try {
    chmodSync(dataDir, 0o700);
    for (const name of readdirSync(dataDir)) {
      const p = join(dataDir, name);
      const st = statSync(p);
      if (st.isFile() && (st.mode & 0o077) !== 0) chmodSync(p, 0o600);
      else if (st.isDirectory() && (st.mode & 0o077) !== 0) chmodSync(p, 0o700);
    }
  } catch (err) {
    logger.warn({ err, component: 'system', dataDir }, 'could not restrict the data directory to its owner');
  }
}

export function duckDbPath(dataDir: string): string {
  return join(dataDir, 'chargefleet.duckdb');
}
