// Accounts for tests, made the way a person gets one: the admin creates it (one-time password),
// the person logs in with it and chooses their own password, and gets a session cookie and a CSRF
// token. Also two stores with a kiosk and packs each, for own/other checks.
import type { FastifyInstance } from 'fastify';
import type { UserRole } from '../../domain/access-policy.ts';
import { ADMIN_TOKEN } from './system.ts';

export const ADMIN = { authorization: `Bearer ${ADMIN_TOKEN}` };
export const NEW_PASSWORD = 'correct horse battery staple';

export interface Session {
  userId: string;
  email: string;
  password: string;
  secret: string;
  csrf: string;
  /** Cookie and CSRF header: what a browser app sends. */
  headers: Record<string, string>;
}

let counter = 0;
export const unique = (prefix: string): string => `${prefix}-${process.pid}-${++counter}`;

/** Creates an account with the admin token and logs it in for the first time. */
export async function newSession(api: FastifyInstance, role: UserRole, storeIds: string[] = [], email = `${unique(role)}@example.com`): Promise<Session> {
  const created = await api.inject({ method: 'POST', url: '/v1/users', headers: ADMIN, payload: { email, role, ...(storeIds.length ? { storeIds } : {}) } });
  if (created.statusCode !== 201) throw new Error(`create ${email}: ${created.statusCode} ${created.body}`);
  const { user, oneTimePassword } = created.json() as { user: { id: string }; oneTimePassword: string };
  const s = await login(api, email, oneTimePassword, NEW_PASSWORD);
  return { ...s, userId: user.id, password: NEW_PASSWORD };
}

export async function login(api: FastifyInstance, email: string, password: string, newPassword?: string): Promise<Omit<Session, 'userId' | 'password'>> {
  const res = await api.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password, ...(newPassword ? { newPassword } : {}) } });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
  const secret = res.cookies.find((c) => c.name === 'cf_session')?.value;
  if (!secret) throw new Error('login set no session cookie');
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return { email, secret, csrf, headers: { cookie: `cf_session=${secret}`, 'x-csrf-token': csrf } };
}

/** Two stores, a kiosk in each (4 slots), packs in slots and one in st-own's back room, customers. */
export const TWO_STORES = {
  stores: [
    { id: 'st-own', name: 'Own Street', lat: 51.5, lon: -0.1, timeZone: 'Europe/London' },
    { id: 'st-other', name: 'Other Road', lat: 51.6, lon: -0.2, timeZone: 'Europe/London' },
  ],
  kiosks: [
    { id: 'k-own', storeId: 'st-own', slotCount: 4 },
    { id: 'k-other', storeId: 'st-other', slotCount: 4 },
  ],
  customers: [
    { id: 'c-1', token: 'card-c1-0000', plan: 'unlimited', timeZone: 'Europe/London' },
    { id: 'c-2', token: 'card-c2-0000', plan: 'unlimited', timeZone: 'Europe/London' },
  ],
  packs: [
    { id: 'p-own', lot: 'LOT-A', hwRev: 'B2', custody: { kind: 'slot', kioskId: 'k-own', slot: 0 } },
    { id: 'p-own-2', lot: 'LOT-A', hwRev: 'B2', custody: { kind: 'slot', kioskId: 'k-own', slot: 1 } },
    { id: 'p-back', lot: 'LOT-A', hwRev: 'B2', custody: { kind: 'warehouse', warehouseId: 'st-own' } },
    { id: 'p-other', lot: 'LOT-A', hwRev: 'B2', custody: { kind: 'slot', kioskId: 'k-other', slot: 0 } },
    { id: 'p-held', lot: 'LOT-A', hwRev: 'B2', custody: { kind: 'customer', customerId: 'c-1' } },
  ],
} as const;
