// `npm run bench -- dashboard`: the store manager's dashboard in real Chromium, with 1,000 stores
// (more with --stores) in the registry beside the small lifelike fleet of the browser tests.
//   1. First load of the store page: navigation to the slot grid on screen, and to the live stream
//      connected; the first load with an empty browser cache, then the median of the others. Also
//      the operator's stores list (every store).
//   2. A slot change to the page: a scripted kiosk publishes a status over MQTT (QoS 1) and the
//      page's own MutationObserver notes when the slot shows its new state (both clocks are this
//      machine's wall clock). Target ≤ 3 s end to end; also the PUBACK alone.
//   3. 1,000 open live-update streams (--streams), each with its own bearer token and store, held
//      by a child process: the server's heap and RSS per stream (after a GC, in this process, which
//      runs the server), the server's CPU while they sit idle (sweep and heartbeat), the slot change
//      again with them open, and the heap after they close (nothing left behind).
// Flags: --stores N (1000), --streams N (1000), --loads N (6), --changes N (20), --idle-s S (20).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { v1 } from '../proto/codec.ts';
import { ADMIN, newSession } from '../tests/helpers/accounts.ts';
import { chromiumSkipReason, launchChromium, type Browser } from '../tests/helpers/browser.ts';
import { seedDashboardFleet } from '../tests/helpers/dashboard-fleet.ts';
import type { SlotSpec } from '../tests/helpers/kiosk-client.ts';
import { eventually, startTestSystem, type TestSystem } from '../tests/helpers/system.ts';
import { machineBusyMs, onExit, selfCpuMs, stopChild } from './child-processes.ts';
import { forkChild } from './ipc-child.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const out = (s: string) => process.stdout.write(s + '\n');
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (n: number) => `${Math.round(n).toLocaleString('en')} ms`;
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

/** CPU of other processes (not this one) over `fn`, in % of one core: the machine's load beside a figure. */
async function withOthers<T>(fn: () => Promise<T>): Promise<{ value: T; othersPct: number; selfPct: number }> {
  const m0 = machineBusyMs();
  const s0 = selfCpuMs();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const self = selfCpuMs() - s0;
  return { value, othersPct: Math.round(Math.max(0, (machineBusyMs() - m0 - self) / wallMs) * 100), selfPct: Math.round((self / wallMs) * 100) };
}

function heap(): { heapUsed: number; rss: number; external: number } {
  gc();
  gc();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss, external: m.external + m.arrayBuffers };
}

