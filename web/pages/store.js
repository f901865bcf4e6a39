// A store page: its stock, every kiosk as a grid of slots (kept live), charged packs over the last
// 24 h with the next 24 h's forecast where restock planning runs, the store's alerts and the
// deliveries on their way. Sections fed by restocking hide when this server has none.
import { useEffect, useMemo } from 'preact/hooks';
import { api, optional, query } from '../api.js';
import { html } from '../html.js';
import { TimeChart } from '../charts.js';
import { codeWords, count, pct, relative, slotStateWord, tempC, time } from '../format.js';
import { useLive } from '../live.js';
import { ErrorNote, Figure, LiveBadge, Loading, useData, useTitle } from '../ui.js';

/** @typedef {import('../types').StorePage} StorePage */
/** @typedef {import('../types').KioskGrid} KioskGrid */


/** @param {{ id: string }} props */
export function StorePage({ id }) {
  const page = useData(async (signal) => /** @type {StorePage} */ (await api(`/v1/stores/${encodeURIComponent(id)}`, { signal })), [id]);
  const history = useData(async (signal) => /** @type {import('../types').StockPoint[]} */ ((await api(`/v1/stores/${encodeURIComponent(id)}/stock-history`, { signal })).points), [id]);
  const plan = useData(async (signal) => {
    const p = /** @type {import('../types').RestockPlan | null} */ (await optional(`/v1/restock/plan${query({ storeId: id, limit: 1 })}`, signal));
    return p ? (p.stores.find((s) => s.storeId === id) ?? null) : null;
  }, [id]);
  const jobs = useData(async (signal) => /** @type {import('../types').CourierJob[] | null} */ ((await optional(`/v1/restock/jobs${query({ storeId: id, limit: 100 })}`, signal))?.jobs ?? null), [id]);
  const restockAlerts = useData(async (signal) => /** @type {import('../types').RestockAlert[] | null} */ ((await optional(`/v1/alerts${query({ storeId: id, open: true, limit: 20 })}`, signal))?.alerts ?? null), [id]);
  useTitle(page.data?.name ?? 'Store');

  const status = useLive([id], {
    // A reconnection: the slot grids come again on the stream; refresh what does not.
    onHello: () => {
      void history.reload();
      void restockAlerts.reload();
      void jobs.reload();
    },
    onKiosk: ({ kiosk }) => page.update((p) => (p ? { ...p, kiosks: p.kiosks.some((k) => k.id === kiosk.id) ? p.kiosks.map((k) => (k.id === kiosk.id ? kiosk : k)) : [...p.kiosks, kiosk] } : p)),
    onStock: (summary) => page.update((p) => (p ? { ...p, ...summary } : p)),
  });
  // The chart and the plan move slowly: every five minutes is enough.
  useEffect(() => {
    const t = setInterval(() => {
      void history.reload();
      void plan.reload();
    }, 5 * 60_000);
    return () => clearInterval(t);
  }, [id]);

  const p = page.data;
  if (!p) {
    return html`
      <h1 tabindex="-1">Store</h1>
      ${page.error ? html`<${ErrorNote} error=${page.error} what="This store" /> <p><a href="/stores">Back to the stores</a></p>` : html`<${Loading} />`}`;
  }
  const stockOutAt = p.stockOutAt ?? plan.data?.stockOutAt ?? null;
  const hasPlan = !!plan.data || p.stockOutAt !== null;
  const s = p.stock;
  return html`
    <div class="page-head">
      <h1 tabindex="-1">${p.name}</h1>
      <${LiveBadge} status=${status} />
    </div>
    <p class="sub">${p.id} · ${p.timeZone} · <a href=${`/swaps${query({ storeId: p.id })}`}>Swaps at this store</a></p>

    <section aria-labelledby="stock-h">
      <h2 id="stock-h">Stock now</h2>
      <dl class="figures">
        <${Figure} label="Charged now" value=${count(s.ready)} tone=${s.ready === 0 ? 'bad' : s.ready < 2 * Math.max(1, s.kiosksOnline) ? 'warn' : 'good'} testid="ready" hint=${[s.held ? `${s.held} held for customers` : null, s.disputed ? `${s.disputed} disputed` : null].filter(Boolean).join(', ') || null} />
        <${Figure} label="Charging" value=${count(s.charging)} hint=${s.nextReadyAt ? `next ready ${time(s.nextReadyAt)}` : null} testid="charging" />
        <${Figure} label="Free return slots" value=${count(s.freeReturnSlots)} tone=${s.freeReturnSlots === 0 ? 'bad' : undefined} testid="free" />
        <${Figure} label="Kiosks online" value=${`${s.kiosksOnline} of ${s.kiosks}`} tone=${s.kiosksOnline < s.kiosks ? 'warn' : undefined} testid="online" />
        ${s.outOfService ? html`<${Figure} label="Slots out of service" value=${count(s.outOfService)} tone="warn" />` : null}
        ${s.toWithdraw ? html`<${Figure} label="Packs to withdraw" value=${count(s.toWithdraw)} tone="warn" hint="flagged or recalled" />` : null}
        ${hasPlan ? html`<${Figure} label="Projected stock-out" value=${stockOutAt ? time(stockOutAt) : 'none'} hint=${stockOutAt ? relative(stockOutAt) : `within ${plan.data ? '24 h' : 'the horizon'}`} tone=${stockOutAt ? 'warn' : undefined} testid="stock-out" />` : null}
      </dl>
    </section>

    <section aria-labelledby="kiosks-h">
      <h2 id="kiosks-h">Kiosks</h2>
      ${p.kiosks.length === 0 ? html`<p>This store has no kiosks yet.</p>` : p.kiosks.map((k) => html`<${KioskCard} key=${k.id} kiosk=${k} />`)}
    </section>

    <section aria-labelledby="chart-h">
      <h2 id="chart-h">Charged packs over time</h2>
      <${StockChart} points=${history.data} readyNow=${s.ready} plan=${plan.data ?? null} error=${history.error} />
    </section>

    ${p.charging.length > 0
      ? html`<section aria-labelledby="charging-h">
          <h2 id="charging-h">Charging packs, soonest ready first</h2>
          <ul class="plain charging">
            ${p.charging.slice(0, 12).map((c) => html`<li><a href=${`/packs/${encodeURIComponent(c.packId)}`}>${c.packId}</a> in ${c.kioskId} slot ${c.slot + 1}: ${pct(c.socPct)}, ready ${c.readyAt ? html`at ${time(c.readyAt)} (${relative(c.readyAt)})` : 'time unknown (no charge current)'}</li>`)}
          </ul>
          ${p.charging.length > 12 ? html`<p class="note">and ${p.charging.length - 12} more.</p>` : null}
        </section>`
      : null}

    <section aria-labelledby="alerts-h">
      <h2 id="alerts-h">Alerts</h2>
      <${Alerts} anomalies=${p.alerts} restock=${restockAlerts.data ?? null} />
    </section>

    ${jobs.data ? html`<${Deliveries} storeId=${p.id} jobs=${jobs.data} />` : null}`;
}

