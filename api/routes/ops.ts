// Operations: health for load balancers and humans, Prometheus metrics, and the quarantine of rejected messages.
import type { FastifyInstance } from 'fastify';
import { access, callerHolds } from '../auth/access.ts';
import { errorResponses } from '../errors.ts';
import { iso } from '../views.ts';
import type { ApiDeps } from '../app.ts';

export function opsRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/healthz', {
    config: access('public'),
    schema: {
      summary: 'Liveness (200 ok or degraded, 503 when the store is down); with a credential holding health.read, also the state of the store, the spool, ingest and the broker',
      response: {
        200: { $ref: 'Health#' },
        503: { $ref: 'Health#' },
      },
    },
  }, async (req, reply) => {
    const h = deps.health();
    // Counters, versions and the last store error help an attacker as much as an operator.
    const body = callerHolds(req, 'health.read') ? h : { status: h.status, version: h.version, uptimeS: h.uptimeS, now: h.now };
    return reply.status(h.status === 'down' ? 503 : 200).send(body);
  });

  const metrics = deps.metrics;
  if (metrics) {
    app.get('/metrics', {
      config: access('metrics.read'),
      schema: {
        summary: 'Prometheus metrics (text exposition format): connections, readings by outcome, commit latency, spool depth, swap decisions, HTTP durations',
        produces: ['text/plain'],
        response: { 200: { type: 'string' }, ...errorResponses(401, 403) },
      },
    }, async (_req, reply) => {
      const { contentType, body } = await metrics.render();
      return reply.type(contentType).send(body);
    });
  }

  app.get<{ Querystring: { limit: number; cursor?: number; reason?: string; maxBytes: number } }>('/v1/quarantine', {
    config: access('quarantine.read'),
    schema: {
      summary: 'Rejected messages, newest first, with their raw bytes and reason code',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          cursor: { type: 'integer', minimum: 0 },
          reason: { type: 'string', pattern: '^CF_ERR_[A-Z_]+$' },
          // A page also ends once its payloads add up to maxBytes (at least one entry): never 80 MB in one answer.
          maxBytes: { type: 'integer', minimum: 1024, maximum: 16 * 1024 * 1024, default: 1024 * 1024 },
        },
      },
      response: {
        200: {
          type: 'object',
          required: ['items', 'total', 'nextCursor'],
          properties: {
            total: { type: 'integer' },
            nextCursor: { type: ['integer', 'null'] },
            items: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'at', 'deviceId', 'topic', 'reason', 'detail', 'payloadBase64', 'payloadBytes', 'keptBytes', 'sha256'],
                properties: {
                  id: { type: 'integer' }, at: { type: 'string' }, deviceId: { type: ['string', 'null'] }, topic: { type: 'string' }, reason: { type: 'string' }, detail: { type: 'string' },
                  payloadBase64: { type: 'string' },
                  // Size as received; keptBytes is what payloadBase64 holds (bounded, redacted); sha256 of the kept bytes.
                  payloadBytes: { type: 'integer' }, keptBytes: { type: 'integer' }, sha256: { type: ['string', 'null'] },
                },
              },
            },
          },
        },
        ...errorResponses(400, 401, 403),
      },
    },
  }, async (req) => {
    const { limit, cursor, reason, maxBytes } = req.query;
    const [rows, total] = await Promise.all([
      deps.registry.listQuarantine({ limit, maxBytes, ...(cursor !== undefined ? { cursor } : {}), ...(reason ? { reason } : {}) }),
      deps.registry.countQuarantine(),
    ]);
    const bytes = rows.reduce((n, r) => n + r.payload.length, 0);
    const more = rows.length > 0 && (rows.length === limit || bytes >= maxBytes);
    return {
      total,
      nextCursor: more ? (rows[rows.length - 1]!.id ?? null) : null,
      items: rows.map((r) => ({
        id: r.id ?? 0, at: iso(r.atMs), deviceId: r.deviceId, topic: r.topic, reason: r.reason, detail: r.detail,
        payloadBase64: Buffer.from(r.payload).toString('base64'), payloadBytes: r.payloadBytes ?? r.payload.length, keptBytes: r.payload.length, sha256: r.sha256 ?? null,
      })),
    };
  });
}
