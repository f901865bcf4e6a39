// Serves the dashboard (web/): one HTML shell at every page address, its modules and styles under
// /ui/, and the library files it imports (Preact, htm, uPlot) under /ui/vendor/, straight from
// node_modules as the packages ship them: no build step, nothing fetched from the network. The
// shell and the files hold no data; every figure the pages show comes from the scoped API.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { access } from './auth/access.ts';

export const WEB_ROOT = fileURLToPath(new URL('../web/', import.meta.url));

/** The dashboard's page addresses (the browser app routes between them without reloading). */
export const PAGE_PATHS = ['/', '/login', '/account', '/stores', '/stores/:id', '/packs/:id', '/swaps', '/quarantine', '/devices', '/restock', '/nudges'] as const;

const require = createRequire(import.meta.url);
/** The only library files served, each from its package's dist folder (resolved, never a path from the request). */
export const VENDOR_FILES: Readonly<Record<string, string>> = {
  'preact.module.js': dirname(require.resolve('preact')),
  'hooks.module.js': dirname(require.resolve('preact/hooks')),
  'htm.module.js': dirname(require.resolve('htm')),
  'uPlot.esm.js': dirname(require.resolve('uplot')),
  'uPlot.min.css': dirname(require.resolve('uplot')),
};

const SERVED_TYPES = new Set(['.js', '.css', '.svg', '.ico']);

/** The shell with the Content-Security-Policy that lets exactly its import map run inline. */
export function loadShell(): { html: string; csp: string } {
  const html = readFileSync(new URL('index.html', `file://${WEB_ROOT}`), 'utf8');
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (importMap === undefined) throw new Error('web/index.html has no import map');
  const hash = createHash('sha256').update(importMap).digest('base64');
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'sha256-${hash}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, csp };
}

const securityHeaders = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY' } as const;

export async function webAppRoutes(app: FastifyInstance): Promise<void> {
  const shell = loadShell();
  const setHeaders = (res: { setHeader(k: string, v: string): void }) => {
    for (const [k, v] of Object.entries(securityHeaders)) res.setHeader(k, v);
  };
  await app.register(fastifyStatic, {
    root: WEB_ROOT,
    prefix: '/ui/',
    index: false,
    setHeaders,
    allowedPath: (path) => SERVED_TYPES.has(extname(path)),
  });
  await app.register(fastifyStatic, {
    root: [...new Set(Object.values(VENDOR_FILES))],
    prefix: '/ui/vendor/',
    decorateReply: false,
    index: false,
    setHeaders,
    allowedPath: (path) => Object.hasOwn(VENDOR_FILES, path.replace(/^\//, '')),
  });
  for (const url of PAGE_PATHS) {
    app.get(url, {
      config: access('public'),
      schema: {
        summary: 'A page of the dashboard: the same HTML shell at every page address; the page loads its data from the API with the session cookie',
        response: { 200: { type: 'string', description: 'text/html' } },
      },
    }, async (_req, reply) => {
      reply.headers({ ...securityHeaders, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'content-security-policy': shell.csp });
      return shell.html;
    });
  }
}
