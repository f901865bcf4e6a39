// The credential service on a real DuckDB file with a hand-moved clock: how long sessions, tokens
// and one-time passwords live, that a login costs one password check whether or not the account
// exists, the bound on concurrent password checks, and what survives a restart.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminTokenCheck, ensureAdminToken } from '../../app/admin-token.ts';
import { CfError } from '../../domain/errors.ts';
import { DECOY_PASSWORD_HASH, hashPassword, hashSecret, verifyPassword } from '../../domain/secrets.ts';
import { AccessService, MAX_SESSIONS_PER_USER, MAX_TOKENS_PER_OWNER, type PasswordHasher } from '../../services/access-service.ts';
import { AccountAdmin } from '../../services/account-admin.ts';
import { DuckAccountStore } from '../../store/duckdb/accounts.ts';
import { openDuckDb, type DuckDb } from '../../store/duckdb/database.ts';
import { DuckFleetRegistry } from '../../store/duckdb/fleet-registry.ts';
import { DuckRegistry } from '../../store/duckdb/registry.ts';

const H = 3_600_000;
const D = 24 * H;
const PASSWORD = 'correct horse battery staple';
const logger = pino({ level: 'silent' });

let dir: string;
let db: DuckDb;
let store: DuckAccountStore;
const clock = { t: Date.UTC(2026, 0, 5, 9), now() { return this.t; } };

/** Counts password checks and the hashes they were made against. */
function countingHasher(): PasswordHasher & { verified: string[] } {
  const verified: string[] = [];
  return { verified, hash: hashPassword, verify: (pw, hash) => (verified.push(hash), verifyPassword(pw, hash)) };
}

function service(extra: Partial<ConstructorParameters<typeof AccessService>[0]> = {}) {
  const access = new AccessService({ accounts: store, clock, logger, isAdminToken: async () => false, kioskIssuable: async () => true, ...extra });
  const admin = new AccountAdmin({ accounts: store, access, clock, logger, storeExists: (id) => id.startsWith('st-') });
  return { access, admin };
}

const ADMIN_PRINCIPAL = { role: 'admin', userId: null, storeIds: [], kioskId: null, via: 'token', credentialId: 'admin-token', label: 'admin token' } as const;

async function account(admin: AccountAdmin, access: AccessService, role: 'admin' | 'operator' | 'manager', email: string) {
  const { user, oneTimePassword } = await admin.addUser(ADMIN_PRINCIPAL, { email, role, ...(role === 'manager' ? { storeIds: ['st-1'] } : {}) });
  const first = await access.login({ email, password: oneTimePassword, newPassword: PASSWORD, address: '127.0.0.1', userAgent: 'test' });
  return { user, first };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cf-access-'));
  db = await openDuckDb(join(dir, 'a.duckdb'));
  store = new DuckAccountStore(db, { nowMs: () => clock.now() });
  await store.open();
  clock.t = Date.UTC(2026, 0, 5, 9);
});
afterEach(async () => {
  await store.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a login', () => {
  it('checks exactly one password, with the same cost parameters, whether or not the account exists', async () => {
    const hasher = countingHasher();
    const { access, admin } = service({ passwords: hasher });
    const { user } = await account(admin, access, 'operator', 'op@example.com');
    hasher.verified.length = 0;
    const attempt = (email: string) => access.login({ email, password: 'wrong password here', address: '10.0.0.1', userAgent: 't' }).catch((e: unknown) => e as CfError);
    const wrong = await attempt('op@example.com');
    const unknown = await attempt('ghost@example.com');
    expect(wrong).toBeInstanceOf(CfError);
    expect([(wrong as CfError).code, (wrong as CfError).message]).toEqual([(unknown as CfError).code, (unknown as CfError).message]);
    expect(hasher.verified).toEqual([store.user(user.id)!.passwordHash, DECOY_PASSWORD_HASH]);
    // The decoy carries the same scrypt parameters as a real password hash: the same work.
    const params = (h: string) => h.split('$').slice(0, 4).join('$');
    expect(params(DECOY_PASSWORD_HASH)).toBe(params(store.user(user.id)!.passwordHash));
  });

  it('refuses a one-time password after 7 days, with the answer a wrong password gets', async () => {
    const { access, admin } = service();
    const { oneTimePassword } = await admin.addUser(ADMIN_PRINCIPAL, { email: 'late@example.com', role: 'operator' });
    clock.t += 7 * D + 1;
    await expect(access.login({ email: 'late@example.com', password: oneTimePassword, newPassword: PASSWORD, address: '10.0.0.2', userAgent: 't' })).rejects.toMatchObject({ code: 'CF_ERR_AUTH_LOGIN_FAILED' });
  });

  it('bounds password checks in flight and refuses beyond the queue', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const slow: PasswordHasher = { hash: hashPassword, verify: async () => (await gate, false) };
    const { access } = service({ passwords: slow, maxConcurrentLogins: 1, maxQueuedLogins: 1 });
    const tries = [0, 1, 2].map((i) => access.login({ email: `x${i}@example.com`, password: 'pw-pw-pw-pw-pw', address: `10.0.1.${i}`, userAgent: 't' }).catch((e: CfError) => e.code));
    const third = await tries[2];
    expect(third).toBe('CF_ERR_AUTH_BUSY');
    release();
    expect(await Promise.all(tries.slice(0, 2))).toEqual(['CF_ERR_AUTH_LOGIN_FAILED', 'CF_ERR_AUTH_LOGIN_FAILED']);
  });

  it('lets a throttled account in again once its failures leave the 15-minute window', async () => {
    const { access, admin } = service();
    await account(admin, access, 'operator', 'slow@example.com');
    for (let i = 0; i < 5; i++) await access.login({ email: 'slow@example.com', password: 'nope nope nope', address: `10.0.2.${i}`, userAgent: 't' }).catch(() => undefined);
    await expect(access.login({ email: 'slow@example.com', password: PASSWORD, address: '10.0.3.1', userAgent: 't' })).rejects.toMatchObject({ code: 'CF_ERR_AUTH_THROTTLED' });
    clock.t += 15 * 60_000 + 1;
    await expect(access.login({ email: 'slow@example.com', password: PASSWORD, address: '10.0.3.1', userAgent: 't' })).resolves.toMatchObject({ user: { email: 'slow@example.com' } });
  });
});

