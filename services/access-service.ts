// Credentials: who is calling. Resolves bearer tokens and session cookies to a Principal (a digest
// and a map lookup, no KDF), logs people in (scrypt, throttled, the same cost whether or not the
// account exists), and issues, lists and revokes API tokens. Accounts themselves: account-admin.ts.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import { checkNewPassword, normaliseEmail, sessionEndsAtMs, tokenExpiry, type Principal, type Role } from '../domain/access-policy.ts';
import { CfError } from '../domain/errors.ts';
import { LoginThrottle } from '../domain/login-throttle.ts';
import { DECOY_PASSWORD_HASH, generateSecret, hashPassword, tokenDigest, verifyPassword } from '../domain/secrets.ts';
import type { AccessTokenRecord, AccountStore, SessionRecord, TokenKind, UserRecord } from '../store/accounts.ts';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

export interface AccessServiceOptions {
  accounts: AccountStore;
  /** Wall time: credentials expire in real hours even when the fleet runs on a virtual clock. */
  clock: Clock;
  logger: Logger;
  /** The bootstrap admin token (CF_ADMIN_TOKEN or the generated one): true when `token` is it. */
  isAdminToken(token: string): Promise<boolean>;
  /** Whether a kiosk may hold API tokens: it exists in the fleet and its device is not revoked. */
  kioskIssuable(kioskId: string): Promise<boolean>;
  throttle?: LoginThrottle;
  passwords?: PasswordHasher;
  /** Password checks running at once; more wait in a bounded queue (scrypt is 32 MiB and ~0.1 s each). */
  maxConcurrentLogins?: number;
  maxQueuedLogins?: number;
}

export interface LoginRequest {
  email: string;
  password: string;
  /** Required when the account has a one-time password; sets the account's own password. */
  newPassword?: string;
  address: string;
  userAgent: string;
}

export interface LoginResult {
  user: UserRecord;
  /** The cookie value: shown once, stored only as a digest. */
  sessionSecret: string;
  session: SessionRecord;
  csrfToken: string;
  principal: Principal;
}

export interface TokenRequest {
  name: string;
  kind?: TokenKind;
  /** Lifetime in days; the role's longest when absent (kiosk and metrics tokens: until revoked). */
  ttlDays?: number | null;
  /** Admin only: issue a user token for this account. */
  userId?: string;
  /** Kiosk tokens: the kiosk. */
  kioskId?: string;
}

const SECRET_PREFIX: Record<TokenKind, string> = { user: 'cfu_', kiosk: 'cfk_', metrics: 'cfm_' };

/** Open sessions per account: a new login past it ends the oldest (a password holder cannot fill memory with sessions). */
export const MAX_SESSIONS_PER_USER = 20;
/** Active API tokens per account, per kiosk, and metrics tokens in all. */
export const MAX_TOKENS_PER_OWNER = 50;

export const ADMIN_TOKEN_PRINCIPAL: Principal = Object.freeze({ role: 'admin', userId: null, storeIds: [], kioskId: null, via: 'token', credentialId: 'admin-token', label: 'admin token' });

export class AccessService {
  private readonly throttle: LoginThrottle;
  private readonly passwords: PasswordHasher;
  private readonly log: Logger;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(private readonly o: AccessServiceOptions) {
    this.throttle = o.throttle ?? new LoginThrottle();
    this.passwords = o.passwords ?? { hash: hashPassword, verify: verifyPassword };
    this.log = o.logger.child({ component: 'access' });
  }

  /** Writes session and token activity once a minute. */
  start(flushEveryMs = 60_000): void {
    this.flushTimer = setInterval(() => {
      this.o.accounts.flushActivity().catch((err: unknown) => this.log.warn({ err }, 'could not write session and token activity'));
    }, flushEveryMs);
    this.flushTimer.unref();
  }

  stop(): void {
    if (this.flushTimer) clearInterval(this.flushTimer);
    this.flushTimer = null;
  }

  // --- who is calling ---

  /** A bearer token's principal, or null. Stored tokens cost one SHA-256 and a lookup. */
  async fromBearer(token: string): Promise<Principal | null> {
    const now = this.o.clock.now();
    const rec = this.o.accounts.tokenBySecret(tokenDigest(token));
    if (rec) {
      const p = this.tokenPrincipal(rec, now);
      if (p) this.o.accounts.touchToken(rec.id, now);
      return p;
    }
    return (await this.o.isAdminToken(token)) ? ADMIN_TOKEN_PRINCIPAL : null;
  }

