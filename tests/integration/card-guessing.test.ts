// Issue 9, finding 6: a kiosk token could try 200 card tokens a second, each guess leaving a
// permanent ledger row. Real system, the kiosk's own REST token, real DuckDB.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../helpers/system.ts';

let t: TestSystem;
let offsetMs = 0;
const clock = { now: () => Date.now() + offsetMs };
let kioskAuth: { authorization: string };
const BURST = 10;

const FLEET = {
  stores: [{ id: 'store-1', name: 'S', lat: 51.5, lon: -0.1, timeZone: 'Europe/London' }],
  kiosks: [{ id: 'k1', storeId: 'store-1', slotCount: 4 }, { id: 'k2', storeId: 'store-1', slotCount: 4 }],
  customers: [{ id: 'cust-real', token: 'card-REAL-0001', status: 'active', plan: 'unlimited', planActive: true, timeZone: 'Europe/London' }],
};

async function ask(kioskId: string, customerToken: string, auth = kioskAuth): Promise<{ allowed: boolean; reasons: string[] }> {
  const res = await t.sys.api.inject({ method: 'POST', url: `/v1/kiosks/${kioskId}/swaps`, headers: auth, payload: { requestId: `r-${randomBytes(6).toString('hex')}`, customerToken } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await startTestSystem({ clock, config: { unknownCardsPerMin: 6, unknownCardsBurst: BURST } });
  expect((await t.sys.api.inject({ method: 'POST', url: '/v1/registry/import', headers: t.admin, payload: FLEET })).statusCode).toBe(200);
  const tok = await t.sys.api.inject({ method: 'POST', url: '/v1/kiosks/k1/tokens', headers: t.admin });
  kioskAuth = { authorization: `Bearer ${tok.json().token}` };
});
afterAll(async () => {
  await t?.stop();
});

describe('card guessing through a kiosk token', () => {
  it('gets a burst of unknown-card answers, then the kiosk is throttled for every card, the real one included', async () => {
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push(await ask('k1', `card-GUESS-${i}`));
    expect(answers.slice(0, BURST).map((a) => a.reasons[0])).toEqual(Array(BURST).fill('CUSTOMER_UNKNOWN'));
    expect(answers.slice(BURST).map((a) => a.reasons)).toEqual(Array(40 - BURST).fill(['KIOSK_THROTTLED']));
    // A valid card now cannot be told from an invalid one.
    expect((await ask('k1', 'card-REAL-0001')).reasons).toEqual(['KIOSK_THROTTLED']);
  });

  it('keeps the guesses out of the permanent ledger, and raises one anomaly for the burst', async () => {
    const ledger = await t.sys.api.inject({ url: '/v1/swaps?kioskId=k1&limit=1000', headers: t.admin });
    expect(ledger.json().swaps).toEqual([]);
    const anomalies = (await t.sys.api.inject({ url: '/v1/anomalies?kioskId=k1', headers: t.admin })).json().anomalies as { kind: string }[];
    expect(anomalies.filter((a) => a.kind === 'card_guessing')).toHaveLength(1);
  });

  it('throttles only that kiosk: another kiosk still recognises the real card', async () => {
    expect((await ask('k2', 'card-REAL-0001', t.admin)).reasons).not.toContain('KIOSK_THROTTLED');
    expect((await ask('k2', 'card-REAL-0001', t.admin)).reasons).not.toContain('CUSTOMER_UNKNOWN');
  });

  it('recovers at the sustained rate: one more unknown answer every 10 s', async () => {
    offsetMs += 10_500;
    expect((await ask('k1', 'card-GUESS-x')).reasons[0]).toBe('CUSTOMER_UNKNOWN');
    expect((await ask('k1', 'card-GUESS-y')).reasons).toEqual(['KIOSK_THROTTLED']);
    offsetMs += 10_500;
    const real = await ask('k1', 'card-REAL-0001');
    expect(real.reasons).not.toContain('KIOSK_THROTTLED');
    expect(real.reasons).not.toContain('CUSTOMER_UNKNOWN');
  });
});
