// Webhook delivery on real parts: the system POSTs signed JSON to a real HTTP server on loopback.
// The signature verifies with the README's snippet; a 503 is retried (the clock is moved past the
// backoff, no sleeping); a restart in the middle of a retry neither loses the nudge nor sends a
// delivered one again; a gateway that never answers does not hold up ingest.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, eventually, type TestSystem } from '../helpers/system.ts';
import { ScriptedKiosk } from '../helpers/kiosk-client.ts';
import { customer, ReportingPack, STORE, TestClock, holdoutIds } from '../helpers/nudge-fixtures.ts';
import { WebhookReceiver } from '../helpers/webhook-receiver.ts';

const SECRET = 'webhook-test-secret-0123456789abcdef';
const clock = new TestClock(undefined, true);
const dataDir = mkdtempSync(join(tmpdir(), 'cf-nudge-webhook-'));
let rx: WebhookReceiver;
let t: TestSystem;
const { outside } = holdoutIds(10, 40, 'web-');
const [W1, W2, W3] = outside as [string, string, string];
const SLOW = outside.slice(3, 23);
const READY = ['r-1', 'r-2', 'r-3', 'r-4', 'r-5', 'r-6', 'r-7', 'r-8', 'r-9', 'r-10'];
const webCustomer = (id: string) => customer(id, { nudgePrefs: { consent: true, channel: 'webhook', quietHours: { startHour: 22, endHour: 7 } } });

async function start(): Promise<TestSystem> {
  const sys = await startTestSystem({ dataDir, clock, config: { nudgeWebhookUrl: rx.url, nudgeWebhookSecret: SECRET, nudgeWebhookTimeoutMs: 500, holdsMaxPerKiosk: 10 } });
  return sys;
}

