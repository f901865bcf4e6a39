// The nudge decision for a stream of readings and swaps, one customer at a time: keeps each
// customer's models and episode in memory, updates them from every reading of the pack they carry
// and every swap they make, and says when a nudge (or a logged suppression) is due. Pure: no I/O,
// time passed in, stock looked up through an interface. The service around it writes and sends.
import type { Customer } from '../fleet-model.ts';
import { customerScale, DischargePrior, observeReading, timeToEmptyMin } from './discharge-model.ts';
import { newCustomerState, type CustomerNudgeState } from './customer-state.ts';
import { chooseLeadBucket, LEAD_BUCKETS_MIN, LeadPrior, recordLeadOutcome } from './lead-time-bandit.ts';
import { hourOfWeekLocal, isQuietAt, zoneOffsetMs } from './local-time.ts';
import { blanketDue, blanketStore, decideNudge, inHoldout, isDue, LOW_MARGIN_PCT, SUPPRESS_REASONS, type NudgePolicyConfig, type StoreOption, type SuppressReason } from './nudge-policy.ts';
import { observeSwap, usualStores, usualSwapSocPct, VisitPrior } from './visit-model.ts';

export type NudgePolicyName = 'personal' | 'blanket' | 'off';

/** What the engine needs of a customer (a registry Customer fits). */
export type NudgeCustomer = Pick<Customer, 'id' | 'timeZone' | 'nudgePrefs'>;

/** What the engine needs of a pack reading (a stored PackReading fits). */
export interface NudgeReading {
  packId: string;
  atMs: number;
  socPct: number;
  /** Signed cell current, mA: negative while the pack is charging a phone. */
  currentMa: number;
  /** State of health, %: what is left of the rated capacity. */
  sohPct: number;
  latE7: number | null;
  lonE7: number | null;
}

/** Stock in reach, looked up only when a nudge is due. */
export interface StockLookup {
  /** The customer's usual stores (in order) and stores near (lat, lon), each with the packs ready for this customer now. */
  options(customerId: string, usualStoreIds: readonly string[], location: { lat: number; lon: number } | null, nowMs: number): StoreOption[];
}

export interface NudgeEngineConfig extends NudgePolicyConfig {
  policy: NudgePolicyName;
  /** Rated capacity of a pack, mAh (DESIGN: about 2,600): turns the reported current into a time to empty. */
  packCapacityMah?: number;
  holdoutPct: number;
  /** An episode ends when its pack is charged to this SoC or above (or swapped). */
  episodeResetPct: number;
  /** A swap this long after a nudge counts as its conversion. */
  conversionWindowMs: number;
  /** A due customer who could not be nudged (no stock in reach) is looked at again after this long. */
  recheckMs: number;
}

export interface NudgeDecision {
  id: string;
  customerId: string;
  packId: string;
  atMs: number;
  policy: 'personal' | 'blanket';
  outcome: 'send' | 'suppress';
  /** The first failing rule of a suppression; null when sent. */
  reason: SuppressReason | null;
  /** Every failing rule (suppressed), or why it fired (sent). */
  reasons: string[];
  holdout: boolean;
  socPct: number;
  timeToEmptyMin: number;
  leadMin: number | null;
  leadBucket: number | null;
  store: StoreOption | null;
  /** QUIET_HOURS: when it is looked at again. */
  deferUntilMs: number | null;
}

export interface Conversion {
  nudgeId: string;
  holdout: boolean;
}

const bit = (r: SuppressReason): number => 1 << SUPPRESS_REASONS.indexOf(r);
/** Below this draw a pack is idle (self-discharge, the gauge's own noise), not powering a phone. */
const DRAWING_MA = 100;
/** A pack at or below this is flat in the customer's hand. */
const FLAT_PCT = 1;
/** The longest lead time a nudge may fire at: the time-to-empty walk never needs to look further. */
const MAX_LEAD_MIN = Math.max(...LEAD_BUCKETS_MIN);
const DAY_MS = 86_400_000;

export class NudgeEngine {
  readonly discharge = new DischargePrior();
  readonly visits = new VisitPrior();
  readonly lead = new LeadPrior();
  private readonly customers = new Map<string, CustomerNudgeState>();
  /** Customers with a deferred nudge, and when. */
  private readonly deferred = new Map<string, number>();
  /** Every awaiting outcome in time order, to expire them without scanning customers. */
  private readonly awaitingQueue: { customerId: string; nudgeId: string; atMs: number }[] = [];
  private awaitingHead = 0;
  private readonly dirty = new Set<string>();
  readonly counters = { readings: 0, due: 0, sent: 0, suppressed: 0, conversions: 0, expiredOutcomes: 0 };

