// Restocking as the world does it: a central warehouse whose racks charge the packs it holds,
// couriers (a number of them, a speed, a capacity per trip) who carry out jobs one after another,
// and store staff who load delivered packs from the back room into free kiosk slots (keeping some
// free for returns), which the kiosks then report as they always do. Who decides the jobs is a
// policy (restock-policies.ts). On a networked run a port tells the server about every pickup and
// delivery first, so custody moves through the API before anything moves in the world.
import { F_CHARGE_DONE, MODE_DEPOT } from './battery-model.ts';
import type { BuiltFleet } from './fleet-build.ts';
import type { KioskModel } from './kiosk-model.ts';
import type { SimClock } from './virtual-clock.ts';

export interface CourierSpec {
  count: number;
  /** Average speed in traffic, km/h (TfL: 17-20 km/h in inner London, 2014/15). */
  speedKmh: number;
  capacityPacks: number;
  /** Minutes at each stop: parking, staff opening the cabinet, scanning. */
  stopMin: number;
  /** Streets are longer than the straight line. */
  roadFactor: number;
}

export const DEFAULT_SIM_COURIERS: CourierSpec = { count: 4, speedKmh: 18, capacityPacks: 40, stopMin: 10, roadFactor: 1.3 };

export interface RestockWorldOptions {
  couriers: CourierSpec;
  /** Where the central warehouse is. Default: the stores' centroid. */
  warehouseAt?: { lat: number; lon: number };
  /** Staff look at the back room this often. Default 15 min. */
  staffEveryMs?: number;
  /** Slots per kiosk staff leave free for returns. Default 1. */
  reservePerKiosk?: number;
  /** Warehouse racks charge a pack flat to full in this long. Default 4 h. */
  warehouseChargeH?: number;
  /** Networked runs: the server hears of each pickup and delivery first. */
  port?: RestockPort;
}

export type SimPlace = { kind: 'store'; store: number } | { kind: 'warehouse' };

/** A courier trip: stops in order; each job is picked up at one stop and dropped at a later one. */
export interface SimTrip {
  id: string;
  courier: number;
  stops: SimPlace[];
  jobs: SimJob[];
  /** The stop the courier is driving to or at. */
  at: number;
  startedAtMs: number | null;
  /** When the courier is due at each stop (estimates until it gets there). */
  dueMs: number[];
}

export interface SimJob {
  id: string;
  /** The server's job id on a networked run. */
  serverId: string | null;
  from: SimPlace;
  to: SimPlace;
  /** PackBank indexes named by the job; `carried` are those actually picked up. */
  packs: number[];
  carried: number[];
  /** Packs that leave service at the warehouse. */
  withdraw: Set<number>;
  courier: number;
  trip: SimTrip | null;
  fromStop: number;
  toStop: number;
  status: 'queued' | 'to_pickup' | 'carrying' | 'delivered' | 'cancelled';
  createdAtMs: number;
  pickedUpAtMs: number | null;
  deliveredAtMs: number | null;
}

/** How a networked run tells the server; each resolves once the server has recorded it. */
export interface RestockPort {
  /** Returns the packs the server agreed are picked up (a subset of `present`), or null when it refused the pickup. */
  pickup(job: SimJob, present: number[]): Promise<number[] | null>;
  deliver(job: SimJob): Promise<boolean>;
}

export interface RestockCounters {
  /** Courier trips: jobs a courier set off for. */
  trips: number;
  packsMoved: number;
  jobsCancelled: number;
  staffLoads: number;
  withdrawn: number;
}

interface Courier {
  lat: number;
  lon: number;
  queue: SimTrip[];
  busy: SimTrip | null;
}