/** @param {{ kiosk: KioskGrid }} props */
function KioskCard({ kiosk: k }) {
  const meta = [k.door ? `door ${k.door.toLowerCase()}` : null, k.mainsPower === null ? null : k.mainsPower ? 'mains power' : 'on battery (no mains power)', k.signalDbm !== null ? `signal ${k.signalDbm} dBm` : null, k.reportedAt ? `reported ${time(k.reportedAt)}` : 'never reported'].filter(Boolean);
  const headingId = `kiosk-${k.id}`;
  return html`
    <section class=${`kiosk ${k.online ? '' : 'offline'}`} data-kiosk=${k.id} aria-labelledby=${headingId}>
      <h3 id=${headingId}>Kiosk ${k.id} <span class=${`badge ${k.online ? 'good' : 'bad'}`}>${k.online ? 'online' : 'offline'}</span></h3>
      <p class="kiosk-meta">${meta.join(' · ')}${!k.online && k.lastSeenAt ? ` · last heard ${relative(k.lastSeenAt)}` : ''}</p>
      ${k.slots.length === 0
        ? html`<p>No slot report yet.</p>`
        : html`<ol class="slots" aria-label=${`Slots of kiosk ${k.id}`}>${k.slots.map((s) => html`<${Slot} key=${s.index} slot=${s} />`)}</ol>`}
    </section>`;
}

