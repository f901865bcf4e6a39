// Builds an OpenAPI 3.1 document from the routes' own JSON schemas, so the docs cannot drift
// from what fastify validates. Served at GET /openapi.json.
import type { FastifyInstance, RouteOptions } from 'fastify';

declare module 'fastify' {
  interface FastifySchema {
    summary?: string;
    description?: string;
    tags?: string[];
  }
}

type Json = Record<string, unknown>;

export function collectOpenApi(app: FastifyInstance, info: { title: string; version: string }): () => Json {
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (r) => {
    if (r.schema && !(r.schema as { hide?: boolean }).hide) routes.push(r);
  });
  return () => {
    const paths: Record<string, Json> = {};
    const schemas: Json = {};
    for (const s of Object.values(app.getSchemas()) as Json[]) schemas[String(s.$id)] = stripId(s);
    for (const r of routes) {
      const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const methods = (Array.isArray(r.method) ? r.method : [r.method]).map((m) => m.toLowerCase()).filter((m) => m !== 'head');
      const s = r.schema as Json & { params?: Json; querystring?: Json; body?: Json; response?: Record<string, Json> };
      const parameters: Json[] = [];
      for (const [where, schema] of [['path', s.params], ['query', s.querystring]] as const) {
        const props = (schema?.properties ?? {}) as Record<string, Json>;
        const required = new Set((schema?.required as string[] | undefined) ?? []);
        for (const [name, p] of Object.entries(props)) parameters.push({ name, in: where, required: where === 'path' || required.has(name), ...(typeof p.description === 'string' ? { description: p.description } : {}), schema: p });
      }
      const responses: Json = {};
      for (const [code, schema] of Object.entries(s.response ?? {})) {
        responses[code] = { description: code.startsWith('2') ? 'OK' : 'Error', content: { 'application/json': { schema: refs(schema) } } };
      }
      for (const m of methods) {
        paths[path] = {
          ...(paths[path] ?? {}),
          [m]: {
            summary: s.summary ?? '',
            ...(s.description ? { description: s.description } : {}),
            ...(parameters.length ? { parameters } : {}),
            ...(s.body ? { requestBody: { required: true, content: { 'application/json': { schema: s.body } } } } : {}),
            responses,
            ...(r.preHandler ? { security: [{ bearer: [] }] } : {}),
          },
        };
      }
    }
    return {
      openapi: '3.1.0',
      info,
      paths,
      components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    };
  };
}

function stripId(s: Json): Json {
  const { $id: _id, ...rest } = s;
  return rest;
}

/** `ErrorBody#` style refs become OpenAPI component refs. */
function refs(schema: Json): Json {
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.endsWith('#')) return { $ref: `#/components/schemas/${ref.slice(0, -1)}` };
  return schema;
}
