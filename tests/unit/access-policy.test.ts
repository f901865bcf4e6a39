// The policy table and its decision, row by row: who holds which scope, what `own` means for each
// role, what a refused caller is told, and how long credentials live.
import { describe, expect, it } from 'vitest';
import { checkNewPassword, decideAccess, LIFETIME, OUT_OF_SCOPE, ROLES, SCOPES, sessionEndsAtMs, tokenExpiry, type AccessSubject, type ResourceOwner, type Scope } from '../../domain/access-policy.ts';

const subject = (role: AccessSubject['role'], extra: Partial<AccessSubject> = {}): AccessSubject => ({ role, userId: null, storeIds: [], kioskId: null, ...extra });
const manager = subject('manager', { userId: 'usr_m', storeIds: ['st-1', 'st-2'] });
const kiosk = subject('kiosk', { kioskId: 'k-1' });
const operator = subject('operator', { userId: 'usr_o' });
const D = 86_400_000;

describe('decideAccess', () => {
  it.each<[string, AccessSubject | null, Scope, (ResourceOwner | null)[], ReturnType<typeof decideAccess>]>([
    ['anyone may call a public route', null, 'public', [], { allowed: true, rule: 'all' }],
    ['no credential on a scoped route: 401', null, 'stock.read', [], { allowed: false, status: 401, why: 'no_credential' }],
    ['a manager on their own store', manager, 'stock.read', [{ storeIds: ['st-2'] }], { allowed: true, rule: 'own' }],
    ['a manager on another store: 404, it does not exist for them', manager, 'stock.read', [{ storeIds: ['st-9'] }], { allowed: false, status: 404, why: 'out_of_scope' }],
    ['a manager on a store that does not exist: the same 404', manager, 'stock.read', [null], { allowed: false, status: 404, why: 'out_of_scope' }],
    ['a manager naming two resources, one not theirs', manager, 'swap.read', [{ storeIds: ['st-1'], kioskId: 'k-1' }, { storeIds: ['st-9'] }], { allowed: false, status: 404, why: 'out_of_scope' }],
    ['a manager on a list route: allowed, the handler filters', manager, 'pack.read', [], { allowed: true, rule: 'own' }],
    ['a manager cannot read customers', manager, 'customer.read', [], { allowed: false, status: 403, why: 'role_lacks_scope' }],
    ['a kiosk on itself', kiosk, 'kiosk.read', [{ kioskId: 'k-1', storeIds: ['st-1'] }], { allowed: true, rule: 'own' }],
    ['a kiosk on another kiosk: 403, kiosks know each other exist', kiosk, 'kiosk.read', [{ kioskId: 'k-2', storeIds: ['st-1'] }], { allowed: false, status: 403, why: 'out_of_scope' }],
    ['a kiosk asks for a swap at itself', kiosk, 'swap.request', [{ kioskId: 'k-1' }], { allowed: true, rule: 'own' }],
    ['a kiosk never reads packs (GPS, holders)', kiosk, 'pack.read', [{ kioskId: 'k-1', storeIds: ['st-1'] }], { allowed: false, status: 403, why: 'role_lacks_scope' }],
    ['an operator reads every pack', operator, 'pack.read', [{ storeIds: ['st-9'] }], { allowed: true, rule: 'all' }],
    ['an operator revokes their own token', operator, 'token.self', [{ userId: 'usr_o' }], { allowed: true, rule: 'own' }],
    ['an operator on someone else\'s token: 404', operator, 'token.self', [{ userId: 'usr_m' }], { allowed: false, status: 404, why: 'out_of_scope' }],
    ['a manager on a kiosk\'s token (no user): 404', manager, 'token.self', [{ kioskId: 'k-1' }], { allowed: false, status: 404, why: 'out_of_scope' }],
    ['an operator does not provision devices', operator, 'device.provision', [], { allowed: false, status: 403, why: 'role_lacks_scope' }],
    ['the metrics token scrapes metrics', subject('metrics'), 'metrics.read', [], { allowed: true, rule: 'all' }],
    ['the metrics token reads nothing else', subject('metrics'), 'stock.read', [], { allowed: false, status: 403, why: 'role_lacks_scope' }],
    ['an admin may do anything', subject('admin'), 'account.admin', [{ storeIds: ['st-9'] }], { allowed: true, rule: 'all' }],
  ])('%s', (_name, who, scope, owners, want) => {
    expect(decideAccess(who, scope, owners)).toEqual(want);
  });

  it('has a rule for every role in every scope, and the admin holds every scope', () => {
    for (const [scope, spec] of Object.entries(SCOPES)) {
      expect(Object.keys(spec.rules).sort(), scope).toEqual([...ROLES].sort());
      expect(spec.rules.admin, scope).toBe('all');
    }
  });

  it('keeps roles apart: only an admin manages accounts, kiosks and metrics tokens are confined', () => {
    const holders = (scope: Scope) => ROLES.filter((r) => SCOPES[scope].rules[r] !== 'none');
    expect(holders('account.admin')).toEqual(['admin']);
    expect(holders('registry.import')).toEqual(['admin']);
    expect(ROLES.map((r) => OUT_OF_SCOPE[r])).toEqual([403, 404, 404, 403, 403]);
    const kioskScopes = (Object.keys(SCOPES) as Scope[]).filter((s) => SCOPES[s].rules.kiosk !== 'none');
    expect(kioskScopes).toEqual(['public', 'self', 'kiosk.read', 'swap.read', 'swap.request']);
    expect((Object.keys(SCOPES) as Scope[]).filter((s) => SCOPES[s].rules.kiosk === 'all')).toEqual(['public', 'self']);
  });
});

describe('credential lifetimes', () => {
  it.each([
    ['admin', 1000, 1000 + 0.5 * 3_600_000],
    ['operator', 1000, 1000 + 2 * 3_600_000],
    ['manager', 1000, 1000 + D],
  ] as const)('a %s session idles out', (role, at, ends) => {
    expect(sessionEndsAtMs(role, at, at)).toBe(ends);
  });

  it('caps a session at the role\'s longest, however active', () => {
    expect(sessionEndsAtMs('admin', 0, 8 * 3_600_000 - 1)).toBe(8 * 3_600_000);
    expect(sessionEndsAtMs('manager', 0, 7 * D - 60_000)).toBe(7 * D);
  });

  it('gives kiosk and metrics no sessions', () => {
    expect(LIFETIME.kiosk.sessionMaxMs).toBeNull();
    expect(sessionEndsAtMs('kiosk', 5, 100)).toBe(5);
  });

  it.each([
    ['admin', null, { expiresAtMs: 30 * D }],
    ['manager', 10, { expiresAtMs: 10 * D }],
    ['operator', 91, { error: 'an operator token lives at most 90 days' }],
    ['kiosk', null, { expiresAtMs: null }],
    ['metrics', 365, { expiresAtMs: 365 * D }],
    ['manager', 0, { error: 'a token lifetime must be a positive number of days' }],
  ] as const)('a %s token asked for %s days', (role, days, want) => {
    expect(tokenExpiry(role, days, 0)).toEqual(want);
  });
});

describe('a new password', () => {
  it.each([
    ['short1', 'a password has at least 12 characters'],
    ['aaaaaaaaaaaaaaaa', 'a password needs more than a few different characters'],
    ['martha-secret-2026', 'a password must not contain your email name'],
    ['the current one!!', 'the new password must differ from the current one'],
    ['correct horse battery staple', null],
  ])('%s → %s', (pw, want) => {
    expect(checkNewPassword(pw, { email: 'Martha@example.com', current: 'the current one!!' })).toBe(want);
  });
});
