// Nudge routes: the ledger of nudges and suppressed nudges, daily stats with the holdout beside the
// treated group, one customer's learned profile, consent changes, and the signed opt-out link that
// works without a bearer token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CfError } from '../../domain/errors.ts';
import { SUPPRESS_REASONS } from '../../domain/nudge/nudge-policy.ts';
import type { NudgeRecord } from '../../store/nudge-ledger.ts';
import type { NudgeService } from '../../services/nudge-service.ts';
import { access } from '../auth/access.ts';
import { errorResponses } from '../errors.ts';
import { deviceId, idParams, timeParam } from '../schemas.ts';
import { parseRange } from '../time-params.ts';
import { iso } from '../views.ts';
import type { ApiDeps } from '../app.ts';

export type NudgeApi = Pick<NudgeService, 'list' | 'stats' | 'profile' | 'setConsent' | 'checkOptOut'>;

const nullableStr = { type: ['string', 'null'] } as const;
const nullableNum = { type: ['number', 'null'] } as const;
const nudgeSchema = {
  type: 'object',
  required: ['nudgeId', 'customerId', 'packId', 'at', 'policy', 'outcome', 'reason', 'reasons', 'holdout'],
  properties: {
    nudgeId: { type: 'string' }, customerId: { type: 'string' }, packId: { type: 'string' }, at: { type: 'string' },
    policy: { type: 'string' }, outcome: { type: 'string', enum: ['sent', 'suppressed'] }, reason: nullableStr,
    reasons: { type: 'array', items: { type: 'string' } }, holdout: { type: 'boolean' },
    socPct: { type: 'number' }, timeToEmptyMin: nullableNum, leadMin: nullableNum,
    storeId: nullableStr, kioskId: nullableStr, distanceM: nullableNum, chargedPacks: nullableNum,
    hold: { anyOf: [{ type: 'null' }, { type: 'object', properties: { packId: { type: 'string' }, until: { type: 'string' } } }] },
    channel: nullableStr, text: nullableStr, deferredUntil: nullableStr,
    delivery: nullableStr, deliveredAt: nullableStr, attempts: { type: 'integer' },
    conversion: { anyOf: [{ type: 'null' }, { type: 'object', properties: { at: { type: 'string' }, kioskId: { type: 'string' }, requestId: { type: 'string' } } }] },
  },
} as const;

function nudgeView(n: NudgeRecord) {
  return {
    nudgeId: n.nudgeId, customerId: n.customerId, packId: n.packId, at: iso(n.atMs), policy: n.policy, outcome: n.outcome, reason: n.reason, reasons: n.reasons, holdout: n.holdout,
    socPct: n.socPct, timeToEmptyMin: n.timeToEmptyMin === null ? null : Math.round(n.timeToEmptyMin), leadMin: n.leadMin,
    storeId: n.storeId, kioskId: n.kioskId, distanceM: n.distanceM, chargedPacks: n.chargedPacks,
    hold: n.holdPackId && n.holdUntilMs !== null ? { packId: n.holdPackId, until: iso(n.holdUntilMs) } : null,
    channel: n.channel, text: n.text, deferredUntil: iso(n.deferredUntilMs), delivery: n.delivery, deliveredAt: iso(n.deliveredAtMs), attempts: n.attempts,
    conversion: n.convertedAtMs !== null ? { at: iso(n.convertedAtMs), kioskId: n.convertedKioskId, requestId: n.convertedRequestId } : null,
  };
}

