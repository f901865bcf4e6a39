// Operations: health for load balancers and humans, and the quarantine of rejected messages.
import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../errors.ts';
import { iso } from '../views.ts';
import type { ApiDeps } from '../app.ts';

export function opsRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/healthz', {
    schema: {
      summary: 'Liveness and the state of the store, the spool, ingest and the broker (200 ok or degraded, 503 when the store is down)',
      response: {
        200: { $ref: 'Health#' },
        503: { $ref: 'Health#' },
      },
    },
  }, async (_req, reply) => {
    const h = deps.health();
    return reply.status(h.status === 'down' ? 503 : 200).send(h);
  });

  app.get<{ Querystring: { limit: number; cursor?: number; reason?: string } }>('/v1/quarantine', {
    preHandler: deps.guards.admin,
    schema: {
      summary: 'Rejected messages, newest first, with their raw bytes and reason code',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 }, cursor: { type: 'integer', minimum: 0 }, reason: { type: 'string', pattern: '^CF_ERR_[A-Z_]+$' } },
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
                required: ['id', 'at', 'deviceId', 'topic', 'reason', 'detail', 'payloadBase64', 'payloadBytes'],
                properties: { id: { type: 'integer' }, at: { type: 'string' }, deviceId: { type: ['string', 'null'] }, topic: { type: 'string' }, reason: { type: 'string' }, detail: { type: 'string' }, payloadBase64: { type: 'string' }, payloadBytes: { type: 'integer' } },
              },
            },
          },
        },
        ...errorResponses(400, 401, 403),
      },
    },
  }, async (req) => {
    const { limit, cursor, reason } = req.query;
    const [rows, total] = await Promise.all([
      deps.registry.listQuarantine({ limit, ...(cursor !== undefined ? { cursor } : {}), ...(reason ? { reason } : {}) }),
      deps.registry.countQuarantine(),
    ]);
    return {
      total,
      nextCursor: rows.length === limit ? (rows[rows.length - 1]!.id ?? null) : null,
      items: rows.map((r) => ({ id: r.id ?? 0, at: iso(r.atMs), deviceId: r.deviceId, topic: r.topic, reason: r.reason, detail: r.detail, payloadBase64: Buffer.from(r.payload).toString('base64'), payloadBytes: r.payload.length })),
    };
  });
}
