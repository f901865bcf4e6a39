// The browser session's cookies. `cf_session` holds the session secret: HttpOnly (page scripts
// cannot read it), SameSite=Strict (other sites cannot send it), Secure over TLS. `cf_csrf` holds
// the CSRF token, readable by the page so it can echo it in the x-csrf-token header.
import type {} from '@fastify/cookie';
import type { FastifyReply } from 'fastify';

export const SESSION_COOKIE = 'cf_session';
export const CSRF_COOKIE = 'cf_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Secure when the request came over TLS, or when `forceSecure` says a TLS proxy sits in front. */
export function setSessionCookies(reply: FastifyReply, o: { secret: string; csrfToken: string; maxAgeS: number; forceSecure: boolean }): void {
  const secure = o.forceSecure || reply.request.protocol === 'https';
  const common = { path: '/', sameSite: 'strict', secure, maxAge: o.maxAgeS } as const;
  reply.setCookie(SESSION_COOKIE, o.secret, { ...common, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, o.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', sameSite: 'strict', httpOnly: true });
  reply.clearCookie(CSRF_COOKIE, { path: '/', sameSite: 'strict' });
}