  constructor(
    readonly config: NudgeEngineConfig,
    private readonly stock: StockLookup,
    private readonly newId: () => string,
  ) {}

  state(customerId: string): CustomerNudgeState | undefined {
    return this.customers.get(customerId);
  }

  get size(): number {
    return this.customers.size;
  }

  private stateFor(customerId: string): CustomerNudgeState {
    let s = this.customers.get(customerId);
    if (s === undefined) {
      s = newCustomerState();
      this.customers.set(customerId, s);
    }
    return s;
  }

  /** A reading of the pack this customer carries (the caller checked custody). */
  onReading(c: NudgeCustomer, r: NudgeReading, nowMs: number): NudgeDecision | null {
    this.counters.readings++;
    const s = this.stateFor(c.id);
    const d = s.discharge;
    const prevSoc = d.lastPackId === r.packId ? d.lastSocPct : null;
    const offsetMs = zoneOffsetMs(c.timeZone, r.atMs);
    const seen = observeReading(d, this.discharge, r.packId, r.socPct, r.atMs, offsetMs);
    if (seen === 'stale') return null;
    this.dirty.add(c.id);
    if (r.latE7 !== null && r.lonE7 !== null) {
      s.lat = r.latE7 / 1e7;
      s.lon = r.lonE7 / 1e7;
    }
    if (s.episodePackId !== r.packId || (r.socPct >= this.config.episodeResetPct && (s.nudged || s.logged !== 0 || s.deferredUntilMs !== 0))) this.newEpisode(c.id, s, r.packId);
    // A nudge whose pack ran flat before any swap came too late (or was not heeded): the bandit learns that now.
    if (r.socPct <= FLAT_PCT && s.awaiting.length > 0) this.learnTooLate(s);
    const policy = this.config.policy;
    if (policy === 'off') return null;
    if (policy === 'blanket') return this.blanket(c, s, r, prevSoc, nowMs);
    // Nothing can change this episode any more: the cheapest exit, taken by most readings after a nudge.
    if (s.nudged && (s.logged & bit('ALREADY_NUDGED_THIS_EPISODE')) !== 0) return null;
    if (s.deferredUntilMs !== 0 || nowMs < s.nextCheckMs) return null;
    // Most readings end here: a pack that is not low by this customer's own standard is never due.
    if (r.socPct > usualSwapSocPct(s.visits, this.visits) + LOW_MARGIN_PCT) return null;
    // The hourly profile says how the pack usually runs down; a phone drawing from it now may empty
    // it much sooner, and the pack reports that current: the nearer of the two is the time to empty.
    // Only "within the longest lead?" matters here, so the walk stops there.
    const drawing = r.currentMa < -DRAWING_MA ? (((r.socPct / 100) * (this.config.packCapacityMah ?? 2600) * Math.max(0.1, r.sohPct / 100)) / -r.currentMa) * 60 : Infinity;
    const lateMin = (nowMs - r.atMs) / 60_000;
    const tte = Math.min(timeToEmptyMin(d, this.discharge, r.socPct, r.atMs, offsetMs, undefined, MAX_LEAD_MIN + lateMin + 1), drawing) - lateMin;
    return this.evaluate(c, s, r.packId, r.socPct, tte, nowMs, false);
  }

  private learnTooLate(s: CustomerNudgeState): void {
    for (const a of s.awaiting) {
      if (a.learned || a.leadBucket === null || a.holdout) continue;
      a.learned = true;
      recordLeadOutcome(s.lead, this.lead, a.leadBucket, false);
    }
  }

  private newEpisode(customerId: string, s: CustomerNudgeState, packId: string): void {
    s.episodePackId = packId;
    s.episodes++;
    s.nudged = false;
    s.logged = 0;
    s.leadBucket = -1;
    s.nextCheckMs = 0;
    if (s.deferredUntilMs !== 0) {
      s.deferredUntilMs = 0;
      this.deferred.delete(customerId);
    }
  }

