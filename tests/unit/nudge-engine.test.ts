// The nudge engine over a stream of readings and swaps: one nudge per episode (ended by a swap or
// a charge), the cap at its edge, quiet hours deferred and sent by the sweep, no stock (logged once,
// sent when stock returns), the holdout, conversions and the bandit's outcomes, and a restart.
import { describe, expect, it } from 'vitest';
import { inHoldout, type StoreOption } from '../../domain/nudge/nudge-policy.ts';
import { NudgeEngine, type NudgeCustomer, type NudgeDecision, type NudgeEngineConfig } from '../../domain/nudge/nudge-engine.ts';

const H = 3_600_000;
const MIN = 60_000;
const NOON = Date.parse('2025-01-15T12:00:00Z'); // London = UTC in January

const CONFIG: NudgeEngineConfig = { policy: 'personal', maxPer24h: 3, maxDistanceM: 3000, holdoutPct: 10, episodeResetPct: 80, conversionWindowMs: 3 * H, recheckMs: 10 * MIN };

function customerNotInHoldout(): string {
  for (let i = 0; ; i++) if (!inHoldout(`cust-${i}`, CONFIG.holdoutPct)) return `cust-${i}`;
}
function customerInHoldout(): string {
  for (let i = 0; ; i++) if (inHoldout(`cust-${i}`, CONFIG.holdoutPct)) return `cust-${i}`;
}

function setup(config: Partial<NudgeEngineConfig> = {}, id = customerNotInHoldout()) {
  const stock = { charged: 3 };
  let n = 0;
  const engine = new NudgeEngine({ ...CONFIG, ...config }, {
    options: (_c, usual) => [{ storeId: 'st-1', storeName: 'Store 1', kioskId: 'k-1', distanceM: 600, chargedPacks: stock.charged, usualRank: usual.includes('st-1') ? 0 : null } satisfies StoreOption],
  }, () => `n-${++n}`);
  const customer: NudgeCustomer = { id, timeZone: 'Europe/London', nudgePrefs: { consent: true, channel: 'mqtt', quietHours: { startHour: 22, endHour: 7 } } };
  const read = (packId: string, socPct: number, atMs: number, c: NudgeCustomer = customer): NudgeDecision | null =>
    engine.onReading(c, { packId, socPct, atMs, currentMa: 0, sohPct: 100, latE7: 515_000_000, lonE7: -1_200_000 }, atMs);
  return { engine, customer, stock, read };
}

/** A pack that starts full and is nearly flat (2 % lasts about 15 minutes: due whatever the lead). */
const FULL = 95;
const FLAT = 2;

describe('episodes', () => {
  it('nudges once per episode, logs the repeat once, and a swap starts a new episode', () => {
    const { engine, customer, read } = setup();
    expect(read('p1', FULL, NOON)).toBeNull();
    const first = read('p1', FLAT, NOON + 5 * MIN);
    expect(first).toMatchObject({ outcome: 'send', packId: 'p1', holdout: false, store: { storeId: 'st-1', chargedPacks: 3 }, reasons: ['TIME_TO_EMPTY_WITHIN_LEAD', 'NEAREST_STORE_WITH_STOCK'] });
    expect(first!.timeToEmptyMin).toBeLessThan(first!.leadMin!);
    const repeat = read('p1', FLAT - 1, NOON + 10 * MIN);
    expect(repeat).toMatchObject({ outcome: 'suppress', reason: 'ALREADY_NUDGED_THIS_EPISODE' });
    expect(read('p1', FLAT - 1.5, NOON + 15 * MIN)).toBeNull();
    // The customer swaps: the nudge converted, and the next pack is a new episode.
    expect(engine.onSwap(customer, 'st-1', NOON + 40 * MIN, 1)).toEqual({ nudgeId: first!.id, holdout: false });
    expect(read('p2', FULL, NOON + 41 * MIN)).toBeNull();
    expect(read('p2', FLAT, NOON + 2 * H)).toMatchObject({ outcome: 'send', packId: 'p2', store: { usualRank: 0 }, reasons: ['TIME_TO_EMPTY_WITHIN_LEAD', 'USUAL_STORE'] });
  });

  it('ends an episode when the pack is charged above the threshold, not below it', () => {
    const { read } = setup();
    expect(read('p1', FLAT, NOON)).toMatchObject({ outcome: 'send' });
    expect(read('p1', 79, NOON + 30 * MIN)).toBeNull();
    expect(read('p1', FLAT, NOON + 60 * MIN)).toMatchObject({ outcome: 'suppress', reason: 'ALREADY_NUDGED_THIS_EPISODE' });
    expect(read('p1', 80, NOON + 90 * MIN)).toBeNull();
    expect(read('p1', FLAT, NOON + 120 * MIN)).toMatchObject({ outcome: 'send' });
  });

  it('never nudges for a reading older than the last one it saw', () => {
    const { read } = setup();
    expect(read('p1', FULL, NOON)).toBeNull();
    expect(read('p1', FLAT, NOON - MIN)).toBeNull();
  });
});

