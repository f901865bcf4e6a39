// The `users` and `tokens` commands of the chargefleet CLI. Like the device commands they talk to
// the running server over HTTP (DuckDB allows one writer process), with the admin token or a
// script token. app/cli.ts passes its HTTP helpers in, so this module does not import it.
import { CfError } from '../domain/errors.ts';

type Values = Record<string, string | boolean | undefined>;

interface CommandLike {
  usage: string;
  summary: string;
  options: Record<string, { type: 'string' | 'boolean'; description: string }>;
  run(values: Values, positionals: string[]): Promise<number>;
}

export interface CliHelpers {
  callApi(v: Record<string, unknown>, method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  print(line: string): void;
  usageError(msg: string): Error;
  apiOptions: Record<string, { type: 'string' | 'boolean'; description: string }>;
}

interface User { id: string; email: string; role: string; storeIds: string[]; mustChangePassword: boolean; disabledAt: string | null }
interface Token { id: string; kind: string; role: string; name: string; userEmail: string | null; kioskId: string | null; expiresAt: string | null; lastUsedAt: string | null; revokedAt: string | null }

const day = (iso: string | null): string => (iso === null ? '-' : iso.slice(0, 16).replace('T', ' '));

export function accessCommands(h: CliHelpers): Record<string, CommandLike> {
  const { callApi, print, usageError, apiOptions } = h;

  /** An account by id or email. */
  async function findUser(v: Values, who: string | undefined): Promise<User> {
    if (!who) throw usageError('the account (email or id) is required');
    const { users } = (await callApi(v, 'GET', '/v1/users')) as { users: User[] };
    const u = users.find((x) => x.id === who || x.email === who.trim().toLowerCase());
    if (!u) throw new CfError('CF_ERR_USER_NOT_FOUND', `no account ${who}`);
    return u;
  }

  function printOtp(u: User, otp: string, what: string): void {
    print(`${what} ${u.role} ${u.email} (${u.id})${u.storeIds.length ? ` for ${u.storeIds.join(', ')}` : ''}`);
    print(`  one-time password: ${otp}`);
    print('  (shown only this once, valid 7 days: at first login they choose their own password)');
  }

  return {
    'users add': {
      usage: 'chargefleet users add --email EMAIL --role admin|operator|manager [--stores S1,S2] [--name NAME] [--api URL] [--token T]',
      summary: 'Create an account and print its one-time password (shown once); the person sets their own password at first login. A manager needs --stores.',
      options: {
        email: { type: 'string', description: 'their email (the login name)' },
        role: { type: 'string', description: 'admin, operator or manager' },
        stores: { type: 'string', description: 'a manager\'s stores, comma-separated store ids' },
        name: { type: 'string', description: 'display name (default: the email)' },
        ...apiOptions,
      },
      run: async (v) => {
        if (typeof v.email !== 'string') throw usageError('--email is required');
        if (typeof v.role !== 'string') throw usageError('--role is required (admin, operator or manager)');
        const storeIds = typeof v.stores === 'string' ? v.stores.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
        const res = (await callApi(v, 'POST', '/v1/users', { email: v.email, role: v.role, ...(storeIds ? { storeIds } : {}), ...(typeof v.name === 'string' ? { name: v.name } : {}) })) as { user: User; oneTimePassword: string };
        if (v.json) print(JSON.stringify(res, null, 2));
        else printOtp(res.user, res.oneTimePassword, 'created');
        return 0;
      },
    },
    'users list': {
      usage: 'chargefleet users list [--api URL] [--token T]',
      summary: 'List accounts with their role, stores and state.',
      options: { ...apiOptions },
      run: async (v) => {
        const res = (await callApi(v, 'GET', '/v1/users')) as { users: User[] };
        if (v.json) print(JSON.stringify(res, null, 2));
        else {
          print(['EMAIL', 'ROLE', 'STORES', 'STATE', 'ID'].join('\t'));
          for (const u of res.users) print([u.email, u.role, u.storeIds.join(',') || '-', u.disabledAt ? 'disabled' : u.mustChangePassword ? 'one-time password' : 'active', u.id].join('\t'));
        }
        return 0;
      },
    },
    'users update': {
      usage: 'chargefleet users update EMAIL|ID [--role R] [--stores S1,S2] [--name NAME] [--api URL] [--token T]',
      summary: 'Change an account\'s role, stores or name; its sessions and tokens follow at their next request.',
      options: { role: { type: 'string', description: 'admin, operator or manager' }, stores: { type: 'string', description: 'comma-separated store ids (managers)' }, name: { type: 'string', description: 'display name' }, ...apiOptions },
      run: async (v, pos) => {
        const u = await findUser(v, pos[0]);
        const body = {
          ...(typeof v.role === 'string' ? { role: v.role } : {}),
          ...(typeof v.stores === 'string' ? { storeIds: v.stores.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
          ...(typeof v.name === 'string' ? { name: v.name } : {}),
        };
        if (Object.keys(body).length === 0) throw usageError('nothing to change: give --role, --stores or --name');
        const res = (await callApi(v, 'PATCH', `/v1/users/${u.id}`, body)) as unknown as User;
        print(v.json ? JSON.stringify(res, null, 2) : `updated ${res.email}: ${res.role}${res.storeIds.length ? ` for ${res.storeIds.join(', ')}` : ''}`);
        return 0;
      },
    },
    'users disable': {
      usage: 'chargefleet users disable EMAIL|ID [--api URL] [--token T]',
      summary: 'Disable an account: it cannot log in, and its sessions and API tokens end at once.',
      options: { ...apiOptions },
      run: async (v, pos) => {
        const u = await findUser(v, pos[0]);
        const res = (await callApi(v, 'POST', `/v1/users/${u.id}/disable`)) as unknown as User;
        print(v.json ? JSON.stringify(res, null, 2) : `disabled ${res.email} at ${res.disabledAt ?? '?'}`);
        return 0;
      },
    },
    'users reset-password': {
      usage: 'chargefleet users reset-password EMAIL|ID [--api URL] [--token T]',
      summary: 'Give an account a new one-time password (shown once); its sessions end. Enables a disabled account again.',
      options: { ...apiOptions },
      run: async (v, pos) => {
        const u = await findUser(v, pos[0]);
        const res = (await callApi(v, 'POST', `/v1/users/${u.id}/password-reset`)) as { user: User; oneTimePassword: string };
        if (v.json) print(JSON.stringify(res, null, 2));
        else printOtp(res.user, res.oneTimePassword, 'reset');
        return 0;
      },
    },
    'tokens list': {
      usage: 'chargefleet tokens list [--all] [--kiosk K] [--api URL] [--token T]',
      summary: 'List API tokens (never their secrets): with the admin token every token, kiosk and metrics ones included; with yours, your own.',
      options: { all: { type: 'boolean', description: 'include revoked tokens' }, kiosk: { type: 'string', description: 'only this kiosk\'s tokens' }, ...apiOptions },
      run: async (v) => {
        const qs = new URLSearchParams();
        if (v.all) qs.set('includeRevoked', 'true');
        if (typeof v.kiosk === 'string') qs.set('kioskId', v.kiosk);
        const res = (await callApi(v, 'GET', `/v1/tokens?${qs}`)) as { tokens: Token[] };
        if (v.json) print(JSON.stringify(res, null, 2));
        else {
          print(['ID', 'KIND', 'ROLE', 'FOR', 'NAME', 'EXPIRES', 'LAST USED', 'STATE'].join('\t'));
          for (const t of res.tokens) print([t.id, t.kind, t.role, t.userEmail ?? t.kioskId ?? '-', t.name, day(t.expiresAt), day(t.lastUsedAt), t.revokedAt ? 'revoked' : 'active'].join('\t'));
        }
        return 0;
      },
    },
    'tokens add': {
      usage: 'chargefleet tokens add --name NAME [--kind user|kiosk|metrics] [--kiosk K] [--user EMAIL|ID] [--ttl-days N] [--api URL] [--token T]',
      summary: 'Issue an API token for a script and print it (shown once): for an account (--user; admin token), a kiosk (--kind kiosk --kiosk K) or Prometheus (--kind metrics).',
      options: {
        name: { type: 'string', description: 'what it is for, shown in lists' },
        kind: { type: 'string', description: 'user (default), kiosk or metrics' },
        kiosk: { type: 'string', description: 'the kiosk, for --kind kiosk' },
        user: { type: 'string', description: 'the account (email or id), for a user token issued with the admin token' },
        'ttl-days': { type: 'string', description: 'lifetime in days (default and cap by role: admin 30, operator/manager 90; kiosk and metrics: until revoked)' },
        ...apiOptions,
      },
      run: async (v) => {
        if (typeof v.name !== 'string' || v.name === '') throw usageError('--name is required');
        const kind = typeof v.kind === 'string' ? v.kind : 'user';
        const ttl = typeof v['ttl-days'] === 'string' ? Number(v['ttl-days']) : undefined;
        if (ttl !== undefined && !(ttl > 0)) throw usageError('--ttl-days must be a positive number');
        const userId = typeof v.user === 'string' ? (await findUser(v, v.user)).id : undefined;
        const res = (await callApi(v, 'POST', '/v1/tokens', { name: v.name, kind, ...(ttl !== undefined ? { ttlDays: ttl } : {}), ...(userId ? { userId } : {}), ...(typeof v.kiosk === 'string' ? { kioskId: v.kiosk } : {}) })) as { token: string; tokenInfo: Token };
        if (v.json) print(JSON.stringify(res, null, 2));
        else print(`${res.tokenInfo.kind} token ${res.tokenInfo.id} (${res.tokenInfo.role}, expires ${day(res.tokenInfo.expiresAt)}), shown only this once:\n  ${res.token}`);
        return 0;
      },
    },
    'tokens revoke': {
      usage: 'chargefleet tokens revoke TOKEN_ID [--api URL] [--token T]',
      summary: 'Revoke an API token by its id (from `tokens list`): it stops working at once.',
      options: { ...apiOptions },
      run: async (v, pos) => {
        const id = pos[0];
        if (!id) throw usageError('the token id is required (see `chargefleet tokens list`)');
        const res = (await callApi(v, 'DELETE', `/v1/tokens/${encodeURIComponent(id)}`)) as unknown as Token;
        print(v.json ? JSON.stringify(res, null, 2) : `revoked ${res.id} (${res.kind} ${res.name}) at ${res.revokedAt ?? '?'}`);
        return 0;
      },
    },
  };
}
