// The live page through a server restart, in real Chromium: it says it has lost the connection,
// reconnects by itself when the server is back (same address, same data: the session survives),
// and shows slot changes again, without a reload.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newSession } from '../helpers/accounts.ts';
import { chromiumSkipReason, launchChromium, outputDir, watchProblems, type Browser } from '../helpers/browser.ts';
import { seedDashboardFleet } from '../helpers/dashboard-fleet.ts';
import { ScriptedKiosk } from '../helpers/kiosk-client.ts';
import { startTestSystem, type TestSystem } from '../helpers/system.ts';
import { v1 } from '../../proto/codec.ts';

const skip = chromiumSkipReason();
const dataDir = mkdtempSync(join(tmpdir(), 'cf-reconnect-'));
const systems: TestSystem[] = [];
let browser: Browser | null = null;

afterAll(async () => {
  await browser?.close();
  for (const s of systems) await s.stop().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the live page across a server restart', () => {
  it.skipIf(skip !== null)(`says when the connection is lost, and reconnects by itself${skip ? ` (skipped: ${skip})` : ''}`, async () => {
    const first = await startTestSystem({ dataDir });
    systems.push(first);
    const fleet = await seedDashboardFleet(first);
    const manager = await newSession(first.sys.api, 'manager', ['st-main']);
    const base = first.sys.httpUrl;
    browser = await launchChromium();
    await browser.context.addCookies([{ name: 'cf_session', value: manager.secret, url: base, httpOnly: true, sameSite: 'Strict' }]);
    const page = await browser.context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${base}/stores/st-main`);
    await page.locator('[data-live=live]').waitFor();
    await page.evaluate('window.notReloaded = true');

    await first.stop({ keepData: true });
    await page.locator('[data-live=lost]').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('status').filter({ hasText: 'Connection lost' }).count()).toBe(1);
    await page.screenshot({ path: join(outputDir('browser'), 'connection-lost.png'), fullPage: false });

    const second = await startTestSystem({ dataDir, config: { httpPort: Number(new URL(base).port) } });
    systems.push(second);
    expect(second.sys.httpUrl).toBe(base);
    await page.locator('[data-live=live]').waitFor({ timeout: 30_000 });

    // A kiosk reporting to the restarted server: its change reaches the page that never reloaded.
    const kiosk = await ScriptedKiosk.attach('k-main-2', await second.connect('k-main-2', fleet.passwords['k-main-2']!));
    const slots = fleet.slots['k-main-2']!.map((s) => (s.index === 3 ? { index: 3, packId: 'p-014', socPct: 95, state: v1.SlotState.SLOT_STATE_READY } : s.index === 7 ? { index: 7 } : s));
    await kiosk.status(slots);
    await page.locator('[data-kiosk="k-main-2"] [data-slot="3"][data-state="READY"]').waitFor({ timeout: 5000 });
    expect(await page.evaluate('window.notReloaded')).toBe(true);
    // Failed loads while the server was down are expected; nothing else may go wrong.
    expect(problems.filter((p) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(p))).toEqual([]);
  }, 180_000);
});
