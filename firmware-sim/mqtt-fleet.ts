// Device mode: the model fleet (packs, kiosks, customers) as real devices against a broker and the
// HTTP API. Each pack and kiosk has its own MQTT connection and credentials; packs publish their
// telemetry, kiosks their status, events and swap requests, and customers act through a kiosk.
// Time comes from a VirtualClock (shared with an in-process server, run in slices) or real time.
import { DEFAULT_AMBIENT } from './battery-model.ts';
import { collectPasses, stepPhones, type PhoneTally } from './customer-model.ts';
import { buildFleet, DEFAULT_GEO, type BuiltFleet } from './fleet-build.ts';
import { injectFaults } from './pack-faults.ts';
import { Rng } from './rng.ts';
import { scenario as scenarioByName, type NetworkFaults, type Scenario, type ScenarioName } from './scenarios.ts';
import { pickSkewedDevices } from './network-faults.ts';
import { LinkPool, type LinkPoolOptions } from './link-pool.ts';
import { SwapSessions } from './swap-sessions.ts';
import { UplinkFaults } from './uplink-faults.ts';
import { VirtualClock, type RealTimeClock, type SimClock } from './virtual-clock.ts';
import { FleetDevices, type AckLog } from './fleet-devices.ts';
import { customerTokens, importRegistry, provisionDevices, registryDoc, type ApiTarget } from './provision.ts';
import { summaryLine, type SimReport } from './sim-report.ts';

export interface MqttFleetOptions {
  seed: string | number;
  packs: number;
  /** Default 75 % of packs. */
  customers?: number;
  stores: number;
  kiosksPerStore: number;
  slotsPerKiosk?: number;
  scenario?: ScenarioName | Scenario;
  /** mqtt://host:port */
  brokerUrl: string;
  api: ApiTarget;
  /** A VirtualClock (run in slices by run()) or a RealTimeClock (runs by itself). */
  clock: VirtualClock | RealTimeClock;
  /** Put in front of every id (stores, kiosks, packs, customers, lots), so runs never collide. Default "sim-". */
  idPrefix?: string;
  /** Mixed into boot ids: two runs with the same seed never reuse a (device, boot id). Default random. */
  bootSalt?: string;
  /** Connection pool settings. */
  links?: Omit<LinkPoolOptions, 'brokerUrl' | 'onAck' | 'onDownlink' | 'onUp' | 'onDown'>;
  /** Passwords of devices provisioned already; provisioning through the API is skipped. */
  credentials?: ReadonlyMap<string, string>;
  provisionConcurrency?: number;
  connectConcurrency?: number;
  /** Keep every swap as the simulator saw it (for tests). */
  keepLedger?: boolean;
  /** Keep the (device, boot, seq) of every acknowledged message and every damaged one (for tests). */
  trackAcks?: boolean;
  /** Devices whose clocks run skewed (by the scenario's clockSkewMs, default 3 h) besides the ones the scenario picks. */
  skewedDeviceIds?: readonly string[];
  /** Overrides of the scenario's network faults. */
  network?: Partial<NetworkFaults>;
  /** Reconnect storms spread their reconnects over this much wall time. Default 2,000 ms. */
  stormSpreadMs?: number;
  /** Progress during setup (provisioning, connecting). */
  log?: (line: string) => void;
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
  private readonly storm = { storms: 0, dropped: 0 };
  private overheat = 0;
  private swellings = 0;
  private dayIndex = -1;
  private wallStartMs = 0;
  private connect = { connected: 0, failed: 0, ms: 0, sourceAddresses: 0 };
  private wake: (() => void) | null = null;
  private readonly seed: string;
  private readonly idPrefix: string;