describe('the cap per rolling 24 h', () => {
  it('holds at the cap and frees exactly 24 h after the oldest nudge', () => {
    const { engine, customer, read } = setup({ maxPer24h: 2 });
    const t0 = NOON;
    expect(read('p1', FLAT, t0)).toMatchObject({ outcome: 'send' });
    engine.onSwap(customer, 'st-1', t0 + H, 1);
    expect(read('p2', FLAT, t0 + 2 * H)).toMatchObject({ outcome: 'send' });
    engine.onSwap(customer, 'st-1', t0 + 3 * H, 1);
    expect(read('p3', FLAT, t0 + 4 * H)).toMatchObject({ outcome: 'suppress', reason: 'CAP_REACHED' });
    // Logged once: the same episode stays capped without another row.
    expect(read('p3', FLAT, t0 + 5 * H)).toBeNull();
    // One millisecond before 24 h after the first nudge it still counts (quiet hours end at 07:00; the cap is what holds).
    expect(read('p3', FLAT, t0 + 24 * H - 1)).toBeNull();
    expect(read('p3', FLAT, t0 + 24 * H)).toMatchObject({ outcome: 'send' });
  });
});

describe('quiet hours', () => {
  it('defers a nudge due at night and sends it when the window ends, if still needed', () => {
    const { engine, customer, read } = setup();
    const night = Date.parse('2025-01-15T22:30:00Z');
    const d = read('p1', FLAT, night);
    expect(d).toMatchObject({ outcome: 'suppress', reason: 'QUIET_HOURS', deferUntilMs: Date.parse('2025-01-16T07:00:00Z') });
    expect(read('p1', FLAT, night + 30 * MIN)).toBeNull();
    const resolve = () => ({ customer, packIds: ['p1'] });
    expect(engine.sweep(Date.parse('2025-01-16T06:59:00Z'), resolve)).toEqual([]);
    const sent = engine.sweep(Date.parse('2025-01-16T07:00:00Z'), resolve);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ outcome: 'send', packId: 'p1', reasons: ['TIME_TO_EMPTY_WITHIN_LEAD', 'NEAREST_STORE_WITH_STOCK', 'DEFERRED_FROM_QUIET_HOURS'] });
    expect(engine.sweep(Date.parse('2025-01-16T07:05:00Z'), resolve)).toEqual([]);
  });

  it('drops a deferred nudge when the customer swapped in the meantime', () => {
    const { engine, customer, read } = setup();
    expect(read('p1', FLAT, Date.parse('2025-01-15T22:30:00Z'))).toMatchObject({ reason: 'QUIET_HOURS' });
    engine.onSwap(customer, 'st-1', Date.parse('2025-01-16T06:30:00Z'), 1);
    expect(engine.sweep(Date.parse('2025-01-16T07:00:00Z'), () => ({ customer, packIds: ['p2'] }))).toEqual([]);
  });

  it('drops it when the pack went back above the threshold before morning', () => {
    const { engine, customer, read } = setup();
    expect(read('p1', FLAT, Date.parse('2025-01-15T22:30:00Z'))).toMatchObject({ reason: 'QUIET_HOURS' });
    expect(read('p1', 90, Date.parse('2025-01-16T05:00:00Z'))).toBeNull();
    expect(engine.sweep(Date.parse('2025-01-16T07:00:00Z'), () => ({ customer, packIds: ['p1'] }))).toEqual([]);
  });
});

describe('stock', () => {
  it('logs NO_STOCK_REACHABLE once, and nudges when stock is back after the recheck interval', () => {
    const { read, stock } = setup();
    stock.charged = 0;
    expect(read('p1', FLAT, NOON)).toMatchObject({ outcome: 'suppress', reason: 'NO_STOCK_REACHABLE', store: null });
    expect(read('p1', FLAT, NOON + 5 * MIN)).toBeNull();
    stock.charged = 2;
    // Not looked up again before the recheck interval...
    expect(read('p1', FLAT, NOON + 9 * MIN)).toBeNull();
    // ...then sent toward the stock that came back.
    expect(read('p1', FLAT, NOON + 10 * MIN)).toMatchObject({ outcome: 'send', store: { chargedPacks: 2 } });
  });

  it('reopens the episode when the service finds the stock gone at send time', () => {
    const { engine, customer, read } = setup();
    const d = read('p1', FLAT, NOON)!;
    expect(d.outcome).toBe('send');
    engine.revertSend(customer.id, d.id, NOON);
    expect(read('p1', FLAT, NOON + 5 * MIN)).toBeNull();
    expect(read('p1', FLAT, NOON + 10 * MIN)).toMatchObject({ outcome: 'send' });
  });
});

