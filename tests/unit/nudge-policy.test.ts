// The nudge policy, one row per rule and per suppression reason: due or not, consent, one nudge
// per episode, the cap at its edge, quiet hours (deferred to the window's end), no stock in reach,
// the holdout (stable, and logged only when the nudge would have gone), and the blanket baseline.
import { describe, expect, it } from 'vitest';
import { blanketDue, blanketStore, chooseStore, decideNudge, distanceM, inHoldout, nudgeText, type NudgeInput, type StoreOption } from '../../domain/nudge/nudge-policy.ts';

const CFG = { maxPer24h: 2, maxDistanceM: 3000 };
const NOON = Date.parse('2025-01-15T12:00:00Z');
const store = (o: Partial<StoreOption> & { storeId: string }): StoreOption => ({ storeName: `Store ${o.storeId}`, kioskId: `k-${o.storeId}`, distanceM: 500, chargedPacks: 3, usualRank: null, ...o });
const base: NudgeInput = {
  nowMs: NOON,
  customerId: 'cust-1',
  consent: true,
  timeZone: 'Europe/London',
  quietHours: { startHour: 22, endHour: 7 },
  inHoldout: false,
  nudgedThisEpisode: false,
  sentInLast24h: 0,
  timeToEmptyMin: 50,
  leadMin: 60,
  socPct: 18,
  usualSwapSocPct: 30,
  stores: [store({ storeId: 'near' })],
};

describe('decideNudge', () => {
  it.each<[string, Partial<NudgeInput>, string, string[]]>([
    ['due: time to empty minus lead is before now', {}, 'send', ['TIME_TO_EMPTY_WITHIN_LEAD', 'NEAREST_STORE_WITH_STOCK']],
    ['due exactly at the edge (time to empty = lead)', { timeToEmptyMin: 60 }, 'send', ['TIME_TO_EMPTY_WITHIN_LEAD', 'NEAREST_STORE_WITH_STOCK']],
    ['not due a minute before the edge', { timeToEmptyMin: 61 }, 'not_due', []],
    ['not due when the pack lasts beyond the horizon', { timeToEmptyMin: Infinity }, 'not_due', []],
    ['not due while the pack is above what this customer swaps at (plus 5 points)', { socPct: 35.1 }, 'not_due', []],
    ['due at the edge of their own swap SoC', { socPct: 35 }, 'send', ['TIME_TO_EMPTY_WITHIN_LEAD', 'NEAREST_STORE_WITH_STOCK']],
    ['no consent', { consent: false }, 'NO_CONSENT', ['NO_CONSENT']],
    ['already nudged this episode', { nudgedThisEpisode: true }, 'ALREADY_NUDGED_THIS_EPISODE', ['ALREADY_NUDGED_THIS_EPISODE']],
    ['one below the cap', { sentInLast24h: 1 }, 'send', ['TIME_TO_EMPTY_WITHIN_LEAD', 'NEAREST_STORE_WITH_STOCK']],
    ['at the cap', { sentInLast24h: 2 }, 'CAP_REACHED', ['CAP_REACHED']],
    ['quiet hours', { nowMs: Date.parse('2025-01-15T23:00:00Z') }, 'QUIET_HOURS', ['QUIET_HOURS']],
    ['no store with stock', { stores: [store({ storeId: 'near', chargedPacks: 0 })] }, 'NO_STOCK_REACHABLE', ['NO_STOCK_REACHABLE']],
    ['the only store with stock is out of reach', { stores: [store({ storeId: 'far', distanceM: 3001 })] }, 'NO_STOCK_REACHABLE', ['NO_STOCK_REACHABLE']],
    ['no location and no usual store', { stores: [store({ storeId: 'x', distanceM: null })] }, 'NO_STOCK_REACHABLE', ['NO_STOCK_REACHABLE']],
    ['holdout: everything else passes', { inHoldout: true }, 'HOLDOUT', ['HOLDOUT']],
    ['holdout without consent: the first failing rule wins', { inHoldout: true, consent: false }, 'NO_CONSENT', ['NO_CONSENT', 'HOLDOUT']],
    ['every rule failing at once lists them in check order', { consent: false, nudgedThisEpisode: true, sentInLast24h: 9, nowMs: Date.parse('2025-01-16T02:00:00Z'), stores: [], inHoldout: true }, 'NO_CONSENT', ['NO_CONSENT', 'ALREADY_NUDGED_THIS_EPISODE', 'CAP_REACHED', 'QUIET_HOURS', 'NO_STOCK_REACHABLE', 'HOLDOUT']],
  ])('%s', (_what, patch, expected, reasons) => {
    const v = decideNudge({ ...base, ...patch }, CFG);
    expect(v.kind === 'suppress' ? v.reason : v.kind).toBe(expected);
    expect(v.kind === 'not_due' ? [] : v.reasons).toEqual(reasons);
  });

  it('defers a quiet-hours nudge to the end of the window, in the customer zone', () => {
    const v = decideNudge({ ...base, nowMs: Date.parse('2025-07-15T23:30:00Z') }, CFG); // 00:30 BST
    expect(v).toMatchObject({ kind: 'suppress', reason: 'QUIET_HOURS', deferUntilMs: Date.parse('2025-07-16T06:00:00Z') });
  });

  it('names the store it would have sent to for the holdout, so the would-be nudge is logged whole', () => {
    const v = decideNudge({ ...base, inHoldout: true }, CFG);
    expect(v).toMatchObject({ kind: 'suppress', reason: 'HOLDOUT', store: { storeId: 'near' }, deferUntilMs: null });
  });
});

