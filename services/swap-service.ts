// The swap conversation: a kiosk asks (MQTT or HTTP), the pure eligibility decides, the ledger
// records the decision and its release command durably, then the decision and the command go down.
// Decisions are serialised per kiosk, so two customers racing for the last pack cannot both win,
// and a request id always gets the decision recorded for it the first time.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import { decideSwap, verdictToDecision, type EligibilityPolicy, type SwapInput } from '../domain/eligibility.ts';
import { rankReadyPacks, type PackChoice } from '../domain/pack-choice.ts';
import { CfError } from '../domain/errors.ts';
import type { Hold, KioskView, SlotView } from '../domain/fleet-model.ts';
import type { InboundAck } from '../domain/inbound.ts';
import { isValidId, topics } from '../domain/topics.ts';
import { DoorState, encodeKioskCommand, encodeSwapDecision } from '../proto/codec.ts';
import type { CommandRecord, FleetRegistry, SwapRecord } from '../store/fleet-registry.ts';
import { commandToProto } from './commands.ts';
import type { LiveState } from '../ingest/live-state.ts';
import type { RecentReturns } from './recent-returns.ts';
import type { GuessThrottle } from './guess-throttle.ts';
import { REASON_SENTENCE } from '../domain/reasons.ts';

export interface SwapServiceOptions {
  registry: FleetRegistry;
  live: Pick<LiveState, 'kiosk' | 'pack' | 'online'>;
  clock: Clock;
  policy: EligibilityPolicy;
  /** A release command is void this long after it is issued. */
  releaseTtlMs: number;
  /** Downlink to a device topic (the broker's publish, bound late by app/). */
  publish(topic: string, payload: Uint8Array, qos: 0 | 1): Promise<void>;
  logger: Logger;
  newId?: () => string;
  /** Who just handed in which pack (the tracker records insertions here). */
  returns?: RecentReturns;
  /** Active holds a kiosk may carry (CF_HOLDS_MAX_PER_KIOSK); default 3. */
  holdsMaxPerKiosk?: number;
  /** Packs that must not be handed out whatever their charge (an open custody dispute). */
  isBlocked?: (packId: string) => boolean;
  /** Unknown-card answers per kiosk (services/guess-throttle.ts); such denials stay out of the ledger. */
  guesses?: GuessThrottle;
  /** Told of every decision's outcome and latency (request to recorded and published), for metrics. */
  observeDecision?(outcome: 'allowed' | 'denied' | 'replayed' | 'failed', seconds: number): void;
}

/** What a kiosk asks, from MQTT or HTTP. */
export interface SwapAsk {
  requestId: string;
  customerToken: string;
  returnedPackId: string | null;
  returnedSlot: number | null;
}

export class SwapService {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly log: Logger;
  private readonly newId: () => string;
  readonly counters = { requests: 0, replayed: 0, allowed: 0, denied: 0, failures: 0, publishFailures: 0 };

  constructor(private readonly o: SwapServiceOptions) {
    this.log = o.logger.child({ component: 'swaps' });
    this.newId = o.newId ?? (() => randomUUID());
  }

  /** The ingest pipeline's hook for fleet/v1/kiosks/{id}/swap/requests (already validated). PUBACK after the ledger commit. */
  readonly handleMqtt = (kioskId: string, ask: SwapAsk, ack: InboundAck): void => {
    this.decide(kioskId, ask).then(
      () => ack(),
      (err: unknown) => {
        // Not recorded: no PUBACK, so the kiosk asks again and gets a decision then.
        this.counters.failures++;
        this.log.error({ err, deviceId: kioskId }, 'swap request failed');
        ack(err instanceof Error ? err : new Error(String(err)));
      },
    );
  };

  /** Decides (or replays the recorded decision), records it durably, then publishes decision and commands. */
  decide(kioskId: string, ask: SwapAsk): Promise<SwapRecord> {
    const observe = this.o.observeDecision;
    if (!observe) return this.decideOnce(kioskId, ask, () => {});
    const t0 = performance.now();
    let replayed = false;
    const decided = this.decideOnce(kioskId, ask, () => (replayed = true));
    decided.then(
      (r) => observe(replayed ? 'replayed' : r.verdict.allowed ? 'allowed' : 'denied', (performance.now() - t0) / 1000),
      () => observe('failed', (performance.now() - t0) / 1000),
    );
    return decided;
  }