describe('consent, holdout and policies', () => {
  it('logs NO_CONSENT once per episode and never sends', () => {
    const { customer, read } = setup();
    const noConsent = { ...customer, nudgePrefs: { consent: false } };
    expect(read('p1', FLAT, NOON, noConsent)).toMatchObject({ outcome: 'suppress', reason: 'NO_CONSENT' });
    expect(read('p1', FLAT, NOON + 5 * MIN, noConsent)).toBeNull();
    expect(read('p1', FLAT, NOON + 2 * H, noConsent)).toBeNull();
  });

  it('logs a holdout customer\'s would-be nudge as HOLDOUT, never sends, and attributes their swap to it', () => {
    const { engine, customer, read } = setup({}, customerInHoldout());
    const d = read('p1', FLAT, NOON);
    expect(d).toMatchObject({ outcome: 'suppress', reason: 'HOLDOUT', holdout: true, store: { storeId: 'st-1' } });
    // It counts as this episode's nudge, as a sent one would.
    expect(read('p1', FLAT, NOON + 5 * MIN)).toMatchObject({ outcome: 'suppress', reason: 'ALREADY_NUDGED_THIS_EPISODE', holdout: true });
    expect(engine.onSwap(customer, 'st-1', NOON + H, 1)).toEqual({ nudgeId: d!.id, holdout: true });
    // The holdout teaches the bandit nothing: no message went out.
    expect([...engine.state(customer.id)!.lead.sent]).toEqual([0, 0, 0, 0, 0]);
  });

  it('off: learns, never decides', () => {
    const { engine, read } = setup({ policy: 'off' });
    expect(read('p1', FULL, NOON)).toBeNull();
    expect(read('p1', FLAT, NOON + 5 * MIN)).toBeNull();
    expect(engine.counters.readings).toBe(2);
  });

  it('blanket: every crossing of 20 % at once, in quiet hours and with no stock', () => {
    const { read, stock } = setup({ policy: 'blanket' });
    stock.charged = 0;
    const night = Date.parse('2025-01-15T22:30:00Z');
    expect(read('p1', 21, night)).toBeNull();
    expect(read('p1', 19, night + 5 * MIN)).toMatchObject({ outcome: 'send', policy: 'blanket', store: { chargedPacks: 0 }, reasons: ['SOC_BELOW_BLANKET_THRESHOLD', 'NEAREST_STORE'] });
    expect(read('p1', 15, night + 10 * MIN)).toBeNull();
  });
});

describe('outcomes', () => {
  it('a swap after the window converts nothing; the sweep records the miss for the bandit', () => {
    const { engine, customer, read } = setup();
    const d = read('p1', FLAT, NOON)!;
    expect(engine.onSwap(customer, 'st-1', NOON + 3 * H + 1, 1)).toBeNull();
    engine.sweep(NOON + 3 * H + 2, () => null);
    const s = engine.state(customer.id)!;
    expect(s.lead.sent[d.leadBucket!]).toBe(1);
    expect(s.lead.converted[d.leadBucket!]).toBe(0);
    expect(engine.counters.expiredOutcomes).toBe(1);
  });

  it('a swap inside the window is a success for the lead the nudge used', () => {
    const { engine, customer, read } = setup();
    const d = read('p1', FLAT, NOON)!;
    expect(engine.onSwap(customer, 'st-1', NOON + 3 * H, 1)?.nudgeId).toBe(d.id);
    expect(engine.state(customer.id)!.lead.converted[d.leadBucket!]).toBe(1);
    engine.sweep(NOON + 10 * H, () => null);
    expect(engine.counters.expiredOutcomes).toBe(0);
  });
});

describe('after a restart', () => {
  it('counts the ledger\'s last day against the cap and keeps the episode nudged', () => {
    const { engine, customer, read } = setup({ maxPer24h: 1 });
    engine.restoreNudge({ customerId: customer.id, nudgeId: 'old-1', packId: 'p1', atMs: NOON - H, sent: true, holdout: false, leadBucket: 2, converted: false }, NOON);
    expect(read('p1', FLAT, NOON)).toMatchObject({ outcome: 'suppress', reason: 'ALREADY_NUDGED_THIS_EPISODE', reasons: ['ALREADY_NUDGED_THIS_EPISODE', 'CAP_REACHED'] });
    // A swap converts the restored nudge.
    expect(engine.onSwap(customer, 'st-1', NOON + 10 * MIN, 1)?.nudgeId).toBe('old-1');
    expect(read('p2', FLAT, NOON + H)).toMatchObject({ outcome: 'suppress', reason: 'CAP_REACHED' });
  });
});
