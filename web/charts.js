// Time-series charts with uPlot (about 50 KB, canvas, fast with thousands of points). Each chart
// also says in words what it shows, and offers its numbers as a table, for screen readers and
// for anyone who wants the figures rather than the picture.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import { html } from './html.js';
import { dateTime } from './format.js';

/**
 * @typedef {object} ChartSeries
 * @property {string} label
 * @property {(number | null)[]} values one per x, null where there is none
 * @property {string} color
 * @property {number[]} [dash] a dashed line (forecasts)
 * @property {string} [scale] the y scale: 'y' (left, default) or another key with its own axis on the right
 * @property {string} [unit] appended to values in the table
 * @property {boolean} [spanGaps] join points across the x values it has no value at (an hourly forecast on a 15-minute axis)
 */

/**
 * @param {{ title: string, summary: string, x: number[], series: ChartSeries[], yLabel: string, y2Label?: string, height?: number, id?: string }} props
 *   x in epoch milliseconds, ascending
 */
export function TimeChart({ title, summary, x, series, yLabel, y2Label, height = 240, id }) {
  const box = useRef(/** @type {HTMLDivElement | null} */ (null));
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const hasY2 = series.some((s) => s.scale && s.scale !== 'y');
    /** @type {uPlot.Options} */
    const opts = {
      width: Math.max(240, el.clientWidth),
      height,
      scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), Math.max(1, max)] } },
      series: [{ label: 'Time', value: '{D} {MMM} {HH}:{mm}' }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, scale: s.scale ?? 'y', spanGaps: s.spanGaps ?? false, ...(s.dash ? { dash: s.dash } : {}) }))],
      axes: [
        { values: TIME_TICKS },
        { label: yLabel, scale: 'y' },
        ...(hasY2 ? [{ label: y2Label ?? '', scale: series.find((s) => s.scale && s.scale !== 'y')?.scale ?? 'y2', side: 1, grid: { show: false } }] : []),
      ],
      legend: { live: true },
    };
    /** @type {uPlot.AlignedData} */
    const data = [x.map((ms) => ms / 1000), ...series.map((s) => s.values)];
    const plot = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(240, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [x, series, height]);
  return html`
    <figure class="chart" id=${id}>
      <figcaption>${title}</figcaption>
      <div ref=${box} class="chart-canvas" role="img" aria-label=${`${title}. ${summary}`}></div>
      <p class="chart-summary">${summary}</p>
      <details>
        <summary>The numbers as a table</summary>
        <div class="table-scroll">
          <table>
            <thead><tr><th scope="col">Time</th>${series.map((s) => html`<th scope="col">${s.label}</th>`)}</tr></thead>
            <tbody>
              ${x.map((ms, i) => html`<tr><td>${dateTime(new Date(ms).toISOString())}</td>${series.map((s) => html`<td>${s.values[i] === null || s.values[i] === undefined ? '—' : `${round(/** @type {number} */ (s.values[i]))}${s.unit ?? ''}`}</td>`)}</tr>`)}
            </tbody>
          </table>
        </div>
      </details>
    </figure>`;
}

/**
 * 24-hour clock on the time axis (uPlot's default is "10pm"): for each tick spacing, the tick
 * label and the label added where the day (or year) changes.
 * @type {any}
 */
const TIME_TICKS = [
  [3600 * 24 * 365, '{YYYY}', null, null, null, null, null, null, 1],
  [3600 * 24 * 28, '{MMM}', '\n{YYYY}', null, null, null, null, null, 1],
  [3600 * 24, '{D} {MMM}', '\n{YYYY}', null, null, null, null, null, 1],
  [3600, '{HH}:{mm}', '\n{D} {MMM}', null, '\n{D} {MMM}', null, null, null, 1],
  [60, '{HH}:{mm}', '\n{D} {MMM}', null, '\n{D} {MMM}', null, null, null, 1],
  [1, ':{ss}', '\n{D} {MMM} {HH}:{mm}', null, '\n{D} {MMM} {HH}:{mm}', null, '\n{HH}:{mm}', null, 1],
];

/** @param {number} n */
function round(n) {
  return Math.abs(n) >= 10 ? Math.round(n) : Math.round(n * 10) / 10;
}
