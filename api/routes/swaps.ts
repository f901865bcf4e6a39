// Swaps over HTTP for kiosks that prefer REST (same decision path and ledger as MQTT), and the swap ledger.
import type { FastifyInstance } from 'fastify';
import { CfError } from '../../domain/errors.ts';
import { REASON_CODES, REASON_SENTENCE, type ReasonCode } from '../../domain/reasons.ts';
import type { SwapRecord } from '../../store/fleet-registry.ts';
import { access, viewOf } from '../auth/access.ts';
import { errorResponses } from '../errors.ts';
import { deviceId, idParams, timeParam } from '../schemas.ts';
import { parseRange } from '../time-params.ts';
import { iso } from '../views.ts';
import type { ApiDeps } from '../app.ts';

export const swapSchema = {
  type: 'object',
  required: ['kioskId', 'storeId', 'requestId', 'customerId', 'at', 'allowed', 'reasons', 'reasonTexts', 'message', 'slot', 'packId', 'commandId', 'expiresAt', 'outcome'],
  properties: {
    kioskId: { type: 'string' },
    storeId: { type: ['string', 'null'], description: 'The kiosk\'s store, when the kiosk is in the registry' },
    requestId: { type: 'string' },
    customerId: { type: ['string', 'null'] },
    at: { type: 'string' },
    allowed: { type: 'boolean' },
    reasons: { type: 'array', items: { type: 'string', enum: [...REASON_CODES] }, description: 'Reason codes in check order; reasons[0] is the first failing check' },
    reasonTexts: { type: 'array', items: { type: 'string' }, description: 'The same reasons in plain words, one sentence each, in the same order' },
    message: { type: 'string' },
    slot: { type: ['integer', 'null'] },
    packId: { type: ['string', 'null'] },
    commandId: { type: ['string', 'null'] },
    expiresAt: { type: ['string', 'null'] },
    lockReturnedSlot: { type: 'boolean' },
    flagReturnedPack: { type: ['string', 'null'] },
    outcome: { type: 'string', enum: ['denied', 'pending', 'released', 'release_failed', 'expired'] },
    outcomeAt: { type: ['string', 'null'] },
  },
} as const;

export function swapView(r: SwapRecord, storeId: string | null = null) {
  return {
    kioskId: r.kioskId,
    storeId,
    requestId: r.requestId,
    customerId: r.customerId,
    at: iso(r.atMs),
    allowed: r.verdict.allowed,
    reasons: r.verdict.reasons,
    reasonTexts: r.verdict.reasons.map((c) => REASON_SENTENCE[c as ReasonCode] ?? c),
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
  const storeOf = (kioskId: string) => fleet.kiosk(kioskId)?.storeId ?? null;

  app.post<{ Params: { id: string }; Body: SwapBody }>('/v1/kiosks/:id/swaps', {
    config: access('swap.request', { id: 'kiosk' }),
    bodyLimit: 4096,
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
    return swapView(rec, storeOf(rec.kioskId));
  });

  app.get<{ Querystring: { kioskId?: string; storeId?: string; customerId?: string; from?: string; to?: string; limit: number } }>('/v1/swaps', {
    config: access('swap.read', { kioskId: 'kiosk', storeId: 'store' }),
    schema: {
      summary: 'The swap ledger: requests, decisions with reason codes (and in plain words), and outcomes; newest first (default: the last 7 days). Managers see swaps at their kiosks, a kiosk its own',
      querystring: { type: 'object', additionalProperties: false, properties: { kioskId: deviceId, storeId: deviceId, customerId: deviceId, from: timeParam, to: timeParam, limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 100 } } },
      response: { 200: { type: 'object', required: ['swaps'], properties: { swaps: { type: 'array', items: swapSchema } } }, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req) => {
    const { fromMs, toMs } = parseRange(req.query, deps.clock.now(), 7 * 86_400_000);
    const q = req.query;
    const view = viewOf(req, (s) => fleet.kiosks(s).map((k) => k.id));
    // The kiosks asked for (one, or a store's), narrowed to what the caller may see.
    let kioskIds: string[] | null = q.kioskId ? [q.kioskId] : q.storeId ? fleet.kiosks(q.storeId).map((k) => k.id) : null;
    if (q.kioskId && q.storeId && storeOf(q.kioskId) !== q.storeId) kioskIds = [];
    if (!view.all) kioskIds = (kioskIds ?? [...view.kioskIds]).filter((k) => view.kioskIds.has(k));
    if (kioskIds !== null && kioskIds.length === 0) return { swaps: [] };
    const rows = await fleet.listSwaps({ fromMs, toMs, limit: q.limit, ...(kioskIds ? { kioskIds } : {}), ...(q.customerId ? { customerId: q.customerId } : {}) });
    return { swaps: rows.map((r) => swapView(r, storeOf(r.kioskId))) };
  });

  app.get<{ Params: { id: string } }>('/v1/customers/:id', {
    config: access('customer.read'),
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
