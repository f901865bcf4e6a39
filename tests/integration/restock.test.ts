// Restocking over real MQTT and DuckDB: scripted kiosks on the real broker, the real pipeline,
// registry and restock ledger. A plan is made; jobs are created from it and moved through
// pickup and delivery while custody is checked at every step, and the delivered packs are seen in
// slots; bad transitions are refused with nothing changed; a pack that never arrives becomes an
// anomaly; a hot pack idle in a slot gets its slot locked once; alerts are kept and streamed;
// a recall shows its progress and lists its packs as withdrawals.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Custody } from '../../domain/fleet-model.ts';
import { ADMIN_TOKEN, startTestSystem, eventually, type TestSystem } from '../helpers/system.ts';
import { ScriptedKiosk, type SlotSpec } from '../helpers/kiosk-client.ts';

let t: TestSystem;
let offsetMs = 0;
const clock = { now: () => Date.now() + offsetMs };
let ka: ScriptedKiosk;
let kb: ScriptedKiosk;

const pack = (id: string, custody: object, lot = 'L-OK') => ({ id, lot, hwRev: 'B', custody });
const FLEET = {
  stores: [
    { id: 'store-a', name: 'A', lat: 51.5, lon: -0.12, timeZone: 'Europe/London' },
    { id: 'store-b', name: 'B', lat: 51.51, lon: -0.12, timeZone: 'Europe/London' },
  ],
  kiosks: [
    { id: 'kiosk-a', storeId: 'store-a', slotCount: 12 },
    { id: 'kiosk-b', storeId: 'store-b', slotCount: 12 },
  ],
  customers: [
    { id: 'cust-1', token: 'tok-1', status: 'active', plan: 'unlimited', planActive: true, timeZone: 'Europe/London' },
    { id: 'cust-2', token: 'tok-2', status: 'active', plan: 'unlimited', planActive: true, timeZone: 'Europe/London' },
  ],
  packs: [
    ...Array.from({ length: 8 }, (_, i) => pack(`a${i}`, { kind: 'slot', kioskId: 'kiosk-a', slot: i })),
    pack('a-bad', { kind: 'slot', kioskId: 'kiosk-a', slot: 8 }, 'L-BAD'),
    pack('c-bad', { kind: 'customer', customerId: 'cust-1' }, 'L-BAD'),
    pack('w-bad', { kind: 'warehouse' }, 'L-BAD'),
    ...Array.from({ length: 20 }, (_, i) => pack(`w${i}`, { kind: 'warehouse' })),
  ],
};
const ALL = FLEET.packs.map((p) => p.id);

