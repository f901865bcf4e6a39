// Accounts, sessions and tokens as a person and an attacker meet them, against the real system:
// first login with a one-time password, cookies and CSRF, bad cookies, throttling, logout, script
// tokens, a kiosk's tokens dying with its device, refusals logged. Real DuckDB, real HTTP.
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, login, NEW_PASSWORD, newSession, TWO_STORES, unique } from '../helpers/accounts.ts';
import { BIN, ROOT } from '../helpers/server-process.ts';
import { ADMIN_TOKEN, startTestSystem, type TestSystem } from '../helpers/system.ts';

let t: TestSystem;
const logLines: Record<string, unknown>[] = [];
const api = () => t.sys.api;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString().split('\n')) if (line) logLines.push(JSON.parse(line) as Record<string, unknown>);
      cb();
    },
  });
  t = await startTestSystem({ logger: pino({ level: 'info' }, sink), config: { importMaxBytes: 64 * 1024 } });
  const imported = await api().inject({ method: 'POST', url: '/v1/registry/import', headers: ADMIN, payload: TWO_STORES });
  expect(imported.statusCode, imported.body).toBe(200);
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

describe('an account, from creation to first login', () => {
  it('gets a one-time password that works once, only with a new password, and sets a strict session cookie', async () => {
    const email = `${unique('mgr')}@Example.com `;
    const created = await api().inject({ method: 'POST', url: '/v1/users', headers: ADMIN, payload: { email, role: 'manager', storeIds: ['st-own'] } });
    expect(created.statusCode).toBe(201);
    const { user, oneTimePassword } = created.json();
    expect(user).toMatchObject({ email: email.trim().toLowerCase(), role: 'manager', storeIds: ['st-own'], mustChangePassword: true });
    expect(oneTimePassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    // The list never shows it again.
    expect((await api().inject({ url: '/v1/users', headers: ADMIN })).body).not.toContain(oneTimePassword);

    const noNew = await api().inject({ method: 'POST', url: '/v1/auth/login', payload: { email: user.email, password: oneTimePassword } });
    expect(noNew.statusCode).toBe(403);
    expect(noNew.json().error.code).toBe('CF_ERR_AUTH_PASSWORD_CHANGE_REQUIRED');
    expect(noNew.cookies).toEqual([]);
    const weak = await api().inject({ method: 'POST', url: '/v1/auth/login', payload: { email: user.email, password: oneTimePassword, newPassword: 'short' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('CF_ERR_AUTH_PASSWORD_REJECTED');

    const ok = await api().inject({ method: 'POST', url: '/v1/auth/login', payload: { email: user.email.toUpperCase(), password: oneTimePassword, newPassword: NEW_PASSWORD } });
    expect(ok.statusCode).toBe(200);
    const session = ok.cookies.find((c) => c.name === 'cf_session')!;
    const csrfCookie = ok.cookies.find((c) => c.name === 'cf_csrf')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session.maxAge).toBe(7 * 86_400);
    expect(csrfCookie.httpOnly).toBeUndefined();
    expect(csrfCookie.value).toBe(ok.json().csrfToken);
    expect(ok.json().user.mustChangePassword).toBe(false);

    const me = await api().inject({ url: '/v1/auth/me', headers: { cookie: `cf_session=${session.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ role: 'manager', via: 'session', storeIds: ['st-own'], stores: [{ id: 'st-own', name: 'Own Street' }], csrfToken: ok.json().csrfToken, scopes: { 'stock.read': 'own', 'account.admin': 'none' } });
    expect(Date.parse(me.json().sessionExpiresAt)).toBeGreaterThan(Date.now());

    const again = await api().inject({ method: 'POST', url: '/v1/auth/login', payload: { email: user.email, password: oneTimePassword, newPassword: 'yet another passphrase 7' } });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('CF_ERR_AUTH_LOGIN_FAILED');
  });

  it('answers a wrong password and an unknown account with the same status and body', async () => {
    const s = await newSession(api(), 'operator');
    const wrong = await api().inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '10.9.0.1', payload: { email: s.email, password: 'not the password at all' } });
    const unknown = await api().inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '10.9.0.1', payload: { email: 'nobody-at-all@example.com', password: 'not the password at all' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect(wrong.cookies).toEqual([]);
  });
});

describe('sessions and CSRF', () => {
  it('needs the CSRF header for a state-changing request with the cookie, not with a bearer token', async () => {
    const s = await newSession(api(), 'admin');
    const body = { kind: 'pack', id: unique('csrf') };
    const without = await api().inject({ method: 'POST', url: '/v1/devices', headers: { cookie: `cf_session=${s.secret}` }, payload: body });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('CF_ERR_AUTH_CSRF');
    const wrong = await api().inject({ method: 'POST', url: '/v1/devices', headers: { cookie: `cf_session=${s.secret}`, 'x-csrf-token': `${s.csrf.slice(0, -2)}xx` }, payload: body });
    expect(wrong.statusCode).toBe(403);
    const right = await api().inject({ method: 'POST', url: '/v1/devices', headers: s.headers, payload: body });
    expect(right.statusCode).toBe(201);
    const read = await api().inject({ url: '/v1/devices', headers: { cookie: `cf_session=${s.secret}` } });
    expect(read.statusCode).toBe(200);
    const script = await api().inject({ method: 'POST', url: '/v1/devices', headers: ADMIN, payload: { kind: 'pack', id: unique('csrf') } });
    expect(script.statusCode).toBe(201);
  });

  it.each([
    ['garbage', 'cf_session=%%%garbage%%%'],
    ['a bad percent escape', 'cf_session=%E0%A4%A'],
    ['unicode', 'cf_session=ünïcødé'],
    ['a well-formed unknown secret', `cf_session=${'A'.repeat(43)}`],
    ['a very long value', `cf_session=${'x'.repeat(8000)}`],
    ['an empty value', 'cf_session='],
    ['two session cookies', 'cf_session=abc; cf_session=def'],
    ['no equals sign', 'cf_session'],
    ['a quoted value', 'cf_session="quoted"'],
  ])('a bad session cookie (%s) means logged out, never a 500', async (_name, cookie) => {
    const res = await api().inject({ url: '/v1/auth/me', headers: { cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toMatch(/^CF_ERR_AUTH_(MISSING|INVALID)$/);
    const pub = await api().inject({ url: '/healthz', headers: { cookie } });
    expect(pub.statusCode).toBe(200);
  });

  it('clears the cookies of a session that is no longer valid', async () => {
    const res = await api().inject({ url: '/v1/stores', headers: { cookie: `cf_session=${'B'.repeat(43)}` } });
    expect(res.statusCode).toBe(401);
    expect(res.cookies.find((c) => c.name === 'cf_session')?.value).toBe('');
  });

  it('ends the session at logout', async () => {
    const s = await newSession(api(), 'operator');
    expect((await api().inject({ url: '/v1/stores', headers: s.headers })).statusCode).toBe(200);
    const out = await api().inject({ method: 'POST', url: '/v1/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'cf_session')?.value).toBe('');
    const after = await api().inject({ url: '/v1/stores', headers: s.headers });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('CF_ERR_AUTH_INVALID');
  });

  it('ends other sessions when the password changes, keeps this one, and the old password stops working', async () => {
    const s = await newSession(api(), 'manager', ['st-own']);
    const other = await login(api(), s.email, NEW_PASSWORD);
    const change = await api().inject({ method: 'POST', url: '/v1/auth/password', headers: s.headers, payload: { currentPassword: NEW_PASSWORD, newPassword: 'a brand new passphrase 99' } });
    expect(change.statusCode).toBe(204);
    expect((await api().inject({ url: '/v1/auth/me', headers: s.headers })).statusCode).toBe(200);
    expect((await api().inject({ url: '/v1/auth/me', headers: other.headers })).statusCode).toBe(401);
    const old = await api().inject({ method: 'POST', url: '/v1/auth/login', payload: { email: s.email, password: NEW_PASSWORD } });
    expect(old.statusCode).toBe(401);
  });
});

describe('login throttling', () => {
  it('refuses an account after 5 failures, even with the right password, and says when to retry', async () => {
    const s = await newSession(api(), 'operator');
    for (let i = 0; i < 5; i++) {
      const res = await api().inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: `10.1.0.${i + 1}`, payload: { email: s.email, password: `wrong password ${i}` } });
      expect(res.statusCode).toBe(401);
    }
    const right = await api().inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '10.1.0.99', payload: { email: s.email, password: NEW_PASSWORD } });
    expect(right.statusCode).toBe(429);
    expect(right.json().error.code).toBe('CF_ERR_AUTH_THROTTLED');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    // Other accounts from other addresses are not affected.
    const other = await newSession(api(), 'operator');
    expect(other.secret.length).toBeGreaterThan(20);
  });

  it('refuses an address after 30 failures across any accounts, known or not', async () => {
    const addr = '10.2.0.7';
    for (let i = 0; i < 30; i++) {
      const res = await api().inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: addr, payload: { email: `spray-${i}@example.com`, password: 'password123456' } });
      expect(res.statusCode).toBe(401);
    }
    const s = await newSession(api(), 'operator');
    const blocked = await api().inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: addr, payload: { email: s.email, password: NEW_PASSWORD } });
    expect(blocked.statusCode).toBe(429);
    const elsewhere = await api().inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '10.2.0.8', payload: { email: s.email, password: NEW_PASSWORD } });
    expect(elsewhere.statusCode).toBe(200);
  }, 60_000);
});

describe('API tokens', () => {
  it('acts with the account\'s current role and stores, and dies with the account', async () => {
    const s = await newSession(api(), 'manager', ['st-own']);
    const issued = await api().inject({ method: 'POST', url: '/v1/tokens', headers: s.headers, payload: { name: 'stock script' } });
    expect(issued.statusCode).toBe(201);
    const { token, tokenInfo } = issued.json();
    expect(token).toMatch(/^cfu_[A-Za-z0-9_-]{43}$/);
    expect(tokenInfo).toMatchObject({ kind: 'user', role: 'manager', userId: s.userId, name: 'stock script' });
    expect(Date.parse(tokenInfo.expiresAt) - Date.now()).toBeGreaterThan(89 * 86_400_000);
    const auth = { authorization: `Bearer ${token}` };
    expect((await api().inject({ url: '/v1/stores/st-own', headers: auth })).statusCode).toBe(200);
    expect((await api().inject({ url: '/v1/stores/st-other', headers: auth })).statusCode).toBe(404);
    // The admin gives the manager the other store too: the token follows at once.
    const patched = await api().inject({ method: 'PATCH', url: `/v1/users/${s.userId}`, headers: ADMIN, payload: { storeIds: ['st-own', 'st-other'] } });
    expect(patched.statusCode).toBe(200);
    expect((await api().inject({ url: '/v1/stores/st-other', headers: auth })).statusCode).toBe(200);
    // A token cannot mint tokens (a leaked one must not outlive its revocation).
    const mint = await api().inject({ method: 'POST', url: '/v1/tokens', headers: auth, payload: { name: 'child' } });
    expect(mint.statusCode).toBe(403);
    const tooLong = await api().inject({ method: 'POST', url: '/v1/tokens', headers: s.headers, payload: { name: 'forever', ttlDays: 365 } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.message).toMatch(/at most 90 days/);
    const disabled = await api().inject({ method: 'POST', url: `/v1/users/${s.userId}/disable`, headers: ADMIN });
    expect(disabled.statusCode).toBe(200);
    expect((await api().inject({ url: '/v1/stores', headers: auth })).statusCode).toBe(401);
    expect((await api().inject({ url: '/v1/stores', headers: s.headers })).statusCode).toBe(401);
    const login2 = await api().inject({ method: 'POST', url: '/v1/auth/login', remoteAddress: '10.3.0.1', payload: { email: s.email, password: NEW_PASSWORD } });
    expect(login2.statusCode).toBe(401);
  });

  it('lists your own tokens (never secrets); revoking one stops it at once; others\' tokens are 404 to you', async () => {
    const a = await newSession(api(), 'operator');
    const b = await newSession(api(), 'operator');
    const ta = (await api().inject({ method: 'POST', url: '/v1/tokens', headers: a.headers, payload: { name: 'a1' } })).json();
    const tb = (await api().inject({ method: 'POST', url: '/v1/tokens', headers: b.headers, payload: { name: 'b1' } })).json();
    const list = await api().inject({ url: '/v1/tokens', headers: a.headers });
    expect(list.json().tokens.map((x: { id: string }) => x.id)).toEqual([ta.tokenInfo.id]);
    expect(list.body).not.toContain(ta.token);
    const steal = await api().inject({ method: 'DELETE', url: `/v1/tokens/${tb.tokenInfo.id}`, headers: a.headers });
    expect(steal.statusCode).toBe(404);
    expect((await api().inject({ url: '/v1/auth/me', headers: { authorization: `Bearer ${tb.token}` } })).statusCode).toBe(200);
    const revoke = await api().inject({ method: 'DELETE', url: `/v1/tokens/${ta.tokenInfo.id}`, headers: a.headers });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json().revokedAt).not.toBeNull();
    expect((await api().inject({ url: '/v1/auth/me', headers: { authorization: `Bearer ${ta.token}` } })).statusCode).toBe(401);
    const all = await api().inject({ url: '/v1/tokens?includeRevoked=true', headers: ADMIN });
    expect(all.json().tokens.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([ta.tokenInfo.id, tb.tokenInfo.id]));
  });

  it('revokes a kiosk\'s API tokens with its device, at once (issue 9 finding 11)', async () => {
    await t.provision('kiosk', 'k-own');
    const tok = await api().inject({ method: 'POST', url: '/v1/kiosks/k-own/tokens', headers: ADMIN });
    expect(tok.statusCode).toBe(201);
    const auth = { authorization: `Bearer ${tok.json().token}` };
    const swap = { method: 'POST' as const, url: '/v1/kiosks/k-own/swaps', headers: auth, payload: { requestId: unique('rq'), customerToken: 'card-nobody' } };
    expect((await api().inject(swap)).statusCode).toBe(200);
    // A kiosk token reads its own kiosk, not another kiosk, pack or store.
    expect((await api().inject({ url: '/v1/kiosks/k-own', headers: auth })).statusCode).toBe(200);
    for (const url of ['/v1/kiosks/k-other', '/v1/packs/p-own', '/v1/packs/p-own/readings', '/v1/stores/st-own', '/v1/packs', '/v1/customers/c-1']) {
      expect((await api().inject({ url, headers: auth })).statusCode, url).toBe(403);
    }
    const revoked = await api().inject({ method: 'DELETE', url: '/v1/devices/k-own', headers: ADMIN });
    expect(revoked.statusCode).toBe(200);
    const after = await api().inject({ ...swap, payload: { requestId: unique('rq'), customerToken: 'card-nobody' } });
    expect(after.statusCode).toBe(401);
    const list = await api().inject({ url: '/v1/tokens?kioskId=k-own&includeRevoked=true', headers: ADMIN });
    expect(list.json().tokens).toEqual([expect.objectContaining({ id: tok.json().tokenId, kind: 'kiosk', revokedReason: 'kiosk device revoked' })]);
    // And a revoked kiosk gets no new token.
    const again = await api().inject({ method: 'POST', url: '/v1/kiosks/k-own/tokens', headers: ADMIN });
    expect(again.statusCode).toBe(404);
  });
});

describe('refusals are logged', () => {
  it('logs a manager asking for another store\'s data, with who and what', async () => {
    const s = await newSession(api(), 'manager', ['st-own']);
    logLines.length = 0;
    const res = await api().inject({ url: '/v1/packs/p-other', headers: s.headers });
    expect(res.statusCode).toBe(404);
    const refusal = logLines.find((l) => l.msg === 'access refused');
    expect(refusal).toMatchObject({ level: 40, role: 'manager', who: s.email, scope: 'pack.read', why: 'out_of_scope', resources: [{ kind: 'pack', id: 'p-other' }] });
    // Secrets never reach the log.
    expect(JSON.stringify(logLines)).not.toContain(s.secret);
  });
});

describe('bodies and errors', () => {
  it('refuses an anonymous upload before reading its body (issue 9 finding 8)', async () => {
    const { hostname, port } = new URL(t.sys.httpUrl);
    // Announce 60 MB and send 1 KB: a server that read the body first would wait for the rest.
    const answer = await new Promise<string>((resolve, reject) => {
      const sock = connect(Number(port), hostname);
      let data = '';
      sock.setTimeout(10_000, () => {
        sock.destroy();
        reject(new Error(`no answer before the body was complete; got: ${data}`));
      });
      sock.on('data', (d) => {
        data += d.toString();
        if (data.includes('\r\n\r\n') && data.includes('}')) {
          sock.destroy();
          resolve(data);
        }
      });
      sock.on('error', reject);
      sock.write(`POST /v1/registry/import HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${60 * 1024 * 1024}\r\n\r\n{"stores":[${' '.repeat(1024)}`);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    expect(answer).toContain('CF_ERR_AUTH_MISSING');
  });

  it('limits bodies per route: a login is small, an import is bounded by CF_IMPORT_MAX_BYTES', async () => {
    const big = await api().inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'a@example.com', password: 'x'.repeat(10_000) } });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: 'CF_ERR_HTTP_PAYLOAD_TOO_LARGE', details: { maxBytes: 4096 } });
    const stores = Array.from({ length: 2000 }, (_, i) => ({ id: `st-big-${i}`, name: `Big ${i}`, lat: 51, lon: 0, timeZone: 'Europe/London' }));
    const importTooBig = await api().inject({ method: 'POST', url: '/v1/registry/import', headers: ADMIN, payload: { stores } });
    expect(importTooBig.statusCode).toBe(413);
    expect(importTooBig.json().error.details.maxBytes).toBe(64 * 1024);
    expect((await api().inject({ url: '/v1/stores/st-big-1', headers: ADMIN })).statusCode).toBe(404);
  });
});

describe('the command line', () => {
  // The server runs in this process, so the CLI must run asynchronously (a sync child would block it).
  const cli = async (...args: string[]) => (await promisify(execFile)(process.execPath, [BIN, ...args, '--api', t.sys.httpUrl], { cwd: ROOT, env: { ...process.env, CF_ADMIN_TOKEN: ADMIN_TOKEN } })).stdout;

  it('adds a manager with a one-time password that logs in once, lists accounts, and issues, lists and revokes tokens', async () => {
    const email = `${unique('cli')}@example.com`;
    const added = await cli('users', 'add', '--role', 'manager', '--stores', 'st-own,st-other', '--email', email);
    expect(added).toContain(`created manager ${email}`);
    expect(added).toContain('for st-other, st-own');
    const otp = /one-time password: (\S+)/.exec(added)?.[1];
    expect(otp, added).toMatch(/^[a-z2-9-]{23}$/);
    const s = await login(api(), email, otp!, NEW_PASSWORD);
    expect(s.secret.length).toBeGreaterThan(20);
    expect(await cli('users', 'list')).toMatch(new RegExp(`${email}\tmanager\tst-other,st-own\tactive\tusr_`));

    const issued = await cli('tokens', 'add', '--kind', 'metrics', '--name', 'prometheus-cli');
    const token = /^\s+(cfm_\S+)$/m.exec(issued)?.[1];
    expect(token, issued).toBeTruthy();
    expect((await api().inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    const id = /metrics token (tok_[0-9a-f]{16})/.exec(issued)?.[1];
    expect(await cli('tokens', 'list')).toContain(`${id}\tmetrics\tmetrics\t-\tprometheus-cli`);
    expect(await cli('tokens', 'revoke', id!)).toContain(`revoked ${id}`);
    expect((await api().inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  }, 60_000);
});
