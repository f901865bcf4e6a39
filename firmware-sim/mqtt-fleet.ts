// Device mode: the model fleet (packs, kiosks, customers) as real devices against a broker and the
// HTTP API. Each pack and kiosk has its own MQTT connection and credentials; packs publish their
// telemetry, kiosks their status, events and swap requests, and customers act through a kiosk.
// Time comes from a VirtualClock (shared with an in-process server, run in slices) or real time.
import { DEFAULT_AMBIENT } from './battery-model.ts';
import { collectDetours, collectPasses, stepPhones, type PhoneTally } from './customer-model.ts';
import { deliverNudge } from './nudge-delivery.ts';
import { NudgeTally, type NudgePolicyName } from './nudge-tally.ts';
import type { Nudge } from '../proto/codec.ts';
import { toNum } from '../proto/codec.ts';
import type { BuiltFleet } from './fleet-build.ts';
import { FleetDevices, type AckLog } from './fleet-devices.ts';
import { planFleet, provisionPlan, type FleetPlan, type FleetPlanOptions } from './fleet-plan.ts';
import { LinkPool, type LinkPoolOptions } from './link-pool.ts';
import { pickSkewedDevices } from './network-faults.ts';
import { injectFaults } from './pack-faults.ts';
import { importRegistry, type ApiTarget } from './provision.ts';
import { Rng } from './rng.ts';
import { armScenarioEvents, type ScenarioTally } from './scenario-events.ts';
import type { Scenario } from './scenarios.ts';
import { buildReport, summaryLine, type SimReport } from './sim-report.ts';
import { SwapSessions } from './swap-sessions.ts';
import { UplinkFaults } from './uplink-faults.ts';
import { VirtualClock, type RealTimeClock, type SimClock } from './virtual-clock.ts';

export interface MqttFleetOptions extends Omit<FleetPlanOptions, 'startMs'> {
  /** mqtt://host:port */
  brokerUrl: string;
  api: ApiTarget;
  /** A VirtualClock (run in slices by run()) or a RealTimeClock (runs by itself). */
  clock: VirtualClock | RealTimeClock;
  /** Mixed into boot ids: two runs with the same seed never reuse a (device, boot id). Default random. */
  bootSalt?: string;
  /** Connection pool settings. */
  links?: Omit<LinkPoolOptions, 'brokerUrl' | 'onAck' | 'onDownlink' | 'onUp' | 'onDown'>;
  /** Passwords of devices provisioned already; provisioning through the API is skipped. */
  credentials?: ReadonlyMap<string, string>;
  provisionConcurrency?: number;
  /** Connects in flight at once (default 64), and how long create() waits for all of them (default 120 s). */
  connectConcurrency?: number;
  connectTimeoutMs?: number;
  /** Keep every swap as the simulator saw it (for tests). */
  keepLedger?: boolean;
  /** Keep the (device, boot, seq) of every acknowledged message and every damaged one (for tests). */
  trackAcks?: boolean;
  /** Devices whose clocks run skewed (by the scenario's clockSkewMs, default 3 h) besides the ones the scenario picks. */
  skewedDeviceIds?: readonly string[];
  /** Reconnect storms spread their reconnects over this much wall time. Default 2,000 ms. */
  stormSpreadMs?: number;
  /** Progress during setup (provisioning, connecting). */
  log?: (line: string) => void;
  /**
   * The nudge policy the server runs (in-process, the caller configures the server with it). Not
   * 'off': every customer's app is provisioned, connects and answers nudges by the response model.
   */
  nudges?: NudgePolicyName;
  /** The server's cap per rolling 24 h, for the report's over-the-cap count. Default 2. */
  nudgeCapPer24h?: number;
  /** Customers (indexes) whose app the simulator provisions but leaves to someone else (the demo's mosquitto_sub). */
  leaveApps?: (built: BuiltFleet) => number[];
}

export interface RunOptions {
  /** Default: the scenario's duration from the start. */
  untilMs?: number;
  /** Simulated ms per wall ms for a VirtualClock; Infinity runs as fast as the server keeps up. */
  speed?: number;
  signal?: AbortSignal;
  /** Longest wall wait at a slice boundary for the server's answers and acknowledgements. Default 5 s. */
  gateMaxWallMs?: number;
  /** At a slice boundary, wait while more pack messages than this are unacknowledged. Default 2,000. */
  gateMaxUnacked?: number;
  /**
   * In-process runs: at a slice boundary, also wait (within gateMaxWallMs) for the server's queued
   * work the fleet cannot see, such as nudges waiting in its outbox, so that it takes no simulated time.
   */
  serverIdle?: () => Promise<void>;
}

