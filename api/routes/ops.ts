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

  app.get<{ Querystring: { limit: number; cursor?: number; reason?: string; maxBytes: number } }>('/v1/quarantine', {
    preHandler: deps.guards.admin,
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
