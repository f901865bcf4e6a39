// How the CLI reaches a running server: --api, else the CF_HTTP_* variables, else the server.json
// that `serve` writes into its data dir, else the default address. Every failure says which one
// it used, so an operator can tell a wrong guess from a server that is down.
import { resolve } from 'node:path';
import { CfError } from '../domain/errors.ts';
import { loadConfig } from './config.ts';
import { UsageError, urlWithScheme } from './cli-args.ts';
import { readServerFile, serverFilePath } from './server-file.ts';

export interface ApiTarget {
  base: string;
  /** Where the address came from, for messages. */
  from: string;
}

type Values = Record<string, unknown>;

/** An address a client can connect to: a wildcard listen address means this machine. */
export function connectableUrl(scheme: string, host: string, port: number): string {
  const h = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `${scheme}://${h.includes(':') ? `[${h}]` : h}:${port}`;
}

export function findApi(v: Values, env: Record<string, string | undefined> = process.env): ApiTarget {
  if (typeof v.api === 'string') return { base: urlWithScheme('--api', v.api, 'http', ['http', 'https']), from: '--api' };
  const config = loadConfig(env);
  const fromEnv = Boolean(env.CF_HTTP_HOST || env.CF_HTTP_PORT);
  if (fromEnv && config.httpPort !== 0) return { base: connectableUrl('http', config.httpHost, config.httpPort), from: 'CF_HTTP_HOST/CF_HTTP_PORT' };
  const dataDir = resolve(config.dataDir);
  const running = readServerFile(dataDir);
  if (running) return { base: running.httpUrl.replace(/\/+$/, ''), from: `${serverFilePath(dataDir)}, pid ${running.pid}` };
  return { base: connectableUrl('http', config.httpHost, config.httpPort), from: `the default; no running server's ${serverFilePath(dataDir)}` };
}

/** Calls the API as the admin; an error answer becomes a CfError with the server's code. */
export async function callApi(v: Values, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const { base, from } = findApi(v);
  const token = typeof v.token === 'string' ? v.token : loadConfig().adminToken;
  if (!token) throw new UsageError('an admin token is needed: pass --token or set CF_ADMIN_TOKEN (the server printed one at its first start)');
  let res: Response;
  try {
    res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (err) {
    const cause = (err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message;
    throw new CfError(
      'CF_ERR_STORE_UNAVAILABLE',
      `cannot reach the chargefleet API at ${base} (from ${from}): ${cause}. Is \`chargefleet serve\` running? Pass --api URL, or run the CLI with the server's CF_DATA_DIR so it finds server.json.`,
    );
  }
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const e = json.error as { code?: string; message?: string; details?: unknown } | undefined;
    throw new CfError((e?.code as never) ?? 'CF_ERR_HTTP_INTERNAL', `${res.status} ${e?.code ?? ''}: ${e?.message ?? res.statusText}`, e?.details);
  }
  return json;
}