  /** A session cookie's principal, or null when it is unknown, ended, expired, or its account is disabled. */
  fromSession(secret: string): { principal: Principal; session: SessionRecord } | null {
    const s = this.o.accounts.sessionBySecret(tokenDigest(secret));
    if (!s) return null;
    const user = this.o.accounts.user(s.userId);
    const now = this.o.clock.now();
    if (!user || user.disabledAtMs !== null || sessionEndsAtMs(user.role, s.createdAtMs, s.lastSeenAtMs) <= now) return null;
    this.o.accounts.touchSession(s.id, now);
    return { principal: userPrincipal(user, 'session', s.id), session: s };
  }

  /**
   * The caller as they are now (a changed role or store list applies), or null once the session
   * ended or the token was revoked or expired. Unlike fromSession it does not count as activity:
   * a live stream re-checks with it, and an open page must not keep an idle session alive.
   */
  current(p: Principal, sessionSecret?: string): Principal | null {
    const now = this.o.clock.now();
    if (p.via === 'session') {
      const s = sessionSecret === undefined ? undefined : this.o.accounts.sessionBySecret(tokenDigest(sessionSecret));
      const user = s && s.id === p.credentialId ? this.o.accounts.user(s.userId) : undefined;
      if (!s || !user || user.disabledAtMs !== null || sessionEndsAtMs(user.role, s.createdAtMs, s.lastSeenAtMs) <= now) return null;
      return userPrincipal(user, 'session', s.id);
    }
    if (p.credentialId === ADMIN_TOKEN_PRINCIPAL.credentialId) return p;
    const t = this.o.accounts.token(p.credentialId);
    return t && t.revokedAtMs === null ? this.tokenPrincipal(t, now) : null;
  }

  /**
   * The CSRF token of a session, derived from its secret (HMAC), so nothing more is stored and any
   * request holding the cookie can be checked. A cross-site page can send the cookie but cannot read it.
   */
  csrfToken(sessionSecret: string): string {
    return createHmac('sha256', sessionSecret).update('chargefleet csrf v1').digest('base64url');
  }

  // --- logging in and out ---

  async login(req: LoginRequest): Promise<LoginResult> {
    const email = normaliseEmail(req.email);
    const now = this.o.clock.now();
    const gate = this.throttle.check(email, req.address, now);
    if (!gate.ok) {
      this.log.warn({ email, address: req.address, by: gate.by }, 'login throttled');
      throw new CfError('CF_ERR_AUTH_THROTTLED', undefined, { retryAfterS: Math.ceil(gate.retryAfterMs / 1000) });
    }
    const user = this.o.accounts.userByEmail(email);
    // Always one scrypt, against a decoy for unknown accounts: the answer and its time are the same.
    const matches = await this.withPasswordGate(() => this.passwords.verify(req.password, user?.passwordHash ?? DECOY_PASSWORD_HASH));
    const usable = user !== undefined && user.disabledAtMs === null && (user.passwordExpiresAtMs === null || user.passwordExpiresAtMs > now);
    if (!matches || !usable) {
      this.throttle.failed(email, req.address, now);
      this.log.warn({ email, address: req.address }, 'login failed');
      throw new CfError('CF_ERR_AUTH_LOGIN_FAILED');
    }
    this.throttle.succeeded(email);
    let account = user;
    if (user.mustChangePassword) {
      if (req.newPassword === undefined) throw new CfError('CF_ERR_AUTH_PASSWORD_CHANGE_REQUIRED');
      account = await this.setPassword(user, req.newPassword, req.password, now);
    }
    return this.openSession(account, req.address, req.userAgent, now);
  }

  async logout(p: Principal): Promise<void> {
    if (p.via !== 'session') return;
    await this.o.accounts.endSessions({ sessionId: p.credentialId }, this.o.clock.now());
  }

  /** Changes the caller's password; their other sessions end, this one stays. */
  async changePassword(p: Principal, current: string, next: string): Promise<void> {
    const user = p.userId === null ? undefined : this.o.accounts.user(p.userId);
    if (!user) throw new CfError('CF_ERR_AUTH_FORBIDDEN', 'only an account with a password can change it');
    const now = this.o.clock.now();
    // A stolen session must not become a way to guess the password: the login throttle counts here too.
    const gate = this.throttle.check(user.email, `session:${p.credentialId}`, now);
    if (!gate.ok) throw new CfError('CF_ERR_AUTH_THROTTLED', undefined, { retryAfterS: Math.ceil(gate.retryAfterMs / 1000) });
    const ok = await this.withPasswordGate(() => this.passwords.verify(current, user.passwordHash));
    if (!ok) {
      this.throttle.failed(user.email, `session:${p.credentialId}`, now);
      throw new CfError('CF_ERR_AUTH_LOGIN_FAILED', 'the current password is wrong');
    }
    await this.setPassword(user, next, current, now);
    await this.o.accounts.endSessions({ userId: user.id, ...(p.via === 'session' ? { exceptSessionId: p.credentialId } : {}) }, now);
  }