async function api(method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await t.sys.api.inject({ method, url, headers: t.admin, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() as Record<string, any> };
}

function custodyOf(id: string): Custody {
  const p = t.sys.fleet.pack(id);
  if (!p) throw new Error(`no pack ${id}`);
  return p.custody;
}

/** Every pack in exactly one custody, no slot with two packs. */
function expectConsistentCustody(): void {
  const slots = new Map<string, string>();
  for (const id of ALL) {
    const c = custodyOf(id);
    expect(['slot', 'customer', 'warehouse', 'in_transit', 'withdrawn', 'lost']).toContain(c.kind);
    if (c.kind !== 'slot') continue;
    const key = `${c.kioskId}/${c.slot}`;
    expect(slots.get(key), `slot ${key} holds two packs`).toBeUndefined();
    slots.set(key, id);
  }
}

/** Reports what the registry has in the kiosk, plus `extra` slots, as a cabinet that agrees would. */
async function report(k: ScriptedKiosk, extra: SlotSpec[] = []): Promise<void> {
  const by = new Map<number, SlotSpec>();
  for (const p of t.sys.fleet.packsAtKiosk(k.id)) if (p.custody.kind === 'slot') by.set(p.custody.slot, { index: p.custody.slot, packId: p.id, socPct: 100 });
  for (const s of extra) by.set(s.index, s);
  await k.status(Array.from({ length: 12 }, (_, i) => by.get(i) ?? { index: i }));
}

beforeAll(async () => {
  t = await startTestSystem({ clock, config: { restockCheckS: 3600 } });
  const res = await t.sys.api.inject({ method: 'POST', url: '/v1/registry/import', headers: t.admin, payload: FLEET });
  expect(res.statusCode, res.body).toBe(200);
  for (const id of ['kiosk-a', 'kiosk-b']) {
    const { password } = await t.provision('kiosk', id);
    const k = await ScriptedKiosk.attach(id, await t.connect(id, password));
    if (id === 'kiosk-a') ka = k;
    else kb = k;
  }
  await report(ka);
  await report(kb);
  await eventually(() => t.sys.live.kiosk('kiosk-b') !== undefined && t.sys.live.kiosk('kiosk-a') !== undefined, 5000, 'kiosk statuses');
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

describe('the plan', () => {
  it('ranks the empty store first and plans a warehouse delivery to it and the recalled pack out of the other', async () => {
    await api('POST', '/v1/recalls', { lot: 'L-BAD', reason: 'overheating cells' });
    const { status, body } = await api('GET', '/v1/restock/plan');
    expect(status).toBe(200);
    expect(body.stores.map((s: { storeId: string }) => s.storeId)).toEqual(['store-b', 'store-a']);
    const b = body.stores[0];
    expect(b).toMatchObject({ readyNow: 0, freeSlots: 12, deficit: 2, reasons: expect.arrayContaining(['BELOW_SAFETY_STOCK', 'FORECAST_FROM_FLEET_PRIOR']) });
    expect(b.forecastNext24h).toHaveLength(24);
    const toB = body.lines.filter((l: any) => l.to.kind === 'store' && l.to.storeId === 'store-b');
    expect(toB).toHaveLength(1);
    expect(toB[0]).toMatchObject({ kind: 'restock', from: { kind: 'warehouse', warehouseId: 'central' }, reasons: expect.arrayContaining(['FROM_WAREHOUSE']) });
    // The warehouse's recalled pack went out of service at the recall: it is not sent.
    expect(toB[0].packIds).not.toContain('w-bad');
    expect(toB[0].packs).toBeGreaterThanOrEqual(2);
    expect(toB[0].numbers).toMatchObject({ distanceKm: expect.any(Number), leadTimeMin: expect.any(Number) });
    const out = body.lines.filter((l: any) => l.kind === 'withdraw');
    expect(out.map((l: any) => [l.from, l.packIds, l.withdraw])).toEqual([[{ kind: 'store', storeId: 'store-a' }, ['a-bad'], { 'a-bad': 'recalled' }]]);
    // Every line rides a route (here one van may do both: the delivery, then A on the way back).
    expect(body.routes.length).toBeGreaterThanOrEqual(1);
    const routeIds = new Set(body.routes.map((r: { id: string }) => r.id));
    expect(body.lines.filter((l: { routeId: string }) => !routeIds.has(l.routeId))).toEqual([]);
  });

  it('refuses bad plan parameters with a clear code', async () => {
    const r = await api('GET', '/v1/restock/plan?horizonH=12');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('CF_ERR_RESTOCK_PARAMS_INVALID');
    const both = await api('POST', '/v1/restock/jobs', { fromPlan: true, jobs: [] });
    expect(both.body.error.code).toBe('CF_ERR_RESTOCK_PARAMS_INVALID');
    const stale = await api('POST', '/v1/restock/jobs', { fromPlan: true, lineIds: ['restock-00000000'] });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'CF_ERR_RESTOCK_LINE_STALE']);
  });

  it('shows the forecast with its accuracy field', async () => {
    const { status, body } = await api('GET', '/v1/restock/forecast?storeId=store-b');
    expect(status).toBe(200);
    expect(body.stores).toHaveLength(1);
    expect(body.stores[0]).toMatchObject({ storeId: 'store-b', profileSource: 'prior', accuracy: { wapeLastWeek: null } });
    expect(body.stores[0].next24h).toHaveLength(24);
  });
});

describe('courier jobs and custody', () => {
  let job: Record<string, any>;

  it('a job for a pack that is not where the job says is refused, and nothing is created', async () => {
    const before = (await api('GET', '/v1/restock/jobs')).body.jobs.length;
    const r = await api('POST', '/v1/restock/jobs', { jobs: [{ from: { kind: 'store', storeId: 'store-a' }, to: { kind: 'store', storeId: 'store-b' }, packIds: ['a0', 'w1'] }] });
    expect([r.status, r.body.error.code]).toEqual([409, 'CF_ERR_RESTOCK_JOB_INVALID']);
    expect(r.body.error.details.problems.map((p: { packId: string }) => p.packId)).toEqual(['w1']);
    expect((await api('GET', '/v1/restock/jobs')).body.jobs.length).toBe(before);
    expect(custodyOf('a0')).toEqual({ kind: 'slot', kioskId: 'kiosk-a', slot: 0 });
  });

  it('turns the plan line into a job; custody does not move until pickup', async () => {
    const plan = (await api('GET', '/v1/restock/plan')).body;
    const line = plan.lines.find((l: any) => l.to.kind === 'store' && l.to.storeId === 'store-b');
    const r = await api('POST', '/v1/restock/jobs', { fromPlan: true, lineIds: [line.id] });
    expect(r.status).toBe(201);
    job = r.body.jobs[0];
    expect(job).toMatchObject({ status: 'planned', lineId: line.id, packIds: line.packIds, courierId: line.courierId });
    for (const p of job.packIds) expect(custodyOf(p)).toEqual({ kind: 'warehouse' });
    // The same packs cannot go in a second job.
    const again = await api('POST', '/v1/restock/jobs', { jobs: [{ from: { kind: 'warehouse' }, to: { kind: 'store', storeId: 'store-a' }, packIds: [job.packIds[0]] }] });
    expect(again.body.error.code).toBe('CF_ERR_RESTOCK_JOB_INVALID');
    expectConsistentCustody();
  });

  it('cannot deliver before pickup, nor pick up twice', async () => {
    const early = await api('POST', `/v1/restock/jobs/${job.id}/deliver`);
    expect([early.status, early.body.error.code]).toEqual([409, 'CF_ERR_RESTOCK_JOB_TRANSITION']);
    const up = await api('POST', `/v1/restock/jobs/${job.id}/pickup`);
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ status: 'picked_up', carried: job.packIds });
    for (const p of job.packIds) expect(custodyOf(p)).toEqual({ kind: 'in_transit', to: 'store-b' });
    const twice = await api('POST', `/v1/restock/jobs/${job.id}/pickup`);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'CF_ERR_RESTOCK_JOB_TRANSITION']);
    expect(twice.body.error.message).toMatch(/already picked up/);
    expectConsistentCustody();
  });

  it('delivered: the packs are in the store’s back room; seen in a slot, custody moves there and the job marks them arrived', async () => {
    const d = await api('POST', `/v1/restock/jobs/${job.id}/deliver`);
    expect(d.body.status).toBe('delivered');
    for (const p of job.packIds) expect(custodyOf(p)).toEqual({ kind: 'warehouse', warehouseId: 'store-b' });
    expectConsistentCustody();
    // Staff load them; the kiosk reports them in its slots.
    await report(kb, job.packIds.map((p: string, i: number) => ({ index: i, packId: p, socPct: 100 })));
    expect(job.packIds.length).toBeGreaterThan(0); // .every below is vacuous over nothing
    await eventually(() => job.packIds.every((p: string) => custodyOf(p).kind === 'slot'), 5000, 'packs in slots');
    const after = await eventually(async () => {
      const j = (await api('GET', `/v1/restock/jobs/${job.id}`)).body;
      return Object.keys(j.arrived).length === job.packIds.length ? j : null;
    }, 5000, 'arrivals recorded');
    expect(after.events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'picked_up', 'delivered', ...job.packIds.map(() => 'pack_arrived')]);
    expectConsistentCustody();
  });

  it('a cancelled job cannot be delivered (or picked up)', async () => {
    const r = await api('POST', '/v1/restock/jobs', { jobs: [{ from: { kind: 'warehouse' }, to: { kind: 'store', storeId: 'store-a' }, count: 1 }] });
    const j = r.body.jobs[0];
    expect((await api('POST', `/v1/restock/jobs/${j.id}/cancel`, { reason: 'van broke down' })).body.status).toBe('cancelled');
    const d = await api('POST', `/v1/restock/jobs/${j.id}/deliver`);
    expect([d.status, d.body.error.code]).toEqual([409, 'CF_ERR_RESTOCK_JOB_TRANSITION']);
    expect(d.body.error.message).toMatch(/cancelled/);
    expect((await api('POST', `/v1/restock/jobs/${j.id}/pickup`)).body.error.code).toBe('CF_ERR_RESTOCK_JOB_TRANSITION');
    expect(custodyOf(j.packIds[0])).toEqual({ kind: 'warehouse' });
  });

  it('a pack that never arrives becomes an anomaly after the deadline, and is lost', async () => {
    const free = ALL.filter((p) => custodyOf(p).kind === 'warehouse' && !custodyOf(p).hasOwnProperty('warehouseId') && p !== 'w-bad');
    expect(free.length).toBeGreaterThanOrEqual(2);
    const r = await api('POST', '/v1/restock/jobs', { jobs: [{ from: { kind: 'warehouse' }, to: { kind: 'store', storeId: 'store-a' }, packIds: free.slice(0, 2) }] });
    const j = r.body.jobs[0];
    await api('POST', `/v1/restock/jobs/${j.id}/pickup`);
    // The courier drops only one of the two.
    const d = await api('POST', `/v1/restock/jobs/${j.id}/deliver`, { packIds: [free[0]] });
    expect(d.body.status).toBe('delivered');
    expect(custodyOf(free[1]!)).toEqual({ kind: 'in_transit', to: 'store-a' });
    // Before the deadline, nothing happens; after it, the missing pack is lost with an anomaly and an alert.
    await t.sys.restock.check();
    expect(custodyOf(free[1]!).kind).toBe('in_transit');
    offsetMs += Date.parse(j.deadline) - clock.now() + 60_000;
    await t.sys.restock.check();
    expect(custodyOf(free[1]!)).toEqual({ kind: 'lost' });
    const anomalies = await t.sys.fleet.listAnomalies(10);
    expect(anomalies.find((a) => a.kind === 'restock_pack_missing')).toMatchObject({ packId: free[1] });
    const job2 = (await api('GET', `/v1/restock/jobs/${j.id}`)).body;
    expect(job2.missing).toEqual([free[1]]);
    await t.sys.restock.alerts.drain();
    const alerts = (await api('GET', '/v1/alerts?kind=PACK_NOT_DELIVERED')).body.alerts;
    expect(alerts.map((a: { packId: string }) => a.packId)).toEqual([free[1]]);
    expectConsistentCustody();
  });
});

