// Nudges end to end on real parts: packs report over real MQTT, the pipeline commits, the stream
// rule decides, the hold is placed in the kiosk's order, the ledger and outbox commit in DuckDB, and
// the customer's app receives the protobuf Nudge on its own topic. Also the suppressions, the ACL
// of a customer app, conversions by nudge id, the profile, stats, consent and the signed opt-out link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, eventually, type TestSystem } from '../helpers/system.ts';
import { ScriptedKiosk } from '../helpers/kiosk-client.ts';
import { CustomerApp, customer, holdoutIds, NEAR, ReportingPack, STORE, TestClock } from '../helpers/nudge-fixtures.ts';
import { topics } from '../../domain/topics.ts';

const clock = new TestClock();
let t: TestSystem;
let k1: ScriptedKiosk;
const { inside, outside } = holdoutIds(10, 10);
const [ANN, BOB, CAT, DAN, EVE, FAY, GUS, HAL] = outside as [string, string, string, string, string, string, string, string];
const HELD = inside[0]!;

const slot = (id: string, kioskId: string, s: number) => ({ id, lot: 'L-1', hwRev: 'B', custody: { kind: 'slot', kioskId, slot: s } });
const carried = (id: string, customerId: string) => ({ id, lot: 'L-1', hwRev: 'B', custody: { kind: 'customer', customerId } });
const READY = ['k1-a', 'k1-b', 'k1-c', 'k1-d', 'k1-e', 'k1-f', 'k1-g', 'k1-h'];

