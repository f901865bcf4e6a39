// The demand forecast, one row per rule: a steady store, a cold start (store, fleet, prior), a surge
// the level follows within hours, a drop, returns, the hour of week in the store's own time zone,
// out-of-sample accuracy, and determinism.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORECAST_PARAMS, PRIOR_PROFILE, forecastDemand, type DemandHistory, type StoreDemand } from '../../domain/restock/forecast.ts';
import { hourOfWeek } from '../../domain/restock/local-time.ts';

const H = 3_600_000;
// Monday 2025-01-06 00:00 UTC, 4 weeks before "now".
const FROM = Date.UTC(2025, 0, 6);
const WEEKS = 4;
const TO = FROM + WEEKS * 168 * H;

/** Takes per hour = level × the prior shape at that hour (UTC), optionally changed by `at`. */
function shaped(level: number, hours: number, at: (i: number, v: number) => number = (_i, v) => v, tz = 'UTC'): number[] {
  return Array.from({ length: hours }, (_, i) => at(i, level * PRIOR_PROFILE[hourOfWeek(FROM + i * H, tz)]!));
}

function store(id: string, takes: number[], opts: { returnShare?: number; tz?: string } = {}): StoreDemand {
  return { storeId: id, timeZone: opts.tz ?? 'UTC', takes, returns: takes.map((t) => t * (opts.returnShare ?? 1)) };
}

function history(stores: StoreDemand[], to = TO): DemandHistory {
  return { fromMs: FROM, toMs: to, stores };
}

const hours = WEEKS * 168;