describe('alerts', () => {
  it('a hot pack idle in a slot: the slot is locked, the pack flagged, one alert, streamed — once per episode', async () => {
    const url = `${t.sys.httpUrl}/v1/alerts/stream`;
    const ac = new AbortController();
    const res = await fetch(url, { headers: t.admin, signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const received = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += new TextDecoder().decode(value);
        if (/event: alert\n[^\n]*HOT_PACK_IDLE/.test(text)) return;
      }
    })();
    await report(ka, [{ index: 3, packId: 'a3', socPct: 100, tempC: 52 }]);
    const lock = await eventually(() => ka.commands.find((c) => c.lock?.slot === 3), 5000, 'lock command');
    expect(lock.lock?.reason).toBe('hot_idle');
    await eventually(() => t.sys.fleet.pack('a3')?.flag === 'unsafe', 5000, 'flag');
    await received;
    ac.abort();
    expect(text).toMatch(/"packId":"a3"/);
    // Still hot at the next report: the same episode, no second command or alert.
    await report(ka, [{ index: 3, packId: 'a3', socPct: 100, tempC: 55 }]);
    await t.sys.pipeline.flush();
    await t.sys.restock.alerts.drain();
    expect(ka.commands.filter((c) => c.lock?.slot === 3)).toHaveLength(1);
    const hot = (await api('GET', '/v1/alerts?kind=HOT_PACK_IDLE')).body.alerts;
    expect(hot).toHaveLength(1);
    expect(hot[0]).toMatchObject({ subject: 'a3', storeId: 'store-a', resolvedAt: null, details: { kioskId: 'kiosk-a', slot: 3 } });
    // The flagged pack is now a withdrawal, at its store.
    const w = (await api('GET', '/v1/withdrawals?storeId=store-a')).body.withdrawals.find((x: { packId: string }) => x.packId === 'a3');
    expect(w).toMatchObject({ reason: 'unsafe', custody: { kind: 'slot', kioskId: 'kiosk-a', slot: 3 } });
  });

  it('a store projected to run out within CF_RESTOCK_ALERT_H raises STOCK_OUT_SOON', async () => {
    // Its packs are charging (20 %): customers asking are demand the store cannot serve, twelve in an hour.
    const atB = t.sys.fleet.packsAtKiosk('kiosk-b').flatMap((p) => (p.custody.kind === 'slot' ? [{ index: p.custody.slot, packId: p.id, socPct: 20 }] : []));
    expect(atB.length).toBeGreaterThan(0);
    await report(kb, atB);
    await eventually(() => t.sys.live.kiosk('kiosk-b')?.reading.slots.find((x) => x.packId === atB[0]!.packId)?.socPct === 20, 5000, 'charging status');
    offsetMs += 3_600_000;
    for (let i = 0; i < 12; i++) {
      const d = await kb.ask(`want-${i}`, i % 2 ? 'tok-1' : 'tok-2');
      expect(d.allowed).toBe(false);
    }
    offsetMs += 3_600_000;
    await t.sys.restock.check();
    await t.sys.restock.alerts.drain();
    const a = (await api('GET', '/v1/alerts?kind=STOCK_OUT_SOON&storeId=store-b')).body.alerts;
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ reasons: expect.arrayContaining(['STOCK_OUT_PROJECTED']), resolvedAt: null });
  });
});

