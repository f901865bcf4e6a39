// Maps every error to one body shape, {error:{code,message,details?}}, from the domain catalogue.
// 5xx answers never carry internals: the log gets the cause, the client gets the code.
import type { FastifyError, FastifyInstance, FastifySchemaValidationError } from 'fastify';
import { CfError, ERRORS } from '../domain/errors.ts';
import { ID_RULE } from '../domain/topics.ts';
import { deviceId } from './schemas.ts';

export const errorBodySchema = {
  $id: 'ErrorBody',
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {},
      },
    },
  },
} as const;

export function installErrorHandling(app: FastifyInstance): void {
  app.addSchema(errorBodySchema);
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ error: { code: 'CF_ERR_HTTP_NOT_FOUND', message: `${ERRORS.CF_ERR_HTTP_NOT_FOUND.message}: ${req.method} ${req.url.split('?')[0]}` } });
  });
  app.setErrorHandler((err: FastifyError | CfError | Error, req, reply) => {
    if (err instanceof CfError) {
      const retryAfterS = (err.details as { retryAfterS?: unknown } | undefined)?.retryAfterS;
      if (typeof retryAfterS === 'number') void reply.header('retry-after', String(retryAfterS));
      else if (err.retryable) void reply.header('retry-after', '1');
      if (err.status >= 500) {
        // The cause (a DuckDB or InfluxDB message, a path) goes to the log; the client gets the code.
        req.log.error({ err }, 'request failed');
        return reply.status(err.status).send({ error: { code: err.code, message: (ERRORS as Record<string, { message: string }>)[err.code]?.message ?? ERRORS.CF_ERR_HTTP_INTERNAL.message } });
      }
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } });
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      // An id that breaks the id rule is said in words, once per field, not as the raw regex.
      const seen = new Set<string>();
      const details = fe.validation
        .map((v) => ({ where: fe.validationContext, path: v.instancePath || '/', message: isIdRuleError(v) ? `must be ${ID_RULE}` : (v.message ?? 'invalid') }))
        .filter((d) => !seen.has(`${d.path} ${d.message}`) && seen.add(`${d.path} ${d.message}`));
      const allIds = fe.validation.every(isIdRuleError);
      // On a pack, kiosk or device route the id is a device id: the catalogue has a code for that.
      const deviceRoute = /^\/v1\/(devices|packs|kiosks)\b/.test(req.routeOptions.url ?? '');
      const code = allIds && deviceRoute ? 'CF_ERR_DEVICE_ID_INVALID' : 'CF_ERR_HTTP_BAD_REQUEST';
      return reply.status(400).send({ error: { code, message: `Invalid ${fe.validationContext ?? 'request'}: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, details } });
    }
    if (fe.statusCode === 413) {
      const limit = req.routeOptions.bodyLimit;
      return reply.status(413).send({ error: { code: 'CF_ERR_HTTP_PAYLOAD_TOO_LARGE', message: `${ERRORS.CF_ERR_HTTP_PAYLOAD_TOO_LARGE.message}: this route takes at most ${limit} bytes`, details: { maxBytes: limit } } });
    }
    if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
      // fastify's own 4xx (bad JSON, wrong content type): the message is about the request, safe to show.
      return reply.status(fe.statusCode).send({ error: { code: 'CF_ERR_HTTP_BAD_REQUEST', message: fe.message } });
    }
    req.log.error({ err }, 'request failed');
    return reply.status(500).send({ error: { code: 'CF_ERR_HTTP_INTERNAL', message: ERRORS.CF_ERR_HTTP_INTERNAL.message } });
  });
}

/** A failure of the shared id schema (api/schemas.ts deviceId): its pattern or its length. */
function isIdRuleError(v: FastifySchemaValidationError): boolean {
  const params = v.params as { pattern?: string; limit?: number };
  return (v.keyword === 'pattern' && params.pattern === deviceId.pattern) || (v.keyword === 'maxLength' && params.limit === deviceId.maxLength && /id$/i.test(v.instancePath));
}

/** Response schemas for the error statuses a route may answer. */
export function errorResponses(...statuses: number[]): Record<number, { $ref: string }> {
  const out: Record<number, { $ref: string }> = {};
  for (const s of statuses) out[s] = { $ref: 'ErrorBody#' };
  return out;
}
