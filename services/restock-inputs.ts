// What the restock decision sees, assembled from the registry (stores, kiosks, packs and their
// custody, flags, recalled lots), live state (each kiosk's latest slots, each pack's latest
// reading), the restock ledger (open jobs) and the pack-health records: stores with their slots and
// back rooms, the central warehouse's shelves, open jobs, couriers, and every pack to withdraw.
import type { Custody, PackRecord, WithdrawReason } from '../domain/fleet-model.ts';
import { isOpenJob, type CourierJob } from '../domain/restock/jobs.ts';
import { healthScore, withdrawReason, type HealthPolicy, type PackHealthRecord } from '../domain/restock/pack-health.ts';
import { CENTRAL_WAREHOUSE, type CourierInput, type OpenJob, type SlotInput, type StockPack, type StoreInput, type WarehouseInput } from '../domain/restock/restock-model.ts';
import { centroid, type GeoPoint } from '../domain/restock/geo.ts';
import { DoorState, SlotState } from '../proto/codec.ts';
import type { LiveState } from '../ingest/live-state.ts';
import type { FleetRegistry, PackRow } from '../store/fleet-registry.ts';

export interface InputDeps {
  fleet: FleetRegistry;
  live: Pick<LiveState, 'kiosk' | 'pack' | 'online'>;
  health: (packId: string) => PackHealthRecord | undefined;
  healthPolicy: HealthPolicy;
  chargedThresholdPct: number;
  couriers: number;
  /** Central warehouse position; null: the stores' centroid. */
  warehouseAt: GeoPoint | null;
  /**
   * A pack whose custody is disputed (a kiosk reported it where the registry does not place it):
   * nobody knows where it is until an operator resolves it, so no plan or job counts on it or moves it.
   */
  isDisputed?: (packId: string) => boolean;
}

/** Where a pack to withdraw is, and why it must go. */
export interface Withdrawal {
  packId: string;
  lot: string;
  reason: WithdrawReason;
  custody: Custody;
  /** The store it is at (a kiosk slot or the back room), when at one. */
  storeId: string | null;
  flag: PackRow['flag'];
  healthScore: number;
}

const IDLE_SLOT_STATES = new Set<number>([SlotState.SLOT_STATE_LOCKED, SlotState.SLOT_STATE_FAULT]);

export class RestockInputs {
  constructor(private readonly d: InputDeps) {}

  /** Why this pack must leave service, or null. */
  withdrawReasonOf(p: PackRecord & { flag: PackRow['flag'] }, nowMs: number): WithdrawReason | null {
    const r = this.d.live.pack(p.id)?.reading;
    return withdrawReason({ lot: p.lot, flag: p.flag, sohPct: r?.sohPct ?? null, cycles: r?.cycles ?? null, record: this.d.health(p.id) }, this.d.fleet.recalledLots(), nowMs, this.d.healthPolicy);
  }

  storeOfKiosk = (kioskId: string): string | undefined => this.d.fleet.kiosk(kioskId)?.storeId;

  /** The SoC a kiosk last reported for a slot (0 when unknown). */
  slotSoc(kioskId: string, slot: number): number {
    return this.d.live.kiosk(kioskId)?.reading.slots.find((s) => s.index === slot)?.socPct ?? 0;
  }
  isStore = (id: string): boolean => this.d.fleet.store(id) !== undefined;

  isDisputed = (packId: string): boolean => this.d.isDisputed?.(packId) === true;

  /** Every store with its online kiosks' slots and its back room. */
  stores(nowMs: number, packs: readonly PackRow[]): StoreInput[] {
    const { fleet, live } = this.d;
    const backroom = new Map<string, StockPack[]>();
    for (const p of packs) {
      if (p.custody.kind !== 'warehouse' || p.custody.warehouseId === undefined || !this.isStore(p.custody.warehouseId) || this.isDisputed(p.id)) continue;
      const list = backroom.get(p.custody.warehouseId) ?? [];
      list.push(this.stockPack(p, nowMs));
      backroom.set(p.custody.warehouseId, list);
    }
    return fleet.stores().map((s) => {
      const slots: SlotInput[] = [];
      let kioskCount = 0;
      for (const k of fleet.kiosks(s.id)) {
        const lk = live.kiosk(k.id);
        // An offline kiosk, or one with its door open, serves nobody now.
        if (!lk || !live.online(k.id, nowMs).online || lk.reading.door !== DoorState.DOOR_STATE_CLOSED) continue;
        kioskCount++;
        for (const slot of lk.reading.slots) {
          const reg = slot.packId ? fleet.pack(slot.packId) : undefined;
          // A pack the registry does not place in this slot is not counted on (custody is the truth),
          // nor one whose custody is disputed.
          const here = reg !== undefined && reg.custody.kind === 'slot' && reg.custody.kioskId === k.id && reg.custody.slot === slot.index && !this.isDisputed(reg.id);
          const wd = here ? this.withdrawReasonOf(reg, nowMs) : null;
          const faults = slot.packId ? (live.pack(slot.packId)?.reading.faultFlags ?? 0) : 0;
          slots.push({
            kioskId: k.id,
            index: slot.index,
            packId: slot.packId || null,
            socPct: slot.socPct,
            chargeCurrentMa: slot.chargeCurrentMa,
            usable: !IDLE_SLOT_STATES.has(slot.state),
            servable: here && wd === null && faults === 0 && slot.state !== SlotState.SLOT_STATE_FAULT && slot.state !== SlotState.SLOT_STATE_LOCKED,
            sohPct: slot.packId ? (live.pack(slot.packId)?.reading.sohPct ?? null) : null,
            withdraw: wd,
          });
        }
      }
      return { id: s.id, name: s.name, lat: s.lat, lon: s.lon, timeZone: s.timeZone, kioskCount, slots, backroom: backroom.get(s.id) ?? [] };
    });
  }

