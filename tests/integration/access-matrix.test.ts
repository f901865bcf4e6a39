// Promise 6, every route × every role × own/other store: the status each request gets must be the
// one domain/access-policy.ts says. The routes come from the running app (app.routeAccess), so a
// route added later is walked too, and fails here until it has a sample request below; a route with
// no declared scope cannot even be registered. Real system: DuckDB, broker, sessions, tokens.
import Fastify from 'fastify';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUT_OF_SCOPE, ROLES, ruleFor, type Role } from '../../domain/access-policy.ts';
import { access, requireDeclaredAccess, type RouteAccess } from '../../api/auth/access.ts';
import { ADMIN, login, NEW_PASSWORD, newSession, TWO_STORES, unique, type Session } from '../helpers/accounts.ts';
import { openSse } from '../helpers/sse.ts';
import { startTestSystem, type TestSystem } from '../helpers/system.ts';
import { PAGE_PATHS } from '../../api/web-app.ts';

type Who = Role | 'anonymous';
type Which = 'own' | 'other';
const WHO: readonly Who[] = ['anonymous', ...ROLES];

let t: TestSystem;
const sessions = {} as Record<'admin' | 'operator' | 'manager', Session>;
const bearer = {} as Record<'kiosk' | 'metrics', string>;

beforeAll(async () => {
  t = await startTestSystem();
  const imported = await t.sys.api.inject({ method: 'POST', url: '/v1/registry/import', headers: ADMIN, payload: TWO_STORES });
  expect(imported.statusCode, imported.body).toBe(200);
  // Where the matrix's courier jobs deliver (a store no manager has), and a recalled lot to follow.
  const depot = await t.sys.api.inject({ method: 'POST', url: '/v1/registry/import', headers: ADMIN, payload: { stores: [{ id: 'st-depot', name: 'Depot', lat: 51.55, lon: -0.15, timeZone: 'Europe/London' }] } });
  expect(depot.statusCode, depot.body).toBe(200);
  const recalled = await t.sys.api.inject({ method: 'POST', url: '/v1/recalls', headers: ADMIN, payload: { lot: 'LOT-GONE', reason: 'matrix' } });
  expect(recalled.statusCode, recalled.body).toBe(201);
  sessions.admin = await newSession(t.sys.api, 'admin');
  sessions.operator = await newSession(t.sys.api, 'operator');
  sessions.manager = await newSession(t.sys.api, 'manager', ['st-own']);
  bearer.kiosk = await issue({ kind: 'kiosk', kioskId: 'k-own', name: 'matrix kiosk' });
  bearer.metrics = await issue({ kind: 'metrics', name: 'matrix prometheus' });
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

async function issue(body: object, headers: Record<string, string> = ADMIN): Promise<string> {
  const res = await t.sys.api.inject({ method: 'POST', url: '/v1/tokens', headers, payload: body });
  if (res.statusCode !== 201) throw new Error(`issue token: ${res.statusCode} ${res.body}`);
  return (res.json() as { token: string }).token;
}

async function issueId(body: object, headers: Record<string, string> = ADMIN): Promise<string> {
  const res = await t.sys.api.inject({ method: 'POST', url: '/v1/tokens', headers, payload: body });
  if (res.statusCode !== 201) throw new Error(`issue token: ${res.statusCode} ${res.body}`);
  return (res.json() as { tokenInfo: { id: string } }).tokenInfo.id;
}

function headersOf(who: Who): Record<string, string> {
  if (who === 'anonymous') return {};
  if (who === 'kiosk' || who === 'metrics') return { authorization: `Bearer ${bearer[who]}` };
  return sessions[who].headers;
}

/** A second session of the role's user, for a request that ends it (kiosk and metrics tokens: a fresh token). */
async function spareHeaders(who: Who): Promise<Record<string, string>> {
  if (who === 'anonymous') return {};
  if (who === 'kiosk') return { authorization: `Bearer ${await issue({ kind: 'kiosk', kioskId: 'k-own', name: unique('k') })}` };
  if (who === 'metrics') return { authorization: `Bearer ${await issue({ kind: 'metrics', name: unique('m') })}` };
  return (await login(t.sys.api, sessions[who].email, NEW_PASSWORD)).headers;
}

/** An account a request may change; only an admin's request goes through, so only then is one made (scrypt is slow). */
async function accountToChange(who: Who): Promise<string> {
  if (who !== 'admin') return sessions.operator.userId;
  const res = await t.sys.api.inject({ method: 'POST', url: '/v1/users', headers: ADMIN, payload: { email: `${unique('tmp')}@example.com`, role: 'operator' } });
  return (res.json() as { user: { id: string } }).user.id;
}

let loginProbe: Session | null = null;

/**
 * A custody dispute a request may resolve; only a request that may resolve it gets a real one. The
 * kiosk k-own claims p-held (with customer c-1, who never swapped there): implausible, so a dispute
 * opens. The sample dismisses it, which keeps custody, so the next claim opens a new one.
 */
async function disputeToResolve(who: Who): Promise<number> {
  if (who !== 'admin' && who !== 'operator') return 999_999;
  const kept = await t.sys.placement.vetStatusMoves('k-own', t.sys.clock.now(), [{ packId: 'p-held', to: { kind: 'slot', kioskId: 'k-own', slot: 3 }, cause: 'status' }]);
  expect(kept).toEqual([]);
  const res = await t.sys.api.inject({ url: '/v1/anomalies?kioskId=k-own&limit=1000', headers: ADMIN });
  const open = (res.json() as { anomalies: { id: number; kind: string; status?: string }[] }).anomalies.find((a) => a.kind === 'custody_implausible' && a.status === 'open');
  if (!open) throw new Error(`no open custody dispute: ${res.body}`);
  return open.id;
}

/** A token the caller owns (own) or someone else owns (other). */
async function tokenFor(who: Who, which: Which): Promise<string> {
  const mine = who === 'admin' || who === 'operator' || who === 'manager';
  if (which === 'own' && mine) return issueId({ name: unique('own') }, sessions[who].headers);
  const otherUser = who === 'manager' ? sessions.operator.userId : sessions.manager.userId;
  return issueId({ name: unique('other'), userId: otherUser });
}

/**
 * A courier job from the central warehouse, in the given state, for a request that can succeed
 * (admin, operator; a manager reading a job to their store); the others are refused before the
 * handler, so they get a made-up id. Jobs that will move go to st-depot, so no manager's listing changes.
 */
async function jobFor(who: Who, state: 'planned' | 'picked_up', to: 'st-own' | 'st-depot'): Promise<string> {
  if (who !== 'admin' && who !== 'operator' && who !== 'manager') return 'job-none';
  const packId = await warehousePack();
  const made = await t.sys.api.inject({ method: 'POST', url: '/v1/restock/jobs', headers: ADMIN, payload: { jobs: [{ from: { kind: 'warehouse' }, to: { kind: 'store', storeId: to }, packIds: [packId] }] } });
  if (made.statusCode !== 201) throw new Error(`job: ${made.statusCode} ${made.body}`);
  const id = (made.json() as { jobs: { id: string }[] }).jobs[0]!.id;
  if (state === 'picked_up') {
    const picked = await t.sys.api.inject({ method: 'POST', url: `/v1/restock/jobs/${id}/pickup`, headers: ADMIN });
    if (picked.statusCode !== 200) throw new Error(`pickup: ${picked.statusCode} ${picked.body}`);
  }
  return id;
}

/** A new pack on the central warehouse's shelves (the body of a job a request creates). */
async function warehousePack(): Promise<string> {
  const packId = unique('rp');
  const imported = await t.sys.api.inject({ method: 'POST', url: '/v1/registry/import', headers: ADMIN, payload: { packs: [{ id: packId, lot: 'LOT-R', hwRev: 'B2' }] } });
  if (imported.statusCode !== 200) throw new Error(`import: ${imported.statusCode} ${imported.body}`);
  return packId;
}

const store = (w: Which) => (w === 'own' ? 'st-own' : 'st-other');
const kiosk = (w: Which) => (w === 'own' ? 'k-own' : 'k-other');
const pack = (w: Which) => (w === 'own' ? 'p-own' : 'p-other');

/**
 * One request per route. `other` names another store's (or user's) resource where the route names
 * one; routes that name nothing send the same request for both. Keys are "METHOD url".
 */
const SAMPLES: Record<string, (who: Who, which: Which) => InjectOptions | Promise<InjectOptions>> = {
  'GET /healthz': () => ({ url: '/healthz' }),
  'GET /openapi.json': () => ({ url: '/openapi.json' }),
  'GET /docs': () => ({ url: '/docs' }),
  'GET /docs/static/index.html': () => ({ url: '/docs/static/index.html' }),
  'GET /docs/static/swagger-initializer.js': () => ({ url: '/docs/static/swagger-initializer.js' }),
  'GET /docs/json': () => ({ url: '/docs/json' }),
  'GET /docs/yaml': () => ({ url: '/docs/yaml' }),
  'GET /docs/static/*': () => ({ url: '/docs/static/swagger-ui.css' }),
  'GET /metrics': () => ({ url: '/metrics' }),
  'GET /v1/quarantine': () => ({ url: '/v1/quarantine' }),
  'POST /v1/auth/login': async () => {
    loginProbe ??= await newSession(t.sys.api, 'operator');
    return { method: 'POST', url: '/v1/auth/login', payload: { email: loginProbe.email, password: NEW_PASSWORD } };
  },
  'POST /v1/auth/logout': async (who) => ({ method: 'POST', url: '/v1/auth/logout', headers: await spareHeaders(who) }),
  'GET /v1/auth/me': () => ({ url: '/v1/auth/me' }),
  // A password change ends the user's other sessions: a user of its own for each request that can succeed.
  'POST /v1/auth/password': async (who) => ({
    method: 'POST',
    url: '/v1/auth/password',
    headers: who === 'admin' || who === 'operator' || who === 'manager' ? (await newSession(t.sys.api, who, who === 'manager' ? ['st-own'] : [])).headers : {},
    payload: { currentPassword: NEW_PASSWORD, newPassword: 'another long passphrase 42' },
  }),
  'POST /v1/users': () => ({ method: 'POST', url: '/v1/users', payload: { email: `${unique('new')}@example.com`, role: 'manager', storeIds: ['st-own'] } }),
  'GET /v1/users': () => ({ url: '/v1/users' }),
  'PATCH /v1/users/:id': async (who) => ({ method: 'PATCH', url: `/v1/users/${await accountToChange(who)}`, payload: { name: 'Renamed' } }),
  'POST /v1/users/:id/disable': async (who) => ({ method: 'POST', url: `/v1/users/${await accountToChange(who)}/disable` }),
  'POST /v1/users/:id/password-reset': async (who) => ({ method: 'POST', url: `/v1/users/${await accountToChange(who)}/password-reset` }),
  'POST /v1/tokens': () => ({ method: 'POST', url: '/v1/tokens', payload: { name: unique('script') } }),
  'GET /v1/tokens': () => ({ url: '/v1/tokens' }),
  'DELETE /v1/tokens/:id': async (who, which) => ({ method: 'DELETE', url: `/v1/tokens/${await tokenFor(who, which)}` }),
  'POST /v1/devices': () => ({ method: 'POST', url: '/v1/devices', payload: { kind: 'pack', id: unique('dev') } }),
  'GET /v1/devices': () => ({ url: '/v1/devices' }),
  'DELETE /v1/devices/:id': async () => {
    const id = unique('gone');
    await t.provision('pack', id);
    return { method: 'DELETE', url: `/v1/devices/${id}` };
  },
  'POST /v1/devices/:id/rotate': async () => {
    const id = unique('rot');
    await t.provision('pack', id);
    return { method: 'POST', url: `/v1/devices/${id}/rotate` };
  },
  'GET /v1/stores': () => ({ url: '/v1/stores' }),
  'GET /v1/stores/:id': (_w, which) => ({ url: `/v1/stores/${store(which)}` }),
  'GET /v1/stores/:id/stock-history': (_w, which) => ({ url: `/v1/stores/${store(which)}/stock-history` }),
  'GET /v1/kiosks': (_w, which) => ({ url: `/v1/kiosks?storeId=${store(which)}` }),
  'GET /v1/packs': (_w, which) => ({ url: `/v1/packs?kioskId=${kiosk(which)}` }),
  'GET /v1/packs/:id': (_w, which) => ({ url: `/v1/packs/${pack(which)}` }),
  'GET /v1/packs/:id/readings': (_w, which) => ({ url: `/v1/packs/${pack(which)}/readings` }),
  'GET /v1/packs/:id/custody': (_w, which) => ({ url: `/v1/packs/${pack(which)}/custody` }),
  'GET /v1/kiosks/:id': (_w, which) => ({ url: `/v1/kiosks/${kiosk(which)}` }),
  'GET /v1/kiosks/:id/readings': (_w, which) => ({ url: `/v1/kiosks/${kiosk(which)}/readings` }),
  'GET /v1/kiosks/:id/events': (_w, which) => ({ url: `/v1/kiosks/${kiosk(which)}/events` }),
  'POST /v1/kiosks/:id/swaps': (_w, which) => ({ method: 'POST', url: `/v1/kiosks/${kiosk(which)}/swaps`, payload: { requestId: unique('rq'), customerToken: 'card-nobody' } }),
  'POST /v1/kiosks/:id/tokens': (_w, which) => ({ method: 'POST', url: `/v1/kiosks/${kiosk(which)}/tokens` }),
  'GET /v1/swaps': (_w, which) => ({ url: `/v1/swaps?kioskId=${kiosk(which)}` }),
  'GET /v1/customers/:id': () => ({ url: '/v1/customers/c-1' }),
  'POST /v1/registry/import': () => ({ method: 'POST', url: '/v1/registry/import', payload: { stores: [TWO_STORES.stores[0]] } }),
  'POST /v1/recalls': () => ({ method: 'POST', url: '/v1/recalls', payload: { lot: 'LOT-NOBODY', reason: 'matrix' } }),
  'POST /v1/holds': () => ({ method: 'POST', url: '/v1/holds', payload: { packId: 'p-own-2', customerId: 'c-2', ttlS: 60 } }),
  'GET /v1/anomalies': (_w, which) => ({ url: `/v1/anomalies?kioskId=${kiosk(which)}` }),
  'GET /v1/live': (_w, which) => ({ url: `/v1/live?storeId=${store(which)}` }),
  'GET /ui/*': () => ({ url: '/ui/app.js' }),
  'GET /ui/vendor/*': () => ({ url: '/ui/vendor/preact.module.js' }),
  // The dashboard's pages: one public shell, whatever the address names (its data comes from the routes above).
  ...Object.fromEntries(PAGE_PATHS.map((path) => [`GET ${path}`, (_w: Who, which: Which) => ({ url: path.replace(':id', store(which)) })])),
  'GET /v1/nudges': () => ({ url: '/v1/nudges?customerId=c-1' }),
  'GET /v1/nudges/stats': () => ({ url: '/v1/nudges/stats' }),
  'GET /v1/customers/:id/profile': () => ({ url: '/v1/customers/c-1/profile' }),
  'POST /v1/customers/:id/consent': () => ({ method: 'POST', url: '/v1/customers/c-2/consent', payload: { consent: true } }),
  // Public: the signed link is the credential, so everyone holding it succeeds (bad links: tests/integration/nudges.test.ts).
  'GET /v1/nudges/opt-out': () => ({ url: optOutPath('c-2') }),
  'POST /v1/nudges/opt-out': () => ({ method: 'POST', url: optOutPath('c-2') }),
  'POST /v1/anomalies/:id/resolve': async (who) => ({ method: 'POST', url: `/v1/anomalies/${await disputeToResolve(who)}/resolve`, payload: { resolution: 'dismissed', note: 'matrix' } }),
  'GET /v1/restock/plan': (_w, which) => ({ url: `/v1/restock/plan?storeId=${store(which)}` }),
  'GET /v1/restock/forecast': (_w, which) => ({ url: `/v1/restock/forecast?storeId=${store(which)}` }),
  'POST /v1/restock/jobs': async (who) => ({
    method: 'POST',
    url: '/v1/restock/jobs',
    payload: { jobs: [{ from: { kind: 'warehouse' }, to: { kind: 'store', storeId: 'st-depot' }, packIds: [who === 'admin' || who === 'operator' ? await warehousePack() : 'p-none'] }] },
  }),
  'GET /v1/restock/jobs': (_w, which) => ({ url: `/v1/restock/jobs?storeId=${store(which)}` }),
  // Names nothing the access check resolves (jobs are in the restock ledger): a job to the
  // manager's own store for both; another store's job is in the manager tests below.
  'GET /v1/restock/jobs/:id': async (who) => ({ url: `/v1/restock/jobs/${await jobFor(who, 'planned', 'st-own')}` }),
  'POST /v1/restock/jobs/:id/pickup': async (who) => ({ method: 'POST', url: `/v1/restock/jobs/${await jobFor(who, 'planned', 'st-depot')}/pickup` }),
  'POST /v1/restock/jobs/:id/deliver': async (who) => ({ method: 'POST', url: `/v1/restock/jobs/${await jobFor(who, 'picked_up', 'st-depot')}/deliver` }),
  'POST /v1/restock/jobs/:id/cancel': async (who) => ({ method: 'POST', url: `/v1/restock/jobs/${await jobFor(who, 'planned', 'st-depot')}/cancel`, payload: { reason: 'matrix' } }),
  'GET /v1/alerts': (_w, which) => ({ url: `/v1/alerts?storeId=${store(which)}` }),
  'GET /v1/alerts/stream': () => ({ url: '/v1/alerts/stream' }),
  'GET /v1/withdrawals': (_w, which) => ({ url: `/v1/withdrawals?storeId=${store(which)}` }),
  'GET /v1/recalls': () => ({ url: '/v1/recalls' }),
  'GET /v1/recalls/:lot': () => ({ url: '/v1/recalls/LOT-GONE' }),
};

/** A freshly signed opt-out link for a customer, as the webhook payload carries it. */
function optOutPath(customerId: string): string {
  const u = new URL(t.sys.nudges.optOutUrl(customerId, t.sys.clock.now()));
  return `${u.pathname}${u.search}`;
}

/** Routes that answer with a stream that never ends: asked over real HTTP, status and refusal body read, then closed. */
const STREAMS = new Set(['GET /v1/live', 'GET /v1/alerts/stream']);
async function send(key: string, req: InjectOptions): Promise<{ statusCode: number; body: string; json(): unknown }> {
  if (!STREAMS.has(key)) return t.sys.api.inject(req);
  const s = await openSse(`${t.sys.httpUrl}${String(req.url)}`, (req.headers ?? {}) as Record<string, string>);
  if (s.status !== 200) await s.ended;
  s.close();
  return { statusCode: s.status, body: s.errorBody, json: () => JSON.parse(s.errorBody) };
}

/**
 * Routes whose `other` request names another store's, kiosk's or user's resource. Kept here, apart
 * from the routes' own declarations, so a route that forgets to declare what it names fails.
 */
const NAMES_A_RESOURCE = new Set([
  'DELETE /v1/tokens/:id',
  'GET /v1/stores/:id',
  'GET /v1/stores/:id/stock-history',
  'GET /v1/kiosks',
  'GET /v1/packs',
  'GET /v1/packs/:id',
  'GET /v1/packs/:id/readings',
  'GET /v1/packs/:id/custody',
  'GET /v1/kiosks/:id',
  'GET /v1/kiosks/:id/readings',
  'GET /v1/kiosks/:id/events',
  'POST /v1/kiosks/:id/swaps',
  'POST /v1/kiosks/:id/tokens',
  'GET /v1/swaps',
  'GET /v1/anomalies',
  'GET /v1/restock/plan',
  'GET /v1/restock/forecast',
  'GET /v1/restock/jobs',
  'GET /v1/alerts',
  'GET /v1/withdrawals',
  'GET /v1/live',
]);

/** What the policy says this request must get. */
function expected(route: RouteAccess, who: Who, which: Which, namesSomething: boolean): { ok: true } | { ok: false; status: number } {
  const scope = route.access.scope;
  if (scope === 'public') return { ok: true };
  if (who === 'anonymous') return { ok: false, status: 401 };
  const rule = ruleFor(who, scope);
  if (rule === 'none') return { ok: false, status: 403 };
  if (rule === 'all' || which === 'own' || !namesSomething) return { ok: true };
  return { ok: false, status: OUT_OF_SCOPE[who] };
}

describe('every route × every role × own/other', () => {
  it('answers what the policy table says, for every route the app has', async () => {
    const routes = t.sys.api.routeAccess;
    expect(routes.length).toBeGreaterThan(40);
    const missing = routes.map((r) => `${r.method} ${r.url}`).filter((k) => !(k in SAMPLES));
    expect(missing, 'routes without a sample request in access-matrix.test.ts').toEqual([]);
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const namesSomething = NAMES_A_RESOURCE.has(key);
      if (namesSomething !== Object.keys(route.access.names).length > 0) failures.push(`${key}: declares ${JSON.stringify(route.access.names)}, but its sample ${namesSomething ? 'names' : 'names no'} resource`);
      for (const who of WHO) {
        for (const which of ['own', 'other'] as const) {
          const req = await SAMPLES[key]!(who, which);
          const res = await send(key, { ...req, headers: { ...headersOf(who), ...(req.headers as Record<string, string> | undefined) } });
          const want = expected(route, who, which, namesSomething);
          checked++;
          // Success is 2xx; the API page also redirects (3xx) to its index.
          const ok = want.ok ? res.statusCode >= 200 && res.statusCode < 400 : res.statusCode === want.status;
          if (!ok) failures.push(`${key} as ${who} (${which}): got ${res.statusCode}, want ${want.ok ? 'success' : want.status} — ${res.body.slice(0, 160)}`);
          if (!want.ok && res.statusCode === want.status) {
            const code = (res.json() as { error: { code: string } }).error.code;
            const codeOk = want.status === 401 ? code === 'CF_ERR_AUTH_MISSING' : want.status === 403 ? code === 'CF_ERR_AUTH_FORBIDDEN' : /_NOT_FOUND$/.test(code);
            if (!codeOk) failures.push(`${key} as ${who} (${which}): code ${code} for ${want.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(routes.length * WHO.length * 2);
  }, 240_000);

  it('cannot register a route that declares no scope', () => {
    const app = Fastify();
    requireDeclaredAccess(app);
    app.get('/v1/declared', { config: access('stock.read') }, async () => ({}));
    expect(() => app.get('/v1/undeclared', async () => ({}))).toThrow(/declares no access scope/);
    expect(app.routeAccess.map((r) => r.url)).toEqual(['/v1/declared']);
  });
});

describe('a manager sees their own stores only', () => {
  const mgr = () => sessions.manager.headers;

  it('lists only their stores, kiosks, packs (slots and back room) and swaps', async () => {
    const stores = await t.sys.api.inject({ url: '/v1/stores', headers: mgr() });
    expect(stores.json().stores.map((s: { id: string }) => s.id)).toEqual(['st-own']);
    const kiosks = await t.sys.api.inject({ url: '/v1/kiosks', headers: mgr() });
    expect(kiosks.json().kiosks.map((k: { id: string }) => k.id)).toEqual(['k-own']);
    const packs = await t.sys.api.inject({ url: '/v1/packs', headers: mgr() });
    expect(packs.json().packs.map((p: { id: string }) => p.id)).toEqual(['p-back', 'p-own', 'p-own-2']);
    // The fixture's lot: the matrix above adds warehouse packs of its own for courier jobs.
    const all = await t.sys.api.inject({ url: '/v1/packs?lot=LOT-A', headers: sessions.operator.headers });
    expect(all.json().packs.map((p: { id: string }) => p.id)).toEqual(['p-back', 'p-held', 'p-other', 'p-own', 'p-own-2']);
    // A swap request at each kiosk (a known customer, so the ledger keeps even a denial); the manager sees k-own's only.
    for (const k of ['k-own', 'k-other']) {
      const asked = await t.sys.api.inject({ method: 'POST', url: `/v1/kiosks/${k}/swaps`, headers: ADMIN, payload: { requestId: unique('rq'), customerToken: 'card-c2-0000' } });
      expect(asked.statusCode, asked.body).toBe(200);
    }
    const swaps = await t.sys.api.inject({ url: '/v1/swaps?limit=1000', headers: mgr() });
    const kiosksSeen = new Set(swaps.json().swaps.map((s: { kioskId: string }) => s.kioskId));
    expect([...kiosksSeen]).toEqual(['k-own']);
    const allSwaps = await t.sys.api.inject({ url: '/v1/swaps?limit=1000', headers: ADMIN });
    expect(new Set(allSwaps.json().swaps.map((s: { kioskId: string }) => s.kioskId))).toEqual(new Set(['k-own', 'k-other']));
  });

  it('gets 404 for another store\'s store page, kiosk and pack, by URL or by filter, the same answer as for nothing at all', async () => {
    for (const url of ['/v1/stores/st-other', '/v1/stores/st-other/stock-history', '/v1/kiosks/k-other', '/v1/kiosks/k-other/events', '/v1/packs/p-other', '/v1/packs/p-other/readings', '/v1/packs/p-other/custody', '/v1/packs/p-held', '/v1/swaps?kioskId=k-other', '/v1/swaps?storeId=st-other', '/v1/packs?storeId=st-other', '/v1/kiosks?storeId=st-other', '/v1/anomalies?kioskId=k-other']) {
      const res = await t.sys.api.inject({ url, headers: mgr() });
      expect(res.statusCode, url).toBe(404);
    }
    const unknown = await t.sys.api.inject({ url: '/v1/packs/p-never', headers: mgr() });
    const forbidden = await t.sys.api.inject({ url: '/v1/packs/p-other', headers: mgr() });
    expect(forbidden.json()).toEqual(unknown.json());
  });

  it('sees custody disputes at their own kiosks only, and cannot resolve one; an operator can', async () => {
    // k-own claims p-held (with a customer), k-other claims p-own (in k-own): two disputes, one per store.
    const now = t.sys.clock.now();
    expect(await t.sys.placement.vetStatusMoves('k-own', now, [{ packId: 'p-held', to: { kind: 'slot', kioskId: 'k-own', slot: 2 }, cause: 'status' }])).toEqual([]);
    expect(await t.sys.placement.vetStatusMoves('k-other', now, [{ packId: 'p-own', to: { kind: 'slot', kioskId: 'k-other', slot: 2 }, cause: 'status' }])).toEqual([]);
    type Row = { id: number; kind: string; kioskId: string; packId: string; detail: string; status?: string };
    const openDisputes = async (headers: Record<string, string>) => ((await t.sys.api.inject({ url: '/v1/anomalies?limit=1000', headers })).json() as { anomalies: Row[] }).anomalies.filter((a) => a.kind === 'custody_implausible' && a.status === 'open');
    const all = await openDisputes(sessions.operator.headers);
    expect(all.map((a) => `${a.kioskId}:${a.packId}`).sort()).toEqual(['k-other:p-own', 'k-own:p-held']);
    const mine = await openDisputes(mgr());
    expect(mine.map((a) => `${a.kioskId}:${a.packId}`)).toEqual(['k-own:p-held']);
    // Where the registry has the pack (a customer) is the operator's to read, not the manager's.
    expect(all.find((a) => a.packId === 'p-held')!.detail).toContain('customer c-1');
    expect(mine[0]!.detail).not.toContain('c-1');
    expect(mine[0]!.detail).toContain('with_customer');
    // The store page's alerts carry the same open dispute, and nothing from the other store.
    const page = (await t.sys.api.inject({ url: '/v1/stores/st-own', headers: mgr() })).json() as { alerts: Row[] };
    expect(page.alerts.filter((a) => a.kind === 'custody_implausible' && a.status === 'open').map((a) => `${a.kioskId}:${a.packId}:${a.status}`)).toEqual(['k-own:p-held:open']);
    const refused = await t.sys.api.inject({ method: 'POST', url: `/v1/anomalies/${mine[0]!.id}/resolve`, headers: mgr(), payload: { resolution: 'dismissed' } });
    expect(refused.statusCode).toBe(403);
    for (const d of all) {
      const res = await t.sys.api.inject({ method: 'POST', url: `/v1/anomalies/${d.id}/resolve`, headers: sessions.operator.headers, payload: { resolution: 'dismissed', note: 'test' } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ id: d.id, status: 'resolved', resolution: 'dismissed' });
    }
    expect(await openDisputes(sessions.operator.headers)).toEqual([]);
    expect(t.sys.fleet.pack('p-own')!.custody).toEqual({ kind: 'slot', kioskId: 'k-own', slot: 0 });
  });

  it('does not see where a customer took a pack: no location for managers', async () => {
    const res = await t.sys.api.inject({ url: '/v1/packs?kioskId=k-own', headers: mgr() });
    expect(res.statusCode).toBe(200);
    expect(res.json().packs.length).toBeGreaterThan(0);
    for (const p of res.json().packs as { location: unknown }[]) expect(p.location).toBeNull();
  });

  it('sees courier jobs to or from their stores only; another store\'s job is as unknown as none', async () => {
    const mine = await jobFor('manager', 'planned', 'st-own');
    const theirs = await jobFor('admin', 'planned', 'st-depot');
    const listed = await t.sys.api.inject({ url: '/v1/restock/jobs?limit=10000', headers: mgr() });
    expect(listed.statusCode, listed.body).toBe(200);
    const ids = (listed.json().jobs as { id: string; to: { storeId?: string }; from: { storeId?: string } }[]);
    expect(ids.map((j) => j.id)).toContain(mine);
    for (const j of ids) expect([j.to.storeId, j.from.storeId]).toContain('st-own');
    const operatorSees = await t.sys.api.inject({ url: '/v1/restock/jobs?limit=10000', headers: sessions.operator.headers });
    expect(operatorSees.json().jobs.map((j: { id: string }) => j.id)).toEqual(expect.arrayContaining([mine, theirs]));
    const other = await t.sys.api.inject({ url: `/v1/restock/jobs/${theirs}`, headers: mgr() });
    const none = await t.sys.api.inject({ url: '/v1/restock/jobs/job-never', headers: mgr() });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual({ ...none.json(), error: { ...none.json().error, message: expect.any(String) } });
    expect(other.json().error.code).toBe('CF_ERR_RESTOCK_JOB_NOT_FOUND');
    expect((await t.sys.api.inject({ url: `/v1/restock/jobs/${mine}`, headers: mgr() })).statusCode).toBe(200);
    for (const url of ['/v1/restock/jobs?storeId=st-depot', '/v1/alerts?storeId=st-other', '/v1/withdrawals?storeId=st-other']) {
      expect((await t.sys.api.inject({ url, headers: mgr() })).statusCode, url).toBe(404);
    }
  });
});
