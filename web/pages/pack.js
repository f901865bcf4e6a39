// A pack: its state now, SoC and temperature over time, and where it has been (custody). Managers
// reach only packs in their kiosks or back rooms: any other id is "not found" from the API.
import { useMemo, useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { html } from '../html.js';
import { TimeChart } from '../charts.js';
import { codeWords, custodyWords, dateTime, pct, relative, tempC, time } from '../format.js';
import { ErrorNote, Figure, Loading, useData, useTitle } from '../ui.js';

const RANGES = /** @type {const} */ ([
  ['24h', 'Last 24 h', 24 * 3_600_000],
  ['7d', 'Last 7 days', 7 * 24 * 3_600_000],
]);

/** @param {{ id: string }} props */
export function PackPage({ id }) {
  useTitle(`Pack ${id}`);
  const [range, setRange] = useState(/** @type {'24h' | '7d'} */ ('24h'));
  const pack = useData(async (signal) => /** @type {import('../types').Pack} */ (await api(`/v1/packs/${encodeURIComponent(id)}`, { signal })), [id]);
  const readings = useData(async (signal) => {
    const spanMs = RANGES.find((r) => r[0] === range)?.[2] ?? 86_400_000;
    const res = await api(`/v1/packs/${encodeURIComponent(id)}/readings${query({ from: new Date(Date.now() - spanMs).toISOString(), order: 'asc', limit: 5000 })}`, { signal });
    return /** @type {import('../types').PackReading[]} */ (res.readings);
  }, [id, range]);
  const custody = useData(async (signal) => /** @type {{ custody: import('../types').Custody, changes: import('../types').CustodyChange[] }} */ (await api(`/v1/packs/${encodeURIComponent(id)}/custody`, { signal })), [id]);

  if (!pack.data) {
    return html`<h1 tabindex="-1">Pack ${id}</h1>${pack.error ? html`<${ErrorNote} error=${pack.error} what="This pack" /><p><a href="/stores">Back to the stores</a></p>` : html`<${Loading} />`}`;
  }
  const p = pack.data;
  const r = p.latest;
  return html`
    <h1 tabindex="-1">Pack ${p.id}</h1>
    <p class="sub">lot ${p.lot} · hardware ${p.hwRev} · ${custodyWords(p.custody)} · ${p.online ? 'reporting now' : p.lastSeenAt ? `last heard ${relative(p.lastSeenAt)}` : 'never heard from'}</p>
    ${p.flag ? html`<p class="error" role="note">Flagged: ${codeWords(p.flag)}. It is never handed out.</p>` : null}
    <dl class="figures">
      <${Figure} label="Charge" value=${pct(r?.socPct)} testid="soc" />
      <${Figure} label="Temperature" value=${tempC(r?.tempC)} tone=${r && r.tempC >= 45 ? 'bad' : undefined} testid="temp" />
      <${Figure} label="Health" value=${pct(r?.sohPct)} hint=${r ? `${r.cycles} cycles` : null} />
      <${Figure} label="State" words value=${r ? codeWords(r.state) : '—'} hint=${r?.faults.length ? r.faults.map(codeWords).join(', ') : null} tone=${r?.faults.length ? 'bad' : undefined} />
    </dl>

    <section aria-labelledby="pack-chart-h">
      <h2 id="pack-chart-h">Charge and temperature</h2>
      <div class="toolbar" role="group" aria-label="Time range">
        ${RANGES.map(([key, label]) => html`<button type="button" aria-pressed=${range === key} onClick=${() => setRange(key)}>${label}</button>`)}
      </div>
      ${readings.error ? html`<${ErrorNote} error=${readings.error} />` : !readings.data ? html`<${Loading} />` : readings.data.length === 0 ? html`<p>No readings in this range.</p>` : html`<${PackChart} readings=${readings.data} />`}
    </section>

    <section aria-labelledby="custody-h">
      <h2 id="custody-h">Where it has been</h2>
      ${custody.error ? html`<${ErrorNote} error=${custody.error} />` : !custody.data ? html`<${Loading} />` : custody.data.changes.length === 0 ? html`<p>No custody changes recorded.</p>` : html`
        <div class="table-scroll"><table class="custody">
          <thead><tr><th scope="col">When</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Why</th></tr></thead>
          <tbody>${custody.data.changes.map((c) => html`<tr><td>${dateTime(c.at)}</td><td>${custodyWords(c.from)}</td><td>${custodyWords(c.to)}</td><td>${codeWords(c.cause)}${c.requestId ? html`<span class="sub">swap ${c.requestId}</span>` : null}</td></tr>`)}</tbody>
        </table></div>`}
    </section>`;
}

/** @param {{ readings: import('../types').PackReading[] }} props */
function PackChart({ readings }) {
  const c = useMemo(() => {
    const soc = readings.map((r) => r.socPct);
    const temp = readings.map((r) => r.tempC);
    /** @type {import('../charts.js').ChartSeries[]} */
    const series = [
      { label: 'Charge', values: soc, color: '#0a58ca', unit: ' %' },
      { label: 'Temperature', values: temp, color: '#b42318', scale: 'temp', unit: ' °C' },
    ];
    const summary = `${readings.length} readings from ${time(readings[0]?.at)} to ${time(readings.at(-1)?.at)}. Charge from ${Math.round(Math.min(...soc))} to ${Math.round(Math.max(...soc))} %, temperature from ${Math.round(Math.min(...temp))} to ${Math.round(Math.max(...temp))} °C.`;
    return { x: readings.map((r) => Date.parse(r.at)), series, summary };
  }, [readings]);
  return html`<${TimeChart} id="pack-chart" title="State of charge and temperature" summary=${c.summary} x=${c.x} yLabel="charge %" y2Label="°C" series=${c.series} />`;
}
