// A small simulated fleet through an ordinary day, against the whole system in-process on one
// shared virtual clock: real MQTT connections with per-device credentials, the real pipeline and
// DuckDB. What the simulator saw acknowledged and done must be what the server stored and recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCustody, compareLedger, compareStore, runFleetDay, type FleetDay } from './sim-fleet-checks.ts';

let day: FleetDay;

beforeAll(async () => {
  day = await runFleetDay('normal-day');
}, 150_000);

afterAll(async () => {
  await day?.stop();
});

describe('normal-day over MQTT on a shared virtual clock', () => {
  it('runs the whole day and every message is acknowledged', () => {
    const r = day.fleet.report();
    expect(r.simulatedHours).toBeGreaterThanOrEqual(24);
    expect(day.drained).toBe(true);
    expect(r.messages.unacknowledgedAtEnd).toBe(0);
    expect(r.messages.acknowledged).toBe(r.messages.sent);
    expect(r.messages.made.telemetry).toBeGreaterThan(1000);
    expect(r.messages.made.status).toBeGreaterThan(4 * 2000);
    expect(r.connections).toMatchObject({ initial: 64, initialFailed: 0, refused: 0 });
  });

  it('stores every acknowledged reading exactly once', async () => {
    const cmp = await compareStore(day);
    for (const kind of ['telemetry', 'status', 'event'] as const) {
      expect(cmp[kind].missing, `${kind} acknowledged but not stored`).toEqual([]);
      expect(cmp[kind].duplicated, `${kind} stored twice`).toEqual([]);
      expect(cmp[kind].unknown, `${kind} stored but never acknowledged`).toEqual([]);
    }
    expect(cmp.telemetry.acked).toBeGreaterThan(1000);
    expect(cmp.event.acked).toBeGreaterThan(0);
  });

  it('has a swap ledger that matches what the kiosks did', async () => {
    const r = day.fleet.report();
    expect(r.swaps.requested).toBeGreaterThan(5);
    expect(r.swaps.released).toBeGreaterThan(0);
    const cmp = await compareLedger(day);
    expect(cmp.disagreements).toEqual([]);
    expect(cmp.ledger).toBe(cmp.simulated);
    expect(cmp.simulated).toBe(r.swaps.requested);
  });

  it('leaves every pack in exactly one custody: where the simulated pack really is', async () => {
    const cmp = compareCustody(day);
    expect(cmp.differences).toEqual([]);
    expect(cmp.slotsClaimedTwice).toEqual([]);
    expect(await day.t.sys.fleet.listAnomalies(100)).toEqual([]);
    // Real kiosk behaviour never trips the custody plausibility rule.
    expect(day.t.sys.placement.counters.disputed).toBe(0);
  });

  it('keeps the broker and the pipeline healthy, with nothing quarantined', async () => {
    expect(day.t.sys.health().status).toBe('ok');
    const m = day.t.sys.broker.metrics();
    expect(m.connections).toBe(64);
    expect(m.rateLimited).toBe(0);
    const q = await fetch(`${day.t.sys.httpUrl}/v1/quarantine`, { headers: day.t.admin });
    expect(((await q.json()) as { total: number }).total).toBe(0);
  });
});
