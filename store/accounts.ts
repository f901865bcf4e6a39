// The accounts seam: people's accounts, their browser sessions, and API tokens (personal tokens
// for scripts, kiosk tokens, metrics tokens). Only digests of secrets are stored: scrypt for
// passwords, SHA-256 for random tokens and session secrets.
// Reads are synchronous from memory (every request checks a credential); writes resolve once
// durable and change memory only after they committed.
import type { Role, UserRole } from '../domain/access-policy.ts';

export interface UserRecord {
  id: string;
  /** Lowercased; unique. */
  email: string;
  name: string;
  role: UserRole;
  /** Managers: the stores they may see; empty for other roles. */
  storeIds: readonly string[];
  /** scrypt hash (domain/secrets.ts hashPassword). */
  passwordHash: string;
  /** Set for a one-time password: the next login must choose a new one. */
  mustChangePassword: boolean;
  /** A one-time password stops working at this time; null for a password the user chose. */
  passwordExpiresAtMs: number | null;
  createdAtMs: number;
  updatedAtMs: number;
  /** A disabled account cannot log in, and its sessions and tokens are ended. */
  disabledAtMs: number | null;
}

export interface SessionRecord {
  /** Public id (for lists and logs); the cookie holds the secret, stored only as `secretHash`. */
  id: string;
  secretHash: string;
  userId: string;
  createdAtMs: number;
  lastSeenAtMs: number;
  /** Logout, password change, account disabled; null while it may be used. */
  endedAtMs: number | null;
  /** Client address and user agent at login, for the owner's list of sessions. */
  address: string;
  userAgent: string;
}

export type TokenKind = 'user' | 'kiosk' | 'metrics';

export interface AccessTokenRecord {
  /** Public id shown in lists and used to revoke; not a secret. */
  id: string;
  /** SHA-256 of the token, hex. */
  secretHash: string;
  kind: TokenKind;
  /** For `user` tokens the role is the account's, read at every check (a changed role applies at once); kept here for lists. */
  role: Role;
  userId: string | null;
  kioskId: string | null;
  name: string;
  /** Who issued it: a user id, or 'admin-token'. */
  createdBy: string;
  createdAtMs: number;
  expiresAtMs: number | null;
  lastUsedAtMs: number | null;
  revokedAtMs: number | null;
  revokedReason: string | null;
}

export interface AccountStore {
  open(): Promise<void>;
  close(): Promise<void>;

  // --- users ---
  user(id: string): UserRecord | undefined;
  userByEmail(email: string): UserRecord | undefined;
  users(): UserRecord[];
  /** Throws CF_ERR_USER_EXISTS when the email is taken. */
  addUser(u: UserRecord): Promise<void>;
  /** Replaces the account's row (same id). */
  updateUser(u: UserRecord): Promise<void>;

  // --- sessions ---
  /** A session not ended, by the digest of its secret. */
  sessionBySecret(secretHash: string): SessionRecord | undefined;
  /** A user's sessions not ended, oldest first. */
  sessionsOf(userId: string): SessionRecord[];
  addSession(s: SessionRecord): Promise<void>;
  /** Ends the sessions that match; returns how many. */
  endSessions(match: { sessionId?: string; userId?: string; exceptSessionId?: string }, atMs: number): Promise<number>;
  /** Remembers activity in memory at once; written to disk in the next flush. */
  touchSession(id: string, atMs: number): void;

  // --- API tokens ---
  /** A token not revoked, by the digest of its secret (expiry is the caller's to check). */
  tokenBySecret(secretHash: string): AccessTokenRecord | undefined;
  token(id: string): AccessTokenRecord | undefined;
  /** All tokens, revoked ones included, newest first. */
  tokens(): AccessTokenRecord[];
  addToken(t: AccessTokenRecord): Promise<void>;
  /** Revokes the tokens that match and are not revoked yet; returns their ids. */
  revokeTokens(match: { ids?: readonly string[]; userId?: string; kioskId?: string }, atMs: number, reason: string): Promise<string[]>;
  touchToken(id: string, atMs: number): void;

  /** Writes remembered activity (last seen, last used). */
  flushActivity(): Promise<void>;
}
