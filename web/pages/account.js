// The signed-in person's account: who they are, and changing their password (their other
// sessions end; this one stays).
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { html } from '../html.js';
import { dateTime } from '../format.js';
import { useTitle } from '../ui.js';

/** @param {{ me: import('../types').Me }} props */
export function AccountPage({ me }) {
  useTitle('Your account');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [result, setResult] = useState(/** @type {{ ok: boolean, text: string } | null} */ (null));
  const [busy, setBusy] = useState(false);

  /** @param {Event} e */
  async function submit(e) {
    e.preventDefault();
    if (next !== again) {
      setResult({ ok: false, text: 'The two new passwords differ.' });
      return;
    }
    setBusy(true);
    try {
      await api('/v1/auth/password', { method: 'POST', body: { currentPassword: current, newPassword: next } });
      setResult({ ok: true, text: 'Password changed. Your other sessions have ended.' });
      setCurrent('');
      setNext('');
      setAgain('');
    } catch (err) {
      setResult({ ok: false, text: err instanceof ApiError && err.code === 'CF_ERR_AUTH_LOGIN_FAILED' ? 'The current password is wrong.' : err instanceof Error ? err.message : 'The password was not changed.' });
    } finally {
      setBusy(false);
    }
  }

  return html`
    <h1 tabindex="-1">Your account</h1>
    <dl class="facts">
      <dt>Email</dt><dd>${me.user?.email ?? me.label}</dd>
      <dt>Role</dt><dd>${me.role}</dd>
      ${me.role === 'manager' ? html`<dt>Stores</dt><dd>${me.stores.map((s) => s.name).join(', ') || 'none yet'}</dd>` : null}
      <dt>This session ends</dt><dd>${dateTime(me.sessionExpiresAt)} at the latest (sooner when idle)</dd>
    </dl>
    <h2>Change your password</h2>
    <form onSubmit=${submit}>
      <label for="current-password">Current password</label>
      <input id="current-password" type="password" autocomplete="current-password" required value=${current} onInput=${(/** @type {any} */ e) => setCurrent(e.currentTarget.value)} />
      <label for="new-password">New password <span class="sub">at least 12 characters</span></label>
      <input id="new-password" type="password" autocomplete="new-password" minlength="12" required value=${next} onInput=${(/** @type {any} */ e) => setNext(e.currentTarget.value)} />
      <label for="again-password">New password again</label>
      <input id="again-password" type="password" autocomplete="new-password" minlength="12" required value=${again} onInput=${(/** @type {any} */ e) => setAgain(e.currentTarget.value)} />
      ${result ? html`<p class=${result.ok ? 'ok' : 'error'} role=${result.ok ? 'status' : 'alert'}>${result.text}</p>` : null}
      <button type="submit" disabled=${busy}>Change password</button>
    </form>`;
}
