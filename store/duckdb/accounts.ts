// The embedded AccountStore: accounts, sessions and API tokens in their own tables of the shared
// DuckDB file, on a connection of their own; everything live is also in memory, because every
// HTTP request checks a credential. Writes plan against memory, commit, then change memory.
import type { DuckDBConnection, DuckDBValue, JS } from '@duckdb/node-api';
import type { Logger } from 'pino';
import type { Role, UserRole } from '../../domain/access-policy.ts';
import { CfError } from '../../domain/errors.ts';
import type { AccessTokenRecord, AccountStore, SessionRecord, TokenKind, UserRecord } from '../accounts.ts';
import { inTransaction } from './database.ts';
import type { DuckConn, DuckDb } from './database.ts';
import { migrate, type Migration } from './migrations.ts';

export const ACCOUNTS_COMPONENT = 'accounts';

export const ACCOUNTS_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users, sessions, API tokens',
    statements: [
      // Uniqueness of emails and secret digests is kept by the single writer against memory; DuckDB
      // indexes on updated columns would refuse some updates (over-eager constraint checks).
      `CREATE TABLE access_users (
        id VARCHAR PRIMARY KEY, email VARCHAR NOT NULL, name VARCHAR NOT NULL, role VARCHAR NOT NULL,
        store_ids VARCHAR NOT NULL, password_hash VARCHAR NOT NULL, must_change_password BOOLEAN NOT NULL,
        password_expires_at_ms BIGINT, created_at_ms BIGINT NOT NULL, updated_at_ms BIGINT NOT NULL, disabled_at_ms BIGINT)`,
      `CREATE TABLE access_sessions (
        id VARCHAR PRIMARY KEY, secret_hash VARCHAR NOT NULL, user_id VARCHAR NOT NULL, created_at_ms BIGINT NOT NULL,
        last_seen_at_ms BIGINT NOT NULL, ended_at_ms BIGINT, address VARCHAR NOT NULL, user_agent VARCHAR NOT NULL)`,
      `CREATE TABLE access_tokens (
        id VARCHAR PRIMARY KEY, secret_hash VARCHAR NOT NULL, kind VARCHAR NOT NULL, role VARCHAR NOT NULL,
        user_id VARCHAR, kiosk_id VARCHAR, name VARCHAR NOT NULL, created_by VARCHAR NOT NULL, created_at_ms BIGINT NOT NULL,
        expires_at_ms BIGINT, last_used_at_ms BIGINT, revoked_at_ms BIGINT, revoked_reason VARCHAR)`,
    ],
  },
];

/** Sessions ended (or silent) longer ago than this are deleted at open. */
const SESSION_KEEP_MS = 30 * 86_400_000;
/** No role keeps a session longer than this (domain/access-policy.ts LIFETIME): older ones are not loaded. */
const SESSION_LOAD_MS = 8 * 86_400_000;

type Row = Record<string, JS>;
const big = (ms: number | null): bigint | null => (ms === null ? null : BigInt(Math.trunc(ms)));
const str = (v: JS | undefined): string => String(v);
const strOrNull = (v: JS | undefined): string | null => (v === null || v === undefined ? null : String(v));
const numOrNull = (v: JS | undefined): number | null => (v === null || v === undefined ? null : Number(v));

export interface DuckAccountStoreOptions {
  log?: Logger;
  /** Wall clock for housekeeping at open (default Date.now). */
  nowMs?: () => number;
}

export class DuckAccountStore implements AccountStore {
  private conn: DuckConn | null = null;
  private readonly usersById = new Map<string, UserRecord>();
  private readonly userIdByEmail = new Map<string, string>();
  private readonly sessionsBySecret = new Map<string, SessionRecord>();
  private readonly sessionsById = new Map<string, SessionRecord>();
  private readonly tokensById = new Map<string, AccessTokenRecord>();
  private readonly tokenIdBySecret = new Map<string, string>();
  /** Activity remembered since the last flush: id → time. */
  private readonly seenSessions = new Map<string, number>();
  private readonly usedTokens = new Map<string, number>();

  constructor(
    private readonly db: DuckDb,
    private readonly opts: DuckAccountStoreOptions = {},
  ) {}

