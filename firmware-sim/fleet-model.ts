// Model mode: a whole fleet (stores, kiosks, packs, customers) on the virtual clock with no network.
// Swaps are decided locally the way the server would (fullest ready pack), and the run produces
// counters: readings that would be sent, swaps, flat packs in hand, stock-out minutes per store.
import { DEFAULT_AMBIENT, type Ambient } from './battery-model.ts';
import type { PackBank } from './pack-bank.ts';
import { collectDetours, collectPasses, stepPhones, type CustomerBank, type PhoneTally } from './customer-model.ts';
import { ModelHolds } from './model-holds.ts';
import { deliverNudge, type SimNudge } from './nudge-delivery.ts';
import { NudgeTally, type NudgePolicyName } from './nudge-tally.ts';
import { buildFleet, DEFAULT_GEO, type GeoOptions, type StoreSet } from './fleet-build.ts';
import type { KioskModel, KioskOptions } from './kiosk-model.ts';
import { emptyCounters, type FleetCounters } from './fleet-counters.ts';
export type { FleetCounters } from './fleet-counters.ts';
import { injectFaults } from './pack-faults.ts';
import { Rng } from './rng.ts';
import { scenario as scenarioByName, type Scenario, type ScenarioName } from './scenarios.ts';
import { DEFAULT_SIM_START_MS, VirtualClock } from './virtual-clock.ts';

export interface FleetOptions {
  /** Everything random follows from this. */
  seed: number | string;
  packs: number;
  /** Default 75 % of packs. */
  customers?: number;
  /** Default: enough kiosks for about 36 % of the packs to have a slot. */
  stores?: number;
  kiosksPerStore?: number;
  slotsPerKiosk?: number;
  /** Packs per production lot. Default 5,000. */
  lotSize?: number;
  /** Start of the run, epoch ms (UTC is the simulated local time). Default Monday 2025-01-06 00:00. */
  startMs?: number;
  /** Physics step. Default 60 s. */
  stepMs?: number;
  scenario?: ScenarioName | Scenario;
  kiosk?: KioskOptions;
  geo?: Partial<GeoOptions>;
  ambient?: Ambient;
  /** A nudge policy to run against the customers (model mode has no server: the bench wires the server's own). */
  nudges?: { name: NudgePolicyName; capPer24h: number; make(model: FleetModel): ModelNudgePolicy };
}

/**
 * A nudge policy in model mode: it sees what the server would (each pack report of a carried pack,
 * each swap) and returns the nudges to deliver; it may hold packs through FleetModel.holds.
 */
