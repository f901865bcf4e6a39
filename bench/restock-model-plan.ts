// The server's restock plan driving the simulator's couriers in model mode: the same pure functions
// RestockService calls (forecastDemand, planRestock), fed what the server would know — takes and
// returns per store and hour from the swap ledger, slots from kiosk status, the warehouse's stock,
// open jobs — built here from the model's state instead of the registry and live state. No network,
// so a policy comparison runs on the virtual clock and does not depend on machine speed.
import { forecastDemand, type StoreDemand } from '../domain/restock/forecast.ts';
import { HOUR_MS, hourStart } from '../domain/restock/local-time.ts';
import { planRestock, type RestockPlan } from '../domain/restock/plan.ts';
import { DEFAULT_RESTOCK_POLICY, type JobPlace, type OpenJob, type RestockPolicy, type SlotInput, type StockPack, type StoreInput } from '../domain/restock/restock-model.ts';
import type { WithdrawReason } from '../domain/fleet-model.ts';
import { BLOCKING_FAULTS } from '../firmware-sim/battery-model.ts';
import type { DemandObserver } from '../firmware-sim/fleet-model.ts';
import type { RestockWorld, SimPlace } from '../firmware-sim/restock-world.ts';

/** Takes and returns per store and hour, as the swap ledger would count them. */
export class DemandLog implements DemandObserver {
  readonly takes: number[][];
  readonly returns: number[][];
  readonly recalledLots = new Set<number>();

  constructor(
    readonly startMs: number,
    stores: number,
    private readonly lotOf: (p: number) => number,
  ) {
    this.takes = Array.from({ length: stores }, () => []);
    this.returns = Array.from({ length: stores }, () => []);
  }

  private bump(a: number[], atMs: number): void {
    const h = Math.floor((atMs - hourStart(this.startMs)) / HOUR_MS);
    while (a.length <= h) a.push(0);
    a[h] = a[h]! + 1;
  }

  onTake(store: number, atMs: number): void {
    this.bump(this.takes[store]!, atMs);
  }

  onReturn(store: number, atMs: number): void {
    this.bump(this.returns[store]!, atMs);
  }

  onRecall(lot: number): void {
    this.recalledLots.add(lot);
  }

  isRecalled(p: number): boolean {
    return this.recalledLots.has(this.lotOf(p));
  }
}

export interface ModelPlanOptions {
  /** Plan (and turn every line into a job) this often. Default 30 min. */
  everyMs: number;
  /** Weeks of history the forecast reads. */
  forecastWeeks: number;
  /** Only lines whose courier sets off within this become jobs; later ones are planned again next time. */
  commitWithinMs: number;
  policy: RestockPolicy;
}

export const DEFAULT_MODEL_PLAN: ModelPlanOptions = { everyMs: 30 * 60_000, forecastWeeks: 4, commitWithinMs: 60 * 60_000, policy: DEFAULT_RESTOCK_POLICY };

const place = (p: SimPlace, storeIds: readonly string[]): JobPlace => (p.kind === 'store' ? { kind: 'store', storeId: storeIds[p.store]! } : { kind: 'warehouse', warehouseId: 'central' });

/** Runs the plan every `everyMs` on the world's clock and dispatches every line to its courier. */
export class ModelPlanPolicy {
  private timer = 0;
  plans = 0;
  lastPlan: RestockPlan | null = null;
  /** Wall time spent planning, ms (for the curious: it does not affect the outcome). */
  planWallMs = 0;

  constructor(
    private readonly world: RestockWorld,
    private readonly log: DemandLog,
    private readonly o: ModelPlanOptions = DEFAULT_MODEL_PLAN,
  ) {}

  start(): void {
    const c = this.world.clock;
    // First plan at once: a launch is known to be coming.
    this.timer = c.every(this.o.everyMs, () => this.run(), c.now() + 1);
  }

  stop(): void {
    this.world.clock.cancel(this.timer);
  }

