// The swap ledger at the viewer's kiosks, newest first, with the reasons for each decision in
// plain words. Filter by store; older pages on demand.
import { useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { html } from '../html.js';
import { dateTime, outcomeWord } from '../format.js';
import { ErrorNote, Loading, navigate, useData, useTitle } from '../ui.js';

const PAGE = 50;

/** @param {{ me: import('../types').Me, storeId: string | null }} props */
export function SwapsPage({ me, storeId }) {
  useTitle('Swaps');
  const fleetWide = me.scopes['swap.read'] === 'all';
  const stores = useData(async (signal) => /** @type {{ id: string, name: string }[]} */ (fleetWide ? (await api('/v1/stores', { signal })).stores.map((/** @type {any} */ s) => ({ id: s.id, name: s.name })) : me.stores), [fleetWide]);
  const [older, setOlder] = useState(/** @type {import('../types').Swap[]} */ ([]));
  const [more, setMore] = useState(/** @type {string | null} */ (null));
  const first = useData(async (signal) => {
    setOlder([]);
    const swaps = /** @type {import('../types').Swap[]} */ ((await api(`/v1/swaps${query({ storeId: storeId ?? undefined, limit: PAGE })}`, { signal })).swaps);
    setMore(swaps.length === PAGE ? (swaps.at(-1)?.at ?? null) : null);
    return swaps;
  }, [storeId]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState(/** @type {unknown} */ (null));

  async function loadOlder() {
    if (!more) return;
    setLoadingMore(true);
    try {
      const swaps = /** @type {import('../types').Swap[]} */ ((await api(`/v1/swaps${query({ storeId: storeId ?? undefined, from: 0, to: more, limit: PAGE })}`)).swaps);
      setOlder((o) => [...o, ...swaps]);
      setMore(swaps.length === PAGE ? (swaps.at(-1)?.at ?? null) : null);
      setMoreError(null);
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  }

  const rows = [...(first.data ?? []), ...older];
  return html`
    <h1 tabindex="-1">Swaps</h1>
    <p class="sub">Every swap request at ${fleetWide ? 'the fleet\'s kiosks' : 'your kiosks'} and what was decided, newest first: the last 7 days, then older on demand.</p>
    <div class="toolbar">
      <label for="swap-store">Store</label>
      <select id="swap-store" value=${storeId ?? ''} onChange=${(/** @type {any} */ e) => navigate(`/swaps${query({ storeId: e.currentTarget.value })}`)}>
        <option value="">${fleetWide ? 'All stores' : 'All my stores'}</option>
        ${(stores.data ?? []).map((s) => html`<option value=${s.id}>${s.name}</option>`)}
      </select>
    </div>
    <${ErrorNote} error=${first.error} what="This store" />
    ${first.loading && !first.data ? html`<${Loading} />` : null}
    ${first.data && rows.length === 0 ? html`<p>No swaps yet.</p>` : null}
    ${rows.length > 0
      ? html`<div class="table-scroll"><table class="swaps responsive">
          <thead><tr><th scope="col">When</th><th scope="col">Kiosk</th><th scope="col">Customer</th><th scope="col">Result</th><th scope="col">Why</th><th scope="col">Pack out</th></tr></thead>
          <tbody>${rows.map((s) => html`
            <tr key=${`${s.kioskId}/${s.requestId}`} data-request=${s.requestId} class=${s.allowed ? '' : 'denied'}>
              <td data-label="When">${dateTime(s.at)}</td>
              <td data-label="Kiosk">${s.kioskId}${s.storeId ? html`<span class="sub">${s.storeId}</span>` : null}</td>
              <td data-label="Customer">${s.customerId ?? '—'}</td>
              <td data-label="Result"><span class=${`badge ${s.allowed ? (s.outcome === 'released' ? 'good' : 'warn') : 'bad'}`}>${s.allowed ? outcomeWord(s.outcome) : 'Denied'}</span></td>
              <td data-label="Why" class="reasons">${s.reasonTexts.length ? html`<ul class="plain">${s.reasonTexts.map((t) => html`<li>${t}</li>`)}</ul>` : s.allowed ? 'All checks passed' : s.message}</td>
              <td data-label="Pack out">${s.packId ? html`${s.packId}${s.slot !== null ? html`<span class="sub">slot ${s.slot + 1}</span>` : null}` : '—'}</td>
            </tr>`)}
          </tbody>
        </table></div>`
      : null}
    <${ErrorNote} error=${moreError} />
    ${more ? html`<button type="button" onClick=${loadOlder} disabled=${loadingMore}>${loadingMore ? 'Loading…' : 'Older swaps'}</button>` : null}`;
}
