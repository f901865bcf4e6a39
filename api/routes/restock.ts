// Restocking over HTTP: the plan and the forecast, courier jobs and their transitions, alerts
// (kept, and streamed as server-sent events), withdrawals and recall progress. Operators plan and
// move jobs; store managers read the jobs, alerts and withdrawals of their own stores.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CfError } from '../../domain/errors.ts';
import type { CourierJob, JobEvent } from '../../domain/restock/jobs.ts';
import { JOB_STATUSES } from '../../domain/restock/jobs.ts';
import type { RestockLine, RestockPlan, RestockRoute, StorePlanView } from '../../domain/restock/plan.ts';
import type { FleetForecast } from '../../domain/restock/forecast.ts';
import { ALERT_KINDS, type AlertKind, type AlertRecord } from '../../store/restock-ledger.ts';
import type { JobSpec } from '../../services/restock-jobs.ts';
import type { Withdrawal } from '../../services/restock-inputs.ts';
import { access, viewOf, type View } from '../auth/access.ts';
import { errorResponses } from '../errors.ts';
import { deviceId, idParams } from '../schemas.ts';
import { iso } from '../views.ts';
import type { ApiDeps } from '../app.ts';

const HOUR = 3_600_000;
const obj = { type: 'object', additionalProperties: true } as const;
const place = {
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: { kind: { type: 'string', enum: ['store', 'warehouse'] }, storeId: deviceId, warehouseId: { type: 'string', maxLength: 64 } },
} as const;
const packList = { type: 'array', items: deviceId, maxItems: 10_000 } as const;
const lotParams = { type: 'object', required: ['lot'], additionalProperties: false, properties: { lot: { type: 'string', minLength: 1, maxLength: 64 } } } as const;

type Place = { kind: 'store'; storeId: string } | { kind: 'warehouse'; warehouseId: string };

/** A place from the request: a store needs storeId; a warehouse defaults to the central one. */
function toPlace(p: { kind: string; storeId?: string; warehouseId?: string }, what: string): Place {
  if (p.kind === 'store') {
    if (!p.storeId) throw new CfError('CF_ERR_RESTOCK_PARAMS_INVALID', `${what}: a store place needs storeId`);
    return { kind: 'store', storeId: p.storeId };
  }
  return { kind: 'warehouse', warehouseId: p.warehouseId ?? 'central' };
}

export function lineView(l: RestockLine) {
  return {
    id: l.id,
    kind: l.kind,
    from: l.from,
    to: l.to,
    packs: l.packIds.length,
    packIds: l.packIds,
    withdraw: l.withdraw,
    reasons: l.reasons,
    routeId: l.routeId,
    courierId: l.courierId,
    departAt: iso(l.departAtMs),
    pickupAt: iso(l.pickupAtMs),
    arriveAt: iso(l.arriveAtMs),
    needBy: iso(l.needByMs),
    numbers: { ...l.numbers, stockOutAt: iso(l.numbers.stockOutAtMs ?? null), slotsFullAt: iso(l.numbers.slotsFullAtMs ?? null), stockOutAtMs: undefined, slotsFullAtMs: undefined },
  };
}

function routeView(r: RestockRoute) {
  return { id: r.id, courierId: r.courierId, departAt: iso(r.departAtMs), stops: r.stops.map((s) => ({ place: s.place, arriveAt: iso(s.arriveAtMs) })), lineIds: r.lineIds, packs: r.packs, distanceKm: r.distanceKm };
}

export function storeView(v: StorePlanView, hourStartMs: number) {
  const p = v.projection;
  return {
    storeId: v.storeId,
    name: v.name,
    rank: v.rank,
    reasons: v.reasons,
    readyNow: p.readyNow,
    charging: p.chargingNow.map((c) => ({ packId: c.packId, kioskId: c.kioskId, slot: c.slot, socPct: c.socPct, readyAt: iso(c.readyAtMs) })),
    freeSlots: p.freeSlotsNow,
    backRoom: p.backroomNow,
    forecastNext24h: v.forecast.takes.map((t, i) => ({ at: iso(hourStartMs + i * HOUR), takes: t, returns: v.forecast.returns[i] ?? 0 })),
    forecast: { levelPerH: v.forecast.levelPerH, profileSource: v.forecast.profileSource, surge: v.forecast.surge ? { ...v.forecast.surge, at: iso(v.forecast.surge.atMs) } : null },
    stockOutAt: iso(p.stockOutAtMs),
    slotsFullAt: iso(p.slotsFullAtMs),
    deficit: p.deficit,
    needBy: iso(p.needByMs),
    surplus: p.surplus,
    withdrawals: v.withdrawals,
    lineIds: v.lineIds,
  };
}

