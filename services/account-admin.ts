// Accounts, as an admin manages them: create one with a one-time password (shown once; the person
// chooses their own at first login), change role or stores, disable, reset the password.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import { EMAIL_RE, normaliseEmail, ONE_TIME_PASSWORD_TTL_MS, USER_ROLES, type Principal, type UserRole } from '../domain/access-policy.ts';
import { CfError } from '../domain/errors.ts';
import { oneTimePassword } from '../domain/secrets.ts';
import type { AccountStore, UserRecord } from '../store/accounts.ts';
import type { AccessService } from './access-service.ts';

export interface NewUser {
  email: string;
  role: UserRole;
  storeIds?: readonly string[];
  name?: string;
}

export interface UserChange {
  role?: UserRole;
  storeIds?: readonly string[];
  name?: string;
}

export interface AccountAdminOptions {
  accounts: AccountStore;
  access: AccessService;
  clock: Clock;
  logger: Logger;
  /** Whether the fleet registry knows this store (a manager's stores must exist). */
  storeExists(storeId: string): boolean;
}

export class AccountAdmin {
  private readonly log: Logger;

  constructor(private readonly o: AccountAdminOptions) {
    this.log = o.logger.child({ component: 'accounts' });
  }

  users(): UserRecord[] {
    return this.o.accounts.users();
  }

  user(id: string): UserRecord {
    const u = this.o.accounts.user(id);
    if (!u) throw new CfError('CF_ERR_USER_NOT_FOUND');
    return u;
  }

  async addUser(by: Principal, n: NewUser): Promise<{ user: UserRecord; oneTimePassword: string }> {
    const email = normaliseEmail(n.email);
    if (!EMAIL_RE.test(email)) throw new CfError('CF_ERR_USER_INVALID', `"${n.email}" is not an email address`);
    const storeIds = this.checkStores(n.role, n.storeIds ?? []);
    if (this.o.accounts.userByEmail(email)) throw new CfError('CF_ERR_USER_EXISTS', undefined, { email });
    const now = this.o.clock.now();
    const otp = oneTimePassword();
    const user: UserRecord = {
      id: `usr_${randomBytes(6).toString('hex')}`,
      email,
      name: n.name?.trim() || email,
      role: n.role,
      storeIds,
      passwordHash: await this.o.access.hashPassword(otp),
      mustChangePassword: true,
      passwordExpiresAtMs: now + ONE_TIME_PASSWORD_TTL_MS,
      createdAtMs: now,
      updatedAtMs: now,
      disabledAtMs: null,
    };
    await this.o.accounts.addUser(user);
    this.log.info({ userId: user.id, role: user.role, storeIds, by: by.label }, 'account created');
    return { user, oneTimePassword: otp };
  }

  /** Role and stores apply to the account's sessions and tokens at their next request. */
  async updateUser(by: Principal, id: string, c: UserChange): Promise<UserRecord> {
    const old = this.user(id);
    const role = c.role ?? old.role;
    const storeIds = this.checkStores(role, c.storeIds ?? (role === 'manager' ? old.storeIds : []));
    if (by.userId === id && role !== old.role) throw new CfError('CF_ERR_USER_INVALID', 'you cannot change your own role');
    const user: UserRecord = { ...old, role, storeIds, name: c.name?.trim() || old.name, updatedAtMs: this.o.clock.now() };
    await this.o.accounts.updateUser(user);
    this.log.info({ userId: id, role, storeIds, by: by.label }, 'account changed');
    return user;
  }

  /** Ends every session and revokes every token of the account; it can no longer log in. */
  async disableUser(by: Principal, id: string): Promise<UserRecord> {
    const old = this.user(id);
    if (by.userId === id) throw new CfError('CF_ERR_USER_INVALID', 'you cannot disable your own account');
    const now = this.o.clock.now();
    const user: UserRecord = old.disabledAtMs !== null ? old : { ...old, disabledAtMs: now, updatedAtMs: now };
    if (user !== old) await this.o.accounts.updateUser(user);
    await this.o.access.cutOff(id, `account disabled by ${by.label}`);
    this.log.info({ userId: id, by: by.label }, 'account disabled');
    return user;
  }

  /** A new one-time password (shown once); the account's sessions end. A disabled account is enabled again. */
  async resetPassword(by: Principal, id: string): Promise<{ user: UserRecord; oneTimePassword: string }> {
    const old = this.user(id);
    const now = this.o.clock.now();
    const otp = oneTimePassword();
    const user: UserRecord = { ...old, passwordHash: await this.o.access.hashPassword(otp), mustChangePassword: true, passwordExpiresAtMs: now + ONE_TIME_PASSWORD_TTL_MS, disabledAtMs: null, updatedAtMs: now };
    await this.o.accounts.updateUser(user);
    await this.o.accounts.endSessions({ userId: id }, now);
    this.log.info({ userId: id, by: by.label }, 'password reset');
    return { user, oneTimePassword: otp };
  }

  private checkStores(role: UserRole, storeIds: readonly string[]): string[] {
    if (!USER_ROLES.includes(role)) throw new CfError('CF_ERR_USER_INVALID', `role must be one of ${USER_ROLES.join(', ')}`);
    const ids = [...new Set(storeIds)];
    if (role !== 'manager') {
      if (ids.length > 0) throw new CfError('CF_ERR_USER_INVALID', `a${role === 'admin' ? 'n' : ''} ${role} sees every store: give stores only to a manager`);
      return [];
    }
    if (ids.length === 0) throw new CfError('CF_ERR_USER_INVALID', 'a manager needs at least one store');
    const unknown = ids.filter((s) => !this.o.storeExists(s));
    if (unknown.length > 0) throw new CfError('CF_ERR_USER_INVALID', `unknown store${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, { unknownStores: unknown });
    return ids.sort();
  }
}