  async open(): Promise<void> {
    const nowMs = (this.opts.nowMs ?? Date.now)();
    this.conn = await this.db.connect();
    const applied = await migrate(this.conn, ACCOUNTS_COMPONENT, ACCOUNTS_MIGRATIONS);
    const imported = await this.importLegacyKioskTokens();
    await this.c().run('DELETE FROM access_sessions WHERE coalesce(ended_at_ms, last_seen_at_ms) < $1', [big(nowMs - SESSION_KEEP_MS)]);
    for (const r of await this.c().all('SELECT * FROM access_users')) this.putUser(toUser(r));
    for (const r of await this.c().all('SELECT * FROM access_sessions WHERE ended_at_ms IS NULL AND last_seen_at_ms >= $1', [big(nowMs - SESSION_LOAD_MS)])) this.putSession(toSession(r));
    for (const r of await this.c().all('SELECT * FROM access_tokens')) this.putToken(toToken(r));
    this.opts.log?.info({ applied, imported, users: this.usersById.size, sessions: this.sessionsById.size, tokens: this.tokensById.size }, 'accounts open');
  }

  async close(): Promise<void> {
    if (!this.conn) return;
    await this.flushActivity().catch((err: unknown) => this.opts.log?.warn({ err }, 'could not write session and token activity at close'));
    const c = this.conn;
    this.conn = null;
    await c.close();
  }

  // --- users ---
  user(id: string): UserRecord | undefined {
    return this.usersById.get(id);
  }
  userByEmail(email: string): UserRecord | undefined {
    const id = this.userIdByEmail.get(email);
    return id === undefined ? undefined : this.usersById.get(id);
  }
  users(): UserRecord[] {
    return [...this.usersById.values()].sort((a, b) => (a.email < b.email ? -1 : 1));
  }

  async addUser(u: UserRecord): Promise<void> {
    await this.mutate(
      () => {
        if (this.userIdByEmail.has(u.email) || this.usersById.has(u.id)) throw new CfError('CF_ERR_USER_EXISTS', undefined, { email: u.email });
        return u;
      },
      (c) => this.writeUser(c, u),
      () => this.putUser(u),
    );
  }

  async updateUser(u: UserRecord): Promise<void> {
    await this.mutate(
      () => {
        const old = this.usersById.get(u.id);
        if (!old) throw new CfError('CF_ERR_USER_NOT_FOUND');
        const other = this.userIdByEmail.get(u.email);
        if (other !== undefined && other !== u.id) throw new CfError('CF_ERR_USER_EXISTS', undefined, { email: u.email });
        return old;
      },
      (c) => this.writeUser(c, u),
      (old) => {
        this.userIdByEmail.delete(old.email);
        this.putUser(u);
      },
    );
  }

  // --- sessions ---
  sessionBySecret(secretHash: string): SessionRecord | undefined {
    return this.sessionsBySecret.get(secretHash);
  }

  sessionsOf(userId: string): SessionRecord[] {
    return [...this.sessionsById.values()].filter((s) => s.userId === userId).sort((a, b) => a.createdAtMs - b.createdAtMs);
  }

