// The one suite every TelemetryStore runs (as aedes-persistence does for its backends). It speaks
// only the interface. Device ids carry a random run id and fleet-wide queries use a window of
// their own, so a shared server (InfluxDB in CI) does not leak data between tests or runs.
import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskEventRecord, PackReading } from '../../domain/readings.ts';
import type { TelemetryBatch, TelemetryStore, WriteResult } from '../../store/telemetry-store.ts';
import { HOUR, MIN, SLOTS, T0, event, kiosk, pack } from './telemetry-fixtures.ts';

export interface ContractTarget {
  store: TelemetryStore;
  /** Closes the store and removes whatever it created (temp dir, database). */
  cleanup(): Promise<void>;
}

const batch = (b: Partial<TelemetryBatch>): TelemetryBatch => ({ packs: [], kiosks: [], events: [], ...b });
const keyOf = (r: { bootId: number; seq: number }) => `${r.bootId}/${r.seq}`;

/** What a store promises beyond the common core. Every flag defaults to the strict behaviour. */
export interface ContractCapabilities {
  /**
   * WriteResult counts a row stored by an earlier batch as a duplicate. InfluxDB cannot tell: a
   * redelivered point overwrites itself silently. With false, the suite checks written +
   * duplicates instead, and still that reads show each row once.
   */
  countsStoredDuplicates?: boolean;
}

