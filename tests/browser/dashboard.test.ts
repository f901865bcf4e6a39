// The dashboard in real Chromium against the whole system (real broker, kiosks over MQTT, DuckDB):
// a manager logs in (choosing a password at the first login) and sees their store's stock; cannot
// reach another store's page or data, by URL or by API; sees a slot change a kiosk reports over
// MQTT within 3 s without a reload; logging out ends the session. Also the pack and swap pages,
// the operator's pages, a phone-sized screen, the keyboard and the accessibility checks.
// Screenshots of every page go to test-output/browser/ (CF_SCREENSHOTS=docs also refreshes the
// README's in docs/screenshots/).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, NEW_PASSWORD, newSession, type Session } from '../helpers/accounts.ts';
import { a11yProblems, chromiumSkipReason, launchChromium, outputDir, overflowsSideways, watchProblems, type Browser } from '../helpers/browser.ts';
import { seedDashboardFleet, type DashboardFleet } from '../helpers/dashboard-fleet.ts';
import { ROOT } from '../helpers/server-process.ts';
import { startTestSystem, type TestSystem } from '../helpers/system.ts';
import { v1 } from '../../proto/codec.ts';
import { topics } from '../../domain/topics.ts';

const skip = chromiumSkipReason();
const OUT = outputDir('browser');

let t: TestSystem;
let fleet: DashboardFleet;
let browser: Browser;
let manager: Session;
let operator: Session;
let base: string;

/** Saves a screenshot in the output folder; README ones are also copied to docs/screenshots with CF_SCREENSHOTS=docs. */
async function shot(page: Page, name: string, opts: { readme?: boolean; fullPage?: boolean } = {}): Promise<void> {
  const file = join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? true });
  if (opts.readme && process.env.CF_SCREENSHOTS === 'docs') {
    mkdirSync(join(ROOT, 'docs', 'screenshots'), { recursive: true });
    copyFileSync(file, join(ROOT, 'docs', 'screenshots', `${name}.png`));
  }
}

/** A page already signed in with a session made through the API (tests that are not about logging in). */
async function signedIn(s: Session, path: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.context.newPage();
  const problems = watchProblems(page);
  await browser.context.addCookies([{ name: 'cf_session', value: s.secret, url: base, httpOnly: true, sameSite: 'Strict' }, { name: 'cf_csrf', value: s.csrf, url: base, sameSite: 'Strict' }]);
  await page.goto(base + path);
  return { page, problems };
}

const api = (page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).status, path);