beforeAll(async () => {
  t = await startTestSystem({ clock, config: { holdsMaxPerKiosk: 6, nudgeHoldoutPct: 10, nudgeMaxPer24h: 2 } });
  const res = await t.sys.api.inject({
    method: 'POST', url: '/v1/registry/import', headers: t.admin,
    payload: {
      stores: [STORE],
      kiosks: [{ id: 'kiosk-1', storeId: STORE.id, slotCount: 12 }],
      customers: [customer(ANN), customer(BOB), customer(CAT, { nudgePrefs: { consent: false } }), customer(DAN), customer(EVE), customer(FAY), customer(GUS), customer(HAL), customer(HELD)],
      packs: [
        ...READY.map((id, i) => slot(id, 'kiosk-1', i)),
        carried('pa-1', ANN), carried('pb-1', BOB), carried('pc-1', CAT), carried('pd-1', DAN), carried('pe-1', EVE), carried('pf-1', FAY), carried('pg-1', GUS), carried('ph-1', HAL), carried('px-1', HELD),
        { id: 'pw-1', lot: 'L-1', hwRev: 'B' },
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  const { password } = await t.provision('kiosk', 'kiosk-1');
  k1 = await ScriptedKiosk.attach('kiosk-1', await t.connect('kiosk-1', password));
  await k1.status(READY.map((packId, index) => ({ index, packId, socPct: 98 })));
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

/** A customer whose pack runs from full to nearly flat: due whatever lead time the bandit drew. */
async function runDown(packId: string, at = NEAR): Promise<ReportingPack> {
  const pack = await ReportingPack.connect(t, packId, clock);
  await pack.report(95, at);
  clock.offsetMs += 5 * 60_000;
  await pack.report(2, at);
  await t.sys.nudges.settle();
  return pack;
}

const ledger = async (customerId: string) => (await t.sys.api.inject({ url: `/v1/nudges?customerId=${customerId}&from=0`, headers: t.admin })).json().nudges as Record<string, any>[];

describe('a nudge over MQTT', () => {
  it('reaches the customer app with the pack, SoC, store, distance, stock, hold and reasons', async () => {
    const app = await CustomerApp.connect(t, ANN);
    await runDown('pa-1');
    const [n] = await app.next(1);
    expect(n).toMatchObject({ packId: 'pa-1', storeId: STORE.id, storeName: STORE.name, kioskId: 'kiosk-1' });
    expect(n!.packSocPct).toBeCloseTo(2, 3);
    expect(n!.distanceM).toBeGreaterThan(250);
    expect(n!.distanceM).toBeLessThan(350);
    expect(n!.chargedPacks).toBeGreaterThanOrEqual(1);
    expect(Number(n!.holdExpiresAtMs) - clock.now()).toBeGreaterThan(25 * 60_000);
    expect(n!.reasons).toEqual(['TIME_TO_EMPTY_WITHIN_LEAD', 'NEAREST_STORE_WITH_STOCK', 'HOLD_PLACED']);
    expect(n!.text).toMatch(/^Your pack is at 2% .*Oxford Circus \(\d+ m away\) has \d+ charged packs?; one is held for you until \d\d:\d\d\.$/);
    // The ledger has it, delivered, with the hold the swap service placed.
    const rec = await eventually(async () => (await ledger(ANN)).find((r) => r.delivery === 'delivered'), 5000, 'delivery marked');
    expect(rec).toMatchObject({ nudgeId: n!.nudgeId, outcome: 'sent', reason: null, holdout: false, channel: 'mqtt', delivery: 'delivered', hold: { packId: expect.any(String) } });
    const holds = t.sys.fleet.holds(clock.now(), { customerId: ANN });
    expect(holds.map((h) => h.packId)).toEqual([rec!.hold.packId]);
    expect(READY).toContain(holds[0]!.packId);
  });

  it('sends one nudge per episode: the next low reading is logged as a repeat, not sent', async () => {
    const app = await CustomerApp.connect(t, DAN);
    const pack = await runDown('pd-1');
    await app.next(1);
    clock.offsetMs += 5 * 60_000;
    await pack.report(1.5);
    await t.sys.nudges.settle();
    const rows = await ledger(DAN);
    expect(rows.map((r) => r.reason)).toEqual(['ALREADY_NUDGED_THIS_EPISODE', null]);
    await t.sys.nudges.outbox.drain();
    expect(app.nudges).toHaveLength(1);
  });

  it('lets a customer app read only its own nudges, and never publish', async () => {
    const app = await CustomerApp.connect(t, EVE);
    // mqtt.js turns a SUBACK return code 0x80 into an error carrying the SUBACK [MQTT-3.9.3].
    await expect(app.client.subscribeAsync(topics.customerNudges(BOB), { qos: 1 })).rejects.toMatchObject({ packet: { granted: [128] } });
    await expect(app.client.subscribeAsync('fleet/v1/customers/+/nudges', { qos: 1 })).rejects.toMatchObject({ packet: { granted: [128] } });
    await expect(app.client.subscribeAsync(topics.packTelemetry('pe-1'), { qos: 1 })).rejects.toMatchObject({ packet: { granted: [128] } });
    expect(app.client.connected).toBe(true);
    const closed = new Promise<void>((resolve) => app.client.once('close', () => resolve()));
    app.client.publish(topics.customerNudges(EVE), Buffer.from('spoof'), { qos: 1 });
    await closed;
    const devices = await t.sys.api.inject({ method: 'POST', url: '/v1/devices', headers: t.admin, payload: { kind: 'customer', id: 'nobody-known' } });
    expect(devices.statusCode).toBe(404);
    expect(devices.json().error.code).toBe('CF_ERR_CUSTOMER_NOT_FOUND');
  });
});

describe('what is never sent', () => {
  it('a reading of a pack no customer carries produces no nudge', async () => {
    const before = t.sys.nudges.counters.noCustomer;
    await runDown('pw-1');
    expect(t.sys.nudges.counters.noCustomer).toBe(before + 2);
    const all = (await t.sys.api.inject({ url: '/v1/nudges?from=0&limit=1000', headers: t.admin })).json().nudges as { packId: string }[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((n) => n.packId === 'pw-1')).toEqual([]);
  });

  it('logs no-consent and holdout with their reason codes and sends neither', async () => {
    const cat = await CustomerApp.connect(t, CAT);
    const held = await CustomerApp.connect(t, HELD);
    await runDown('pc-1');
    await runDown('px-1');
    expect(await ledger(CAT)).toMatchObject([{ outcome: 'suppressed', reason: 'NO_CONSENT', holdout: false, delivery: null }]);
    expect(await ledger(HELD)).toMatchObject([{ outcome: 'suppressed', reason: 'HOLDOUT', reasons: ['HOLDOUT'], holdout: true, delivery: null, storeId: STORE.id }]);
    // Nothing was queued for delivery, so nothing can arrive.
    await t.sys.nudges.outbox.drain();
    expect(cat.nudges).toEqual([]);
    expect(held.nudges).toEqual([]);
    // A would-be nudge places no hold either.
    expect(t.sys.fleet.holds(clock.now(), { customerId: HELD })).toEqual([]);
  });

  it('sends nothing toward a store with no charged pack, and says so', async () => {
    await runDown('ph-1', { lat: 51.6, lon: -0.3 });
    expect(await ledger(HAL)).toMatchObject([{ outcome: 'suppressed', reason: 'NO_STOCK_REACHABLE', storeId: null }]);
  });
});

describe('conversions, stats and the profile', () => {
  it('attributes a swap within the window to the nudge by its id, and the profile explains what was learned', async () => {
    const app = await CustomerApp.connect(t, FAY);
    await runDown('pf-1');
    const [n] = await app.next(1);
    // Fay walks to the kiosk and swaps; the pack held for her is the one she gets.
    clock.offsetMs += 10 * 60_000;
    await k1.inserted(11, 'pf-1');
    const d = await k1.ask('req-fay-1', `tok-${FAY}`, { packId: 'pf-1', slot: 11 });
    expect(d.allowed).toBe(true);
    expect(d.packId).toBe((await ledger(FAY))[0]!.hold.packId);
    await k1.released(d.slot, d.packId, d.commandId);
    const rec = await eventually(async () => (await ledger(FAY)).find((r) => r.conversion !== null), 5000, 'conversion');
    expect(rec).toMatchObject({ nudgeId: n!.nudgeId, conversion: { kioskId: 'kiosk-1', requestId: 'req-fay-1' } });
    const swaps = (await t.sys.api.inject({ url: `/v1/swaps?customerId=${FAY}&from=0`, headers: t.admin })).json().swaps as { requestId: string; outcome: string }[];
    expect(swaps).toMatchObject([{ requestId: 'req-fay-1', outcome: 'released' }]);

    const profile = (await t.sys.api.inject({ url: `/v1/customers/${FAY}/profile`, headers: t.admin })).json();
    expect(profile.discharge.byHourOfWeek).toHaveLength(168);
    expect(profile.discharge.observedHours).toBeGreaterThan(0);
    expect(profile.visits.usualStores).toMatchObject([{ storeId: STORE.id, name: STORE.name, swaps: 1 }]);
    expect(profile.visits.swapHours).toMatchObject([{ label: 'Wed 12:00', swaps: 1 }]);
    expect(profile.leadTime.buckets.map((b: { leadMin: number }) => b.leadMin)).toEqual([30, 60, 90, 120, 180]);
    expect(profile.responses).toMatchObject({ sent: 1, converted: 1, ignored: 0 });
    expect(profile.holdout).toBe(false);
    const unknown = await t.sys.api.inject({ url: '/v1/customers/nobody/profile', headers: t.admin });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('CF_ERR_CUSTOMER_NOT_FOUND');
  });

  it('counts by day, treated and holdout apart, with suppressions by reason', async () => {
    const res = await t.sys.api.inject({ url: '/v1/nudges/stats?from=0', headers: t.admin });
    expect(res.statusCode).toBe(200);
    const { days, total } = res.json();
    const list = (await t.sys.api.inject({ url: '/v1/nudges?from=0&limit=1000', headers: t.admin })).json().nudges as { outcome: string; holdout: boolean; reason: string | null; conversion: unknown }[];
    const sent = list.filter((n) => n.outcome === 'sent' && !n.holdout).length;
    expect(sent).toBeGreaterThan(0);
    expect(total.treated.sent).toBe(sent);
    expect(total.treated.converted).toBe(list.filter((n) => n.outcome === 'sent' && n.conversion !== null).length);
    expect(total.holdout.sent).toBe(list.filter((n) => n.reason === 'HOLDOUT').length);
    expect(total.treated.suppressed.NO_CONSENT).toBe(list.filter((n) => n.reason === 'NO_CONSENT' && !n.holdout).length);
    expect(days[0].day).toBe('2026-01-14');
    const bad = await t.sys.api.inject({ url: '/v1/nudges/stats?from=tomorrow', headers: t.admin });
    expect(bad.statusCode).toBe(400);
  });
});

describe('consent', () => {
  it('refuses unknown customers and malformed bodies with clear errors', async () => {
    const post = (id: string, payload: unknown) => t.sys.api.inject({ method: 'POST', url: `/v1/customers/${id}/consent`, headers: t.admin, payload: payload as object });
    const unknown = await post('nobody', { consent: false });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'CF_ERR_CUSTOMER_NOT_FOUND']);
    for (const body of [{}, { consent: 'no' }, { consent: 'false' }, { consent: false, extra: 1 }, { consent: true, quietHours: { startHour: 25, endHour: 7 } }, { consent: true, channel: 'sms' }]) {
      const res = await post(BOB, body);
      expect([res.statusCode, res.json().error.code], JSON.stringify(body)).toEqual([400, 'CF_ERR_HTTP_BAD_REQUEST']);
    }
    const noAuth = await t.sys.api.inject({ method: 'POST', url: `/v1/customers/${BOB}/consent`, payload: { consent: false } });
    expect(noAuth.statusCode).toBe(401);
  });

  it('takes an opt-out into effect at once: the next due nudge is suppressed', async () => {
    const res = await t.sys.api.inject({ method: 'POST', url: `/v1/customers/${BOB}/consent`, headers: t.admin, payload: { consent: false } });
    expect(res.statusCode).toBe(200);
    expect(res.json().nudgePrefs).toMatchObject({ consent: false, channel: 'mqtt', quietHours: { startHour: 22, endHour: 7 } });
    await runDown('pb-1');
    expect(await ledger(BOB)).toMatchObject([{ outcome: 'suppressed', reason: 'NO_CONSENT' }]);
  });

  it('opts out through the signed link, without a bearer token; a forged or expired link does nothing', async () => {
    const url = new URL(t.sys.nudges.optOutUrl(GUS, clock.now()));
    expect(url.origin).toBe(t.sys.httpUrl);
    const path = url.pathname + url.search;
    const page = await t.sys.api.inject({ url: path });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toMatch(/<form method="post"/);
    // Looking at the page changed nothing (link scanners fetch GET).
    expect(t.sys.fleet.customer(GUS)!.nudgePrefs.consent).toBe(true);

    const forged = new URL(url);
    forged.searchParams.set('customerId', ANN);
    const other = await t.sys.api.inject({ method: 'POST', url: forged.pathname + forged.search });
    expect([other.statusCode, other.json().error.code]).toEqual([403, 'CF_ERR_NUDGE_LINK_INVALID']);
    const tampered = new URL(url);
    tampered.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 86_400));
    expect((await t.sys.api.inject({ method: 'POST', url: tampered.pathname + tampered.search })).statusCode).toBe(403);
    expect(t.sys.fleet.customer(ANN)!.nudgePrefs.consent).toBe(true);

    const done = await t.sys.api.inject({ method: 'POST', url: path });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ customerId: GUS, consent: false });
    expect(t.sys.fleet.customer(GUS)!.nudgePrefs.consent).toBe(false);
    const profile = (await t.sys.api.inject({ url: `/v1/customers/${GUS}/profile`, headers: t.admin })).json();
    expect(profile.consent).toMatchObject([{ consent: false, source: 'link' }]);

    // The page's button: a form POST from a browser, answered with a page.
    const eve = new URL(t.sys.nudges.optOutUrl(EVE, clock.now()));
    const form = await t.sys.api.inject({ method: 'POST', url: eve.pathname + eve.search, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: '' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/Nudges stopped/);
    expect(t.sys.fleet.customer(EVE)!.nudgePrefs.consent).toBe(false);

    const old = new URL(t.sys.nudges.optOutUrl(GUS, clock.now() - 31 * 86_400_000));
    const expired = await t.sys.api.inject({ method: 'POST', url: old.pathname + old.search });
    expect([expired.statusCode, expired.json().error.code]).toEqual([410, 'CF_ERR_NUDGE_LINK_EXPIRED']);
  });
});
