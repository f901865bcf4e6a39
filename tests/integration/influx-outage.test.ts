// InfluxDB goes away while devices keep publishing: every acknowledged reading still arrives
// exactly once when it comes back, the spool drains, and health shows the backlog and the
// failures meanwhile. Past the spool's bound, ingest stops acknowledging instead of dropping.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isCfError } from '../../domain/errors.ts';
import type { PackReading } from '../../domain/readings.ts';
import { createInfluxTelemetryStore } from '../../store/influx/influx-store.ts';
import { InfluxQlClient } from '../../store/influx/influxql.ts';
import { createLoggedStore, type LoggedTelemetryStore } from '../../store/log/logged-store.ts';
import { influxSkipReason, startInflux, type InfluxServer } from '../helpers/influx-server.ts';

const logger = pino({ level: 'silent' });
const skip = influxSkipReason() ?? (process.env.CF_TEST_INFLUX_URL ? 'CF_TEST_INFLUX_URL is set: this test must stop and start its own influxd' : null);

/** A fleet of packs that publish readings with rising seqs, remembering what was acknowledged. */
class Fleet {
  readonly acked = new Map<string, PackReading>();
  private seq = 0;
  readonly sent: PackReading[][] = [];
  constructor(private readonly store: LoggedTelemetryStore, private readonly packs = 10) {}
  next(n: number): PackReading[] {
    const now = Date.now();
    return Array.from({ length: n }, () => {
      const seq = ++this.seq;
      return {
        packId: `outage-p${seq % this.packs}`, bootId: 1, seq, atMs: now - 5000 + seq, receivedAtMs: now, clockSuspect: false,
        firmware: '2.0.0', socPct: seq % 100, voltageMv: 3700, currentMa: -300, tempC: 21.5, cycles: 40, sohPct: 96,
        state: 2, faultFlags: 0, latE7: null, lonE7: null, accuracyM: null,
      };
    });
  }
  /** Resolves when acknowledged (the PUBACK point); throws when not. */
  async publish(packs: PackReading[]): Promise<void> {
    await this.store.writeBatch({ packs, kiosks: [], events: [] });
    this.sent.push(packs);
    for (const p of packs) this.acked.set(`${p.packId}/${p.bootId}/${p.seq}`, p);
  }
}

async function storedKeys(srv: InfluxServer, db: string): Promise<string[]> {
  const ql = new InfluxQlClient({ url: srv.url, database: db, timeoutMs: 10_000 });
  const rows = await ql.rows('SELECT pack_id, boot_id, seq FROM pack_telemetry');
  return rows.map((r) => `${String(r.pack_id)}/${String(r.boot_id)}/${String(r.seq)}`);
}

describe.skipIf(skip !== null)(`InfluxDB outage${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let srv: InfluxServer;
  let dir: string;
  let store: LoggedTelemetryStore | null = null;
  let dbSeq = 0;

  beforeAll(async () => {
    srv = await startInflux();
  });
  afterAll(async () => {
    await srv?.dispose();
  });
  afterEach(async () => {
    await srv.start(); // whatever the test did, leave the server up
    await store?.close();
    store = null;
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(maxBytes: number): Promise<{ s: LoggedTelemetryStore; db: string }> {
    const db = `${srv.db}_${dbSeq++}`;
    await srv.createDatabase(db);
    dir = mkdtempSync(join(tmpdir(), 'cf-outage-'));
    const remote = createInfluxTelemetryStore({ url: srv.url, token: '', org: 'chargefleet', bucket: db, logger, batchLines: 500, flushIntervalMs: 20, timeoutMs: 3000 });
    store = createLoggedStore(remote, { dir, maxBytes, logger, backoff: { initialMs: 50, maxMs: 400 } });
    await store.open();
    return { s: store, db };
  }

  it('delivers every acknowledged reading exactly once after InfluxDB stops and starts again', async () => {
    const { s, db } = await open(64 * 1024 * 1024);
    const fleet = new Fleet(s);
    for (let i = 0; i < 20; i++) await fleet.publish(fleet.next(25));
    await s.whenDrained(15_000);
    expect(s.health()).toMatchObject({ ok: true, writeFailures: 0, spool: { depth: 0 } });

    await srv.stop();
    // Keep publishing through the outage (bounded in count and time), with QoS 1 redeliveries mixed in.
    const deadline = Date.now() + 20_000;
    let batches = 0;
    for (; batches < 2000 && (batches < 40 || s.health().writeFailures < 3); batches++) {
      if (Date.now() > deadline) throw new Error(`only ${s.health().writeFailures} ship failures in 20 s`);
      await fleet.publish(batches % 10 === 9 ? fleet.sent[fleet.sent.length - 3]! : fleet.next(25));
      await new Promise((r) => setImmediate(r));
    }
    const during = s.health();
    expect(during.ok).toBe(true); // ingest still gets its PUBACKs: the spool takes the readings
    expect(during.writeFailures).toBeGreaterThanOrEqual(3);
    expect(during.lastError).toMatch(/502|ECONNREFUSED|unavailable|socket hang up/i);
    expect(during.spool!.depth).toBeGreaterThanOrEqual(36 * 25);
    expect(during.spool!.bytes).toBeGreaterThan(0);
    expect(during.spool!.oldestUnshippedAtMs).not.toBeNull();
    expect(during.spool!.backpressure).toBe(false);

    await srv.start();
    await s.whenDrained(60_000);
    const after = s.health();
    expect(after).toMatchObject({ ok: true, spool: { depth: 0, bytes: 0, oldestUnshippedAtMs: null, backpressure: false } });
    expect(after.writeFailures).toBeGreaterThanOrEqual(during.writeFailures);
    expect(after.lastError).toBe(during.lastError); // the last error stays visible, with its time

    const keys = await storedKeys(srv, db);
    expect(keys.length).toBe(fleet.acked.size); // no duplicate from the redeliveries or the retries
    expect(new Set(keys)).toEqual(new Set(fleet.acked.keys()));
  });

  it('stops acknowledging once the spool is full, loses nothing it acknowledged, and takes readings again after draining', async () => {
    const { s, db } = await open(48 * 1024);
    const fleet = new Fleet(s);
    await srv.stop({ hard: true });
    let refusal: unknown = null;
    for (let i = 0; i < 500 && refusal === null; i++) {
      const batch = fleet.next(10);
      await fleet.publish(batch).catch((err: unknown) => {
        refusal = err;
      });
    }
    expect(isCfError(refusal) && refusal.code).toBe('CF_ERR_STORE_BACKPRESSURE');
    const full = s.health();
    expect(full).toMatchObject({ ok: false, spool: { backpressure: true } });
    expect(full.spool!.depth).toBe(fleet.acked.size);
    // Still full while InfluxDB is down: the device keeps its reading and tries again later.
    await expect(fleet.publish(fleet.next(10))).rejects.toMatchObject({ code: 'CF_ERR_STORE_BACKPRESSURE' });

    await srv.start();
    await s.whenDrained(60_000);
    expect(s.health().spool).toMatchObject({ depth: 0, backpressure: false });
    await fleet.publish(fleet.next(10));
    await s.whenDrained(15_000);
    const keys = await storedKeys(srv, db);
    expect(keys.length).toBe(fleet.acked.size);
    expect(new Set(keys)).toEqual(new Set(fleet.acked.keys()));
  });
});
