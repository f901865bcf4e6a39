// Courier jobs and custody: creating jobs (every pack must be where the job says, in no other
// open job, not promised to a release, custody not disputed), and moving them planned → picked_up → delivered (or
// cancelled). Custody follows through the fleet registry's moveCustody: picked up, the packs are in
// transit to the destination store; delivered, they are in its back room (or on a warehouse shelf,
// or withdrawn); seen in a kiosk slot there, the job's pack has arrived. After a job's deadline a
// pack that never arrived is lost, with an anomaly and an alert. One operation at a time.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Custody } from '../domain/fleet-model.ts';
import { describeCustody, sameCustody } from '../domain/fleet-model.ts';
import { CfError } from '../domain/errors.ts';
import { deliveredCustody, inTransitTo, isInTransitFor, isOpenJob, placeOfCustody, transitionProblem, type CourierJob, type JobAction, type JobEvent } from '../domain/restock/jobs.ts';
import type { LineKind } from '../domain/restock/plan.ts';
import { CENTRAL_WAREHOUSE, placeKey, samePlace, type JobPlace } from '../domain/restock/restock-model.ts';
import type { WithdrawReason } from '../domain/fleet-model.ts';
import type { FleetRegistry } from '../store/fleet-registry.ts';
import type { RestockLedger } from '../store/restock-ledger.ts';
import { SerialQueue } from '../store/duckdb/database.ts';
import type { RestockInputs } from './restock-inputs.ts';

/** A job to create: explicit packs, or `count` the server picks at the source (fullest first). */
export interface JobSpec {
  from: JobPlace;
  to: JobPlace;
  packIds?: string[];
  count?: number;
  kind?: LineKind;
  withdraw?: Record<string, WithdrawReason>;
  courierId?: string | null;
  routeId?: string | null;
  lineId?: string | null;
  fromStop?: number;
  toStop?: number;
  reasons?: string[];
  numbers?: Record<string, unknown>;
  pickupAtMs?: number;
  etaMs?: number;
  deadlineMs?: number;
}

export interface JobsDeps {
  fleet: FleetRegistry;
  ledger: RestockLedger;
  inputs: RestockInputs;
  logger: Logger;
  chargedThresholdPct: number;
  /** Slack after the expected arrival before a job's packs count as missing. */
  deadlineSlackMs: number;
  /** A pack that never arrived (after the deadline). */
  onMissing?: (job: CourierJob, packIds: string[], atMs: number) => void;
  newId?: () => string;
}

type Problem = { packId: string; problem: string };

export class RestockJobs {
  private readonly queue = new SerialQueue();
  private readonly log: Logger;
  private readonly newId: () => string;
  /** Packs on their way to a store (or delivered to its back room) and not yet seen in its slots → job id. */
  private readonly awaiting = new Map<string, string>();
  readonly counters = { created: 0, pickedUp: 0, delivered: 0, cancelled: 0, expired: 0, arrived: 0, missing: 0 };

  constructor(private readonly d: JobsDeps) {
    this.log = d.logger.child({ component: 'restock-jobs' });
    this.newId = d.newId ?? (() => `job-${randomUUID()}`);
  }

  /** Rebuilds the index of packs awaiting a slot from the ledger's memory (at start). */
  async load(): Promise<void> {
    const recent = await this.d.ledger.listJobs({ status: 'delivered', limit: 10_000 });
    for (const j of [...this.d.ledger.openJobs(), ...recent]) this.index(j);
  }

  private index(j: CourierJob): void {
    if (j.to.kind !== 'store' || j.status === 'cancelled') return;
    const packs = j.status === 'planned' ? [] : j.carried;
    for (const p of packs) {
      if (j.arrived[p] === undefined && !j.missing.includes(p)) this.awaiting.set(p, j.id);
      else if (this.awaiting.get(p) === j.id) this.awaiting.delete(p);
    }
  }

  private async save(changes: { job: CourierJob; events: JobEvent[] }[]): Promise<void> {
    await this.d.ledger.saveJobs(changes);
    for (const c of changes) this.index(c.job);
  }

