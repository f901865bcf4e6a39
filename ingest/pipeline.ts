// The inbound pipeline: route by topic, decode, validate, dedupe, group-commit to the durable log,
// then acknowledge, then update live state and publish to stream rules. Fed by any InboundHandler
// source (the in-process broker hook by default). Nothing else waits in front of a PUBACK: the
// store, custody and the ledgers consume the log behind it.
import type { Logger } from 'pino';
import type { Clock } from '../domain/clock.ts';
import { CfError, type ErrorCode } from '../domain/errors.ts';
import type { InboundAck, InboundHandler, InboundMessage } from '../domain/inbound.ts';
import type { KioskEventRecord, KioskReading, PackReading } from '../domain/readings.ts';
import { parseTopic } from '../domain/topics.ts';
import { validateKioskEvent, validateKioskStatus, validatePackTelemetry, validateSwapRequest, type ValidationLimits, type Validated, type ValidSwapRequest } from '../domain/validate-reading.ts';
import { DecodeError, decodeKioskEvent, decodeKioskStatus, decodePackTelemetry, decodeSwapRequest } from '../proto/codec.ts';
import type { QuarantineRecord } from '../store/registry.ts';
import type { TelemetryStore } from '../store/telemetry-store.ts';
import type { CommittedFeed } from './committed-feed.ts';
import type { LiveState } from './live-state.ts';
import type { OverloadGuard } from './overload-guard.ts';
import { LatencySample, newCounters, type IngestCounters } from './metrics.ts';
import { ReplayWindow } from './replay-window.ts';

export interface PipelineOptions {
  /** Its writeBatch resolves once the batch is durable in the log (store/log/logged-store.ts). */
  store: TelemetryStore;
  /** Durable quarantine (the registry). Quarantined messages are acknowledged once this resolves. */
  quarantine(records: QuarantineRecord[]): Promise<void>;
  live: LiveState;
  clock: Clock;
  limits: ValidationLimits;
  /** Commit when a batch holds this many messages... */
  batchMax: number;
  /** ...or this long after its first message arrived. */
  batchDelayMs: number;
  /** Messages waiting for a commit beyond this are refused (not acknowledged), so memory stays bounded. */
  maxPending: number;
  logger: Logger;
  /** Valid swap requests go to the swap service, which acknowledges once its ledger committed; without one they are quarantined. */
  onSwapRequest?: (kioskId: string, request: ValidSwapRequest, ack: InboundAck) => void;
  /** Stream rules: every durable batch, after it is acknowledged (ingest/committed-feed.ts). */
  feed?: CommittedFeed;
  /** Past capacity, refuses a share of pack telemetry early, before any work is spent on it. */
  overload?: Pick<OverloadGuard, 'refuses'>;
}

type Reading =
  | { kind: 'pack'; key: string; deviceId: string; value: PackReading; acks: InboundAck[] }
  | { kind: 'kiosk'; key: string; deviceId: string; value: KioskReading; acks: InboundAck[] }
  | { kind: 'event'; key: string; deviceId: string; value: KioskEventRecord; acks: InboundAck[] };
type Item = Reading | { kind: 'quarantine'; value: QuarantineRecord; acks: InboundAck[] };

export class IngestPipeline {
  readonly counters: IngestCounters = newCounters();
  readonly commitLatencyMs = new LatencySample();
  readonly batchSizes = new LatencySample(512);
  private readonly window = new ReplayWindow();
  /** Readings waiting for or inside a commit, by device/boot/seq, so an in-flight duplicate joins its original. */
  private readonly inflight = new Map<string, Item>();
  private current: Item[] = [];
  private pending = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Appends and quarantine writes not settled yet (flush waits for them). */
  private readonly inFlight = new Set<Promise<void>>();
  /** Receive time of the oldest reading of each append in flight. */
  private readonly appending = new Set<{ oldestAtMs: number }>();
  private closed = false;
  private lastErrorLogMs = -Infinity;
  private readonly topics = new Map<string, ReturnType<typeof parseTopic>>();
  private readonly log: Logger;

  constructor(private readonly opts: PipelineOptions) {
    this.log = opts.logger.child({ component: 'ingest' });
  }

