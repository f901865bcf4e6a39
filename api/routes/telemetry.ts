// Packs and kiosks: latest state from the live view, history from the TelemetryStore.
// A pack's location is where its customer went: only callers who see the whole fleet get it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CfError } from '../../domain/errors.ts';
import type { PackReading } from '../../domain/readings.ts';
import { access } from '../auth/access.ts';
import { errorResponses } from '../errors.ts';
import { idParams, kioskReadingSchema, onlineSchema, packReadingSchema, rangeQuery } from '../schemas.ts';
import { parseRange } from '../time-params.ts';
import { iso, kioskEventView, kioskReadingView, packReadingView } from '../views.ts';
import type { ApiDeps } from '../app.ts';

const DAY_MS = 86_400_000;
type RangeQs = { from?: string; to?: string; limit: number; order: 'asc' | 'desc' };

const nullable = (schema: object) => ({ anyOf: [{ type: 'null' }, schema] });

/** Managers see a pack while it is in their store, not the trail of the customer who had it before. */
function packView(req: FastifyRequest, r: PackReading) {
  const v = packReadingView(r);
  return req.accessRule === 'all' ? v : { ...v, location: null };
}

export function telemetryRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Params: { id: string } }>('/v1/packs/:id', {
    config: access('pack.read', { id: 'pack' }),
    schema: {
      summary: 'Latest state of a pack, with its custody, lot and flag from the registry',
      description: 'Its latest reading is under `latest` (null before the first one); `online`, `connected` and `lastSeenAt` from the broker; `custody`, `lot`, `hwRev` and `flag` from the registry (null when the registry does not know the pack). A manager sees no location.',
      params: idParams,
      response: {
        200: {
          type: 'object',
          required: ['id', 'online', 'connected', 'lastSeenAt', 'latest', 'custody', 'lot', 'hwRev', 'flag'],
          additionalProperties: false,
          properties: {
            id: { type: 'string' },
            ...onlineSchema,
            latest: nullable(packReadingSchema),
            custody: { anyOf: [{ type: 'null' }, { type: 'object', additionalProperties: true, properties: { kind: { type: 'string' } } }] },
            lot: { type: ['string', 'null'] },
            hwRev: { type: ['string', 'null'] },
            flag: { type: ['string', 'null'] },
          },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    },
  }, async (req) => {
    const id = req.params.id;
    const live = deps.live.pack(id);
    const known = deps.fleet.pack(id);
    if (!live && !known) {
      const dev = await deps.registry.getDevice(id);
      if (!dev || dev.kind !== 'pack') throw new CfError('CF_ERR_PACK_NOT_FOUND');
    }
    const o = deps.live.online(id, deps.clock.now());
    const latest = live ? packView(req, live.reading) : null;
    const registry = known ? { custody: known.custody, lot: known.lot, hwRev: known.hwRev, flag: known.flag } : { custody: null, lot: null, hwRev: null, flag: null };
    return { id, online: o.online, connected: o.connected, lastSeenAt: iso(o.lastSeenAtMs), latest, ...registry };
  });

  app.get<{ Params: { id: string }; Querystring: RangeQs }>('/v1/packs/:id/readings', {
    config: access('pack.read', { id: 'pack' }),
    schema: {
      summary: 'Readings of a pack over a time range (default: the last 24 h), newest first',
      params: idParams,
      querystring: rangeQuery,
      response: { 200: { type: 'object', required: ['readings'], properties: { readings: { type: 'array', items: packReadingSchema } } }, ...errorResponses(400, 401, 403) },
    },
  }, async (req) => {
    const { fromMs, toMs } = parseRange(req.query, deps.clock.now(), DAY_MS);
    const rows = await deps.store.packReadings(req.params.id, { fromMs, toMs, limit: req.query.limit, order: req.query.order });
    return { readings: rows.map((r) => packView(req, r)) };
  });

  app.get<{ Params: { id: string } }>('/v1/kiosks/:id', {
    config: access('kiosk.read', { id: 'kiosk' }),
    schema: {
      summary: 'Latest status of a kiosk and its slots (the slot grid), with its store',
      params: idParams,
      response: {
        200: {
          type: 'object',
          required: ['id', 'online', 'connected', 'lastSeenAt', 'slots'],
          properties: { id: { type: 'string' }, storeId: { type: ['string', 'null'] }, slotCount: { type: ['integer', 'null'] }, ...onlineSchema, ...kioskReadingSchema.properties, at: { type: ['string', 'null'] } },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    },
  }, async (req) => {
    const id = req.params.id;
    const live = deps.live.kiosk(id);
    const known = deps.fleet.kiosk(id);
    if (!live && !known) {
      const dev = await deps.registry.getDevice(id);
      if (!dev || dev.kind !== 'kiosk') throw new CfError('CF_ERR_KIOSK_NOT_FOUND');
    }
    const o = deps.live.online(id, deps.clock.now());
    const view = live ? kioskReadingView(live.reading) : { at: null, slots: [] };
    return { id, storeId: known?.storeId ?? null, slotCount: known?.slotCount ?? null, online: o.online, connected: o.connected, lastSeenAt: iso(o.lastSeenAtMs), ...view };
  });

  app.get<{ Params: { id: string }; Querystring: RangeQs }>('/v1/kiosks/:id/readings', {
    config: access('kiosk.read', { id: 'kiosk' }),
    schema: {
      summary: 'Status reports of a kiosk over a time range (default: the last 24 h), newest first',
      params: idParams,
      querystring: rangeQuery,
      response: { 200: { type: 'object', required: ['readings'], properties: { readings: { type: 'array', items: kioskReadingSchema } } }, ...errorResponses(400, 401, 403) },
    },
  }, async (req) => {
    const { fromMs, toMs } = parseRange(req.query, deps.clock.now(), DAY_MS);
    const rows = await deps.store.kioskReadings(req.params.id, { fromMs, toMs, limit: req.query.limit, order: req.query.order });
    return { readings: rows.map(kioskReadingView) };
  });

  app.get<{ Params: { id: string }; Querystring: RangeQs }>('/v1/kiosks/:id/events', {
    config: access('kiosk.read', { id: 'kiosk' }),
    schema: {
      summary: 'Events of a kiosk over a time range (default: the last 24 h), newest first',
      params: idParams,
      querystring: rangeQuery,
      response: {
        200: {
          type: 'object',
          required: ['events'],
          properties: {
            events: {
              type: 'array',
              items: { type: 'object', properties: { at: { type: 'string' }, receivedAt: { type: 'string' }, bootId: { type: 'integer' }, seq: { type: 'integer' }, type: { type: 'string' }, slot: { type: ['integer', 'null'] }, packId: { type: ['string', 'null'] }, commandId: { type: ['string', 'null'] }, requestId: { type: ['string', 'null'] }, detail: { type: 'string' } } },
            },
          },
        },
        ...errorResponses(400, 401, 403),
      },
    },
  }, async (req) => {
    const { fromMs, toMs } = parseRange(req.query, deps.clock.now(), DAY_MS);
    const rows = await deps.store.kioskEvents(req.params.id, { fromMs, toMs, limit: req.query.limit, order: req.query.order });
    return { events: rows.map(kioskEventView) };
  });
}
