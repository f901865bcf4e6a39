// The bad-network day: duplicates, reordering, damaged payloads, two reconnect storms and device
// clocks hours fast, against the whole system in-process on one shared virtual clock. Nothing
// acknowledged may be lost or doubled, the ledger and custody must still match the kiosks, and
// every damaged payload must be in quarantine with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCustody, compareLedger, compareStore, runFleetDay, type FleetDay } from './sim-fleet-checks.ts';

const SKEWED = 'e2e-pk-000007';
let day: FleetDay;

beforeAll(async () => {
  // The scenario skews 1 % of devices' clocks; one named pack makes sure a small fleet has one.
  day = await runFleetDay('bad-network', { skewedDeviceIds: [SKEWED] });
}, 150_000);

afterAll(async () => {
  await day?.stop();
});

describe('bad-network over MQTT on a shared virtual clock', () => {
  it('really misbehaved: duplicates, reordering, damage, storms and a skewed clock', () => {
    const r = day.fleet.report();
    expect(r.faults.duplicated).toBeGreaterThan(50);
    expect(r.faults.reordered).toBeGreaterThan(20);
    expect(r.faults.corrupted).toBeGreaterThan(10);
    expect(r.faults.reconnectStorms).toBe(2);
    expect(r.faults.devicesDropped).toBeGreaterThan(10);
    expect(r.faults.skewedDevices).toBeGreaterThanOrEqual(1);
    expect(r.connections.reconnects).toBe(r.faults.devicesDropped);
    expect(day.drained).toBe(true);
    expect(r.messages.unacknowledgedAtEnd).toBe(0);
  });

  it('stores every acknowledged reading exactly once, duplicates and resends included', async () => {
    const cmp = await compareStore(day);
    for (const kind of ['telemetry', 'status', 'event'] as const) {
      expect(cmp[kind].missing, `${kind} acknowledged but not stored`).toEqual([]);
      expect(cmp[kind].duplicated, `${kind} stored twice`).toEqual([]);
      expect(cmp[kind].unknown, `${kind} stored but never acknowledged`).toEqual([]);
    }
  });

  it('keeps readings from a clock hours fast, at their receive time and marked suspect', async () => {
    const rows = await day.t.sys.store.packReadings(SKEWED, { fromMs: day.fromMs, toMs: day.toMs, limit: 100_000 });
    expect(rows.length).toBeGreaterThan(5);
    const maxSkewMs = day.t.sys.config.maxClockSkewS * 1000;
    for (const r of rows) {
      // A reading held back for hours by the network arrives when its device time is no longer ahead.
      if (r.clockSuspect) expect(r.atMs).toBe(r.receivedAtMs);
      else expect(r.atMs).toBeLessThanOrEqual(r.receivedAtMs + maxSkewMs);
    }
    expect(rows.filter((r) => r.clockSuspect).length).toBeGreaterThan(rows.length * 0.8);
  });

  it('has a swap ledger that matches what the kiosks did', async () => {
    const cmp = await compareLedger(day);
    expect(cmp.simulated).toBeGreaterThan(5);
    expect(cmp.disagreements).toEqual([]);
    expect(cmp.ledger).toBe(cmp.simulated);
  });

  it('leaves every pack in exactly one custody: where the simulated pack really is', async () => {
    const cmp = compareCustody(day);
    expect(cmp.differences).toEqual([]);
    expect(cmp.slotsClaimedTwice).toEqual([]);
    expect(await day.t.sys.fleet.listAnomalies(100)).toEqual([]);
    // Real kiosk behaviour never trips the custody plausibility rule.
    expect(day.t.sys.placement.counters.disputed).toBe(0);
  });

  it('quarantines every damaged payload with a reason, and nothing else', async () => {
    const res = await fetch(`${day.t.sys.httpUrl}/v1/quarantine?limit=1000`, { headers: day.t.admin });
    const q = (await res.json()) as { total: number; items: { payloadBase64: string; reason: string; detail: string; deviceId: string }[] };
    const corrupt = day.fleet.acks.corrupt;
    expect(corrupt.length).toBeGreaterThan(10);
    // A damaged copy resent after a lost PUBACK is the same bytes: the quarantine keeps identical
    // payloads of a device once per hour, so each distinct damaged payload is there at least once.
    expect(q.total).toBeGreaterThanOrEqual(new Set(corrupt.map((c) => Buffer.from(c.bytes).toString('base64'))).size);
    expect(q.items.length).toBe(q.total);
    const inQuarantine = new Set(q.items.map((i) => i.payloadBase64));
    for (const c of corrupt) expect(inQuarantine.has(Buffer.from(c.bytes).toString('base64'))).toBe(true);
    for (const item of q.items) {
      expect(day.fleet.acks.corruptSent.has(item.payloadBase64), `a payload the simulator never damaged was quarantined: ${item.reason} ${item.detail}`).toBe(true);
      expect(['CF_ERR_INGEST_DECODE', 'CF_ERR_INGEST_NO_HEADER', 'CF_ERR_INGEST_OUT_OF_RANGE', 'CF_ERR_INGEST_FIELD_MISSING']).toContain(item.reason);
      expect(item.detail.length).toBeGreaterThan(0);
    }
  });

  it('keeps the broker up through the storms', () => {
    const h = day.t.sys.health();
    expect(h.status).toBe('ok');
    const m = day.t.sys.broker.metrics();
    expect(m.connections).toBe(64);
    expect(m.connectionsAccepted).toBe(64 + day.fleet.report().connections.reconnects);
    expect(day.fleet.pool.upCount).toBe(64);
  });
});
