// The Grafana dashboard in docs/grafana/ against a real InfluxDB (Debian's 1.6.7 in CI): every
// InfluxQL query in it (panels and template variables), with Grafana's macros filled in as Grafana
// fills them, runs on readings written by the real InfluxDB store, and answers the figures those
// readings imply. InfluxDB answers an unknown field or measurement with no rows rather than an
// error, so each query must also return data, and the panels' figures are checked, not just run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskEventRecord, KioskReading, PackReading, SlotReading } from '../../domain/readings.ts';
import { createInfluxTelemetryStore } from '../../store/influx/influx-store.ts';
import { InfluxQlClient, type Row } from '../../store/influx/influxql.ts';
import type { TelemetryStore } from '../../store/telemetry-store.ts';
import { event, kiosk, pack } from '../contract/telemetry-fixtures.ts';
import { influxSkipReason, startInflux, type InfluxServer } from '../helpers/influx-server.ts';
import { ROOT } from '../helpers/server-process.ts';

interface Target { refId: string; query: string; rawQuery?: boolean }
interface Panel { id: number; title: string; type: string; interval?: string; targets: Target[] }
interface Dashboard {
  __inputs: { name: string; pluginId: string }[];
  panels: Panel[];
  templating: { list: { name: string; query: string; allValue?: string }[] };
}

const DASHBOARD = JSON.parse(readFileSync(join(ROOT, 'docs', 'grafana', 'chargefleet.json'), 'utf8')) as Dashboard;
const MIN = 60_000;
const skip = influxSkipReason();

