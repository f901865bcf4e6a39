// Restocking on a networked run: the couriers of RestockWorld carry out jobs the server knows.
// The port tells the server of each pickup and delivery (POST /v1/restock/jobs/:id/pickup|deliver)
// before anything moves in the world; the naive policy's orders and the server's plan become jobs
// through POST /v1/restock/jobs; the operator of lot-recall calls POST /v1/recalls. All of it runs
// between clock slices (RestockWorld.defer), so simulated time waits for the server.
import type { BuiltFleet } from './fleet-build.ts';
import type { DeviceLink } from './device-link.ts';
import { callApi, type ApiTarget } from './provision.ts';
import type { OrderSink } from './restock-policies.ts';
import type { RestockPort, RestockWorld, SimJob, SimPlace } from './restock-world.ts';

type Place = { kind: 'store'; storeId: string } | { kind: 'warehouse'; warehouseId: string };
interface ServerJob {
  id: string;
  from: Place;
  to: Place;
  packIds: string[];
  withdraw: Record<string, string>;
  courierId: string | null;
  routeId: string | null;
  fromStop: number;
  toStop: number;
}

export interface RemoteCounters {
  apiCalls: number;
  apiFailures: number;
  jobsFromServer: number;
}

/** Maps between the model's indexes and the server's ids, and calls the API. */
export class RestockRemote {
  readonly counters: RemoteCounters = { apiCalls: 0, apiFailures: 0, jobsFromServer: 0 };
  private readonly packIdx = new Map<string, number>();
  private readonly storeIdx = new Map<string, number>();
  lastError: string | null = null;

  constructor(
    private readonly api: ApiTarget,
    private readonly built: BuiltFleet,
    private readonly kioskLinks: readonly DeviceLink[],
  ) {
    built.packs.ids.forEach((id, i) => this.packIdx.set(id, i));
    built.stores.ids.forEach((id, i) => this.storeIdx.set(id, i));
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T | null> {
    this.counters.apiCalls++;
    try {
      return await callApi<T>(this.api, method, path, body);
    } catch (err) {
      this.counters.apiFailures++;
      this.lastError = (err as Error).message;
      return null;
    }
  }

  private place(p: SimPlace): Place {
    return p.kind === 'store' ? { kind: 'store', storeId: this.built.stores.ids[p.store]! } : { kind: 'warehouse', warehouseId: 'central' };
  }

  private simPlace(p: Place): SimPlace {
    return p.kind === 'store' ? { kind: 'store', store: this.storeIdx.get(p.storeId)! } : { kind: 'warehouse' };
  }

  private ids(packs: readonly number[]): string[] {
    return packs.map((p) => this.built.packs.ids[p]!);
  }

  /** Until the store's kiosks have no unacknowledged report, so the server has what they last said (bounded). */
  private async kiosksIdle(store: number): Promise<void> {
    const kps = this.built.stores.kiosksPerStore;
    const deadline = performance.now() + 5000;
    for (;;) {
      let busy = 0;
      for (let k = store * kps; k < (store + 1) * kps; k++) busy += this.kioskLinks[k]!.inflightCount + this.kioskLinks[k]!.waitingCount;
      if (busy === 0 || performance.now() > deadline) return;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The port RestockWorld calls at each stop. */
  port(): RestockPort {
    return {
      pickup: async (job: SimJob, present: number[]) => {
        if (!job.serverId) return present;
        if (job.from.kind === 'store') await this.kiosksIdle(job.from.store);
        const res = await this.call<{ carried: string[] }>('POST', `/v1/restock/jobs/${job.serverId}/pickup`, { packIds: this.ids(present) });
        return res ? res.carried.map((id) => this.packIdx.get(id)!).filter((p) => p !== undefined) : null;
      },
      deliver: async (job: SimJob) => {
        if (!job.serverId) return true;
        return (await this.call('POST', `/v1/restock/jobs/${job.serverId}/deliver`, { packIds: this.ids(job.carried) })) !== null;
      },
    };
  }

  /** The naive policy's orders as server jobs: the server picks the warehouse's fullest packs. */
  orders(world: RestockWorld, ordering: Set<number>): OrderSink {
    return (store, count, courier) => {
      ordering.add(store);
      world.defer(async () => {
        const res = await this.call<{ jobs: ServerJob[] }>('POST', '/v1/restock/jobs', { jobs: [{ from: { kind: 'warehouse' }, to: { kind: 'store', storeId: this.built.stores.ids[store] }, count, courierId: `courier-${courier + 1}` }] });
        ordering.delete(store);
        for (const j of res?.jobs ?? []) this.dispatch(world, [j], courier);
      });
    };
  }

  /** Asks the server to commit the plan's routes that set off soon, and hands each route to its courier. */
  plan(world: RestockWorld, departWithinMin: number): void {
    world.defer(async () => {
      const res = await this.call<{ jobs: ServerJob[] }>('POST', '/v1/restock/jobs', { fromPlan: true, departWithinMin });
      const routes = new Map<string, ServerJob[]>();
      for (const j of res?.jobs ?? []) {
        const key = j.routeId ?? j.id;
        routes.set(key, [...(routes.get(key) ?? []), j]);
      }
      for (const jobs of routes.values()) {
        const courier = Number((jobs[0]!.courierId ?? 'courier-1').slice('courier-'.length)) - 1;
        this.dispatch(world, jobs, Number.isFinite(courier) ? courier : undefined);
      }
    });
  }

  /** One trip for jobs of one route: stops from the jobs' stop numbers. */
  private dispatch(world: RestockWorld, jobs: ServerJob[], courier: number | undefined): void {
    this.counters.jobsFromServer += jobs.length;
    const n = Math.max(...jobs.map((j) => j.toStop)) + 1;
    const stops: SimPlace[] = new Array(n);
    for (const j of jobs) {
      stops[j.fromStop] = this.simPlace(j.from);
      stops[j.toStop] = this.simPlace(j.to);
    }
    // A route the server cut short (some of its lines not committed) may leave a stop unnamed: the warehouse.
    for (let i = 0; i < n; i++) stops[i] ??= { kind: 'warehouse' };
    world.dispatchTrip({
      stops,
      jobs: jobs.map((j) => ({ fromStop: j.fromStop, toStop: j.toStop, packs: j.packIds.map((id) => this.packIdx.get(id)!).filter((p) => p !== undefined), withdraw: Object.keys(j.withdraw).map((id) => this.packIdx.get(id)!), serverId: j.id })),
      ...(courier !== undefined ? { courier } : {}),
    });
  }

  /** The operator's recall. */
  recall(world: RestockWorld, lotName: string, onDone: () => void): void {
    world.defer(async () => {
      await this.call('POST', '/v1/recalls', { lot: lotName, reason: 'overheating (lot-recall scenario)' });
      onDone();
    });
  }
}

export type { SimPlace };