  private decideOnce(kioskId: string, ask: SwapAsk, onReplay: () => void): Promise<SwapRecord> {
    this.counters.requests++;
    const problem = checkAsk(ask);
    if (problem) return Promise.reject(new CfError('CF_ERR_SWAP_REQUEST_INVALID', problem));
    return this.serial(kioskId, async () => {
      const existing = this.o.registry.swap(kioskId, ask.requestId);
      if (existing) {
        // A redelivered request: the same decision again, and no second release command.
        this.counters.replayed++;
        onReplay();
        await this.publishDecision(existing);
        return existing;
      }
      const nowMs = this.o.clock.now();
      const unrecorded = this.unrecorded.get(`${kioskId}\u0000${ask.requestId}`);
      if (unrecorded) {
        // A redelivered unknown-card request: the same answer again, counted as a replay.
        this.counters.replayed++;
        onReplay();
        return this.answerUnrecorded(unrecorded, true);
      }
      if (this.o.guesses?.throttled(kioskId, nowMs)) return this.answerUnrecorded(this.throttledRecord(kioskId, ask.requestId, nowMs));
      const verdict = decideSwap(this.input(kioskId, ask, nowMs), this.o.policy);
      if (this.o.guesses && verdict.customerId === null) return this.answerUnknown(kioskId, verdict, nowMs);
      const commands: CommandRecord[] = [];
      let release: CommandRecord | null = null;
      if (verdict.allowed && verdict.release) {
        release = this.command(kioskId, nowMs, { kind: 'release', slot: verdict.release.slot, packId: verdict.release.packId, requestId: ask.requestId });
        commands.push(release);
      }
      if (verdict.lockReturnedSlot && ask.returnedSlot !== null) {
        commands.push(this.command(kioskId, nowMs, { kind: 'lock', slot: ask.returnedSlot, reason: verdict.flagReturnedPack ?? 'unsafe' }));
      }
      const record: SwapRecord = {
        kioskId,
        requestId: ask.requestId,
        customerId: verdict.customerId,
        atMs: nowMs,
        verdict,
        commandId: release?.commandId ?? null,
        expiresAtMs: release?.expiresAtMs ?? null,
        outcome: verdict.allowed ? 'pending' : 'denied',
        outcomeAtMs: verdict.allowed ? null : nowMs,
      };
      const flag = verdict.flagReturnedPack && ask.returnedPackId ? { packId: ask.returnedPackId, flag: verdict.flagReturnedPack } : undefined;
      await this.o.registry.recordDecision(record, commands, flag);
      if (verdict.allowed) this.counters.allowed++;
      else this.counters.denied++;
      await this.publishDecision(record);
      for (const c of commands) await this.publishCommand(c);
      return record;
    });
  }

  /**
   * Denials for unknown cards are answered but not written to the ledger: each guess used to leave a
   * permanent row. They are kept in memory for a while so a redelivered request gets the same answer.
   */
  private readonly unrecorded = new Map<string, SwapRecord>();

  private answerUnknown(kioskId: string, verdict: SwapRecord['verdict'], nowMs: number): Promise<SwapRecord> {
    if (this.o.guesses!.unknownAnswered(kioskId, nowMs)) {
      this.log.warn({ deviceId: kioskId }, 'burst of unknown-card requests: kiosk throttled');
      // One anomaly per episode; a failed write must not fail the answer.
      this.o.registry.moveCustody([], nowMs, { kioskId, kind: 'card_guessing', commandId: null, packId: null, detail: 'burst of swap requests with unknown customer tokens: the kiosk is throttled' })
        .catch((err: unknown) => this.log.error({ err, deviceId: kioskId }, 'could not record the card-guessing anomaly'));
    }
    return this.answerUnrecorded({ kioskId, requestId: verdict.requestId, customerId: null, atMs: nowMs, verdict, commandId: null, expiresAtMs: null, outcome: 'denied', outcomeAtMs: nowMs });
  }

  private throttledRecord(kioskId: string, requestId: string, nowMs: number): SwapRecord {
    const verdict = { requestId, kioskId, customerId: null, decidedAtMs: nowMs, allowed: false, reasons: ['KIOSK_THROTTLED' as const], message: REASON_SENTENCE.KIOSK_THROTTLED, release: null, lockReturnedSlot: false, flagReturnedPack: null };
    return { kioskId, requestId, customerId: null, atMs: nowMs, verdict, commandId: null, expiresAtMs: null, outcome: 'denied', outcomeAtMs: nowMs };
  }

  private async answerUnrecorded(r: SwapRecord, replay = false): Promise<SwapRecord> {
    const key = `${r.kioskId}\u0000${r.requestId}`;
    this.unrecorded.delete(key);
    if (this.unrecorded.size >= 10_000) this.unrecorded.delete(this.unrecorded.keys().next().value as string);
    this.unrecorded.set(key, r);
    if (!replay) this.counters.denied++;
    await this.publishDecision(r);
    return r;
  }

