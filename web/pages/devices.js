// Operators: every device with whether it is online and when it was last heard from, a page at a
// time, and revocation (its credentials stop working and it is disconnected at once).
import { useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { html } from '../html.js';
import { dateTime, relative } from '../format.js';
import { ErrorNote, Loading, useData, useTitle } from '../ui.js';

/** @param {{ me: import('../types').Me }} props */
export function DevicesPage({ me }) {
  useTitle('Devices');
  const [kind, setKind] = useState('');
  const [cursor, setCursor] = useState(/** @type {string | null} */ (null));
  const [history, setHistory] = useState(/** @type {(string | null)[]} */ ([]));
  const [confirming, setConfirming] = useState(/** @type {string | null} */ (null));
  const [message, setMessage] = useState('');
  const [actionError, setActionError] = useState(/** @type {unknown} */ (null));
  const page = useData(async (signal) => /** @type {{ devices: import('../types').Device[], nextCursor: string | null }} */ (await api(`/v1/devices${query({ kind, cursor: cursor ?? undefined, limit: 50 })}`, { signal })), [kind, cursor]);
  const mayRevoke = me.scopes['device.revoke'] !== 'none';

  /** @param {string} id */
  async function revoke(id) {
    setActionError(null);
    try {
      await api(`/v1/devices/${encodeURIComponent(id)}`, { method: 'DELETE' });
      setConfirming(null);
      await page.reload();
      setMessage(`${id} is revoked: its credentials no longer work and it was disconnected.`);
    } catch (err) {
      setActionError(err);
    }
  }

  const d = page.data;
  return html`
    <h1 tabindex="-1">Devices</h1>
    <div class="toolbar">
      <label for="device-kind">Kind</label>
      <select id="device-kind" value=${kind} onChange=${(/** @type {any} */ e) => { setKind(e.currentTarget.value); setCursor(null); setHistory([]); }}>
        <option value="">All</option><option value="kiosk">Kiosks</option><option value="pack">Packs</option>
      </select>
    </div>
    ${message ? html`<p class="ok" role="status">${message}</p>` : null}
    <${ErrorNote} error=${actionError} />
    <${ErrorNote} error=${page.error} />
    ${!d ? (page.error ? null : html`<${Loading} />`) : d.devices.length === 0 ? html`<p>No devices.</p>` : html`
      <div class="table-scroll"><table class="devices responsive">
        <thead><tr><th scope="col">Device</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Last seen</th>${mayRevoke ? html`<th scope="col"><span class="sr-only">Actions</span></th>` : null}</tr></thead>
        <tbody>${d.devices.map((x) => html`<tr key=${x.id} data-device=${x.id}>
          <th scope="row" data-label="Device">${x.id}</th>
          <td data-label="Kind">${x.kind}</td>
          <td data-label="Status">${x.revoked ? html`<span class="badge bad">revoked ${dateTime(x.revokedAt)}</span>` : x.online ? html`<span class="badge good">online</span>` : html`<span class="badge warn">offline</span>`}</td>
          <td data-label="Last seen">${x.lastSeenAt ? html`${dateTime(x.lastSeenAt)} <span class="sub">${relative(x.lastSeenAt)}</span>` : 'never'}</td>
          ${mayRevoke ? html`<td data-label="Actions">${x.revoked ? null : confirming === x.id
            ? html`<span class="confirm">Revoke ${x.id}? <button type="button" class="danger" onClick=${() => revoke(x.id)}>Yes, revoke</button> <button type="button" onClick=${() => setConfirming(null)}>Cancel</button></span>`
            : html`<button type="button" onClick=${() => { setConfirming(x.id); setMessage(''); }} aria-label=${`Revoke ${x.id}`}>Revoke</button>`}</td>` : null}
        </tr>`)}</tbody>
      </table></div>
      <div class="toolbar">
        ${history.length > 0 ? html`<button type="button" onClick=${() => { setCursor(history.at(-1) ?? null); setHistory(history.slice(0, -1)); }}>Previous page</button>` : null}
        ${d.nextCursor ? html`<button type="button" onClick=${() => { setHistory([...history, cursor]); setCursor(d.nextCursor); }}>Next page</button>` : null}
      </div>`}`;
}
