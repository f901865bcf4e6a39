// Demand history for the restock forecast, per store and hour over the last CF_FORECAST_WEEKS:
// takes = packs released (the kiosks' own events in the TelemetryStore) plus requests refused
// for want of a ready pack (the swap ledger: demand a stocked-out store could not serve, which
// would otherwise read as no demand); returns = packs inserted less the packs couriers brought
// (staff loading a delivery is not a customer's return). Hours are read once and cached; each
// call reads only the hours since the last one, plus two to catch late reports.
import type { DemandHistory, StoreDemand } from '../domain/restock/forecast.ts';
import { HOUR_MS, hourStart } from '../domain/restock/local-time.ts';
import type { FleetRegistry } from '../store/fleet-registry.ts';
import type { RestockLedger } from '../store/restock-ledger.ts';
import type { TelemetryStore } from '../store/telemetry-store.ts';

interface HourCounts {
  released: number;
  inserted: number;
  noReady: number;
  arrived: number;
}

const REFETCH_H = 2;

export class DemandHistoryCache {
  /** Per kiosk (released, inserted, refused) or store (arrived), per hour start. */
  private readonly byKiosk = new Map<string, Map<number, HourCounts>>();
  private readonly arrivedByStore = new Map<string, Map<number, number>>();
  private fetchedToMs = 0;
  private fetchedFromMs = 0;
  /** Reads made, for tests and the bench. */
  readonly stats = { fetches: 0, hoursRead: 0 };

  constructor(
    private readonly deps: { store: TelemetryStore; fleet: FleetRegistry; ledger: RestockLedger },
    private readonly weeks: number,
  ) {}

  private counts(kioskId: string, h: number): HourCounts {
    let m = this.byKiosk.get(kioskId);
    if (!m) this.byKiosk.set(kioskId, (m = new Map()));
    let c = m.get(h);
    if (!c) m.set(h, (c = { released: 0, inserted: 0, noReady: 0, arrived: 0 }));
    return c;
  }

  /** Brings the cache up to the start of the current hour and drops what left the window. */
  async refresh(nowMs: number): Promise<void> {
    const toMs = hourStart(nowMs);
    const fromMs = toMs - this.weeks * 7 * 24 * HOUR_MS;
    const readFrom = this.fetchedToMs === 0 || this.fetchedFromMs > fromMs ? fromMs : Math.max(fromMs, this.fetchedToMs - REFETCH_H * HOUR_MS);
    if (readFrom >= toMs) return;
    const { store, fleet, ledger } = this.deps;
    const q = { fromMs: readFrom, toMs, bucketMs: HOUR_MS };
    const [released, inserted, swaps, arrivals] = await Promise.all([
      store.countEvents({ type: 'pack_released', ...q }),
      store.countEvents({ type: 'pack_inserted', ...q }),
      fleet.swapCounts(q),
      ledger.arrivalsPerStoreHour(readFrom, toMs),
    ]);
    // The re-read hours are replaced whole.
    for (const m of this.byKiosk.values()) for (const h of [...m.keys()]) if (h >= readFrom || h < fromMs) m.delete(h);
    for (const m of this.arrivedByStore.values()) for (const h of [...m.keys()]) if (h >= readFrom || h < fromMs) m.delete(h);
    for (const r of released) this.counts(r.kioskId, r.startMs).released += r.count;
    for (const r of inserted) this.counts(r.kioskId, r.startMs).inserted += r.count;
    for (const r of swaps) this.counts(r.kioskId, r.startMs).noReady += r.noReadyPack;
    for (const a of arrivals) {
      let m = this.arrivedByStore.get(a.storeId);
      if (!m) this.arrivedByStore.set(a.storeId, (m = new Map()));
      m.set(a.startMs, (m.get(a.startMs) ?? 0) + a.packs);
    }
    this.fetchedFromMs = fromMs;
    this.fetchedToMs = toMs;
    this.stats.fetches++;
    this.stats.hoursRead += Math.round((toMs - readFrom) / HOUR_MS);
  }

  /** The history as the forecast takes it: one series per store (kiosks summed), hour by hour. */
  history(nowMs: number): DemandHistory {
    const toMs = hourStart(nowMs);
    const fromMs = toMs - this.weeks * 7 * 24 * HOUR_MS;
    const hours = Math.round((toMs - fromMs) / HOUR_MS);
    const fleet = this.deps.fleet;
    const stores: StoreDemand[] = fleet.stores().map((s) => {
      const takes = new Float64Array(hours);
      const returns = new Float64Array(hours);
      for (const k of fleet.kiosks(s.id)) {
        const m = this.byKiosk.get(k.id);
        if (!m) continue;
        for (const [h, c] of m) {
          const i = Math.round((h - fromMs) / HOUR_MS);
          if (i < 0 || i >= hours) continue;
          takes[i] = takes[i]! + c.released + c.noReady;
          returns[i] = returns[i]! + c.inserted;
        }
      }
      const arrived = this.arrivedByStore.get(s.id);
      if (arrived) {
        for (const [h, n] of arrived) {
          const i = Math.round((h - fromMs) / HOUR_MS);
          if (i >= 0 && i < hours) returns[i] = Math.max(0, returns[i]! - n);
        }
      }
      return { storeId: s.id, timeZone: s.timeZone, takes, returns };
    });
    return { fromMs, toMs, stores };
  }
}
