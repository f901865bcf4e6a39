// Logging in and out of the browser session, who am I, and changing one's own password. The
// contract for a browser app: POST /v1/auth/login with JSON sets an HttpOnly session cookie and
// answers a CSRF token (also in the readable cf_csrf cookie); every state-changing request with the
// cookie echoes it in x-csrf-token; GET /v1/auth/me says who is logged in and what they may do.
import type { FastifyInstance } from 'fastify';
import { LIFETIME, ROLES, SCOPES, ruleFor, sessionEndsAtMs, type Principal, type Rule, type Scope } from '../../domain/access-policy.ts';
import type { UserRecord } from '../../store/accounts.ts';
import { access, principalOf } from '../auth/access.ts';
import { clearSessionCookies, SESSION_COOKIE, setSessionCookies } from '../auth/cookies.ts';
import { errorResponses } from '../errors.ts';
import { iso } from '../views.ts';
import type { ApiDeps } from '../app.ts';

export const userSchema = {
  type: 'object',
  required: ['id', 'email', 'name', 'role', 'storeIds', 'mustChangePassword', 'createdAt', 'disabledAt'],
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: ['admin', 'operator', 'manager'] },
    storeIds: { type: 'array', items: { type: 'string' }, description: 'A manager\'s stores; empty for other roles (they see every store)' },
    mustChangePassword: { type: 'boolean', description: 'True until the person replaced their one-time password' },
    createdAt: { type: 'string' },
    disabledAt: { type: ['string', 'null'] },
  },
} as const;

export function userView(u: UserRecord) {
  return { id: u.id, email: u.email, name: u.name, role: u.role, storeIds: [...u.storeIds], mustChangePassword: u.mustChangePassword, createdAt: iso(u.createdAtMs)!, disabledAt: iso(u.disabledAtMs) };
}

const password = { type: 'string', minLength: 1, maxLength: 1024 } as const;
const scopeRules = { type: 'object', additionalProperties: { type: 'string', enum: ['all', 'own', 'none'] }, description: 'What the caller may do: for each scope, all resources, their own only, or none (domain/access-policy.ts)' } as const;

export function authRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const creds = deps.credentials;

  app.post<{ Body: { email: string; password: string; newPassword?: string } }>('/v1/auth/login', {
    config: access('public'),
    bodyLimit: 4096,
    schema: {
      summary: 'Log in with email and password: sets the session cookie (HttpOnly, SameSite=Strict) and answers the CSRF token. With a one-time password, newPassword is required and becomes the password',
      body: {
        type: 'object',
        required: ['email', 'password'],
        additionalProperties: false,
        properties: { email: { type: 'string', minLength: 3, maxLength: 254 }, password, newPassword: password },
      },
      response: {
        200: {
          type: 'object',
          required: ['user', 'csrfToken', 'session'],
          properties: {
            user: userSchema,
            csrfToken: { type: 'string', description: 'Send it as x-csrf-token on every POST/PATCH/DELETE made with the session cookie' },
            session: { type: 'object', required: ['id', 'expiresAt'], properties: { id: { type: 'string' }, expiresAt: { type: 'string' } } },
          },
        },
        ...errorResponses(400, 401, 403, 429, 503),
      },
    },
  }, async (req, reply) => {
    const r = await creds.login({ email: req.body.email, password: req.body.password, ...(req.body.newPassword !== undefined ? { newPassword: req.body.newPassword } : {}), address: req.ip, userAgent: String(req.headers['user-agent'] ?? '') });
    setSessionCookies(reply, { secret: r.sessionSecret, csrfToken: r.csrfToken, maxAgeS: Math.floor((LIFETIME[r.user.role].sessionMaxMs ?? 0) / 1000), forceSecure: deps.secureCookies });
    return { user: userView(r.user), csrfToken: r.csrfToken, session: { id: r.session.id, expiresAt: iso(sessionEndsAtMs(r.user.role, r.session.createdAtMs, r.session.lastSeenAtMs))! } };
  });

  app.post('/v1/auth/logout', {
    config: access('self'),
    schema: { summary: 'End this browser session (a bearer token is unaffected: revoke it with DELETE /v1/tokens/:id)', response: { 204: { type: 'null' }, ...errorResponses(401, 403) } },
  }, async (req, reply) => {
    await creds.logout(principalOf(req));
    clearSessionCookies(reply);
    return reply.status(204).send();
  });

  app.get('/v1/auth/me', {
    config: access('self'),
    schema: {
      summary: 'Who is calling, how, and what they may do; for a session also its CSRF token and expiry',
      response: {
        200: {
          type: 'object',
          required: ['role', 'via', 'label', 'user', 'kioskId', 'storeIds', 'stores', 'csrfToken', 'sessionExpiresAt', 'scopes'],
          properties: {
            role: { type: 'string', enum: [...ROLES] },
            via: { type: 'string', enum: ['session', 'token'] },
            label: { type: 'string' },
            user: { anyOf: [{ type: 'null' }, userSchema] },
            kioskId: { type: ['string', 'null'] },
            storeIds: { type: 'array', items: { type: 'string' } },
            stores: { type: 'array', items: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } }, description: 'A manager\'s stores with their names' },
            csrfToken: { type: ['string', 'null'] },
            sessionExpiresAt: { type: ['string', 'null'] },
            scopes: scopeRules,
          },
        },
        ...errorResponses(401),
      },
    },
  }, async (req) => {
    const p = principalOf(req);
    const user = p.userId === null ? undefined : deps.accounts.user(p.userId);
    const secret = p.via === 'session' ? req.cookies[SESSION_COOKIE] : undefined;
    const session = secret !== undefined ? creds.fromSession(secret)?.session : undefined;
    return {
      role: p.role,
      via: p.via,
      label: p.label,
      user: user ? userView(user) : null,
      kioskId: p.kioskId,
      storeIds: [...p.storeIds],
      stores: p.storeIds.map((id) => ({ id, name: deps.fleet.store(id)?.name ?? id })),
      csrfToken: secret !== undefined ? creds.csrfToken(secret) : null,
      sessionExpiresAt: session && user ? iso(sessionEndsAtMs(user.role, session.createdAtMs, session.lastSeenAtMs)) : null,
      scopes: scopesOf(p),
    };
  });

  app.post<{ Body: { currentPassword: string; newPassword: string } }>('/v1/auth/password', {
    config: access('account.self'),
    bodyLimit: 4096,
    schema: {
      summary: 'Change your own password; your other sessions end',
      body: { type: 'object', required: ['currentPassword', 'newPassword'], additionalProperties: false, properties: { currentPassword: password, newPassword: password } },
      response: { 204: { type: 'null' }, ...errorResponses(400, 401, 403, 503) },
    },
  }, async (req, reply) => {
    await creds.changePassword(principalOf(req), req.body.currentPassword, req.body.newPassword);
    return reply.status(204).send();
  });
}

function scopesOf(p: Principal): Record<string, Rule> {
  const out: Record<string, Rule> = {};
  for (const scope of Object.keys(SCOPES) as Scope[]) if (scope !== 'public') out[scope] = ruleFor(p.role, scope);
  return out;
}