  async addSession(s: SessionRecord): Promise<void> {
    await this.mutate(
      () => s,
      async (c) => {
        await c.run('INSERT INTO access_sessions VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
          s.id, s.secretHash, s.userId, big(s.createdAtMs), big(s.lastSeenAtMs), big(s.endedAtMs), s.address, s.userAgent,
        ]);
      },
      () => this.putSession(s),
    );
  }

  async endSessions(match: { sessionId?: string; userId?: string; exceptSessionId?: string }, atMs: number): Promise<number> {
    let ended = 0;
    await this.mutate(
      () => {
        const ids = [...this.sessionsById.values()]
          .filter((s) => (match.sessionId === undefined || s.id === match.sessionId) && (match.userId === undefined || s.userId === match.userId) && s.id !== match.exceptSessionId)
          .map((s) => s.id);
        return ids.length === 0 ? null : ids;
      },
      async (c, ids) => {
        await c.run(`UPDATE access_sessions SET ended_at_ms = $1 WHERE id IN (${ids.map((_, i) => `$${i + 2}`).join(', ')})`, [big(atMs), ...ids]);
      },
      (ids) => {
        for (const id of ids) {
          const s = this.sessionsById.get(id);
          if (!s) continue;
          this.sessionsById.delete(id);
          this.sessionsBySecret.delete(s.secretHash);
          this.seenSessions.delete(id);
        }
        ended = ids.length;
      },
    );
    return ended;
  }

  touchSession(id: string, atMs: number): void {
    const s = this.sessionsById.get(id);
    if (!s || atMs <= s.lastSeenAtMs) return;
    const next = { ...s, lastSeenAtMs: atMs };
    this.sessionsById.set(id, next);
    this.sessionsBySecret.set(s.secretHash, next);
    this.seenSessions.set(id, atMs);
  }

  // --- tokens ---
  tokenBySecret(secretHash: string): AccessTokenRecord | undefined {
    const id = this.tokenIdBySecret.get(secretHash);
    const t = id === undefined ? undefined : this.tokensById.get(id);
    return t && t.revokedAtMs === null ? t : undefined;
  }
  token(id: string): AccessTokenRecord | undefined {
    return this.tokensById.get(id);
  }
  tokens(): AccessTokenRecord[] {
    return [...this.tokensById.values()].sort((a, b) => b.createdAtMs - a.createdAtMs || (a.id < b.id ? -1 : 1));
  }

  async addToken(t: AccessTokenRecord): Promise<void> {
    await this.mutate(
      () => {
        if (this.tokensById.has(t.id) || this.tokenIdBySecret.has(t.secretHash)) throw new CfError('CF_ERR_TOKEN_INVALID', 'token id or secret collides with an existing token');
        return t;
      },
      (c) => this.writeToken(c, t),
      () => this.putToken(t),
    );
  }

  async revokeTokens(match: { ids?: readonly string[]; userId?: string; kioskId?: string }, atMs: number, reason: string): Promise<string[]> {
    let revoked: string[] = [];
    await this.mutate(
      () => {
        const ids = new Set(match.ids ?? []);
        const hits = [...this.tokensById.values()].filter(
          (t) =>
            t.revokedAtMs === null &&
            (match.ids === undefined || ids.has(t.id)) &&
            (match.userId === undefined || t.userId === match.userId) &&
            (match.kioskId === undefined || t.kioskId === match.kioskId),
        );
        return hits.length === 0 ? null : hits.map((t) => ({ ...t, revokedAtMs: atMs, revokedReason: reason }));
      },
      async (c, hits) => {
        await c.run(`UPDATE access_tokens SET revoked_at_ms = $1, revoked_reason = $2 WHERE id IN (${hits.map((_, i) => `$${i + 3}`).join(', ')})`, [big(atMs), reason, ...hits.map((t) => t.id)]);
      },
      (hits) => {
        for (const t of hits) this.putToken(t);
        revoked = hits.map((t) => t.id);
      },
    );
    return revoked;
  }

  touchToken(id: string, atMs: number): void {
    const t = this.tokensById.get(id);
    if (!t || (t.lastUsedAtMs !== null && atMs <= t.lastUsedAtMs)) return;
    this.putToken({ ...t, lastUsedAtMs: atMs });
    this.usedTokens.set(id, atMs);
  }

  async flushActivity(): Promise<void> {
    if (this.seenSessions.size === 0 && this.usedTokens.size === 0) return;
    const sessions = [...this.seenSessions];
    const tokens = [...this.usedTokens];
    this.seenSessions.clear();
    this.usedTokens.clear();
    await this.c().transaction(async (c) => {
      // One statement per table: VALUES lists, as the fleet registry does for custody moves.
      if (sessions.length > 0) await updateTimes(c, 'access_sessions', 'last_seen_at_ms', sessions);
      if (tokens.length > 0) await updateTimes(c, 'access_tokens', 'last_used_at_ms', tokens);
    });
  }

  // --- internals ---

  /** Plan against memory (throw to refuse, null for nothing to do), persist in one transaction, then commit to memory. */
  private mutate<P>(plan: () => P | null, persist: (c: DuckDBConnection, p: P) => Promise<void>, commit: (p: P) => void): Promise<void> {
    return this.c().exclusive(async (c) => {
      const p = plan();
      if (p === null) return;
      await inTransaction(c, (tx) => persist(tx, p));
      commit(p);
    });
  }

  private async writeUser(c: DuckDBConnection, u: UserRecord): Promise<void> {
    await c.run(
      `INSERT INTO access_users VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO UPDATE SET
        email = excluded.email, name = excluded.name, role = excluded.role, store_ids = excluded.store_ids,
        password_hash = excluded.password_hash, must_change_password = excluded.must_change_password,
        password_expires_at_ms = excluded.password_expires_at_ms, updated_at_ms = excluded.updated_at_ms, disabled_at_ms = excluded.disabled_at_ms`,
      [u.id, u.email, u.name, u.role, JSON.stringify(u.storeIds), u.passwordHash, u.mustChangePassword, big(u.passwordExpiresAtMs), big(u.createdAtMs), big(u.updatedAtMs), big(u.disabledAtMs)],
    );
  }

  private async writeToken(c: DuckDBConnection, t: AccessTokenRecord): Promise<void> {
    await c.run('INSERT INTO access_tokens VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)', [
      t.id, t.secretHash, t.kind, t.role, t.userId, t.kioskId, t.name, t.createdBy, big(t.createdAtMs), big(t.expiresAtMs), big(t.lastUsedAtMs), big(t.revokedAtMs), t.revokedReason,
    ]);
  }

  /**
   * Kiosk tokens issued before this store existed live in the fleet registry's `api_tokens` (same
   * SHA-256 digests): copied here once, so they keep working and can be listed and revoked.
   */
  private async importLegacyKioskTokens(): Promise<number> {
    const exists = await this.c().all(`SELECT 1 FROM information_schema.tables WHERE table_name = 'api_tokens'`);
    if (exists.length === 0) return 0;
    return this.c().run(`INSERT INTO access_tokens
      SELECT 'tok_' || substr(a.token_hash, 1, 16), a.token_hash, 'kiosk', 'kiosk', NULL, a.subject, 'kiosk token (issued before accounts)', 'admin-token',
             a.created_at_ms, NULL, NULL, a.revoked_at_ms, CASE WHEN a.revoked_at_ms IS NULL THEN NULL ELSE 'revoked' END
      FROM api_tokens a
      WHERE a.role = 'kiosk' AND NOT EXISTS (SELECT 1 FROM access_tokens t WHERE t.secret_hash = a.token_hash)`);
  }

  private putUser(u: UserRecord): void {
    this.usersById.set(u.id, Object.freeze({ ...u, storeIds: Object.freeze([...u.storeIds]) }));
    this.userIdByEmail.set(u.email, u.id);
  }

  private putSession(s: SessionRecord): void {
    this.sessionsById.set(s.id, s);
    this.sessionsBySecret.set(s.secretHash, s);
  }

  private putToken(t: AccessTokenRecord): void {
    this.tokensById.set(t.id, Object.freeze({ ...t }));
    this.tokenIdBySecret.set(t.secretHash, t.id);
  }

  private c(): DuckConn {
    if (!this.conn) throw new CfError('CF_ERR_STORE_UNAVAILABLE', 'account store is not open');
    return this.conn;
  }
}