  private stockPack(p: PackRow, nowMs: number): StockPack {
    const wd = this.withdrawReasonOf(p, nowMs);
    // Packs on a shelf do not report; the warehouse charges them, so an unknown charge counts as full.
    return { packId: p.id, socPct: this.d.live.pack(p.id)?.reading.socPct ?? 100, servable: wd === null, withdraw: wd };
  }

  /** The central warehouse and its shelves. */
  warehouses(nowMs: number, packs: readonly PackRow[], stores: readonly GeoPoint[]): WarehouseInput[] {
    const stock: StockPack[] = [];
    for (const p of packs) if (p.custody.kind === 'warehouse' && (p.custody.warehouseId === undefined || p.custody.warehouseId === CENTRAL_WAREHOUSE) && !this.isDisputed(p.id)) stock.push(this.stockPack(p, nowMs));
    const at = this.d.warehouseAt ?? centroid(stores);
    return [{ id: CENTRAL_WAREHOUSE, lat: at.lat, lon: at.lon, stock }];
  }

  openJobs(jobs: readonly CourierJob[]): OpenJob[] {
    return jobs.filter(isOpenJob).map((j) => {
      const packIds = j.status === 'picked_up' ? j.carried.filter((p) => j.arrived[p] === undefined) : j.packIds;
      const ready = j.kind === 'restock' || j.kind === 'transfer' ? packIds.length : 0;
      return { id: j.id, from: j.from, to: j.to, packIds, status: j.status === 'picked_up' ? 'picked_up' : 'planned', etaMs: j.etaMs, pickupAtMs: j.pickupAtMs, courierId: j.courierId, servable: ready };
    });
  }

  /** courier-1 ... courier-N, each free from the end of its last open job, where that job ends. */
  couriers(nowMs: number, jobs: readonly CourierJob[], warehouse: GeoPoint): CourierInput[] {
    const placeAt = (j: CourierJob): GeoPoint => (j.to.kind === 'store' ? (this.d.fleet.store(j.to.storeId) ?? warehouse) : warehouse);
    return Array.from({ length: this.d.couriers }, (_, i) => {
      const id = `courier-${i + 1}`;
      let freeAtMs = nowMs;
      let at: GeoPoint = warehouse;
      for (const j of jobs) {
        if (!isOpenJob(j) || j.courierId !== id || j.etaMs < freeAtMs) continue;
        freeAtMs = j.etaMs;
        at = placeAt(j);
      }
      return { id, freeAtMs, at };
    });
  }

  /** Every pack that should leave service and has not yet, with where it is. */
  withdrawals(nowMs: number, packs: readonly PackRow[]): Withdrawal[] {
    const out: Withdrawal[] = [];
    for (const p of packs) {
      if (p.custody.kind === 'withdrawn') continue;
      const reason = this.withdrawReasonOf(p, nowMs);
      if (reason === null) continue;
      const c = p.custody;
      const storeId = c.kind === 'slot' ? (this.storeOfKiosk(c.kioskId) ?? null) : c.kind === 'warehouse' && c.warehouseId && this.isStore(c.warehouseId) ? c.warehouseId : null;
      const r = this.d.live.pack(p.id)?.reading;
      out.push({ packId: p.id, lot: p.lot, reason, custody: c, storeId, flag: p.flag, healthScore: healthScore(r?.cycles ?? null, this.d.health(p.id), this.d.healthPolicy).score });
    }
    return out.sort((a, b) => (a.packId < b.packId ? -1 : 1));
  }
}