  /** The source-agnostic entry point: (device identity, topic, payload) and an ack. */
  readonly handle: InboundHandler = (msg, ack) => {
    this.counters.received++;
    if (this.closed) return ack(new CfError('CF_ERR_STORE_UNAVAILABLE', 'ingest is shutting down'));
    // Only packs: kiosk statuses, events and swap requests always go through.
    if (msg.deviceKind === 'pack' && this.opts.overload?.refuses(msg.deviceId)) {
      this.counters.rejectedOverload++;
      return ack(new CfError('CF_ERR_INGEST_OVERLOADED'));
    }
    const receivedAtMs = this.opts.clock.now();
    const t = this.topicOf(msg.topic);
    if (!t.ok || t.direction !== 'up') return this.quarantine(msg, receivedAtMs, 'CF_ERR_INGEST_TOPIC_UNKNOWN', t.ok ? 'downlink topic' : t.reason, ack);
    // The broker's ACL already checked this; the pipeline does not trust its sources either.
    if (t.deviceId !== msg.deviceId || t.deviceKind !== msg.deviceKind) {
      return this.quarantine(msg, receivedAtMs, 'CF_ERR_INGEST_DEVICE_MISMATCH', `topic names ${t.deviceId}`, ack);
    }
    try {
      switch (t.kind) {
        case 'pack.telemetry':
          return this.enqueue('pack', msg, validatePackTelemetry(msg.deviceId, decodePackTelemetry(msg.payload), receivedAtMs, this.opts.limits), receivedAtMs, ack);
        case 'kiosk.status':
          return this.enqueue('kiosk', msg, validateKioskStatus(msg.deviceId, decodeKioskStatus(msg.payload), receivedAtMs, this.opts.limits), receivedAtMs, ack);
        case 'kiosk.events':
          return this.enqueue('event', msg, validateKioskEvent(msg.deviceId, decodeKioskEvent(msg.payload), receivedAtMs, this.opts.limits), receivedAtMs, ack);
        case 'kiosk.swap.requests': {
          const v = validateSwapRequest(decodeSwapRequest(msg.payload));
          if (!v.ok) return this.quarantine(msg, receivedAtMs, v.reason, v.detail, ack);
          this.opts.live.seen(msg.deviceId, receivedAtMs);
          if (!this.opts.onSwapRequest) return this.quarantine(msg, receivedAtMs, 'CF_ERR_INGEST_TOPIC_UNKNOWN', 'no swap service is running', ack);
          return this.opts.onSwapRequest(msg.deviceId, v.value, ack);
        }
      }
    } catch (err) {
      if (err instanceof DecodeError) {
        return this.quarantine(msg, receivedAtMs, err.code === 'MISSING_HEADER' || err.code === 'EMPTY' ? 'CF_ERR_INGEST_NO_HEADER' : 'CF_ERR_INGEST_DECODE', err.message, ack);
      }
      // A bug in one message's handling must not stop the loop: quarantine it and say so.
      this.log.error({ err, deviceId: msg.deviceId, topic: msg.topic }, 'unexpected error handling a message');
      return this.quarantine(msg, receivedAtMs, 'CF_ERR_INGEST_DECODE', `internal: ${(err as Error).message}`, ack);
    }
  };

  /** A device publishes to the same topic every time: parse each topic once (bounded cache). */
  private topicOf(topic: string): ReturnType<typeof parseTopic> {
    let t = this.topics.get(topic);
    if (t === undefined) {
      if (this.topics.size >= 200_000) this.topics.clear();
      t = parseTopic(topic);
      this.topics.set(topic, t);
    }
    return t;
  }

  private enqueue(kind: 'pack' | 'kiosk' | 'event', msg: InboundMessage, v: Validated<PackReading | KioskReading | KioskEventRecord>, receivedAtMs: number, ack: InboundAck): void {
    if (!v.ok) return this.quarantine(msg, receivedAtMs, v.reason, v.detail, ack);
    const r = v.value;
    const verdict = this.window.check(msg.deviceId, r.bootId, r.seq);
    if (verdict === 'seen') {
      // Committed already (a QoS 1 resend whose PUBACK was lost): acknowledge, add nothing.
      this.counters.duplicates++;
      this.opts.live.seen(msg.deviceId, receivedAtMs);
      return ack();
    }
    const key = `${msg.deviceId}\u0000${r.bootId}\u0000${r.seq}`;
    const twin = this.inflight.get(key);
    if (twin) {
      // Same reading still on its way to the store: acknowledge both when it lands.
      this.counters.duplicates++;
      twin.acks.push(ack);
      return;
    }
    const item = { kind, key, deviceId: msg.deviceId, value: r, acks: [ack] } as Item;
    this.inflight.set(key, item);
    this.push(item, ack);
  }

  private quarantine(msg: InboundMessage, receivedAtMs: number, reason: ErrorCode, detail: string, ack: InboundAck): void {
    this.counters.quarantined++;
    this.counters.quarantinedByReason[reason] = (this.counters.quarantinedByReason[reason] ?? 0) + 1;
    // Copy: the payload may be a view into a larger socket chunk that we should not keep alive.
    const value: QuarantineRecord = { atMs: receivedAtMs, deviceId: msg.deviceId, topic: msg.topic.slice(0, 512), reason, detail: detail.slice(0, 512), payload: Buffer.from(msg.payload) };
    this.push({ kind: 'quarantine', value, acks: [ack] }, ack);
  }

