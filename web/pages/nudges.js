// Operators: how the low-battery nudges do, treated customers beside the holdout group, where
// nudges run on this server; otherwise the page says they are not there.
import { optional } from '../api.js';
import { html } from '../html.js';
import { codeWords, count } from '../format.js';
import { ErrorNote, Figure, Loading, useData, useTitle } from '../ui.js';

/** @param {number | null} r */
const rate = (r) => (r === null ? '—' : `${Math.round(r * 1000) / 10} %`);

export function NudgesPage() {
  useTitle('Nudges');
  const stats = useData(async (signal) => /** @type {import('../types').NudgeStats | null} */ (await optional('/v1/nudges/stats', signal)), []);
  const s = stats.data;
  return html`
    <h1 tabindex="-1">Nudges</h1>
    <${ErrorNote} error=${stats.error} />
    ${s === undefined ? (stats.error ? null : html`<${Loading} />`) : s === null ? html`<p data-absent="nudges">Nudges are not available on this server.</p>` : html`
      <p class="sub">The last 7 days. The holdout group gets no nudges; its "sent" are the nudges it would have got, so the lift is the difference the nudges make.</p>
      <dl class="figures">
        <${Figure} label="Nudges sent" value=${count(s.total.treated.sent)} hint=${`${count(s.total.treated.delivered)} delivered, ${count(s.total.treated.failed)} failed`} />
        <${Figure} label="Swapped after a nudge" value=${rate(s.total.treated.conversionRate)} hint=${`${count(s.total.treated.converted)} customers`} />
        <${Figure} label="Holdout swapped anyway" value=${rate(s.total.holdout.conversionRate)} hint=${`${count(s.total.holdout.sent)} would-be nudges`} />
        <${Figure} label="Lift" value=${s.total.liftPct === null ? '—' : `${s.total.liftPct > 0 ? '+' : ''}${s.total.liftPct} points`} tone=${s.total.liftPct !== null && s.total.liftPct > 0 ? 'good' : undefined} />
      </dl>
      <section aria-labelledby="suppressed-h">
        <h2 id="suppressed-h">Held back, and why</h2>
        ${Object.keys(s.total.treated.suppressed).length === 0 ? html`<p>None.</p>` : html`<ul class="plain">${Object.entries(s.total.treated.suppressed).sort((a, b) => b[1] - a[1]).map(([k, n]) => html`<li>${codeWords(k)}: ${count(n)}</li>`)}</ul>`}
      </section>
      <section aria-labelledby="days-h">
        <h2 id="days-h">By day</h2>
        <div class="table-scroll"><table>
          <thead><tr><th scope="col">Day (UTC)</th><th scope="col" class="num">Sent</th><th scope="col" class="num">Converted</th><th scope="col" class="num">Rate</th><th scope="col" class="num">Holdout would-be</th><th scope="col" class="num">Holdout rate</th></tr></thead>
          <tbody>${s.days.map((d) => html`<tr key=${d.day}><td>${d.day}</td><td class="num">${count(d.treated.sent)}</td><td class="num">${count(d.treated.converted)}</td><td class="num">${rate(d.treated.conversionRate)}</td><td class="num">${count(d.holdout.sent)}</td><td class="num">${rate(d.holdout.conversionRate)}</td></tr>`)}</tbody>
        </table></div>
      </section>`}`;
}