if (skip) {
  describe('the dashboard in Chromium', () => {
    it.skip(`skipped: ${skip}`, () => undefined);
  });
} else {
  beforeAll(async () => {
    t = await startTestSystem();
    base = t.sys.httpUrl;
    fleet = await seedDashboardFleet(t, { history: true });
    manager = await newSession(t.sys.api, 'manager', ['st-main']);
    operator = await newSession(t.sys.api, 'operator');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  describe('the dashboard in Chromium', () => {
    it('lets a manager log in for the first time, choose a password, and see their store\'s stock', async () => {
      const email = `first-${process.pid}@example.com`;
      const created = await t.sys.api.inject({ method: 'POST', url: '/v1/users', headers: ADMIN, payload: { email, role: 'manager', storeIds: ['st-main'] } });
      const otp = created.json().oneTimePassword as string;
      const page = await browser.context.newPage();
      const problems = watchProblems(page);
      await browser.context.clearCookies();
      await page.goto(`${base}/`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(otp);
      await shot(page, 'login', { readme: true, fullPage: false });
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
      await page.getByLabel('New password', { exact: true }).fill('my own long passphrase 7');
      await page.getByLabel('New password again').fill('my own long passphrase 7');
      await shot(page, 'first-login', { fullPage: false });
      await page.getByRole('button', { name: 'Set password and log in' }).click();

      // Stores: their one store, with the figures the API gives.
      const row = page.locator('tr[data-store="st-main"]');
      await row.waitFor();
      const api = (await t.sys.api.inject({ url: '/v1/stores/st-main', headers: manager.headers })).json();
      expect(await row.locator('[data-cell=ready]').innerText()).toBe(String(api.stock.ready));
      expect(await row.locator('[data-cell=charging]').innerText()).toBe(String(api.stock.charging));
      expect(await row.locator('[data-cell=free]').innerText()).toBe(String(api.stock.freeReturnSlots));
      expect(await page.locator('tr[data-store]').count()).toBe(1);
      await page.locator('[data-live=live]').waitFor();
      await shot(page, 'stores', { readme: true });

      // The store page: every kiosk as a grid of slots, as the kiosks reported them.
      await row.getByRole('link', { name: 'High Street' }).click();
      await page.locator('[data-kiosk="k-main-2"]').waitFor();
      for (const k of api.kiosks as { id: string; slots: { state: string; packId: string | null }[] }[]) {
        const states = await page.locator(`[data-kiosk="${k.id}"] [data-slot]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
        expect(states).toEqual(k.slots.map((s) => s.state));
      }
      expect(await page.locator('[data-figure=ready] .value').innerText()).toBe(String(api.stock.ready));
      expect(await page.locator('[data-kiosk="k-main-1"] [data-slot="9"]').innerText()).toContain('slot fault 17');
      await page.locator('#stock-chart canvas').first().waitFor();
      await page.locator('[data-live=live]').waitFor();
      await shot(page, 'store', { readme: true });
      expect(problems).toEqual([]);
      await page.close();
    });

    it('keeps a manager out of another store\'s page and data, by URL and by API', async () => {
      const { page, problems } = await signedIn(manager, '/stores/st-other');
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').innerText()).toMatch(/does not exist, or is not one of yours/);
      await shot(page, 'other-store-refused', { fullPage: false });
      const text = await page.locator('body').innerText();
      for (const secret of ['Other Road', 'k-other', 'p-other']) expect(text).not.toContain(secret);
      for (const path of ['/v1/stores/st-other', '/v1/stores/st-other/stock-history', '/v1/kiosks/k-other', '/v1/packs/p-other', '/v1/packs/p-other/readings', '/v1/swaps?storeId=st-other', '/v1/live?storeId=st-other']) {
        expect(await api(page, path), path).toBe(404);
      }
      await page.goto(`${base}/packs/p-other`);
      await page.getByRole('alert').waitFor();
      expect(await page.locator('body').innerText()).not.toContain('LOT-');
      // Their lists hold only their own store.
      await page.goto(`${base}/stores`);
      await page.locator('tr[data-store]').first().waitFor();
      expect(await page.locator('tr[data-store]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-store')))).toEqual(['st-main']);
      expect(await page.getByRole('navigation', { name: 'Main' }).innerText()).not.toMatch(/Devices|Quarantine|Restock/);
      expect(problems).toEqual([]);
      await page.close();
    });

    it('shows a slot change a kiosk reports over MQTT within 3 s, without reloading the page', async () => {
      const { page, problems } = await signedIn(manager, '/stores/st-main');
      await page.locator('[data-live=live]').waitFor();
      const slot = page.locator('[data-kiosk="k-main-2"] [data-slot="2"]');
      expect(await slot.getAttribute('data-state')).toBe('EMPTY');
      const readyBefore = Number(await page.locator('[data-figure=ready] .value').innerText());
      await page.evaluate('window.notReloaded = true');
      const before = fleet.slots['k-main-2']!;
      const changed = before.map((s) => (s.index === 2 ? { index: 2, packId: 'p-014', socPct: 97, state: v1.SlotState.SLOT_STATE_READY } : s.index === 7 ? { index: 7 } : s));
      await fleet.report('k-main-2', changed);
      await page.locator('[data-kiosk="k-main-2"] [data-slot="2"][data-state="READY"][data-pack="p-014"]').waitFor({ timeout: 3000 });
      await page.locator('[data-kiosk="k-main-2"] [data-slot="7"][data-state="EMPTY"]').waitFor({ timeout: 3000 });
      // p-014 (91 %) moved to slot 3 and charged to 97 %: the same number of charged packs.
      expect(Number(await page.locator('[data-figure=ready] .value').innerText())).toBe(readyBefore);
      expect(await page.evaluate('window.notReloaded')).toBe(true);
      await fleet.report('k-main-2', before);
      await page.locator('[data-kiosk="k-main-2"] [data-slot="2"][data-state="EMPTY"]').waitFor({ timeout: 3000 });
      expect(problems).toEqual([]);
      await page.close();
    });

    it('ends the session at logout: the page asks to log in, and the old cookie opens nothing', async () => {
      const page = await browser.context.newPage();
      const problems = watchProblems(page);
      await browser.context.clearCookies();
      await page.goto(`${base}/stores`);
      await page.getByLabel('Email').fill(manager.email);
      await page.getByLabel('Password').fill(NEW_PASSWORD);
      await page.getByLabel('Password').press('Enter');
      await page.locator('tr[data-store="st-main"]').waitFor();
      const cookie = (await browser.context.cookies()).find((c) => c.name === 'cf_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
      expect(await page.evaluate('document.cookie')).not.toContain('cf_session');
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('heading', { name: 'Log in to chargefleet' }).waitFor();
      expect((await browser.context.cookies()).some((c) => c.name === 'cf_session')).toBe(false);
      await shot(page, 'logged-out', { fullPage: false });
      const replayed = await fetch(`${base}/v1/stores`, { headers: { cookie: `cf_session=${cookie!.value}` } });
      expect(replayed.status).toBe(401);
      await page.goto(`${base}/stores/st-main`);
      await page.getByRole('heading', { name: 'Log in to chargefleet' }).waitFor();
      expect(await api(page, '/v1/stores')).toBe(401);
      expect(problems).toEqual([]);
      await page.close();
    });

    it('shows a pack\'s charge and temperature over time and where it has been', async () => {
      const { page, problems } = await signedIn(manager, '/packs/p-cust');
      await page.locator('#pack-chart canvas').first().waitFor();
      expect(await page.locator('[data-figure=soc] .value').innerText()).toBe('14 %');
      const custody = page.locator('table.custody tbody tr');
      await custody.first().waitFor();
      expect(await custody.first().innerText()).toMatch(/with customer c-1\s+in kiosk k-main-1, slot 5/);
      await shot(page, 'pack', { readme: true });
      expect(problems).toEqual([]);
      await page.close();
    });

    it('lists the swaps at the manager\'s kiosks with the reasons in plain words', async () => {
      const { page, problems } = await signedIn(manager, '/swaps');
      await page.locator('tr[data-request="rq-denied-1"]').waitFor();
      expect(await page.locator('tr[data-request="rq-denied-1"]').innerText()).toMatch(/Denied[\s\S]*already have as many packs as your plan allows/);
      expect(await page.locator('tr[data-request="rq-return-1"]').innerText()).toMatch(/Pack released/);
      await shot(page, 'swaps', { readme: true });
      expect(problems).toEqual([]);
      await page.close();
    });

    it('gives an operator the fleet, devices (online, last seen, revoke) and the quarantine', async () => {
      const spare = await t.provision('kiosk', 'k-spare');
      const spareClient = await t.connect('k-spare', spare.password);
      const closed = new Promise<void>((r) => spareClient.once('close', () => r()));
      // A payload that is not a KioskStatus: quarantined, with its bytes.
      await fleet.kiosks['k-other']!.client.publishAsync(topics.kioskStatus('k-other'), Buffer.from('not protobuf at all \xff'), { qos: 1 });

      const { page, problems } = await signedIn(operator, '/stores');
      await page.locator('tr[data-store="st-other"]').waitFor();
      expect(await page.locator('tr[data-store]').count()).toBe(2);
      await shot(page, 'operator-stores');

      await page.getByRole('link', { name: 'Devices' }).click();
      const row = page.locator('tr[data-device="k-spare"]');
      await row.waitFor();
      expect(await row.innerText()).toMatch(/online/);
      await shot(page, 'devices', { readme: true });
      await row.getByRole('button', { name: 'Revoke k-spare' }).click();
      await row.getByRole('button', { name: 'Yes, revoke' }).click();
      await page.getByRole('status').filter({ hasText: 'k-spare is revoked' }).waitFor();
      await closed; // the kiosk was disconnected at once
      await page.locator('tr[data-device="k-spare"]').getByText('revoked').waitFor();
      expect(await page.locator('tr[data-device="k-spare"] button').count()).toBe(0);

      await page.getByRole('link', { name: 'Quarantine' }).click();
      await page.locator('table.quarantine tbody tr').first().waitFor();
      expect(await page.locator('table.quarantine').innerText()).toContain('CF_ERR_INGEST_DECODE');
      await shot(page, 'quarantine');

      // Restocking and nudges: their pages show them where this server has them, and say so where not.
      for (const [link, route, present, absent] of [['Restock', '/v1/restock/plan', 'Stores by urgency', 'Restock planning is not available'], ['Nudges', '/v1/nudges/stats', 'By day', 'Nudges are not available']] as const) {
        const exists = (await t.sys.api.inject({ url: route, headers: operator.headers })).statusCode !== 404;
        await page.getByRole('link', { name: link }).click();
        await page.getByText(exists ? present : absent).first().waitFor();
        await shot(page, link.toLowerCase());
      }
      expect(problems).toEqual([]);
      await page.close();
    });

    it('works on a phone-sized screen and by keyboard, and passes the accessibility checks', async () => {
      const phone = await launchChromium({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
      try {
        const page = await phone.context.newPage();
        const problems = watchProblems(page);
        await page.goto(`${base}/stores/st-main`);
        await page.getByLabel('Email').waitFor();
        expect(await a11yProblems(page)).toEqual([]);
        // Keyboard only: the email field, then the password, then Enter.
        // The heading has the focus after a page change (as after a full load); the next Tab is the email field.
        await page.keyboard.press('Tab');
        expect(await page.evaluate('document.activeElement.id')).toBe('email');
        await page.keyboard.type(manager.email);
        await page.keyboard.press('Tab');
        await page.keyboard.type(NEW_PASSWORD);
        await page.keyboard.press('Enter');
        await page.locator('[data-kiosk="k-main-1"]').waitFor();
        await page.locator('[data-live=live]').waitFor();
        await page.locator('#stock-chart canvas').first().waitFor();
        expect(await overflowsSideways(page)).toBe(false);
        expect(await a11yProblems(page)).toEqual([]);
        await shot(page, 'phone-store', { readme: true });
        for (const path of ['/stores', '/swaps', '/packs/p-cust', '/account']) {
          await page.goto(base + path);
          await page.locator('main h1').waitFor();
          await page.waitForLoadState('networkidle');
          expect(await overflowsSideways(page), path).toBe(false);
          expect(await a11yProblems(page), path).toEqual([]);
        }
        await shot(page, 'phone-account');
        expect(problems).toEqual([]);
      } finally {
        await phone.close();
      }
    });
  });
}
