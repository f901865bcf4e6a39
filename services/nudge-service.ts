// Low-battery nudges, end to end around the pure engine: the stream rule hands it each committed
// pack reading and released swap (synchronously, cheaply); what it decides is queued, and the
// queue places the hold (inside the kiosk's decision order), writes the nudge and its outbox row
// in one transaction, and wakes the outbox. A timer sweeps deferred nudges and closed conversion
// windows; another keeps the learned models. Ingest never waits for any of it.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import { CfError } from '../domain/errors.ts';
import type { Hold, NudgePrefs } from '../domain/fleet-model.ts';
import { decodeModels, encodeModels } from '../domain/nudge/customer-state.ts';
import { localMinuteOfDay } from '../domain/nudge/local-time.ts';
import { NudgeEngine, type NudgeDecision, type NudgePolicyName, type NudgeReading } from '../domain/nudge/nudge-engine.ts';
import { nudgeText, stockStillThere } from '../domain/nudge/nudge-policy.ts';
import { signOptOut, verifyOptOut } from '../domain/nudge/signing.ts';
import type { KioskEventRecord } from '../domain/readings.ts';
import type { CustomerRecord, FleetRegistry } from '../store/fleet-registry.ts';
import type { NudgeChannel, NudgeDayStats, NudgeLedger, NudgeMessage, NudgeQuery, NudgeRecord } from '../store/nudge-ledger.ts';
import { customerProfile } from './nudge-profile.ts';
import { NudgeOutbox } from './nudge-outbox.ts';
import type { NudgeSender } from './nudge-senders.ts';
import { FleetStock } from './nudge-stock.ts';
import type { SwapService } from './swap-service.ts';

export interface NudgeConfig {
  policy: NudgePolicyName;
  maxPer24h: number;
  holdoutPct: number;
  /** 0: no hold. */
  holdMin: number;
  conversionH: number;
  episodeResetPct: number;
  maxDistanceM: number;
  webhookMaxAttempts: number;
}

export interface NudgeServiceOptions {
  fleet: FleetRegistry;
  swaps: Pick<SwapService, 'placeHold' | 'readyPacksFor'>;
  ledger: NudgeLedger;
  senders: Partial<Record<NudgeChannel, NudgeSender>>;
  clock: Clock;
  logger: Logger;
  config: NudgeConfig;
  /** Opt-out links: where customers reach the API, and the key that signs them. */
  links: { baseUrl: string; key: string | Buffer; ttlDays?: number };
  newId?: () => string;
  /** Decisions waiting for their writes beyond this are dropped (and looked at again later). */
  maxQueued?: number;
}

/** A nudge without a hold is not worth delivering after this long. */
const UNHELD_TTL_MS = 60 * 60_000;
/** A due customer with no stock in reach is looked at again after this long. */
const RECHECK_MS = 10 * 60_000;

export class NudgeService {
  readonly engine: NudgeEngine;
  readonly outbox: NudgeOutbox;
  private readonly log: Logger;
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;
  private timers: NodeJS.Timeout[] = [];
  private flushing: Promise<void> | null = null;
  private readonly releasesSeen = new Set<string>();
  readonly counters = { readings: 0, noCustomer: 0, decisions: 0, dropped: 0, recorded: 0, holds: 0, holdsRefused: 0, stockGone: 0, optedOutMeanwhile: 0, conversions: 0, writeFailures: 0 };

  constructor(private readonly o: NudgeServiceOptions) {
    this.log = o.logger.child({ component: 'nudges' });
    const c = o.config;
    this.engine = new NudgeEngine(
      { policy: c.policy, maxPer24h: c.maxPer24h, maxDistanceM: c.maxDistanceM, holdoutPct: c.holdoutPct, episodeResetPct: c.episodeResetPct, conversionWindowMs: c.conversionH * 3_600_000, recheckMs: RECHECK_MS },
      new FleetStock({ fleet: o.fleet, readyPacksFor: (k, cu, now) => o.swaps.readyPacksFor(k, cu, now), maxDistanceM: c.maxDistanceM }),
      o.newId ?? (() => randomUUID()),
    );
    this.outbox = new NudgeOutbox({ ledger: o.ledger, senders: o.senders, clock: o.clock, logger: o.logger, maxAttempts: c.webhookMaxAttempts });
  }

