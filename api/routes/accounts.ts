// Accounts (admin) and API tokens for scripts (everyone their own; the admin everyone's).
// One-time passwords and token secrets appear only in the answer that creates them.
import type { FastifyInstance } from 'fastify';
import { USER_ROLES, type UserRole } from '../../domain/access-policy.ts';
import type { AccessTokenRecord, TokenKind } from '../../store/accounts.ts';
import { access, principalOf } from '../auth/access.ts';
import { errorResponses } from '../errors.ts';
import { deviceId } from '../schemas.ts';
import { iso } from '../views.ts';
import type { ApiDeps } from '../app.ts';
import { userSchema, userView } from './auth.ts';

const userIdParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string', pattern: '^usr_[0-9a-f]{12}$' } } } as const;
const tokenIdParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string', pattern: '^tok_[0-9a-f]{16}$' } } } as const;
const storeIds = { type: 'array', items: deviceId, maxItems: 1000 } as const;
const withOtp = { type: 'object', required: ['user', 'oneTimePassword'], properties: { user: userSchema, oneTimePassword: { type: 'string', description: 'Shown only in this answer; valid for 7 days; the person replaces it at first login' } } } as const;

const tokenSchema = {
  type: 'object',
  required: ['id', 'kind', 'role', 'name', 'userId', 'userEmail', 'kioskId', 'createdBy', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt', 'revokedReason'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: ['user', 'kiosk', 'metrics'] },
    role: { type: 'string' },
    name: { type: 'string' },
    userId: { type: ['string', 'null'] },
    userEmail: { type: ['string', 'null'] },
    kioskId: { type: ['string', 'null'] },
    createdBy: { type: 'string' },
    createdAt: { type: 'string' },
    expiresAt: { type: ['string', 'null'] },
    lastUsedAt: { type: ['string', 'null'], description: 'Recorded in memory at once, written to disk about once a minute' },
    revokedAt: { type: ['string', 'null'] },
    revokedReason: { type: ['string', 'null'] },
  },
} as const;