  /** What the registry knows about the packs at a kiosk, as eligibility and pack choice need it. */
  private packContext(kioskId: string, nowMs: number): { packLots: Map<string, string>; reserved: Set<string> } {
    const reg = this.o.registry;
    const atKiosk = reg.packsAtKiosk(kioskId);
    const packLots = new Map(atKiosk.map((p) => [p.id, p.lot]));
    const reserved = new Set<string>();
    for (const c of reg.openCommands(kioskId)) if (c.action.kind === 'release' && c.expiresAtMs > nowMs) reserved.add(c.action.packId);
    // Flagged packs must never go out, whatever their charge: treat them as reserved.
    for (const p of atKiosk) if (p.flag || this.o.isBlocked?.(p.id)) reserved.add(p.id);
    return { packLots, reserved };
  }

  /** The packs a customer could be given at this kiosk now, best first (null customer: every hold is someone else's). */
  private readyFor(kioskId: string, customerId: string | null, nowMs: number): PackChoice[] {
    const { packLots, reserved } = this.packContext(kioskId, nowMs);
    const reg = this.o.registry;
    return rankReadyPacks(this.kioskView(kioskId, nowMs).slots, { nowMs, customerId, policy: this.o.policy, recalledLots: reg.recalledLots(), packLots, holds: reg.holds(nowMs, { kioskId }), reservedPackIds: reserved, returnedPackId: null });
  }

  /** The pack a customer would get at this kiosk now, or null. */
  bestReadyPack(kioskId: string, customerId: string, nowMs: number): string | null {
    return this.readyFor(kioskId, customerId, nowMs)[0]?.packId ?? null;
  }

  /** How many packs this customer could be given at this kiosk now ("charged packs there" in a nudge). */
  readyPacksFor(kioskId: string, customerId: string, nowMs: number): number {
    return this.readyFor(kioskId, customerId, nowMs).length;
  }

  /**
   * Chooses and places a hold inside this kiosk's decision order, so a hold and a swap decision
   * cannot race for one pack: the given pack, or the best ready one for the customer. A kiosk
   * carries at most holdsMaxPerKiosk holds, and a nudge's hold never takes the last ready pack
   * nobody holds. A nudge's customer who already holds a pack here keeps that one.
   * CF_ERR_HOLD_INVALID or CF_ERR_HOLD_CAP_REACHED when it cannot be placed.
   */
  placeHold(req: { kioskId: string; packId?: string; customerId: string; ttlMs: number; purpose: 'admin' | 'nudge' }): Promise<{ hold: Hold; readyForCustomer: number }> {
    return this.serial(req.kioskId, async () => {
      const reg = this.o.registry;
      const nowMs = this.o.clock.now();
      const active = reg.holds(nowMs, { kioskId: req.kioskId });
      const own = active.find((h) => h.customerId === req.customerId && (req.packId === undefined || h.packId === req.packId));
      if (own && req.purpose === 'nudge') return { hold: own, readyForCustomer: this.readyPacksFor(req.kioskId, req.customerId, nowMs) };
      const packId = req.packId ?? this.bestReadyPack(req.kioskId, req.customerId, nowMs);
      if (!packId) throw new CfError('CF_ERR_HOLD_INVALID', 'no ready pack at this kiosk to hold');
      const max = this.o.holdsMaxPerKiosk ?? 3;
      if (active.filter((h) => h.packId !== packId).length >= max) throw new CfError('CF_ERR_HOLD_CAP_REACHED', `kiosk ${req.kioskId} already carries ${max} holds`);
      // Someone walking in without a nudge must still find a pack.
      if (req.purpose === 'nudge' && this.readyFor(req.kioskId, null, nowMs).filter((p) => p.packId !== packId).length < 1) throw new CfError('CF_ERR_HOLD_CAP_REACHED', 'a nudge never holds the last ready pack nobody holds');
      const hold: Hold = { packId, kioskId: req.kioskId, customerId: req.customerId, untilMs: nowMs + req.ttlMs };
      await reg.addHold(hold, nowMs);
      return { hold, readyForCustomer: this.readyPacksFor(req.kioskId, req.customerId, nowMs) };
    });
  }

  private input(kioskId: string, ask: SwapAsk, nowMs: number): SwapInput {
    const reg = this.o.registry;
    const customer = reg.customerByToken(ask.customerToken) ?? null;
    const returned = ask.returnedPackId ? reg.pack(ask.returnedPackId) : undefined;
    const returnedLive = ask.returnedPackId ? this.o.live.pack(ask.returnedPackId) : undefined;
    const { packLots, reserved } = this.packContext(kioskId, nowMs);
    return {
      nowMs,
      requestId: ask.requestId,
      kioskId,
      customer,
      swapsInLast24h: customer ? reg.countSwaps(customer.id, nowMs - 86_400_000, nowMs + 1) : 0,
      // Only a request without a returned pack can exceed the limit, so only then is the count needed.
      packsHeld: customer && !ask.returnedPackId ? this.packsHeld(customer.id, nowMs) : 0,
      returnedPackId: ask.returnedPackId,
      returnedPackCustody: returned ? (this.o.returns?.custodyForReturn(returned.id, returned.custody, kioskId, nowMs) ?? returned.custody) : null,
      returnedPackLot: returned?.lot ?? null,
      returnedPackTelemetry: returnedLive ? { tempC: returnedLive.reading.tempC, faultFlags: returnedLive.reading.faultFlags } : null,
      kiosk: this.kioskView(kioskId, nowMs),
      recalledLots: reg.recalledLots(),
      packLots,
      holds: reg.holds(nowMs, { kioskId }),
      reservedPackIds: reserved,
    };
  }