  private get(id: string): CourierJob {
    const j = this.d.ledger.job(id);
    if (!j) throw new CfError('CF_ERR_RESTOCK_JOB_NOT_FOUND', `no courier job ${id}`);
    return structuredClone(j);
  }

  private checkPlace(p: JobPlace, what: string): void {
    if (p.kind === 'store' && !this.d.fleet.store(p.storeId)) throw new CfError('CF_ERR_RESTOCK_PARAMS_INVALID', `${what}: no store ${p.storeId}`);
    if (p.kind === 'warehouse' && p.warehouseId !== CENTRAL_WAREHOUSE) throw new CfError('CF_ERR_RESTOCK_PARAMS_INVALID', `${what}: the only warehouse is "${CENTRAL_WAREHOUSE}"`);
  }

  private placeOf(c: Custody): JobPlace | null {
    return placeOfCustody(c, this.d.inputs.storeOfKiosk, this.d.inputs.isStore);
  }

  /** Packs promised to a release command now: a courier must not take them. */
  private reserved(kioskId: string): Set<string> {
    return new Set(this.d.fleet.openCommands(kioskId).flatMap((c) => (c.action.kind === 'release' ? [c.action.packId] : [])));
  }

  /** Where a pack is, when it is not where `from` says (null when it is). */
  private notAt(packId: string, from: JobPlace): string | null {
    const p = this.d.fleet.pack(packId);
    if (!p) return 'not in the fleet registry';
    const at = this.placeOf(p.custody);
    if (at === null || !samePlace(at, from)) return `custody is ${describeCustody(p.custody)}, not ${placeKey(from)}`;
    if (p.custody.kind === 'slot' && this.reserved(p.custody.kioskId).has(packId)) return 'a release command is about to hand it to a customer';
    if (this.d.inputs.isDisputed(packId)) return 'its custody is disputed (GET /v1/anomalies; resolve it first)';
    return null;
  }

  /** Creates jobs, all or none: every pack must be where its job says and in no other open job. */
  create(specs: readonly JobSpec[], atMs: number): Promise<CourierJob[]> {
    return this.queue.run(async () => {
      if (specs.length === 0) throw new CfError('CF_ERR_RESTOCK_PARAMS_INVALID', 'no jobs given');
      const busy = new Set(this.d.ledger.openJobs().flatMap((j) => (j.status === 'planned' ? j.packIds : j.carried)));
      const problems: (Problem & { job: number })[] = [];
      const jobs: CourierJob[] = [];
      specs.forEach((s, i) => {
        this.checkPlace(s.from, `job ${i}: from`);
        this.checkPlace(s.to, `job ${i}: to`);
        if (samePlace(s.from, s.to)) throw new CfError('CF_ERR_RESTOCK_PARAMS_INVALID', `job ${i}: from and to are the same place`);
        if ((s.packIds === undefined) === (s.count === undefined)) throw new CfError('CF_ERR_RESTOCK_PARAMS_INVALID', `job ${i}: give exactly one of packIds and count`);
        const packIds = s.packIds ? [...new Set(s.packIds)] : this.pick(s.from, s.count!, busy, atMs);
        if (packIds.length === 0) problems.push({ job: i, packId: '', problem: `no pack to take at ${placeKey(s.from)}` });
        for (const id of packIds) {
          const where = this.notAt(id, s.from);
          if (where) problems.push({ job: i, packId: id, problem: where });
          else if (busy.has(id)) problems.push({ job: i, packId: id, problem: 'it is in another open job' });
          busy.add(id);
        }
        const etaMs = s.etaMs ?? atMs + 2 * 3_600_000;
        const kind: LineKind = s.kind ?? (s.to.kind === 'warehouse' ? (s.withdraw && Object.keys(s.withdraw).length > 0 ? 'withdraw' : 'clear_flat') : s.from.kind === 'store' ? 'transfer' : 'restock');
        jobs.push({
          id: this.newId(),
          routeId: s.routeId ?? null,
          lineId: s.lineId ?? null,
          kind,
          from: s.from,
          to: s.to,
          fromStop: s.fromStop ?? 0,
          toStop: s.toStop ?? 1,
          packIds,
          withdraw: s.withdraw ?? {},
          courierId: s.courierId ?? null,
          status: 'planned',
          reasons: s.reasons ?? ['REQUESTED'],
          numbers: s.numbers ?? {},
          createdAtMs: atMs,
          pickupAtMs: s.pickupAtMs ?? atMs,
          etaMs,
          deadlineMs: s.deadlineMs ?? etaMs + this.d.deadlineSlackMs,
          pickedUpAtMs: null,
          deliveredAtMs: null,
          cancelledAtMs: null,
          carried: [],
          arrived: {},
          missing: [],
          detail: s.count !== undefined && packIds.length < s.count ? `asked for ${s.count}, ${packIds.length} available` : '',
        });
      });
      if (problems.length > 0) {
        throw new CfError('CF_ERR_RESTOCK_JOB_INVALID', `${problems.length} pack${problems.length === 1 ? ' is' : 's are'} not where the job says (nothing was created): ${problems.slice(0, 3).map((p) => `${p.packId || `job ${p.job}`}: ${p.problem}`).join('; ')}`, { problems });
      }
      await this.save(jobs.map((job) => ({ job, events: [{ jobId: job.id, atMs, kind: 'created', packIds: job.packIds, detail: job.detail }] })));
      this.counters.created += jobs.length;
      return jobs;
    });
  }

