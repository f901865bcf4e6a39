// What a store manager and the dashboard read: stores with their stock, a store page (every
// kiosk's slot grid, charging packs with ready times, alerts), ready packs over time, the kiosk
// list and the pack list. Managers see their own stores, and packs in their kiosks or back rooms.
import type { FastifyInstance } from 'fastify';
import type { Custody } from '../../domain/fleet-model.ts';
import { storeStock } from '../../domain/store-stock.ts';
import { CfError } from '../../domain/errors.ts';
import { access, viewOf } from '../auth/access.ts';
import { errorResponses } from '../errors.ts';
import { deviceId, idParams, timeParam } from '../schemas.ts';
import { kioskGrid, kioskGridSchema, packListItem, packStoreId, stockContextOf, storeSummarySchema, storeView, type StockContext } from '../stock-views.ts';
import { parseRange } from '../time-params.ts';
import { listAnomalies } from '../anomaly-views.ts';
import { iso } from '../views.ts';
import type { ApiDeps } from '../app.ts';

const CUSTODY_KINDS = ['slot', 'customer', 'warehouse', 'in_transit', 'withdrawn', 'lost'] as const;
const custodySchema = { type: 'object', additionalProperties: true, required: ['kind'], properties: { kind: { type: 'string', enum: [...CUSTODY_KINDS] } } } as const;