export function jobView(j: CourierJob) {
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    from: j.from,
    to: j.to,
    packIds: j.packIds,
    carried: j.carried,
    arrived: Object.fromEntries(Object.entries(j.arrived).map(([p, at]) => [p, iso(at)])),
    missing: j.missing,
    withdraw: j.withdraw,
    courierId: j.courierId,
    routeId: j.routeId,
    lineId: j.lineId,
    fromStop: j.fromStop,
    toStop: j.toStop,
    reasons: j.reasons,
    createdAt: iso(j.createdAtMs),
    pickupAt: iso(j.pickupAtMs),
    eta: iso(j.etaMs),
    deadline: iso(j.deadlineMs),
    pickedUpAt: iso(j.pickedUpAtMs),
    deliveredAt: iso(j.deliveredAtMs),
    cancelledAt: iso(j.cancelledAtMs),
    detail: j.detail,
  };
}

function eventView(e: JobEvent) {
  return { at: iso(e.atMs), kind: e.kind, packIds: e.packIds, detail: e.detail };
}

export function alertView(a: AlertRecord) {
  return { id: a.id, kind: a.kind, subject: a.subject, storeId: a.storeId, packId: a.packId, raisedAt: iso(a.raisedAtMs), resolvedAt: iso(a.resolvedAtMs), reasons: a.reasons, details: a.details };
}

function withdrawalView(w: Withdrawal) {
  return { packId: w.packId, lot: w.lot, reason: w.reason, custody: w.custody, storeId: w.storeId, flag: w.flag, healthScore: w.healthScore };
}

function forecastView(f: FleetForecast, storeId?: string) {
  const stores = storeId === undefined ? f.stores : f.stores.filter((s) => s.storeId === storeId);
  return {
    at: iso(f.atMs),
    historyFrom: iso(f.fromMs),
    accuracy: { wapeLastWeek: f.accuracy.wape, actual: f.accuracy.actual, absError: Math.round(f.accuracy.absError * 100) / 100, hours: f.accuracy.hours },
    fleetProfileSource: f.fleetProfileSource,
    stores: stores.map((s) => ({
      storeId: s.storeId,
      levelPerH: Math.round(s.levelPerH * 1000) / 1000,
      profileSource: s.profileSource,
      observedHours: s.observedHours,
      returnShare: Math.round(s.returnShare * 1000) / 1000,
      surge: s.surge ? { ...s.surge, at: iso(s.surge.atMs) } : null,
      accuracy: { wapeLastWeek: s.accuracy.wape, actual: s.accuracy.actual, absError: Math.round(s.accuracy.absError * 100) / 100, hours: s.accuracy.hours },
      next24h: s.takes.slice(0, 24).map((t, i) => ({ at: iso(f.atMs + i * HOUR), takes: Math.round(t * 100) / 100, returns: Math.round((s.returns[i] ?? 0) * 100) / 100 })),
    })),
  };
}

export function planView(plan: RestockPlan, hourStartMs: number, storeId: string | undefined, limit: number) {
  const stores = (storeId === undefined ? plan.stores : plan.stores.filter((s) => s.storeId === storeId)).slice(0, limit);
  const touches = (l: RestockLine) => storeId === undefined || (l.from.kind === 'store' && l.from.storeId === storeId) || (l.to.kind === 'store' && l.to.storeId === storeId);
  const lines = plan.lines.filter(touches);
  const routeIds = new Set(lines.map((l) => l.routeId));
  return {
    at: iso(plan.atMs),
    horizonH: plan.horizonH,
    totals: plan.totals,
    stores: stores.map((s) => storeView(s, hourStartMs)),
    routes: plan.routes.filter((r) => routeIds.has(r.id)).map(routeView),
    lines: lines.map(lineView),
    unmet: plan.unmet.filter((u) => storeId === undefined || u.storeId === storeId),
  };
}

