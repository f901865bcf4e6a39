// A data dir written by an earlier build opens and keeps its readings: telemetry tables in the
// shared chargefleet.duckdb are moved into telemetry.duckdb at the first start (and only then), and
// an InfluxDB-era spool/ directory becomes the log and is replayed into the store.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { PackReading } from '../../domain/readings.ts';
import { duckDbPath, migrate, openDuckDb, TELEMETRY_COMPONENT, TELEMETRY_MIGRATIONS } from '../../store/duckdb/index.ts';
import { TelemetryWriter } from '../../store/duckdb/telemetry-writer.ts';
import { FileDurableLog } from '../../store/log/file-log.ts';
import type { LoggedTelemetryStore } from '../../store/log/logged-store.ts';
import { metaOf, telemetryCodec } from '../../store/log/telemetry-codec.ts';
import type { TelemetryBatch } from '../../store/telemetry-store.ts';
import { startTestSystem } from '../helpers/system.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'cf-legacy-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const T = Date.now() - 3_600_000;
const reading = (packId: string, seq: number): PackReading => ({
  packId, bootId: 2, seq, atMs: T + seq * 1000, receivedAtMs: T + seq * 1000 + 20, clockSuspect: false, firmware: 'old', socPct: 30 + seq, voltageMv: 3700, currentMa: -100, tempC: 20, cycles: 5, sohPct: 95, state: 2, faultFlags: 0, latE7: null, lonE7: null, accuracyM: null,
});

async function tablesIn(path: string): Promise<string[]> {
  const inst = await DuckDBInstance.create(path);
  const c = await inst.connect();
  const rows = (await c.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1`)).getRowsJS().map((r) => String(r[0]));
  c.closeSync();
  inst.closeSync();
  return rows;
}

describe('a data dir from before the log', () => {
  it('keeps its stored readings and replays its spool', async () => {
    // The old layout: telemetry (schema version 1) in chargefleet.duckdb, written by the old writer.
    const db = await openDuckDb(duckDbPath(dataDir));
    const conn = await db.connect();
    await migrate(conn, TELEMETRY_COMPONENT, TELEMETRY_MIGRATIONS.slice(0, 1));
    await new TelemetryWriter(conn).write({ packs: [1, 2, 3].map((s) => reading('old-p1', s)), kiosks: [], events: [] });
    await conn.close();
    await db.close();
    // And readings an InfluxDB-era build had acknowledged into its spool but not shipped.
    const spool = new FileDurableLog<TelemetryBatch>({ dir: join(dataDir, 'spool'), codec: telemetryCodec, consumers: ['store'], maxBytes: 1 << 24, logger: pino({ level: 'silent' }) });
    await spool.open();
    const b: TelemetryBatch = { packs: [4, 5].map((s) => reading('old-p1', s)), kiosks: [], events: [] };
    await spool.append(b, metaOf(b, T));
    await spool.close();

    const t = await startTestSystem({ dataDir });
    try {
      const res = await t.sys.api.inject({ url: '/v1/packs/old-p1/readings?from=0&limit=100&order=asc', headers: t.admin });
      expect((res.json().readings as { seq: number }[]).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(t.sys.live.pack('old-p1')?.reading.seq).toBe(5);
      await (t.sys.store as LoggedTelemetryStore).whenDrained(30_000);
    } finally {
      await t.stop({ keepData: true });
    }
    expect(existsSync(join(dataDir, 'spool'))).toBe(false);
    expect(existsSync(join(dataDir, 'log'))).toBe(true);
    // Moved, not copied: the registry's file no longer holds telemetry; the telemetry file does.
    expect(await tablesIn(duckDbPath(dataDir))).not.toContain('pack_readings');
    expect(await tablesIn(join(dataDir, 'telemetry.duckdb'))).toEqual(expect.arrayContaining(['pack_readings', 'pack_latest', 'kiosk_status', 'kiosk_events']));

    // A second start changes nothing: every reading once, live state as before.
    const again = await startTestSystem({ dataDir });
    try {
      const res = await again.sys.api.inject({ url: '/v1/packs/old-p1/readings?from=0&limit=100&order=asc', headers: again.admin });
      expect((res.json().readings as { seq: number }[]).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
      expect((await again.sys.api.inject({ url: '/v1/packs/old-p1', headers: again.admin })).json()).toMatchObject({ latest: { seq: 5, socPct: 35 } });
    } finally {
      await again.stop({ keepData: true });
    }
  }, 120_000);
});