export function accountRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const emailOf = (userId: string | null): string | null => {
    if (userId === null) return null;
    try {
      return deps.accounts.user(userId).email;
    } catch {
      return null; // a token of an account that is gone
    }
  };
  const tokenView = (t: AccessTokenRecord) => ({
    id: t.id,
    kind: t.kind,
    role: t.role,
    name: t.name,
    userId: t.userId,
    userEmail: emailOf(t.userId),
    kioskId: t.kioskId,
    createdBy: t.createdBy,
    createdAt: iso(t.createdAtMs)!,
    expiresAt: iso(t.expiresAtMs),
    lastUsedAt: iso(t.lastUsedAtMs),
    revokedAt: iso(t.revokedAtMs),
    revokedReason: t.revokedReason,
  });

  app.post<{ Body: { email: string; role: UserRole; storeIds?: string[]; name?: string } }>('/v1/users', {
    config: access('account.admin'),
    bodyLimit: 64 * 1024,
    schema: {
      summary: 'Create an account; its one-time password is shown only in this answer (chargefleet users add)',
      body: {
        type: 'object',
        required: ['email', 'role'],
        additionalProperties: false,
        properties: { email: { type: 'string', minLength: 3, maxLength: 254 }, role: { type: 'string', enum: [...USER_ROLES] }, storeIds, name: { type: 'string', maxLength: 200 } },
      },
      response: { 201: withOtp, ...errorResponses(400, 401, 403, 409) },
    },
  }, async (req, reply) => {
    const r = await deps.accounts.addUser(principalOf(req), { email: req.body.email, role: req.body.role, ...(req.body.storeIds ? { storeIds: req.body.storeIds } : {}), ...(req.body.name !== undefined ? { name: req.body.name } : {}) });
    return reply.status(201).send({ user: userView(r.user), oneTimePassword: r.oneTimePassword });
  });

  app.get('/v1/users', {
    config: access('account.admin'),
    schema: { summary: 'Every account, by email', response: { 200: { type: 'object', required: ['users'], properties: { users: { type: 'array', items: userSchema } } }, ...errorResponses(401, 403) } },
  }, async () => ({ users: deps.accounts.users().map(userView) }));

  app.patch<{ Params: { id: string }; Body: { role?: UserRole; storeIds?: string[]; name?: string } }>('/v1/users/:id', {
    config: access('account.admin'),
    bodyLimit: 64 * 1024,
    schema: {
      summary: 'Change an account\'s role, stores or name; its sessions and tokens follow at their next request',
      params: userIdParams,
      body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { role: { type: 'string', enum: [...USER_ROLES] }, storeIds, name: { type: 'string', maxLength: 200 } } },
      response: { 200: userSchema, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req) => userView(await deps.accounts.updateUser(principalOf(req), req.params.id, req.body)));

  app.post<{ Params: { id: string } }>('/v1/users/:id/disable', {
    config: access('account.admin'),
    schema: { summary: 'Disable an account: it cannot log in, and its sessions and tokens end now', params: userIdParams, response: { 200: userSchema, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => userView(await deps.accounts.disableUser(principalOf(req), req.params.id)));

  app.post<{ Params: { id: string } }>('/v1/users/:id/password-reset', {
    config: access('account.admin'),
    schema: { summary: 'A new one-time password (shown only in this answer); the account\'s sessions end, and a disabled account is enabled again', params: userIdParams, response: { 200: withOtp, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => {
    const r = await deps.accounts.resetPassword(principalOf(req), req.params.id);
    return { user: userView(r.user), oneTimePassword: r.oneTimePassword };
  });

  app.post<{ Body: { name: string; kind?: TokenKind; ttlDays?: number; userId?: string; kioskId?: string } }>('/v1/tokens', {
    config: access('token.self'),
    bodyLimit: 4096,
    schema: {
      summary: 'Issue an API token for scripts (shown only in this answer). Yours by default, acting with your role and stores; an admin may also issue one for another account (userId), a kiosk (kind kiosk) or Prometheus (kind metrics). Needs a session or the admin token: a token cannot mint tokens',
      body: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 100 },
          kind: { type: 'string', enum: ['user', 'kiosk', 'metrics'], default: 'user' },
          ttlDays: { type: 'number', exclusiveMinimum: 0, maximum: 3650, description: 'Lifetime; default and cap by role: admin 30, operator and manager 90; kiosk and metrics tokens live until revoked unless given' },
          userId: userIdParams.properties.id,
          kioskId: deviceId,
        },
      },
      response: { 201: { type: 'object', required: ['token', 'tokenInfo'], properties: { token: { type: 'string' }, tokenInfo: tokenSchema } }, ...errorResponses(400, 401, 403, 404) },
    },
  }, async (req, reply) => {
    const b = req.body;
    const issued = await deps.credentials.issueToken(principalOf(req), { name: b.name, ...(b.kind ? { kind: b.kind } : {}), ...(b.ttlDays !== undefined ? { ttlDays: b.ttlDays } : {}), ...(b.userId ? { userId: b.userId } : {}), ...(b.kioskId ? { kioskId: b.kioskId } : {}) });
    return reply.status(201).send({ token: issued.token, tokenInfo: tokenView(issued.record) });
  });

  app.get<{ Querystring: { includeRevoked?: boolean; kioskId?: string; userId?: string } }>('/v1/tokens', {
    config: access('token.self'),
    schema: {
      summary: 'API tokens, newest first: your own; an admin sees everyone\'s (kiosk and metrics tokens too). Never the secrets',
      querystring: { type: 'object', additionalProperties: false, properties: { includeRevoked: { type: 'boolean', default: false }, kioskId: deviceId, userId: userIdParams.properties.id } },
      response: { 200: { type: 'object', required: ['tokens'], properties: { tokens: { type: 'array', items: tokenSchema } } }, ...errorResponses(400, 401, 403) },
    },
  }, async (req) => {
    const q = req.query;
    return { tokens: deps.credentials.listTokens(principalOf(req), { ...(q.includeRevoked ? { includeRevoked: true } : {}), ...(q.kioskId ? { kioskId: q.kioskId } : {}), ...(q.userId ? { userId: q.userId } : {}) }).map(tokenView) };
  });

  app.delete<{ Params: { id: string } }>('/v1/tokens/:id', {
    config: access('token.self', { id: 'token' }),
    schema: { summary: 'Revoke an API token: it stops working at once', params: tokenIdParams, response: { 200: tokenSchema, ...errorResponses(400, 401, 403, 404) } },
  }, async (req) => tokenView(await deps.credentials.revokeToken(principalOf(req), req.params.id)));
}
