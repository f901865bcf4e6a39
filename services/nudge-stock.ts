// Stock in reach of one customer, as the nudge policy needs it at the moment it decides: their usual
// stores, and the stores nearest the pack's last location, each with the kiosk that has the most
// packs ready for this customer (charged, healthy, not held for someone else, not promised).
import { distanceM, type StoreOption } from '../domain/nudge/nudge-policy.ts';
import type { StockLookup } from '../domain/nudge/nudge-engine.ts';
import type { Store } from '../domain/fleet-model.ts';
import type { FleetRegistry } from '../store/fleet-registry.ts';

export interface FleetStockOptions {
  fleet: Pick<FleetRegistry, 'stores' | 'store' | 'kiosks'>;
  readyPacksFor(kioskId: string, customerId: string, nowMs: number): number;
  maxDistanceM: number;
  /** Stores near the customer looked at, besides their usual ones. */
  nearest?: number;
  /** The store list is re-read at most this often (stores change only by import). */
  refreshMs?: number;
}

const M_PER_DEG = 111_320;

/** Grid cells of about 1 km: a lookup reads the cells within reach, not every store of the fleet. */
const CELL_DEG = 0.01;
const cellKey = (x: number, y: number): number => x * 1_000_003 + y;

export class FleetStock implements StockLookup {
  private readonly grid = new Map<number, Store[]>();
  private loadedAtMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly o: FleetStockOptions) {}

  options(customerId: string, usualStoreIds: readonly string[], location: { lat: number; lon: number } | null, nowMs: number): StoreOption[] {
    const out: StoreOption[] = [];
    const seen = new Set<string>();
    usualStoreIds.forEach((id, rank) => {
      const st = this.o.fleet.store(id);
      if (!st) return;
      seen.add(id);
      out.push(this.option(st, customerId, location, nowMs, rank));
    });
    if (location) for (const st of this.near(location, nowMs)) if (!seen.has(st.id)) out.push(this.option(st, customerId, location, nowMs, null));
    return out;
  }

  /** The nearest stores within reach, by a flat-earth distance (fine at city scale) before the exact one. */
  private near(at: { lat: number; lon: number }, nowMs: number): Store[] {
    if (nowMs - this.loadedAtMs > (this.o.refreshMs ?? 60_000)) {
      this.grid.clear();
      for (const st of this.o.fleet.stores()) {
        const key = cellKey(Math.floor(st.lat / CELL_DEG), Math.floor(st.lon / CELL_DEG));
        const cell = this.grid.get(key);
        if (cell) cell.push(st);
        else this.grid.set(key, [st]);
      }
      this.loadedAtMs = nowMs;
    }
    const k = this.o.nearest ?? 5;
    const cos = Math.cos((at.lat * Math.PI) / 180);
    const reachM = this.o.maxDistanceM * 1.05;
    const reach = reachM ** 2;
    const cy = Math.floor(at.lat / CELL_DEG);
    const cx = Math.floor(at.lon / CELL_DEG);
    const cellM = CELL_DEG * M_PER_DEG * Math.max(0.05, cos);
    const maxRing = Math.ceil(reachM / cellM) + 1;
    // The k nearest, kept sorted by insertion; rings of cells outward until the next ring is
    // further than the k-th found (or out of reach).
    const best: { st: Store; d2: number }[] = [];
    for (let ring = 0; ring <= maxRing; ring++) {
      const ringNearM = Math.max(0, ring - 1) * cellM;
      if (ringNearM * ringNearM > reach || (best.length === k && ringNearM * ringNearM > best[k - 1]!.d2)) break;
      for (let y = cy - ring; y <= cy + ring; y++) {
        for (let x = cx - ring; x <= cx + ring; x++) {
          if (Math.max(Math.abs(y - cy), Math.abs(x - cx)) !== ring) continue;
          const cell = this.grid.get(cellKey(y, x));
          if (cell === undefined) continue;
          for (const st of cell) {
            const dx = (st.lon - at.lon) * cos * M_PER_DEG;
            const dy = (st.lat - at.lat) * M_PER_DEG;
            const d2 = dx * dx + dy * dy;
            if (d2 > reach || (best.length === k && d2 >= best[k - 1]!.d2)) continue;
            let i = best.length === k ? k - 1 : best.length;
            while (i > 0 && best[i - 1]!.d2 > d2) i--;
            best.splice(i, 0, { st, d2 });
            if (best.length > k) best.length = k;
          }
        }
      }
    }
    return best.map((b) => b.st);
  }

  private option(st: Store, customerId: string, location: { lat: number; lon: number } | null, nowMs: number, usualRank: number | null): StoreOption {
    let kioskId = '';
    let charged = 0;
    for (const k of this.o.fleet.kiosks(st.id)) {
      const n = this.o.readyPacksFor(k.id, customerId, nowMs);
      if (kioskId === '' || n > charged) {
        kioskId = k.id;
        charged = n;
      }
    }
    return { storeId: st.id, storeName: st.name, kioskId, chargedPacks: kioskId === '' ? 0 : charged, distanceM: location ? Math.round(distanceM(location.lat, location.lon, st.lat, st.lon)) : null, usualRank };
  }
}