  /** Packs with the customer, plus those an open release promises them (custody moves only when the kiosk reports it). */
  private packsHeld(customerId: string, nowMs: number): number {
    const reg = this.o.registry;
    let n = reg.packsWithCustomer(customerId).length;
    for (const c of reg.openCommands()) {
      if (c.action.kind === 'release' && c.expiresAtMs > nowMs && reg.swap(c.kioskId, c.action.requestId)?.customerId === customerId) n++;
    }
    return n;
  }

  /** The kiosk's latest status joined with each pack's own telemetry (SoH, cycles, faults). */
  kioskView(kioskId: string, nowMs: number): KioskView {
    const k = this.o.live.kiosk(kioskId);
    // The same online answer as GET /v1/kiosks/:id; a kiosk with no status yet is online but unreported.
    const online = this.o.live.online(kioskId, nowMs).online;
    const door = k?.reading.door ?? 0;
    const slots: SlotView[] = (k?.reading.slots ?? []).map((s) => {
      const p = s.packId ? this.o.live.pack(s.packId)?.reading : undefined;
      return { index: s.index, state: s.state, packId: s.packId || null, socPct: s.socPct, sohPct: p?.sohPct ?? null, cycles: p?.cycles ?? null, faultFlags: p?.faultFlags ?? 0, faultCode: s.faultCode, tempC: s.tempC };
    });
    // An open or forced service door means staff (or a thief) at the cabinet: release nothing.
    return { kioskId, online, statusReported: k !== undefined, faulty: door === DoorState.DOOR_STATE_OPEN || door === DoorState.DOOR_STATE_FORCED, slots };
  }

  private command(kioskId: string, nowMs: number, action: CommandRecord['action']): CommandRecord {
    return { commandId: this.newId(), kioskId, action, status: 'issued', issuedAtMs: nowMs, expiresAtMs: nowMs + this.o.releaseTtlMs, updatedAtMs: nowMs, detail: '' };
  }

  private async publishDecision(r: SwapRecord): Promise<void> {
    const payload = encodeSwapDecision(verdictToDecision(r.verdict, r.commandId && r.expiresAtMs !== null ? { commandId: r.commandId, expiresAtMs: r.expiresAtMs } : null));
    await this.safePublish(topics.swapDecisions(r.kioskId), payload);
  }

  private async publishCommand(c: CommandRecord): Promise<void> {
    await this.safePublish(topics.kioskCommands(c.kioskId), encodeKioskCommand(commandToProto(c)));
  }

  /** A lost downlink is not a lost decision: the ledger has it, and the kiosk's retry replays it. */
  private async safePublish(topic: string, payload: Uint8Array): Promise<void> {
    try {
      await this.o.publish(topic, payload, 1);
    } catch (err) {
      this.counters.publishFailures++;
      this.log.warn({ err, topic }, 'downlink publish failed');
    }
  }

  /** Runs fn after everything already queued for this kiosk. */
  private serial<T>(kioskId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(kioskId) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const tail = next.catch(() => {});
    this.chains.set(kioskId, tail);
    void tail.then(() => {
      if (this.chains.get(kioskId) === tail) this.chains.delete(kioskId);
    });
    return next;
  }

  /** The card-guessing throttle's counters, for health. */
  guessCounters(): Record<string, number> | null {
    return this.o.guesses ? { ...this.o.guesses.counters } : null;
  }

  /** For other components that change a kiosk's packs (events, expiry): same per-kiosk order. */
  runForKiosk<T>(kioskId: string, fn: () => Promise<T>): Promise<T> {
    return this.serial(kioskId, fn);
  }
}

function checkAsk(a: SwapAsk): string | null {
  if (!a.requestId || a.requestId.length > 64) return 'requestId must be 1-64 characters';
  if (!a.customerToken || a.customerToken.length > 256) return 'customerToken must be 1-256 characters';
  if (a.returnedPackId !== null && !isValidId(a.returnedPackId)) return 'returnedPackId is not a valid id';
  if (a.returnedSlot !== null && (!Number.isInteger(a.returnedSlot) || a.returnedSlot < 0 || a.returnedSlot > 255)) return 'returnedSlot must be 0..255';
  return null;
}