  private constructor(o: MqttFleetOptions, built: BuiltFleet, sc: Scenario, kioskIds: string[], tokens: string[]) {
    this.clock = o.clock;
    this.built = built;
    this.scenario = sc;
    this.seed = String(o.seed);
    this.idPrefix = o.idPrefix ?? 'sim-';
    this.startMs = o.clock.now();
    this.rng = new Rng(o.seed).fork('fleet');
    this.faultRng = new Rng(o.seed).fork('faults');
    this.passes = new Int32Array(2 * built.customers.size + 2);
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
      },
      { keepLedger: o.keepLedger ?? false, requestPrefix: `${this.idPrefix}rq-` },
    );
    this.devices = new FleetDevices({ built, kioskIds, clock: this.clock, pool: this.pool, faults, sessions: this.sessions, seed: this.seed, bootSalt: o.bootSalt ?? Math.random().toString(36).slice(2), trackAcks: o.trackAcks ?? false, clockSkewMs: net.clockSkewMs });
  }

  /** Builds the fleet, provisions its devices and registry through the API, connects every device. */
  static async create(o: MqttFleetOptions): Promise<MqttFleet> {
    const sc = typeof o.scenario === 'object' ? o.scenario : scenarioByName(o.scenario ?? 'normal-day');
    const netOverride = o.network ? { ...sc, network: { ...sc.network, ...o.network } } : sc;
    const slots = o.slotsPerKiosk ?? 12;
    const built = buildFleet({
      seed: o.seed,
      packs: o.packs,
      customers: o.customers ?? Math.round(o.packs * 0.75),
      stores: o.stores,
      kiosksPerStore: o.kiosksPerStore,
      slotsPerKiosk: slots,
      lotSize: Math.max(50, Math.ceil(o.packs / 20)),
      startMs: o.clock.now(),
      scenario: netOverride,
      kiosk: {},
      geo: DEFAULT_GEO,
    });
    const prefix = o.idPrefix ?? 'sim-';
    // Wire ids: the model's ids behind the run's prefix.
    for (let i = 0; i < built.packs.size; i++) built.packs.ids[i] = prefix + built.packs.ids[i]!;
    for (let c = 0; c < built.customers.size; c++) built.customers.ids[c] = prefix + built.customers.ids[c]!;
    for (let s = 0; s < built.stores.ids.length; s++) built.stores.ids[s] = prefix + built.stores.ids[s]!;
    const kioskIds = built.kiosks.map((k) => prefix + k.id);
    const tokens = customerTokens(built.customers.size, new Rng(`${o.seed}/${prefix}/tokens`));
    const log = o.log ?? (() => {});
    let creds = o.credentials;
    if (!creds) {
      const devices = [...kioskIds.map((id) => ({ id, kind: 'kiosk' as const })), ...built.packs.ids.map((id) => ({ id, kind: 'pack' as const }))];
      const t0 = performance.now();
      let lastLog = t0;
      creds = await provisionDevices(o.api, devices, {
        concurrency: o.provisionConcurrency ?? 16,
        onProgress: (done, of) => {
          if (performance.now() - lastLog > 2000 || done === of) {
            lastLog = performance.now();
            log(`provisioned ${done}/${of} devices`);
          }
        },
      });
      log(`provisioned ${creds.size} devices in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const doc = registryDoc({ stores: built.stores, kioskIds, slotsPerKiosk: slots, customerIds: built.customers.ids, packs: built.packs, lotName: (lot) => `${prefix}lot-${lot}` }, tokens);
    await importRegistry(o.api, doc);
    log(`imported the registry: ${doc.stores.length} stores, ${doc.kiosks.length} kiosks, ${doc.customers.length} customers, ${doc.packs.length} packs`);
    const fleet = new MqttFleet(o, built, netOverride, kioskIds, tokens);
    fleet.devices.attach(creds, o.skewedDeviceIds ?? [], pickSkewedDevices(built.packs.size + built.kiosks.length, netOverride.network, new Rng(o.seed).fork('skew')));
    fleet.connect = await fleet.pool.connectAll(fleet.pool.links, { concurrency: o.connectConcurrency ?? 64 });
    log(`connected ${fleet.connect.connected}/${fleet.pool.links.length} devices in ${(fleet.connect.ms / 1000).toFixed(1)} s`);
    fleet.arm(o.stormSpreadMs ?? 2000);
    return fleet;
  }

  /** Schedules the physics, the kiosks and the scenario's events on the clock. */
  private arm(stormSpreadMs: number): void {
    const c = this.clock;
    const t0 = this.startMs;
    // A first status from every kiosk, so the server knows the slots before anyone asks.
    for (let k = 0; k < this.built.kiosks.length; k++) this.devices.flushKiosk(k, true);
    this.timers.push(c.every(KIOSK_TICK_MS, (now) => this.kioskTick(now), t0 + KIOSK_TICK_MS));
    this.timers.push(c.every(STEP_MS, (now) => this.step(now), t0 + STEP_MS));
    const sc = this.scenario;
    if (sc.recall) {
      const { lot, overheatPerHour } = sc.recall;
      this.timers.push(c.schedule(t0 + sc.recall.startsAfterMs, () => {
        if (lot < this.built.packs.lotCount) this.built.packs.lotOverheatPerHour[lot] = overheatPerHour;
      }));
    }
    for (const o of sc.outages) {
      const k = this.built.kiosks[o.kiosk];
      if (!k) continue;
      this.timers.push(c.schedule(t0 + o.startsAfterMs, () => {
        k.online = false;
        this.devices.kioskLinks[o.kiosk]!.stop();
        if (o.kind === 'power') k.setMainsPower(false);
      }));
      this.timers.push(c.schedule(t0 + o.startsAfterMs + o.lastsMs, () => {
        k.online = true;
        k.setMainsPower(true);
        void this.devices.kioskLinks[o.kiosk]!.start();
      }));
    }
    const netRng = new Rng(this.seed).fork('storms');
    for (const storm of sc.network.reconnectStorms) {
      this.timers.push(c.schedule(t0 + storm.atAfterMs, () => {
        const victims = this.pool.links.filter((l) => l.wanted && netRng.chance(storm.share));
        this.storm.storms++;
        this.storm.dropped += victims.length;
        this.pool.storm(victims, stormSpreadMs, () => netRng.next());
      }));
    }
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
    const kps = stores.kiosksPerStore;
    for (let s = 0; s < stores.ids.length; s++) {
      let ready = 0;
      for (let k = s * kps; k < (s + 1) * kps; k++) if (this.devices.kioskLinks[k]!.up) ready += kiosks[k]!.readyCount;
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
      c.runUntil(Math.min(untilMs, c.now() + sliceMs));
      await this.gate(gateMs, maxUnacked);
      const aheadMs = Number.isFinite(speed) ? (c.now() - sim0) / speed - (performance.now() - wall0) : 0;
      if (aheadMs > 1) await sleep(aheadMs, opts.signal);
      else await new Promise<void>((r) => setImmediate(r));
    }
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
    return this.sessions.waiting === 0 && this.devices.kioskPending() === 0 && c.sent - c.acked - c.requeued <= maxUnacked;
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
      for (let k = s * kps; k < (s + 1) * kps; k++) ready += this.built.kiosks[k]!.readyCount;
      if (ready === 0) n++;
    }
    return n;
  }

  summary(): string {
    const simS = (this.clock.now() - this.startMs) / 1000;
    const wallS = this.wallStartMs === 0 ? 0 : (performance.now() - this.wallStartMs) / 1000;
    return summaryLine({ simNowMs: this.clock.now(), speed: wallS > 0 ? simS / wallS : NaN, links: this.pool.counters, up: this.pool.upCount, devices: this.pool.links.length, swaps: this.sessions.counters, packsHitZero: this.phones.packsHitZero, storesOut: this.storesOut() });
  }

  report(): SimReport {
    const now = this.clock.now();
    const wallS = this.wallStartMs === 0 ? 0 : (performance.now() - this.wallStartMs) / 1000;
    const lc = this.pool.counters;
    const byStore: Record<string, number> = {};
    let total = 0;
    this.built.stores.ids.forEach((id, s) => {
      byStore[id] = this.stockOutMinutesByStore[s]!;
      total += this.stockOutMinutesByStore[s]!;
    });
    const ob = this.devices.outboxTotals();
    return {
      scenario: this.scenario.name,
      seed: this.seed,
      idPrefix: this.idPrefix,
      simStart: new Date(this.startMs).toISOString(),
      simEnd: new Date(now).toISOString(),
      simulatedHours: Math.round(((now - this.startMs) / 3_600_000) * 100) / 100,
      wallSeconds: Math.round(wallS * 10) / 10,
      speed: wallS > 0 ? Math.round((now - this.startMs) / 1000 / wallS) : 0,
      devices: { stores: this.built.stores.ids.length, kiosks: this.built.kiosks.length, packs: this.built.packs.size, customers: this.built.customers.size },
      connections: { initial: this.connect.connected, initialFailed: this.connect.failed, connectMs: this.connect.ms, sourceAddresses: this.connect.sourceAddresses, reconnects: lc.connects - this.connect.connected, disconnects: lc.disconnects, connectFailures: lc.connectFailures, refused: lc.refused, upAtEnd: this.pool.upCount },
      messages: { sent: lc.sent, acknowledged: lc.acked, resent: lc.resent, made: { ...this.devices.made }, queuedWhileOffline: ob.queued, replayedAfterReconnect: ob.replayed, droppedOverflow: ob.overflowDropped, unacknowledgedAtEnd: this.pool.inflight() + this.devices.offlineBacklog(), downlinks: lc.downlinks },
      faults: { ...this.devices.faults.tally, reconnectStorms: this.storm.storms, devicesDropped: this.storm.dropped, skewedDevices: this.devices.skewedCount },
      swaps: structuredClone(this.sessions.counters),
      packsHitZeroInHand: this.phones.packsHitZero,
      phoneDeadMinutes: Math.round(this.phones.phoneDeadMinutes),
      stockOutStoreMinutes: total,
      stockOutMinutesByStore: byStore,
      overheatEpisodes: this.overheat,
      swellings: this.swellings,
    };
  }

  /** Stops the timers and closes every connection. */
  close(): void {
    for (const t of this.timers) this.clock.cancel(t);
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