export function stockRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const fleet = deps.fleet;
  const ctx = (): StockContext => stockContextOf(deps);
  const kiosksOf = (storeId: string) => fleet.kiosks(storeId).map((k) => k.id);

  app.get('/v1/stores', {
    config: access('stock.read'),
    schema: {
      summary: 'Stores with their stock now: charged packs, charging packs with ready times, free return slots. Managers see their own stores',
      response: { 200: { type: 'object', required: ['stores'], properties: { stores: { type: 'array', items: storeSummarySchema } } }, ...errorResponses(401, 403) },
    },
  }, async (req) => {
    const view = viewOf(req, kiosksOf);
    const c = ctx();
    return { stores: fleet.stores().filter((s) => view.all || view.storeIds.has(s.id)).map((s) => storeView(c, s).summary) };
  });

  app.get<{ Params: { id: string } }>('/v1/stores/:id', {
    config: access('stock.read', { id: 'store' }),
    schema: {
      summary: 'A store page: its stock, every kiosk as a grid of slots (state, pack, SoC, temperature, faults), and its latest alerts',
      params: idParams,
      response: {
        200: {
          type: 'object',
          required: [...storeSummarySchema.required, 'kiosks', 'alerts'],
          properties: {
            ...storeSummarySchema.properties,
            kiosks: { type: 'array', items: kioskGridSchema },
            alerts: {
              type: 'array',
              description: 'The latest 20 anomalies at the store\'s kiosks, custody disputes included (with their reason and status), newest first',
              items: {
                type: 'object',
                required: ['id', 'at', 'kioskId', 'kind', 'packId', 'detail'],
                properties: { id: { type: 'integer' }, at: { type: 'string' }, kioskId: { type: ['string', 'null'] }, kind: { type: 'string' }, packId: { type: ['string', 'null'] }, detail: { type: 'string' }, reason: { type: 'string' }, status: { type: 'string', enum: ['open', 'resolved'] } },
              },
            },
          },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    },
  }, async (req) => {
    const store = fleet.store(req.params.id);
    if (!store) throw new CfError('CF_ERR_SHOP_NOT_FOUND');
    const v = storeView(ctx(), store);
    const alerts = await listAnomalies(deps, 20, v.summary.kioskIds, viewOf(req, kiosksOf).all);
    return { ...v.summary, kiosks: v.grids, alerts };
  });

  app.get<{ Params: { id: string }; Querystring: { from?: string; to?: string; stepMin: number } }>('/v1/stores/:id/stock-history', {
    config: access('stock.read', { id: 'store' }),
    schema: {
      summary: 'Ready, charging and free-return-slot counts over time from the kiosks\' status reports (default: the last 24 h in 15-minute steps), for the store page\'s chart',
      params: idParams,
      querystring: { type: 'object', additionalProperties: false, properties: { from: timeParam, to: timeParam, stepMin: { type: 'integer', minimum: 1, maximum: 1440, default: 15 } } },
      response: {
        200: {
          type: 'object',
          required: ['points'],
          properties: { points: { type: 'array', items: { type: 'object', required: ['at', 'ready', 'charging', 'freeReturnSlots', 'kiosksReporting'], properties: { at: { type: 'string' }, ready: { type: 'integer' }, charging: { type: 'integer' }, freeReturnSlots: { type: 'integer' }, kiosksReporting: { type: 'integer' } } } } },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    },
  }, async (req) => {
    const now = deps.clock.now();
    const { fromMs, toMs } = parseRange(req.query, now, 86_400_000);
    const stepMs = req.query.stepMin * 60_000;
    if ((toMs - fromMs) / stepMs > 2000) throw new CfError('CF_ERR_HTTP_BAD_REQUEST', 'at most 2,000 points: widen stepMin or narrow the range');
    const kioskIds = kiosksOf(req.params.id);
    const series = await Promise.all(kioskIds.map((k) => deps.store.kioskReadings(k, { fromMs, toMs, limit: 10_000, order: 'asc' })));
    const points = [];
    // Each point counts every kiosk's latest report at or before it (carried forward, up to one step old at most twice over).
    const cursors = series.map(() => -1);
    for (let t = fromMs + stepMs; t <= toMs + stepMs - 1; t += stepMs) {
      const at = Math.min(t, toMs);
      const inputs = [];
      for (let i = 0; i < series.length; i++) {
        const rows = series[i]!;
        let c = cursors[i]!;
        while (c + 1 < rows.length && rows[c + 1]!.atMs <= at) c++;
        cursors[i] = c;
        const r = c >= 0 ? rows[c] : undefined;
        if (!r || at - r.atMs > 2 * Math.max(stepMs, 300_000)) continue;
        inputs.push({ kioskId: kioskIds[i]!, online: true, slots: r.slots.map((s) => ({ index: s.index, state: s.state, packId: s.packId || null, socPct: s.socPct, chargeCurrentMa: s.chargeCurrentMa, faultCode: s.faultCode, withdrawn: false, held: false, disputed: false })) });
      }
      const st = storeStock(inputs, deps.chargedThresholdPct, at);
      points.push({ at: iso(at)!, ready: st.ready, charging: st.charging, freeReturnSlots: st.freeReturnSlots, kiosksReporting: inputs.length });
    }
    return { points };
  });

  app.get<{ Querystring: { storeId?: string } }>('/v1/kiosks', {
    config: access('stock.read', { storeId: 'store' }),
    schema: {
      summary: 'Kiosks with their online state and slot counts, by id; managers see their own stores\'',
      querystring: { type: 'object', additionalProperties: false, properties: { storeId: deviceId } },
      response: { 200: { type: 'object', required: ['kiosks'], properties: { kiosks: { type: 'array', items: { ...kioskGridSchema, required: kioskGridSchema.required.filter((f) => f !== 'slots') } } } }, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req) => {
    const view = viewOf(req, kiosksOf);
    const c = ctx();
    const kiosks = fleet.kiosks(req.query.storeId).filter((k) => view.all || view.storeIds.has(k.storeId));
    return { kiosks: kiosks.map((k) => { const { slots: _s, ...rest } = kioskGrid(c, k.id).view; return rest; }) };
  });

  app.get<{ Querystring: { storeId?: string; kioskId?: string; custody?: Custody['kind']; flagged?: boolean; lot?: string; cursor?: string; limit: number } }>('/v1/packs', {
    config: access('pack.read', { storeId: 'store', kioskId: 'kiosk' }),
    schema: {
      summary: 'Packs by id, with custody, store, latest SoC/SoH/temperature and faults; filter by store, kiosk, custody kind, flag or lot; page with cursor. Managers see packs in their kiosks and back rooms',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          storeId: deviceId,
          kioskId: deviceId,
          custody: { type: 'string', enum: [...CUSTODY_KINDS] },
          flagged: { type: 'boolean' },
          lot: { type: 'string', maxLength: 64 },
          cursor: { type: 'string', maxLength: 64, description: 'nextCursor of the previous page' },
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
        },
      },
      response: {
        200: {
          type: 'object',
          required: ['packs', 'nextCursor'],
          properties: {
            nextCursor: { type: ['string', 'null'] },
            packs: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'lot', 'hwRev', 'flag', 'recalled', 'custody', 'storeId', 'socPct', 'sohPct', 'tempC', 'cycles', 'state', 'faults', 'location', 'lastSeenAt'],
                properties: {
                  id: { type: 'string' }, lot: { type: 'string' }, hwRev: { type: 'string' }, flag: { type: ['string', 'null'] }, recalled: { type: 'boolean' }, custody: custodySchema, storeId: { type: ['string', 'null'] },
                  socPct: { type: ['number', 'null'] }, sohPct: { type: ['number', 'null'] }, tempC: { type: ['number', 'null'] }, cycles: { type: ['integer', 'null'] }, state: { type: ['string', 'null'] },
                  faults: { type: 'array', items: { type: 'string' } },
                  location: { anyOf: [{ type: 'null' }, { type: 'object', properties: { lat: { type: 'number' }, lon: { type: 'number' } } }], description: 'Only for callers who see the whole fleet' },
                  lastSeenAt: { type: ['string', 'null'] },
                },
              },
            },
          },
        },
        ...errorResponses(400, 401, 403, 404),
      },
    },
  }, async (req) => {
    const q = req.query;
    const view = viewOf(req, kiosksOf);
    const recalled = fleet.recalledLots();
    // A scan of the registry's memory: fine at 10^5 packs (milliseconds); a million wants an index by id order.
    const hits = [];
    for (const p of fleet.packs()) {
      if (q.cursor !== undefined && p.id <= q.cursor) continue;
      const storeId = packStoreId(fleet, p);
      if (!view.all && (storeId === null || !view.storeIds.has(storeId))) continue;
      if (q.storeId !== undefined && storeId !== q.storeId) continue;
      if (q.kioskId !== undefined && !(p.custody.kind === 'slot' && p.custody.kioskId === q.kioskId)) continue;
      if (q.custody !== undefined && p.custody.kind !== q.custody) continue;
      if (q.flagged !== undefined && (p.flag !== null || recalled.has(p.lot)) !== q.flagged) continue;
      if (q.lot !== undefined && p.lot !== q.lot) continue;
      hits.push(p);
    }
    hits.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const page = hits.slice(0, q.limit);
    const c = ctx();
    return { packs: page.map((p) => packListItem(c, p, req.accessRule === 'all')), nextCursor: hits.length > q.limit ? page[page.length - 1]!.id : null };
  });
}
