// Logging in, and at the first login (a one-time password from an admin) choosing one's own
// password. Wrong password and unknown email get the same answer from the server; too many
// failures are throttled, and the page says for how long.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { html } from '../html.js';
import { duration } from '../format.js';
import { useTitle } from '../ui.js';

/** @param {{ onLoggedIn: () => Promise<void> }} props */
export function LoginPage({ onLoggedIn }) {
  useTitle('Log in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mustChange, setMustChange] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  /** @param {Event} e */
  async function submit(e) {
    e.preventDefault();
    setError('');
    if (mustChange && newPassword !== confirm) {
      setError('The two new passwords differ.');
      return;
    }
    setBusy(true);
    try {
      await api('/v1/auth/login', { method: 'POST', body: { email, password, ...(mustChange ? { newPassword } : {}) }, quietUnauthorized: true });
      await onLoggedIn();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CF_ERR_AUTH_PASSWORD_CHANGE_REQUIRED') {
        setMustChange(true);
        setError('');
      } else if (err instanceof ApiError && err.code === 'CF_ERR_AUTH_THROTTLED') {
        setError(`Too many failed attempts. Try again ${err.retryAfterS ? `in ${duration(err.retryAfterS * 1000)}` : 'later'}.`);
      } else if (err instanceof ApiError && err.code === 'CF_ERR_AUTH_LOGIN_FAILED') {
        setError('Wrong email or password.');
      } else setError(err instanceof Error ? err.message : 'Logging in failed.');
    } finally {
      setBusy(false);
    }
  }

  return html`
    <main id="main" class="login">
      <h1 tabindex="-1">${mustChange ? 'Choose your password' : 'Log in to chargefleet'}</h1>
      <form onSubmit=${submit} novalidate=${false} aria-describedby=${error ? 'login-error' : undefined}>
        ${mustChange
          ? html`<p>This was a one-time password. Choose your own: at least 12 characters, not containing your email name.</p>`
          : null}
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required value=${email} onInput=${(/** @type {any} */ e) => setEmail(e.currentTarget.value)} readonly=${mustChange} />
        <label for="password">${mustChange ? 'One-time password' : 'Password'}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required value=${password} onInput=${(/** @type {any} */ e) => setPassword(e.currentTarget.value)} readonly=${mustChange} />
        ${mustChange
          ? html`
              <label for="new-password">New password</label>
              <input id="new-password" name="new-password" type="password" autocomplete="new-password" minlength="12" required value=${newPassword} onInput=${(/** @type {any} */ e) => setNewPassword(e.currentTarget.value)} />
              <label for="confirm-password">New password again</label>
              <input id="confirm-password" name="confirm-password" type="password" autocomplete="new-password" minlength="12" required value=${confirm} onInput=${(/** @type {any} */ e) => setConfirm(e.currentTarget.value)} />`
          : null}
        ${error ? html`<p id="login-error" class="error" role="alert">${error}</p>` : null}
        <button type="submit" disabled=${busy}>${busy ? 'Checking…' : mustChange ? 'Set password and log in' : 'Log in'}</button>
      </form>
    </main>`;
}
