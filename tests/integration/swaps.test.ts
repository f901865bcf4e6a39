// Swap eligibility and kiosk operations over real MQTT: a scripted kiosk talks to the real broker,
// the real pipeline and the real DuckDB registry. After each scenario every pack is in exactly one
// custody and no slot holds two packs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v1 } from '../../proto/codec.ts';
import type { Custody } from '../../domain/fleet-model.ts';
import { startTestSystem, eventually, type TestSystem } from '../helpers/system.ts';
import { ScriptedKiosk } from '../helpers/kiosk-client.ts';

const R = v1.SwapReason;
let t: TestSystem;
let offsetMs = 0;
const clock = { now: () => Date.now() + offsetMs };
let k1: ScriptedKiosk;
let k2: ScriptedKiosk;

const customer = (id: string, token: string, extra: object = {}) => ({ id, token, status: 'active', plan: 'unlimited', planActive: true, timeZone: 'Europe/London', ...extra });
const slotPack = (id: string, kioskId: string, slot: number, lot = 'L-2026-01') => ({ id, lot, hwRev: 'B', custody: { kind: 'slot', kioskId, slot } });
const withCustomer = (id: string, customerId: string, lot = 'L-2026-01') => ({ id, lot, hwRev: 'B', custody: { kind: 'customer', customerId } });

const FLEET = {
  stores: [{ id: 'store-1', name: 'Oxford Street', lat: 51.515, lon: -0.142, timeZone: 'Europe/London' }],
  kiosks: [
    { id: 'kiosk-1', storeId: 'store-1', slotCount: 12 },
    { id: 'kiosk-2', storeId: 'store-1', slotCount: 4 },
    { id: 'kiosk-3', storeId: 'store-1', slotCount: 4 },
  ],
  customers: [
    customer('cust-ann', 'tok-ann'),
    customer('cust-bob', 'tok-bob'),
    customer('cust-cat', 'tok-cat'),
    customer('cust-dan', 'tok-dan', { fairUseLimitPer24h: 1 }),
    customer('cust-eve', 'tok-eve', { status: 'suspended' }),
    customer('cust-fay', 'tok-fay'),
    customer('cust-gus', 'tok-gus'),
    customer('cust-hal', 'tok-hal'),
    customer('cust-ivy', 'tok-ivy'),
    customer('cust-jon', 'tok-jon'),
    customer('cust-kim', 'tok-kim'),
  ],
  packs: [
    slotPack('p-90', 'kiosk-1', 0),
    slotPack('p-99a', 'kiosk-1', 1),
    slotPack('p-99b', 'kiosk-1', 2),
    slotPack('p-40', 'kiosk-1', 3),
    slotPack('p-bad', 'kiosk-1', 4, 'L-RECALL'),
    slotPack('p-95a', 'kiosk-1', 9),
    slotPack('p-95b', 'kiosk-1', 10),
    slotPack('p-95c', 'kiosk-1', 11),
    slotPack('p-k2', 'kiosk-2', 0),
    withCustomer('r-ann', 'cust-ann'),
    withCustomer('r-bob', 'cust-bob', 'L-RECALL'),
    withCustomer('r-dan', 'cust-dan'),
  ],
  recalls: [{ lot: 'L-RECALL', reason: 'overheating cells' }],
};

async function importFleet(doc: unknown) {
  return t.sys.api.inject({ method: 'POST', url: '/v1/registry/import', headers: t.admin, payload: doc as object });
}

const SOC: Record<string, number> = { 'p-90': 90, 'p-99a': 99, 'p-99b': 99, 'p-40': 40, 'p-bad': 100, 'p-95a': 95, 'p-95b': 95, 'p-95c': 95, 'p-k2': 97 };

/** Reports exactly what the registry says is in the kiosk, as a cabinet that agrees with it would. */
async function reportStatus(k: ScriptedKiosk, slotCount: number): Promise<void> {
  const bySlot = new Map<number, string>();
  for (const p of t.sys.fleet.packsAtKiosk(k.id)) if (p.custody.kind === 'slot') bySlot.set(p.custody.slot, p.id);
  await k.status(Array.from({ length: slotCount }, (_, index) => {
    const packId = bySlot.get(index);
    return packId ? { index, packId, socPct: SOC[packId] ?? 10 } : { index };
  }));
}

function custodyOf(packId: string): Custody {
  const p = t.sys.fleet.pack(packId);
  if (!p) throw new Error(`no pack ${packId}`);
  return p.custody;
}

