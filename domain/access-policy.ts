// Who may do what: the one table mapping (role, scope) to a rule, and the pure decision the API
// applies to every request. Routes declare a scope (api/auth/access.ts); only this table grants it.
//
// A rule is `all` (fleet-wide), `own` (only resources the principal owns: a manager's stores and
// what is in them, a kiosk itself, a user's own tokens) or `none`. Adding a scope here without a
// rule for every role does not compile; the README's access table is generated from SCOPES.

export const ROLES = ['admin', 'operator', 'manager', 'kiosk', 'metrics'] as const;
export type Role = (typeof ROLES)[number];

/** Roles a person has (accounts with passwords and browser sessions); the others are tokens only. */
export const USER_ROLES = ['admin', 'operator', 'manager'] as const satisfies readonly Role[];
export type UserRole = (typeof USER_ROLES)[number];

export type Rule = 'all' | 'own' | 'none';

interface ScopeSpec {
  /** What the scope covers, for the README and the API description. */
  doc: string;
  rules: Record<Role, Rule>;
}

const rules = (admin: Rule, operator: Rule, manager: Rule, kiosk: Rule, metrics: Rule): Record<Role, Rule> => ({ admin, operator, manager, kiosk, metrics });

export const SCOPES = {
  public: { doc: 'no credential needed', rules: rules('all', 'all', 'all', 'all', 'all') },
  self: { doc: 'who am I, log out', rules: rules('all', 'all', 'all', 'all', 'all') },
  'account.self': { doc: 'change my own password', rules: rules('all', 'all', 'all', 'none', 'none') },
  'token.self': { doc: 'my API tokens for scripts: create, list, revoke (admin: everyone\'s)', rules: rules('all', 'own', 'own', 'none', 'none') },
  'account.admin': { doc: 'user accounts: create, list, change, disable, reset passwords', rules: rules('all', 'none', 'none', 'none', 'none') },
  'stock.read': { doc: 'stores, their stock and kiosks (lists and store pages)', rules: rules('all', 'all', 'own', 'none', 'none') },
  'kiosk.read': { doc: 'one kiosk: slots, status history, events', rules: rules('all', 'all', 'own', 'own', 'none') },
  'pack.read': { doc: 'packs: state, readings, custody history (managers: packs in their kiosks or back rooms)', rules: rules('all', 'all', 'own', 'none', 'none') },
  'swap.read': { doc: 'the swap ledger', rules: rules('all', 'all', 'own', 'own', 'none') },
  'swap.request': { doc: 'ask for a swap at a kiosk', rules: rules('all', 'none', 'none', 'own', 'none') },
  'alert.read': { doc: 'anomalies and alerts', rules: rules('all', 'all', 'own', 'none', 'none') },
  'customer.read': { doc: 'a customer\'s account, packs and swap count', rules: rules('all', 'all', 'none', 'none', 'none') },
  'nudge.read': { doc: 'the nudge ledger, its daily stats, and what the system has learned about one customer', rules: rules('all', 'all', 'none', 'none', 'none') },
  'customer.consent': { doc: 'give or withdraw a customer\'s consent to nudges (support acting for them)', rules: rules('all', 'all', 'none', 'none', 'none') },
  'fleet.operate': { doc: 'holds, lot recalls, resolving custody disputes', rules: rules('all', 'all', 'none', 'none', 'none') },
  'device.read': { doc: 'devices with online state', rules: rules('all', 'all', 'none', 'none', 'none') },
  'device.revoke': { doc: 'revoke a device (its API tokens die with it)', rules: rules('all', 'all', 'none', 'none', 'none') },
  'device.provision': { doc: 'provision devices, issue kiosk tokens', rules: rules('all', 'none', 'none', 'none', 'none') },
  'registry.import': { doc: 'import stores, kiosks, customers, packs, recalls', rules: rules('all', 'none', 'none', 'none', 'none') },
  'quarantine.read': { doc: 'rejected messages with their raw bytes', rules: rules('all', 'all', 'none', 'none', 'none') },
  'health.read': { doc: 'the detailed /healthz report (anyone gets the status)', rules: rules('all', 'all', 'none', 'none', 'all') },
  'metrics.read': { doc: 'GET /metrics (Prometheus)', rules: rules('all', 'all', 'none', 'none', 'all') },
} as const satisfies Record<string, ScopeSpec>;

export type Scope = keyof typeof SCOPES;

/**
 * What a scoped role gets for a resource that is not theirs: a manager is told it does not exist
 * (another store's pack is none of their business, not even its existence); a kiosk knows other
 * kiosks exist, so it is simply refused.
 */
export const OUT_OF_SCOPE: Record<Role, 404 | 403> = { admin: 403, operator: 404, manager: 404, kiosk: 403, metrics: 403 };

/** The caller as the policy sees it. */
export interface AccessSubject {
  role: Role;
  /** The person behind a session or a personal token; null for the admin token, kiosk and metrics tokens. */
  userId: string | null;
  /** Managers: the stores they may see. */
  storeIds: readonly string[];
  /** Kiosk tokens: their kiosk. */
  kioskId: string | null;
}

/** Who a resource belongs to, as the API resolved it; null when there is no such resource. */
export interface ResourceOwner {
  /** The stores the resource is in (a kiosk's store, the store of the kiosk holding a pack). */
  storeIds?: readonly string[];
  /** The kiosk the resource is, or is in. */
  kioskId?: string;
  /** The user a token or account belongs to. */
  userId?: string;
}

export type AccessDecision =
  | { allowed: true; rule: 'all' | 'own' }
  | { allowed: false; status: 401 | 403 | 404; why: 'no_credential' | 'role_lacks_scope' | 'out_of_scope' };

