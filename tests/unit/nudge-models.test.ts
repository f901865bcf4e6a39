// The per-customer models, updated from the stream: discharge by hour of week (with the population
// prior while history is short), visits (usual stores, swap hours), the lead-time bandit, and the
// binary form the models are kept in across restarts.
import { describe, expect, it } from 'vitest';
import { customerScale, DISCHARGE, DischargePrior, expectedRatePctPerH, newDischargeState, observeReading, timeToEmptyMin } from '../../domain/nudge/discharge-model.ts';
import { decodeModels, encodeModels, newCustomerState } from '../../domain/nudge/customer-state.ts';
import { bestBucket, chooseLeadBucket, expectedConversion, LEAD_BUCKETS, LEAD_BUCKETS_MIN, LeadPrior, newLeadState, recordLeadOutcome } from '../../domain/nudge/lead-time-bandit.ts';
import { hourOfWeekLocal } from '../../domain/nudge/local-time.ts';
import { newVisitState, observeSwap, swapShareAt, usualStores, VisitPrior } from '../../domain/nudge/visit-model.ts';

const MON = Date.parse('2025-01-06T00:00:00Z'); // a Monday, London = UTC in January
const H = 3_600_000;
const MIN = 60_000;

describe('discharge model: one reading at a time', () => {
  it.each<[string, [string, number, number][], string]>([
    ['the first reading of a pack', [['p1', 80, 0]], 'first'],
    ['a drop 5 minutes later', [['p1', 80, 0], ['p1', 79, 5 * MIN]], 'discharge'],
    ['no change is a rate of zero, still counted', [['p1', 80, 0], ['p1', 80, 60 * MIN]], 'discharge'],
    ['an older reading arriving late', [['p1', 80, 10 * MIN], ['p1', 81, 5 * MIN]], 'stale'],
    ['a repeat of the same time', [['p1', 80, 10 * MIN], ['p1', 80, 10 * MIN]], 'stale'],
    ['a gap longer than 6 h is not a rate', [['p1', 80, 0], ['p1', 40, 7 * H]], 'gap'],
    ['a rise beyond noise is a charge', [['p1', 20, 0], ['p1', 60, 30 * MIN]], 'charged'],
    ['a small rise is noise', [['p1', 20, 0], ['p1', 21, 30 * MIN]], 'discharge'],
    ['another pack starts afresh', [['p1', 20, 0], ['p2', 95, 30 * MIN]], 'first'],
  ])('%s', (_what, readings, expected) => {
    const s = newDischargeState();
    const prior = new DischargePrior();
    let last = '';
    for (const [pack, soc, at] of readings) last = observeReading(s, prior, pack, soc, MON + at, 0);
    expect(last).toBe(expected);
  });

  it('learns a customer who drains 12 %/h on Monday mornings and rests otherwise', () => {
    const s = newDischargeState();
    const prior = new DischargePrior();
    for (let week = 0; week < 3; week++) {
      const start = MON + week * 7 * 24 * H;
      let soc = 100;
      // Monday 09:00-12:00, a reading every 5 minutes; then the pack rests to the evening.
      for (let t = 9 * H; t <= 12 * H; t += 5 * MIN) observeReading(s, prior, `p${week}`, (soc -= t === 9 * H ? 0 : 1), start + t, 0);
      for (let t = 13 * H; t <= 20 * H; t += H) observeReading(s, prior, `p${week}`, soc, start + t, 0);
    }
    const scale = customerScale(s, prior);
    const mon10 = hourOfWeekLocal(MON + 10 * H);
    const mon15 = hourOfWeekLocal(MON + 15 * H);
    expect(expectedRatePctPerH(s, prior, mon10, scale)).toBeGreaterThan(9);
    expect(expectedRatePctPerH(s, prior, mon10, scale)).toBeLessThan(12.5);
    // Resting hours were watched and learned as (near) zero.
    expect(expectedRatePctPerH(s, prior, mon15, scale)).toBeLessThan(3);
    // From Monday 09:00 of week 4 at 30 %: about 2.5 h at 12 %/h (the shrinkage slows it a little).
    const tte = timeToEmptyMin(s, prior, 30, MON + 3 * 7 * 24 * H + 9 * H, 0);
    expect(tte).toBeGreaterThan(140);
    expect(tte).toBeLessThan(200);
  });

  it('leans on the population prior while a customer has no history of their own', () => {
    const s = newDischargeState();
    const prior = new DischargePrior();
    // Before anyone reported: the default profile, 8 %/h by day.
    expect(timeToEmptyMin(s, prior, 16, MON + 12 * H, 0)).toBeCloseTo(120, 0);
    // The population drains 20 %/h on Monday noon-13:00; the newcomer is expected to do the same.
    for (let i = 0; i < 2000; i++) prior.observe(hourOfWeekLocal(MON + 12 * H), 20, 1);
    expect(prior.ratePctPerH(hourOfWeekLocal(MON + 12 * H))).toBeGreaterThan(19.5);
    expect(timeToEmptyMin(s, prior, 10, MON + 12 * H, 0)).toBeCloseTo(30, 0);
  });

  it('walks hour by hour, through the night when nobody drains, and stops at the horizon', () => {
    const s = newDischargeState();
    const prior = new DischargePrior();
    // 22:00 with 10 %: 8 % go by 23:00, and the last 2 % last 4 h at the night's 0.5 %/h.
    expect(timeToEmptyMin(s, prior, 10, MON + 22 * H, 0)).toBeCloseTo(300, 6);
    // 14 %: the night takes 4 % by 07:00, and the last 2 % go in 15 minutes of the morning.
    expect(timeToEmptyMin(s, prior, 14, MON + 22 * H, 0)).toBeCloseTo(9 * 60 + 15, 6);
    expect(timeToEmptyMin(s, prior, 0, MON, 0)).toBe(0);
    expect(timeToEmptyMin(s, prior, 100_000, MON, 0)).toBe(Infinity);
    expect(DISCHARGE.horizonH).toBe(72);
  });
});