interface RackPack {
  arrivedAtMs: number;
  socAtArrival: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance, km: the world's own geometry (the server estimates it separately). */
function kmBetween(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const h = Math.sin(((bLat - aLat) * RAD) / 2) ** 2 + Math.cos(aLat * RAD) * Math.cos(bLat * RAD) * Math.sin(((bLon - aLon) * RAD) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export class RestockWorld {
  readonly counters: RestockCounters = { trips: 0, packsMoved: 0, jobsCancelled: 0, staffLoads: 0, withdrawn: 0 };
  readonly jobs: SimJob[] = [];
  /** Packs at the warehouse, with when they arrived and their charge then. */
  readonly warehouse = new Map<number, RackPack>();
  /** Delivered packs waiting in each store's back room. */
  readonly backroom: number[][];
  /** Packs withdrawn from service (at the warehouse), and when. */
  readonly withdrawnAtMs = new Map<number, number>();
  readonly warehouseAt: { lat: number; lon: number };
  private readonly couriers: Courier[];
  private readonly pending: (() => Promise<void>)[] = [];
  private readonly timers: number[] = [];
  private readonly staffEveryMs: number;
  private readonly reserve: number;
  private readonly chargePerMs: number;
  private seq = 0;

  constructor(
    readonly built: BuiltFleet,
    readonly clock: SimClock,
    readonly opts: RestockWorldOptions,
  ) {
    const { stores, packs } = built;
    this.backroom = stores.ids.map(() => []);
    this.warehouseAt = opts.warehouseAt ?? centroid(stores.lat, stores.lon);
    this.couriers = Array.from({ length: Math.max(1, opts.couriers.count) }, () => ({ ...this.warehouseAt, queue: [], busy: null }));
    this.staffEveryMs = opts.staffEveryMs ?? 15 * 60_000;
    this.reserve = opts.reservePerKiosk ?? 1;
    this.chargePerMs = 1 / ((opts.warehouseChargeH ?? 4) * 3_600_000);
    const now = clock.now();
    // The packs the fleet build left in the depot are the warehouse's stock.
    for (let p = 0; p < packs.size; p++) {
      if (packs.mode[p] === MODE_DEPOT && packs.holder[p] === -1 && packs.kiosk[p] === -1) this.warehouse.set(p, { arrivedAtMs: now, socAtArrival: packs.soc[p] as number });
    }
  }

  /** Arms the staff rounds on the clock. */
  start(): void {
    this.timers.push(this.clock.every(this.staffEveryMs, (now) => this.staffRound(now), this.clock.now() + this.staffEveryMs));
  }

  stop(): void {
    for (const t of this.timers.splice(0)) this.clock.cancel(t);
  }

  get courierCount(): number {
    return this.couriers.length;
  }

  /** Kiosk indexes of store s. */
  kiosksOf(s: number): KioskModel[] {
    const kps = this.built.stores.kiosksPerStore;
    return this.built.kiosks.slice(s * kps, (s + 1) * kps);
  }

  /** Ready packs on the store's kiosk screens (online kiosks). */
  readyAt(s: number): number {
    let n = 0;
    for (const k of this.kiosksOf(s)) if (k.online) n += k.readyCount;
    return n;
  }

  /** Jobs not yet delivered or cancelled. */
  openJobs(): SimJob[] {
    return this.jobs.filter((j) => j.status === 'queued' || j.status === 'to_pickup' || j.status === 'carrying');
  }

  /** The warehouse's charge of a pack on its racks now. */
  rackSoc(p: number, nowMs: number): number {
    const r = this.warehouse.get(p);
    if (!r) return this.built.packs.soc[p] as number;
    return Math.min(1, r.socAtArrival + (nowMs - r.arrivedAtMs) * this.chargePerMs);
  }

  /** Warehouse packs that may go out (not withdrawn), fullest first, then by index. */
  warehouseStock(nowMs: number, refuse?: (p: number) => boolean): number[] {
    const out = [...this.warehouse.keys()].filter((p) => !this.withdrawnAtMs.has(p) && !refuse?.(p) && !this.inOpenJob(p));
    return out.sort((a, b) => this.rackSoc(b, nowMs) - this.rackSoc(a, nowMs) || a - b);
  }

  /**
   * Each courier's queue played forward: when every open job is due at its source and destination,
   * and when and where each courier is free after its last trip.
   */
  schedulePreview(nowMs: number): { jobs: Map<SimJob, { pickupAtMs: number; etaMs: number }>; couriers: { freeAtMs: number; lat: number; lon: number }[] } {
    const jobs = new Map<SimJob, { pickupAtMs: number; etaMs: number }>();
    const couriers = this.couriers.map((c) => {
      let t = nowMs;
      let at: { lat: number; lon: number } = c;
      const times = (trip: SimTrip, from: number, t0: number, at0: { lat: number; lon: number }) => {
        const due = [...trip.dueMs];
        let tt = t0;
        let a = at0;
        for (let i = from; i < trip.stops.length; i++) {
          const g = this.placeAt(trip.stops[i]!);
          tt = i === from && trip.startedAtMs !== null ? Math.max(nowMs, trip.dueMs[i] ?? nowMs) : tt + this.driveMs(a, g);
          due[i] = tt;
          a = g;
        }
        for (const j of trip.jobs) jobs.set(j, { pickupAtMs: due[j.fromStop] ?? nowMs, etaMs: due[j.toStop] ?? nowMs });
        return { t: tt, at: a };
      };
      if (c.busy) ({ t, at } = times(c.busy, c.busy.at, t, at));
      for (const trip of c.queue) ({ t, at } = times(trip, 0, t, at));
      return { freeAtMs: Math.max(nowMs, t), lat: at.lat, lon: at.lon };
    });
    return { jobs, couriers };
  }

  /** The courier with the least work queued (then the lowest index). */
  leastBusyCourier(): number {
    let best = 0;
    let bestLoad = Infinity;
    this.couriers.forEach((c, i) => {
      const load = c.queue.length + (c.busy ? 1 : 0);
      if (load < bestLoad) {
        best = i;
        bestLoad = load;
      }
    });
    return best;
  }

  /** Queues a one-leg trip (pick up at `from`, drop at `to`). */
  dispatch(spec: { from: SimPlace; to: SimPlace; packs: number[]; withdraw?: Iterable<number>; courier?: number; serverId?: string | null }): SimJob {
    const trip = this.dispatchTrip({ stops: [spec.from, spec.to], jobs: [{ fromStop: 0, toStop: 1, packs: spec.packs, withdraw: spec.withdraw ?? [], serverId: spec.serverId ?? null }], ...(spec.courier !== undefined ? { courier: spec.courier } : {}) });
    return trip.jobs[0]!;
  }

  /** Queues a trip for a courier; the courier starts at once when free. */
  dispatchTrip(spec: { stops: SimPlace[]; jobs: { fromStop: number; toStop: number; packs: number[]; withdraw?: Iterable<number>; serverId?: string | null }[]; courier?: number }): SimTrip {
    const courier = Math.max(0, Math.min(this.couriers.length - 1, spec.courier ?? this.leastBusyCourier()));
    const trip: SimTrip = { id: `trip-${++this.seq}`, courier, stops: [...spec.stops], jobs: [], at: 0, startedAtMs: null, dueMs: [] };
    for (const j of spec.jobs) {
      const job: SimJob = {
        id: `job-${++this.seq}`,
        serverId: j.serverId ?? null,
        from: spec.stops[j.fromStop]!,
        to: spec.stops[j.toStop]!,
        packs: [...j.packs],
        carried: [],
        withdraw: new Set(j.withdraw ?? []),
        courier,
        trip,
        fromStop: j.fromStop,
        toStop: j.toStop,
        status: 'queued',
        createdAtMs: this.clock.now(),
        pickedUpAtMs: null,
        deliveredAtMs: null,
      };
      trip.jobs.push(job);
      this.jobs.push(job);
    }
    this.couriers[courier]!.queue.push(trip);
    this.next(courier);
    return trip;
  }

  /** Packs of a lot recalled while at the warehouse leave service at once. */
  withdrawAtWarehouse(isRecalled: (p: number) => boolean, nowMs: number): number {
    let n = 0;
    for (const p of this.warehouse.keys()) {
      if (!isRecalled(p) || this.withdrawnAtMs.has(p) || this.inOpenJob(p)) continue;
      this.withdrawnAtMs.set(p, nowMs);
      this.counters.withdrawn++;
      n++;
    }
    return n;
  }

  /** Networked runs: work that must wait for the server (an API call) runs after the current clock slice, in order. */
  defer(fn: () => Promise<void>): void {
    this.pending.push(fn);
  }

  /** Networked runs: carries out what the server must hear of first, in order. Call between clock slices. */
  async afterSlice(): Promise<void> {
    while (this.pending.length > 0) await this.pending.shift()!();
  }

  get pendingActions(): number {
    return this.pending.length;
  }

  private inOpenJob(p: number): boolean {
    for (const j of this.jobs) if ((j.status === 'queued' || j.status === 'to_pickup') && j.packs.includes(p)) return true;
    return false;
  }

  private placeAt(pl: SimPlace): { lat: number; lon: number } {
    return pl.kind === 'warehouse' ? this.warehouseAt : { lat: this.built.stores.lat[pl.store]!, lon: this.built.stores.lon[pl.store]! };
  }

  private driveMs(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
    const c = this.opts.couriers;
    const km = kmBetween(a.lat, a.lon, b.lat, b.lon) * c.roadFactor;
    return ((km / c.speedKmh) * 60 + c.stopMin) * 60_000;
  }

  private next(ci: number): void {
    const c = this.couriers[ci]!;
    if (c.busy || c.queue.length === 0) return;
    const trip = c.queue.shift()!;
    c.busy = trip;
    trip.startedAtMs = this.clock.now();
    for (const j of trip.jobs) j.status = 'to_pickup';
    this.counters.trips++;
    this.driveTo(ci, trip, 0);
  }

  private driveTo(ci: number, trip: SimTrip, stop: number): void {
    const c = this.couriers[ci]!;
    trip.at = stop;
    const due = this.clock.now() + this.driveMs(c, this.placeAt(trip.stops[stop]!));
    trip.dueMs[stop] = due;
    this.clock.schedule(due, () => this.atStop(ci, trip, stop));
  }

  /** At a stop: drop what ends here, then pick up what starts here; networked runs ask the server first. */
  private atStop(ci: number, trip: SimTrip, stop: number): void {
    const c = this.couriers[ci]!;
    const here = this.placeAt(trip.stops[stop]!);
    c.lat = here.lat;
    c.lon = here.lon;
    const drops = trip.jobs.filter((j) => j.toStop === stop && j.status === 'carrying');
    const picks = trip.jobs.filter((j) => j.fromStop === stop && j.status === 'to_pickup');
    const port = this.opts.port;
    const onward = () => {
      if (stop + 1 < trip.stops.length) return this.driveTo(ci, trip, stop + 1);
      for (const j of trip.jobs) if (j.status === 'to_pickup') this.cancel(j);
      c.busy = null;
      this.next(ci);
    };
    if (!port) {
      for (const j of drops) this.dropOff(j);
      for (const j of picks) this.pickUp(j, this.present(j));
      return onward();
    }
    this.pending.push(async () => {
      for (const j of drops) {
        await port.deliver(j);
        this.dropOff(j);
      }
      for (const j of picks) {
        const present = this.present(j);
        const agreed = present.length === 0 ? [] : await port.pickup(j, present);
        // Refused, or nothing left to carry: the courier moves on without it.
        this.pickUp(j, agreed ?? []);
      }
      onward();
    });
  }

  /** Packs of the job that are where it says, in the world, now. */
  private present(job: SimJob): number[] {
    const b = this.built.packs;
    if (job.from.kind === 'warehouse') return job.packs.filter((p) => this.warehouse.has(p) && !this.withdrawnAtMs.has(p));
    const s = job.from.store;
    const kiosks = new Set(this.kiosksOf(s).map((k) => k.index));
    const back = new Set(this.backroom[s]!);
    return job.packs.filter((p) => (b.kiosk[p]! >= 0 && kiosks.has(b.kiosk[p]!)) || back.has(p));
  }

  private cancel(job: SimJob): void {
    job.status = 'cancelled';
    this.counters.jobsCancelled++;
  }

  private pickUp(job: SimJob, packs: number[]): void {
    const now = this.clock.now();
    const b = this.built.packs;
    if (packs.length === 0) return this.cancel(job);
    for (const p of packs) {
      if (job.from.kind === 'warehouse') {
        // Charged on the racks meanwhile.
        const soc = this.rackSoc(p, now);
        this.warehouse.delete(p);
        b.soc[p] = soc;
        if (soc >= 1) b.flags[p] = (b.flags[p] as number) | F_CHARGE_DONE;
      } else {
        const s = job.from.store;
        const bi = this.backroom[s]!.indexOf(p);
        if (bi >= 0) this.backroom[s]!.splice(bi, 1);
        else {
          const k = this.built.kiosks[b.kiosk[p]!];
          if (k) k.takeOut(b.slot[p]!, now);
        }
      }
      b.mode[p] = MODE_DEPOT;
      b.holder[p] = -1;
    }
    job.carried = packs;
    job.pickedUpAtMs = now;
    job.status = 'carrying';
    this.counters.packsMoved += packs.length;
  }

  private dropOff(job: SimJob): void {
    const now = this.clock.now();
    if (job.to.kind === 'store') this.backroom[job.to.store]!.push(...job.carried);
    else {
      for (const p of job.carried) {
        if (job.withdraw.has(p)) {
          this.withdrawnAtMs.set(p, now);
          this.counters.withdrawn++;
        }
        this.warehouse.set(p, { arrivedAtMs: now, socAtArrival: this.built.packs.soc[p] as number });
      }
    }
    job.status = 'delivered';
    job.deliveredAtMs = now;
  }

  /** Staff move back-room packs into free slots, leaving `reserve` per kiosk free for returns. */
  private staffRound(nowMs: number): void {
    this.backroom.forEach((room, s) => {
      if (room.length === 0) return;
      for (const k of this.kiosksOf(s)) {
        let free = k.freeSlots() - this.reserve;
        while (free > 0 && room.length > 0) {
          const p = room.shift()!;
          if (k.insert(p, nowMs) < 0) {
            room.unshift(p);
            break;
          }
          this.counters.staffLoads++;
          free--;
        }
      }
    });
  }
}

function centroid(lat: Float64Array, lon: Float64Array): { lat: number; lon: number } {
  let a = 0;
  let o = 0;
  for (let i = 0; i < lat.length; i++) {
    a += lat[i]!;
    o += lon[i]!;
  }
  return lat.length === 0 ? { lat: 0, lon: 0 } : { lat: a / lat.length, lon: o / lat.length };
}
