// Every route declares who may call it, in one line, and this module enforces it before the body
// is read. Declare a route like this:
//
//   app.get('/v1/packs/:id', { config: access('pack.read', { id: 'pack' }), schema }, handler)
//
// - the scope ('pack.read') is a row of SCOPES in domain/access-policy.ts, the one table that says
//   which role holds it for all resources, for its own only, or not at all; add a row there for a
//   new kind of route rather than checking roles in a handler;
// - the second argument names the request fields (path params, then query) that identify a
//   resource, and its kind: where a role's rule is `own`, every named resource must be theirs,
//   else the answer is 404 (managers) or 403 (kiosks) and the attempt is logged;
// - a list route names nothing and filters what it returns with `viewOf(req)`.
// A route registered without a declaration makes buildApi throw, and tests/integration/
// access-matrix.test.ts walks every route for every role.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { decideAccess, holds, type Principal, type ResourceOwner, type Scope } from '../../domain/access-policy.ts';
import { CfError } from '../../domain/errors.ts';
import type { AccessService } from '../../services/access-service.ts';
import { clearSessionCookies, CSRF_HEADER, SESSION_COOKIE } from './cookies.ts';

export type ResourceKind = 'store' | 'kiosk' | 'pack' | 'token';

export interface AccessDeclaration {
  scope: Scope;
  /** Request field (path param or query) → the kind of resource it names. */
  names: Readonly<Record<string, ResourceKind>>;
}

/** One route as registered, with its declaration: the route × role test and the docs walk these. */
export interface RouteAccess {
  method: string;
  url: string;
  access: AccessDeclaration;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessDeclaration;
  }
  interface FastifyInstance {
    /** Every route (HEAD ones aside) with its access declaration, in registration order. */
    routeAccess: readonly RouteAccess[];
  }
  interface FastifyRequest {
    /** The authenticated caller; null on a public route called without (valid) credentials. */
    principal: Principal | null;
    /** Whether the caller sees everything this route shows, or only their own (list routes filter by it). */
    accessRule: 'all' | 'own';
  }
}

/** The route option that declares a route's scope: `{ config: access('pack.read', { id: 'pack' }) }`. */
export function access(scope: Scope, names: Readonly<Record<string, ResourceKind>> = {}): { access: AccessDeclaration } {
  return { access: { scope, names } };
}

/**
 * Routes that plugins register and that cannot carry our config (the API page's files; static
 * files such as a dashboard's assets under their own prefix): public, by prefix. Never add '/':
 * every undeclared route would become public. The data those pages read stays behind the scopes.
 */
export const PUBLIC_PREFIXES: readonly string[] = ['/docs', '/ui'];

export interface Owners {
  /** Who owns the named resource; null when there is no such resource. */
  resolve(kind: ResourceKind, id: string): ResourceOwner | null;
}

/** Refuses, at registration, any route that declares no scope; records the others in `app.routeAccess`. */
export function requireDeclaredAccess(app: FastifyInstance): void {
  const routes: RouteAccess[] = [];
  app.decorate('routeAccess', routes);
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: AccessDeclaration };
    let decl = config.access;
    if (!decl && PUBLIC_PREFIXES.some((p) => route.url === p || route.url.startsWith(`${p}/`))) {
      decl = { scope: 'public', names: {} };
      route.config = { ...config, access: decl } as never;
    }
    if (!decl) throw new Error(`route ${String(route.method)} ${route.url} declares no access scope: add \`config: access('<scope>', ...)\` (api/auth/access.ts)`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, access: decl });
  });
}

/**
 * Authenticates and authorises in onRequest, before the body is read (issue 9 finding 8: an
 * anonymous 60 MB import was parsed before its 401).
 */
export function installAccessCheck(app: FastifyInstance, credentials: AccessService, owners: Owners): void {
  const refusalLog = new LineBudget(100, 60_000);
  app.decorateRequest('principal', null);
  app.decorateRequest('accessRule', 'all');
  app.addHook('onRequest', async (req, reply) => {
    const decl = req.routeOptions.config.access;
    if (!decl) return; // no route matched: the not-found handler answers
    const who = await identify(req, credentials);
    if (decl.scope === 'public') {
      if ('principal' in who) req.principal = who.principal;
      return;
    }
    if ('error' in who) {
      if (who.fromCookie) clearSessionCookies(reply);
      throw new CfError(who.error);
    }
    req.principal = who.principal;
    if (who.sessionSecret !== undefined && !SAFE_METHODS.has(req.method)) checkCsrf(req, credentials.csrfToken(who.sessionSecret));
    const named = namedResources(req, decl);
    const decision = decideAccess(who.principal, decl.scope, named.map(({ kind, id }) => owners.resolve(kind, id)));
    if (!decision.allowed) {
      const p = who.principal;
      const suppressed = refusalLog.take(Date.now());
      if (suppressed !== null) req.log.warn({ role: p.role, who: p.label, credential: p.credentialId, scope: decl.scope, resources: named, why: decision.why, ...(suppressed > 0 ? { suppressedLines: suppressed } : {}) }, 'access refused');
      if (decision.status === 404) throw notFound(named[0]?.kind);
      throw new CfError('CF_ERR_AUTH_FORBIDDEN', decision.why === 'out_of_scope' ? `${p.label} may act only for its own ${named[0]?.kind ?? 'resources'}` : `${p.role} may not use ${decl.scope}`);
    }
    req.accessRule = decision.rule;
  });
}