  // --- API tokens ---

  /** Issues a token (shown once). Script tokens cannot mint tokens: a leaked one must not outlive its revocation. */
  async issueToken(by: Principal, r: TokenRequest): Promise<{ token: string; record: AccessTokenRecord }> {
    const kind = r.kind ?? 'user';
    const now = this.o.clock.now();
    if (by.via === 'token' && by.credentialId !== ADMIN_TOKEN_PRINCIPAL.credentialId) {
      throw new CfError('CF_ERR_AUTH_FORBIDDEN', 'an API token cannot create tokens: log in, or use the admin token');
    }
    if (kind !== 'user' && by.role !== 'admin') throw new CfError('CF_ERR_AUTH_FORBIDDEN', `only an admin issues ${kind} tokens`);
    let role: Role;
    let userId: string | null = null;
    let kioskId: string | null = null;
    if (kind === 'user') {
      userId = r.userId ?? by.userId;
      if (r.userId !== undefined && r.userId !== by.userId && by.role !== 'admin') throw new CfError('CF_ERR_AUTH_FORBIDDEN', 'a token can be issued only for yourself');
      const user = userId === null ? undefined : this.o.accounts.user(userId);
      if (!user || user.disabledAtMs !== null) throw new CfError(userId === null ? 'CF_ERR_TOKEN_INVALID' : 'CF_ERR_USER_NOT_FOUND', userId === null ? 'the admin token has no account: give userId, or log in' : undefined);
      role = user.role;
    } else if (kind === 'kiosk') {
      if (!r.kioskId) throw new CfError('CF_ERR_TOKEN_INVALID', 'a kiosk token names its kiosk (kioskId)');
      if (!(await this.o.kioskIssuable(r.kioskId))) throw new CfError('CF_ERR_KIOSK_NOT_FOUND', 'No such kiosk in the registry, or its device is revoked');
      role = 'kiosk';
      kioskId = r.kioskId;
    } else {
      role = 'metrics';
    }
    const owner = (t: AccessTokenRecord) => (kind === 'user' ? t.userId === userId : kind === 'kiosk' ? t.kioskId === kioskId : t.kind === 'metrics');
    if (this.o.accounts.tokens().filter((t) => t.revokedAtMs === null && t.kind === kind && owner(t)).length >= MAX_TOKENS_PER_OWNER) {
      throw new CfError('CF_ERR_TOKEN_INVALID', `at most ${MAX_TOKENS_PER_OWNER} active ${kind} tokens per ${kind === 'metrics' ? 'installation' : kind === 'kiosk' ? 'kiosk' : 'account'}: revoke some first`);
    }
    const expiry = tokenExpiry(role, r.ttlDays ?? null, now);
    if ('error' in expiry) throw new CfError('CF_ERR_TOKEN_INVALID', expiry.error);
    const token = `${SECRET_PREFIX[kind]}${generateSecret()}`;
    const record: AccessTokenRecord = {
      id: `tok_${randomBytes(8).toString('hex')}`,
      secretHash: tokenDigest(token),
      kind,
      role,
      userId,
      kioskId,
      name: r.name,
      createdBy: by.userId ?? by.credentialId,
      createdAtMs: now,
      expiresAtMs: expiry.expiresAtMs,
      lastUsedAtMs: null,
      revokedAtMs: null,
      revokedReason: null,
    };
    await this.o.accounts.addToken(record);
    this.log.info({ tokenId: record.id, kind, role, userId, kioskId, by: by.label }, 'API token issued');
    return { token, record };
  }

  /** Tokens the caller may see: an admin sees all; others their own. */
  listTokens(by: Principal, filter: { includeRevoked?: boolean; kioskId?: string; userId?: string } = {}): AccessTokenRecord[] {
    return this.o.accounts.tokens().filter(
      (t) =>
        (by.role === 'admin' || (by.userId !== null && t.userId === by.userId)) &&
        (filter.includeRevoked === true || t.revokedAtMs === null) &&
        (filter.kioskId === undefined || t.kioskId === filter.kioskId) &&
        (filter.userId === undefined || t.userId === filter.userId),
    );
  }

  /** Whose a token is, for the access check: its user, or its kiosk; null when there is no such token. */
  tokenOwner(id: string): { userId?: string; kioskId?: string } | null {
    const t = this.o.accounts.token(id);
    if (!t) return null;
    return { ...(t.userId !== null ? { userId: t.userId } : {}), ...(t.kioskId !== null ? { kioskId: t.kioskId } : {}) };
  }

