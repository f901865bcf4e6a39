// Bearer-token auth. A token resolves to a principal: the admin, or (later issues) a kiosk or a
// store manager with their scope. Routes declare what they need with preHandler guards.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CfError } from '../domain/errors.ts';

export type Principal = { role: 'admin' } | { role: 'kiosk'; kioskId: string } | { role: 'manager'; managerId: string; storeIds: readonly string[] };

/** Resolves a presented bearer token to a principal, or null when it is not valid. */
export type TokenVerifier = (token: string) => Promise<Principal | null>;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1]! : '';
}

export function authenticate(verify: TokenVerifier) {
  return async (req: FastifyRequest): Promise<void> => {
    const token = bearer(req);
    if (token === null) throw new CfError('CF_ERR_AUTH_MISSING');
    const principal = token === '' ? null : await verify(token);
    if (!principal) throw new CfError('CF_ERR_AUTH_INVALID');
    req.principal = principal;
  };
}

export function requireRole(verify: TokenVerifier, ...roles: Principal['role'][]) {
  const auth = authenticate(verify);
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    await auth(req);
    if (!req.principal || !roles.includes(req.principal.role)) throw new CfError('CF_ERR_AUTH_FORBIDDEN');
  };
}

/** The admin, or a kiosk token whose kiosk is the route's `:id`: a kiosk acts only for itself. */
export function requireKioskSelf(verify: TokenVerifier) {
  const auth = authenticate(verify);
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    await auth(req);
    const p = req.principal;
    const id = (req.params as { id?: string }).id;
    if (p?.role === 'admin') return;
    if (p?.role === 'kiosk' && p.kioskId === id) return;
    throw new CfError('CF_ERR_AUTH_FORBIDDEN', 'A kiosk token acts only for its own kiosk');
  };
}
