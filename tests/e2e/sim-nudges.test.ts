// A simulated day with personal nudges, in-process on one shared virtual clock over real MQTT: the
// customers' apps receive the nudges the server sends and answer them by the response model. Every
// nudge must respect the rules, every conversion must be a real swap attributed by nudge id, and
// what the apps received must be what the ledger says was sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isQuietAt } from '../../domain/nudge/local-time.ts';
import { runFleetDay, type FleetDay } from './sim-fleet-checks.ts';

interface Row {
  nudgeId: string;
  customerId: string;
  packId: string;
  at: string;
  outcome: 'sent' | 'suppressed';
  reason: string | null;
  holdout: boolean;
  chargedPacks: number | null;
  hold: { packId: string; until: string } | null;
  delivery: string | null;
  conversion: { at: string; kioskId: string; requestId: string } | null;
}

let day: FleetDay;
let rows: Row[];
const H = 3_600_000;

beforeAll(async () => {
  // A compact town (3 km across) so that most customers have a store in reach.
  day = await runFleetDay('normal-day', { fleet: { packs: 160, customers: 120, stores: 3, nudges: 'personal', geo: { spreadKm: 3 }, seed: 'e2e-nudges' } });
  await day.t.sys.nudges.settle();
  await day.t.sys.nudges.outbox.drain();
  const res = await day.t.sys.api.inject({ url: `/v1/nudges?from=${day.fromMs}&to=${day.toMs}&limit=10000`, headers: day.t.admin });
  rows = res.json().nudges as Row[];
}, 300_000);

afterAll(async () => {
  await day?.stop();
});

const sent = () => rows.filter((r) => r.outcome === 'sent');

describe('a day of personal nudges over MQTT', () => {
  it('sends nudges, and the customers\' apps receive exactly those', () => {
    expect(sent().length).toBeGreaterThan(0);
    expect(sent().map((r) => r.delivery)).toEqual(sent().map(() => 'delivered'));
    const r = day.fleet.report();
    expect(r.nudges.policy).toBe('personal');
    // Every delivered nudge reached its app: about the pack the customer held, or one they had just swapped.
    expect(r.nudges.messages + r.nudges.stale).toBe(sent().length);
  });

  it('keeps every rule: consent, quiet hours, the cap, one per episode, a held pack, and never the holdout', () => {
    const fleet = day.t.sys.fleet;
    for (const n of sent()) {
      const c = fleet.customer(n.customerId)!;
      expect(c.nudgePrefs.consent, n.nudgeId).toBe(true);
      expect(isQuietAt(c.nudgePrefs.quietHours, c.timeZone, Date.parse(n.at)), n.nudgeId).toBe(false);
      expect(n.holdout, n.nudgeId).toBe(false);
      expect(n.chargedPacks, n.nudgeId).toBeGreaterThan(0);
      expect(n.hold, n.nudgeId).not.toBeNull();
    }
    const byCustomer = new Map<string, number[]>();
    for (const n of sent()) byCustomer.set(n.customerId, [...(byCustomer.get(n.customerId) ?? []), Date.parse(n.at)]);
    const cap = day.t.sys.config.nudgeMaxPer24h;
    for (const [id, times] of byCustomer) for (const t of times) expect(times.filter((x) => x > t - 24 * H && x <= t).length, id).toBeLessThanOrEqual(cap);
    // A pack never leaves a customer's hand charged: one nudge per (customer, pack) is one per episode.
    const episodes = sent().map((n) => `${n.customerId}/${n.packId}`);
    expect(new Set(episodes).size).toBe(episodes.length);
    const r = day.fleet.report().nudges;
    expect([r.insideQuietHours, r.overCap, r.tripsToEmptyStoreFromNudge]).toEqual([0, 0, 0]);
  });

  it('attributes every conversion to its nudge id: a released swap by that customer within the window', async () => {
    const res = await day.t.sys.api.inject({ url: `/v1/swaps?from=${day.fromMs}&to=${day.toMs}&limit=10000`, headers: day.t.admin });
    const swaps = res.json().swaps as { kioskId: string; requestId: string; customerId: string; at: string; outcome: string }[];
    const converted = rows.filter((r) => r.conversion !== null);
    expect(converted.length).toBeGreaterThan(0);
    const windowMs = day.t.sys.config.nudgeConversionH * H;
    for (const n of converted) {
      const s = swaps.find((x) => x.kioskId === n.conversion!.kioskId && x.requestId === n.conversion!.requestId);
      expect(s, n.nudgeId).toMatchObject({ customerId: n.customerId, outcome: 'released' });
      const dt = Date.parse(n.conversion!.at) - Date.parse(n.at);
      expect(dt, n.nudgeId).toBeGreaterThanOrEqual(0);
      expect(dt, n.nudgeId).toBeLessThanOrEqual(windowMs);
    }
    const stats = (await day.t.sys.api.inject({ url: `/v1/nudges/stats?from=${day.fromMs}&to=${day.toMs}`, headers: day.t.admin })).json();
    expect(stats.total.treated.converted + stats.total.holdout.converted).toBe(converted.length);
  });

  it('leaves custody and the swap ledger consistent with what the kiosks did', async () => {
    const { compareCustody, compareLedger } = await import('./sim-fleet-checks.ts');
    expect(compareCustody(day).differences).toEqual([]);
    expect((await compareLedger(day)).disagreements).toEqual([]);
  });
});