  /** Revokes one token; the route's access check already made sure the caller may. */
  async revokeToken(by: Principal, id: string): Promise<AccessTokenRecord> {
    const t = this.o.accounts.token(id);
    if (!t) throw new CfError('CF_ERR_TOKEN_NOT_FOUND');
    await this.o.accounts.revokeTokens({ ids: [id] }, this.o.clock.now(), `revoked by ${by.label}`);
    this.log.info({ tokenId: id, by: by.label }, 'API token revoked');
    return this.o.accounts.token(id)!;
  }

  /** A revoked kiosk device takes its API tokens with it, at once (issue 9 finding 11). */
  async revokeKioskTokens(kioskId: string, reason: string): Promise<string[]> {
    const ids = await this.o.accounts.revokeTokens({ kioskId }, this.o.clock.now(), reason);
    if (ids.length > 0) this.log.info({ kioskId, tokens: ids.length }, 'kiosk API tokens revoked with their device');
    return ids;
  }

  // --- internals shared with account-admin.ts ---

  /** Ends a user's sessions and tokens (account disabled, password reset). */
  async cutOff(userId: string, reason: string): Promise<void> {
    const now = this.o.clock.now();
    await this.o.accounts.endSessions({ userId }, now);
    await this.o.accounts.revokeTokens({ userId }, now, reason);
  }

  hashPassword(password: string): Promise<string> {
    return this.withPasswordGate(() => this.passwords.hash(password));
  }

  private async setPassword(user: UserRecord, next: string, current: string, now: number): Promise<UserRecord> {
    const problem = checkNewPassword(next, { email: user.email, current });
    if (problem) throw new CfError('CF_ERR_AUTH_PASSWORD_REJECTED', `The new password is not acceptable: ${problem}`);
    const updated: UserRecord = { ...user, passwordHash: await this.hashPassword(next), mustChangePassword: false, passwordExpiresAtMs: null, updatedAtMs: now };
    await this.o.accounts.updateUser(updated);
    this.log.info({ userId: user.id }, 'password changed');
    return updated;
  }

  private async openSession(user: UserRecord, address: string, userAgent: string, now: number): Promise<LoginResult> {
    const sessionSecret = generateSecret();
    const session: SessionRecord = {
      id: `ses_${randomUUID()}`,
      secretHash: tokenDigest(sessionSecret),
      userId: user.id,
      createdAtMs: now,
      lastSeenAtMs: now,
      endedAtMs: null,
      address: address.slice(0, 64),
      userAgent: userAgent.slice(0, 256),
    };
    await this.o.accounts.addSession(session);
    const open = this.o.accounts.sessionsOf(user.id);
    for (const old of open.slice(0, Math.max(0, open.length - MAX_SESSIONS_PER_USER))) await this.o.accounts.endSessions({ sessionId: old.id }, now);
    this.log.info({ userId: user.id, role: user.role, sessionId: session.id, address }, 'logged in');
    return { user, sessionSecret, session, csrfToken: this.csrfToken(sessionSecret), principal: userPrincipal(user, 'session', session.id) };
  }

  private tokenPrincipal(t: AccessTokenRecord, now: number): Principal | null {
    if (t.expiresAtMs !== null && t.expiresAtMs <= now) return null;
    if (t.kind === 'kiosk') return { role: 'kiosk', userId: null, storeIds: [], kioskId: t.kioskId, via: 'token', credentialId: t.id, label: `kiosk ${t.kioskId}` };
    if (t.kind === 'metrics') return { role: 'metrics', userId: null, storeIds: [], kioskId: null, via: 'token', credentialId: t.id, label: `metrics token ${t.name}` };
    const user = t.userId === null ? undefined : this.o.accounts.user(t.userId);
    if (!user || user.disabledAtMs !== null) return null;
    return userPrincipal(user, 'token', t.id);
  }

  /** At most N scrypt runs at once, a bounded queue behind them, and a clear refusal beyond. */
  private async withPasswordGate<T>(fn: () => Promise<T>): Promise<T> {
    const max = this.o.maxConcurrentLogins ?? 2;
    if (this.running >= max) {
      if (this.waiting.length >= (this.o.maxQueuedLogins ?? 64)) throw new CfError('CF_ERR_AUTH_BUSY');
      await new Promise<void>((resolve) => this.waiting.push(resolve)); // the finishing run hands its slot over
    } else this.running++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

export function userPrincipal(user: UserRecord, via: 'session' | 'token', credentialId: string): Principal {
  return { role: user.role, userId: user.id, storeIds: user.role === 'manager' ? user.storeIds : [], kioskId: null, via, credentialId, label: user.email };
}
