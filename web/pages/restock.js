// Operators: the restock plan (stores by urgency, courier lines with their reasons), where restock
// planning runs on this server; otherwise the page says it is not there.
import { optional } from '../api.js';
import { html } from '../html.js';
import { codeWords, relative, time } from '../format.js';
import { ErrorNote, Loading, useData, useTitle } from '../ui.js';

/** @param {{ kind: string, storeId?: string, warehouseId?: string }} p */
const place = (p) => (p.kind === 'store' ? `store ${p.storeId}` : !p.warehouseId || p.warehouseId === 'central' ? 'central warehouse' : `warehouse ${p.warehouseId}`);

export function RestockPage() {
  useTitle('Restock plan');
  const plan = useData(async (signal) => /** @type {import('../types').RestockPlan | null} */ (await optional('/v1/restock/plan?limit=100', signal)), []);
  const p = plan.data;
  return html`
    <h1 tabindex="-1">Restock plan</h1>
    <${ErrorNote} error=${plan.error} />
    ${p === undefined ? (plan.error ? null : html`<${Loading} />`) : p === null ? html`<p data-absent="restock">Restock planning is not available on this server.</p>` : html`
      <p class="sub">Planned ${time(p.at)} for the next ${p.horizonH} h: ${p.stores.filter((s) => s.deficit > 0).length} of ${p.stores.length} stores short, ${p.lines.length} courier lines.</p>
      <section aria-labelledby="plan-stores-h">
        <h2 id="plan-stores-h">Stores by urgency</h2>
        <div class="table-scroll"><table class="responsive">
          <thead><tr><th scope="col" class="num">Rank</th><th scope="col">Store</th><th scope="col" class="num">Charged</th><th scope="col" class="num">Free slots</th><th scope="col">Runs out</th><th scope="col">Slots full</th><th scope="col" class="num">Needs</th><th scope="col">Why</th></tr></thead>
          <tbody>${p.stores.map((s) => html`<tr key=${s.storeId}>
            <td class="num" data-label="Rank">${s.rank}</td>
            <th scope="row" data-label="Store"><a href=${`/stores/${encodeURIComponent(s.storeId)}`}>${s.name ?? s.storeId}</a></th>
            <td class="num" data-label="Charged">${s.readyNow}</td>
            <td class="num" data-label="Free slots">${s.freeSlots}</td>
            <td data-label="Runs out">${s.stockOutAt ? html`${time(s.stockOutAt)} <span class="sub">${relative(s.stockOutAt)}</span>` : '—'}</td>
            <td data-label="Slots full">${s.slotsFullAt ? time(s.slotsFullAt) : '—'}</td>
            <td class=${`num ${s.deficit > 0 ? 'bad' : ''}`} data-label="Needs">${s.deficit}</td>
            <td data-label="Why">${s.reasons.map(codeWords).join(', ') || '—'}</td>
          </tr>`)}</tbody>
        </table></div>
      </section>
      <section aria-labelledby="plan-lines-h">
        <h2 id="plan-lines-h">Courier lines</h2>
        ${p.lines.length === 0 ? html`<p>No moves needed.</p>` : html`<div class="table-scroll"><table class="responsive">
          <thead><tr><th scope="col">Line</th><th scope="col">Kind</th><th scope="col" class="num">Packs</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Courier</th><th scope="col">Departs</th><th scope="col">Arrives</th><th scope="col">Why</th></tr></thead>
          <tbody>${p.lines.map((l) => html`<tr key=${l.id}>
            <td data-label="Line" class="mono">${l.id}</td><td data-label="Kind">${codeWords(l.kind)}</td><td class="num" data-label="Packs">${l.packs}</td>
            <td data-label="From">${place(l.from)}</td><td data-label="To">${place(l.to)}</td><td data-label="Courier">${l.courierId ?? '—'}</td>
            <td data-label="Departs">${time(l.departAt)}</td><td data-label="Arrives">${time(l.arriveAt)}</td><td data-label="Why">${l.reasons.map(codeWords).join(', ')}</td>
          </tr>`)}</tbody>
        </table></div>`}
      </section>`}`;
}