const linkQuery = {
  type: 'object',
  required: ['customerId', 'expires', 'sig'],
  additionalProperties: false,
  properties: { customerId: deviceId, expires: { type: 'integer', minimum: 0, maximum: 99_999_999_999 }, sig: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;
type LinkQuery = { customerId: string; expires: number; sig: string };

export function nudgeRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const nudges = deps.nudges;
  if (!nudges) return;

  app.get<{ Querystring: { customerId?: string; from?: string; to?: string; outcome?: 'sent' | 'suppressed'; reason?: string; limit: number } }>('/v1/nudges', {
    config: access('nudge.read'),
    schema: {
      summary: 'Every nudge and every suppressed nudge with its reason codes, delivery and conversion; newest first (default: the last 7 days)',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { customerId: deviceId, from: timeParam, to: timeParam, outcome: { type: 'string', enum: ['sent', 'suppressed'] }, reason: { type: 'string', enum: [...SUPPRESS_REASONS] }, limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 100 } },
      },
      response: { 200: { type: 'object', required: ['nudges'], properties: { nudges: { type: 'array', items: nudgeSchema } } }, ...errorResponses(400, 401, 403) },
    },
  }, async (req) => {
    const q = req.query;
    const { fromMs, toMs } = parseRange(q, deps.clock.now(), 7 * 86_400_000);
    const rows = await nudges.list({ fromMs, toMs, limit: q.limit, ...(q.customerId ? { customerId: q.customerId } : {}), ...(q.outcome ? { outcome: q.outcome } : {}), ...(q.reason ? { reason: q.reason } : {}) });
    return { nudges: rows.map(nudgeView) };
  });

  app.get<{ Querystring: { from?: string; to?: string } }>('/v1/nudges/stats', {
    config: access('nudge.read'),
    schema: {
      summary: 'By UTC day: nudges sent, suppressed by reason, converted, delivered; the same for the holdout group (its would-be nudges), and the conversion rates (default: the last 7 days)',
      querystring: { type: 'object', additionalProperties: false, properties: { from: timeParam, to: timeParam } },
      response: {
        200: {
          type: 'object',
          required: ['days', 'total'],
          properties: {
            days: { type: 'array', items: { type: 'object', additionalProperties: true } },
            total: { type: 'object', additionalProperties: true },
          },
        },
        ...errorResponses(400, 401, 403),
      },
    },
  }, async (req) => {
    const { fromMs, toMs } = parseRange(req.query, deps.clock.now(), 7 * 86_400_000);
    const rows = await nudges.stats(fromMs, toMs);
    type Group = { sent: number; converted: number; conversionRate: number | null; suppressed: Record<string, number>; delivered: number; failed: number };
    const empty = (): Group => ({ sent: 0, converted: 0, conversionRate: null, suppressed: {}, delivered: 0, failed: 0 });
    const add = (g: Group, r: (typeof rows)[number]) => {
      g.sent += r.sent;
      g.converted += r.converted;
      g.delivered += r.delivered;
      g.failed += r.failed;
      for (const [k, n] of Object.entries(r.suppressed)) g.suppressed[k] = (g.suppressed[k] ?? 0) + n;
      g.conversionRate = g.sent > 0 ? Math.round((g.converted / g.sent) * 1000) / 1000 : null;
    };
    const days = new Map<string, { day: string; treated: Group; holdout: Group }>();
    const total = { treated: empty(), holdout: empty() };
    for (const r of rows) {
      let d = days.get(r.day);
      if (!d) days.set(r.day, (d = { day: r.day, treated: empty(), holdout: empty() }));
      add(d[r.group], r);
      add(total[r.group], r);
    }
    const t = total.treated.conversionRate;
    const h = total.holdout.conversionRate;
    return { days: [...days.values()], total: { ...total, liftPct: t !== null && h !== null ? Math.round((t - h) * 1000) / 10 : null } };
  });

  app.get<{ Params: { id: string } }>('/v1/customers/:id/profile', {
    config: access('nudge.read'),
    schema: {
      summary: 'What the system has learned about one customer: discharge by hour of week, usual stores, swap hours, best lead time, answers to past nudges',
      params: idParams,
      response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req) => nudges.profile(req.params.id));

  app.post<{ Params: { id: string }; Body: { consent: boolean; channel?: 'mqtt' | 'webhook'; quietHours?: { startHour: number; endHour: number } | null } }>('/v1/customers/:id/consent', {
    config: access('customer.consent'),
    bodyLimit: 4096,
    // Before validation: the API coerces types, and "false" must not become consent withdrawn (or "1" consent given).
    preValidation: async (req) => {
      const body = req.body as { consent?: unknown } | null;
      if (body === null || typeof body !== 'object' || typeof body.consent !== 'boolean') throw new CfError('CF_ERR_HTTP_BAD_REQUEST', 'consent must be the JSON value true or false');
    },
    schema: {
      summary: 'Give or withdraw consent to nudges (and set the channel and quiet hours); withdrawing takes effect at once and cancels undelivered nudges',
      params: idParams,
      body: {
        type: 'object',
        required: ['consent'],
        additionalProperties: false,
        properties: {
          consent: { type: 'boolean' },
          channel: { type: 'string', enum: ['mqtt', 'webhook'] },
          quietHours: {
            anyOf: [
              { type: 'null' },
              { type: 'object', required: ['startHour', 'endHour'], additionalProperties: false, properties: { startHour: { type: 'integer', minimum: 0, maximum: 23 }, endHour: { type: 'integer', minimum: 0, maximum: 23 } } },
            ],
          },
        },
      },
      response: { 200: { type: 'object', properties: { customerId: { type: 'string' }, nudgePrefs: { type: 'object', additionalProperties: true }, cancelled: { type: 'integer' } } }, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req) => {
    const { customer, cancelled } = await nudges.setConsent(req.params.id, req.body, 'api');
    return { customerId: customer.id, nudgePrefs: customer.nudgePrefs, cancelled };
  });

  // The opt-out link: no bearer token, the HMAC in the link is the authority. GET shows a page with
  // one button (link scanners fetch GET, so GET changes nothing); POST opts out (one click, RFC 8058
  // style). In a scope of their own, so the form body parser they need applies to nothing else.
  app.register(async (scope) => optOutRoutes(scope, nudges));
}

function optOutRoutes(app: FastifyInstance, nudges: NudgeApi): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));

  const checked = (q: LinkQuery) => nudges.checkOptOut({ customerId: q.customerId, expiresS: q.expires, sig: q.sig });
  const wantsHtml = (req: FastifyRequest) => /text\/html/.test(String(req.headers.accept ?? ''));
  const page = (reply: FastifyReply, status: number, title: string, body: string) =>
    reply.status(status).type('text/html; charset=utf-8').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head><body style="font-family:sans-serif;max-width:32em;margin:3em auto"><h1>${title}</h1>${body}</body></html>`);

  // Public: the signature in the link is the credential (checked in the handler).
  app.get<{ Querystring: LinkQuery }>('/v1/nudges/opt-out', {
    config: access('public'),
    schema: { summary: 'Anyone holding a signed opt-out link (no bearer token): a page with one button that stops nudges', querystring: linkQuery },
  }, async (req, reply) => {
    try {
      checked(req.query);
    } catch (err) {
      if (!(err instanceof CfError)) throw err;
      return page(reply, err.status, 'This link does not work', `<p>${escapeHtml(err.message)} (${err.code}).</p>`);
    }
    const action = `/v1/nudges/opt-out?${new URLSearchParams({ customerId: req.query.customerId, expires: String(req.query.expires), sig: req.query.sig })}`;
    return page(reply, 200, 'Stop low-battery nudges?', `<p>You will get no more messages about your charger pack running low.</p><form method="post" action="${escapeHtml(action)}"><button type="submit">Stop nudges</button></form>`);
  });

  app.post<{ Querystring: LinkQuery }>('/v1/nudges/opt-out', {
    config: access('public'),
    bodyLimit: 4096,
    schema: {
      summary: 'Anyone holding a signed opt-out link (no bearer token): stops nudges at once and cancels undelivered ones',
      querystring: linkQuery,
      response: { 200: { type: 'object', properties: { customerId: { type: 'string' }, consent: { type: 'boolean' }, cancelled: { type: 'integer' } } }, ...errorResponses(400, 403, 404, 410) },
    },
  }, async (req, reply) => {
    checked(req.query);
    const { cancelled } = await nudges.setConsent(req.query.customerId, { consent: false }, 'link');
    if (wantsHtml(req)) return page(reply, 200, 'Nudges stopped', '<p>You will get no more low-battery nudges. You can turn them back on in the app.</p>');
    return { customerId: req.query.customerId, consent: false, cancelled };
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
