// Calls the HTTP API with the session cookie, as the browser session contract says (README
// "Logging in from a browser"): JSON in and out, the CSRF token on every state-changing request,
// and a 401 anywhere means the session is over.

export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code a CF_ERR_* code, or NETWORK when the server could not be reached
   * @param {string} message
   * @param {number | null} retryAfterS
   */
  constructor(status, code, message, retryAfterS = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterS = retryAfterS;
  }
}

/** @type {Set<() => void>} */
const signedOutListeners = new Set();

/** Called when any request answers 401: the app shows the login page. */
export function onSignedOut(/** @type {() => void} */ fn) {
  signedOutListeners.add(fn);
  return () => signedOutListeners.delete(fn);
}

/** The CSRF token from the readable cf_csrf cookie (the login answer and /v1/auth/me carry it too). */
function csrfToken() {
  const m = /(?:^|;\s*)cf_csrf=([^;]+)/.exec(document.cookie);
  return m?.[1] ? decodeURIComponent(m[1]) : '';
}

/**
 * @param {string} path
 * @param {{ method?: string, body?: unknown, signal?: AbortSignal, quietUnauthorized?: boolean }} [opts]
 * @returns {Promise<any>} the JSON answer, or null for 204
 */
export async function api(path, opts = {}) {
  const method = opts.method ?? 'GET';
  /** @type {Record<string, string>} */
  const headers = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = csrfToken();
  let res;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'The server could not be reached. Check the connection and try again.');
  }
  if (res.status === 204) return null;
  const body = await res.json().catch(() => null);
  if (res.ok) return body;
  const e = body?.error ?? {};
  const retry = Number(res.headers.get('retry-after'));
  const error = new ApiError(res.status, e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText, Number.isFinite(retry) && retry > 0 ? retry : null);
  if (res.status === 401 && !opts.quietUnauthorized) for (const fn of signedOutListeners) fn();
  throw error;
}

/**
 * For sections that exist only when a capability is on this server (restocking, nudges): the
 * answer, or null when the route is absent (404) or not for this account (403).
 * @param {string} path
 * @param {AbortSignal} [signal]
 * @returns {Promise<any>}
 */
export async function optional(path, signal) {
  try {
    return await api(path, signal ? { signal } : {});
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return null;
    throw err;
  }
}

/** @param {Record<string, string | number | boolean | null | undefined | string[]>} params */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) q.append(k, String(one));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}