const STEP_MS = 60_000;
const KIOSK_TICK_MS = 30_000;

export class MqttFleet {
  readonly clock: SimClock;
  readonly built: BuiltFleet;
  readonly scenario: Scenario;
  readonly startMs: number;
  readonly devices: FleetDevices;
  readonly sessions: SwapSessions;
  readonly pool: LinkPool;
  readonly stockOutMinutesByStore: Float64Array;
  readonly phones: PhoneTally = { packsHitZero: 0, phoneDeadMinutes: 0 };
  private readonly rng: Rng;
  private readonly faultRng: Rng;
  private readonly passes: Int32Array;
  private readonly timers: number[] = [];
  private readonly storm: ScenarioTally = { reconnectStorms: 0, devicesDropped: 0 };
  private overheat = 0;
  private swellings = 0;
  private dayIndex = -1;
  private wallStartMs = 0;
  private connect = { connected: 0, failed: 0, ms: 0, sourceAddresses: 0 };
  private wake: (() => void) | null = null;
  /** Where run() spent its wall time: the simulation itself, or waiting for the server at slice boundaries (and why). */
  readonly pacing = { slices: 0, stepMs: 0, gateMs: 0, waitsFor: {} as Record<string, number> };
  private readonly seed: string;
  private readonly idPrefix: string;
  /** The broker the devices connect to. */
  readonly brokerUrl: string;
  readonly nudges: NudgeTally;
  private readonly nudgeRng: Rng;
  private readonly detours: Int32Array;
  private readonly storeIndex: Map<string, number>;
  private readonly kioskIndex: Map<string, number>;
  private readonly packIndex: Map<string, number>;
  /** Passwords of the customer apps left to someone else (leaveApps). */
  readonly appPasswords = new Map<string, string>();

  private constructor(o: MqttFleetOptions, plan: FleetPlan) {
    const { built, scenario: sc, kioskIds, tokens } = plan;
    this.clock = o.clock;
    this.built = built;
    this.scenario = sc;
    this.seed = String(o.seed);
    this.idPrefix = plan.idPrefix;
    this.startMs = o.clock.now();
    this.rng = new Rng(o.seed).fork('fleet');
    this.faultRng = new Rng(o.seed).fork('faults');
    this.passes = new Int32Array(2 * built.customers.size + 2);
    this.detours = new Int32Array(3 * built.customers.size + 3);
    this.brokerUrl = o.brokerUrl;
    this.nudges = new NudgeTally(built.customers, o.nudges ?? 'off', o.nudgeCapPer24h ?? 2);
    this.nudgeRng = new Rng(o.seed).fork('nudge-response');
    this.storeIndex = new Map(built.stores.ids.map((id, i) => [id, i]));
    this.kioskIndex = new Map(kioskIds.map((id, i) => [id, i]));
    this.packIndex = new Map(built.packs.ids.map((id, i) => [id, i]));
    this.stockOutMinutesByStore = new Float64Array(built.stores.ids.length);
    const net = sc.network;
    const faults = new UplinkFaults(net, new Rng(o.seed).fork('network'), (kind, b) => FleetDevices.decodes(kind, b));
    this.pool = new LinkPool({
      brokerUrl: o.brokerUrl,
      ...o.links,
      onAck: (link, msg) => {
        this.devices.acked(link, msg);
        this.wake?.();
      },
      onDownlink: (link, topic, payload) => {
        this.devices.downlink(link, topic, payload);
        this.wake?.();
      },
    });
    this.sessions = new SwapSessions(
      {
        clock: this.clock,
        packs: built.packs,
        customers: built.customers,
        kiosks: built.kiosks,
        kiosksPerStore: built.stores.kiosksPerStore,
        kioskIds,
        customerIds: built.customers.ids,
        kioskReachable: (k) => this.devices.kioskLinks[k]!.up,
        customerToken: (c) => tokens[c]!,
        sendRequest: (k, req) => this.devices.sendRequest(k, req),
        flush: (k) => this.devices.flushKiosk(k),
        onReboot: (k) => this.devices.kioskOutbox(k).reboot(),
        onSwapped: (c, nudged) => this.nudges.swapped(c, this.clock.now(), nudged),
        onNoPack: (_c, nudged) => this.nudges.emptyTrip(nudged),
      },
      { keepLedger: o.keepLedger ?? false, requestPrefix: `${this.idPrefix}rq-` },
    );
    const apps = (o.nudges ?? 'off') === 'off' ? [] : built.customers.ids.map((_, c) => c);
    const left = new Set(apps.length > 0 ? (o.leaveApps?.(built) ?? []) : []);
    this.devices = new FleetDevices({
      built, kioskIds, clock: this.clock, pool: this.pool, faults, sessions: this.sessions, seed: this.seed, bootSalt: o.bootSalt ?? Math.random().toString(36).slice(2), trackAcks: o.trackAcks ?? false, clockSkewMs: net.clockSkewMs,
      customerApps: apps.filter((c) => !left.has(c)),
      onNudge: (c, n) => this.onNudge(c, n),
    });
    for (const c of left) this.appPasswords.set(built.customers.ids[c]!, '');
  }