/** @param {{ slot: import('../types').GridSlot }} props */
function Slot({ slot: s }) {
  const faults = [...(s.faultCode ? [`slot fault ${s.faultCode}`] : []), ...s.packFaults.map((f) => codeWords(f).toLowerCase())];
  const flags = [s.held ? 'held' : null, s.disputed ? 'custody disputed' : null, s.withdrawn ? 'to withdraw' : null].filter(Boolean);
  return html`
    <li class=${`slot state-${s.state}`} data-slot=${s.index} data-state=${s.state} data-pack=${s.packId ?? ''}>
      <span class="slot-no"><span class="sr-only">Slot </span>${s.index + 1}</span>
      <span class="slot-state">${slotStateWord(s.state)}</span>
      ${s.packId
        ? html`<a class="slot-pack" href=${`/packs/${encodeURIComponent(s.packId)}`}>${s.packId}</a>
            <span class="slot-soc"><meter min="0" max="100" low="20" high="89" optimum="100" value=${s.socPct} aria-hidden="true"></meter> ${pct(s.socPct)}</span>
            <span class=${`slot-temp ${s.tempC >= 45 ? 'hot' : ''}`}>${tempC(s.tempC)}</span>`
        : null}
      ${s.state === 'CHARGING' && s.readyAt ? html`<span class="slot-ready">ready ${time(s.readyAt)}</span>` : null}
      ${flags.length ? html`<span class="slot-flags">${flags.join(', ')}</span>` : null}
      ${faults.length ? html`<span class="slot-fault" role="note">⚠ ${faults.join(', ')}</span>` : null}
    </li>`;
}

/**
 * The history (15-minute steps) ends with the live figure, so the line meets the number above it.
 * @param {{ points: import('../types').StockPoint[] | undefined, readyNow: number, plan: import('../types').RestockPlanStore | null, error: unknown }} props
 */
function StockChart({ points: history, readyNow, plan, error }) {
  const chart = useMemo(() => {
    if (!history) return null;
    const points = [...history, { at: new Date().toISOString(), ready: readyNow }];
    /** @type {Map<number, { ready?: number, projected?: number, takes?: number }>} */
    const byX = new Map();
    for (const pt of points) byX.set(Date.parse(pt.at), { ready: pt.ready });
    for (const h of plan?.projection ?? []) byX.set(Date.parse(h.at), { ...byX.get(Date.parse(h.at)), projected: h.ready });
    for (const h of plan?.forecastNext24h ?? []) byX.set(Date.parse(h.at), { ...byX.get(Date.parse(h.at)), takes: h.takes });
    const x = [...byX.keys()].sort((a, b) => a - b);
    const col = (/** @type {'ready' | 'projected' | 'takes'} */ k) => x.map((t) => byX.get(t)?.[k] ?? null);
    /** @type {import('../charts.js').ChartSeries[]} */
    const series = [{ label: 'Charged packs', values: col('ready'), color: '#1a7f37' }];
    if (plan?.projection?.length) series.push({ label: 'Projected charged packs', values: col('projected'), color: '#0a58ca', dash: [8, 4], spanGaps: true });
    if (plan?.forecastNext24h?.length) series.push({ label: 'Forecast: packs taken per hour', values: col('takes'), color: '#8250df', dash: [3, 3], spanGaps: true });
    const readies = points.map((p) => p.ready);
    const now = readies.at(-1) ?? 0;
    const min = Math.min(...readies);
    const max = Math.max(...readies);
    const takes = (plan?.forecastNext24h ?? []).reduce((a, h) => a + h.takes, 0);
    const summary = `Over the last 24 hours charged packs ranged from ${min} to ${max}; ${now} now.${plan?.forecastNext24h?.length ? ` About ${Math.round(takes)} packs are forecast to be taken in the next 24 hours.` : ''}`;
    return { x, series, summary };
  }, [history, readyNow, plan]);
  if (error) return html`<${ErrorNote} error=${error} />`;
  if (!chart) return html`<${Loading} />`;
  return html`
    <${TimeChart} id="stock-chart" title=${plan?.forecastNext24h?.length ? 'Charged packs, last 24 h, and the next 24 h forecast' : 'Charged packs, last 24 h'} summary=${chart.summary} x=${chart.x} series=${chart.series} yLabel="packs" />
    ${plan ? null : html`<p class="note">The forecast for the next 24 hours appears here where restock planning runs.</p>`}`;
}