beforeAll(async () => {
  rx = await WebhookReceiver.start(SECRET, () => clock.now());
  t = await start();
  const res = await t.sys.api.inject({
    method: 'POST', url: '/v1/registry/import', headers: t.admin,
    payload: {
      stores: [STORE],
      kiosks: [{ id: 'kiosk-w', storeId: STORE.id, slotCount: 12 }],
      customers: [W1, W2, W3, ...SLOW].map(webCustomer),
      packs: [
        ...READY.map((id, i) => ({ id, lot: 'L', hwRev: 'B', custody: { kind: 'slot', kioskId: 'kiosk-w', slot: i } })),
        ...[W1, W2, W3, ...SLOW].map((c) => ({ id: `p-${c}`, lot: 'L', hwRev: 'B', custody: { kind: 'customer', customerId: c } })),
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  const { password } = await t.provision('kiosk', 'kiosk-w');
  const k = await ScriptedKiosk.attach('kiosk-w', await t.connect('kiosk-w', password));
  await k.status(READY.map((packId, index) => ({ index, packId, socPct: 99 })));
}, 60_000);

afterAll(async () => {
  await t?.stop();
  await rx?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function runDown(customerId: string): Promise<ReportingPack> {
  const pack = await ReportingPack.connect(t, `p-${customerId}`, clock);
  await pack.report(95);
  clock.offsetMs += 5 * 60_000;
  await pack.report(2);
  await t.sys.nudges.settle();
  return pack;
}
const hitsFor = (nudgeId: string) => rx.hits.filter((h) => h.headers['idempotency-key'] === nudgeId);
const row = async (customerId: string) => ((await t.sys.api.inject({ url: `/v1/nudges?customerId=${customerId}&from=0`, headers: t.admin })).json().nudges as Record<string, any>[])[0]!;

describe('the signed webhook', () => {
  it('is signed, carries the nudge and an opt-out link, and is retried after a 503', async () => {
    rx.script.push({ status: 503, body: 'busy' });
    await runDown(W1);
    await t.sys.nudges.outbox.drain();
    const first = await row(W1);
    expect(first).toMatchObject({ outcome: 'sent', channel: 'webhook', delivery: 'pending', attempts: 1 });
    expect(hitsFor(first.nudgeId).map((h) => h.status)).toEqual([503]);
    // The backoff is on the system clock: move it past the retry time instead of waiting.
    clock.offsetMs += 60_000;
    await t.sys.nudges.outbox.drain();
    expect(hitsFor(first.nudgeId).map((h) => h.status)).toEqual([503, 200]);
    expect(await row(W1)).toMatchObject({ delivery: 'delivered', attempts: 2 });
    const hit = rx.accepted.get(first.nudgeId)!;
    expect(hit.signatureValid).toBe(true);
    expect(hit.headers['content-type']).toBe('application/json');
    expect(hit.json).toMatchObject({ type: 'nudge', nudgeId: first.nudgeId, customerId: W1, packId: `p-${W1}`, packSocPct: 2, store: { id: STORE.id, name: STORE.name }, kioskId: 'kiosk-w', chargedPacks: expect.any(Number), holdExpiresAt: expect.any(String), reasons: expect.arrayContaining(['HOLD_PLACED']) });
    // The same body with a wrong secret does not verify: the receiver can tell a forgery.
    const { verifySignature } = await import('../helpers/webhook-receiver.ts');
    expect(verifySignature('not-the-secret-000000', String(hit.headers['x-chargefleet-timestamp']), String(hit.headers['x-chargefleet-signature']), hit.body, clock.now())).toBe(false);
    expect(verifySignature(SECRET, String(hit.headers['x-chargefleet-timestamp']), String(hit.headers['x-chargefleet-signature']), hit.body.replace('"packSocPct":2', '"packSocPct":3'), clock.now())).toBe(false);
    // The opt-out link in it works without a token.
    const link = new URL(String(hit.json!.optOutUrl));
    expect(link.origin).toBe(t.sys.httpUrl);
    const out = await t.sys.api.inject({ method: 'POST', url: link.pathname + link.search });
    expect(out.json()).toMatchObject({ customerId: W1, consent: false });
  });

  it('after a restart in the middle of a retry: delivered once, nothing sent twice, no second nudge', async () => {
    rx.script.push({ status: 503 });
    const pack = await runDown(W2);
    await t.sys.nudges.outbox.drain();
    const n = await row(W2);
    expect(hitsFor(n.nudgeId).map((h) => h.status)).toEqual([503]);
    const deliveredBefore = [...rx.accepted.keys()];
    expect(deliveredBefore.length).toBeGreaterThan(0);
    // Stop while the retry waits, and start again on the same data.
    await t.stop({ keepData: true });
    t = await start();
    clock.offsetMs += 60_000;
    await t.sys.nudges.outbox.drain();
    expect(hitsFor(n.nudgeId).map((h) => h.status)).toEqual([503, 200]);
    expect((await row(W2)).delivery).toBe('delivered');
    // Nothing delivered before the restart went out again.
    for (const id of deliveredBefore) expect(hitsFor(id).filter((h) => h.status === 200)).toHaveLength(1);
    // The episode survived the restart: the pack, still low, makes no second nudge.
    await pack.reconnect(t);
    clock.offsetMs += 5 * 60_000;
    await pack.report(1.5);
    await t.sys.nudges.settle();
    const rows = (await t.sys.api.inject({ url: `/v1/nudges?customerId=${W2}&from=0`, headers: t.admin })).json().nudges as { outcome: string; reason: string | null }[];
    expect(rows.map((r) => r.reason ?? r.outcome)).toEqual(['ALREADY_NUDGED_THIS_EPISODE', 'sent']);
  });

  it('keeps the link key out of the database, in a 0600 file', () => {
    const st = statSync(join(dataDir, 'secrets', 'nudge-link.key'));
    expect(st.mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'secrets')).mode & 0o777).toBe(0o700);
  });

  it('a gateway that never answers holds up neither ingest nor the decisions', async () => {
    rx.fallback = { status: 200, delayMs: 60_000 };
    try {
      const packs = await Promise.all(SLOW.map((c) => ReportingPack.connect(t, `p-${c}`, clock)));
      const before = rx.hits.length;
      // Every report() resolves on its PUBACK: the readings are durable while webhook requests hang.
      for (let round = 0; round < 5; round++) {
        await Promise.all(packs.map((p) => p.report(round === 0 ? 95 : 10 - round * 2)));
        clock.offsetMs += 5 * 60_000;
      }
      await t.sys.nudges.settle();
      // Every customer was decided while the gateway hung: a nudge with a held pack, or (the kiosk's
      // ten ready packs held up to CF_HOLDS_MAX_PER_KIOSK, one always left unheld) no stock to send to.
      const all = (await t.sys.api.inject({ url: '/v1/nudges?from=0&limit=1000', headers: t.admin })).json().nudges as { customerId: string; outcome: string; reason: string | null; hold: { packId: string } | null }[];
      const slow = all.filter((n) => SLOW.includes(n.customerId));
      const sent = slow.filter((n) => n.outcome === 'sent');
      const noStock = slow.filter((n) => n.reason === 'NO_STOCK_REACHABLE');
      expect(new Set([...sent, ...noStock].map((n) => n.customerId)).size).toBe(SLOW.length);
      expect(sent.length).toBeGreaterThanOrEqual(5);
      expect(new Set(sent.map((n) => n.hold?.packId ?? 'none')).size).toBe(sent.length);
      expect(sent.map((n) => n.hold)).not.toContain(null);
      const readings = (await t.sys.api.inject({ url: `/v1/packs/p-${SLOW[0]}/readings?from=0`, headers: t.admin })).json().readings as unknown[];
      expect(readings).toHaveLength(5);
      // The gateway did get the requests, and has answered none of them.
      await eventually(() => rx.hits.length >= before + sent.length, 5000, 'webhook requests in flight');
      const slowAccepted = [...rx.accepted.values()].filter((h) => SLOW.includes(String(h.json?.customerId)));
      expect(slowAccepted).toEqual([]);
    } finally {
      rx.fallback = { status: 200, body: '{"ok":true}' };
    }
  });
});