describe('how long credentials live', () => {
  it('ends an admin session after 30 idle minutes, and any admin session after 8 hours', async () => {
    const { access, admin } = service();
    const { first } = await account(admin, access, 'admin', 'root@example.com');
    clock.t += 29 * 60_000;
    expect(access.fromSession(first.sessionSecret)?.principal.role).toBe('admin');
    clock.t += 31 * 60_000; // 31 idle minutes since the check above
    expect(access.fromSession(first.sessionSecret)).toBeNull();
    const again = await access.login({ email: 'root@example.com', password: PASSWORD, address: '127.0.0.1', userAgent: 't' });
    for (let i = 0; i < 16; i++) {
      clock.t += 29 * 60_000;
      expect(access.fromSession(again.sessionSecret), `after ${(i + 1) * 29} min`).not.toBeNull();
    }
    clock.t += 29 * 60_000; // 8 h 13 min after login, active throughout
    expect(access.fromSession(again.sessionSecret)).toBeNull();
  });

  it('re-checks a live stream\'s credential without counting it as activity', async () => {
    const { access, admin } = service();
    const { first } = await account(admin, access, 'admin', 'watcher@example.com');
    // An open dashboard re-checks every 15 s; 29 minutes of that must not keep an idle admin session open.
    for (let i = 0; i < 29; i++) {
      clock.t += 60_000;
      expect(access.current(first.principal, first.sessionSecret)?.role, `after ${i + 1} min`).toBe('admin');
    }
    clock.t += 2 * 60_000;
    expect(access.current(first.principal, first.sessionSecret)).toBeNull();
    expect(access.fromSession(first.sessionSecret)).toBeNull();
    // Another session's secret does not vouch for this one; a revoked token is over at once.
    const other = await access.login({ email: 'watcher@example.com', password: PASSWORD, address: '127.0.0.1', userAgent: 't' });
    expect(access.current(first.principal, other.sessionSecret)).toBeNull();
    const issued = await access.issueToken(other.principal, { name: 'script' });
    const p = await access.fromBearer(issued.token);
    expect(access.current(p!)?.credentialId).toBe(issued.record.id);
    await access.revokeToken(other.principal, issued.record.id);
    expect(access.current(p!)).toBeNull();
  });

  it('keeps a manager\'s session a day idle and a week at most', async () => {
    const { access, admin } = service();
    const { first } = await account(admin, access, 'manager', 'shop@example.com');
    clock.t += 23 * H;
    expect(access.fromSession(first.sessionSecret)?.principal.storeIds).toEqual(['st-1']);
    clock.t += 25 * H;
    expect(access.fromSession(first.sessionSecret)).toBeNull();
  });

  it('expires an admin\'s script token after 30 days; a kiosk token lives until revoked', async () => {
    const { access, admin } = service();
    const { first } = await account(admin, access, 'admin', 'ops-lead@example.com');
    const userToken = await access.issueToken(first.principal, { name: 'nightly' });
    const kioskToken = await access.issueToken(first.principal, { name: 'k', kind: 'kiosk', kioskId: 'k-1' });
    expect(userToken.record.expiresAtMs).toBe(clock.t + 30 * D);
    expect(kioskToken.record.expiresAtMs).toBeNull();
    clock.t += 30 * D - 1;
    expect(await access.fromBearer(userToken.token)).not.toBeNull();
    clock.t += 1;
    expect(await access.fromBearer(userToken.token)).toBeNull();
    expect((await access.fromBearer(kioskToken.token))?.kioskId).toBe('k-1');
    await expect(access.issueToken(first.principal, { name: 'too long', ttlDays: 31 })).rejects.toMatchObject({ code: 'CF_ERR_TOKEN_INVALID' });
  });
});

