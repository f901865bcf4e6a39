// Builds the HTTP API. It never listens: app/ starts it, tests call inject().
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import type { LiveState } from '../ingest/live-state.ts';
import type { Registry } from '../store/registry.ts';
import type { TelemetryStore } from '../store/telemetry-store.ts';
import { requireKioskSelf, requireRole, type TokenVerifier } from './auth.ts';
import { installErrorHandling } from './errors.ts';
import { collectOpenApi } from './openapi.ts';
import { deviceRoutes, type DeviceAdmin } from './routes/devices.ts';
import { fleetAdminRoutes } from './routes/fleet-admin.ts';
import { swapRoutes } from './routes/swaps.ts';
import type { FleetRegistry } from '../store/fleet-registry.ts';
import type { SwapService } from '../services/swap-service.ts';
import { opsRoutes } from './routes/ops.ts';
import { nudgeRoutes, type NudgeApi } from './routes/nudges.ts';
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

export interface ApiOptions {
  logger: Logger;
  clock: Clock;
  registry: Registry;
  store: TelemetryStore;
  /** Read only: the API never changes live state. */
  live: Pick<LiveState, 'pack' | 'kiosk' | 'online' | 'counts'>;
  verifyToken: TokenVerifier;
  devices: DeviceAdmin;
  health(): HealthReport;
  /** The fleet registry and the swap service (swaps, customers, holds, recalls, import). */
  fleet?: FleetRegistry;
  swaps?: Pick<SwapService, 'decide' | 'placeHold'>;
  /** Fair-use limit for customers without their own. */
  defaultFairUsePer24h?: number;
  /** Nudges: the ledger, stats, profiles, consent and the opt-out link. */
  nudges?: NudgeApi;
  version?: string;
  /** Largest request body, bytes. */
  bodyLimit?: number;
}

export interface ApiDeps extends ApiOptions {
  guards: {
    admin: ReturnType<typeof requireRole>;
    /** Anyone with a valid token may read fleet state (scoping by store arrives with store managers). */
    reader: ReturnType<typeof requireRole>;
    /** The admin, or a kiosk token acting for the kiosk in the route's :id. */
    kioskSelf: ReturnType<typeof requireRole>;
  };
  defaultFairUsePer24h: number;
}

const healthSchema = {
  $id: 'Health',
  type: 'object',
  required: ['status', 'version', 'uptimeS', 'now', 'store', 'ingest', 'broker', 'live'],
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

export async function buildApi(opts: ApiOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.logger.child({ component: 'api' }),
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  }) as unknown as FastifyInstance;
  app.decorateRequest('principal', null);
  installErrorHandling(app);
  app.addSchema(healthSchema);
  const deps: ApiDeps = {
    ...opts,
    guards: { admin: requireRole(opts.verifyToken, 'admin'), reader: requireRole(opts.verifyToken, 'admin', 'manager', 'kiosk'), kioskSelf: requireKioskSelf(opts.verifyToken) },
    defaultFairUsePer24h: opts.defaultFairUsePer24h ?? 6,
  };
  const openapi = collectOpenApi(app, { title: 'chargefleet API', version: opts.version ?? '0.0.0' });
  app.get('/openapi.json', { schema: { hide: true } as never }, async () => openapi());
  opsRoutes(app, deps);
  deviceRoutes(app, deps);
  telemetryRoutes(app, deps);
  swapRoutes(app, deps);
  fleetAdminRoutes(app, deps);
  nudgeRoutes(app, deps);
  await app.ready();
  return app;
}
