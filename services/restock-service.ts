// Restocking: the forecast from the swap ledger and the telemetry store, the projection and the
// plan from the registry and live state, courier jobs and their custody, alerts (stock-out and
// full-slot projections on a timer; a hot pack idle in a slot as a stream rule), withdrawals with
// the health score, and recall progress. Routes read and call this; it decides.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import { CfError } from '../domain/errors.ts';
import type { Custody } from '../domain/fleet-model.ts';
import { forecastDemand, type FleetForecast } from '../domain/restock/forecast.ts';
import type { GeoPoint } from '../domain/restock/geo.ts';
import type { CourierJob, JobEvent } from '../domain/restock/jobs.ts';
import { hourStart } from '../domain/restock/local-time.ts';
import type { HealthPolicy } from '../domain/restock/pack-health.ts';
import { planRestock, type PlanInput, type RestockPlan } from '../domain/restock/plan.ts';
import { projectStore, type StoreProjection } from '../domain/restock/projection.ts';
import type { RestockPolicy } from '../domain/restock/restock-model.ts';
import { topics } from '../domain/topics.ts';
import type { CommittedBatch } from '../ingest/committed-feed.ts';
import type { LiveState } from '../ingest/live-state.ts';
import { encodeKioskCommand } from '../proto/codec.ts';
import type { FleetRegistry, PackRow } from '../store/fleet-registry.ts';
import type { AlertQuery, AlertRecord, JobQuery, RestockLedger } from '../store/restock-ledger.ts';
import type { TelemetryStore } from '../store/telemetry-store.ts';
import { commandToProto } from './commands.ts';
import { PackHealthTracker } from './pack-health-tracker.ts';
import { AlertCenter } from './restock-alerts.ts';
import { DemandHistoryCache } from './restock-demand.ts';
import { RestockInputs, type Withdrawal } from './restock-inputs.ts';
import { RestockJobs, type JobSpec } from './restock-jobs.ts';

export interface RestockServiceOptions {
  fleet: FleetRegistry;
  live: Pick<LiveState, 'kiosk' | 'pack' | 'online'>;
  store: TelemetryStore;
  ledger: RestockLedger;
  clock: Clock;
  logger: Logger;
  policy: RestockPolicy;
  healthPolicy: HealthPolicy;
  forecastWeeks: number;
  /** Alert when a store runs out (of packs or return slots) within this many hours. */
  alertH: number;
  /** The alert projection, the job sweep and the health flush run this often. */
  checkMs: number;
  hotIdleTempC: number;
  /** A lock command is void this long after it is issued. */
  commandTtlMs: number;
  warehouseAt: GeoPoint | null;
  /** Packs under a custody dispute (edge-trust's disputes store): never planned for, picked or moved. */
  isDisputed?: (packId: string) => boolean;
  /** Downlink to a device topic (the broker's publish, bound late by app/). */
  publish(topic: string, payload: Uint8Array, qos: 0 | 1): Promise<void>;
  newId?: () => string;
}

export interface RecallProgress {
  lot: string;
  reason: string;
  sinceMs: number;
  packs: number;
  withdrawn: number;
  withCustomers: number;
  /** Of those with customers: flagged, so the next swap takes them back. */
  flaggedWithCustomers: number;
  inKiosks: number;
  inBackRooms: number;
  inWarehouses: number;
  inTransit: number;
  lost: number;
}

/** A plan made this recently (clock time) is answered again to the next reader. */
const PLAN_REUSE_MS = 5_000;

/** A slot's charge current at or below this counts as idle (not charging). */
const IDLE_CURRENT_MA = 50;

export class RestockService {
  readonly alerts: AlertCenter;
  readonly jobs: RestockJobs;
  readonly inputs: RestockInputs;
  readonly health: PackHealthTracker;
  private readonly demand: DemandHistoryCache;
  private readonly log: Logger;
  private readonly newId: () => string;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  readonly counters = { plans: 0, lastPlanMs: 0, hotIdle: 0, checks: 0, checkFailures: 0 };