  /** Rebuilds the engine from the ledger (models, priors, the last day's nudges), then starts the timers. */
  async start(opts: { sweepMs?: number; modelsMs?: number } = {}): Promise<{ models: number; nudges: number }> {
    const now = this.o.clock.now();
    const priors = await this.o.ledger.loadPriors();
    if (priors !== null && !this.engine.importPriors(priors)) this.log.warn('stored nudge priors are not readable by this build; starting from the defaults');
    let models = 0;
    for (const row of await this.o.ledger.loadModels()) {
      const s = decodeModels(row.bytes);
      if (s) {
        this.engine.restoreModels(row.customerId, s);
        models++;
      }
    }
    const recent = await this.o.ledger.recent(now - Math.max(86_400_000, this.o.config.conversionH * 3_600_000));
    for (const n of recent) {
      this.engine.restoreNudge({ customerId: n.customerId, nudgeId: n.nudgeId, packId: n.packId, atMs: n.atMs, sent: n.outcome === 'sent', holdout: n.reason === 'HOLDOUT', leadBucket: n.leadBucket, converted: n.convertedAtMs !== null }, now);
    }
    const every = (ms: number, fn: () => Promise<unknown>, what: string) => {
      const t = setInterval(() => void fn().catch((err: unknown) => this.log.error({ err }, `${what} failed`)), ms);
      t.unref();
      this.timers.push(t);
    };
    every(opts.sweepMs ?? 1000, () => this.sweep(), 'nudge sweep');
    // Every ten minutes: a crash loses at most that much learning, and a large fleet does not
    // rewrite every customer's model each minute.
    every(opts.modelsMs ?? 10 * 60_000, () => this.flushModels(), 'saving nudge models');
    this.outbox.start(opts.sweepMs ?? 1000);
    this.log.info({ policy: this.o.config.policy, models, nudges: recent.length }, 'nudges started');
    return { models, nudges: recent.length };
  }

  async stop(): Promise<void> {
    for (const t of this.timers.splice(0)) clearInterval(t);
    await this.tail;
    await this.outbox.stop();
    await this.flushModels();
  }

  /** The stream rule: a committed pack reading. Synchronous and cheap; I/O is queued. */
  onPackReading(r: NudgeReading): void {
    this.counters.readings++;
    const pack = this.o.fleet.pack(r.packId);
    // Only a pack in a customer's hands can make a nudge.
    if (pack === undefined || pack.custody.kind !== 'customer') {
      this.counters.noCustomer++;
      return;
    }
    const customer = this.o.fleet.customer(pack.custody.customerId);
    if (customer === undefined) return;
    const d = this.engine.onReading(customer, r, this.o.clock.now());
    if (d !== null) this.enqueue(d);
  }

  /** The stream rule: a committed kiosk event. A release ends the customer's episode and may convert a nudge. */
  onKioskEvent(e: KioskEventRecord): void {
    if (e.type !== 'pack_released' || !e.commandId) return;
    // Custody's feed publishes a batch again when applying it is retried: a release counts once.
    if (this.releasesSeen.has(e.commandId)) return;
    this.releasesSeen.add(e.commandId);
    if (this.releasesSeen.size > 100_000) this.releasesSeen.delete(this.releasesSeen.values().next().value!);
    const fleet = this.o.fleet;
    const cmd = fleet.command(e.commandId);
    if (cmd === undefined || cmd.action.kind !== 'release' || cmd.status !== 'done') return;
    const swap = fleet.swap(cmd.kioskId, cmd.action.requestId);
    if (swap?.customerId == null || swap.outcome !== 'released') return;
    const customer = fleet.customer(swap.customerId);
    if (customer === undefined) return;
    const storeId = fleet.kiosk(cmd.kioskId)?.storeId ?? cmd.kioskId;
    const conv = this.engine.onSwap(customer, storeId, e.receivedAtMs);
    if (conv === null) return;
    this.counters.conversions++;
    const requestId = cmd.action.requestId;
    this.queue(() => this.o.ledger.convert([{ nudgeId: conv.nudgeId, atMs: e.receivedAtMs, kioskId: cmd.kioskId, requestId }]));
  }

  /** Deferred nudges whose quiet hours ended, closed conversion windows, and due retries. */
  async sweep(): Promise<void> {
    const fleet = this.o.fleet;
    const due = this.engine.sweep(this.o.clock.now(), (customerId) => {
      const customer = fleet.customer(customerId);
      return customer ? { customer, packIds: fleet.packsWithCustomer(customerId).map((p) => p.id) } : null;
    });
    for (const d of due) this.enqueue(d);
    this.outbox.kick();
  }

  /** Resolves once everything queued so far is written (tests, shutdown). */
  async settle(): Promise<void> {
    await this.tail;
  }

  private enqueue(d: NudgeDecision): void {
    this.counters.decisions++;
    if (!this.queue(() => this.process(d))) {
      // Not written: let the engine look at this customer again rather than believe it was sent.
      if (d.outcome === 'send') this.engine.revertSend(d.customerId, d.id, this.o.clock.now());
    }
  }