  /** A nudge on customer c's app: the response model decides whether (and when) they go. */
  private onNudge(c: number, n: Nudge): void {
    deliverNudge(this.built, this.nudges, this.nudgeRng, { cust: c, store: this.storeIndex.get(n.storeId) ?? -1, kiosk: this.kioskIndex.get(n.kioskId) ?? -1, packIdx: this.packIndex.get(n.packId) ?? -1, holdUntilMs: toNum(n.holdExpiresAtMs) }, this.clock.now());
  }

  /** Builds the fleet, provisions its devices and registry through the API, connects every device. */
  static async create(o: MqttFleetOptions, planned?: FleetPlan): Promise<MqttFleet> {
    const plan = planned ?? planFleet({ ...o, startMs: o.clock.now(), customerApps: (o.nudges ?? 'off') !== 'off' });
    const { built } = plan;
    const log = o.log ?? (() => {});
    // The registry first: a customer's app can be provisioned only once the customer is known.
    const doc = plan.registry();
    await importRegistry(o.api, doc);
    log(`imported the registry: ${doc.stores.length} stores, ${doc.kiosks.length} kiosks, ${doc.customers.length} customers, ${doc.packs.length} packs`);
    const creds = o.credentials ?? (await provisionPlan(plan, o.api, { concurrency: o.provisionConcurrency ?? 16, log }));
    const fleet = new MqttFleet(o, plan);
    for (const id of fleet.appPasswords.keys()) fleet.appPasswords.set(id, creds.get(id) ?? '');
    fleet.devices.attach(creds, o.skewedDeviceIds ?? [], pickSkewedDevices(built.packs.size + built.kiosks.length, plan.scenario.network, new Rng(o.seed).fork('skew')));
    fleet.connect = await fleet.pool.connectAll(fleet.pool.links, { concurrency: o.connectConcurrency ?? 64, timeoutMs: o.connectTimeoutMs ?? 120_000 });
    log(`connected ${fleet.connect.connected}/${fleet.pool.links.length} devices in ${(fleet.connect.ms / 1000).toFixed(1)} s`);
    fleet.arm(o.stormSpreadMs ?? 2000);
    // The server must know every kiosk's slots before the first customer asks.
    const deadline = performance.now() + 60_000;
    while (fleet.pool.inflight() > 0 && performance.now() < deadline) await sleep(20);
    return fleet;
  }

  /** Schedules the physics, the kiosks and the scenario's events on the clock. */
  private arm(stormSpreadMs: number): void {
    const c = this.clock;
    const t0 = this.startMs;
    // A first status from every kiosk, so the server knows the slots before anyone asks.
    for (let k = 0; k < this.built.kiosks.length; k++) {
      this.built.kiosks[k]!.tick(t0, 0);
      this.devices.flushKiosk(k, true);
    }
    this.timers.push(c.every(KIOSK_TICK_MS, (now) => this.kioskTick(now), t0 + KIOSK_TICK_MS));
    this.timers.push(c.every(STEP_MS, (now) => this.step(now), t0 + STEP_MS));
    this.timers.push(...armScenarioEvents(this.scenario, { clock: c, startMs: t0, built: this.built, kioskLinks: this.devices.kioskLinks, pool: this.pool, rng: new Rng(this.seed).fork('storms'), stormSpreadMs, tally: this.storm }));
  }