  private evaluate(c: NudgeCustomer, s: CustomerNudgeState, packId: string, socPct: number, tte: number, nowMs: number, fromDeferral: boolean): NudgeDecision | null {
    if (s.leadBucket < 0) s.leadBucket = chooseLeadBucket(s.lead, this.lead, `${c.id}/${s.episodes}`);
    const leadMin = LEAD_BUCKETS_MIN[s.leadBucket] as number;
    const usualSoc = usualSwapSocPct(s.visits, this.visits);
    if (!isDue(tte, leadMin, socPct, usualSoc)) return null;
    this.counters.due++;
    const cfg = this.config;
    while (s.sentAtMs.length > 0 && (s.sentAtMs[0] as number) <= nowMs - DAY_MS) s.sentAtMs.shift();
    const prefs = c.nudgePrefs;
    const consent = prefs.consent === true;
    // The cheap rules first: when the first failing one is already logged, there is nothing new to say.
    const first: SuppressReason | null = !consent ? 'NO_CONSENT' : s.nudged ? 'ALREADY_NUDGED_THIS_EPISODE' : s.sentAtMs.length >= cfg.maxPer24h ? 'CAP_REACHED' : isQuietAt(prefs.quietHours, c.timeZone, nowMs) ? 'QUIET_HOURS' : null;
    if (first !== null && (s.logged & bit(first)) !== 0) return null;
    const location = Number.isNaN(s.lat) ? null : { lat: s.lat, lon: s.lon };
    const stores = this.stock.options(c.id, usualStores(s.visits), location, nowMs);
    const holdout = inHoldout(c.id, cfg.holdoutPct);
    const v = decideNudge(
      { nowMs, customerId: c.id, consent, timeZone: c.timeZone, quietHours: prefs.quietHours, inHoldout: holdout, nudgedThisEpisode: s.nudged, sentInLast24h: s.sentAtMs.length, timeToEmptyMin: tte, leadMin, socPct, usualSwapSocPct: usualSoc, stores },
      cfg,
    );
    if (v.kind === 'not_due') return null;
    if (v.kind === 'suppress' && (s.logged & bit(v.reason)) !== 0) {
      s.nextCheckMs = nowMs + cfg.recheckMs;
      return null;
    }
    const base = { id: this.newId(), customerId: c.id, packId, atMs: nowMs, policy: 'personal' as const, holdout, socPct, timeToEmptyMin: tte, leadMin, leadBucket: s.leadBucket };
    if (v.kind === 'send') {
      this.markNudged(c.id, s, nowMs, base.id, s.leadBucket, false);
      this.counters.sent++;
      return { ...base, outcome: 'send', reason: null, reasons: fromDeferral ? [...v.reasons, 'DEFERRED_FROM_QUIET_HOURS'] : v.reasons, store: v.store, deferUntilMs: null };
    }
    s.logged |= bit(v.reason);
    if (v.reason === 'HOLDOUT') this.markNudged(c.id, s, nowMs, base.id, s.leadBucket, true);
    if (v.reason === 'QUIET_HOURS' && v.deferUntilMs !== null) {
      s.deferredUntilMs = v.deferUntilMs;
      this.deferred.set(c.id, v.deferUntilMs);
    } else if (v.reason === 'NO_STOCK_REACHABLE') s.nextCheckMs = nowMs + cfg.recheckMs;
    this.counters.suppressed++;
    return { ...base, outcome: 'suppress', reason: v.reason, reasons: v.reasons, store: v.store, deferUntilMs: v.deferUntilMs };
  }

  private blanket(c: NudgeCustomer, s: CustomerNudgeState, r: NudgeReading, prevSoc: number | null, nowMs: number): NudgeDecision | null {
    if (!blanketDue(prevSoc, r.socPct)) return null;
    this.counters.due++;
    const base = { id: this.newId(), customerId: c.id, packId: r.packId, atMs: nowMs, policy: 'blanket' as const, holdout: false, socPct: r.socPct, timeToEmptyMin: Number.NaN, leadMin: null, leadBucket: null, deferUntilMs: null };
    if (c.nudgePrefs.consent !== true) {
      this.counters.suppressed++;
      return { ...base, outcome: 'suppress', reason: 'NO_CONSENT', reasons: ['NO_CONSENT'], store: null };
    }
    const location = Number.isNaN(s.lat) ? null : { lat: s.lat, lon: s.lon };
    const store = blanketStore(this.stock.options(c.id, usualStores(s.visits), location, nowMs));
    if (store === null) {
      this.counters.suppressed++;
      return { ...base, outcome: 'suppress', reason: 'NO_STOCK_REACHABLE', reasons: ['NO_STOCK_REACHABLE'], store: null };
    }
    this.markNudged(c.id, s, nowMs, base.id, null, false);
    this.counters.sent++;
    return { ...base, outcome: 'send', reason: null, reasons: ['SOC_BELOW_BLANKET_THRESHOLD', store.usualRank !== null ? 'USUAL_STORE' : 'NEAREST_STORE'], store };
  }

  private markNudged(customerId: string, s: CustomerNudgeState, atMs: number, nudgeId: string, leadBucket: number | null, holdout: boolean): void {
    s.nudged = true;
    s.sentAtMs.push(atMs);
    s.awaiting.push({ nudgeId, atMs, leadBucket, holdout });
    this.awaitingQueue.push({ customerId, nudgeId, atMs });
  }