  /** The fullest packs at a place that may go out: a warehouse's shelves, or a store's ready slots then its back room. */
  private pick(from: JobPlace, count: number, busy: ReadonlySet<string>, atMs: number): string[] {
    if (!Number.isInteger(count) || count < 1 || count > 10_000) throw new CfError('CF_ERR_RESTOCK_PARAMS_INVALID', 'count must be 1-10000');
    const { fleet, inputs } = this.d;
    const candidates = fleet
      .packs()
      .filter((p) => !busy.has(p.id) && samePlace(this.placeOf(p.custody) ?? { kind: 'warehouse', warehouseId: '' }, from) && inputs.withdrawReasonOf(p, atMs) === null && !p.flag && !inputs.isDisputed(p.id))
      .map((p) => ({ id: p.id, soc: p.custody.kind === 'slot' ? inputs.slotSoc(p.custody.kioskId, p.custody.slot) : 100, slot: p.custody.kind === 'slot' }))
      .filter((x) => !x.slot || x.soc >= this.d.chargedThresholdPct);
    candidates.sort((a, b) => b.soc - a.soc || (a.id < b.id ? -1 : 1));
    return candidates.slice(0, count).map((x) => x.id);
  }

  private check(job: CourierJob, action: JobAction): void {
    const problem = transitionProblem(job.status, action);
    if (problem) throw new CfError('CF_ERR_RESTOCK_JOB_TRANSITION', `job ${job.id}: ${problem}`, { jobId: job.id, status: job.status });
  }

  private subset(job: CourierJob, given: readonly string[] | undefined, of: readonly string[], what: string): string[] {
    if (given === undefined) return [...of];
    const set = new Set(of);
    const strangers = given.filter((p) => !set.has(p));
    if (strangers.length > 0) throw new CfError('CF_ERR_RESTOCK_PARAMS_INVALID', `job ${job.id}: ${strangers.join(', ')} ${strangers.length === 1 ? 'is' : 'are'} not ${what}`);
    if (given.length === 0) throw new CfError('CF_ERR_RESTOCK_PARAMS_INVALID', `job ${job.id}: packIds must not be empty`);
    return [...new Set(given)];
  }