describe('chooseStore', () => {
  it.each<[string, StoreOption[], string | null, string | null]>([
    ['a usual store with stock in reach beats a nearer one', [store({ storeId: 'near', distanceM: 100 }), store({ storeId: 'usual', distanceM: 2500, usualRank: 0 })], 'usual', 'USUAL_STORE'],
    ['the most used usual store first', [store({ storeId: 'second', usualRank: 1 }), store({ storeId: 'first', usualRank: 0 })], 'first', 'USUAL_STORE'],
    ['a usual store without stock is skipped', [store({ storeId: 'usual', usualRank: 0, chargedPacks: 0 }), store({ storeId: 'near', distanceM: 800 })], 'near', 'NEAREST_STORE_WITH_STOCK'],
    ['a usual store needs no location', [store({ storeId: 'usual', distanceM: null, usualRank: 0 })], 'usual', 'USUAL_STORE'],
    ['a usual store out of reach of where the pack is now is skipped', [store({ storeId: 'usual', distanceM: 8000, usualRank: 0 }), store({ storeId: 'near', distanceM: 900 })], 'near', 'NEAREST_STORE_WITH_STOCK'],
    ['the nearest in reach', [store({ storeId: 'b', distanceM: 900 }), store({ storeId: 'a', distanceM: 400 })], 'a', 'NEAREST_STORE_WITH_STOCK'],
    ['ties break by id', [store({ storeId: 'b', distanceM: 400 }), store({ storeId: 'a', distanceM: 400 })], 'a', 'NEAREST_STORE_WITH_STOCK'],
    ['at the reach limit is in reach', [store({ storeId: 'edge', distanceM: 3000 })], 'edge', 'NEAREST_STORE_WITH_STOCK'],
    ['nothing', [], null, null],
  ])('%s', (_what, stores, id, why) => {
    const c = chooseStore(stores, CFG.maxDistanceM);
    expect(c?.store.storeId ?? null).toBe(id);
    expect(c?.why ?? null).toBe(why);
  });
});

describe('the holdout', () => {
  const ids = Array.from({ length: 20_000 }, (_, i) => `cust-${i}`);

  it('is stable: the same customer is always in or always out', () => {
    const first = ids.map((id) => inHoldout(id, 10));
    const again = ids.map((id) => inHoldout(id, 10));
    expect(again).toEqual(first);
  });

  it.each([
    [0, 0, 0],
    [10, 0.085, 0.115],
    [50, 0.47, 0.53],
    [100, 1, 1],
  ])('holds out about %i %% of customers', (pct, lo, hi) => {
    const share = ids.filter((id) => inHoldout(id, pct)).length / ids.length;
    expect(share).toBeGreaterThanOrEqual(lo);
    expect(share).toBeLessThanOrEqual(hi);
  });

  it('grows by adding customers, never by swapping them: 10 % is inside 20 %', () => {
    const at10 = ids.filter((id) => inHoldout(id, 10));
    expect(at10.length).toBeGreaterThan(1000);
    expect(at10.filter((id) => !inHoldout(id, 20))).toEqual([]);
  });
});

describe('the blanket baseline', () => {
  it.each<[string, number | null, number, boolean]>([
    ['crossing 20 %', 20.5, 19.8, true],
    ['from exactly 20 %', 20, 19.9, true],
    ['already below', 19, 18, false],
    ['above', 25, 21, false],
    ['first reading of a pack (no previous)', null, 10, false],
    ['charging back up', 15, 30, false],
  ])('%s', (_what, prev, soc, due) => {
    expect(blanketDue(prev, soc)).toBe(due);
  });

  it('names a store without looking at its stock', () => {
    expect(blanketStore([store({ storeId: 'empty', chargedPacks: 0, distanceM: 100 }), store({ storeId: 'full', distanceM: 900 })])?.storeId).toBe('empty');
    expect(blanketStore([store({ storeId: 'near', distanceM: 100 }), store({ storeId: 'usual', usualRank: 0, distanceM: 900 })])?.storeId).toBe('usual');
    expect(blanketStore([])).toBeNull();
  });
});

describe('text and distance', () => {
  it('says the SoC, the time left, the store, the stock and the hold', () => {
    const text = nudgeText({ socPct: 18.4, timeToEmptyMin: 95, storeName: 'Soho', distanceM: 640, chargedPacks: 3, holdUntilLocal: '14:45' });
    expect(text).toBe('Your pack is at 18% and should last about 1 h 35 min. Soho (640 m away) has 3 charged packs; one is held for you until 14:45.');
    expect(nudgeText({ socPct: 9, timeToEmptyMin: Number.NaN, storeName: 'Bank', distanceM: null, chargedPacks: 0, holdUntilLocal: null })).toBe('Your pack is at 9%. Bank swaps packs.');
  });

  it('measures a kilometre of latitude as about 1,000 m', () => {
    expect(distanceM(51.5, -0.12, 51.509, -0.12)).toBeGreaterThan(995);
    expect(distanceM(51.5, -0.12, 51.509, -0.12)).toBeLessThan(1005);
    expect(distanceM(51.5, -0.12, 51.5, -0.12)).toBe(0);
  });
});