  run(): RestockPlan {
    const t0 = performance.now();
    const w = this.world;
    const now = w.clock.now();
    const { packs, stores } = w.built;
    const ids = stores.ids;
    const policy: RestockPolicy = { ...this.o.policy, courier: { ...w.opts.couriers } };
    // Forecast from the ledger's hours before this one.
    const to = hourStart(now);
    const from = Math.max(hourStart(this.log.startMs), to - this.o.forecastWeeks * 7 * 24 * HOUR_MS);
    const off = Math.round((from - hourStart(this.log.startMs)) / HOUR_MS);
    const hours = Math.round((to - from) / HOUR_MS);
    const slice = (a: number[]) => Array.from({ length: hours }, (_, i) => a[off + i] ?? 0);
    const demand: StoreDemand[] = ids.map((id, s) => ({ storeId: id, timeZone: 'UTC', takes: slice(this.log.takes[s]!), returns: slice(this.log.returns[s]!) }));
    const fc = forecastDemand({ fromMs: from, toMs: to, stores: demand }, { horizonH: policy.horizonH + 1 });
    const withdrawOf = (p: number): WithdrawReason | null =>
      this.log.isRecalled(p) ? 'recalled' : ((packs.faultFlags[p] as number) & BLOCKING_FAULTS) !== 0 ? 'unsafe' : (packs.soh[p] as number) < 0.8 ? 'worn' : null;
    const storeInputs: StoreInput[] = ids.map((id, s) => {
      const slots: SlotInput[] = [];
      let online = 0;
      for (const k of w.kiosksOf(s)) {
        if (!k.online) continue;
        online++;
        for (let i = 0; i < k.slotCount; i++) {
          const p = k.slotPack[i] as number;
          const wd = p >= 0 ? withdrawOf(p) : null;
          slots.push({
            kioskId: k.id,
            index: i,
            packId: p >= 0 ? packs.ids[p]! : null,
            socPct: p >= 0 ? (packs.soc[p] as number) * 100 : 0,
            chargeCurrentMa: p >= 0 ? Math.max(0, packs.currentMa[p] as number) : 0,
            usable: k.locked[i] === 0 && k.slotFault[i] === 0,
            servable: p >= 0 && wd === null && packs.faultFlags[p] === 0,
            sohPct: p >= 0 ? (packs.soh[p] as number) * 100 : null,
            withdraw: wd,
          });
        }
      }
      const backroom: StockPack[] = w.backroom[s]!.map((p) => ({ packId: packs.ids[p]!, socPct: (packs.soc[p] as number) * 100, servable: withdrawOf(p) === null, withdraw: withdrawOf(p) }));
      return { id, name: id, lat: stores.lat[s]!, lon: stores.lon[s]!, timeZone: 'UTC', kioskCount: online, slots, backroom };
    });
    const stock: StockPack[] = w.warehouseStock(now, (p) => this.log.isRecalled(p)).map((p) => ({ packId: packs.ids[p]!, socPct: w.rackSoc(p, now) * 100, servable: true, withdraw: null }));
    const preview = w.schedulePreview(now);
    const openJobs: OpenJob[] = w.openJobs().map((j) => {
      const t = preview.jobs.get(j);
      return {
        id: j.id,
        from: place(j.from, ids),
        to: place(j.to, ids),
        packIds: (j.status === 'carrying' ? j.carried : j.packs).map((p) => packs.ids[p]!),
        status: j.status === 'carrying' ? 'picked_up' : 'planned',
        etaMs: t?.etaMs ?? now,
        pickupAtMs: t?.pickupAtMs ?? now,
        courierId: `courier-${j.courier + 1}`,
        servable: j.to.kind === 'store' ? (j.status === 'carrying' ? j.carried : j.packs).length : 0,
      };
    });
    const plan = planRestock({
      nowMs: now,
      stores: storeInputs,
      forecast: { hourStartMs: to, byStore: new Map(fc.stores.map((f) => [f.storeId, f])) },
      warehouses: [{ id: 'central', ...w.warehouseAt, stock }],
      couriers: preview.couriers.map((c, i) => ({ id: `courier-${i + 1}`, freeAtMs: c.freeAtMs, at: { lat: c.lat, lon: c.lon } })),
      openJobs,
      policy,
    });
    const packIdx = new Map<string, number>();
    for (const l of plan.lines) for (const id of l.packIds) packIdx.set(id, -1);
    if (packIdx.size > 0) for (let p = 0; p < packs.size; p++) if (packIdx.has(packs.ids[p]!)) packIdx.set(packs.ids[p]!, p);
    const storeIdx = new Map(ids.map((id, s) => [id, s]));
    const simPlace = (p: JobPlace): SimPlace => (p.kind === 'store' ? { kind: 'store', store: storeIdx.get(p.storeId)! } : { kind: 'warehouse' });
    const byId = new Map(plan.lines.map((l) => [l.id, l]));
    for (const r of plan.routes) {
      if (r.departAtMs > now + this.o.commitWithinMs) continue;
      w.dispatchTrip({
        stops: r.stops.map((x) => simPlace(x.place)),
        jobs: r.lineIds.map((id) => {
          const l = byId.get(id)!;
          return { fromStop: l.fromStop, toStop: l.toStop, packs: l.packIds.map((p) => packIdx.get(p)!).filter((p) => p >= 0), withdraw: Object.keys(l.withdraw).map((p) => packIdx.get(p)!) };
        }),
        courier: Number(r.courierId.slice('courier-'.length)) - 1,
      });
    }
    // Recalled packs sitting at the warehouse leave service where they are.
    w.withdrawAtWarehouse((p) => this.log.isRecalled(p), now);
    this.plans++;
    this.lastPlan = plan;
    this.planWallMs += performance.now() - t0;
    return plan;
  }
}