  private queue(job: () => Promise<void>): boolean {
    if (this.queued >= (this.o.maxQueued ?? 10_000)) {
      this.counters.dropped++;
      return false;
    }
    this.queued++;
    this.tail = this.tail
      .then(job)
      .catch((err: unknown) => {
        this.counters.writeFailures++;
        this.log.error({ err }, 'nudge write failed');
      })
      .finally(() => {
        this.queued--;
      });
    return true;
  }

  private async process(d: NudgeDecision): Promise<void> {
    const nowMs = this.o.clock.now();
    const rec = this.recordOf(d);
    if (d.outcome === 'suppress' || d.store === null) {
      await this.o.ledger.record(rec, null);
      this.counters.recorded++;
      return;
    }
    const customer = this.o.fleet.customer(d.customerId);
    if (customer === undefined || customer.nudgePrefs.consent !== true) {
      // Opted out between the decision and now: opt-out takes effect at once.
      this.counters.optedOutMeanwhile++;
      await this.o.ledger.record({ ...rec, outcome: 'suppressed', reason: 'NO_CONSENT', reasons: ['NO_CONSENT'] }, null);
      return;
    }
    const store = d.store;
    let hold: Hold | null = null;
    let charged = store.chargedPacks;
    if (d.policy === 'personal') {
      // Never toward a store with no charged pack at the moment of sending: a pack held for them, or ample stock.
      if (this.o.config.holdMin > 0) {
        try {
          const placed = await this.o.swaps.placeHold({ kioskId: store.kioskId, customerId: d.customerId, ttlMs: this.o.config.holdMin * 60_000, purpose: 'nudge' });
          hold = placed.hold;
          charged = placed.readyForCustomer;
          this.counters.holds++;
        } catch (err) {
          if (!(err instanceof CfError)) throw err;
          this.counters.holdsRefused++;
          charged = this.o.swaps.readyPacksFor(store.kioskId, d.customerId, this.o.clock.now());
        }
      } else charged = this.o.swaps.readyPacksFor(store.kioskId, d.customerId, nowMs);
      if (!stockStillThere(hold !== null, charged, this.o.config.holdMin > 0)) {
        this.counters.stockGone++;
        this.engine.revertSend(d.customerId, d.id, nowMs);
        await this.o.ledger.record({ ...rec, outcome: 'suppressed', reason: 'NO_STOCK_REACHABLE', reasons: ['NO_STOCK_REACHABLE'], chargedPacks: 0 }, null);
        return;
      }
    }
    const channel: NudgeChannel = customer.nudgePrefs.channel === 'webhook' && this.o.senders.webhook ? 'webhook' : 'mqtt';
    const holdUntilLocal = hold ? hhmm(localMinuteOfDay(customer.timeZone, hold.untilMs)) : null;
    const text = nudgeText({ socPct: d.socPct, timeToEmptyMin: d.timeToEmptyMin, storeName: store.storeName, distanceM: store.distanceM, chargedPacks: charged, holdUntilLocal });
    const message: NudgeMessage = {
      nudgeId: d.id,
      customerId: d.customerId,
      packId: d.packId,
      packSocPct: d.socPct,
      storeId: store.storeId,
      storeName: store.storeName,
      kioskId: hold?.kioskId ?? store.kioskId,
      distanceM: store.distanceM,
      chargedPacks: charged,
      holdExpiresAtMs: hold?.untilMs ?? 0,
      text,
      sentAtMs: nowMs,
      reasons: hold ? [...d.reasons, 'HOLD_PLACED'] : d.reasons,
      optOutUrl: channel === 'webhook' ? this.optOutUrl(d.customerId, nowMs) : null,
    };
    const sent: NudgeRecord = { ...rec, reasons: message.reasons, chargedPacks: charged, holdPackId: hold?.packId ?? null, holdUntilMs: hold?.untilMs ?? null, channel, text, kioskId: message.kioskId };
    try {
      await this.o.ledger.record(sent, { nudgeId: d.id, channel, message, status: 'pending', attempts: 0, nextAttemptAtMs: nowMs, expiresAtMs: hold?.untilMs ?? nowMs + UNHELD_TTL_MS, lastError: null });
    } catch (err) {
      this.engine.revertSend(d.customerId, d.id, nowMs);
      throw err;
    }
    this.counters.recorded++;
    this.outbox.kick();
  }