export interface ModelNudgePolicy {
  onReading(packIdx: number, cust: number, nowMs: number): void;
  onSwap(cust: number, store: number, nowMs: number): void;
  /** Nudges decided since the last call (called once per step, after readings and swaps). */
  collect(nowMs: number): SimNudge[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export class FleetModel {
  readonly clock: VirtualClock;
  readonly packs: PackBank;
  readonly customers: CustomerBank;
  readonly stores: StoreSet;
  readonly kiosks: KioskModel[];
  readonly scenario: Scenario;
  readonly startMs: number;
  readonly stepMs: number;
  readonly counters: FleetCounters = emptyCounters();
  readonly stockOutMinutesByStore: Float64Array;
  private readonly ambient: Ambient;
  private readonly rng: Rng;
  private readonly faultRng: Rng;
  private readonly netRng: Rng;
  private readonly passes: Int32Array;
  private readonly phoneTally: PhoneTally = { packsHitZero: 0, phoneDeadMinutes: 0 };
  /** Kiosk messages waiting for each offline kiosk to reconnect. */
  private readonly backlog: Int32Array;
  private dayIndex = -1;
  private commandSeq = 0;
  private timer = 0;
  /** Holds placed by a nudge policy; the swaps here honour them as the server's pack choice does. */
  readonly holds: ModelHolds;
  readonly nudgeTally: NudgeTally | null = null;
  private readonly nudgePolicy: ModelNudgePolicy | null = null;
  private readonly nudgeRng: Rng;
  private readonly detours: Int32Array;

  constructor(opts: FleetOptions, clock?: VirtualClock) {
    this.startMs = opts.startMs ?? clock?.now() ?? DEFAULT_SIM_START_MS;
    this.clock = clock ?? new VirtualClock(this.startMs);
    this.stepMs = opts.stepMs ?? 60_000;
    this.scenario = typeof opts.scenario === 'object' ? opts.scenario : scenarioByName(opts.scenario ?? 'normal-day');
    this.ambient = opts.ambient ?? DEFAULT_AMBIENT;
    const slotsPerKiosk = opts.slotsPerKiosk ?? 12;
    const kiosksPerStore = opts.kiosksPerStore ?? 1;
    const built = buildFleet({
      seed: opts.seed,
      packs: opts.packs,
      customers: opts.customers ?? Math.round(opts.packs * 0.75),
      stores: opts.stores ?? Math.max(1, Math.ceil((opts.packs * 0.36) / (slotsPerKiosk * kiosksPerStore))),
      kiosksPerStore,
      slotsPerKiosk,
      lotSize: opts.lotSize ?? 5000,
      startMs: this.startMs,
      scenario: this.scenario,
      kiosk: opts.kiosk ?? {},
      geo: { ...DEFAULT_GEO, ...opts.geo },
    });
    this.packs = built.packs;
    this.customers = built.customers;
    this.stores = built.stores;
    this.kiosks = built.kiosks;
    this.stockOutMinutesByStore = new Float64Array(this.stores.ids.length);
    this.backlog = new Int32Array(this.kiosks.length);
    this.passes = new Int32Array(2 * this.customers.size + 2);
    const root = new Rng(opts.seed);
    this.rng = root.fork('fleet');
    this.faultRng = root.fork('faults');
    this.netRng = root.fork('network');
    this.holds = new ModelHolds(this.packs);
    this.detours = new Int32Array(3 * this.customers.size + 3);
    this.nudgeRng = root.fork('nudge-response');
    if (opts.nudges && opts.nudges.name !== 'off') {
      this.nudgeTally = new NudgeTally(this.customers, opts.nudges.name, opts.nudges.capPer24h);
      this.nudgePolicy = opts.nudges.make(this);
    } else if (opts.nudges) this.nudgeTally = new NudgeTally(this.customers, 'off', opts.nudges.capPer24h);
    this.armScenario();
    this.timer = this.clock.every(this.stepMs, (atMs) => this.step(atMs), this.startMs + this.stepMs);
  }

  /** Runs the model to untilMs (default: the scenario's duration) and returns the counters. */
  run(untilMs: number = this.startMs + this.scenario.durationMs): FleetCounters {
    this.clock.runUntil(untilMs);
    return this.finish();
  }

  /** Stops stepping (the clock may be shared and run on). */
  stop(): void {
    this.clock.cancel(this.timer);
  }

  /** Fills the end-of-run counters. */
  finish(): FleetCounters {
    const c = this.counters;
    c.simulatedMs = this.clock.now() - this.startMs;
    c.stockOutStoreMinutes = 0;
    c.storesWithStockOut = 0;
    for (const m of this.stockOutMinutesByStore) {
      c.stockOutStoreMinutes += m;
      if (m > 0) c.storesWithStockOut++;
    }
    c.packsHitZeroInHand = this.phoneTally.packsHitZero;
    c.phoneDeadMinutes = Math.round(this.phoneTally.phoneDeadMinutes);
    c.packsFaulted = 0;
    for (const f of this.packs.faultFlags) if (f !== 0) c.packsFaulted++;
    c.nudges = this.nudgeTally?.report() ?? null;
    return c;
  }

  private armScenario(): void {
    const sc = this.scenario;
    const c = this.counters;
    if (sc.recall) {
      const { lot, overheatPerHour } = sc.recall;
      this.clock.schedule(this.startMs + sc.recall.startsAfterMs, () => {
        if (lot < this.packs.lotCount) this.packs.lotOverheatPerHour[lot] = overheatPerHour;
      });
    }
    for (const o of sc.outages) {
      const k = this.kiosks[o.kiosk];
      if (!k) continue;
      this.clock.schedule(this.startMs + o.startsAfterMs, () => {
        k.online = false;
        if (o.kind === 'power') k.setMainsPower(false);
      });
      this.clock.schedule(this.startMs + o.startsAfterMs + o.lastsMs, () => {
        k.online = true;
        k.setMainsPower(true);
        c.replayedAfterReconnect += this.backlog[o.kiosk] as number;
        this.backlog[o.kiosk] = 0;
      });
    }
    const devices = this.packs.size + this.kiosks.length;
    for (const storm of sc.network.reconnectStorms) {
      this.clock.schedule(this.startMs + storm.atAfterMs, () => {
        c.reconnects += Math.round(devices * storm.share);
      });
    }
    if (sc.network.clockSkewShare > 0) c.skewedDevices = this.netRng.binomial(devices, sc.network.clockSkewShare);
  }

  private step(nowMs: number): void {
    const c = this.counters;
    const dtMs = this.stepMs;
    const day = Math.floor(nowMs / DAY_MS);
    if (day !== this.dayIndex) {
      this.dayIndex = day;
      const dow = new Date(day * DAY_MS).getUTCDay();
      this.customers.buildDay(dow === 0 || dow === 6, this.rng.fork(`day-${day}`));
    }
    const minuteOfDay = (nowMs - day * DAY_MS) / 60_000;
    const hour = Math.floor((nowMs - this.startMs - 1) / HOUR_MS);
    while (c.demandByHour.length <= hour) c.demandByHour.push(0);

    const faults = injectFaults(this.packs, nowMs, dtMs, this.faultRng);
    c.overheatEpisodes += faults.overheatEpisodes;
    c.swellings += faults.swellings;

    this.packs.stepAll(nowMs, dtMs, this.ambient);
    c.packReadings += this.packs.dueCount;
    let sent = this.packs.dueCount;
    const policy = this.nudgePolicy;
    if (policy) {
      const { due, holder } = this.packs;
      for (let k = 0; k < this.packs.dueCount; k++) {
        const p = due[k] as number;
        const h = holder[p] as number;
        if (h >= 0) policy.onReading(p, h, nowMs);
      }
    }

    stepPhones(this.customers, this.packs, nowMs, minuteOfDay, dtMs / HOUR_MS, this.phoneTally);
    const n = collectPasses(this.customers, nowMs, minuteOfDay, this.passes);
    for (let k = 0; k < n; k++) this.handlePass(this.passes[2 * k] as number, this.passes[2 * k + 1] as number, nowMs, hour, false, -1);
    const d = collectDetours(this.customers, nowMs, this.detours);
    for (let k = 0; k < d; k++) this.handlePass(this.detours[3 * k] as number, this.detours[3 * k + 1] as number, nowMs, hour, true, this.detours[3 * k + 2] as number);
    if (policy && this.nudgeTally) for (const nudge of policy.collect(nowMs)) deliverNudge(this, this.nudgeTally, this.nudgeRng, nudge, nowMs);

    const kps = this.stores.kiosksPerStore;
    for (let s = 0; s < this.stores.ids.length; s++) {
      let ready = 0;
      for (let k = s * kps; k < (s + 1) * kps; k++) {
        const kiosk = this.kiosks[k] as KioskModel;
        kiosk.tick(nowMs, dtMs);
        const msgs = kiosk.takeStatusDue();
        const events = kiosk.takeEvents().length;
        if (kiosk.online) {
          c.kioskStatusReports += msgs;
          c.kioskEvents += events;
          sent += msgs + events;
          ready += kiosk.readyCount;
        } else {
          this.backlog[k] = (this.backlog[k] as number) + msgs + events;
          c.queuedWhileOffline += msgs + events;
        }
      }
      if (ready === 0) this.stockOutMinutesByStore[s] = (this.stockOutMinutesByStore[s] as number) + dtMs / 60_000;
    }
    this.countSent(sent);
    c.steps++;
  }

  /** Network faults in model mode are counted, not applied: a few binomial draws per step. */
  private countSent(messages: number): void {
    const f = this.scenario.network;
    if (messages <= 0 || (f.duplicateRate === 0 && f.reorderRate === 0 && f.corruptRate === 0)) return;
    const c = this.counters;
    c.duplicatesInjected += this.netRng.binomial(messages, f.duplicateRate);
    c.reorderedInjected += this.netRng.binomial(messages, f.reorderRate);
    c.corruptInjected += this.netRng.binomial(messages, f.corruptRate);
  }

  /** A customer at a store: a routine pass (swaps when they want to), or a visit a nudge caused (swaps whatever their threshold). */
  private handlePass(cust: number, store: number, nowMs: number, hour: number, fromNudge: boolean, namedKiosk: number): void {
    if (store < 0) return;
    const cb = this.customers;
    const first = (cb.pack[cust] as number) < 0;
    if (!first && !fromNudge && !cb.wantsSwap(cust, this.packs)) return;
    const c = this.counters;
    c.demandByHour[hour] = (c.demandByHour[hour] ?? 0) + 1;
    if (first) c.firstPickupsAttempted++;
    else c.swapsAttempted++;
    // The store's kiosk the server would send them to: online, room for a return, most packs ready
    // for this customer (the kiosk a nudge named, when it has one for them).
    const kps = this.stores.kiosksPerStore;
    let chosen: KioskModel | undefined;
    let chosenReady = 0;
    let anyOnline = false;
    let anyRoom = false;
    for (let k = store * kps; k < (store + 1) * kps; k++) {
      const kiosk = this.kiosks[k] as KioskModel;
      if (!kiosk.online) continue;
      anyOnline = true;
      if (!first && kiosk.freeSlots() === 0) continue;
      anyRoom = true;
      const ready = this.holds.readyFor(kiosk, cust, nowMs) + (k === namedKiosk ? 0.5 : 0);
      if (ready >= 1 && (chosen === undefined || ready > chosenReady)) {
        chosen = kiosk;
        chosenReady = ready;
      }
    }
    if (!anyOnline) return void c.deniedKioskOffline++;
    if (!anyRoom) return void c.deniedNoFreeSlot++;
    if (chosen === undefined) {
      this.nudgeTally?.emptyTrip(fromNudge);
      return void c.deniedNoReadyPack++;
    }

    const requestId = `rq-${++this.commandSeq}`;
    if (!first) {
      const p = cb.pack[cust] as number;
      cb.plugged[cust] = 0;
      this.packs.outMa[p] = 0;
      chosen.insert(p, nowMs, requestId);
      cb.pack[cust] = -1;
    }
    // The server retries once on another ready slot when a release fails.
    for (let attempt = 0; attempt < 2; attempt++) {
      const slot = this.holds.bestSlotFor(chosen, cust, nowMs);
      if (slot < 0) break;
      const packIdx = chosen.slotPack[slot] as number;
      const r = chosen.execute(
        {
          commandId: `${chosen.id}-${this.commandSeq}-${attempt}`,
          issuedAtMs: nowMs,
          expiresAtMs: nowMs + 60_000,
          action: { kind: 'release', slot, packId: this.packs.ids[packIdx] as string, requestId },
        },
        nowMs,
      );
      if (r.outcome === 'done' && r.packIdx !== undefined) {
        cb.pack[cust] = r.packIdx;
        cb.hitZero[cust] = 0;
        this.packs.holder[r.packIdx] = cust;
        this.holds.release(r.packIdx);
        if (first) c.firstPickups++;
        else c.swapsDone++;
        this.nudgeTally?.swapped(cust, nowMs, fromNudge);
        this.nudgePolicy?.onSwap(cust, store, nowMs);
        return;
      }
      c.releaseFailures++;
    }
    if (first) c.pickupsFailed++;
    else c.leftWithoutPack++;
  }
}

/** Builds and runs a fleet in model mode; wallMs is the run only, not the build. */
export function runModel(opts: FleetOptions, untilMs?: number): { counters: FleetCounters; buildMs: number; wallMs: number } {
  const t0 = performance.now();
  const model = new FleetModel(opts);
  const t1 = performance.now();
  const counters = model.run(untilMs);
  return { counters, buildMs: t1 - t0, wallMs: performance.now() - t1 };
}