async function updateTimes(c: DuckDBConnection, table: string, column: string, rows: [string, number][]): Promise<void> {
  const values = rows.map((_, i) => `($${2 * i + 1}::VARCHAR, $${2 * i + 2}::BIGINT)`).join(', ');
  const params: DuckDBValue[] = rows.flatMap(([id, at]) => [id, BigInt(Math.trunc(at))]);
  await c.run(`UPDATE ${table} SET ${column} = greatest(coalesce(${column}, 0), v.at) FROM (VALUES ${values}) AS v(id, at) WHERE ${table}.id = v.id`, params);
}

function toUser(r: Row): UserRecord {
  return {
    id: str(r['id']),
    email: str(r['email']),
    name: str(r['name']),
    role: str(r['role']) as UserRole,
    storeIds: JSON.parse(str(r['store_ids'])) as string[],
    passwordHash: str(r['password_hash']),
    mustChangePassword: r['must_change_password'] === true,
    passwordExpiresAtMs: numOrNull(r['password_expires_at_ms']),
    createdAtMs: Number(r['created_at_ms']),
    updatedAtMs: Number(r['updated_at_ms']),
    disabledAtMs: numOrNull(r['disabled_at_ms']),
  };
}

function toSession(r: Row): SessionRecord {
  return {
    id: str(r['id']),
    secretHash: str(r['secret_hash']),
    userId: str(r['user_id']),
    createdAtMs: Number(r['created_at_ms']),
    lastSeenAtMs: Number(r['last_seen_at_ms']),
    endedAtMs: numOrNull(r['ended_at_ms']),
    address: str(r['address']),
    userAgent: str(r['user_agent']),
  };
}

function toToken(r: Row): AccessTokenRecord {
  return {
    id: str(r['id']),
    secretHash: str(r['secret_hash']),
    kind: str(r['kind']) as TokenKind,
    role: str(r['role']) as Role,
    userId: strOrNull(r['user_id']),
    kioskId: strOrNull(r['kiosk_id']),
    name: str(r['name']),
    createdBy: str(r['created_by']),
    createdAtMs: Number(r['created_at_ms']),
    expiresAtMs: numOrNull(r['expires_at_ms']),
    lastUsedAtMs: numOrNull(r['last_used_at_ms']),
    revokedAtMs: numOrNull(r['revoked_at_ms']),
    revokedReason: strOrNull(r['revoked_reason']),
  };
}