/** @param {{ anomalies: import('../types').Anomaly[], restock: import('../types').RestockAlert[] | null }} props */
function Alerts({ anomalies, restock }) {
  const rows = [
    ...(restock ?? []).map((a) => ({ key: `r${a.id}`, at: a.raisedAt, what: codeWords(a.kind), detail: [a.packId ? `pack ${a.packId}` : null, ...(a.reasons ?? []).map(codeWords)].filter(Boolean).join(' · '), open: a.resolvedAt === null })),
    ...anomalies.map((a) => ({ key: `a${a.id}`, at: a.at, what: codeWords(a.kind), detail: [a.kioskId ? `kiosk ${a.kioskId}` : null, a.packId ? `pack ${a.packId}` : null, a.reason ? codeWords(a.reason) : null, a.detail].filter(Boolean).join(' · '), open: a.status === 'open' })),
  ].sort((a, b) => Date.parse(b.at ?? '') - Date.parse(a.at ?? ''));
  if (rows.length === 0) return html`<p>No alerts.</p>`;
  return html`<ul class="plain alerts">${rows.map((r) => html`<li key=${r.key} class=${r.open ? 'open' : ''}><strong>${r.what}</strong>${r.open ? html` <span class="badge warn">open</span>` : null} <span class="sub">${time(r.at)}</span><br />${r.detail}</li>`)}</ul>`;
}

/** @param {{ storeId: string, jobs: import('../types').CourierJob[] }} props */
function Deliveries({ storeId, jobs }) {
  const coming = jobs.filter((j) => j.to.kind === 'store' && j.to.storeId === storeId && (j.status === 'planned' || j.status === 'picked_up'));
  return html`
    <section aria-labelledby="deliveries-h">
      <h2 id="deliveries-h">Deliveries on their way</h2>
      ${coming.length === 0
        ? html`<p>None planned.</p>`
        : html`<div class="table-scroll"><table>
            <thead><tr><th scope="col">Job</th><th scope="col">Status</th><th scope="col" class="num">Packs</th><th scope="col">From</th><th scope="col">Courier</th><th scope="col">Expected</th></tr></thead>
            <tbody>${coming.map((j) => html`<tr data-job=${j.id}><td>${j.id}</td><td>${j.status === 'picked_up' ? 'On the way' : 'Planned'}</td><td class="num">${j.packIds.length}</td><td>${j.from.kind === 'store' ? `store ${j.from.storeId}` : 'warehouse'}</td><td>${j.courierId ?? '—'}</td><td>${j.eta ? html`${time(j.eta)} <span class="sub">${relative(j.eta)}</span>` : '—'}</td></tr>`)}</tbody>
          </table></div>`}
    </section>`;
}
