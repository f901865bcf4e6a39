// Builds the HTTP API. It never listens: app/ starts it, tests call inject().
// Order matters: the access declaration check and the OpenAPI collector see every route, so they
// are installed before any route; credentials are checked in onRequest, before a body is read.
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import type { LiveState } from '../ingest/live-state.ts';
import type { Registry } from '../store/registry.ts';
import type { TelemetryStore } from '../store/telemetry-store.ts';
import type { FleetRegistry } from '../store/fleet-registry.ts';
import type { SwapService } from '../services/swap-service.ts';
import type { CustodyDispute, DisputeResolution } from '../store/custody-disputes.ts';
import type { RestockService } from '../services/restock-service.ts';
import type { AccessService } from '../services/access-service.ts';
import type { AccountAdmin } from '../services/account-admin.ts';
import type { CommittedFeed } from '../ingest/committed-feed.ts';
import type { LiveUpdateLimits } from './live-hub.ts';
import { access, installAccessCheck, requireDeclaredAccess } from './auth/access.ts';
import { resourceOwners } from './auth/owners.ts';
import { installErrorHandling } from './errors.ts';
import { openApiOptions } from './openapi.ts';
import { authRoutes } from './routes/auth.ts';
import { accountRoutes } from './routes/accounts.ts';
import { deviceRoutes, type DeviceAdmin } from './routes/devices.ts';
import { fleetAdminRoutes } from './routes/fleet-admin.ts';
import { liveRoutes } from './routes/live.ts';
import { webAppRoutes } from './web-app.ts';
import { opsRoutes } from './routes/ops.ts';
import { restockRoutes } from './routes/restock.ts';
import { nudgeRoutes, type NudgeApi } from './routes/nudges.ts';
import { stockRoutes } from './routes/stock.ts';
import { swapRoutes } from './routes/swaps.ts';
import { telemetryRoutes } from './routes/telemetry.ts';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  version: string;
  uptimeS: number;
  now: string;
  store: Record<string, unknown>;
  ingest: Record<string, unknown>;
  broker: Record<string, unknown>;
  live: Record<string, unknown>;
}

/** Prometheus exposition, built in app/metrics.ts from the stats the composition root reads. */
export interface ApiMetrics {
  render(): Promise<{ contentType: string; body: string }>;
  /** One finished HTTP request; `route` is the route's pattern (never the raw URL: bounded labels). */
  observeHttp(method: string, route: string, status: number, seconds: number): void;
}

export interface ApiOptions {
  logger: Logger;
  clock: Clock;
  registry: Registry;
  store: TelemetryStore;
  /** Read only: the API never changes live state. */
  live: Pick<LiveState, 'pack' | 'kiosk' | 'online' | 'counts'>;
  /** Resolves bearer tokens and session cookies; logs in; issues tokens. */
  credentials: AccessService;
  accounts: AccountAdmin;
  devices: DeviceAdmin;
  health(): HealthReport;
  /** The fleet registry (stores, kiosks, packs, customers, ledgers). */
  fleet: FleetRegistry;
  /** Swap decisions, and holds chosen inside the kiosk's decision order. */
  swaps: Pick<SwapService, 'decide' | 'placeHold'>;
  /** Restock plans, courier jobs, alerts, withdrawals, recall progress. */
  restock?: RestockService;
  /** Fair-use limit for customers without their own. */
  defaultFairUsePer24h?: number;
  /** A pack in a slot at or above this SoC counts as charged stock. */
  chargedThresholdPct?: number;
  /** Nudges: the ledger, stats, profiles, consent and the opt-out link. */
  nudges?: NudgeApi;
  metrics?: ApiMetrics;
  version?: string;
  /** Custody disputes: listed with the anomalies, resolved by an operator. */
  disputes?: {
    /** The pack has an open dispute: it is handed out nowhere (store pages do not count it as ready). */
    isDisputed(packId: string): boolean;
    list(q: { limit: number; kioskId?: string }): Promise<CustodyDispute[]>;
    resolve(id: number, resolution: DisputeResolution, note: string | null, atMs: number): Promise<CustodyDispute>;
  };
  /** Largest request body, bytes, for routes that set none of their own. */
  bodyLimit?: number;
  /** Largest registry import, bytes. */
  importMaxBytes?: number;
  /** Mark session cookies Secure even on plain HTTP (a TLS proxy in front). */
  secureCookies?: boolean;
  /** Committed batches: the dashboard's live updates (GET /v1/live) follow kiosk statuses from here. */
  feed?: Pick<CommittedFeed, 'subscribe'>;
  /** Caps and timings of the live-update streams. */
  liveUpdates?: Partial<LiveUpdateLimits>;
}

export interface ApiDeps extends ApiOptions {
  defaultFairUsePer24h: number;
  chargedThresholdPct: number;
  importMaxBytes: number;
  secureCookies: boolean;
  liveUpdates: LiveUpdateLimits;
}

const healthSchema = {
  $id: 'Health',
  type: 'object',
  description: 'Anyone gets status, version, uptime and time; callers holding health.read also get the details.',
  required: ['status', 'version', 'uptimeS', 'now'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded', 'down'] },
    version: { type: 'string' },
    uptimeS: { type: 'number' },
    now: { type: 'string' },
    store: { type: 'object', additionalProperties: true },
    ingest: { type: 'object', additionalProperties: true },
    broker: { type: 'object', additionalProperties: true },
    live: { type: 'object', additionalProperties: true },
  },
} as const;

/** fastify logs two info lines per request; one debug line is enough, and keeps `info` readable. */
class RequestLogAtDebug extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ err: error, method: req.method, url: req.url, statusCode: reply.statusCode }, 'request errored');
    else reply.log.debug({ method: req.method, url: req.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
  }
}

export async function buildApi(opts: ApiOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger.child({ component: 'api' }),
    bodyLimit: opts.bodyLimit ?? 64 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
    logController: new RequestLogAtDebug(),
  }) as unknown as FastifyInstance;
  const deps: ApiDeps = {
    ...opts,
    defaultFairUsePer24h: opts.defaultFairUsePer24h ?? 6,
    chargedThresholdPct: opts.chargedThresholdPct ?? 90,
    importMaxBytes: opts.importMaxBytes ?? 32 * 1024 * 1024,
    secureCookies: opts.secureCookies ?? false,
    liveUpdates: { maxStreams: 10_000, ...opts.liveUpdates },
  };
  requireDeclaredAccess(app);
  installErrorHandling(app);
  app.addSchema(healthSchema);
  await app.register(fastifyCookie, { hook: 'onRequest' });
  installAccessCheck(app, opts.credentials, resourceOwners(opts.fleet, opts.credentials));
  if (opts.metrics) {
    const metrics = opts.metrics;
    app.addHook('onResponse', async (req, reply) => {
      metrics.observeHttp(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    });
  }
  // A request in flight when the server closes would keep its keep-alive socket open for
  // keepAliveTimeout (72 s), and close() waits for it: answer it with `Connection: close` instead.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  await app.register(fastifySwagger, openApiOptions(opts.version ?? '0.0.0'));
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { config: access('public'), schema: { hide: true } }, async () => app.swagger());

  opsRoutes(app, deps);
  authRoutes(app, deps);
  accountRoutes(app, deps);
  deviceRoutes(app, deps);
  stockRoutes(app, deps);
  telemetryRoutes(app, deps);
  swapRoutes(app, deps);
  fleetAdminRoutes(app, deps);
  restockRoutes(app, deps);
  nudgeRoutes(app, deps);
  liveRoutes(app, deps);
  await webAppRoutes(app);
  await app.ready();
  return app;
}