  /**
   * The service could not send a nudge the engine decided (the stock went between the decision and
   * the hold): the episode stays open and the customer is looked at again after recheckMs.
   */
  revertSend(customerId: string, nudgeId: string, nowMs: number): void {
    const s = this.customers.get(customerId);
    if (!s) return;
    const i = s.awaiting.findIndex((a) => a.nudgeId === nudgeId);
    if (i < 0) return;
    const [a] = s.awaiting.splice(i, 1);
    const j = s.sentAtMs.lastIndexOf(a!.atMs);
    if (j >= 0) s.sentAtMs.splice(j, 1);
    s.nudged = false;
    s.logged |= bit('NO_STOCK_REACHABLE');
    s.nextCheckMs = nowMs + this.config.recheckMs;
    this.counters.sent--;
  }

  /** A released swap (or first issue) by this customer at storeId. Returns the nudge it converts, if any. */
  onSwap(c: NudgeCustomer, storeId: string, atMs: number, returnedSocPct: number | null = null): Conversion | null {
    const s = this.stateFor(c.id);
    this.dirty.add(c.id);
    // Unless told, the returned pack's SoC is the last reading of the pack they carried.
    const soc = returnedSocPct ?? (s.discharge.lastPackId !== null ? s.discharge.lastSocPct : null);
    observeSwap(s.visits, this.visits, storeId, atMs, hourOfWeekLocal(atMs + zoneOffsetMs(c.timeZone, atMs)), soc);
    // The episode ends with the pack; the next reading of the new one starts another.
    s.episodePackId = null;
    if (s.deferredUntilMs !== 0) {
      s.deferredUntilMs = 0;
      this.deferred.delete(c.id);
    }
    // The most recent nudge inside the window gets the swap; older ones run out as not converted.
    let k = -1;
    for (let i = 0; i < s.awaiting.length; i++) {
      const a = s.awaiting[i]!;
      if (a.atMs <= atMs && atMs - a.atMs <= this.config.conversionWindowMs && (k < 0 || a.atMs >= s.awaiting[k]!.atMs)) k = i;
    }
    if (k < 0) return null;
    const [a] = s.awaiting.splice(k, 1);
    if (a!.leadBucket !== null && !a!.holdout && !a!.learned) recordLeadOutcome(s.lead, this.lead, a!.leadBucket, true);
    this.counters.conversions++;
    return { nudgeId: a!.nudgeId, holdout: a!.holdout };
  }

  /**
   * The timer's work: outcomes whose window closed without a swap teach the bandit, and nudges
   * deferred by quiet hours are looked at again. resolve() gives the customer and the pack they
   * carry now with its latest reading, or null when they no longer carry one.
   */
  sweep(nowMs: number, resolve: (customerId: string) => { customer: NudgeCustomer; packIds: readonly string[] } | null): NudgeDecision[] {
    const q = this.awaitingQueue;
    while (this.awaitingHead < q.length && q[this.awaitingHead]!.atMs + this.config.conversionWindowMs < nowMs) {
      const e = q[this.awaitingHead++]!;
      const s = this.customers.get(e.customerId);
      const i = s ? s.awaiting.findIndex((a) => a.nudgeId === e.nudgeId) : -1;
      if (s && i >= 0) {
        const [a] = s.awaiting.splice(i, 1);
        if (a!.leadBucket !== null && !a!.holdout && !a!.learned) recordLeadOutcome(s.lead, this.lead, a!.leadBucket, false);
        this.dirty.add(e.customerId);
        this.counters.expiredOutcomes++;
      }
    }
    if (this.awaitingHead > 1024 && this.awaitingHead * 2 > q.length) {
      q.splice(0, this.awaitingHead);
      this.awaitingHead = 0;
    }
    const out: NudgeDecision[] = [];
    for (const [customerId, untilMs] of this.deferred) {
      if (untilMs > nowMs) continue;
      this.deferred.delete(customerId);
      const s = this.customers.get(customerId);
      if (!s) continue;
      s.deferredUntilMs = 0;
      const now = resolve(customerId);
      const packId = s.episodePackId;
      if (!now || packId === null || !now.packIds.includes(packId) || s.discharge.lastPackId !== packId) continue;
      const d = s.discharge;
      const offsetMs = zoneOffsetMs(now.customer.timeZone, d.lastAtMs);
      const tte = timeToEmptyMin(d, this.discharge, d.lastSocPct, d.lastAtMs, offsetMs) - (nowMs - d.lastAtMs) / 60_000;
      const decision = this.evaluate(now.customer, s, packId, d.lastSocPct, tte, nowMs, true);
      if (decision) out.push(decision);
    }
    return out;
  }