/** The principal of a route that is not public (the check above guarantees one). */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new CfError('CF_ERR_AUTH_MISSING');
  return req.principal;
}

/** True when the caller holds `scope` at all: for details a handler adds (the full /healthz). */
export function callerHolds(req: FastifyRequest, scope: Scope): boolean {
  return holds(req.principal, scope);
}

/** What a list route may show this caller. */
export interface View {
  all: boolean;
  storeIds: ReadonlySet<string>;
  kioskIds: ReadonlySet<string>;
  userId: string | null;
}

/** The caller's view for this route: everything where their rule is `all`, else what they own. */
export function viewOf(req: FastifyRequest, kiosksOfStore: (storeId: string) => readonly string[]): View {
  const p = principalOf(req);
  if (req.accessRule === 'all') return { all: true, storeIds: new Set(), kioskIds: new Set(), userId: p.userId };
  const storeIds = new Set(p.storeIds);
  const kioskIds = new Set<string>(p.kioskId !== null ? [p.kioskId] : []);
  for (const s of storeIds) for (const k of kiosksOfStore(s)) kioskIds.add(k);
  return { all: false, storeIds, kioskIds, userId: p.userId };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * At most `lines` refusal lines per window: a token holder probing others' resources must not turn
 * the log into the flood. Returns null when over budget, else how many lines were skipped before.
 * (broker/log-limiter.ts does the same for the device edge; api/ does not import broker/.)
 */
class LineBudget {
  private windowStartMs = 0;
  private used = 0;
  private skipped = 0;
  constructor(
    private readonly lines: number,
    private readonly windowMs: number,
  ) {}
  take(nowMs: number): number | null {
    if (nowMs - this.windowStartMs >= this.windowMs) {
      this.windowStartMs = nowMs;
      this.used = 0;
    }
    if (this.used >= this.lines) {
      this.skipped++;
      return null;
    }
    this.used++;
    const skipped = this.skipped;
    this.skipped = 0;
    return skipped;
  }
}

type Identified = { principal: Principal; sessionSecret?: string } | { error: 'CF_ERR_AUTH_MISSING' | 'CF_ERR_AUTH_INVALID'; fromCookie: boolean };

/** A bearer token wins over a cookie; a session secret is never accepted as a bearer token, nor a token as a cookie. */
async function identify(req: FastifyRequest, credentials: AccessService): Promise<Identified> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer[ \t]+([\x21-\x7e]{1,512})[ \t]*$/i.exec(header);
    const principal = m ? await credentials.fromBearer(m[1]!) : null;
    return principal ? { principal } : { error: 'CF_ERR_AUTH_INVALID', fromCookie: false };
  }
  const secret = req.cookies?.[SESSION_COOKIE];
  if (secret === undefined || secret === '') return { error: 'CF_ERR_AUTH_MISSING', fromCookie: false };
  // A session secret is 43 base64url characters; anything else is garbage, and garbage means logged out.
  const s = /^[A-Za-z0-9_-]{20,128}$/.test(secret) ? credentials.fromSession(secret) : null;
  return s ? { principal: s.principal, sessionSecret: secret } : { error: 'CF_ERR_AUTH_INVALID', fromCookie: true };
}

function checkCsrf(req: FastifyRequest, expected: string): void {
  const got = req.headers[CSRF_HEADER];
  const a = Buffer.from(typeof got === 'string' ? got : '');
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new CfError('CF_ERR_AUTH_CSRF');
}

function namedResources(req: FastifyRequest, decl: AccessDeclaration): { kind: ResourceKind; id: string }[] {
  const out: { kind: ResourceKind; id: string }[] = [];
  const params = (req.params ?? {}) as Record<string, unknown>;
  const query = (req.query ?? {}) as Record<string, unknown>;
  for (const [field, kind] of Object.entries(decl.names)) {
    const v = params[field] ?? query[field];
    if (v === undefined) continue;
    // A repeated query field names several resources: each one must be the caller's.
    for (const id of Array.isArray(v) ? v : [v]) out.push({ kind, id: String(id) });
  }
  return out;
}

function notFound(kind: ResourceKind | undefined): CfError {
  switch (kind) {
    case 'pack':
      return new CfError('CF_ERR_PACK_NOT_FOUND');
    case 'kiosk':
      return new CfError('CF_ERR_KIOSK_NOT_FOUND');
    case 'store':
      return new CfError('CF_ERR_SHOP_NOT_FOUND');
    case 'token':
      return new CfError('CF_ERR_TOKEN_NOT_FOUND');
    default:
      return new CfError('CF_ERR_HTTP_NOT_FOUND');
  }
}