  constructor(private readonly o: RestockServiceOptions) {
    this.log = o.logger.child({ component: 'restock' });
    this.newId = o.newId ?? (() => randomUUID());
    this.health = new PackHealthTracker(o.healthPolicy, (id) => o.live.pack(id)?.reading.sohPct ?? null);
    this.inputs = new RestockInputs({ fleet: o.fleet, live: o.live, health: (id) => this.health.get(id), healthPolicy: o.healthPolicy, chargedThresholdPct: o.policy.chargedThresholdPct, couriers: o.policy.courier.count, warehouseAt: o.warehouseAt, ...(o.isDisputed ? { isDisputed: o.isDisputed } : {}) });
    this.alerts = new AlertCenter(o.ledger, o.logger);
    this.jobs = new RestockJobs({
      fleet: o.fleet,
      ledger: o.ledger,
      inputs: this.inputs,
      logger: o.logger,
      chargedThresholdPct: o.policy.chargedThresholdPct,
      deadlineSlackMs: o.policy.deadlineSlackMin * 60_000,
      onMissing: (job, packIds, atMs) => {
        for (const p of packIds) {
          this.alerts.raise({ kind: 'PACK_NOT_DELIVERED', subject: p, storeId: job.to.kind === 'store' ? job.to.storeId : null, packId: p, reasons: ['DEADLINE_PASSED'], details: { jobId: job.id, deadline: new Date(job.deadlineMs).toISOString() } }, atMs);
        }
      },
    });
    this.demand = new DemandHistoryCache({ store: o.store, fleet: o.fleet, ledger: o.ledger }, o.forecastWeeks);
  }

  /**
   * Loads what the ledger keeps (after it opened): open alerts, the awaited packs, pack health; and
   * starts reading the demand history in the background (weeks of hourly counts take seconds), so
   * the first plan an operator asks for finds it warm.
   */
  async load(): Promise<void> {
    this.alerts.load();
    await this.jobs.load();
    await this.health.load(this.o.ledger);
    this.warming = this.refreshDemand().catch((err: unknown) => this.log.error({ err }, 'reading the demand history failed'));
  }

  private warming: Promise<void> | null = null;
  private refreshing: Promise<void> | null = null;

