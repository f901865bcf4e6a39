// Real Chromium for the dashboard tests and bench: Debian's /usr/bin/chromium driven by
// playwright-core (never a downloaded browser), headless, a fresh profile each time. Also the
// accessibility checks the pages must pass, and where screenshots go.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './server-process.ts';

export const CHROMIUM = process.env.CF_CHROMIUM ?? '/usr/bin/chromium';

/** Null when Chromium can be used; otherwise why not. Under CI=true a missing Chromium throws. */
export function chromiumSkipReason(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const reason = `Chromium is not installed (no ${CHROMIUM}; \`apt-get install chromium\`, or set CF_CHROMIUM)`;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${reason}`);
  return reason;
}

/** Where a test file's screenshots go (not committed); README screenshots are copied from here by `CF_SCREENSHOTS=docs`. */
export function outputDir(name: string): string {
  const dir = join(ROOT, 'test-output', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium profile (its own --user-data-dir), headless, with nothing reaching out to the network. */
export async function launchChromium(opts: { viewport?: { width: number; height: number }; deviceScaleFactor?: number; isMobile?: boolean } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'cf-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: opts.viewport ?? { width: 1280, height: 900 },
    ...(opts.deviceScaleFactor ? { deviceScaleFactor: opts.deviceScaleFactor } : {}),
    ...(opts.isMobile ? { isMobile: true, hasTouch: true } : {}),
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Page errors, CSP refusals and console errors other than the expected failed loads (401 before login, 404 of absent optional routes). */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (/^Failed to load resource: the server responded with a status of (401|403|404)/.test(text)) return;
    problems.push(`console: ${text}`);
  });
  return problems;
}

/**
 * What an automated look can say about a page's accessibility: every control labelled, every
 * button and link named, images with alt text, one h1, the language set, and text contrast at
 * WCAG AA (4.5:1, or 3:1 for large text) against the background it is drawn on.
 */
export async function a11yProblems(page: Page): Promise<string[]> {
  return (await page.evaluate(A11Y_CHECK)) as string[];
}
const A11Y_CHECK = readFileSync(join(ROOT, 'tests', 'browser', 'a11y-check.js'), 'utf8');

/** True when the page scrolls sideways (content wider than the screen). */
export async function overflowsSideways(page: Page): Promise<boolean> {
  return (await page.evaluate('document.documentElement.scrollWidth > window.innerWidth + 1')) as boolean;
}