export function restockRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const restock = deps.restock;
  const fleet = deps.fleet;
  if (!restock) return;
  const kiosksOf = (storeId: string) => fleet.kiosks(storeId).map((k) => k.id);
  /** The stores a listing may show: the one asked for (the access check made sure it is theirs), else all or the caller's own. */
  const storesFor = (view: View, storeId: string | undefined): string | readonly string[] | undefined => storeId ?? (view.all ? undefined : [...view.storeIds]);
  const known = (storeId: string | undefined) => {
    if (storeId !== undefined && !fleet.store(storeId)) throw new CfError('CF_ERR_HTTP_NOT_FOUND', `no store ${storeId}`);
  };

  app.get<{ Querystring: { storeId?: string; limit: number; horizonH?: number } }>('/v1/restock/plan', {
    config: access('restock.plan', { storeId: 'store' }),
    schema: {
      summary: 'The restock plan now: stores ranked by urgency (ready and charging packs, free slots, 24 h forecast, projected stock-out and full slots, deficit), courier routes and their lines with reasons and numbers',
      querystring: { type: 'object', additionalProperties: false, properties: { storeId: deviceId, limit: { type: 'integer', minimum: 1, maximum: 5000, default: 100 }, horizonH: { type: 'integer' } } },
      response: { 200: obj, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req) => {
    known(req.query.storeId);
    const { plan } = await restock.plan(req.query.horizonH);
    return planView(plan, Math.floor(plan.atMs / HOUR) * HOUR, req.query.storeId, req.query.limit);
  });

  app.get<{ Querystring: { storeId?: string } }>('/v1/restock/forecast', {
    config: access('restock.plan', { storeId: 'store' }),
    schema: {
      summary: 'Demand forecast per store (hour-of-week profile × smoothed level, surge rule), the next 24 h, and its accuracy (WAPE) over the last week per store and fleet-wide',
      querystring: { type: 'object', additionalProperties: false, properties: { storeId: deviceId } },
      response: { 200: obj, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req) => {
    known(req.query.storeId);
    return forecastView(await restock.forecast(), req.query.storeId);
  });

  type JobBody = { fromPlan?: boolean; lineIds?: string[]; departWithinMin?: number; horizonH?: number; jobs?: { from: Place; to: Place; packIds?: string[]; count?: number; courierId?: string; deadline?: string }[] };
  app.post<{ Body: JobBody }>('/v1/restock/jobs', {
    config: access('job.write'),
    schema: {
      summary: 'Create courier jobs, all or none: from the plan ({"fromPlan":true}, optionally lineIds or departWithinMin), or given ({"jobs":[{"from","to","packIds"|"count"}]}); every pack must be where its job says',
      body: {
        type: 'object',
        additionalProperties: false,
        properties: {
          fromPlan: { type: 'boolean' },
          lineIds: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 10_000 },
          departWithinMin: { type: 'integer', minimum: 0, maximum: 2880 },
          horizonH: { type: 'integer' },
          jobs: {
            type: 'array',
            maxItems: 1000,
            items: {
              type: 'object',
              required: ['from', 'to'],
              additionalProperties: false,
              properties: { from: place, to: place, packIds: packList, count: { type: 'integer', minimum: 1, maximum: 10_000 }, courierId: { type: 'string', maxLength: 64 }, deadline: { type: 'string', maxLength: 40 } },
            },
          },
        },
      },
      response: { 201: { type: 'object', properties: { jobs: { type: 'array', items: obj } } }, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (req, reply) => {
    const b = req.body;
    if ((b.fromPlan === true) === (b.jobs !== undefined)) throw new CfError('CF_ERR_RESTOCK_PARAMS_INVALID', 'give either "fromPlan": true or "jobs"');
    let jobs: CourierJob[];
    if (b.fromPlan) {
      jobs = await restock.commitPlan({ ...(b.lineIds ? { lineIds: b.lineIds } : {}), ...(b.departWithinMin !== undefined ? { departWithinMin: b.departWithinMin } : {}), ...(b.horizonH !== undefined ? { horizonH: b.horizonH } : {}) });
    } else {
      if (b.lineIds || b.departWithinMin !== undefined || b.horizonH !== undefined) throw new CfError('CF_ERR_RESTOCK_PARAMS_INVALID', 'lineIds, departWithinMin and horizonH go with "fromPlan"');
      const specs: JobSpec[] = b.jobs!.map((j, i) => {
        const deadlineMs = j.deadline === undefined ? undefined : Date.parse(j.deadline);
        if (deadlineMs !== undefined && Number.isNaN(deadlineMs)) throw new CfError('CF_ERR_RESTOCK_PARAMS_INVALID', `job ${i}: deadline is not an ISO 8601 time`);
        return { from: toPlace(j.from, `job ${i}: from`), to: toPlace(j.to, `job ${i}: to`), ...(j.packIds ? { packIds: j.packIds } : {}), ...(j.count !== undefined ? { count: j.count } : {}), ...(j.courierId ? { courierId: j.courierId } : {}), ...(deadlineMs !== undefined ? { deadlineMs } : {}) };
      });
      jobs = await restock.createJobs(specs);
    }
    return reply.status(201).send({ jobs: jobs.map(jobView) });
  });

  app.get<{ Querystring: { status?: CourierJob['status']; storeId?: string; limit: number } }>('/v1/restock/jobs', {
    config: access('job.read', { storeId: 'store' }),
    schema: {
      summary: 'Courier jobs, newest first. Managers see jobs to or from their stores',
      querystring: { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: [...JOB_STATUSES] }, storeId: deviceId, limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 100 } } },
      response: { 200: { type: 'object', properties: { jobs: { type: 'array', items: obj } } }, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req) => {
    const q = req.query;
    const storeId = storesFor(viewOf(req, kiosksOf), q.storeId);
    const jobs = await restock.listJobs({ limit: q.limit, ...(q.status ? { status: q.status } : {}), ...(storeId !== undefined ? { storeId } : {}) });
    return { jobs: jobs.map(jobView) };
  });

  app.get<{ Params: { id: string } }>('/v1/restock/jobs/:id', {
    // Jobs live in the restock ledger, not the fleet registry the access check resolves owners
    // from: the handler answers a manager's request for another store's job as if it did not exist.
    config: access('job.read'),
    schema: { summary: 'A courier job and its ledger. Managers see jobs to or from their stores', params: idParams, response: { 200: obj, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => {
    const view = viewOf(req, kiosksOf);
    const { job, events } = await restock.job(req.params.id);
    const touches = (p: CourierJob['from']) => p.kind === 'store' && view.storeIds.has(p.storeId);
    if (!view.all && !touches(job.from) && !touches(job.to)) throw new CfError('CF_ERR_RESTOCK_JOB_NOT_FOUND', `no courier job ${req.params.id}`);
    return { ...jobView(job), events: events.map(eventView) };
  });

  const transition = (action: 'pickup' | 'deliver' | 'cancel', summary: string) =>
    app.post<{ Params: { id: string }; Body: { packIds?: string[]; reason?: string } | undefined }>(`/v1/restock/jobs/:id/${action}`, {
      config: access('job.write'),
      schema: {
        summary,
        params: idParams,
        body: { type: ['object', 'null'], additionalProperties: false, properties: action === 'cancel' ? { reason: { type: 'string', maxLength: 256 } } : { packIds: packList } },
        response: { 200: obj, ...errorResponses(400, 401, 403, 404, 409) },
      },
    }, async (req) => {
      const b = req.body ?? {};
      const id = req.params.id;
      const job = action === 'pickup' ? await restock.pickup(id, b.packIds) : action === 'deliver' ? await restock.deliver(id, b.packIds) : await restock.cancel(id, b.reason ?? 'cancelled by an operator');
      return jobView(job);
    });
  transition('pickup', 'The courier has the packs (all, or packIds): they go in transit to the destination; each must be where the job says');
  transition('deliver', 'The courier dropped the packs (all carried, or packIds): into the store\'s back room, onto a warehouse shelf, or out of service');
  transition('cancel', 'Cancel a job not yet picked up');

  app.get<{ Querystring: { kind?: AlertKind; storeId?: string; open?: boolean; limit: number } }>('/v1/alerts', {
    config: access('alert.read', { storeId: 'store' }),
    schema: {
      summary: 'Restock alerts, newest first: stock-out or full return slots projected within CF_RESTOCK_ALERT_H, a hot pack idle in a slot, a pack that never arrived. Managers see their stores\' alerts',
      querystring: { type: 'object', additionalProperties: false, properties: { kind: { type: 'string', enum: [...ALERT_KINDS] }, storeId: deviceId, open: { type: 'boolean' }, limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 100 } } },
      response: { 200: { type: 'object', properties: { alerts: { type: 'array', items: obj } } }, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req) => {
    const q = req.query;
    const storeId = storesFor(viewOf(req, kiosksOf), q.storeId);
    const rows = await restock.listAlerts({ limit: q.limit, ...(q.kind ? { kind: q.kind } : {}), ...(storeId !== undefined ? { storeId } : {}), ...(q.open ? { openOnly: true } : {}) });
    return { alerts: rows.map(alertView) };
  });

  app.get<{ Querystring: { after?: number } }>('/v1/alerts/stream', {
    config: access('alert.read'),
    schema: {
      summary: 'Alerts as server-sent events ("alert" when raised, "resolved" when over); after a reconnect, Last-Event-ID (or ?after=) replays what was raised meanwhile. Managers get their stores\' alerts',
      querystring: { type: 'object', additionalProperties: false, properties: { after: { type: 'integer', minimum: 0 } } },
    },
  }, (req, reply) => {
    const view = viewOf(req, kiosksOf);
    return streamAlerts(req, reply, deps, view.all ? undefined : [...view.storeIds]);
  });

  app.get<{ Querystring: { storeId?: string; reason?: string; limit: number } }>('/v1/withdrawals', {
    config: access('pack.read', { storeId: 'store' }),
    schema: {
      summary: 'Every pack that should leave service, with where it is and why: recalled lot, unsafe flag, repeated faults, SoH below the floor, low health score. Managers see packs in their stores',
      querystring: { type: 'object', additionalProperties: false, properties: { storeId: deviceId, reason: { type: 'string', enum: ['recalled', 'unsafe', 'faulty', 'worn', 'retired'] }, limit: { type: 'integer', minimum: 1, maximum: 100_000, default: 1000 } } },
      response: { 200: obj, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req) => {
    const q = req.query;
    const view = viewOf(req, kiosksOf);
    const mine = (storeId: string | null) => view.all || (storeId !== null && view.storeIds.has(storeId));
    const all = restock.withdrawals().filter((w) => mine(w.storeId) && (q.storeId === undefined || w.storeId === q.storeId) && (q.reason === undefined || w.reason === q.reason));
    const byReason: Record<string, number> = {};
    for (const w of all) byReason[w.reason] = (byReason[w.reason] ?? 0) + 1;
    return { total: all.length, byReason, withdrawals: all.slice(0, q.limit).map(withdrawalView) };
  });

  app.get('/v1/recalls', {
    config: access('fleet.operate'),
    schema: { summary: 'Recalled lots and the progress of each: withdrawn, with customers (flagged), in kiosks, back rooms, warehouses, in transit, lost', response: { 200: obj, ...errorResponses(401, 403) } },
  }, async () => ({ recalls: fleet.recalls().map((r) => progressView(restock.recallProgress(r.lot))) }));

  app.get<{ Params: { lot: string } }>('/v1/recalls/:lot', {
    config: access('fleet.operate'),
    schema: { summary: 'Progress of one recalled lot', params: lotParams, response: { 200: obj, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => progressView(restock.recallProgress(req.params.lot)));
}

export function progressView(p: ReturnType<NonNullable<ApiDeps['restock']>['recallProgress']>) {
  return { ...p, since: iso(p.sinceMs), sinceMs: undefined };
}

/** Server-sent events: a replay of what was raised after the client's last id, then live alerts and a heartbeat. */
async function streamAlerts(req: FastifyRequest<{ Querystring: { after?: number } }>, reply: FastifyReply, deps: ApiDeps, storeIds: readonly string[] | undefined): Promise<void> {
  const restock = deps.restock!;
  const mine = (a: AlertRecord) => storeIds === undefined || (a.storeId !== null && storeIds.includes(a.storeId));
  const lastHeader = req.headers['last-event-id'];
  const after = req.query.after ?? (typeof lastHeader === 'string' && /^\d{1,15}$/.test(lastHeader) ? Number(lastHeader) : undefined);
  let unsubscribe: () => void;
  const buffered: string[] = [];
  let replaying = true;
  const raw = reply.raw;
  const send = (s: string) => {
    if (replaying) buffered.push(s);
    else raw.write(s);
  };
  // Subscribe first, so nothing raised during the replay is missed (a duplicate id is skipped below).
  unsubscribe = restock.alerts.subscribe((e) => {
    if (mine(e.alert)) send(e.type === 'raised' ? `id: ${e.alert.id}\nevent: alert\ndata: ${JSON.stringify(alertView(e.alert))}\n\n` : `event: resolved\ndata: ${JSON.stringify(alertView(e.alert))}\n\n`);
  });
  reply.hijack();
  raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  raw.write(': chargefleet alerts\n\n');
  let lastId = after ?? 0;
  if (after !== undefined) {
    for (const a of await restock.listAlerts({ afterId: after, limit: 1000, ...(storeIds !== undefined ? { storeId: storeIds } : {}) })) {
      raw.write(`id: ${a.id}\nevent: alert\ndata: ${JSON.stringify(alertView(a))}\n\n`);
      lastId = Math.max(lastId, a.id);
    }
  }
  replaying = false;
  for (const s of buffered.splice(0)) {
    const m = /^id: (\d+)/.exec(s);
    if (m && Number(m[1]) <= lastId && after !== undefined) continue;
    raw.write(s);
  }
  const heartbeat = setInterval(() => raw.write(': ping\n\n'), 15_000);
  heartbeat.unref();
  const done = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.raw.once('close', done);
  raw.once('close', done);
}
