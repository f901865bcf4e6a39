// Operators: messages the pipeline refused, with the reason, the device and the raw bytes kept for
// diagnosis (README "What happens to a message").
import { useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { html } from '../html.js';
import { codeWords, count, dateTime } from '../format.js';
import { ErrorNote, Loading, useData, useTitle } from '../ui.js';

/** @param {{ reason: string | null }} props */
export function QuarantinePage({ reason }) {
  useTitle('Quarantine');
  const [cursor, setCursor] = useState(/** @type {number | null} */ (null));
  const [history, setHistory] = useState(/** @type {(number | null)[]} */ ([]));
  const page = useData(async (signal) => /** @type {{ items: import('../types').QuarantineItem[], total: number, nextCursor: number | null }} */ (await api(`/v1/quarantine${query({ limit: 50, cursor: cursor ?? undefined, reason: reason ?? undefined })}`, { signal })), [cursor, reason]);
  const d = page.data;
  return html`
    <h1 tabindex="-1">Quarantine</h1>
    <p class="sub">Messages refused by the pipeline (bad payloads, values out of range, wrong topics), newest first. The device got its PUBACK so it does not resend them forever; nothing else was affected.</p>
    <${ErrorNote} error=${page.error} />
    ${!d ? (page.error ? null : html`<${Loading} />`) : html`
      <p>${count(d.total)} messages in quarantine${reason ? ` (showing ${reason})` : ''}.</p>
      ${d.items.length === 0 ? html`<p>Nothing here.</p>` : html`
        <div class="table-scroll"><table class="quarantine responsive">
          <thead><tr><th scope="col">When</th><th scope="col">Device</th><th scope="col">Topic</th><th scope="col">Reason</th><th scope="col">Payload</th></tr></thead>
          <tbody>${d.items.map((q) => html`<tr key=${q.id}>
            <td data-label="When">${dateTime(q.at)}</td>
            <td data-label="Device">${q.deviceId ?? '—'}</td>
            <td data-label="Topic" class="mono">${q.topic}</td>
            <td data-label="Reason"><code>${q.reason}</code><span class="sub">${q.detail || codeWords(q.reason.replace(/^CF_ERR_/, ''))}</span></td>
            <td data-label="Payload"><details><summary>${q.payloadBytes} bytes</summary><code class="bytes">${q.payloadBase64.slice(0, 2000)}${q.payloadBase64.length > 2000 ? '…' : ''}</code></details></td>
          </tr>`)}</tbody>
        </table></div>`}
      <div class="toolbar">
        ${history.length > 0 ? html`<button type="button" onClick=${() => { setCursor(history.at(-1) ?? null); setHistory(history.slice(0, -1)); }}>Newer</button>` : null}
        ${d.nextCursor !== null ? html`<button type="button" onClick=${() => { setHistory([...history, cursor]); setCursor(d.nextCursor); }}>Older</button>` : null}
      </div>`}`;
}