  private recordOf(d: NudgeDecision): NudgeRecord {
    const s = d.store;
    return {
      nudgeId: d.id, customerId: d.customerId, packId: d.packId, atMs: d.atMs, policy: d.policy, outcome: d.outcome === 'send' ? 'sent' : 'suppressed', reason: d.reason, reasons: d.reasons, holdout: d.holdout,
      socPct: d.socPct, timeToEmptyMin: Number.isFinite(d.timeToEmptyMin) ? d.timeToEmptyMin : null, leadMin: d.leadMin, leadBucket: d.leadBucket,
      storeId: s?.storeId ?? null, kioskId: s?.kioskId ?? null, distanceM: s?.distanceM ?? null, chargedPacks: s?.chargedPacks ?? null,
      holdPackId: null, holdUntilMs: null, channel: null, text: null, deferredUntilMs: d.deferUntilMs,
      convertedAtMs: null, convertedKioskId: null, convertedRequestId: null, delivery: null, deliveredAtMs: null, attempts: 0,
    };
  }

  /** Saves the models that changed, and the population's priors. */
  flushModels(): Promise<void> {
    this.flushing ??= (async () => {
      try {
        const ids = this.engine.takeDirty();
        const rows: { customerId: string; bytes: Uint8Array }[] = [];
        for (const id of ids) {
          const s = this.engine.state(id);
          if (s) rows.push({ customerId: id, bytes: encodeModels(s) });
        }
        const now = this.o.clock.now();
        // Chunks keep one transaction from holding the connection for long.
        for (let i = 0; i < rows.length; i += 5000) await this.o.ledger.saveModels(rows.slice(i, i + 5000), now);
        if (rows.length > 0) await this.o.ledger.savePriors(this.engine.exportPriors(), now);
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  // --- consent ---

  /** Changes a customer's nudge preferences; withdrawing consent cancels undelivered nudges at once. */
  async setConsent(customerId: string, change: { consent: boolean; channel?: 'mqtt' | 'webhook'; quietHours?: { startHour: number; endHour: number } | null }, source: 'api' | 'link'): Promise<{ customer: CustomerRecord; cancelled: number }> {
    const old = this.o.fleet.customer(customerId);
    if (!old) throw new CfError('CF_ERR_CUSTOMER_NOT_FOUND', `No customer ${customerId}`);
    const prefs: NudgePrefs = { ...old.nudgePrefs, consent: change.consent };
    if (change.channel !== undefined) prefs.channel = change.channel;
    if (change.quietHours === null) delete prefs.quietHours;
    else if (change.quietHours !== undefined) prefs.quietHours = { ...change.quietHours };
    const now = this.o.clock.now();
    const customer = await this.o.fleet.setNudgePrefs(customerId, prefs, now);
    await this.o.ledger.recordConsent({ customerId, atMs: now, consent: change.consent, source });
    const cancelled = change.consent ? 0 : await this.o.ledger.cancelPending(customerId, now);
    this.log.info({ customerId, consent: change.consent, source, cancelled }, 'nudge consent changed');
    return { customer, cancelled };
  }

  /** Where customers reach the API, for opt-out links (set once the listening address is known). */
  setLinkBaseUrl(url: string): void {
    this.o.links.baseUrl = url;
  }

  /** A signed link that opts this customer out, valid for ttlDays. */
  optOutUrl(customerId: string, nowMs: number): string {
    const t = signOptOut(this.o.links.key, customerId, Math.floor(nowMs / 1000) + (this.o.links.ttlDays ?? 30) * 86_400);
    const q = new URLSearchParams({ customerId: t.customerId, expires: String(t.expiresS), sig: t.sig });
    return `${this.o.links.baseUrl.replace(/\/$/, '')}/v1/nudges/opt-out?${q}`;
  }

  /** Checks an opt-out link: CF_ERR_NUDGE_LINK_INVALID / _EXPIRED when it is not good. */
  checkOptOut(t: { customerId: string; expiresS: number; sig: string }): void {
    const v = verifyOptOut(this.o.links.key, t, this.o.clock.now());
    if (!v.ok) throw new CfError(v.why === 'expired' ? 'CF_ERR_NUDGE_LINK_EXPIRED' : 'CF_ERR_NUDGE_LINK_INVALID');
  }

  // --- reads, for the routes ---

  list(q: NudgeQuery): Promise<NudgeRecord[]> {
    return this.o.ledger.list(q);
  }

  stats(fromMs: number, toMs: number): Promise<NudgeDayStats[]> {
    return this.o.ledger.stats(fromMs, toMs);
  }

  /** What the system has learned about one customer; CF_ERR_CUSTOMER_NOT_FOUND when unknown. */
  profile(customerId: string): ReturnType<typeof customerProfile> {
    const c = this.o.fleet.customer(customerId);
    if (!c) throw new CfError('CF_ERR_CUSTOMER_NOT_FOUND', `No customer ${customerId}`);
    return customerProfile({ engine: this.engine, fleet: this.o.fleet, ledger: this.o.ledger, holdoutPct: this.o.config.holdoutPct, nowMs: this.o.clock.now() }, c);
  }
}

function hhmm(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}
