// Swaps over HTTP for kiosks that prefer REST (same decision path and ledger as MQTT), and the swap ledger.
import type { FastifyInstance } from 'fastify';
import { CfError } from '../../domain/errors.ts';
import type { SwapRecord } from '../../store/fleet-registry.ts';
import { errorResponses } from '../errors.ts';
import { deviceId, idParams, timeParam } from '../schemas.ts';
import { parseRange } from '../time-params.ts';
import { iso } from '../views.ts';
import type { ApiDeps } from '../app.ts';

export const swapSchema = {
  type: 'object',
  required: ['kioskId', 'requestId', 'customerId', 'at', 'allowed', 'reasons', 'message', 'slot', 'packId', 'commandId', 'expiresAt', 'outcome'],
  properties: {
    kioskId: { type: 'string' },
    requestId: { type: 'string' },
    customerId: { type: ['string', 'null'] },
    at: { type: 'string' },
    allowed: { type: 'boolean' },
    reasons: { type: 'array', items: { type: 'string' } },
    message: { type: 'string' },
    slot: { type: ['integer', 'null'] },
    packId: { type: ['string', 'null'] },
    commandId: { type: ['string', 'null'] },
    expiresAt: { type: ['string', 'null'] },
    lockReturnedSlot: { type: 'boolean' },
    flagReturnedPack: { type: ['string', 'null'] },
    outcome: { type: 'string' },
    outcomeAt: { type: ['string', 'null'] },
  },
} as const;

export function swapView(r: SwapRecord) {
  return {
    kioskId: r.kioskId,
    requestId: r.requestId,
    customerId: r.customerId,
    at: iso(r.atMs),
    allowed: r.verdict.allowed,
    reasons: r.verdict.reasons,
    message: r.verdict.message,
    slot: r.verdict.release?.slot ?? null,
    packId: r.verdict.release?.packId ?? null,
    commandId: r.commandId,
    expiresAt: iso(r.expiresAtMs),
    lockReturnedSlot: r.verdict.lockReturnedSlot,
    flagReturnedPack: r.verdict.flagReturnedPack,
    outcome: r.outcome,
    outcomeAt: iso(r.outcomeAtMs),
  };
}

type SwapBody = { requestId: string; customerToken: string; returnedPackId?: string; returnedSlot?: number };

export function swapRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const swaps = deps.swaps;
  const fleet = deps.fleet;
  if (!swaps || !fleet) return;

  app.post<{ Params: { id: string }; Body: SwapBody }>('/v1/kiosks/:id/swaps', {
    preHandler: deps.guards.kioskSelf,
    schema: {
      summary: 'Ask whether a customer may swap here now (kiosk token of this kiosk); the release command goes to the kiosk over MQTT',
      params: idParams,
      body: {
        type: 'object',
        required: ['requestId', 'customerToken'],
        additionalProperties: false,
        properties: {
          requestId: { type: 'string', minLength: 1, maxLength: 64 },
          customerToken: { type: 'string', minLength: 1, maxLength: 256 },
          returnedPackId: deviceId,
          returnedSlot: { type: 'integer', minimum: 0, maximum: 255 },
        },
      },
      response: { 200: swapSchema, ...errorResponses(400, 401, 403) },
    },
  }, async (req) => {
    const b = req.body;
    const rec = await swaps.decide(req.params.id, { requestId: b.requestId, customerToken: b.customerToken, returnedPackId: b.returnedPackId ?? null, returnedSlot: b.returnedSlot ?? null });
    return swapView(rec);
  });

  app.get<{ Querystring: { kioskId?: string; customerId?: string; from?: string; to?: string; limit: number } }>('/v1/swaps', {
    preHandler: deps.guards.admin,
    schema: {
      summary: 'The swap ledger: requests, decisions with reason codes, and outcomes; newest first (default: the last 7 days)',
      querystring: { type: 'object', additionalProperties: false, properties: { kioskId: deviceId, customerId: deviceId, from: timeParam, to: timeParam, limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 100 } } },
      response: { 200: { type: 'object', required: ['swaps'], properties: { swaps: { type: 'array', items: swapSchema } } }, ...errorResponses(400, 401, 403) },
    },
  }, async (req) => {
    const { fromMs, toMs } = parseRange(req.query, deps.clock.now(), 7 * 86_400_000);
    const q = req.query;
    const rows = await fleet.listSwaps({ fromMs, toMs, limit: q.limit, ...(q.kioskId ? { kioskId: q.kioskId } : {}), ...(q.customerId ? { customerId: q.customerId } : {}) });
    return { swaps: rows.map(swapView) };
  });

  app.get<{ Params: { id: string } }>('/v1/customers/:id', {
    preHandler: deps.guards.admin,
    schema: {
      summary: 'A customer: status, plan, the packs in their custody, swaps in the last 24 h',
      params: idParams,
      response: {
        200: {
          type: 'object',
          required: ['id', 'status', 'plan', 'planActive', 'fairUseLimitPer24h', 'timeZone', 'packs', 'swapsLast24h'],
          properties: {
            id: { type: 'string' },
            status: { type: 'string' },
            plan: { type: ['string', 'null'] },
            planActive: { type: 'boolean' },
            fairUseLimitPer24h: { type: 'integer' },
            timeZone: { type: 'string' },
            packs: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, lot: { type: 'string' }, socPct: { type: ['number', 'null'] }, lastSeenAt: { type: ['string', 'null'] } } } },
            swapsLast24h: { type: 'integer' },
          },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    },
  }, async (req) => {
    const c = fleet.customer(req.params.id);
    if (!c) throw new CfError('CF_ERR_CUSTOMER_NOT_FOUND');
    const now = deps.clock.now();
    return {
      id: c.id,
      status: c.status,
      plan: c.plan,
      planActive: c.planActive,
      fairUseLimitPer24h: c.fairUseLimitPer24h ?? deps.defaultFairUsePer24h,
      timeZone: c.timeZone,
      packs: fleet.packsWithCustomer(c.id).map((p) => {
        const live = deps.live.pack(p.id);
        return { id: p.id, lot: p.lot, socPct: live?.reading.socPct ?? null, lastSeenAt: iso(live?.lastSeenAtMs ?? null) };
      }),
      swapsLast24h: fleet.countSwaps(c.id, now - 86_400_000, now + 1),
    };
  });
}
