// Live updates over server-sent events (GET /v1/live): a connection that says how it is doing
// ("live", "connecting", "lost"), reconnects by itself with backoff, notices silence (the server
// pings every 15 s), and hands each frame to the page. After every (re)connection the page reloads
// what it shows, since nothing is replayed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query } from './api.js';

/** @typedef {'connecting' | 'live' | 'lost'} LiveStatus */

/**
 * @typedef {object} LiveHandlers
 * @property {() => void} [onHello] connected (again): reload what the page shows
 * @property {(data: { storeId: string, kiosk: import('./types').KioskGrid }) => void} [onKiosk]
 * @property {(data: import('./types').StoreSummary) => void} [onStock]
 */

const MAX_BACKOFF_MS = 15_000;

export class LiveConnection {
  /**
   * @param {string} url
   * @param {(s: LiveStatus) => void} onStatus
   * @param {() => LiveHandlers} handlers
   */
  constructor(url, onStatus, handlers) {
    this.url = url;
    this.onStatus = onStatus;
    this.handlers = handlers;
    /** @type {EventSource | null} */
    this.es = null;
    this.closed = false;
    this.backoffMs = 1000;
    this.lastFrameMs = Date.now();
    this.heartbeatMs = 15_000;
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.retryTimer = null;
    this.watchdog = setInterval(() => this.checkSilence(), 5000);
  }

  open() {
    if (this.closed) return;
    this.onStatus('connecting');
    const es = new EventSource(this.url);
    this.es = es;
    this.lastFrameMs = Date.now();
    es.addEventListener('hello', (e) => {
      this.seen();
      const hello = JSON.parse(/** @type {MessageEvent} */ (e).data);
      if (typeof hello.heartbeatS === 'number') this.heartbeatMs = hello.heartbeatS * 1000;
      this.backoffMs = 1000;
      this.onStatus('live');
      this.handlers().onHello?.();
    });
    es.addEventListener('kiosk', (e) => {
      this.seen();
      this.handlers().onKiosk?.(JSON.parse(/** @type {MessageEvent} */ (e).data));
    });
    es.addEventListener('stock', (e) => {
      this.seen();
      this.handlers().onStock?.(JSON.parse(/** @type {MessageEvent} */ (e).data));
    });
    es.addEventListener('ping', () => this.seen());
    es.addEventListener('end', (e) => {
      const { reason } = JSON.parse(/** @type {MessageEvent} */ (e).data);
      this.lost();
      // Signed out elsewhere (or the session ended): asking who we are shows the login page on 401.
      if (reason === 'signed_out') api('/v1/auth/me').catch(() => {});
    });
    es.onerror = () => {
      // CONNECTING: the browser retries by itself. CLOSED: the server refused (401, 429, 503); we retry.
      if (es.readyState === EventSource.CLOSED) this.lost();
      else this.onStatus('lost');
    };
  }

  seen() {
    this.lastFrameMs = Date.now();
  }

  /** The stream is gone: say so, and try again later (checking first that we are still signed in). */
  lost() {
    this.es?.close();
    this.es = null;
    if (this.closed) return;
    this.onStatus('lost');
    if (this.retryTimer) return;
    const wait = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      api('/v1/auth/me').then(
        () => this.open(),
        (err) => {
          if (err?.status !== 401) this.lost();
        },
      );
    }, wait);
  }

  checkSilence() {
    if (this.es && this.es.readyState === EventSource.OPEN && Date.now() - this.lastFrameMs > this.heartbeatMs * 2 + 5000) this.lost();
  }

  close() {
    this.closed = true;
    clearInterval(this.watchdog);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.es?.close();
    this.es = null;
  }
}

/**
 * Keeps a live connection open while the component is mounted.
 * @param {string[] | null} storeIds the stores to watch (slot grids and stock), or null for the stock of every store the viewer may see
 * @param {LiveHandlers} handlers
 * @returns {LiveStatus}
 */
export function useLive(storeIds, handlers) {
  const [status, setStatus] = useState(/** @type {LiveStatus} */ ('connecting'));
  const ref = useRef(handlers);
  ref.current = handlers;
  const key = storeIds === null ? '' : storeIds.join(',');
  useEffect(() => {
    const conn = new LiveConnection(`/v1/live${query({ storeId: storeIds ?? undefined })}`, setStatus, () => ref.current);
    conn.open();
    return () => conn.close();
  }, [key]);
  return status;
}