describe('forecastDemand', () => {
  const steady = forecastDemand(history([store('s1', shaped(2, hours)), store('s2', shaped(4, hours))]));

  it.each([
    ['s1', 2],
    ['s2', 4],
  ])('a steady store %s: level near its true level %d/h, its own profile, small error', (id, level) => {
    const f = steady.stores.find((s) => s.storeId === id)!;
    expect(f.profileSource).toBe('store');
    expect(f.levelPerH).toBeGreaterThan(level * 0.95);
    expect(f.levelPerH).toBeLessThan(level * 1.05);
    expect(f.accuracy.wape).not.toBeNull();
    expect(f.accuracy.wape!).toBeLessThan(0.05);
    expect(f.accuracy.hours).toBe(168);
    // The forecast follows the shape: Monday 17:00 (the busiest weekday hour) beats 03:00.
    expect(f.takes[17]!).toBeGreaterThan(f.takes[3]! * 10);
    expect(f.takes).toHaveLength(DEFAULT_FORECAST_PARAMS.horizonH);
  });

  it('the fleet-wide error sums every store', () => {
    const sum = steady.stores.reduce((n, s) => n + s.accuracy.actual, 0);
    expect(steady.accuracy.actual).toBeCloseTo(sum, 6);
    expect(steady.accuracy.wape!).toBeLessThan(0.05);
  });

  it('cold start: a store with no history takes the fleet profile and the fleet median level', () => {
    const f = forecastDemand(history([store('old-a', shaped(2, hours)), store('old-b', shaped(3, hours)), store('old-c', shaped(6, hours)), store('new', new Array(hours).fill(0))]));
    const n = f.stores.find((s) => s.storeId === 'new')!;
    expect(n.profileSource).toBe('fleet');
    expect(n.observedHours).toBe(0);
    expect(n.levelPerH).toBeCloseTo(f.fleetMedianLevelPerH, 6);
    expect(f.fleetMedianLevelPerH).toBeGreaterThan(2.8);
    expect(f.fleetMedianLevelPerH).toBeLessThan(3.2);
    expect(n.accuracy.wape).toBeNull();
  });

  it('cold start: a young store leans on the fleet shape until it has weeks of its own', () => {
    // The young store only sells at 03:00 for two days: its own shape says "03:00", the fleet's does not.
    const young = new Array(hours).fill(0).map((_, i) => (i >= hours - 48 && i % 24 === 3 ? 10 : 0));
    const f = forecastDemand(history([store('old', shaped(3, hours)), store('young', young)]));
    const y = f.stores.find((s) => s.storeId === 'young')!;
    expect(y.profileSource).toBe('store');
    expect(y.observedHours).toBeLessThanOrEqual(48);
    // Shrunk toward the fleet: the 17:00 hour keeps real weight beside 03:00 (its own shape alone would give it none).
    expect(y.takes[3]!).toBeGreaterThan(0);
    expect(y.takes[17]! / y.takes[3]!).toBeGreaterThan(0.1);
  });

  it('cold start: a fleet with no history at all uses the documented prior shape and no level', () => {
    const f = forecastDemand(history([store('a', new Array(hours).fill(0))]));
    expect(f.fleetProfileSource).toBe('prior');
    expect(f.stores[0]!.profileSource).toBe('prior');
    expect(f.stores[0]!.levelPerH).toBe(0);
  });

  it('a surge: demand five times the forecast in the last hours lifts the level within hours', () => {
    const surgeFrom = hours - 6;
    const takes = shaped(2, hours, (i, v) => (i >= surgeFrom ? v * 5 : v));
    const withRule = forecastDemand(history([store('s', takes)])).stores[0]!;
    const without = forecastDemand(history([store('s', takes)]), { surgeRatio: Infinity }).stores[0]!;
    expect(withRule.surge).not.toBeNull();
    expect(withRule.surge!.ratio).toBeGreaterThan(DEFAULT_FORECAST_PARAMS.surgeRatio);
    expect(withRule.levelPerH).toBeGreaterThan(2 * 3.5);
    // Exponential smoothing alone would take weeks.
    expect(without.surge).toBeNull();
    expect(without.levelPerH).toBeLessThan(2 * 1.6);
  });

  it('a launch from nothing: a store that has only just started selling is forecast at its new rate', () => {
    const takes = shaped(0, hours).map((_, i) => (i >= hours - 4 ? 8 : 0));
    const f = forecastDemand(history([store('launch', takes)])).stores[0]!;
    expect(f.levelPerH).toBeGreaterThan(3);
  });

  it('a drop: demand falling to a fifth is followed within hours too', () => {
    const takes = shaped(8, hours, (i, v) => (i >= hours - 12 ? v / 5 : v));
    const f = forecastDemand(history([store('s', takes)])).stores[0]!;
    expect(f.levelPerH).toBeLessThan(8 * 0.5);
    expect(f.surge).toBeNull();
  });

  it('returns: the share of takes that hand a pack back, shrunk toward the fleet when few', () => {
    const f = forecastDemand(history([store('s', shaped(3, hours), { returnShare: 0.8 })])).stores[0]!;
    expect(f.returnShare).toBeGreaterThan(0.79);
    expect(f.returnShare).toBeLessThan(0.81);
    expect(f.returns[17]! / f.takes[17]!).toBeCloseTo(f.returnShare, 6);
  });

  it('hour of week is the store’s local hour: a New York store peaks at 17:00 New York time', () => {
    const tz = 'America/New_York';
    const f = forecastDemand(history([store('ny', shaped(3, hours, undefined, tz), { tz })])).stores[0]!;
    // TO is a Monday 00:00 UTC = Sunday 19:00 in New York (EST, UTC-5): hour 22 of the forecast is Monday 17:00 local.
    const peak = f.takes.slice(0, 48).indexOf(Math.max(...f.takes.slice(16, 30)));
    expect(peak).toBe(22);
  });

  it('accuracy is out of sample: a last week unlike the weeks before shows a large error', () => {
    const takes = shaped(2, hours, (i, v) => (i >= hours - 168 ? v * (i % 2 === 0 ? 3 : 0) : v));
    const f = forecastDemand(history([store('s', takes)]), { surgeRatio: Infinity }).stores[0]!;
    expect(f.accuracy.wape!).toBeGreaterThan(0.5);
  });

  it('is deterministic: the same history gives the same forecast', () => {
    const h = history([store('s1', shaped(2, hours)), store('s2', shaped(5, hours, (i, v) => v * (1 + (i % 7) / 10)))]);
    expect(forecastDemand(h)).toEqual(forecastDemand(h));
  });
});