describe('bounds on what one password holder can create', () => {
  it('keeps at most 20 sessions per account: a new login ends the oldest', async () => {
    const { access, admin } = service();
    const { user, first } = await account(admin, access, 'manager', 'many@example.com');
    for (let i = 0; i < 19; i++) {
      await store.addSession({ id: `ses_fill_${i}`, secretHash: `fill-${i}`, userId: user.id, createdAtMs: clock.t + i + 1, lastSeenAtMs: clock.t + i + 1, endedAtMs: null, address: '127.0.0.1', userAgent: 't' });
    }
    expect(store.sessionsOf(user.id)).toHaveLength(MAX_SESSIONS_PER_USER);
    clock.t += 1000;
    await access.login({ email: 'many@example.com', password: PASSWORD, address: '127.0.0.1', userAgent: 't' });
    expect(store.sessionsOf(user.id)).toHaveLength(MAX_SESSIONS_PER_USER);
    expect(access.fromSession(first.sessionSecret)).toBeNull();
  });

  it('issues at most 50 active tokens per account', async () => {
    const { access, admin } = service();
    const { first } = await account(admin, access, 'operator', 'tokens@example.com');
    for (let i = 0; i < MAX_TOKENS_PER_OWNER; i++) await access.issueToken(first.principal, { name: `t${i}` });
    await expect(access.issueToken(first.principal, { name: 'one more' })).rejects.toMatchObject({ code: 'CF_ERR_TOKEN_INVALID' });
  });

  it('throttles guessing the current password through a session', async () => {
    const { access, admin } = service();
    const { first } = await account(admin, access, 'operator', 'guess@example.com');
    for (let i = 0; i < 5; i++) await expect(access.changePassword(first.principal, `guess number ${i}`, 'a new passphrase 1234')).rejects.toMatchObject({ code: 'CF_ERR_AUTH_LOGIN_FAILED' });
    await expect(access.changePassword(first.principal, PASSWORD, 'a new passphrase 1234')).rejects.toMatchObject({ code: 'CF_ERR_AUTH_THROTTLED' });
  });
});

describe('a restart', () => {
  it('keeps accounts, sessions, tokens and their last use', async () => {
    const { access, admin } = service();
    const { first } = await account(admin, access, 'manager', 'keep@example.com');
    const tok = await access.issueToken(first.principal, { name: 'keep' });
    clock.t += 60_000;
    expect(await access.fromBearer(tok.token)).not.toBeNull();
    await store.close();
    store = new DuckAccountStore(db, { nowMs: () => clock.now() });
    await store.open();
    const { access: again } = service();
    expect(again.fromSession(first.sessionSecret)?.principal.label).toBe('keep@example.com');
    expect((await again.fromBearer(tok.token))?.role).toBe('manager');
    expect(store.token(tok.record.id)?.lastUsedAtMs).toBe(clock.t);
  });

  it('takes over kiosk tokens the fleet registry issued before accounts existed', async () => {
    const fleet = new DuckFleetRegistry(db);
    await fleet.open();
    const legacy = 'cfk_legacy-token-made-before-accounts-0000000000';
    await fleet.addToken({ tokenHash: createHash('sha256').update(legacy).digest('hex'), role: 'kiosk', subject: 'k-old', storeIds: [], createdAtMs: clock.t, revokedAtMs: null });
    await store.close();
    store = new DuckAccountStore(db, { nowMs: () => clock.now() });
    await store.open();
    await fleet.close();
    const { access } = service();
    expect(await access.fromBearer(legacy)).toMatchObject({ role: 'kiosk', kioskId: 'k-old' });
    await access.revokeKioskTokens('k-old', 'kiosk device revoked');
    expect(await access.fromBearer(legacy)).toBeNull();
  });

  it('checks a generated admin token by its digest, and upgrades one stored as scrypt before', async () => {
    const registry = new DuckRegistry(db);
    await registry.open();
    const token = await ensureAdminToken(registry, undefined);
    expect(await registry.getSetting('admin_token_hash')).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await adminTokenCheck(registry, undefined)(token!)).toBe(true);
    expect(await adminTokenCheck(registry, undefined)(`${token}x`)).toBe(false);
    const old = 'cfadm_' + 'Q'.repeat(43);
    await registry.setSetting('admin_token_hash', await hashSecret(old));
    const check = adminTokenCheck(registry, undefined);
    expect(await check('cfadm_' + 'R'.repeat(43))).toBe(false);
    expect(await check(old)).toBe(true);
    expect(await registry.getSetting('admin_token_hash')).toMatch(/^sha256:/);
    expect(await check(old)).toBe(true);
  });
});