/** Grafana's duration format ("10s", "1m", "1h") in ms. */
function durationMs(d: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(d);
  if (!m) throw new Error(`not a Grafana interval: ${d}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: MIN, h: 60 * MIN, d: 1440 * MIN }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd'];
}

/** Grafana's regex escaping of a variable's values (kbn.regexEscape), joined as it does for a multi-value variable. */
function regexValue(values: string[] | 'all', allValue: string): string {
  if (values === 'all') return allValue;
  const esc = values.map((v) => v.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&'));
  return esc.length === 1 ? esc[0]! : `(${esc.join('|')})`;
}

/**
 * A query as Grafana's InfluxDB data source sends it: $timeFilter as absolute ms, $__interval as the
 * panel's interval (Grafana never goes below a panel's minimum interval; over a short range it uses it),
 * and the kiosk variable. Anything else left with a `$` is a macro this test does not know: a failure.
 */
function interpolate(q: string, o: { fromMs: number; toMs: number; intervalMs: number; kiosks: string[] | 'all' }): string {
  const allValue = DASHBOARD.templating.list.find((v) => v.name === 'kiosk')?.allValue ?? '.*';
  const out = q
    .replaceAll('$timeFilter', `time >= ${o.fromMs}ms and time <= ${o.toMs}ms`)
    .replaceAll('$__interval_ms', String(o.intervalMs))
    .replaceAll('$__interval', `${o.intervalMs / 1000}s`)
    .replaceAll('$kiosk', regexValue(o.kiosks, allValue));
  if (/\$[\w{]/.test(out)) throw new Error(`a macro this test does not fill in: ${out}`);
  return out;
}

// Two stores' worth of kiosks: k-a1 and k-a2 (store A) report every minute for the whole hour;
// k-b1 (store B) stops half way (offline now). Slot states: 1 empty, 2 charging, 3 ready, 4 fault.
const slot = (index: number, state: number): SlotReading => ({ index, state, packId: state === 1 ? '' : `pk-${index}`, socPct: state === 3 ? 98 : state === 2 ? 40 : 0, tempC: 25, chargeCurrentMa: state === 2 ? 1800 : 0, faultCode: state === 4 ? 17 : 0 });
const KIOSK_SLOTS: Record<string, number[]> = {
  'k-a1': [3, 2, 1, 4], // ready 1, charging 1, empty 1
  'k-a2': [3, 3, 2, 4], // ready 2, charging 1, empty 0
  'k-b1': [3, 3, 3, 3], // ready 4
};
const PACKS = 20;
/** Pack j's charge: 30, 40, 50, 60, 70 (four packs each): mean 50, p10 30, p90 70 in every minute. */
const socOf = (j: number) => 30 + 10 * (j % 5);

if (skip) {
  describe('the Grafana dashboard on InfluxDB', () => {
    it.skip(`skipped: ${skip}`, () => undefined);
  });
} else {
  describe('the Grafana dashboard on InfluxDB', () => {
    let server: InfluxServer;
    let store: TelemetryStore;
    let ql: InfluxQlClient;
    /** The data: a reading a minute from `base` (5-minute aligned, an hour or so ago) up to now; `minutes` of them. */
    let base: number;
    let minutes: number;
    const packReadings: PackReading[] = [];

    beforeAll(async () => {
      server = await startInflux();
      store = createInfluxTelemetryStore({ url: server.url, token: 'test-token', org: 'chargefleet', bucket: server.db, logger: pino({ level: 'silent' }) });
      await store.open();
      ql = new InfluxQlClient({ url: server.url, database: server.db, timeoutMs: 30_000 });
      const now = Date.now();
      base = Math.floor(now / (5 * MIN)) * 5 * MIN - 60 * MIN;
      minutes = Math.floor((now - base) / MIN) + 1;
      const kiosks: KioskReading[] = [];
      const events: KioskEventRecord[] = [];
      for (let i = 0; i < minutes; i++) {
        const at = base + i * MIN;
        for (let j = 0; j < PACKS; j++) packReadings.push(pack(`pk-${String(j).padStart(3, '0')}`, i, at, { socPct: socOf(j) }));
        for (const [id, states] of Object.entries(KIOSK_SLOTS)) {
          if (id === 'k-b1' && i >= 30) continue;
          kiosks.push(kiosk(id, i, at + 1000, { slots: states.map((s, n) => slot(n, s)) }));
        }
      }
      for (let n = 0; n < 6; n++) events.push(event('k-a1', 1000 + n, base + n * 5 * MIN + 2000, { type: 'pack_released', commandId: `cmd-${n}` }));
      for (let n = 0; n < 2; n++) events.push(event('k-a2', 2000 + n, base + n * 5 * MIN + 3000, { type: 'pack_inserted', slot: 2, packId: `pk-in-${n}` }));
      await store.writeBatch({ packs: packReadings, kiosks, events });
    }, 120_000);

    afterAll(async () => {
      await store?.close();
      await server?.dispose();
    });

    const range = () => ({ fromMs: base - 5 * MIN, toMs: base + minutes * MIN });
    const panel = (id: number) => {
      const p = DASHBOARD.panels.find((x) => x.id === id);
      if (!p) throw new Error(`no panel ${id}`);
      return p;
    };
    const run = async (id: number, ref: string, kiosks: string[] | 'all' = 'all', intervalMs?: number) => {
      const p = panel(id);
      const t = p.targets.find((x) => x.refId === ref);
      if (!t) throw new Error(`no target ${ref} in panel ${id}`);
      const q = interpolate(t.query, { ...range(), intervalMs: intervalMs ?? durationMs(p.interval ?? '1m'), kiosks });
      return ql.query(q);
    };
    const values = (rows: Row[], col: string) => rows.map((r) => r[col]).filter((v): v is number => typeof v === 'number');

    it('is an importable dashboard whose every query is raw InfluxQL on the chargefleet data source', () => {
      expect(DASHBOARD.__inputs.map((i) => i.pluginId)).toEqual(['influxdb']);
      expect(DASHBOARD.panels.length).toBeGreaterThanOrEqual(8);
      for (const p of DASHBOARD.panels) {
        expect(p.targets.length, p.title).toBeGreaterThan(0);
        for (const t of p.targets) {
          expect(t.rawQuery, `${p.title} ${t.refId}`).toBe(true);
          expect(t.query, `${p.title} ${t.refId}: one statement`).not.toContain(';');
        }
      }
    });

    it('answers every query, of every panel and variable, with data (both for some kiosks and for all)', async () => {
      const queries = [
        ...DASHBOARD.panels.flatMap((p) => p.targets.map((t) => ({ what: `${p.title} (${t.refId})`, q: t.query, intervalMs: durationMs(p.interval ?? '1m') }))),
        ...DASHBOARD.templating.list.map((v) => ({ what: `variable ${v.name}`, q: v.query, intervalMs: MIN })),
      ];
      expect(queries.length).toBeGreaterThanOrEqual(12);
      for (const kiosks of [['k-a1', 'k-a2'], 'all'] as const) {
        for (const { what, q, intervalMs } of queries) {
          const series = await ql.query(interpolate(q, { ...range(), intervalMs, kiosks: kiosks === 'all' ? 'all' : [...kiosks] })).catch((err: Error) => {
            throw new Error(`${what}: ${err.message}`);
          });
          const rows = series.flatMap((s) => s.rows);
          expect(rows.length, `${what} returned no rows`).toBeGreaterThan(0);
          // Every column (a misspelt field in one of several is a column of nulls) holds data somewhere.
          const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => c !== 'time');
          expect(columns.length, what).toBeGreaterThan(0);
          for (const c of columns) expect(rows.some((r) => r[c] !== null && r[c] !== 0), `${what}: column ${c} is empty`).toBe(true);
        }
      }
    });

    it('offers the kiosks as the variable to choose a store by', async () => {
      const v = DASHBOARD.templating.list.find((x) => x.name === 'kiosk')!;
      const rows = (await ql.query(v.query)).flatMap((s) => s.rows);
      expect(rows.map((r) => r.value).sort()).toEqual(['k-a1', 'k-a2', 'k-b1']);
    });

    it('shows the fleet now: charged packs and kiosks online count only kiosks heard in the last 5 minutes', async () => {
      expect(values((await run(1, 'A')).flatMap((s) => s.rows), 'sum')).toEqual([1 + 2]);
      expect(values((await run(2, 'A')).flatMap((s) => s.rows), 'count')).toEqual([2]);
      const before = Date.now();
      const mean = values((await run(4, 'A')).flatMap((s) => s.rows), 'mean');
      expect(mean).toEqual([50]);
      const perS = values((await run(3, 'A')).flatMap((s) => s.rows), 'count')[0];
      const after = Date.now();
      // Readings newer than now() - 5m: which whole minutes count depends on the instant the query ran.
      const expected = [before, after].map((t) => packReadings.filter((r) => r.atMs > t - 5 * MIN).length / 300);
      expect(expected).toContain(perS);
    });

    it('charts the fleet SoC as mean, p10 and p90 per interval', async () => {
      const rows = (await run(5, 'A', 'all', MIN)).flatMap((s) => s.rows);
      expect(rows).toHaveLength(minutes);
      for (const r of rows) expect([r.mean, r.p10, r.p90]).toEqual([50, 30, 70]);
    });

    it('charts readings per second by kind', async () => {
      const packsPerS = values((await run(6, 'A', 'all', MIN)).flatMap((s) => s.rows), 'count');
      expect(Math.max(...packsPerS)).toBeCloseTo(PACKS / 60, 9);
      expect(packsPerS.filter((v) => Math.abs(v - PACKS / 60) < 1e-9)).toHaveLength(minutes);
      const kioskPerS = values((await run(6, 'B', 'all', MIN)).flatMap((s) => s.rows), 'count');
      expect(kioskPerS.filter((v) => Math.abs(v - 3 / 60) < 1e-9)).toHaveLength(30);
      expect(kioskPerS.filter((v) => Math.abs(v - 2 / 60) < 1e-9)).toHaveLength(minutes - 30);
      const eventsTotal = values((await run(6, 'C', 'all', MIN)).flatMap((s) => s.rows), 'count').reduce((a, b) => a + b * 60, 0);
      expect(eventsTotal).toBeCloseTo(8, 9);
    });

    it("charts a store's stock from its kiosks, and ready packs per kiosk", async () => {
      const storeA = (await run(7, 'A', ['k-a1', 'k-a2'])).flatMap((s) => s.rows);
      expect(storeA).toHaveLength(minutes);
      for (const r of storeA) expect([r.ready, r.charging, r['free return slots']]).toEqual([3, 2, 1]);
      const fleet = (await run(7, 'A', 'all')).flatMap((s) => s.rows);
      expect(values(fleet, 'ready').filter((v) => v === 3 + 4)).toHaveLength(30);
      expect(values(fleet, 'ready').filter((v) => v === 3)).toHaveLength(minutes - 30);
      const perKiosk = await run(8, 'A', ['k-b1']);
      expect(perKiosk.map((s) => s.tags.kiosk_id)).toEqual(['k-b1']);
      expect(values(perKiosk[0]!.rows, 'last')).toEqual(Array(30).fill(4));
    });

    it('counts kiosks online per 5 minutes, and events by type', async () => {
      const online = values((await run(9, 'A')).flatMap((s) => s.rows), 'count');
      expect(online.filter((v) => v === 3)).toHaveLength(6);
      expect(online.filter((v) => v === 2)).toHaveLength(Math.ceil((minutes - 30) / 5));
      const byType = Object.fromEntries((await run(10, 'A')).map((s) => [s.tags.type, values(s.rows, 'count').reduce((a, b) => a + b, 0)]));
      expect(byType).toEqual({ pack_released: 6, pack_inserted: 2 });
    });
  });
}