describe('recall progress and withdrawals', () => {
  it('shows where every pack of the lot is, flags those with customers, and lists them as withdrawals', async () => {
    const { status, body } = await api('GET', '/v1/recalls/L-BAD');
    expect(status).toBe(200);
    expect(body).toMatchObject({ lot: 'L-BAD', packs: 3, withdrawn: 1, withCustomers: 1, flaggedWithCustomers: 1, inKiosks: 1, lost: 0 });
    expect(t.sys.fleet.pack('c-bad')?.flag).toBe('recalled');
    expect(custodyOf('w-bad')).toEqual({ kind: 'withdrawn', reason: 'recalled' });
    const w = (await api('GET', '/v1/withdrawals?reason=recalled')).body;
    expect(w.withdrawals.map((x: { packId: string }) => x.packId).sort()).toEqual(['a-bad', 'c-bad']);
    expect(w.withdrawals.find((x: any) => x.packId === 'c-bad')).toMatchObject({ custody: { kind: 'customer', customerId: 'cust-1' }, storeId: null, flag: 'recalled' });
    expect((await api('GET', '/v1/recalls/NOPE')).body.error.code).toBe('CF_ERR_RECALL_NOT_FOUND');
  });
});

describe('chargefleet restock plan', () => {
  const run = (args: string[]) =>
    new Promise<{ code: number; out: string; err: string }>((resolve) => {
      execFile(process.execPath, [fileURLToPath(new URL('../../bin/chargefleet.js', import.meta.url)), 'restock', 'plan', '--api', t.sys.httpUrl, '--token', ADMIN_TOKEN, ...args], { env: { ...process.env, CF_ADMIN_TOKEN: '' } }, (err, out, errOut) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out, err: errOut }));
    });

  it('prints the stores by urgency and the lines, and --commit creates the jobs', async () => {
    const shown = await run([]);
    expect(shown.code, shown.err).toBe(0);
    expect(shown.out).toMatch(/^restock plan at .* stores short, \d+ trips moving \d+ packs/);
    expect(shown.out).toMatch(/RANK\tSTORE\tREADY\tCHARGING\tFREE\tRUNS OUT\tSLOTS FULL\tNEEDS\tWHY/);
    expect(shown.out).toMatch(/\n1\tstore-b\t/);
    const before = (await api('GET', '/v1/restock/jobs?status=planned')).body.jobs.length;
    const committed = await run(['--commit']);
    expect(committed.code, committed.err).toBe(0);
    const created = Number(/created (\d+) courier job/.exec(committed.out)?.[1]);
    expect(created).toBeGreaterThan(0);
    expect((await api('GET', '/v1/restock/jobs?status=planned')).body.jobs.length).toBe(before + created);
    // Checked before any request, like the other commands' numbers (the API's own check is above).
    const bad = await run(['--horizon', '99']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--horizon must be at most 48, got 99/);
  }, 60_000);
});

