// GET /v1/live over real HTTP, fed by real kiosks over MQTT: a manager's stream carries only their
// stores (by URL, by filter, and when nothing is named), a slot change reaches the stream, a report
// that changes nothing a person sees sends nothing, a stream dies with its session or token, and
// one account cannot hold the server's streams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, newSession, TWO_STORES, type Session } from '../helpers/accounts.ts';
import { ScriptedKiosk, type SlotSpec } from '../helpers/kiosk-client.ts';
import { openSse, type SseStream } from '../helpers/sse.ts';
import { eventually, startTestSystem, type TestSystem } from '../helpers/system.ts';

let t: TestSystem;
let mgr: Session;
let operator: Session;
let own: ScriptedKiosk;
let other: ScriptedKiosk;
const open: SseStream[] = [];
const MAX_STREAMS = 30;

const OWN_SLOTS: SlotSpec[] = [{ index: 0, packId: 'p-own', socPct: 97 }, { index: 1, packId: 'p-own-2', socPct: 55 }, { index: 2 }, { index: 3 }];

beforeAll(async () => {
  t = await startTestSystem({ config: { liveMaxStreams: MAX_STREAMS } });
  expect((await t.sys.api.inject({ method: 'POST', url: '/v1/registry/import', headers: ADMIN, payload: TWO_STORES })).statusCode).toBe(200);
  mgr = await newSession(t.sys.api, 'manager', ['st-own']);
  operator = await newSession(t.sys.api, 'operator');
  for (const id of ['k-own', 'k-other']) {
    const { password } = await t.provision('kiosk', id);
    const k = await ScriptedKiosk.attach(id, await t.connect(id, password));
    if (id === 'k-own') own = k;
    else other = k;
  }
  await own.status(OWN_SLOTS);
  await other.status([{ index: 0, packId: 'p-other', socPct: 96 }, { index: 1 }, { index: 2 }, { index: 3 }]);
  await eventually(() => t.sys.live.kiosk('k-own') && t.sys.live.kiosk('k-other'), 5000, 'both kiosks reported');
}, 60_000);
afterAll(async () => {
  for (const s of open) s.close();
  await t?.stop();
});

async function stream(path: string, headers: Record<string, string>): Promise<SseStream> {
  const s = await openSse(`${t.sys.httpUrl}${path}`, headers);
  open.push(s);
  return s;
}
const cookie = (s: Session) => ({ cookie: s.headers.cookie! });