  private kioskTick(nowMs: number): void {
    const kiosks = this.built.kiosks;
    for (let k = 0; k < kiosks.length; k++) {
      kiosks[k]!.tick(nowMs, KIOSK_TICK_MS);
      this.devices.flushKiosk(k);
    }
  }

  private step(nowMs: number): void {
    const { packs, customers, stores, kiosks } = this.built;
    const day = Math.floor(nowMs / 86_400_000);
    if (day !== this.dayIndex) {
      this.dayIndex = day;
      const dow = new Date(day * 86_400_000).getUTCDay();
      customers.buildDay(dow === 0 || dow === 6, this.rng.fork(`day-${day}`));
    }
    const minuteOfDay = (nowMs - day * 86_400_000) / 60_000;
    const f = injectFaults(packs, nowMs, STEP_MS, this.faultRng);
    this.overheat += f.overheatEpisodes;
    this.swellings += f.swellings;
    packs.stepAll(nowMs, STEP_MS, DEFAULT_AMBIENT);
    for (let k = 0; k < packs.dueCount; k++) this.devices.publishPack(packs.due[k]!, nowMs);
    stepPhones(customers, packs, nowMs, minuteOfDay, STEP_MS / 3_600_000, this.phones);
    const n = collectPasses(customers, nowMs, minuteOfDay, this.passes);
    for (let i = 0; i < n; i++) {
      const cust = this.passes[2 * i]!;
      const store = this.passes[2 * i + 1]!;
      if (store < 0) continue;
      if ((customers.pack[cust] as number) >= 0 && !customers.wantsSwap(cust, packs)) continue;
      this.sessions.arrive(cust, store);
    }
    // Visits a nudge caused: they swap whatever their own threshold, at the kiosk the nudge named.
    const d = collectDetours(customers, nowMs, this.detours);
    for (let i = 0; i < d; i++) {
      const cust = this.detours[3 * i]!;
      const store = this.detours[3 * i + 1]!;
      if (store >= 0) this.sessions.arrive(cust, store, { kiosk: this.detours[3 * i + 2]! });
    }
    const kps = stores.kiosksPerStore;
    for (let s = 0; s < stores.ids.length; s++) {
      let ready = 0;
      // A kiosk in an outage serves nobody; a kiosk reconnecting after a storm is back within the slice.
      for (let k = s * kps; k < (s + 1) * kps; k++) if (kiosks[k]!.online) ready += kiosks[k]!.readyCount;
      if (ready === 0) this.stockOutMinutesByStore[s] = this.stockOutMinutesByStore[s]! + STEP_MS / 60_000;
    }
  }

  /**
   * Runs to untilMs. A VirtualClock advances in slices; at each boundary the run waits (at most
   * gateMaxWallMs) until the server has answered every waiting customer and acknowledged what the
   * kiosks sent, so server work takes no simulated time, then paces itself to `speed`.
   */
  async run(opts: RunOptions = {}): Promise<void> {
    const untilMs = opts.untilMs ?? this.startMs + this.scenario.durationMs;
    if (this.wallStartMs === 0) this.wallStartMs = performance.now();
    const c = this.clock;
    if (!(c instanceof VirtualClock)) {
      while (c.now() < untilMs && !opts.signal?.aborted) await sleep(Math.min(1000, untilMs - c.now()), opts.signal);
      return;
    }
    const speed = opts.speed ?? Infinity;
    const sliceMs = Number.isFinite(speed) ? Math.min(KIOSK_TICK_MS, Math.max(1000, speed * 100)) : KIOSK_TICK_MS;
    const gateMs = opts.gateMaxWallMs ?? 5000;
    const maxUnacked = opts.gateMaxUnacked ?? 2000;
    const wall0 = performance.now();
    const sim0 = c.now();
    while (c.now() < untilMs && !opts.signal?.aborted) {
      const s0 = performance.now();
      c.runUntil(Math.min(untilMs, c.now() + sliceMs));
      const s1 = performance.now();
      await this.gate(gateMs, maxUnacked);
      if (opts.serverIdle) await this.bounded(opts.serverIdle(), gateMs);
      this.pacing.slices++;
      this.pacing.stepMs += s1 - s0;
      this.pacing.gateMs += performance.now() - s1;
      const aheadMs = Number.isFinite(speed) ? (c.now() - sim0) / speed - (performance.now() - wall0) : 0;
      if (aheadMs > 1) await sleep(aheadMs, opts.signal);
      else await new Promise<void>((r) => setImmediate(r));
    }
  }