describe('custody disputes', () => {
  it('a pack under a custody dispute is neither planned, nor picked for a job, nor accepted by name; once dismissed it is again', async () => {
    // Fresh packs on the central warehouse's shelf (the plan's jobs above took the others).
    const fresh = ['wd-0', 'wd-1', 'wd-2'];
    const imported = await api('POST', '/v1/registry/import', { packs: fresh.map((id) => pack(id, { kind: 'warehouse' })) });
    expect(imported.status).toBe(200);
    // Central-warehouse packs in no open job, in the order a `count` job picks them (all full: by id).
    const open = [...(await api('GET', '/v1/restock/jobs?status=planned&limit=1000')).body.jobs, ...(await api('GET', '/v1/restock/jobs?status=picked_up&limit=1000')).body.jobs];
    const busy = new Set(open.flatMap((j: { packIds: string[]; carried: string[] }) => [...j.packIds, ...j.carried]));
    const shelf = [...ALL, ...fresh].filter((p) => { const c = custodyOf(p); return c.kind === 'warehouse' && c.warehouseId === undefined && !busy.has(p); }).sort();
    expect(shelf.length).toBeGreaterThanOrEqual(2);
    const disputed = shelf[0]!;
    // Kiosk B claims the central warehouse's pack in a free slot: implausible, so a dispute, not a move.
    const used = new Set(t.sys.fleet.packsAtKiosk('kiosk-b').flatMap((p) => (p.custody.kind === 'slot' ? [p.custody.slot] : [])));
    const free = [11, 10, 9, 8].find((i) => !used.has(i))!;
    await report(kb, [{ index: free, packId: disputed, socPct: 100 }]);
    await eventually(() => t.sys.placement.isBlocked(disputed), 5000, 'the dispute');
    expect(custodyOf(disputed)).toEqual({ kind: 'warehouse' });

    // The plan does not count on it: not on the warehouse's shelf, in no line.
    const stock = (at: number) => t.sys.restock.inputs.warehouses(at, t.sys.fleet.packs(), [])[0]!.stock.map((s) => s.packId);
    expect(stock(clock.now())).not.toContain(disputed);
    expect(stock(clock.now())).toContain(shelf[1]);
    const plan = (await api('GET', '/v1/restock/plan')).body;
    expect(plan.lines.flatMap((l: { packIds: string[] }) => l.packIds)).not.toContain(disputed);
    // A `count` job takes the next pack; a job naming it is refused, nothing created.
    const byCount = await api('POST', '/v1/restock/jobs', { jobs: [{ from: { kind: 'warehouse' }, to: { kind: 'store', storeId: 'store-a' }, count: 1 }] });
    expect(byCount.status).toBe(201);
    expect(byCount.body.jobs[0].packIds).toEqual([shelf[1]]);
    await api('POST', `/v1/restock/jobs/${byCount.body.jobs[0].id}/cancel`);
    const byName = await api('POST', '/v1/restock/jobs', { jobs: [{ from: { kind: 'warehouse' }, to: { kind: 'store', storeId: 'store-a' }, packIds: [disputed] }] });
    expect([byName.status, byName.body.error.code]).toEqual([409, 'CF_ERR_RESTOCK_JOB_INVALID']);
    expect(byName.body.error.details.problems).toEqual([expect.objectContaining({ packId: disputed, problem: expect.stringMatching(/custody is disputed/) })]);

    // The kiosk stops claiming it and the operator dismisses the dispute: the pack is picked again.
    await report(kb);
    const anomalies = (await api('GET', '/v1/anomalies?limit=1000')).body.anomalies as { id: number; kind: string; packId: string; status?: string }[];
    const dispute = anomalies.find((a) => a.kind === 'custody_implausible' && a.packId === disputed && a.status === 'open');
    expect(dispute, JSON.stringify(anomalies)).toBeDefined();
    expect((await api('POST', `/v1/anomalies/${dispute!.id}/resolve`, { resolution: 'dismissed' })).status).toBe(200);
    expect(t.sys.placement.isBlocked(disputed)).toBe(false);
    const again = await api('POST', '/v1/restock/jobs', { jobs: [{ from: { kind: 'warehouse' }, to: { kind: 'store', storeId: 'store-a' }, count: 1 }] });
    expect(again.body.jobs[0].packIds).toEqual([disputed]);
    await api('POST', `/v1/restock/jobs/${again.body.jobs[0].id}/cancel`);
  });
});