  /** The courier has the packs: custody goes in transit to the destination. */
  pickup(id: string, packIds: readonly string[] | undefined, atMs: number): Promise<CourierJob> {
    return this.queue.run(async () => {
      const job = this.get(id);
      this.check(job, 'pickup');
      const carried = this.subset(job, packIds, job.packIds, 'in this job');
      const problems: Problem[] = [];
      const moves: { packId: string; to: Custody; cause: string }[] = [];
      const transit = inTransitTo(job.to);
      for (const p of carried) {
        const c = this.d.fleet.pack(p)?.custody;
        // A pick-up that moved custody but did not record itself is finished now, not refused.
        if (c && isInTransitFor(c, job.to)) continue;
        const where = this.notAt(p, job.from);
        if (where) problems.push({ packId: p, problem: where });
        else moves.push({ packId: p, to: transit, cause: 'restock pickup' });
      }
      if (problems.length > 0) throw new CfError('CF_ERR_RESTOCK_JOB_INVALID', `job ${id}: ${problems.map((x) => `${x.packId}: ${x.problem}`).join('; ')} (nothing was picked up)`, { problems });
      await this.d.fleet.moveCustody(moves, atMs);
      const left = job.packIds.filter((p) => !carried.includes(p));
      Object.assign(job, { status: 'picked_up', carried, pickedUpAtMs: atMs });
      await this.save([{ job, events: [{ jobId: id, atMs, kind: 'picked_up', packIds: carried, detail: left.length ? `left behind: ${left.join(', ')}` : '' }] }]);
      this.counters.pickedUp++;
      return job;
    });
  }

  /** Dropped at the destination: its back room, a warehouse shelf, or out of service. */
  deliver(id: string, packIds: readonly string[] | undefined, atMs: number): Promise<CourierJob> {
    return this.queue.run(async () => {
      const job = this.get(id);
      if (job.status === 'cancelled') throw new CfError('CF_ERR_RESTOCK_JOB_TRANSITION', `job ${id} is cancelled: a cancelled job cannot be delivered`, { jobId: id, status: job.status });
      this.check(job, 'deliver');
      const dropped = this.subset(job, packIds, job.carried, 'carried by this job');
      const problems: Problem[] = [];
      const moves: { packId: string; to: Custody; cause: string }[] = [];
      const arrivedNow: string[] = [];
      for (const p of dropped) {
        const c = this.d.fleet.pack(p)?.custody;
        const target = deliveredCustody(job, p);
        if (c && sameCustody(c, target)) continue;
        // Already in a slot at the destination (staff were quicker than the courier's phone): arrived.
        const at = c ? this.placeOf(c) : null;
        if (c && at && samePlace(at, job.to)) {
          if (job.arrived[p] === undefined) arrivedNow.push(p);
          continue;
        }
        if (!c || !isInTransitFor(c, job.to)) problems.push({ packId: p, problem: c ? `custody is ${describeCustody(c)}, not in transit for this job` : 'not in the fleet registry' });
        else moves.push({ packId: p, to: target, cause: 'restock delivery' });
      }
      if (problems.length > 0) throw new CfError('CF_ERR_RESTOCK_JOB_INVALID', `job ${id}: ${problems.map((x) => `${x.packId}: ${x.problem}`).join('; ')} (nothing was delivered)`, { problems });
      await this.d.fleet.moveCustody(moves, atMs);
      job.status = 'delivered';
      job.deliveredAtMs = atMs;
      // At a warehouse, dropping is arriving; at a store, a pack arrives when a kiosk shows it.
      if (job.to.kind === 'warehouse') for (const p of dropped) arrivedNow.push(p);
      for (const p of arrivedNow) job.arrived[p] = atMs;
      const events: JobEvent[] = [{ jobId: id, atMs, kind: 'delivered', packIds: dropped, detail: '' }];
      if (arrivedNow.length > 0) events.push({ jobId: id, atMs, kind: 'pack_arrived', packIds: arrivedNow, detail: job.to.kind === 'warehouse' ? 'at the warehouse' : 'already in a slot' });
      await this.save([{ job, events }]);
      this.counters.delivered++;
      return job;
    });
  }

  cancel(id: string, reason: string, atMs: number): Promise<CourierJob> {
    return this.queue.run(async () => {
      const job = this.get(id);
      this.check(job, 'cancel');
      Object.assign(job, { status: 'cancelled', cancelledAtMs: atMs, detail: reason });
      await this.save([{ job, events: [{ jobId: id, atMs, kind: 'cancelled', packIds: [], detail: reason }] }]);
      this.counters.cancelled++;
      return job;
    });
  }