  /** One refresh at a time: a plan asked for during the first read waits for it instead of starting another. */
  private refreshDemand(): Promise<void> {
    this.refreshing ??= this.demand.refresh(this.o.clock.now()).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private policyFor(horizonH?: number): RestockPolicy {
    if (horizonH === undefined) return this.o.policy;
    if (!Number.isInteger(horizonH) || horizonH < 24 || horizonH > 48) throw new CfError('CF_ERR_RESTOCK_PARAMS_INVALID', 'horizonH must be a whole number of hours from 24 to 48');
    return { ...this.o.policy, horizonH };
  }

  async forecast(horizonH?: number): Promise<FleetForecast> {
    const policy = this.policyFor(horizonH);
    const now = this.o.clock.now();
    await this.refreshDemand();
    return forecastDemand(this.demand.history(now), { horizonH: policy.horizonH + 1 });
  }

  /** What the plan is computed from (public for the bench's breakdown). */
  async planInput(policy: RestockPolicy): Promise<{ input: PlanInput; forecast: FleetForecast }> {
    const now = this.o.clock.now();
    await this.refreshDemand();
    const forecast = forecastDemand(this.demand.history(now), { horizonH: policy.horizonH + 1 });
    const packs = this.o.fleet.packs();
    const stores = this.inputs.stores(now, packs);
    const warehouses = this.inputs.warehouses(now, packs, stores);
    const jobs = this.o.ledger.openJobs();
    return {
      forecast,
      input: {
        nowMs: now,
        stores,
        forecast: { hourStartMs: hourStart(now), byStore: new Map(forecast.stores.map((f) => [f.storeId, f])) },
        warehouses,
        couriers: this.inputs.couriers(now, jobs, warehouses[0]!),
        openJobs: this.inputs.openJobs(jobs),
        policy,
      },
    };
  }

  /** The plan now: every store projected and ranked, the routes and their lines. */
  plan(horizonH?: number): Promise<{ plan: RestockPlan; forecast: FleetForecast }> {
    const policy = this.policyFor(horizonH);
    // A plan costs about a second of CPU for a thousand stores: readers asking at once share one,
    // and one made in the last few seconds of clock time is answered again (a job change drops it).
    const now = this.o.clock.now();
    const c = this.cached;
    if (c && c.horizonH === policy.horizonH && now - c.atMs < PLAN_REUSE_MS) return c.result;
    const result = this.makePlan(policy);
    this.cached = { horizonH: policy.horizonH, atMs: now, result };
    result.catch(() => {
      if (this.cached?.result === result) this.cached = null;
    });
    return result;
  }

  private cached: { horizonH: number; atMs: number; result: Promise<{ plan: RestockPlan; forecast: FleetForecast }> } | null = null;

  private async makePlan(policy: RestockPolicy): Promise<{ plan: RestockPlan; forecast: FleetForecast }> {
    const t0 = performance.now();
    const { input, forecast } = await this.planInput(policy);
    const plan = planRestock(input);
    this.counters.plans++;
    this.counters.lastPlanMs = Math.round(performance.now() - t0);
    return { plan, forecast };
  }

  /** The jobs changed: the next plan is made afresh. */
  private fresh<T>(p: Promise<T>): Promise<T> {
    this.cached = null;
    return p.finally(() => (this.cached = null));
  }

  /**
   * Turns plan lines into courier jobs: the given lines (each must still be in the plan), or every
   * line whose route sets off within departWithinMin, or all of them.
   */
  async commitPlan(opts: { lineIds?: string[]; departWithinMin?: number; horizonH?: number } = {}): Promise<CourierJob[]> {
    // Jobs are made from the fleet as it is now, never from a plan a moment old.
    this.cached = null;
    const { plan } = await this.plan(opts.horizonH);
    const now = this.o.clock.now();
    let lines = plan.lines;
    if (opts.lineIds) {
      const have = new Map(plan.lines.map((l) => [l.id, l]));
      const stale = opts.lineIds.filter((id) => !have.has(id));
      if (stale.length > 0) throw new CfError('CF_ERR_RESTOCK_LINE_STALE', `not in the plan now: ${stale.join(', ')}`, { stale });
      lines = opts.lineIds.map((id) => have.get(id)!);
    } else if (opts.departWithinMin !== undefined) {
      lines = lines.filter((l) => l.departAtMs <= now + opts.departWithinMin! * 60_000);
    }
    if (lines.length === 0) return [];
    const slack = this.o.policy.deadlineSlackMin * 60_000;
    this.cached = null;
    const specs: JobSpec[] = lines.map((l) => ({
      from: l.from,
      to: l.to,
      packIds: l.packIds,
      kind: l.kind,
      withdraw: l.withdraw,
      courierId: l.courierId,
      routeId: l.routeId,
      lineId: l.id,
      fromStop: l.fromStop,
      toStop: l.toStop,
      reasons: l.reasons,
      numbers: l.numbers as Record<string, unknown>,
      pickupAtMs: l.pickupAtMs,
      etaMs: l.arriveAtMs,
      deadlineMs: l.arriveAtMs + slack,
    }));
    return this.fresh(this.jobs.create(specs, now));
  }

  createJobs(specs: readonly JobSpec[]): Promise<CourierJob[]> {
    return this.fresh(this.jobs.create(specs, this.o.clock.now()));
  }
  pickup(id: string, packIds?: string[]): Promise<CourierJob> {
    return this.fresh(this.jobs.pickup(id, packIds, this.o.clock.now()));
  }
  deliver(id: string, packIds?: string[]): Promise<CourierJob> {
    return this.fresh(this.jobs.deliver(id, packIds, this.o.clock.now()));
  }
  cancel(id: string, reason: string): Promise<CourierJob> {
    return this.fresh(this.jobs.cancel(id, reason, this.o.clock.now()));
  }

  listJobs(q: JobQuery): Promise<CourierJob[]> {
    return this.o.ledger.listJobs(q);
  }

  async job(id: string): Promise<{ job: CourierJob; events: JobEvent[] }> {
    const job = this.o.ledger.job(id) ?? (await this.o.ledger.loadJob(id));
    if (!job) throw new CfError('CF_ERR_RESTOCK_JOB_NOT_FOUND', `no courier job ${id}`);
    return { job, events: await this.o.ledger.jobEvents(id) };
  }

  listAlerts(q: AlertQuery): Promise<AlertRecord[]> {
    return this.o.ledger.listAlerts(q);
  }

  withdrawals(): Withdrawal[] {
    return this.inputs.withdrawals(this.o.clock.now(), this.o.fleet.packs());
  }

  /**
   * After a lot is recalled (the registry has it): packs of the lot are flagged (those with
   * customers are taken back at their next swap, which eligibility already does by lot), and those
   * on the central warehouse's shelves leave service where they are.
   */
  async recalled(lot: string): Promise<RecallProgress> {
    const now = this.o.clock.now();
    const packs = this.o.fleet.packs({ lot });
    const flags = packs.filter((p) => p.custody.kind !== 'withdrawn' && p.flag === null).map((p) => ({ packId: p.id, flag: 'recalled' as const }));
    await this.o.fleet.flagPacks(flags, now);
    const shelved = packs.filter((p) => p.custody.kind === 'warehouse' && (p.custody.warehouseId === undefined || p.custody.warehouseId === 'central'));
    await this.o.fleet.moveCustody(shelved.map((p) => ({ packId: p.id, to: { kind: 'withdrawn', reason: 'recalled' } as Custody, cause: 'recall' })), now);
    this.log.info({ lot, packs: packs.length, flagged: flags.length, withdrawnAtWarehouse: shelved.length }, 'lot recalled');
    return this.recallProgress(lot);
  }

  recallProgress(lot: string): RecallProgress {
    const r = this.o.fleet.recalls().find((x) => x.lot === lot);
    if (!r) throw new CfError('CF_ERR_RECALL_NOT_FOUND', `lot ${lot} is not recalled`);
    const p: RecallProgress = { lot, reason: r.reason, sinceMs: r.sinceMs, packs: 0, withdrawn: 0, withCustomers: 0, flaggedWithCustomers: 0, inKiosks: 0, inBackRooms: 0, inWarehouses: 0, inTransit: 0, lost: 0 };
    for (const pk of this.o.fleet.packs({ lot })) {
      p.packs++;
      const c = pk.custody;
      if (c.kind === 'withdrawn') p.withdrawn++;
      else if (c.kind === 'customer') {
        p.withCustomers++;
        if (pk.flag) p.flaggedWithCustomers++;
      } else if (c.kind === 'slot') p.inKiosks++;
      else if (c.kind === 'in_transit') p.inTransit++;
      else if (c.kind === 'lost') p.lost++;
      else if (c.warehouseId !== undefined && this.inputs.isStore(c.warehouseId)) p.inBackRooms++;
      else p.inWarehouses++;
    }
    return p;
  }

  /** The stream rule (CommittedFeed): pack health, job packs seen in slots, hot packs idle in slots. Cheap and synchronous. */
  readonly onCommitted = (batch: CommittedBatch): void => {
    this.health.observe(batch);
    for (const k of batch.kiosks) {
      for (const s of k.slots) {
        if (!s.packId) continue;
        this.jobs.seenInSlot(s.packId, k.kioskId, k.receivedAtMs);
        if (s.tempC >= this.o.hotIdleTempC && s.chargeCurrentMa <= IDLE_CURRENT_MA) this.hotIdle(k.kioskId, s.index, s.packId, s.tempC, k.receivedAtMs);
      }
    }
  };

  /** A hot pack idle in a slot: once per episode, lock the slot, flag the pack, raise the alert. */
  private hotIdle(kioskId: string, slot: number, packId: string, tempC: number, atMs: number): void {
    if (this.alerts.isOpen('HOT_PACK_IDLE', packId)) return;
    // Only for a pack the registry has in that very slot: a kiosk speaks only for its own packs.
    const pack = this.o.fleet.pack(packId);
    if (!pack || pack.custody.kind !== 'slot' || pack.custody.kioskId !== kioskId || pack.custody.slot !== slot) return;
    const commandId = this.newId();
    const storeId = this.o.fleet.kiosk(kioskId)?.storeId ?? null;
    this.alerts.raise({ kind: 'HOT_PACK_IDLE', subject: packId, storeId, packId, reasons: ['HOT_WHILE_IDLE'], details: { kioskId, slot, tempC, lockCommandId: commandId } }, atMs);
    this.counters.hotIdle++;
    void (async () => {
      await this.o.fleet.flagPacks([{ packId, flag: 'unsafe' }], atMs);
      const cmd = { commandId, kioskId, action: { kind: 'lock' as const, slot, reason: 'hot_idle' }, status: 'issued' as const, issuedAtMs: atMs, expiresAtMs: atMs + this.o.commandTtlMs, updatedAtMs: atMs, detail: '' };
      await this.o.publish(topics.kioskCommands(kioskId), encodeKioskCommand(commandToProto(cmd)), 1);
    })().catch((err: unknown) => this.log.error({ err, packId, kioskId }, 'locking a hot slot failed'));
  }

  /**
   * The timer's work: project every store and raise or end the stock-out and full-slot episodes,
   * end hot-pack episodes whose pack left its slot, sweep overdue jobs, write pack health.
   */
  check(): Promise<void> {
    this.checking ??= this.doCheck()
      .catch((err: unknown) => {
        this.counters.checkFailures++;
        this.log.error({ err }, 'restock check failed');
      })
      .finally(() => (this.checking = null));
    return this.checking;
  }

  private async doCheck(): Promise<void> {
    const now = this.o.clock.now();
    const { input, forecast } = await this.planInput(this.o.policy);
    const byStore = new Map(forecast.stores.map((f) => [f.storeId, f]));
    const limit = now + this.o.alertH * 3_600_000;
    const short = new Set<string>();
    const full = new Set<string>();
    for (const s of input.stores) {
      if (s.kioskCount === 0) continue;
      const f = byStore.get(s.id);
      const pr: StoreProjection = projectStore(s, { hourStartMs: hourStart(now), takes: f?.takes ?? [], returns: f?.returns ?? [] }, input.openJobs, input.policy, now);
      const details = { readyNow: pr.readyNow, freeSlotsNow: pr.freeSlotsNow, forecastTakes: round2(pr.forecastTakes), deficit: pr.deficit };
      if (pr.stockOutAtMs !== null && pr.stockOutAtMs <= limit) {
        short.add(s.id);
        this.alerts.raise({ kind: 'STOCK_OUT_SOON', subject: s.id, storeId: s.id, packId: null, reasons: f?.surge ? ['STOCK_OUT_PROJECTED', 'SURGE_DETECTED'] : ['STOCK_OUT_PROJECTED'], details: { ...details, stockOutAt: new Date(pr.stockOutAtMs).toISOString() } }, now);
      }
      if (pr.slotsFullAtMs !== null && pr.slotsFullAtMs <= limit) {
        full.add(s.id);
        this.alerts.raise({ kind: 'RETURN_SLOTS_FULL_SOON', subject: s.id, storeId: s.id, packId: null, reasons: ['RETURN_SLOTS_FULL_PROJECTED'], details: { ...details, slotsFullAt: new Date(pr.slotsFullAtMs).toISOString() } }, now);
      }
    }
    this.alerts.settle('STOCK_OUT_SOON', short, now);
    this.alerts.settle('RETURN_SLOTS_FULL_SOON', full, now);
    const stillHot = new Set(this.alerts.openOf('HOT_PACK_IDLE').filter((a) => stillInSlot(this.o.fleet.pack(a.subject), a.details)).map((a) => a.subject));
    this.alerts.settle('HOT_PACK_IDLE', stillHot, now);
    const swept = await this.jobs.sweep(now);
    if (swept.expired + swept.missing > 0) this.cached = null;
    await this.health.flush(this.o.ledger);
    this.counters.checks++;
  }

  /**
   * Checks every checkMs of the service's clock. The wall-clock timer ticks at most every second
   * and looks at the clock, so a simulator's fast virtual clock gets its checks on time too.
   */
  start(): void {
    let last = this.o.clock.now();
    this.timer ??= setInterval(() => {
      const now = this.o.clock.now();
      if (now - last < this.o.checkMs) return;
      last = now;
      void this.check();
    }, Math.min(this.o.checkMs, 1000));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checking;
    await this.warming;
    // Arrivals and alerts the last batches queued are written before the ledger closes.
    await this.jobs.drain();
    await this.alerts.drain();
    await this.health.flush(this.o.ledger).catch((err: unknown) => this.log.error({ err }, 'writing pack health failed'));
  }
}

function stillInSlot(p: PackRow | undefined, details: Record<string, unknown>): boolean {
  return p !== undefined && p.custody.kind === 'slot' && p.custody.kioskId === details['kioskId'] && p.custody.slot === details['slot'];
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
