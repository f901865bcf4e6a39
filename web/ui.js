// Small pieces every page uses: loading data with a reload, the page title, the live-connection
// badge, an error note, and links that move between pages without reloading.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.js';
import { html } from './html.js';

/**
 * @template T
 * @typedef {object} Loaded
 * @property {T | undefined} data
 * @property {unknown} error
 * @property {boolean} loading
 * @property {() => Promise<void>} reload
 * @property {(fn: (old: T | undefined) => T | undefined) => void} update change the data in place (live updates)
 */

/**
 * Loads data when the deps change, and on reload(); a newer load wins over an older one.
 * @template T
 * @param {(signal: AbortSignal) => Promise<T>} load
 * @param {unknown[]} deps
 * @returns {Loaded<T>}
 */
export function useData(load, deps) {
  const [state, setState] = useState(/** @type {{ data: T | undefined, error: unknown, loading: boolean }} */ ({ data: undefined, error: null, loading: true }));
  const generation = useRef(0);
  const controller = useRef(/** @type {AbortController | null} */ (null));
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    controller.current?.abort();
    const ac = new AbortController();
    controller.current = ac;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await load(ac.signal);
      if (mine === generation.current) setState({ data, error: null, loading: false });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      if (mine === generation.current) setState((s) => ({ data: s.data, error, loading: false }));
    }
  }, deps);
  useEffect(() => {
    void reload();
    return () => controller.current?.abort();
  }, [reload]);
  const update = useCallback((/** @type {(old: T | undefined) => T | undefined} */ fn) => setState((s) => ({ ...s, data: fn(s.data) })), []);
  return { ...state, reload, update };
}

/** @param {string} title */
export function useTitle(title) {
  useEffect(() => {
    document.title = `${title} · chargefleet`;
  }, [title]);
}

/** @param {{ status: import('./live.js').LiveStatus }} props */
export function LiveBadge({ status }) {
  const text = status === 'live' ? 'Live: changes appear as they happen' : status === 'lost' ? 'Connection lost: reconnecting…' : 'Connecting…';
  return html`<p class=${`live live-${status}`} role="status" aria-live="polite" data-live=${status}><span class="dot" aria-hidden="true"></span>${text}</p>`;
}

/** @param {{ error: unknown, what?: string }} props */
export function ErrorNote({ error, what }) {
  if (!error) return null;
  const e = /** @type {ApiError | Error} */ (error);
  const msg = e instanceof ApiError && e.status === 404 ? `${what ?? 'This'} does not exist, or is not one of yours.` : e.message || 'Something went wrong.';
  return html`<p class="error" role="alert">${msg}</p>`;
}

/** @param {{ children?: unknown }} props */
export function Loading({ children }) {
  return html`<p class="loading" role="status">${children ?? 'Loading…'}</p>`;
}

/** Moves to another page of the app without reloading it. */
export function navigate(/** @type {string} */ path, replace = false) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event('cf:navigate'));
}

/** Paths the app shows itself; every other link is an ordinary one (the API, /docs). */
export function isAppPath(/** @type {string} */ path) {
  return !/^\/(v1|ui|docs|openapi\.json|healthz|metrics)(\/|$)/.test(path);
}

/** A figure with its label; `words` for a value in words rather than a number (set smaller, so it fits). @param {{ label: string, value: unknown, hint?: unknown, tone?: string, testid?: string, words?: boolean }} props */
export function Figure({ label, value, hint, tone, testid, words }) {
  return html`<div class=${`figure ${tone ? `tone-${tone}` : ''}`} data-figure=${testid}><dt>${label}</dt><dd><span class=${words ? 'value words' : 'value'}>${value}</span>${hint ? html`<span class="hint">${hint}</span>` : null}</dd></div>`;
}
