// The dashboard's entry: who is signed in, which page the address names, and the frame around
// the pages (navigation by role, log out). Pages move with the History API; the server answers
// every page address with this same shell (api/web-app.ts).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, onSignedOut } from './api.js';
import { html } from './html.js';
import { Loading, isAppPath, navigate } from './ui.js';
import { LoginPage } from './pages/login.js';
import { StoresPage } from './pages/stores.js';
import { StorePage } from './pages/store.js';
import { PackPage } from './pages/pack.js';
import { SwapsPage } from './pages/swaps.js';
import { QuarantinePage } from './pages/quarantine.js';
import { DevicesPage } from './pages/devices.js';
import { RestockPage } from './pages/restock.js';
import { NudgesPage } from './pages/nudges.js';
import { AccountPage } from './pages/account.js';

/** @typedef {import('./types').Me} Me */

/** @typedef {{ path: string, params: URLSearchParams }} Loc */
const here = () => /** @type {Loc} */ ({ path: location.pathname, params: new URLSearchParams(location.search) });

/**
 * The navigation a role gets: a link shows only where the account holds the scope behind it.
 * @param {Me} me
 */
function navItems(me) {
  const has = (/** @type {string} */ scope) => (me.scopes[scope] ?? 'none') !== 'none';
  const operator = me.scopes['fleet.operate'] === 'all';
  return [
    has('stock.read') && { href: '/stores', label: me.role === 'manager' ? (me.stores.length === 1 ? 'My store' : 'My stores') : 'Stores' },
    has('swap.read') && { href: '/swaps', label: 'Swaps' },
    operator && { href: '/restock', label: 'Restock' },
    operator && { href: '/nudges', label: 'Nudges' },
    has('device.read') && { href: '/devices', label: 'Devices' },
    has('quarantine.read') && { href: '/quarantine', label: 'Quarantine' },
  ].filter((x) => !!x);
}

/** @param {{ me: Me, loc: Loc }} props */
function Page({ me, loc }) {
  const m = (/** @type {RegExp} */ re) => re.exec(loc.path);
  const has = (/** @type {string} */ scope) => (me.scopes[scope] ?? 'none') !== 'none';
  let match;
  if (loc.path === '/' || loc.path === '/stores') return html`<${StoresPage} me=${me} />`;
  if ((match = m(/^\/stores\/([^/]+)\/?$/))) return html`<${StorePage} key=${match[1]} id=${decodeURIComponent(match[1] ?? '')} />`;
  if ((match = m(/^\/packs\/([^/]+)\/?$/))) return html`<${PackPage} key=${match[1]} id=${decodeURIComponent(match[1] ?? '')} />`;
  if (loc.path === '/swaps') return html`<${SwapsPage} me=${me} storeId=${loc.params.get('storeId')} />`;
  if (loc.path === '/account') return html`<${AccountPage} me=${me} />`;
  if (loc.path === '/quarantine' && has('quarantine.read')) return html`<${QuarantinePage} reason=${loc.params.get('reason')} />`;
  if (loc.path === '/devices' && has('device.read')) return html`<${DevicesPage} me=${me} />`;
  if (loc.path === '/restock' && me.scopes['fleet.operate'] === 'all') return html`<${RestockPage} />`;
  if (loc.path === '/nudges' && me.scopes['fleet.operate'] === 'all') return html`<${NudgesPage} />`;
  return html`<h1 tabindex="-1">Not found</h1><p>There is no such page for your account. <a href="/stores">Go to the stores</a>.</p>`;
}

/** @param {{ me: Me, loc: Loc, onLogout: () => void }} props */
function Layout({ me, loc, onLogout }) {
  const items = navItems(me);
  return html`
    <a class="skip" href="#main">Skip to the content</a>
    <header class="top">
      <a class="brand" href="/stores"><img src="/ui/icon.svg" alt="" width="24" height="24" /> chargefleet</a>
      <nav aria-label="Main">
        <ul>${items.map((i) => html`<li><a href=${i.href} aria-current=${loc.path === i.href || (i.href === '/stores' && (loc.path === '/' || loc.path.startsWith('/stores/'))) ? 'page' : undefined}>${i.label}</a></li>`)}</ul>
      </nav>
      <div class="who">
        <a href="/account" aria-current=${loc.path === '/account' ? 'page' : undefined} title="Your account">${me.user?.email ?? me.label}</a>
        <span class="role">${me.role}</span>
        <button type="button" onClick=${onLogout}>Log out</button>
      </div>
    </header>
    <main id="main" tabindex="-1"><${Page} me=${me} loc=${loc} /></main>`;
}

function App() {
  const [me, setMe] = useState(/** @type {Me | null | undefined} */ (undefined));
  const [loc, setLoc] = useState(here);
  const [problem, setProblem] = useState('');

  const loadMe = async () => {
    try {
      setMe(/** @type {Me} */ (await api('/v1/auth/me', { quietUnauthorized: true })));
      setProblem('');
    } catch (err) {
      if (/** @type {any} */ (err)?.status === 401) setMe(null);
      else setProblem(err instanceof Error ? err.message : 'The server could not be reached.');
    }
  };

  useEffect(() => {
    void loadMe();
    const move = () => setLoc(here());
    window.addEventListener('popstate', move);
    window.addEventListener('cf:navigate', move);
    const off = onSignedOut(() => setMe(null));
    // Links inside the app move without a reload; modified clicks and other addresses behave as links do.
    const click = (/** @type {MouseEvent} */ e) => {
      const a = /** @type {HTMLElement | null} */ (e.target instanceof Element ? e.target.closest('a[href]') : null);
      if (!a || !(a instanceof HTMLAnchorElement) || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || a.target || a.hasAttribute('download')) return;
      const url = new URL(a.href);
      if (url.origin !== location.origin || !isAppPath(url.pathname)) return;
      e.preventDefault();
      if (url.pathname + url.search !== location.pathname + location.search) navigate(url.pathname + url.search);
    };
    document.addEventListener('click', click);
    return () => {
      window.removeEventListener('popstate', move);
      window.removeEventListener('cf:navigate', move);
      document.removeEventListener('click', click);
      off();
    };
  }, []);

  // A new page: start at the top with the keyboard on its heading, as a full page load would.
  useEffect(() => {
    if (me === undefined) return;
    window.scrollTo(0, 0);
    requestAnimationFrame(() => /** @type {HTMLElement | null} */ (document.querySelector('main h1'))?.focus({ preventScroll: true }));
  }, [loc.path, me === null]);

  useEffect(() => {
    if (me && loc.path === '/login') navigate(new URLSearchParams(location.search).get('next') ?? '/stores', true);
  }, [me, loc.path]);

  if (problem && me === undefined) return html`<main id="main"><h1>chargefleet</h1><p class="error" role="alert">${problem}</p><button type="button" onClick=${loadMe}>Try again</button></main>`;
  if (me === undefined) return html`<${Loading} />`;
  if (me === null) return html`<${LoginPage} onLoggedIn=${loadMe} />`;
  return html`<${Layout} me=${me} loc=${loc} onLogout=${async () => {
    await api('/v1/auth/logout', { method: 'POST' }).catch(() => {});
    setMe(null);
    navigate('/login');
  }} />`;
}

const root = document.getElementById('app');
if (root) render(html`<${App} />`, root);