/** Every pack has exactly one custody (one row, one place) and no slot holds two packs. */
function expectConsistentCustody(): void {
  const slots = new Map<string, string>();
  for (const k of t.sys.fleet.kiosks()) {
    for (const p of t.sys.fleet.packsAtKiosk(k.id)) {
      expect(p.custody.kind).toBe('slot');
      const key = p.custody.kind === 'slot' ? `${p.custody.kioskId}/${p.custody.slot}` : '';
      expect(slots.get(key), `slot ${key} holds two packs`).toBeUndefined();
      slots.set(key, p.id);
    }
  }
  const ids = FLEET.packs.map((p) => p.id);
  for (const id of ids) expect(['slot', 'customer', 'warehouse', 'in_transit', 'withdrawn', 'lost']).toContain(custodyOf(id).kind);
}

beforeAll(async () => {
  t = await startTestSystem({ clock, config: { releaseTtlS: 30 } });
  const res = await importFleet(FLEET);
  expect(res.statusCode, res.body).toBe(200);
  for (const id of ['kiosk-1', 'kiosk-2']) {
    const { password } = await t.provision('kiosk', id);
    const c = await t.connect(id, password);
    const k = await ScriptedKiosk.attach(id, c);
    if (id === 'kiosk-1') k1 = k;
    else k2 = k;
  }
  await reportStatus(k1, 12);
  await reportStatus(k2, 4);
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

describe('a full swap over MQTT', () => {
  it('takes the returned pack, releases the fullest ready pack once, and moves custody', async () => {
    // p-bad (100 %) is the fullest, but its lot is recalled: never handed out.
    await k1.inserted(5, 'r-ann', 'req-ann-1');
    await eventually(() => custodyOf('r-ann').kind === 'slot', 3000, 'returned pack in slot');
    const d = await k1.ask('req-ann-1', 'tok-ann', { packId: 'r-ann', slot: 5 });
    expect(d.allowed).toBe(true);
    expect(d.reasons).toEqual([]);
    // p-99a and p-99b tie on charge; neither has reported cycles, so the lower slot wins.
    expect(d.packId).toBe('p-99a');
    expect(d.slot).toBe(1);
    expect(d.commandId).not.toBe('');
    expect(Number(d.expiresAtMs)).toBeGreaterThan(clock.now());
    const cmd = await eventually(() => k1.releaseCommandFor('req-ann-1'), 3000, 'release command');
    expect(cmd.commandId).toBe(d.commandId);
    expect(cmd.release).toMatchObject({ slot: 1, packId: 'p-99a' });

    await k1.released(1, 'p-99a', d.commandId);
    await eventually(() => custodyOf('p-99a').kind === 'customer', 3000, 'custody to customer');
    expect(custodyOf('p-99a')).toEqual({ kind: 'customer', customerId: 'cust-ann' });
    expect(custodyOf('r-ann')).toEqual({ kind: 'slot', kioskId: 'kiosk-1', slot: 5 });
    await reportStatus(k1, 12);
    // The status agreed with the registry: nothing was corrected, nothing went missing.
    expect(custodyOf('r-ann')).toEqual({ kind: 'slot', kioskId: 'kiosk-1', slot: 5 });
    expect(t.sys.custody.counters.statusCorrections).toBe(0);

    const ledger = await t.sys.api.inject({ url: '/v1/swaps?customerId=cust-ann', headers: t.admin });
    expect(ledger.json().swaps).toEqual([expect.objectContaining({ requestId: 'req-ann-1', allowed: true, outcome: 'released', packId: 'p-99a', commandId: d.commandId })]);
    const cust = await t.sys.api.inject({ url: '/v1/customers/cust-ann', headers: t.admin });
    expect(cust.json()).toMatchObject({ id: 'cust-ann', swapsLast24h: 1, packs: [expect.objectContaining({ id: 'p-99a' })] });
    const pack = await t.sys.api.inject({ url: '/v1/packs/p-99a', headers: t.admin });
    expect(pack.json().custody).toEqual({ kind: 'customer', customerId: 'cust-ann' });
    expectConsistentCustody();
  });

  it('answers a redelivered request with the same decision and no second release command', async () => {
    const before = k1.commands.length;
    await k1.send('req-ann-1', 'tok-ann', { packId: 'r-ann', slot: 5 });
    await eventually(() => k1.decisions.filter((d) => d.requestId === 'req-ann-1').length === 2, 3000, 'second decision');
    const [a, b] = k1.decisions.filter((d) => d.requestId === 'req-ann-1');
    expect(b).toEqual(a);
    expect(k1.commands.length).toBe(before);
    expect(k1.commands.filter((c) => c.release?.requestId === 'req-ann-1')).toHaveLength(1);
    expectConsistentCustody();
  });

  it('issues a first pack to a customer who has none', async () => {
    const d = await k1.ask('req-cat-1', 'tok-cat');
    expect(d.allowed).toBe(true);
    expect(d.packId).toBe('p-99b');
    await k1.released(d.slot, d.packId, d.commandId);
    await eventually(() => custodyOf('p-99b').kind === 'customer', 3000, 'custody to cat');
    expectConsistentCustody();
  });

  it('gives the last ready pack to exactly one of two racing customers', async () => {
    // kiosk-2 has one ready pack. The racers take part in nothing else: the winner holds a pack now.
    await Promise.all([k2.send('race-hal', 'tok-hal'), k2.send('race-ivy', 'tok-ivy')]);
    const [a, b] = await Promise.all([
      eventually(() => k2.decisions.find((d) => d.requestId === 'race-hal'), 5000, 'hal'),
      eventually(() => k2.decisions.find((d) => d.requestId === 'race-ivy'), 5000, 'ivy'),
    ]);
    expect([a.allowed, b.allowed].sort()).toEqual([false, true]);
    const loser = a.allowed ? b : a;
    expect(loser.reasons).toEqual([R.SWAP_REASON_NO_READY_PACK]);
    expect(k2.commands.filter((c) => c.release)).toHaveLength(1);
    expectConsistentCustody();
  });

  it('takes back and replaces a recalled pack, and never hands one out', async () => {
    await k1.inserted(6, 'r-bob');
    const d = await k1.ask('req-bob-1', 'tok-bob', { packId: 'r-bob', slot: 6 });
    expect(d.allowed).toBe(true);
    expect(d.reasons).toEqual([R.SWAP_REASON_RETURNED_PACK_RECALLED]);
    expect(d.packId).not.toBe('p-bad');
    expect(d.packId).toBe('p-95a');
    expect(t.sys.fleet.pack('r-bob')?.flag).toBe('recalled');
    await eventually(() => custodyOf('r-bob').kind === 'slot', 3000, 'recalled pack in slot');
    expectConsistentCustody();
  });

  it('enforces the fair-use limit and refuses unknown and suspended customers with reasons', async () => {
    const first = await k1.ask('req-dan-1', 'tok-dan', { packId: 'r-dan', slot: 7 });
    expect(first.allowed).toBe(true);
    await k1.released(first.slot, first.packId, first.commandId);
    await eventually(() => custodyOf(first.packId).kind === 'customer', 3000, 'custody to dan');
    const second = await k1.ask('req-dan-2', 'tok-dan', { packId: first.packId, slot: 8 });
    expect(second.allowed).toBe(false);
    expect(second.reasons[0]).toBe(R.SWAP_REASON_FAIR_USE_EXCEEDED);
    expect(second.message.length).toBeGreaterThan(10);
    expect(second.commandId).toBe('');

    const unknown = await k1.ask('req-who', 'tok-nobody');
    expect(unknown).toMatchObject({ allowed: false, reasons: [R.SWAP_REASON_CUSTOMER_UNKNOWN] });
    const suspended = await k1.ask('req-eve', 'tok-eve');
    expect(suspended.allowed).toBe(false);
    expect(suspended.reasons[0]).toBe(R.SWAP_REASON_CUSTOMER_SUSPENDED);
    const notMine = await k1.ask('req-fay-steal', 'tok-fay', { packId: 'p-99a', slot: 8 });
    expect(notMine.reasons).toContain(R.SWAP_REASON_PACK_NOT_IN_CUSTODY);
    expectConsistentCustody();
  });
});

describe('commands that go wrong', () => {
  it('expires an unexecuted release; a late release is an anomaly and moves nothing', async () => {
    const d = await k1.ask('req-gus-exp', 'tok-gus');
    expect(d.allowed).toBe(true);
    const releasedPack = d.packId;
    offsetMs += 31_000;
    expect(await t.sys.custody.sweep()).toBeGreaterThanOrEqual(1);
    expect(t.sys.fleet.command(d.commandId)?.status).toBe('expired');
    expect(custodyOf(releasedPack)).toMatchObject({ kind: 'slot', kioskId: 'kiosk-1' });

    const anomaliesBefore = (await t.sys.fleet.listAnomalies(100)).length;
    await k1.released(d.slot, releasedPack, d.commandId);
    await eventually(async () => (await t.sys.fleet.listAnomalies(100)).length > anomaliesBefore, 3000, 'anomaly');
    const [latest] = await t.sys.fleet.listAnomalies(1);
    expect(latest).toMatchObject({ kind: 'release_after_expiry', commandId: d.commandId, packId: releasedPack });
    expect(custodyOf(releasedPack)).toMatchObject({ kind: 'slot', kioskId: 'kiosk-1' });
    const swaps = await t.sys.api.inject({ url: '/v1/swaps?kioskId=kiosk-1&limit=50', headers: t.admin });
    expect(swaps.json().swaps.find((s: { requestId: string }) => s.requestId === 'req-gus-exp')).toMatchObject({ outcome: 'expired' });
    expectConsistentCustody();
  });

  it('records a release for an unknown command as an anomaly without moving custody', async () => {
    await k1.released(0, 'p-90', 'cmd-never-issued');
    await eventually(async () => (await t.sys.fleet.listAnomalies(1))[0]?.commandId === 'cmd-never-issued', 3000, 'anomaly');
    expect(custodyOf('p-90')).toEqual({ kind: 'slot', kioskId: 'kiosk-1', slot: 0 });
    const res = await t.sys.api.inject({ url: '/v1/anomalies?kioskId=kiosk-1', headers: t.admin });
    expect(res.json().anomalies[0]).toMatchObject({ kind: 'release_unmatched', commandId: 'cmd-never-issued' });
    expectConsistentCustody();
  });

  it('a failed release leaves the pack in its slot and closes the command as failed', async () => {
    const d = await k1.ask('req-fay-fail', 'tok-fay');
    expect(d.allowed).toBe(true);
    await k1.releaseFailed(d.slot, d.packId, d.commandId, 'latch_stuck');
    await eventually(() => t.sys.fleet.command(d.commandId)?.status === 'failed', 3000, 'failed');
    expect(custodyOf(d.packId)).toMatchObject({ kind: 'slot', kioskId: 'kiosk-1', slot: d.slot });
    // The same release command id reported done later is not a second chance.
    await k1.released(d.slot, d.packId, d.commandId);
    await eventually(async () => (await t.sys.fleet.listAnomalies(1))[0]?.commandId === d.commandId, 3000, 'anomaly');
    expect(custodyOf(d.packId)).toMatchObject({ kind: 'slot' });
    expectConsistentCustody();
  });
});

describe('swaps over HTTP', () => {
  it('needs a token of that kiosk, and returns the same decision shape', async () => {
    const tok = await t.sys.api.inject({ method: 'POST', url: '/v1/kiosks/kiosk-1/tokens', headers: t.admin });
    expect(tok.statusCode).toBe(201);
    const kioskToken = tok.json().token as string;
    const other = await t.sys.api.inject({ method: 'POST', url: '/v1/kiosks/kiosk-2/swaps', headers: { authorization: `Bearer ${kioskToken}` }, payload: { requestId: 'http-1', customerToken: 'tok-cat' } });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('CF_ERR_AUTH_FORBIDDEN');
    const res = await t.sys.api.inject({ method: 'POST', url: '/v1/kiosks/kiosk-1/swaps', headers: { authorization: `Bearer ${kioskToken}` }, payload: { requestId: 'http-1', customerToken: 'tok-nobody' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ requestId: 'http-1', allowed: false, reasons: ['CUSTOMER_UNKNOWN'], outcome: 'denied' });
    expect(res.json().message).toMatch(/\w+/);
    const bad = await t.sys.api.inject({ method: 'POST', url: '/v1/kiosks/kiosk-1/swaps', headers: { authorization: `Bearer ${kioskToken}` }, payload: { requestId: '', customerToken: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(res.json().reasonTexts).toEqual([expect.stringMatching(/recognise this card/)]);
    // A kiosk token reads its own swaps only, and cannot administer.
    const kioskAuth = { authorization: `Bearer ${kioskToken}` };
    const own = await t.sys.api.inject({ url: '/v1/swaps?limit=1000', headers: kioskAuth });
    expect(own.statusCode).toBe(200);
    expect(own.json().swaps.map((s: { kioskId: string }) => s.kioskId)).toContain('kiosk-1');
    expect(new Set(own.json().swaps.map((s: { kioskId: string }) => s.kioskId))).toEqual(new Set(['kiosk-1']));
    const otherSwaps = await t.sys.api.inject({ url: '/v1/swaps?kioskId=kiosk-2', headers: kioskAuth });
    expect(otherSwaps.statusCode).toBe(403);
    for (const req of [{ url: '/v1/customers/cust-ann' }, { url: '/v1/anomalies' }, { method: 'POST', url: '/v1/recalls', payload: { lot: 'x', reason: 'y' } }] as const) {
      const denied = await t.sys.api.inject({ ...req, headers: kioskAuth });
      expect(denied.statusCode, req.url).toBe(403);
    }
  });

  it('honours a hold: the held pack goes to its customer only', async () => {
    const hold = await t.sys.api.inject({ method: 'POST', url: '/v1/holds', headers: t.admin, payload: { kioskId: 'kiosk-1', customerId: 'cust-gus', ttlS: 600 } });
    expect(hold.statusCode, hold.body).toBe(201);
    const held = hold.json().packId as string;
    const other = await k1.ask('req-cat-hold', 'tok-cat', { packId: 'p-99b', slot: 8 });
    if (other.allowed) expect(other.packId).not.toBe(held);
    const mine = await k1.ask('req-gus-hold', 'tok-gus');
    expect(mine).toMatchObject({ allowed: true, packId: held });
    expectConsistentCustody();
  });
});

describe('registry import', () => {
  it('rejects a bad file as a whole, listing every error, and changes nothing', async () => {
    const before = t.sys.fleet.stores().length;
    const res = await importFleet({
      stores: [{ id: 'store-new', name: 'New', lat: 123, lon: 0, timeZone: 'Mars/Olympus' }],
      kiosks: [{ id: 'kiosk-x', storeId: 'store-missing', slotCount: 12 }],
      packs: [{ id: 'bad id', lot: 'L', hwRev: 'A' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('CF_ERR_REGISTRY_IMPORT_INVALID');
    const errors = res.json().error.details.errors as string[];
    expect(errors.length).toBeGreaterThanOrEqual(4);
    expect(errors.join('\n')).toMatch(/lat/);
    expect(errors.join('\n')).toMatch(/Mars\/Olympus|timeZone/);
    expect(errors.join('\n')).toMatch(/store-missing/);
    expect(t.sys.fleet.stores().length).toBe(before);
    expect(t.sys.fleet.store('store-new')).toBeUndefined();
  });
});

describe('answers that must be right', () => {
  it('refuses a second pack to a customer who holds one (PACK_LIMIT_REACHED), and counts a release not yet done', async () => {
    // cust-ann took p-99a in the first swap and has returned nothing since.
    expect(t.sys.fleet.packsWithCustomer('cust-ann').map((p) => p.id)).toEqual(['p-99a']);
    const commands = k1.commands.length;
    const second = await k1.ask('req-ann-second', 'tok-ann');
    expect(second).toMatchObject({ allowed: false, reasons: [R.SWAP_REASON_PACK_LIMIT_REACHED], commandId: '' });
    expect(second.message).toMatch(/plan allows/);
    expect(k1.commands.length).toBe(commands);

    // cust-jon is promised a pack at kiosk-1; before the kiosk reports the release, a second ask elsewhere is refused too.
    const first = await k1.ask('req-jon-1', 'tok-jon');
    expect(first.allowed).toBe(true);
    expect(t.sys.fleet.packsWithCustomer('cust-jon')).toEqual([]);
    const again = await k2.ask('req-jon-2', 'tok-jon');
    expect(again.allowed).toBe(false);
    expect(again.reasons[0]).toBe(R.SWAP_REASON_PACK_LIMIT_REACHED);
    expectConsistentCustody();
  });

  it('a connected kiosk without a slot report is online in the API and KIOSK_NOT_REPORTED, not KIOSK_OFFLINE', async () => {
    const { password } = await t.provision('kiosk', 'kiosk-3');
    const k3 = await ScriptedKiosk.attach('kiosk-3', await t.connect('kiosk-3', password));
    const view = await t.sys.api.inject({ url: '/v1/kiosks/kiosk-3', headers: t.admin });
    expect(view.json()).toMatchObject({ id: 'kiosk-3', online: true, connected: true, slots: [] });
    const early = await k3.ask('req-k3-1', 'tok-kim');
    expect(early.allowed).toBe(false);
    expect(early.reasons).toEqual([R.SWAP_REASON_KIOSK_NOT_REPORTED]);
    expect(early.message).toMatch(/has not checked its slots/);
    // Once it reports (all four slots empty), the answer is about its slots.
    await k3.status([0, 1, 2, 3].map((index) => ({ index })));
    const later = await k3.ask('req-k3-2', 'tok-kim');
    expect(later.reasons).toEqual([R.SWAP_REASON_NO_READY_PACK]);
  });
});