  private async bounded(work: Promise<void>, maxWallMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWallMs)))]);
    clearTimeout(timer);
  }

  /** Waits (bounded) until no customer waits for the server and every kiosk's messages are acknowledged. */
  private async gate(maxWallMs: number, maxUnacked: number): Promise<void> {
    const deadline = performance.now() + maxWallMs;
    while (!this.settled(maxUnacked) && performance.now() < deadline) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 25);
        this.wake = () => {
          clearTimeout(t);
          this.wake = null;
          resolve();
        };
      });
    }
    this.wake = null;
  }

  private settled(maxUnacked: number): boolean {
    const c = this.pool.counters;
    const why =
      this.sessions.waiting > 0 ? 'sessions'
      : this.devices.kioskPending() > 0 ? 'kioskAcks'
      : c.sent - c.acked - c.requeued > maxUnacked ? 'unacked'
      // Reconnecting takes wall time; in simulated time a dropped device is back at the next slice.
      : this.pool.wantedDown() > 0 ? 'reconnects'
      : null;
    if (why !== null) this.pacing.waitsFor[why] = (this.pacing.waitsFor[why] ?? 0) + 1;
    return why === null;
  }

  /** Sends what faults held back and waits (bounded) until every message is acknowledged. */
  async drain(timeoutMs = 30_000): Promise<boolean> {
    this.devices.releaseHeld();
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (this.sessions.waiting === 0 && this.pool.inflight() === 0 && this.devices.offlineBacklog() === 0) return true;
      await sleep(20);
    }
    return false;
  }

  get acks(): AckLog {
    return this.devices.ackLog;
  }

  storesOut(): number {
    let n = 0;
    const kps = this.built.stores.kiosksPerStore;
    for (let s = 0; s < this.built.stores.ids.length; s++) {
      let ready = 0;
      for (let k = s * kps; k < (s + 1) * kps; k++) if (this.built.kiosks[k]!.online) ready += this.built.kiosks[k]!.readyCount;
      if (ready === 0) n++;
    }
    return n;
  }

  summary(): string {
    const simS = (this.clock.now() - this.startMs) / 1000;
    const wallS = this.wallStartMs === 0 ? 0 : (performance.now() - this.wallStartMs) / 1000;
    return summaryLine({ simNowMs: this.clock.now(), speed: wallS > 0 ? simS / wallS : NaN, links: this.pool.counters, up: this.pool.upCount, devices: this.pool.links.length, swaps: this.sessions.counters, packsHitZero: this.phones.packsHitZero, storesOut: this.storesOut(), nudges: this.nudges.report() });
  }

  report(): SimReport {
    const wallS = this.wallStartMs === 0 ? 0 : (performance.now() - this.wallStartMs) / 1000;
    return buildReport({
      scenario: this.scenario.name,
      seed: this.seed,
      idPrefix: this.idPrefix,
      startMs: this.startMs,
      nowMs: this.clock.now(),
      wallS,
      built: this.built,
      connect: this.connect,
      links: this.pool.counters,
      upAtEnd: this.pool.upCount,
      made: this.devices.made,
      outbox: this.devices.outboxTotals(),
      unacknowledged: this.pool.inflight() + this.devices.offlineBacklog(),
      faults: { ...this.devices.faults.tally, ...this.storm, skewedDevices: this.devices.skewedCount },
      swaps: this.sessions.counters,
      phones: this.phones,
      stockOutMinutesByStore: this.stockOutMinutesByStore,
      overheatEpisodes: this.overheat,
      swellings: this.swellings,
      nudges: this.nudges.report(),
    });
  }

  /** Stops the devices' timers on the clock (the clock may be shared and run on); connections stay. */
  halt(): void {
    for (const t of this.timers.splice(0)) this.clock.cancel(t);
    this.sessions.halt();
  }

  /** Stops the timers and closes every connection. */
  close(): void {
    this.halt();
    this.pool.close();
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}