  /**
   * After a restart: a nudge the ledger recorded in the last day. It counts against the cap, ends
   * its episode (when its pack is still the one carried) and waits for its outcome.
   */
  restoreNudge(n: { customerId: string; nudgeId: string; packId: string; atMs: number; sent: boolean; holdout: boolean; leadBucket: number | null; converted: boolean }, nowMs: number): void {
    const s = this.stateFor(n.customerId);
    if (!(n.sent || n.holdout)) return;
    if (n.atMs > nowMs - DAY_MS) s.sentAtMs.push(n.atMs);
    s.sentAtMs.sort((a, b) => a - b);
    if (s.discharge.lastPackId === null || s.discharge.lastPackId === n.packId) {
      s.episodePackId = n.packId;
      s.nudged = true;
    }
    if (!n.converted && n.atMs + this.config.conversionWindowMs >= nowMs) {
      s.awaiting.push({ nudgeId: n.nudgeId, atMs: n.atMs, leadBucket: n.leadBucket, holdout: n.holdout });
      this.awaitingQueue.push({ customerId: n.customerId, nudgeId: n.nudgeId, atMs: n.atMs });
    }
  }

  /** Restores a customer's learned models (from customer-state encodeModels). */
  restoreModels(customerId: string, s: CustomerNudgeState): void {
    const old = this.customers.get(customerId);
    if (old) {
      // Episode state restored from the ledger stays; the models come from the snapshot.
      s.episodePackId = old.episodePackId;
      s.nudged = old.nudged;
      s.sentAtMs = old.sentAtMs;
      s.awaiting = old.awaiting;
    }
    this.customers.set(customerId, s);
  }

  /** The population's priors as JSON, to keep across restarts. */
  exportPriors(): string {
    return JSON.stringify({
      v: 1,
      discharge: { sum: [...this.discharge.sum], weightH: [...this.discharge.weightH] },
      visits: { swapsByHour: [...this.visits.swapsByHour], total: this.visits.total, swapSocPct: this.visits.swapSocPct },
      lead: { sent: [...this.lead.sent], converted: [...this.lead.converted] },
    });
  }

  /** Restores exportPriors(); false (and nothing changed) when the JSON is not a version this build reads. */
  importPriors(json: string): boolean {
    let p: { v?: number; discharge?: { sum?: number[]; weightH?: number[] }; visits?: { swapsByHour?: number[]; total?: number; swapSocPct?: number }; lead?: { sent?: number[]; converted?: number[] } };
    try {
      p = JSON.parse(json) as typeof p;
    } catch {
      return false;
    }
    const fits = (a: unknown, n: number): a is number[] => Array.isArray(a) && a.length === n && a.every((x) => typeof x === 'number' && Number.isFinite(x));
    const d = p.discharge;
    const v = p.visits;
    const l = p.lead;
    if (p.v !== 1 || !fits(d?.sum, 168) || !fits(d?.weightH, 168) || !fits(v?.swapsByHour, 168) || !fits(l?.sent, this.lead.sent.length) || !fits(l?.converted, this.lead.sent.length)) return false;
    this.discharge.sum.set(d!.sum!);
    this.discharge.weightH.set(d!.weightH!);
    this.visits.swapsByHour.set(v!.swapsByHour!);
    this.visits.total = Number(v!.total) || 0;
    if (Number.isFinite(v!.swapSocPct)) this.visits.swapSocPct = Number(v!.swapSocPct);
    this.lead.sent.set(l!.sent!);
    this.lead.converted.set(l!.converted!);
    return true;
  }

  /** Customers whose models changed since the last call (to persist them). */
  takeDirty(): string[] {
    const ids = [...this.dirty];
    this.dirty.clear();
    return ids;
  }

  /** The customer's expected time to empty now, from their last reading (for the profile). */
  timeToEmptyNow(c: NudgeCustomer, nowMs: number): { socPct: number; atMs: number; timeToEmptyMin: number; scale: number } | null {
    const s = this.customers.get(c.id);
    if (!s || s.discharge.lastPackId === null) return null;
    const d = s.discharge;
    const scale = customerScale(d, this.discharge);
    const tte = timeToEmptyMin(d, this.discharge, d.lastSocPct, d.lastAtMs, zoneOffsetMs(c.timeZone, d.lastAtMs), scale) - (nowMs - d.lastAtMs) / 60_000;
    return { socPct: d.lastSocPct, atMs: d.lastAtMs, timeToEmptyMin: Math.max(0, tte), scale };
  }
}
