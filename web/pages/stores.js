// Stores: each store the viewer may see with its charged packs now, charging packs and when the
// next is ready, free return slots, kiosks online and, where restock planning runs, when it is
// projected to run out. Live: the figures change as the kiosks report.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, optional } from '../api.js';
import { html } from '../html.js';
import { count, relative, time } from '../format.js';
import { useLive } from '../live.js';
import { ErrorNote, LiveBadge, Loading, useData, useTitle } from '../ui.js';

const PAGE_ROWS = 100;
/** Stock frames are applied together this often: a snapshot of every store is one render, not one per store. */
const APPLY_MS = 100;
const byName = new Intl.Collator('en').compare;

/** @typedef {import('../types').StoreSummary} StoreSummary */

/** @param {{ me: import('../types').Me }} props */
export function StoresPage({ me }) {
  useTitle('Stores');
  const stores = useData(async (signal) => /** @type {StoreSummary[]} */ ((await api('/v1/stores', { signal })).stores), []);
  // The plan's projected stock-out, where restocking runs on this server (null: it does not, or not for this account).
  const plan = useData(async (signal) => /** @type {import('../types').RestockPlan | null} */ (await optional('/v1/restock/plan?limit=5000', signal).catch(() => null)), []);
  // The stream starts with every store's stock, then sends each change.
  const pending = useRef(/** @type {Map<string, StoreSummary>} */ (new Map()));
  const applyTimer = useRef(/** @type {ReturnType<typeof setTimeout> | null} */ (null));
  useEffect(() => () => {
    if (applyTimer.current) clearTimeout(applyTimer.current);
  }, []);
  const status = useLive(null, {
    onStock: (s) => {
      pending.current.set(s.id, s);
      if (applyTimer.current) return;
      applyTimer.current = setTimeout(() => {
        applyTimer.current = null;
        const changed = pending.current;
        pending.current = new Map();
        stores.update((list) => {
          if (list === undefined) return list;
          const next = list.map((x) => changed.get(x.id) ?? x);
          const known = new Set(list.map((x) => x.id));
          for (const c of changed.values()) if (!known.has(c.id)) next.push(c);
          return next;
        });
      }, APPLY_MS);
    },
  });
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState(/** @type {'ready' | 'name' | 'stockOut'} */ ('ready'));
  const [shown, setShown] = useState(PAGE_ROWS);

  const stockOut = useMemo(() => {
    /** @type {Map<string, string | null>} */
    const m = new Map();
    for (const s of plan.data?.stores ?? []) m.set(s.storeId, s.stockOutAt);
    return m;
  }, [plan.data]);
  /** @param {StoreSummary} s */
  const stockOutOf = (s) => s.stockOutAt ?? stockOut.get(s.id) ?? null;
  const showStockOut = !!plan.data || (stores.data ?? []).some((s) => s.stockOutAt !== null);

  const rows = useMemo(() => {
    const f = filter.trim().toLowerCase();
    const list = (stores.data ?? []).filter((s) => !f || s.name.toLowerCase().includes(f) || s.id.toLowerCase().includes(f));
    const by = {
      ready: (/** @type {StoreSummary} */ a, /** @type {StoreSummary} */ b) => a.stock.ready - b.stock.ready || byName(a.name, b.name),
      name: (/** @type {StoreSummary} */ a, /** @type {StoreSummary} */ b) => byName(a.name, b.name),
      stockOut: (/** @type {StoreSummary} */ a, /** @type {StoreSummary} */ b) => (Date.parse(stockOutOf(a) ?? '9999') - Date.parse(stockOutOf(b) ?? '9999')) || byName(a.name, b.name),
    };
    return list.sort(by[sort]);
  }, [stores.data, filter, sort, stockOut]);

  const fleetWide = me.scopes['stock.read'] === 'all';
  return html`
    <div class="page-head">
      <h1 tabindex="-1">${fleetWide ? 'Stores' : me.stores.length === 1 ? 'Your store' : 'Your stores'}</h1>
      <${LiveBadge} status=${status} />
    </div>
    <${ErrorNote} error=${stores.error} />
    ${stores.data === undefined && !stores.error ? html`<${Loading} />` : null}
    ${stores.data && stores.data.length === 0 ? html`<p>No stores yet${fleetWide ? ': import them with `chargefleet registry import`.' : '. Ask an admin to add your stores to your account.'}</p>` : null}
    ${stores.data && stores.data.length > 6
      ? html`<div class="toolbar">
          <label for="store-filter">Find a store</label>
          <input id="store-filter" type="search" value=${filter} onInput=${(/** @type {any} */ e) => { setFilter(e.currentTarget.value); setShown(PAGE_ROWS); }} />
          <label for="store-sort">Order by</label>
          <select id="store-sort" value=${sort} onChange=${(/** @type {any} */ e) => setSort(e.currentTarget.value)}>
            <option value="ready">Fewest charged packs first</option>
            ${showStockOut ? html`<option value="stockOut">Soonest stock-out first</option>` : null}
            <option value="name">Name</option>
          </select>
        </div>`
      : null}
    ${rows.length > 0
      ? html`
        <div class="table-scroll">
          <table class="stores responsive" aria-describedby="stores-note">
            <thead><tr>
              <th scope="col">Store</th>
              <th scope="col" class="num">Charged now</th>
              <th scope="col" class="num">Charging</th>
              <th scope="col">Next ready</th>
              <th scope="col" class="num">Free return slots</th>
              <th scope="col" class="num">Kiosks online</th>
              ${showStockOut ? html`<th scope="col">Projected stock-out</th>` : null}
            </tr></thead>
            <tbody>
              ${rows.slice(0, shown).map((s) => html`
                <tr data-store=${s.id}>
                  <th scope="row" data-label="Store"><a href=${`/stores/${encodeURIComponent(s.id)}`}>${s.name}</a><span class="sub">${s.id}</span></th>
                  <td class=${`num ${s.stock.ready === 0 ? 'bad' : ''}`} data-label="Charged now" data-cell="ready">${count(s.stock.ready)}${s.stock.held ? html`<span class="sub">+${s.stock.held} held</span>` : null}</td>
                  <td class="num" data-label="Charging" data-cell="charging">${count(s.stock.charging)}</td>
                  <td data-label="Next ready">${s.stock.nextReadyAt ? html`${time(s.stock.nextReadyAt)} <span class="sub">${relative(s.stock.nextReadyAt)}</span>` : '—'}</td>
                  <td class=${`num ${s.stock.freeReturnSlots === 0 ? 'bad' : ''}`} data-label="Free return slots" data-cell="free">${count(s.stock.freeReturnSlots)}</td>
                  <td class=${`num ${s.stock.kiosksOnline < s.stock.kiosks ? 'warn' : ''}`} data-label="Kiosks online">${s.stock.kiosksOnline} of ${s.stock.kiosks}</td>
                  ${showStockOut ? html`<td data-label="Projected stock-out">${stockOutOf(s) ? html`${time(stockOutOf(s))} <span class="sub">${relative(stockOutOf(s))}</span>` : 'not within the plan\'s horizon'}</td>` : null}
                </tr>`)}
            </tbody>
          </table>
        </div>
        <p id="stores-note" class="note">Charged: packs at or above the charged threshold in online kiosks, not held, disputed, flagged or recalled. ${rows.length > shown ? `Showing ${shown} of ${rows.length}.` : ''}</p>
        ${rows.length > shown ? html`<button type="button" onClick=${() => setShown(shown + PAGE_ROWS)}>Show ${Math.min(PAGE_ROWS, rows.length - shown)} more</button>` : null}`
      : stores.data && stores.data.length > 0 ? html`<p>No store matches “${filter}”.</p>` : null}`;
}