export function ruleFor(role: Role, scope: Scope): Rule {
  return SCOPES[scope].rules[role];
}

/** True when the subject owns the resource (used only where the rule is `own`). */
export function owns(s: AccessSubject, owner: ResourceOwner | null): boolean {
  if (!owner) return false;
  if (owner.userId !== undefined) return s.userId !== null && owner.userId === s.userId;
  switch (s.role) {
    case 'manager':
      return (owner.storeIds ?? []).some((id) => s.storeIds.includes(id));
    case 'kiosk':
      return owner.kioskId !== undefined && owner.kioskId === s.kioskId;
    default:
      return false;
  }
}

/**
 * The decision for one request. `owners` are the resources the request names (path or query),
 * resolved by the caller; every one must be owned where the rule is `own`. A route that names no
 * resource under an `own` rule is allowed, and its handler shows only what the subject owns.
 */
export function decideAccess(subject: AccessSubject | null, scope: Scope, owners: readonly (ResourceOwner | null)[]): AccessDecision {
  if (scope === 'public') return { allowed: true, rule: 'all' };
  if (!subject) return { allowed: false, status: 401, why: 'no_credential' };
  const rule = ruleFor(subject.role, scope);
  if (rule === 'none') return { allowed: false, status: 403, why: 'role_lacks_scope' };
  if (rule === 'all') return { allowed: true, rule };
  return owners.every((o) => owns(subject, o)) ? { allowed: true, rule } : { allowed: false, status: OUT_OF_SCOPE[subject.role], why: 'out_of_scope' };
}

/** True when the subject holds the scope at all (for a detail a handler adds, such as /healthz's). */
export function holds(subject: AccessSubject | null, scope: Scope): boolean {
  return scope === 'public' || (subject !== null && ruleFor(subject.role, scope) !== 'none');
}

// --- how long credentials live ---

export interface Lifetime {
  /** A session ends this long after login, however active (null: the role has no sessions). */
  sessionMaxMs: number | null;
  /** A session ends after this long without a request. */
  sessionIdleMs: number | null;
  /** Longest lifetime of an API token; null means it lives until revoked (kiosk and metrics tokens die with their device or by revocation). */
  tokenMaxMs: number | null;
}

const H = 3_600_000;
const D = 24 * H;

/** Stronger roles get shorter credentials. README "API credentials" quotes this table. */
export const LIFETIME: Record<Role, Lifetime> = {
  admin: { sessionMaxMs: 8 * H, sessionIdleMs: 0.5 * H, tokenMaxMs: 30 * D },
  operator: { sessionMaxMs: 12 * H, sessionIdleMs: 2 * H, tokenMaxMs: 90 * D },
  manager: { sessionMaxMs: 7 * D, sessionIdleMs: 1 * D, tokenMaxMs: 90 * D },
  kiosk: { sessionMaxMs: null, sessionIdleMs: null, tokenMaxMs: null },
  metrics: { sessionMaxMs: null, sessionIdleMs: null, tokenMaxMs: null },
};

/** A one-time password must be used (and replaced) within this. */
export const ONE_TIME_PASSWORD_TTL_MS = 7 * D;

/** When a session started at `createdAtMs` and last used at `lastSeenAtMs` ends. */
export function sessionEndsAtMs(role: Role, createdAtMs: number, lastSeenAtMs: number): number {
  const l = LIFETIME[role];
  if (l.sessionMaxMs === null || l.sessionIdleMs === null) return createdAtMs;
  return Math.min(createdAtMs + l.sessionMaxMs, lastSeenAtMs + l.sessionIdleMs);
}

/**
 * The expiry of a new token: the requested lifetime, capped by the role's; the role's longest
 * when none is asked for. Returns an error sentence when the request exceeds the cap.
 */
export function tokenExpiry(role: Role, requestedDays: number | null, nowMs: number): { expiresAtMs: number | null } | { error: string } {
  const maxMs = LIFETIME[role].tokenMaxMs;
  if (requestedDays === null) return { expiresAtMs: maxMs === null ? null : nowMs + maxMs };
  if (!(requestedDays > 0)) return { error: 'a token lifetime must be a positive number of days' };
  if (maxMs !== null && requestedDays * D > maxMs) return { error: `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} token lives at most ${maxMs / D} days` };
  return { expiresAtMs: nowMs + requestedDays * D };
}

// --- passwords a person chooses ---

export const PASSWORD_MIN_CHARS = 12;
export const PASSWORD_MAX_CHARS = 256;

/** Null when acceptable, else the reason in a sentence. */
export function checkNewPassword(password: string, ctx: { email: string; current?: string }): string | null {
  const chars = [...password].length;
  if (chars < PASSWORD_MIN_CHARS) return `a password has at least ${PASSWORD_MIN_CHARS} characters`;
  if (chars > PASSWORD_MAX_CHARS) return `a password has at most ${PASSWORD_MAX_CHARS} characters`;
  if (password.toLowerCase().includes(ctx.email.toLowerCase().split('@')[0]!) && ctx.email.split('@')[0]!.length >= 4) return 'a password must not contain your email name';
  if (ctx.current !== undefined && password === ctx.current) return 'the new password must differ from the current one';
  if (new Set(password).size < 5) return 'a password needs more than a few different characters';
  return null;
}

/** Emails are compared lowercased and trimmed, so `M@Example.com ` and `m@example.com` are one account. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const EMAIL_RE = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{1,63}$/;

/** An authenticated caller: the policy's subject, plus how they proved it (for logs and revocation). */
export interface Principal extends AccessSubject {
  via: 'session' | 'token';
  /** The session id, the token id, or 'admin-token'; never a secret. */
  credentialId: string;
  /** For logs and `GET /v1/auth/me`: the email, kiosk id or token name. */
  label: string;
}