export function telemetryStoreContract(name: string, make: () => Promise<ContractTarget>, caps: ContractCapabilities = {}): void {
  // For writes that repeat rows of an earlier batch.
  const expectRepeatWrite = (got: WriteResult, want: WriteResult) =>
    caps.countsStoredDuplicates === false ? expect(got.written + got.duplicates).toBe(want.written + want.duplicates) : expect(got).toEqual(want);
  describe(`TelemetryStore contract: ${name}`, () => {
    const run = randomBytes(4).toString('hex');
    const id = (what: string) => `ct-${run}-${what}`;
    // Fleet-wide queries (no device filter) look at a window no other test or run writes into.
    const W0 = Date.UTC(2026, 5, 1) + randomInt(0, 4000) * HOUR;
    let target: ContractTarget;
    let store: TelemetryStore;

    beforeAll(async () => {
      target = await make();
      store = target.store;
      await store.open();
      await store.open(); // idempotent
    });
    afterAll(async () => {
      await target?.cleanup();
    });

    it('writes a batch once: the same batch again is all duplicates and reads show one row each', async () => {
      const p = id('idem-p');
      const k = id('idem-k');
      const b = batch({ packs: [pack(p, 1, T0), pack(p, 2, T0 + 1000)], kiosks: [kiosk(k, 1, T0)], events: [event(k, 2, T0 + 500)] });
      expect(await store.writeBatch(b)).toEqual({ written: 4, duplicates: 0 });
      expectRepeatWrite(await store.writeBatch(b), { written: 0, duplicates: 4 });
      expectRepeatWrite(await store.writeBatch(batch({ packs: [pack(p, 2, T0 + 1000), pack(p, 3, T0 + 2000)] })), { written: 1, duplicates: 1 });
      const q = { fromMs: T0 - HOUR, toMs: T0 + HOUR };
      expect((await store.packReadings(p, q)).map(keyOf)).toEqual(['7/1', '7/2', '7/3']);
      expect(await store.kioskReadings(k, q)).toHaveLength(1);
      expect(await store.kioskEvents(k, q)).toHaveLength(1);
    });

    it('counts rows repeated inside one batch as duplicates and stores them once', async () => {
      const p = id('inbatch-p');
      const k = id('inbatch-k');
      const r = pack(p, 10, T0);
      const b = batch({
        packs: [r, { ...r }, pack(p, 11, T0 + 1000), { ...r }],
        kiosks: [kiosk(k, 5, T0), kiosk(k, 5, T0)],
        events: [event(k, 6, T0), event(k, 6, T0), event(k, 7, T0 + 1)],
      });
      expect(await store.writeBatch(b)).toEqual({ written: 5, duplicates: 4 });
      const q = { fromMs: T0 - HOUR, toMs: T0 + HOUR };
      expect((await store.packReadings(p, q)).map(keyOf)).toEqual(['7/10', '7/11']);
      expect(await store.kioskReadings(k, q)).toHaveLength(1);
      expect((await store.kioskEvents(k, q)).map(keyOf)).toEqual(['3/6', '3/7']);
    });

    it('treats a redelivery received later, even with a re-stamped time, as the same reading', async () => {
      const p = id('redeliver-p');
      const first = pack(p, 1, T0, { clockSuspect: true, receivedAtMs: T0 });
      expect(await store.writeBatch(batch({ packs: [first] }))).toEqual({ written: 1, duplicates: 0 });
      // The device resends after a reconnect; its clock is still suspect, so atMs is the new receive time.
      const again = { ...first, atMs: T0 + 9000, receivedAtMs: T0 + 9000 };
      expectRepeatWrite(await store.writeBatch(batch({ packs: [again] })), { written: 0, duplicates: 1 });
      const rows = await store.packReadings(p, { fromMs: T0 - HOUR, toMs: T0 + HOUR });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ packId: p, bootId: 7, seq: 1, socPct: 80 });
    });

    it('keeps the same seq from different boots as different readings', async () => {
      const p = id('boots-p');
      expect(await store.writeBatch(batch({ packs: [pack(p, 1, T0, { bootId: 1 }), pack(p, 1, T0 + 1000, { bootId: 2 })] }))).toEqual({ written: 2, duplicates: 0 });
      expect((await store.packReadings(p, { fromMs: T0, toMs: T0 + HOUR })).map(keyOf)).toEqual(['1/1', '2/1']);
    });

    it('returns an empty write result for an empty batch', async () => {
      expect(await store.writeBatch(batch({}))).toEqual({ written: 0, duplicates: 0 });
    });

    describe('range reads', () => {
      const p = id('range-p');
      // Inserted out of order on purpose, with four readings in the same millisecond: the order of
      // a read is by time, then seq, never by arrival.
      beforeAll(async () => {
        await store.writeBatch(batch({ packs: [pack(p, 5, T0 + 2000), pack(p, 4, T0 + 1000), pack(p, 9, T0 + 1000)] }));
        await store.writeBatch(batch({ packs: [pack(p, 1, T0), pack(p, 3, T0 + 1000), pack(p, 6, T0 + 3000), pack(p, 2, T0 + 1000)] }));
      });

      it('includes from, excludes to, and orders ascending by time then seq by default', async () => {
        const got = await store.packReadings(p, { fromMs: T0 + 1000, toMs: T0 + 3000 });
        expect(got.map((r) => [r.atMs, r.seq])).toEqual([
          [T0 + 1000, 2],
          [T0 + 1000, 3],
          [T0 + 1000, 4],
          [T0 + 1000, 9],
          [T0 + 2000, 5],
        ]);
        expect((await store.packReadings(p, { fromMs: T0 + 1000, toMs: T0 + 3000, order: 'asc' })).map((r) => r.seq)).toEqual([2, 3, 4, 9, 5]);
      });

      it('orders descending by time then seq', async () => {
        const got = await store.packReadings(p, { fromMs: T0, toMs: T0 + 3001, order: 'desc' });
        expect(got.map((r) => r.seq)).toEqual([6, 5, 9, 4, 3, 2, 1]);
      });

      it('applies the limit after ordering', async () => {
        expect((await store.packReadings(p, { fromMs: T0, toMs: T0 + HOUR, limit: 2 })).map((r) => r.seq)).toEqual([1, 2]);
        expect((await store.packReadings(p, { fromMs: T0, toMs: T0 + HOUR, limit: 2, order: 'desc' })).map((r) => r.seq)).toEqual([6, 5]);
        expect((await store.packReadings(p, { fromMs: T0 + 1000, toMs: T0 + 2000, limit: 3, order: 'desc' })).map((r) => r.seq)).toEqual([9, 4, 3]);
      });

      it('returns nothing for another device or an empty range', async () => {
        expect(await store.packReadings(id('range-nobody'), { fromMs: T0, toMs: T0 + HOUR })).toEqual([]);
        expect(await store.packReadings(p, { fromMs: T0 + 3001, toMs: T0 + HOUR })).toEqual([]);
      });

      it('round-trips every field of a pack reading exactly', async () => {
        const full = pack(id('exact-p'), 42, T0 + 5, {
          bootId: 4_000_000_000,
          receivedAtMs: T0 + 777,
          firmware: 'pack-fw 3.0.0-rc.1',
          socPct: 12.345678,
          voltageMv: 3312,
          currentMa: -2150,
          tempC: -3.75,
          cycles: 499,
          sohPct: 81.5,
          state: 5,
          faultFlags: 1 | 2 | 64,
          latE7: -337_000_123,
          lonE7: 1_512_000_456,
          accuracyM: 1200,
        });
        await store.writeBatch(batch({ packs: [full] }));
        expect(await store.packReadings(full.packId, { fromMs: T0, toMs: T0 + 10 })).toEqual([full]);
      });

      it('round-trips absent and zero location fields as null and 0', async () => {
        const p2 = id('loc-p');
        const none = pack(p2, 1, T0, { latE7: null, lonE7: null, accuracyM: null });
        const zero = pack(p2, 2, T0 + 1, { latE7: 0, lonE7: 0, accuracyM: 0, clockSuspect: true });
        await store.writeBatch(batch({ packs: [none, zero] }));
        expect(await store.packReadings(p2, { fromMs: T0, toMs: T0 + 10 })).toEqual([none, zero]);
      });
    });

    it('round-trips kiosk status with every slot exactly', async () => {
      const k = id('status-k');
      const a = kiosk(k, 1, T0);
      const b = kiosk(k, 2, T0 + MIN, { mainsPower: false, door: 3, signalDbm: -104, slots: SLOTS.slice(0, 2).reverse() });
      await store.writeBatch(batch({ kiosks: [b, a] }));
      expect(await store.kioskReadings(k, { fromMs: T0, toMs: T0 + HOUR })).toEqual([a, b]);
      expect(await store.kioskReadings(k, { fromMs: T0, toMs: T0 + HOUR, order: 'desc', limit: 1 })).toEqual([b]);
    });

    it('round-trips kiosk events of every type exactly', async () => {
      const k = id('events-k');
      const evs: KioskEventRecord[] = [
        event(k, 1, T0, { type: 'pack_inserted', slot: 2, packId: 'pk-9', commandId: '', requestId: 'req-77' }),
        event(k, 2, T0 + 1000, { type: 'pack_released', slot: 0, packId: 'pk-ready-1', commandId: 'cmd-42' }),
        event(k, 3, T0 + 2000, { type: 'release_failed', slot: 0, packId: 'pk-ready-1', commandId: 'cmd-43', detail: 'latch jammed' }),
        event(k, 4, T0 + 3000, { type: 'fault', slot: null, packId: '', commandId: '', detail: '17' }),
        event(k, 5, T0 + 4000, { type: 'door', slot: null, packId: '', commandId: '', detail: '2', clockSuspect: true }),
      ];
      await store.writeBatch(batch({ events: evs }));
      expect(await store.kioskEvents(k, { fromMs: T0, toMs: T0 + HOUR })).toEqual(evs);
      expect(await store.kioskEvents(k, { fromMs: T0 + 1000, toMs: T0 + 3000, order: 'desc' })).toEqual([evs[2], evs[1]]);
    });

    describe('aggregates', () => {
      const p = id('agg-p');
      const other = id('agg-other');
      // Buckets of one minute from T0 (hand-computed below):
      //   [T0, +1m):   soc 80, 70, 60      [+1m, +2m): soc 50      [+2m, +4m): nothing      [+4m, +5m): soc 10, 30
      const socs: Array<[number, number]> = [
        [T0 - 1, 99], // before the range
        [T0, 80],
        [T0 + 20_000, 70],
        [T0 + MIN - 1, 60],
        [T0 + MIN, 50],
        [T0 + 4 * MIN + 10_000, 10],
        [T0 + 4 * MIN + 50_000, 30],
        [T0 + 5 * MIN, 1], // at `to`: excluded
      ];
      beforeAll(async () => {
        const rows = socs.map(([at, soc], i) => pack(p, i + 1, at, { socPct: soc, tempC: 20 + i * 0.5 }));
        // Not in time order, so first and last must follow time, not arrival.
        const order = [3, 6, 0, 2, 5, 1, 7, 4];
        await store.writeBatch(batch({ packs: order.slice(0, 3).map((i) => rows[i]!) }));
        await store.writeBatch(batch({ packs: order.slice(3).map((i) => rows[i]!) }));
        await store.writeBatch(batch({ packs: [pack(other, 1, T0 + 5000, { socPct: 0 })] }));
      });
      const q = { field: 'socPct' as const, packId: p, fromMs: T0, toMs: T0 + 5 * MIN, bucketMs: MIN };
      const starts = [T0, T0 + MIN, T0 + 4 * MIN];
      const cases: Array<[string, number[]]> = [
        ['mean', [70, 50, 20]],
        ['min', [60, 50, 10]],
        ['max', [80, 50, 30]],
        ['count', [3, 1, 2]],
        ['first', [80, 50, 10]],
        ['last', [60, 50, 30]],
      ];
      for (const [fn, values] of cases) {
        it(`${fn} per bucket: only buckets with data, ascending, with reading counts`, async () => {
          const got = await store.aggregatePacks({ ...q, fn: fn as 'mean' });
          expect(got).toEqual(starts.map((startMs, i) => ({ startMs, value: values[i], count: [3, 1, 2][i] })));
        });
      }

      it('aggregates another field and a wider bucket', async () => {
        // tempC = 20 + i * 0.5 for i = 1..6 inside the range: 20.5, 21, 21.5, 22, 22.5, 23.
        const got = await store.aggregatePacks({ ...q, field: 'tempC', fn: 'mean', bucketMs: HOUR });
        expect(got).toEqual([{ startMs: T0, value: 21.75, count: 6 }]);
      });

      it('aggregates every pack when no pack is named', async () => {
        const a = id('fleet-a');
        const b = id('fleet-b');
        await store.writeBatch(batch({ packs: [pack(a, 1, W0 + 1000, { voltageMv: 3700 }), pack(a, 2, W0 + MIN + 1, { voltageMv: 3600 }), pack(b, 1, W0 + 2000, { voltageMv: 4000 })] }));
        const got = await store.aggregatePacks({ field: 'voltageMv', fn: 'max', fromMs: W0, toMs: W0 + HOUR, bucketMs: MIN });
        expect(got).toEqual([
          { startMs: W0, value: 4000, count: 2 },
          { startMs: W0 + MIN, value: 3600, count: 1 },
        ]);
      });
    });

    it('counts events of one type per kiosk and bucket', async () => {
      const k1 = id('count-k1');
      const k2 = id('count-k2');
      const at = (h: number, m: number) => W0 + 2 * HOUR + h * HOUR + m * MIN;
      await store.writeBatch(
        batch({
          events: [
            event(k1, 1, at(0, 1)),
            event(k1, 2, at(0, 2)),
            event(k1, 3, at(0, 5), { type: 'door', slot: null, detail: '2' }),
            event(k1, 4, at(1, 1)),
            event(k2, 1, at(0, 10)),
            event(k2, 2, at(3, 0)), // outside the range
          ],
        }),
      );
      const sorted = <T extends { kioskId: string; startMs: number }>(rows: T[]) =>
        [...rows].sort((x, y) => x.kioskId.localeCompare(y.kioskId) || x.startMs - y.startMs);
      const range = { fromMs: at(0, 0), toMs: at(3, 0), bucketMs: HOUR };
      expect(sorted(await store.countEvents({ ...range, type: 'pack_released', kioskId: k1 }))).toEqual([
        { kioskId: k1, startMs: at(0, 0), count: 2 },
        { kioskId: k1, startMs: at(1, 0), count: 1 },
      ]);
      expect(sorted(await store.countEvents({ ...range, type: 'pack_released' }))).toEqual([
        { kioskId: k1, startMs: at(0, 0), count: 2 },
        { kioskId: k1, startMs: at(1, 0), count: 1 },
        { kioskId: k2, startMs: at(0, 0), count: 1 },
      ]);
      expect(await store.countEvents({ ...range, type: 'door', kioskId: k1 })).toEqual([{ kioskId: k1, startMs: at(0, 0), count: 1 }]);
    });

    it('gives the latest reading of each pack by time, whatever the insert order', async () => {
      const a = id('latest-a');
      const b = id('latest-b');
      const c = id('latest-c');
      await store.writeBatch(batch({ packs: [pack(a, 1, T0 + 10_000, { socPct: 55 }), pack(b, 1, T0, { socPct: 90 }), pack(c, 1, T0, { socPct: 20 })] }));
      // Later inserts: a's is older by its clock (a late delivery), b's is newer, c's ties on time with a higher seq.
      await store.writeBatch(batch({ packs: [pack(a, 2, T0 + 5000, { socPct: 60 }), pack(b, 2, T0 + 1000, { socPct: 89, latE7: null, lonE7: null, accuracyM: null }), pack(c, 2, T0, { socPct: 19 })] }));
      const mine = (await store.latestPacks()).filter((r) => [a, b, c].includes(r.packId)).sort((x, y) => x.packId.localeCompare(y.packId));
      expect(mine).toEqual([pack(a, 1, T0 + 10_000, { socPct: 55 }), pack(b, 2, T0 + 1000, { socPct: 89, latE7: null, lonE7: null, accuracyM: null }), pack(c, 2, T0, { socPct: 19 })]);
    });

    it('gives the latest status of each kiosk with its slots', async () => {
      const k = id('latest-k');
      const newer = kiosk(k, 1, T0 + MIN, { door: 2 });
      await store.writeBatch(batch({ kiosks: [newer] }));
      await store.writeBatch(batch({ kiosks: [kiosk(k, 2, T0, { signalDbm: -50 })] }));
      expect((await store.latestKiosks()).filter((r) => r.kioskId === k)).toEqual([newer]);
    });

    it('writes a batch of 10,000 readings in one call and counts every one', async () => {
      const packs = Array.from({ length: 8 }, (_, i) => id(`big-${i}`));
      const rows: PackReading[] = [];
      for (let n = 0; n < 1250; n++) for (const p of packs) rows.push(pack(p, n + 1, W0 + 3 * HOUR + n * 1000, { socPct: 100 - (n % 100) }));
      expect(rows).toHaveLength(10_000);
      expect(await store.writeBatch(batch({ packs: rows }))).toEqual({ written: 10_000, duplicates: 0 });
      const range = { fromMs: W0 + 3 * HOUR, toMs: W0 + 4 * HOUR };
      expect(await store.aggregatePacks({ ...range, field: 'socPct', fn: 'count', bucketMs: HOUR })).toEqual([{ startMs: W0 + 3 * HOUR, value: 10_000, count: 10_000 }]);
      expect(await store.packReadings(packs[0]!, range)).toHaveLength(1000); // the default limit
      expect(await store.packReadings(packs[0]!, { ...range, limit: 5000 })).toHaveLength(1250);
      expectRepeatWrite(await store.writeBatch(batch({ packs: rows })), { written: 0, duplicates: 10_000 });
    });

    it('reports healthy after successful writes', () => {
      expect(store.health()).toMatchObject({ kind: store.kind, ok: true, lastError: null, writeFailures: 0 });
    });
  });
}
