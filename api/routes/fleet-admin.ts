// Operator routes for the fleet registry: import, recalls, holds, kiosk tokens, anomalies, custody history.
import type { FastifyInstance } from 'fastify';
import { CfError } from '../../domain/errors.ts';
import { access, principalOf, viewOf } from '../auth/access.ts';
import { errorResponses } from '../errors.ts';
import { deviceId, idParams } from '../schemas.ts';
import { iso } from '../views.ts';
import type { ApiDeps } from '../app.ts';
import type { DisputeResolution } from '../../store/custody-disputes.ts';
import { anomalySchema, disputeView, listAnomalies } from '../anomaly-views.ts';

const importCounts = { stores: { type: 'integer' }, kiosks: { type: 'integer' }, customers: { type: 'integer' }, packs: { type: 'integer' }, recalls: { type: 'integer' } } as const;
const custodySchema = { type: 'object', additionalProperties: true, required: ['kind'], properties: { kind: { type: 'string' } } } as const;
export function fleetAdminRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const fleet = deps.fleet;

  app.post('/v1/registry/import', {
    config: access('registry.import'),
    // Bounded (CF_IMPORT_MAX_BYTES): the whole document is parsed and validated before anything changes. Split a larger fleet into several files: import upserts by id.
    bodyLimit: deps.importMaxBytes,
    schema: {
      summary: 'Import stores, kiosks, customers, packs and recalls from one JSON document (README "Registry import"); all or nothing; at most CF_IMPORT_MAX_BYTES',
      description: 'The counts are what the import wrote (new or changed); `unchanged` counts what the file lists exactly as the registry already holds it. Re-importing a file gives all zeros and everything under `unchanged`.',
      body: { type: 'object' },
      response: {
        200: { type: 'object', required: ['stores', 'kiosks', 'customers', 'packs', 'recalls', 'unchanged'], properties: { ...importCounts, unchanged: { type: 'object', required: Object.keys(importCounts), properties: importCounts } } },
        ...errorResponses(400, 401, 403, 413),
      },
    },
  }, async (req) => fleet.importFleet(req.body, deps.clock.now()));

  app.post<{ Body: { lot: string; reason: string } }>('/v1/recalls', {
    config: access('fleet.operate'),
    bodyLimit: 4096,
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
    config: access('fleet.operate'),
    bodyLimit: 4096,
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
    // The swap service chooses the pack inside the kiosk's decision order: a hold cannot race a swap.
    const { hold } = await deps.swaps.placeHold({ kioskId, customerId: b.customerId, ttlMs: b.ttlS * 1000, purpose: 'admin', ...(b.packId ? { packId: b.packId } : {}) });
    return reply.status(201).send({ packId: hold.packId, kioskId: hold.kioskId, customerId: hold.customerId, until: iso(hold.untilMs) });
  });

  app.post<{ Params: { id: string } }>('/v1/kiosks/:id/tokens', {
    config: access('device.provision', { id: 'kiosk' }),
    bodyLimit: 1024,
    schema: {
      summary: 'Issue a kiosk-scoped API token (shown once): it acts for this kiosk only, and is revoked with the kiosk\'s device (POST /v1/tokens names one)',
      params: idParams,
      response: { 201: { type: 'object', required: ['kioskId', 'token', 'tokenId'], properties: { kioskId: { type: 'string' }, token: { type: 'string' }, tokenId: { type: 'string' } } }, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req, reply) => {
    const kioskId = req.params.id;
    const issued = await deps.credentials.issueToken(principalOf(req), { kind: 'kiosk', kioskId, name: `kiosk ${kioskId}` });
    return reply.status(201).send({ kioskId, token: issued.token, tokenId: issued.record.id });
  });

  app.get<{ Querystring: { limit: number; kioskId?: string } }>('/v1/anomalies', {
    config: access('alert.read', { kioskId: 'kiosk' }),
    schema: {
      summary: 'Things that should not happen: releases matching no live command, packs missing from their slot, ... Managers see those at their kiosks',
      querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, kioskId: deviceId } },
      response: {
        200: {
          type: 'object',
          properties: {
            anomalies: {
              type: 'array',
              items: anomalySchema,
            },
          },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    },
  }, async (req) => {
    const view = viewOf(req, (s) => fleet.kiosks(s).map((k) => k.id));
    const kioskIds = req.query.kioskId !== undefined ? [req.query.kioskId] : view.all ? undefined : [...view.kioskIds];
    return { anomalies: await listAnomalies(deps, req.query.limit, kioskIds, view.all) };
  });

  app.post<{ Params: { id: number }; Body: { resolution: DisputeResolution; note?: string } }>('/v1/anomalies/:id/resolve', {
    // Operators hold packs and recall lots; deciding where a disputed pack really is belongs with those.
    config: access('fleet.operate'),
    bodyLimit: 4096,
    schema: {
      summary: "Resolve a custody dispute: 'accepted' moves the pack into the slot the kiosk reported, 'dismissed' keeps custody; either way the pack may be handed out again",
      params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
      body: { type: 'object', required: ['resolution'], additionalProperties: false, properties: { resolution: { type: 'string', enum: ['accepted', 'dismissed'] }, note: { type: 'string', maxLength: 1000 } } },
      response: { 200: anomalySchema, ...errorResponses(400, 401, 403, 404, 409) },
    },
  }, async (req) => {
    if (!deps.disputes) throw new CfError('CF_ERR_ANOMALY_NOT_FOUND');
    return disputeView(await deps.disputes.resolve(req.params.id, req.body.resolution, req.body.note ?? null, deps.clock.now()));
  });

  app.get<{ Params: { id: string }; Querystring: { limit: number } }>('/v1/packs/:id/custody', {
    config: access('pack.read', { id: 'pack' }),
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