/** The bulk stores: `n` stores of two 12-slot kiosks each (registry only: their kiosks never connect). */
function bulkFleet(n: number) {
  const id = (i: number) => `st-b${String(i).padStart(4, '0')}`;
  return {
    stores: Array.from({ length: n }, (_, i) => ({ id: id(i), name: `Store ${i}`, lat: 51 + (i % 100) / 100, lon: -1 + Math.floor(i / 100) / 100, timeZone: 'Europe/London' })),
    kiosks: Array.from({ length: n * 2 }, (_, k) => ({ id: `k-b${String(k).padStart(5, '0')}`, storeId: id(Math.floor(k / 2)), slotCount: 12 })),
    customers: [],
    packs: [],
    ids: Array.from({ length: n }, (_, i) => id(i)),
  };
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { stores: { type: 'string' }, streams: { type: 'string' }, loads: { type: 'string' }, changes: { type: 'string' }, 'idle-s': { type: 'string' } } });
  const storeCount = Number(values.stores ?? 1000);
  const streamCount = Number(values.streams ?? 1000);
  const loads = Math.max(2, Number(values.loads ?? 6));
  const changes = Math.max(2, Number(values.changes ?? 20));
  const idleS = Number(values['idle-s'] ?? 20);
  const skip = chromiumSkipReason();
  if (skip) {
    out(`dashboard bench needs Chromium: ${skip}`);
    return 1;
  }
  if (streamCount > storeCount) {
    out('--streams may not exceed --stores (each stream watches its own store)');
    return 2;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'cf-bench-dashboard-'));
  onExit(() => rmSync(dataDir, { recursive: true, force: true }));
  let t: TestSystem | null = null;
  let browser: Browser | null = null;
  try {
    const quiet = await withOthers(() => sleep(2000));
    out(`dashboard bench: ${storeCount.toLocaleString('en')} bulk stores + the browser tests' fleet; ${streamCount.toLocaleString('en')} streams; Chromium ${process.env.CF_CHROMIUM ?? '/usr/bin/chromium'}`);
    out(`   machine before the run: others ${quiet.othersPct} % of a core (2 cores in all)`);
    t = await startTestSystem({ dataDir });
    const sys = t.sys;
    const fleet = await seedDashboardFleet(t, { history: true });
    const bulk = bulkFleet(storeCount);
    const imported = await sys.api.inject({ method: 'POST', url: '/v1/registry/import', headers: ADMIN, payload: { stores: bulk.stores, kiosks: bulk.kiosks, customers: bulk.customers, packs: bulk.packs } });
    if (imported.statusCode !== 200) throw new Error(`bulk import: ${imported.statusCode} ${imported.body.slice(0, 300)}`);
    const registryStores = (await sys.api.inject({ method: 'GET', url: '/v1/stores', headers: ADMIN })).json() as { stores: unknown[] };
    out(`   registry: ${registryStores.stores.length.toLocaleString('en')} stores`);
    const manager = await newSession(sys.api, 'manager', ['st-main']);
    const operator = await newSession(sys.api, 'operator');
    const base = sys.httpUrl;
    browser = await launchChromium();
    const ctx = browser.context;
    const signIn = async (s: { secret: string; csrf: string }) => {
      await ctx.clearCookies();
      await ctx.addCookies([{ name: 'cf_session', value: s.secret, url: base, httpOnly: true, sameSite: 'Strict' }, { name: 'cf_csrf', value: s.csrf, url: base, sameSite: 'Strict' }]);
    };

    // 1. First loads.
    out('');
    out(`1. first load of the store page (manager, 2 kiosks of 12 slots; ${loads} loads, the first with an empty cache)`);
    await signIn(manager);
    const loadOnce = async (path: string, ready: string) => {
      const page = await ctx.newPage();
      const t0 = performance.now();
      await page.goto(base + path, { waitUntil: 'commit' });
      await page.locator(ready).first().waitFor({ timeout: 30_000 });
      const shown = performance.now() - t0;
      await page.locator('[data-live=live]').waitFor({ timeout: 30_000 });
      const live = performance.now() - t0;
      await page.close();
      return { shown, live };
    };
    const storeLoads = await withOthers(async () => {
      const r = [];
      for (let i = 0; i < loads; i++) r.push(await loadOnce('/stores/st-main', '[data-kiosk="k-main-2"] [data-slot="11"]'));
      return r;
    });
    const warm = storeLoads.value.slice(1);
    out(`   cold cache:     slot grid on screen ${ms(storeLoads.value[0]!.shown)}, live stream connected ${ms(storeLoads.value[0]!.live)}`);
    out(`   warm (median of ${warm.length}): slot grid on screen ${ms(median(warm.map((x) => x.shown)))}, live ${ms(median(warm.map((x) => x.live)))}   (others ${storeLoads.othersPct} % of a core; this process, the server, ${storeLoads.selfPct} %)`);
    await signIn(operator);
    const listLoads = await withOthers(async () => {
      const r = [];
      for (let i = 0; i < 3; i++) r.push(await loadOnce('/stores', 'tr[data-store]'));
      return r;
    });
    out(`   operator's stores list (${registryStores.stores.length.toLocaleString('en')} stores, the first 100 rows drawn): median of 3: on screen ${ms(median(listLoads.value.map((x) => x.shown)))}, live ${ms(median(listLoads.value.map((x) => x.live)))}   (others ${listLoads.othersPct} %)`);

    // 2. Slot changes to the open page.
    await signIn(manager);
    const page = await ctx.newPage();
    await page.goto(`${base}/stores/st-main`);
    await page.locator('[data-live=live]').waitFor({ timeout: 30_000 });
    await page.evaluate(`window.__when = (sel) => new Promise((resolve) => {
      const check = () => { if (document.querySelector(sel)) { obs.disconnect(); resolve(Date.now()); return true; } return false; };
      const obs = new MutationObserver(check);
      if (!check()) obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    })`);
    const original = fleet.slots['k-main-2']!;
    const moved: SlotSpec[] = original.map((s) => (s.index === 3 ? { index: 3, packId: 'p-014', socPct: 95, state: v1.SlotState.SLOT_STATE_READY } : s.index === 7 ? { index: 7 } : s));
    let flip = 0;
    const slotChanges = async (n: number) => {
      const e2e: number[] = [];
      const ack: number[] = [];
      for (let i = 0; i < n; i++) {
        const toMoved = flip++ % 2 === 0;
        const sel = `[data-kiosk="k-main-2"] [data-slot="3"][data-state="${toMoved ? 'READY' : 'EMPTY'}"]`;
        await page.evaluate(`void (window.__seen = window.__when(${JSON.stringify(sel)}))`);
        const t0 = Date.now();
        await fleet.report('k-main-2', toMoved ? moved : original);
        ack.push(Date.now() - t0);
        const seenAt = (await Promise.race([page.evaluate('window.__seen'), sleep(10_000).then(() => null)])) as number | null;
        if (seenAt === null) throw new Error('a slot change did not reach the page within 10 s');
        e2e.push(seenAt - t0);
        await sleep(100);
      }
      return { e2e, ack };
    };
    const printChanges = (label: string, r: { value: { e2e: number[]; ack: number[] }; othersPct: number }) => {
      const { e2e, ack } = r.value;
      out(`   ${label}: p50 ${ms(median(e2e))}, p90 ${ms(pct(e2e, 90))}, max ${ms(Math.max(...e2e))} (target ≤ 3,000 ms: ${Math.max(...e2e) <= 3000 ? 'met' : 'NOT MET'}); PUBACK alone p50 ${ms(median(ack))}   (${e2e.length} changes; others ${r.othersPct} % of a core)`);
    };
    out('');
    out('2. a slot change over MQTT to the open store page (publish → slot shows its new state; the server coalesces a store\'s changes for 200 ms)');
    printChanges('alone', await withOthers(() => slotChanges(changes)));

    // 3. 1,000 open streams.
    out('');
    out(`3. ${streamCount.toLocaleString('en')} open live-update streams (each its own token and store; held by a child process)`);
    const perManager = 10;
    const tokens: { token: string; storeId: string }[] = [];
    const tMade = performance.now();
    for (let m = 0; m * perManager < streamCount; m++) {
      const storeIds = bulk.ids.slice(m * perManager, Math.min(streamCount, (m + 1) * perManager));
      const u = await sys.api.inject({ method: 'POST', url: '/v1/users', headers: ADMIN, payload: { email: `bench-${m}@example.com`, role: 'manager', storeIds } });
      if (u.statusCode !== 201) throw new Error(`user: ${u.statusCode} ${u.body}`);
      const userId = (u.json() as { user: { id: string } }).user.id;
      for (const storeId of storeIds) {
        const tk = await sys.api.inject({ method: 'POST', url: '/v1/tokens', headers: ADMIN, payload: { name: `page ${storeId}`, userId } });
        if (tk.statusCode !== 201) throw new Error(`token: ${tk.statusCode} ${tk.body}`);
        tokens.push({ token: (tk.json() as { token: string }).token, storeId });
      }
    }
    out(`   made ${Math.ceil(streamCount / perManager)} managers (${perManager} stores each) and ${tokens.length.toLocaleString('en')} API tokens in ${ms(performance.now() - tMade)}`);
    const idleCpu = async (s: number) => {
      const c0 = selfCpuMs();
      const w0 = performance.now();
      const r = await withOthers(() => sleep(s * 1000));
      return { pct: ((selfCpuMs() - c0) / (performance.now() - w0)) * 100, othersPct: r.othersPct };
    };
    const before = heap();
    const idleBefore = await idleCpu(Math.min(idleS, 10));
    const streamsBefore = sys.api.live.stats().streams;
    const clients = forkChild(fileURLToPath(new URL('./sse-clients.ts', import.meta.url)), [], { name: 'sse-clients' });
    await clients.once('ready', 30_000);
    const tOpen = performance.now();
    const opened = await clients.request<{ open: number; failed: number; errors: string[] }>('open', { url: base, streams: tokens, concurrency: 50 }, 300_000);
    const openMs = performance.now() - tOpen;
    if (opened.failed > 0) throw new Error(`${opened.failed} streams failed to open: ${opened.errors.join('; ')}`);
    await eventually(() => sys.api.live.stats().streams >= streamsBefore + tokens.length, 30_000, 'every stream registered');
    await sleep(2000);
    const withStreams = heap();
    const n = tokens.length;
    out(`   opened ${opened.open.toLocaleString('en')} in ${ms(openMs)} (50 at a time); server streams now ${sys.api.live.stats().streams.toLocaleString('en')}`);
    out(`   server heap: ${mib(before.heapUsed)} → ${mib(withStreams.heapUsed)}: ${((withStreams.heapUsed - before.heapUsed) / n / 1024).toFixed(1)} KiB per stream; external+buffers ${((withStreams.external - before.external) / n / 1024).toFixed(1)} KiB per stream (RSS ${mib(before.rss)} → ${mib(withStreams.rss)}: not a per-stream figure, a GC returns pages; sockets' kernel buffers are outside both)`);
    const idleWith = await idleCpu(idleS);
    out(`   server CPU while idle (sweep every 10 s, ping every 15 s): ${idleBefore.pct.toFixed(1)} % of a core without them, ${idleWith.pct.toFixed(1)} % with them   (others ${idleBefore.othersPct} % / ${idleWith.othersPct} %)`);
    printChanges(`slot change with ${n.toLocaleString('en')} other streams open`, await withOthers(() => slotChanges(changes)));
    const clientStats = await clients.request<{ frames: number; bytes: number; ended: number; rssBytes: number }>('stats');
    out(`   the clients received ${clientStats.frames.toLocaleString('en')} frames (${mib(clientStats.bytes)}), ${clientStats.ended} streams ended by the server; client process RSS ${mib(clientStats.rssBytes)}`);
    await clients.request('close');
    await eventually(() => sys.api.live.stats().streams <= streamsBefore, 30_000, 'streams closed');
    await stopChild(clients.child);
    await sleep(1000);
    const after = heap();
    out(`   after closing them: server heap ${mib(after.heapUsed)} (${after.heapUsed - before.heapUsed >= 0 ? '+' : ''}${((after.heapUsed - before.heapUsed) / 1024).toFixed(0)} KiB against before opening)`);
    out('');
    out('Figures from one run on this machine; the "others" columns say how busy the rest of it was.');
    await page.close();
    return 0;
  } finally {
    await browser?.close();
    await t?.stop();
  }
}