  /** Kiosk statuses (a stream rule) call this for every pack in a slot; cheap when the pack awaits nothing. */
  seenInSlot(packId: string, kioskId: string, atMs: number): void {
    const jobId = this.awaiting.get(packId);
    if (jobId === undefined) return;
    const storeId = this.d.inputs.storeOfKiosk(kioskId);
    const job = this.d.ledger.job(jobId);
    if (!job || job.to.kind !== 'store' || job.to.storeId !== storeId) return;
    this.awaiting.delete(packId);
    void this.queue
      .run(async () => {
        const j = this.get(jobId);
        if (j.arrived[packId] !== undefined) return;
        j.arrived[packId] = atMs;
        await this.save([{ job: j, events: [{ jobId, atMs, kind: 'pack_arrived', packIds: [packId], detail: `seen in kiosk ${kioskId}` }] }]);
        this.counters.arrived++;
      })
      .catch((err: unknown) => {
        this.awaiting.set(packId, jobId);
        this.log.error({ err, jobId, packId }, 'recording an arrival failed');
      });
  }

  /** Planned jobs past their deadline lapse; packs of picked-up jobs that never arrived are lost. */
  sweep(atMs: number): Promise<{ expired: number; missing: number }> {
    return this.queue.run(async () => {
      let expired = 0;
      let missing = 0;
      for (const open of this.d.ledger.openJobs()) {
        if (open.deadlineMs > atMs) continue;
        const job = structuredClone(open);
        if (job.status === 'planned') {
          Object.assign(job, { status: 'cancelled', cancelledAtMs: atMs, detail: 'not picked up before its deadline' });
          await this.save([{ job, events: [{ jobId: job.id, atMs, kind: 'expired', packIds: [], detail: job.detail }] }]);
          expired++;
          continue;
        }
        missing += await this.markMissing(job, atMs, true);
      }
      // Delivered jobs whose courier dropped only some of the packs: the rest are missing too.
      for (const jobId of new Set(this.awaiting.values())) {
        const j = this.d.ledger.job(jobId);
        if (j && j.status === 'delivered' && j.deadlineMs <= atMs) missing += await this.markMissing(structuredClone(j), atMs, false);
      }
      this.counters.expired += expired;
      this.counters.missing += missing;
      return { expired, missing };
    });
  }

  /** Packs still in transit for the job after its deadline become lost, with an anomaly each. */
  private async markMissing(job: CourierJob, atMs: number, close: boolean): Promise<number> {
    const lost = job.carried.filter((p) => job.arrived[p] === undefined && !job.missing.includes(p) && isInTransitFor(this.d.fleet.pack(p)?.custody ?? { kind: 'lost' }, job.to));
    if (lost.length > 0) {
      await this.d.fleet.moveCustody(lost.map((p) => ({ packId: p, to: { kind: 'lost' } as Custody, cause: 'restock never arrived' })), atMs, {
        kioskId: null,
        kind: 'restock_pack_missing',
        commandId: null,
        packId: lost[0]!,
        detail: `courier job ${job.id} (${placeKey(job.from)} → ${placeKey(job.to)}): ${lost.join(', ')} never arrived by the deadline`,
      });
      job.missing.push(...lost);
    }
    const events: JobEvent[] = lost.length > 0 ? [{ jobId: job.id, atMs, kind: 'pack_missing', packIds: lost, detail: 'not delivered by the deadline' }] : [];
    if (close && job.status === 'picked_up') {
      Object.assign(job, { status: 'cancelled', cancelledAtMs: atMs, detail: `not delivered before its deadline${lost.length ? `: ${lost.length} missing` : ''}` });
      events.push({ jobId: job.id, atMs, kind: 'cancelled', packIds: [], detail: job.detail });
    }
    if (events.length > 0) await this.save([{ job, events }]);
    for (const p of lost) if (this.awaiting.get(p) === job.id) this.awaiting.delete(p);
    if (lost.length > 0) {
      this.log.warn({ jobId: job.id, packs: lost }, 'courier job packs never arrived');
      this.d.onMissing?.(job, lost, atMs);
    }
    return lost.length;
  }

  /** Resolves once every queued operation (arrivals from stream rules included) is done. */
  async drain(): Promise<void> {
    await this.queue.drain();
  }

  /** Open jobs, and whether any are in flight (for health). */
  openCount(): number {
    return this.d.ledger.openJobs().filter(isOpenJob).length;
  }
}

