// Operator routes for the fleet registry: import, recalls, holds, kiosk tokens, anomalies, custody history.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { CfError } from '../../domain/errors.ts';
import { generateSecret } from '../../domain/secrets.ts';
import { errorResponses } from '../errors.ts';
import { deviceId, idParams } from '../schemas.ts';
import { iso } from '../views.ts';
import type { ApiDeps } from '../app.ts';

const custodySchema = { type: 'object', additionalProperties: true, required: ['kind'], properties: { kind: { type: 'string' } } } as const;

export function fleetAdminRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const fleet = deps.fleet;
  if (!fleet) return;
  const admin = deps.guards.admin;

  app.post('/v1/registry/import', {
    preHandler: admin,
    bodyLimit: 64 * 1024 * 1024,
    schema: {
      summary: 'Import stores, kiosks, customers, packs and recalls from one JSON document (README "Registry import"); all or nothing',
      body: { type: 'object' },
      response: {
        200: { type: 'object', properties: { stores: { type: 'integer' }, kiosks: { type: 'integer' }, customers: { type: 'integer' }, packs: { type: 'integer' }, recalls: { type: 'integer' } } },
        ...errorResponses(400, 401, 403, 413),
      },
    },
  }, async (req) => fleet.importFleet(req.body, deps.clock.now()));

  app.post<{ Body: { lot: string; reason: string } }>('/v1/recalls', {
    preHandler: admin,
    schema: {
      summary: 'Recall a production lot: its packs are never released again and are always taken back',
      body: { type: 'object', required: ['lot', 'reason'], additionalProperties: false, properties: { lot: { type: 'string', minLength: 1, maxLength: 64 }, reason: { type: 'string', minLength: 1, maxLength: 256 } } },
      response: { 201: { type: 'object', properties: { lot: { type: 'string' }, reason: { type: 'string' }, since: { type: 'string' } } }, ...errorResponses(400, 401, 403) },
    },
  }, async (req, reply) => {
    const now = deps.clock.now();
    await fleet.addRecall(req.body.lot, req.body.reason, now);
    return reply.status(201).send({ lot: req.body.lot, reason: req.body.reason, since: iso(now) });
  });

  app.post<{ Body: { packId?: string; kioskId?: string; customerId: string; ttlS: number } }>('/v1/holds', {
    preHandler: admin,
    schema: {
      summary: 'Hold a pack for one customer (a given pack, or the best ready pack at a kiosk); eligibility honours it',
      body: {
        type: 'object',
        required: ['customerId', 'ttlS'],
        additionalProperties: false,
        properties: { packId: deviceId, kioskId: deviceId, customerId: deviceId, ttlS: { type: 'integer', minimum: 1, maximum: 86_400 } },
      },
      response: { 201: { type: 'object', properties: { packId: { type: 'string' }, kioskId: { type: 'string' }, customerId: { type: 'string' }, until: { type: 'string' } } }, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (req, reply) => {
    const b = req.body;
    if ((b.packId === undefined) === (b.kioskId === undefined)) throw new CfError('CF_ERR_HOLD_INVALID', 'give exactly one of packId and kioskId');
    if (!fleet.customer(b.customerId)) throw new CfError('CF_ERR_CUSTOMER_NOT_FOUND');
    const pack = b.packId ? fleet.pack(b.packId) : undefined;
    if (b.packId && pack?.custody.kind !== 'slot') throw new CfError('CF_ERR_HOLD_INVALID', 'the pack is not in a kiosk slot');
    const kioskId = pack?.custody.kind === 'slot' ? pack.custody.kioskId : b.kioskId!;
    if (!fleet.kiosk(kioskId)) throw new CfError('CF_ERR_KIOSK_NOT_FOUND', 'No such kiosk in the registry');
    if (!deps.swaps) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'the swap service is not running');
    // The swap service chooses the pack inside the kiosk's decision order: a hold cannot race a swap.
    const { hold } = await deps.swaps.placeHold({ kioskId, customerId: b.customerId, ttlMs: b.ttlS * 1000, purpose: 'admin', ...(b.packId ? { packId: b.packId } : {}) });
    return reply.status(201).send({ packId: hold.packId, kioskId: hold.kioskId, customerId: hold.customerId, until: iso(hold.untilMs) });
  });

  app.post<{ Params: { id: string } }>('/v1/kiosks/:id/tokens', {
    preHandler: admin,
    schema: {
      summary: 'Issue a kiosk-scoped API token (shown once): it may ask for swaps at this kiosk only',
      params: idParams,
      response: { 201: { type: 'object', properties: { kioskId: { type: 'string' }, token: { type: 'string' } } }, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req, reply) => {
    const kioskId = req.params.id;
    if (!fleet.kiosk(kioskId)) throw new CfError('CF_ERR_KIOSK_NOT_FOUND', 'No such kiosk in the registry');
    const token = `cfk_${generateSecret()}`;
    await fleet.addToken({ tokenHash: createHash('sha256').update(token).digest('hex'), role: 'kiosk', subject: kioskId, storeIds: [], createdAtMs: deps.clock.now(), revokedAtMs: null });
    return reply.status(201).send({ kioskId, token });
  });

  app.get<{ Querystring: { limit: number; kioskId?: string } }>('/v1/anomalies', {
    preHandler: admin,
    schema: {
      summary: 'Things that should not happen: releases matching no live command, packs missing from their slot, ...',
      querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, kioskId: deviceId } },
      response: {
        200: {
          type: 'object',
          properties: {
            anomalies: {
              type: 'array',
              items: { type: 'object', properties: { id: { type: 'integer' }, at: { type: 'string' }, kioskId: { type: ['string', 'null'] }, kind: { type: 'string' }, commandId: { type: ['string', 'null'] }, packId: { type: ['string', 'null'] }, detail: { type: 'string' } } },
            },
          },
        },
        ...errorResponses(400, 401, 403),
      },
    },
  }, async (req) => {
    const rows = await fleet.listAnomalies(req.query.limit, req.query.kioskId);
    return { anomalies: rows.map((a) => ({ ...a, at: iso(a.atMs) })) };
  });

  app.get<{ Params: { id: string }; Querystring: { limit: number } }>('/v1/packs/:id/custody', {
    preHandler: deps.guards.reader,
    schema: {
      summary: 'Custody history of a pack, newest first',
      params: idParams,
      querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } } },
      response: {
        200: {
          type: 'object',
          properties: {
            custody: custodySchema,
            changes: {
              type: 'array',
              items: { type: 'object', properties: { at: { type: 'string' }, from: { anyOf: [{ type: 'null' }, custodySchema] }, to: custodySchema, cause: { type: 'string' }, requestId: { type: ['string', 'null'] }, commandId: { type: ['string', 'null'] } } },
            },
          },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    },
  }, async (req) => {
    const pack = fleet.pack(req.params.id);
    if (!pack) throw new CfError('CF_ERR_PACK_NOT_FOUND');
    const changes = await fleet.custodyHistory(pack.id, req.query.limit);
    return { custody: pack.custody, changes: changes.map((c) => ({ at: iso(c.atMs), from: c.from, to: c.to, cause: c.cause, requestId: c.requestId, commandId: c.commandId })) };
  });
}