describe('GET /v1/live', () => {
  it('starts with hello and a snapshot of the store: every kiosk\'s slot grid and the stock', async () => {
    const s = await stream('/v1/live?storeId=st-own', cookie(mgr));
    expect(s.status).toBe(200);
    expect(s.headers['content-type']).toMatch(/^text\/event-stream/);
    const hello = await s.next((f) => f.event === 'hello');
    expect(hello.json).toMatchObject({ storeIds: ['st-own'], detail: true, heartbeatS: 15 });
    const grid = await s.next((f) => f.event === 'kiosk');
    expect(grid.json.storeId).toBe('st-own');
    expect(grid.json.kiosk.id).toBe('k-own');
    expect(grid.json.kiosk.slots.map((x: { state: string }) => x.state)).toEqual(['READY', 'CHARGING', 'EMPTY', 'EMPTY']);
    const stock = await s.next((f) => f.event === 'stock');
    expect(stock.json).toMatchObject({ id: 'st-own', stock: { ready: 1, charging: 1, freeReturnSlots: 2 } });
    s.close();
  });

  it('sends a slot change reported over MQTT, and nothing for a report that changes nothing visible', async () => {
    const s = await stream('/v1/live?storeId=st-own', cookie(mgr));
    await s.next((f) => f.event === 'stock');
    const before = s.frames.length;
    // SoC 55 → 55.2 shows as "55 %" on the page: no frame. Then a pack arrives in slot 2.
    await own.status([OWN_SLOTS[0]!, { ...OWN_SLOTS[1]!, socPct: 55.2 }, OWN_SLOTS[2]!, OWN_SLOTS[3]!]);
    await own.status([OWN_SLOTS[0]!, { ...OWN_SLOTS[1]!, socPct: 55.2 }, { index: 2, packId: 'p-back', socPct: 94 }, OWN_SLOTS[3]!]);
    const changed = await s.next((f) => f.event === 'kiosk', 5000, before);
    expect(changed.json.kiosk.slots[2]).toMatchObject({ state: 'READY', packId: 'p-back', socPct: 94 });
    const stock = await s.next((f) => f.event === 'stock', 5000, before);
    expect(stock.json.stock).toMatchObject({ ready: 2, freeReturnSlots: 1 });
    // Exactly one grid frame and one stock frame: the invisible change made none.
    expect(s.frames.slice(before).map((f) => f.event)).toEqual(['kiosk', 'stock']);
    await own.status(OWN_SLOTS); // back as it was, for the other tests
    await s.next((f) => f.event === 'kiosk' && f.json.kiosk.slots[2].state === 'EMPTY', 5000, before);
    s.close();
  });

  it('counts a pack with disputed custody as the store page does: in its slot, marked, and not charged stock', async () => {
    const s = await stream('/v1/live?storeId=st-own', cookie(mgr));
    await s.next((f) => f.event === 'stock');
    const before = s.frames.length;
    // p-held is with customer c-1: a status alone placing it in slot 2 is a custody dispute.
    await own.status([OWN_SLOTS[0]!, OWN_SLOTS[1]!, { index: 2, packId: 'p-held', socPct: 96 }, OWN_SLOTS[3]!]);
    const grid = await s.next((f) => f.event === 'kiosk' && f.json.kiosk.slots[2].packId === 'p-held' && f.json.kiosk.slots[2].disputed === true, 10_000, before);
    expect(grid.json.kiosk.slots[2]).toMatchObject({ state: 'READY', disputed: true });
    const stock = await s.next((f) => f.event === 'stock' && f.json.stock.disputed === 1, 10_000, before);
    const page = (await t.sys.api.inject({ url: '/v1/stores/st-own', headers: mgr.headers })).json() as { stock: Record<string, number> };
    // The same figures (nextReadyAt is computed at each one's own instant).
    const { nextReadyAt: _liveAt, ...liveStock } = stock.json.stock as Record<string, unknown>;
    const { nextReadyAt: _pageAt, ...pageStock } = page.stock;
    expect(liveStock).toEqual(pageStock);
    expect(page.stock).toMatchObject({ ready: 1, disputed: 1 });
    // Back as it was, for the other tests: the kiosk reports its slots again and the dispute is dismissed.
    await own.status(OWN_SLOTS);
    const anomalies = (await t.sys.api.inject({ url: '/v1/anomalies?limit=1000', headers: ADMIN })).json() as { anomalies: { id: number; kind: string; packId: string | null; status?: string }[] };
    const dispute = anomalies.anomalies.find((a) => a.kind === 'custody_implausible' && a.packId === 'p-held' && a.status === 'open');
    expect(dispute).toBeDefined();
    expect((await t.sys.api.inject({ method: 'POST', url: `/v1/anomalies/${dispute!.id}/resolve`, headers: ADMIN, payload: { resolution: 'dismissed' } })).statusCode).toBe(200);
    s.close();
  });

  it('gives a manager only their stores: another store is 404 by filter, and a stream without one carries only theirs', async () => {
    const refused = await stream('/v1/live?storeId=st-other', cookie(mgr));
    expect(refused.status).toBe(404);
    expect(JSON.parse(refused.errorBody).error.code).toBe('CF_ERR_SHOP_NOT_FOUND');
    const mixed = await stream('/v1/live?storeId=st-own&storeId=st-other', cookie(mgr));
    expect(mixed.status).toBe(404);

    const all = await stream('/v1/live', cookie(mgr));
    expect((await all.next((f) => f.event === 'hello')).json).toMatchObject({ storeIds: ['st-own'], detail: false });
    await all.next((f) => f.event === 'stock' && f.json.id === 'st-own');
    const fleet = await stream('/v1/live', cookie(operator));
    expect((await fleet.next((f) => f.event === 'hello')).json.storeIds).toBe('all');
    const mark = fleet.frames.length;
    // The other store changes: the operator hears of it, the manager never does.
    await other.status([{ index: 0, packId: 'p-other', socPct: 96 }, { index: 1, packId: 'p-x', socPct: 99 }, { index: 2 }, { index: 3 }]);
    await fleet.next((f) => f.event === 'stock' && f.json.id === 'st-other', 5000, mark);
    await own.status([OWN_SLOTS[0]!, OWN_SLOTS[1]!, OWN_SLOTS[2]!, { index: 3, state: 4, faultCode: 9 }]);
    await all.next((f) => f.event === 'stock' && f.json.stock.outOfService === 1);
    expect(all.frames.length).toBeGreaterThan(2);
    expect(all.frames.filter((f) => f.data.includes('st-other') || f.data.includes('k-other') || f.data.includes('p-other'))).toEqual([]);
    // Kiosk grids go only to streams that asked for a store.
    expect(all.frames.filter((f) => f.event === 'kiosk')).toEqual([]);
    await own.status(OWN_SLOTS);
    for (const s of [all, fleet]) s.close();
  });

  it('needs a credential that holds stock.read', async () => {
    expect((await stream('/v1/live', {})).status).toBe(401);
    const token = (await t.sys.api.inject({ method: 'POST', url: '/v1/tokens', headers: ADMIN, payload: { kind: 'kiosk', kioskId: 'k-own', name: 'live kiosk' } })).json().token as string;
    const kiosk = await stream('/v1/live', { authorization: `Bearer ${token}` });
    expect(kiosk.status).toBe(403);
    expect((await stream('/v1/live?storeId=nope', cookie(operator))).status).toBe(404);
  });

  // That re-checking does not keep an idle session alive is in access-service.test.ts (it needs a clock to move).
  it('ends the stream when its session ends', async () => {
    const m = await newSession(t.sys.api, 'manager', ['st-own']);
    const s = await stream('/v1/live?storeId=st-own', cookie(m));
    await s.next((f) => f.event === 'stock');
    t.sys.api.live.heartbeat();
    await s.next((f) => f.event === 'ping');
    expect(s.isEnded()).toBe(false);
    expect((await t.sys.api.inject({ method: 'POST', url: '/v1/auth/logout', headers: m.headers })).statusCode).toBe(204);
    t.sys.api.live.heartbeat();
    const end = await s.next((f) => f.event === 'end');
    expect(end.json).toEqual({ reason: 'signed_out' });
    await s.ended;
  });

  it('ends a token\'s stream when the token is revoked', async () => {
    const issued = (await t.sys.api.inject({ method: 'POST', url: '/v1/tokens', headers: mgr.headers, payload: { name: 'live script' } })).json() as { token: string; tokenInfo: { id: string } };
    const s = await stream('/v1/live', { authorization: `Bearer ${issued.token}` });
    await s.next((f) => f.event === 'stock');
    expect((await t.sys.api.inject({ method: 'DELETE', url: `/v1/tokens/${issued.tokenInfo.id}`, headers: mgr.headers })).statusCode).toBe(200);
    t.sys.api.live.heartbeat();
    expect((await s.next((f) => f.event === 'end')).json.reason).toBe('signed_out');
    await s.ended;
  });

  it('caps streams per session (429) and for the whole server (503), and frees a place when one closes', async () => {
    const already = t.sys.api.live.stats().streams;
    const a = await newSession(t.sys.api, 'manager', ['st-own']);
    const b = await newSession(t.sys.api, 'manager', ['st-own']);
    const mine: SseStream[] = [];
    for (let i = 0; i < 20; i++) mine.push(await stream('/v1/live', cookie(a)));
    expect(mine.map((s) => s.status)).toEqual(Array(20).fill(200));
    const over = await stream('/v1/live', cookie(a));
    expect(over.status).toBe(429);
    expect(JSON.parse(over.errorBody).error.code).toBe('CF_ERR_LIVE_STREAM_LIMIT');
    // Fill the server to its cap with the other account.
    const theirs: SseStream[] = [];
    while (t.sys.api.live.stats().streams < MAX_STREAMS) theirs.push(await stream('/v1/live', cookie(b)));
    const full = await stream('/v1/live', cookie(b));
    expect(full.status).toBe(503);
    expect(JSON.parse(full.errorBody).error.code).toBe('CF_ERR_LIVE_BUSY');
    theirs[0]!.close();
    await eventually(() => t.sys.api.live.stats().streams < MAX_STREAMS, 5000, 'a closed stream to be forgotten');
    const again = await stream('/v1/live', cookie(b));
    expect(again.status).toBe(200);
    for (const s of [...mine, ...theirs, again]) s.close();
    await eventually(() => t.sys.api.live.stats().streams <= already, 5000, 'streams to close');
  });
});