  private push(item: Item, ack: InboundAck): void {
    if (this.pending >= this.opts.maxPending) {
      this.counters.rejectedBackpressure++;
      if ('key' in item) this.inflight.delete(item.key);
      return ack(new CfError('CF_ERR_STORE_BACKPRESSURE'));
    }
    this.pending++;
    this.current.push(item);
    if (this.current.length >= this.opts.batchMax) this.kick();
    else if (this.timer === null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.kick();
      }, this.opts.batchDelayMs);
    }
  }

  /**
   * Closes the current batch and appends it. Appends are not serialised here: the log writes every
   * append that arrives during an fsync in the next one (group commit), so a batch never waits for
   * the previous batch's acknowledgements to be sent.
   */
  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.current.length === 0) return;
    const batch = this.current;
    this.current = [];
    const readings: Reading[] = [];
    const quarantined: { kind: 'quarantine'; value: QuarantineRecord; acks: InboundAck[] }[] = [];
    for (const it of batch) {
      if (it.kind === 'quarantine') quarantined.push(it);
      else readings.push(it);
    }
    if (readings.length > 0) this.track(this.commitReadings(readings));
    // The quarantine lives in the registry: its writes never hold a reading's PUBACK.
    if (quarantined.length > 0) this.track(this.commitQuarantine(quarantined));
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async commitReadings(batch: Reading[]): Promise<void> {
    const packs: PackReading[] = [];
    const kiosks: KioskReading[] = [];
    const events: KioskEventRecord[] = [];
    for (const it of batch) {
      if (it.kind === 'pack') packs.push(it.value);
      else if (it.kind === 'kiosk') kiosks.push(it.value);
      else events.push(it.value);
    }
    const t0 = performance.now();
    let error: Error | null = null;
    const mark = { oldestAtMs: batch[0]!.value.receivedAtMs };
    this.appending.add(mark);
    try {
      const res = await this.opts.store.writeBatch({ packs, kiosks, events });
      this.counters.accepted += res.written;
      this.counters.duplicates += res.duplicates;
    } catch (err) {
      error = this.failed(err, batch.length);
    }
    this.appending.delete(mark);
    this.commitLatencyMs.record(performance.now() - t0);
    this.batchSizes.record(batch.length);
    this.counters.batches++;
    this.pending -= batch.length;
    const live = this.opts.live;
    for (const it of batch) {
      this.inflight.delete(it.key);
      if (!error) {
        this.window.commit(it.deviceId, it.value.bootId, it.value.seq);
        if (it.kind === 'pack') live.applyPack(it.value);
        else if (it.kind === 'kiosk') live.applyKiosk(it.value);
        else live.seen(it.deviceId, it.value.receivedAtMs);
      }
      for (const ack of it.acks) ack(error);
    }
    if (!error) this.opts.feed?.publish({ packs, kiosks, events });
  }

  private async commitQuarantine(batch: { value: QuarantineRecord; acks: InboundAck[] }[]): Promise<void> {
    let error: Error | null = null;
    try {
      await this.opts.quarantine(batch.map((it) => it.value));
    } catch (err) {
      error = this.failed(err, batch.length);
    }
    this.pending -= batch.length;
    for (const it of batch) for (const ack of it.acks) ack(error);
  }

  private failed(err: unknown, size: number): Error {
    const error = err instanceof Error ? err : new Error(String(err));
    if (err instanceof CfError && err.code === 'CF_ERR_STORE_BACKPRESSURE') {
      this.counters.rejectedBackpressure += size;
      return error;
    }
    this.counters.commitFailures++;
    this.counters.lastCommitError = error.message;
    const now = performance.now();
    if (now - this.lastErrorLogMs > 5000) {
      this.lastErrorLogMs = now;
      this.log.error({ err: error, size, failures: this.counters.commitFailures }, 'commit failed; messages are not acknowledged and will be resent');
    }
    return error;
  }

  /** Receive time of the oldest reading taken but not yet durable in the log, or null. */
  oldestPendingReceivedAtMs(): number | null {
    let oldest: number | null = null;
    for (const m of this.appending) if (oldest === null || m.oldestAtMs < oldest) oldest = m.oldestAtMs;
    const first = this.current.find((it) => it.kind !== 'quarantine');
    if (first && (oldest === null || first.value.receivedAtMs < oldest)) oldest = first.value.receivedAtMs;
    return oldest;
  }

  /** Commits everything accepted so far. */
  async flush(): Promise<void> {
    while (this.current.length > 0 || this.inFlight.size > 0) {
      this.kick();
      await Promise.all([...this.inFlight]);
    }
  }

  /** Stops taking messages and commits what was taken. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  stats(): IngestCounters & { pending: number; commitP50Ms: number | null; commitP99Ms: number | null; batchP50: number | null } {
    return { ...this.counters, pending: this.pending, commitP50Ms: this.commitLatencyMs.percentile(50), commitP99Ms: this.commitLatencyMs.percentile(99), batchP50: this.batchSizes.percentile(50) };
  }
}
