// Who drives the couriers (`chargefleet sim --restock off|naive|plan`): nobody; a naive
// reorder-point policy, as an operator without a planner would run it; or the server's plan
// (restock-remote.ts on a networked run, bench/restock-policy.ts in model mode).
import type { RestockWorld, SimJob } from './restock-world.ts';

export const RESTOCK_POLICIES = ['off', 'naive', 'plan'] as const;
export type RestockPolicyName = (typeof RESTOCK_POLICIES)[number];

export interface NaiveOptions {
  /** Reorder when a store shows fewer ready packs than this per kiosk. Default 2. */
  reorderPointPerKiosk: number;
  /** Then send this many per kiosk from the warehouse (at most a courier's load). Default 6. */
  orderPerKiosk: number;
  /** The operator looks this often. Default 15 min. */
  checkEveryMs: number;
}

/**
 * Defaults chosen as a sensible operator would: 12-slot kiosks are reordered when two ready packs are
 * left (a sixth of the cabinet, about the next hour's swaps at a busy store in the evening peak),
 * with half a cabinet, which fills the kiosk's free slots without blocking returns.
 */
export const DEFAULT_NAIVE: NaiveOptions = { reorderPointPerKiosk: 2, orderPerKiosk: 6, checkEveryMs: 15 * 60_000 };

/** Places an order: `count` packs from the warehouse to store `store` (the caller picks the packs or asks the server). */
export type OrderSink = (store: number, count: number, courier: number) => void;

/**
 * The reorder-point policy: every check, a store below the reorder point with no delivery on its way
 * gets an order from the warehouse. It knows nothing of demand, charging packs or other stores.
 */
export class NaivePolicy {
  private timer = 0;
  /** Stores with an order placed that is not yet a job (networked runs wait for the server). */
  readonly ordering = new Set<number>();

  constructor(
    private readonly world: RestockWorld,
    private readonly order: OrderSink,
    private readonly o: NaiveOptions = DEFAULT_NAIVE,
  ) {}

  start(): void {
    const c = this.world.clock;
    this.timer = c.every(this.o.checkEveryMs, () => this.check(), c.now() + this.o.checkEveryMs);
  }

  stop(): void {
    this.world.clock.cancel(this.timer);
  }

  check(): void {
    const w = this.world;
    const kps = w.built.stores.kiosksPerStore;
    const inbound = new Set(w.openJobs().flatMap((j) => (j.to.kind === 'store' ? [j.to.store] : [])));
    for (let s = 0; s < w.built.stores.ids.length; s++) {
      if (inbound.has(s) || this.ordering.has(s)) continue;
      if (w.readyAt(s) >= this.o.reorderPointPerKiosk * kps) continue;
      const count = Math.min(this.o.orderPerKiosk * kps, w.opts.couriers.capacityPacks);
      this.order(s, count, w.leastBusyCourier());
    }
  }
}

/** Model mode: the naive policy's orders filled from the warehouse's fullest packs. */
export function localOrders(world: RestockWorld, refuse?: (p: number) => boolean): OrderSink {
  return (store, count, courier) => {
    const packs = world.warehouseStock(world.clock.now(), refuse).slice(0, count);
    if (packs.length > 0) world.dispatch({ from: { kind: 'warehouse' }, to: { kind: 'store', store }, packs, courier });
  };
}

export type { SimJob };