describe('visit model', () => {
  it('keeps the most used stores first, and forgets old ones', () => {
    const s = newVisitState();
    const prior = new VisitPrior();
    for (let i = 0; i < 4; i++) observeSwap(s, prior, 'home', MON + i * H, 8, 20);
    observeSwap(s, prior, 'work', MON + 5 * H, 18, 30);
    expect(usualStores(s)).toEqual(['home', 'work']);
    for (let i = 0; i < 10; i++) observeSwap(s, prior, 'new', MON + (10 + i) * H, 9, 25);
    expect(usualStores(s)[0]).toBe('new');
    expect(usualStores(s)).not.toContain('work');
    expect(s.swapSocPct).toBeGreaterThan(20);
    expect(s.swapSocPct).toBeLessThan(30);
  });

  it('learns the hours of the week they swap in, starting from the population', () => {
    const s = newVisitState();
    const prior = new VisitPrior();
    const before = swapShareAt(s, prior, 8);
    for (let i = 0; i < 6; i++) observeSwap(s, prior, 'home', MON + i * 7 * 24 * H + 8 * H, 8, null);
    expect(swapShareAt(s, prior, 8)).toBeGreaterThan(0.7);
    expect(swapShareAt(s, prior, 8)).toBeGreaterThan(before);
    expect(swapShareAt(s, prior, 20)).toBeLessThan(0.05);
    expect(Number.isNaN(s.swapSocPct)).toBe(true);
  });
});

describe('lead-time bandit', () => {
  it('draws the same bucket for the same customer and episode', () => {
    const s = newLeadState();
    const prior = new LeadPrior();
    const a = Array.from({ length: 50 }, (_, i) => chooseLeadBucket(s, prior, `cust-1/${i}`));
    const b = Array.from({ length: 50 }, (_, i) => chooseLeadBucket(s, prior, `cust-1/${i}`));
    expect(b).toEqual(a);
    // With nothing learned, every bucket gets tried.
    expect(new Set(a).size).toBe(LEAD_BUCKETS);
  });

  it('learns that this customer answers 2 h ahead, and then mostly picks it', () => {
    const s = newLeadState();
    const prior = new LeadPrior();
    const good = LEAD_BUCKETS_MIN.indexOf(120);
    for (let b = 0; b < LEAD_BUCKETS; b++) for (let i = 0; i < 12; i++) recordLeadOutcome(s, prior, b, b === good ? i % 4 !== 0 : i % 6 === 0);
    expect(bestBucket(s, prior)).toBe(good);
    expect(expectedConversion(s, prior, good)).toBeGreaterThan(0.6);
    const picks = Array.from({ length: 200 }, (_, i) => chooseLeadBucket(s, prior, `cust-1/${i}`));
    expect(picks.filter((b) => b === good).length).toBeGreaterThan(160);
  });

  it('lets the population teach a newcomer', () => {
    const prior = new LeadPrior();
    const veteran = newLeadState();
    const good = LEAD_BUCKETS_MIN.indexOf(60);
    for (let b = 0; b < LEAD_BUCKETS; b++) for (let i = 0; i < 200; i++) recordLeadOutcome(veteran, prior, b, b === good ? i % 2 === 0 : i % 10 === 0);
    const newcomer = newLeadState();
    expect(bestBucket(newcomer, prior)).toBe(good);
  });
});

describe('model persistence', () => {
  it('round-trips every learned number', () => {
    const s = newCustomerState();
    const prior = new DischargePrior();
    observeReading(s.discharge, prior, 'p1', 80, MON + 9 * H, 0);
    observeReading(s.discharge, prior, 'p1', 70, MON + 10 * H, 0);
    observeSwap(s.visits, new VisitPrior(), 'store-a', MON, 10, 22.5);
    recordLeadOutcome(s.lead, new LeadPrior(), 3, true);
    s.lat = 51.5;
    s.lon = -0.12;
    s.episodes = 7;
    const back = decodeModels(encodeModels(s));
    expect(back).not.toBeNull();
    expect([...back!.discharge.ratePctPerH]).toEqual([...s.discharge.ratePctPerH]);
    expect([...back!.discharge.weightH]).toEqual([...s.discharge.weightH]);
    expect([...back!.visits.swapsByHour]).toEqual([...s.visits.swapsByHour]);
    expect(back!.visits.stores).toEqual(s.visits.stores);
    expect([...back!.lead.converted]).toEqual([0, 0, 0, 1, 0]);
    expect(back).toMatchObject({ lat: 51.5, lon: -0.12, episodes: 7 });
    expect(back!.discharge).toMatchObject({ lastPackId: 'p1', lastSocPct: 70, lastAtMs: MON + 10 * H });
    expect(back!.visits).toMatchObject({ swaps: 1, swapSocPct: 22.5 });
  });

  it('refuses bytes that are not its own', () => {
    const bytes = encodeModels(newCustomerState());
    expect(decodeModels(bytes.subarray(0, 100))).toBeNull();
    const other = bytes.slice();
    other[0] = 9;
    expect(decodeModels(other)).toBeNull();
    const bad = bytes.slice();
    bad.fill(0x7b, bytes.length - 5);
    expect(decodeModels(bad)).toBeNull();
  });
});
